package web

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/web/i18n"
)

// bookPage is the data of the dossier book (sổ theo dõi hồ sơ).
type bookPage struct {
	Q             url.Values
	Items         []bookRow
	Total         int
	N             string // Total as the page shows it: "10000+" past bookCountLimit
	Offset, Limit int
	Prev, Next    string // links to the neighbouring pages ("" when none)
	States        []dossier.State
	Units         []catalog.Unit
	UnitNames     map[string]string
	ProvinceWide  bool
	CSV           string // the CSV link with the same filters
}

type bookRow struct {
	dossier.Summary
	Urgency urgency
}

// bookPageSize is the number of rows per page of the book.
const bookPageSize = 50

// bookCountLimit caps the count of the book's matches: beyond it the page says
// "10000+" rather than counting a whole year of dossiers on every page view.
const bookCountLimit = 10_000

// pageBook is the dossier book: every dossier of the actor's scope, filtered by
// status, procedure, code or applicant name (with or without diacritics), received
// dates, overdue and — for province-wide users — unit; paged.
func (s *Server) pageBook(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := motcua.ActorFrom(ctx)
	q := r.URL.Query()
	if q.Get("limit") == "" {
		q.Set("limit", strconv.Itoa(bookPageSize))
	}
	r.URL.RawQuery = q.Encode()
	bp := &bookPage{Q: q, N: "0", States: dossier.States, ProvinceWide: a.UnitCode == "", UnitNames: map[string]string{}}
	units, err := s.Catalog.ListUnits(ctx)
	if err != nil {
		return err
	}
	for _, u := range units {
		bp.UnitNames[u.Code] = u.Name
	}
	if bp.ProvinceWide {
		bp.Units = units
	}
	bp.CSV = "/book.csv?" + bookQuery(q, -1)
	v := s.view(r, "book.title", bp)
	status := http.StatusOK
	f, err := dossierFilter(r)
	if err == nil {
		now := s.DB.Now()
		f.Now, f.CountLimit = now, bookCountLimit
		var items []dossier.Summary
		items, bp.Total, err = s.Dossiers.List(ctx, f)
		if err == nil {
			bp.Offset, bp.Limit = f.Offset, f.Limit
			bp.N = strconv.Itoa(bp.Total)
			if bound := max(f.CountLimit, f.Offset+f.Limit); bp.Total > bound {
				bp.N = strconv.Itoa(bound) + "+"
			}
			cals := map[string]*calendar.Calendar{} // one look-up per unit, not per row
			for _, sm := range items {
				row := bookRow{Summary: sm}
				if sm.DueAt != nil {
					row.Urgency = s.urgencyWith(ctx, cals, sm.UnitCode, sm.State, *sm.DueAt, sm.CompletedAt != nil, now)
				}
				bp.Items = append(bp.Items, row)
			}
			if f.Offset > 0 {
				bp.Prev = "/book?" + bookQuery(q, max(0, f.Offset-f.Limit))
			}
			if f.Offset+f.Limit < bp.Total {
				bp.Next = "/book?" + bookQuery(q, f.Offset+f.Limit)
			}
		}
	}
	if err != nil { // a filter the user can correct: say so above the form
		e := motcua.AsError(err)
		if e == nil || (e.Code != motcua.EINVALID && e.Code != motcua.EFORBIDDEN && e.Code != motcua.EUNPROCESSABLE) {
			return err
		}
		status, v.Error = statusOf[e.Code], staffMessage(v.Lang, e)
	}
	return s.render(w, status, "book", v)
}

// bookQuery encodes the filters with a new offset (offset < 0 drops paging).
func bookQuery(q url.Values, offset int) string {
	out := url.Values{}
	for _, k := range []string{"status", "procedure", "q", "received_from", "received_to", "due_from", "due_before", "overdue", "unit"} {
		if v := q.Get(k); v != "" {
			out.Set(k, v)
		}
	}
	if offset >= 0 {
		out.Set("limit", q.Get("limit"))
		if offset > 0 {
			out.Set("offset", strconv.Itoa(offset))
		}
	}
	return out.Encode()
}

// Maximum rows of one CSV export, and the page size it is read in.
const (
	bookCSVMax  = 100_000
	bookCSVPage = 1000
)

// pageBookCSV streams the dossier book with the same filters as a CSV file (UTF-8
// with a byte-order mark so spreadsheet programs read the Vietnamese text, headers in
// the page's language, at most 100 000 rows), reading it page by page.
func (s *Server) pageBookCSV(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	q.Del("limit")
	q.Del("offset")
	r.URL.RawQuery = q.Encode()
	f, err := dossierFilter(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	lang := langOf(r)
	now := s.DB.Now()
	f.Now, f.Limit, f.Offset = now, bookCSVPage, 0
	// the first page before any byte is sent, so an error still gets a proper page
	items, _, err := s.Dossiers.List(ctx, f)
	if err != nil {
		return err
	}
	names := s.unitName(ctx)
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", `attachment; filename="so-theo-doi-ho-so-`+now.In(motcua.ICT).Format("20060102-1504")+`.csv"`)
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write([]byte("\uFEFF")); err != nil {
		return nil
	}
	cw := csv.NewWriter(w)
	head := []string{}
	for _, k := range []string{"code", "procedure_code", "procedure_name", "applicant", "state", "channel", "received_at", "due_at",
		"completed_at", "outcome", "overdue", "unit", "current_unit", "assignee"} {
		head = append(head, i18n.T(lang, "book.col."+k, nil))
	}
	cw.Write(head)
	seen := map[string]bool{}
	n := 0
	tm := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.In(motcua.ICT).Format("02/01/2006 15:04")
	}
	for {
		for _, sm := range items {
			if seen[sm.Code] || n >= bookCSVMax {
				continue // a dossier received while exporting shifts the pages
			}
			seen[sm.Code] = true
			n++
			outcome, overdue := "", ""
			if sm.Outcome != "" {
				outcome = i18n.T(lang, "outcome."+sm.Outcome, nil)
			}
			if sm.CompletedAt == nil && !sm.State.Terminal() && sm.DueAt != nil && now.After(*sm.DueAt) {
				overdue = i18n.T(lang, "common.yes", nil)
			}
			cw.Write([]string{csvCell(sm.Code), csvCell(sm.ProcedureCode), csvCell(sm.ProcedureName), csvCell(sm.ApplicantName),
				i18n.T(lang, "state."+string(sm.State), nil), i18n.T(lang, "channel."+string(sm.Channel), nil),
				tm(sm.ReceivedAt), tm(sm.DueAt), tm(sm.CompletedAt), outcome, overdue,
				csvCell(names(sm.UnitCode)), csvCell(names(sm.CurrentUnit)), csvCell(sm.Assignee)})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return nil // the client went away
		}
		if len(items) < f.Limit || n >= bookCSVMax {
			return nil
		}
		f.Offset += f.Limit
		if items, _, err = s.Dossiers.List(ctx, f); err != nil {
			s.log.Error("book csv: next page", "offset", f.Offset, "err", err)
			return nil // headers are sent: the truncated file is all we can do
		}
	}
}

// csvCell defuses text a spreadsheet would run as a formula (=, +, -, @ first).
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
