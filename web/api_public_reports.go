package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/vntext"
	"github.com/motcua/motcua/web/i18n"
)

// Public transparency (issue 7, "Public transparency page"): the province publishes,
// per unit and period, the dossiers received and resolved, the on-time and late rates,
// the list of units with the highest late rates (lateness attributed to the unit that
// lost the time, as the seeds' published lists), the totals against the same period
// of the previous year, the late rates month by month ("tỷ lệ chậm, quá hạn ổn định
// giữa các tháng") and the satisfaction shares. Only aggregates and unit names leave
// here: no dossier, applicant, officer or counter is named. The same figures are open
// data (CSV and JSON).

// Period kinds of the transparency page.
const (
	periodMonth   = "month"
	periodQuarter = "quarter"
	periodYear    = "year"
)

// transparencyMonths is how many months the month-by-month late rates cover.
const transparencyMonths = 6

// transparencyFirstYear is the earliest year a period may be asked for.
const transparencyFirstYear = 2000

// pubPeriod is the period the transparency figures describe: a month ("2026-03"), a
// quarter ("2026-Q1") or a year ("2026"). To is the period's last day or, for the
// current period, today (Complete is false then).
type pubPeriod struct {
	Kind     string        `json:"kind"`
	Key      string        `json:"key"`
	From     calendar.Date `json:"from"`
	To       calendar.Date `json:"to"`
	Complete bool          `json:"complete"`
	Year     int           `json:"-"`
	Num      int           `json:"-"` // month 1–12 or quarter 1–4
}

var periodRE = regexp.MustCompile(`^(\d{4})(?:-(\d{2})|-[Qq]([1-4]))?$`)

// parsePeriod reads a period key (YYYY-MM, YYYY-Qn or YYYY; "" is the current month)
// as of today. A period that has not begun, or before 2000, is refused.
func parsePeriod(key string, today calendar.Date) (pubPeriod, error) {
	key = strings.TrimSpace(key)
	if key == "" {
		key = monthOfDate(today).String()
	}
	bad := motcua.FieldError(motcua.EINVALID, "period", "transparency.period_invalid")
	m := periodRE.FindStringSubmatch(key)
	if m == nil {
		return pubPeriod{}, bad
	}
	y, _ := strconv.Atoi(m[1])
	p := pubPeriod{Year: y}
	var end calendar.Date
	switch {
	case m[2] != "":
		mo, _ := strconv.Atoi(m[2])
		if mo < 1 || mo > 12 {
			return pubPeriod{}, bad
		}
		ym := yearMonth{y, time.Month(mo)}
		p.Kind, p.Num, p.Key, p.From, end = periodMonth, mo, ym.String(), ym.First(), ym.Last()
	case m[3] != "":
		q, _ := strconv.Atoi(m[3])
		first := yearMonth{y, time.Month(3*q - 2)}
		p.Kind, p.Num, p.Key, p.From, end = periodQuarter, q, fmt.Sprintf("%04d-Q%d", y, q), first.First(), first.Add(2).Last()
	default:
		p.Kind, p.Key, p.From, end = periodYear, fmt.Sprintf("%04d", y), calendar.D(y, 1, 1), calendar.D(y, 12, 31)
	}
	if y < transparencyFirstYear || today.Before(p.From) {
		return pubPeriod{}, bad
	}
	p.To, p.Complete = end, true
	if today.Before(end) {
		p.To, p.Complete = today, false
	}
	return p, nil
}

// Label names the period in lang: "tháng 3/2026", "quý I/2026", "năm 2026".
func (p pubPeriod) Label(lang string) string {
	switch p.Kind {
	case periodMonth:
		return i18n.T(lang, "transparency.period.month", map[string]any{"m": p.Num, "y": p.Year})
	case periodQuarter:
		return i18n.T(lang, "transparency.period.quarter", map[string]any{"q": []string{"I", "II", "III", "IV"}[p.Num-1], "y": p.Year})
	}
	return i18n.T(lang, "transparency.period.year", map[string]any{"y": p.Year})
}

// pubUnit is one unit's line of the transparency report. Received, resolved, pending
// and overdue are filed under the resolving unit (report.Figures); Handled,
// LateAttributed and AttributedLateRate count the dossiers resolved in the period that
// the unit worked on and those late because of it (report.UnitRank).
type pubUnit struct {
	Unit               string   `json:"unit_code"`
	Name               string   `json:"unit_name"`
	Received           int64    `json:"received"`
	Resolved           int64    `json:"resolved"`
	ResolvedOnTime     int64    `json:"resolved_on_time"` // early and on time
	ResolvedLate       int64    `json:"resolved_late"`
	OnTimeRate         *float64 `json:"on_time_rate"`
	LateRate           *float64 `json:"late_rate"`
	Pending            int64    `json:"pending"`
	PendingOverdue     int64    `json:"pending_overdue"`
	Handled            int64    `json:"handled"`
	LateAttributed     int64    `json:"late_attributed"`
	AttributedLateRate *float64 `json:"attributed_late_rate"`
}

// pubTotal is the province's line, with the same period of the previous year and the
// ratios to it ("tăng hơn 3,2 lần so với cùng kỳ").
type pubTotal struct {
	Received             int64    `json:"received"`
	ReceivedOnline       int64    `json:"received_online"`
	OnlineShare          *float64 `json:"online_share"`
	Resolved             int64    `json:"resolved"`
	ResolvedOnTime       int64    `json:"resolved_on_time"`
	ResolvedLate         int64    `json:"resolved_late"`
	OnTimeRate           *float64 `json:"on_time_rate"`
	LateRate             *float64 `json:"late_rate"`
	Pending              int64    `json:"pending"`
	PendingOverdue       int64    `json:"pending_overdue"`
	ReceivedPreviousYear int64    `json:"received_previous_year"`
	ReceivedRatio        *float64 `json:"received_ratio_previous_year"`
	ResolvedPreviousYear int64    `json:"resolved_previous_year"`
	ResolvedRatio        *float64 `json:"resolved_ratio_previous_year"`
}

// pubMonthly is one unit's late rate (attributed) in each of the months, and the
// spread between its highest and lowest month in percentage points: a small spread is
// a rate "stable between months".
type pubMonthly struct {
	Unit   string     `json:"unit_code"`
	Name   string     `json:"unit_name"`
	Rates  []*float64 `json:"late_rates"`
	Spread *float64   `json:"spread"`
}

// pubSatisfaction is the satisfaction shares of the ratings given at one unit.
type pubSatisfaction struct {
	Unit    string         `json:"unit_code"`
	Name    string         `json:"unit_name"`
	Summary rating.Summary `json:"summary"`
}

// transparency is the public report of a period: the page /minh-bach and the open
// data JSON.
type transparency struct {
	Period    pubPeriod      `json:"period"`
	Units     []pubUnit      `json:"units"`
	Total     pubTotal       `json:"total"`
	LateUnits []dashUnitRate `json:"late_units"`
	// Months (YYYY-MM) are the columns of Monthly: the six months ending with the
	// period's last month.
	Months            []string          `json:"months"`
	Monthly           []pubMonthly      `json:"monthly_late_rates"`
	Satisfaction      rating.Summary    `json:"satisfaction"`
	SatisfactionUnits []pubSatisfaction `json:"satisfaction_units"`
}

// gatherTransparency collects the public report of p from the report rollups and the
// ratings.
func (s *Server) gatherTransparency(ctx context.Context, p pubPeriod) (*transparency, error) {
	name := s.unitName(ctx)
	t := &transparency{Period: p, Units: []pubUnit{}, LateUnits: []dashUnitRate{}, Months: []string{}, Monthly: []pubMonthly{},
		SatisfactionUnits: []pubSatisfaction{}}
	sum, err := s.DB.ReportSummary(ctx, report.Query{From: p.From, To: p.To, GroupBy: report.ByUnit})
	if err != nil {
		return nil, fmt.Errorf("transparency: summary: %w", err)
	}
	ranks, err := s.DB.ReportLateUnits(ctx, p.From, p.To, "")
	if err != nil {
		return nil, fmt.Errorf("transparency: late units: %w", err)
	}
	byUnit := map[string]*pubUnit{}
	line := func(code string) *pubUnit {
		if byUnit[code] == nil {
			byUnit[code] = &pubUnit{Unit: code, Name: name(code)}
		}
		return byUnit[code]
	}
	for _, g := range sum.Groups {
		f := g.Figures
		if f.Received+f.Resolved+f.Pending == 0 {
			continue
		}
		u := line(g.Key)
		u.Received, u.Resolved, u.ResolvedOnTime, u.ResolvedLate = f.Received, f.Resolved, f.ResolvedEarly+f.ResolvedOnTime, f.ResolvedLate
		u.OnTimeRate, u.LateRate, u.Pending, u.PendingOverdue = f.OnTimeRate, f.LateRate, f.Pending, f.PendingOverdue
	}
	for _, r := range ranks {
		if r.Handled == 0 {
			continue
		}
		u := line(r.Unit)
		u.Handled, u.LateAttributed, u.AttributedLateRate = r.Handled, r.Late, r.LateRate
	}
	for _, u := range byUnit {
		t.Units = append(t.Units, *u)
	}
	slices.SortFunc(t.Units, func(a, b pubUnit) int {
		if c := vntext.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Unit, b.Unit)
	})
	f := sum.Total
	t.Total = pubTotal{Received: f.Received, ReceivedOnline: f.ReceivedOnline, OnlineShare: f.OnlineShare, Resolved: f.Resolved,
		ResolvedOnTime: f.ResolvedEarly + f.ResolvedOnTime, ResolvedLate: f.ResolvedLate, OnTimeRate: f.OnTimeRate, LateRate: f.LateRate,
		Pending: f.Pending, PendingOverdue: f.PendingOverdue, ReceivedPreviousYear: f.ReceivedPreviousYear, ReceivedRatio: f.ReceivedRatio,
		ResolvedPreviousYear: f.ResolvedPreviousYear, ResolvedRatio: f.ResolvedRatio}
	for _, r := range unitRates(ranks, name) {
		if r.Late > 0 {
			t.LateUnits = append(t.LateUnits, r)
		}
	}
	if err := s.monthlyLateRates(ctx, t, monthOfDate(p.To), name); err != nil {
		return nil, err
	}
	if t.Satisfaction, err = s.ratingsOf(ctx, "", p.From, p.To); err != nil {
		return nil, err
	}
	sc, err := s.DB.Ratings().Scale(ctx)
	if err != nil {
		return nil, fmt.Errorf("transparency: rating scale: %w", err)
	}
	groups, err := s.DB.Ratings().RatingCounts(ctx, sqldb.RatingFilter{From: p.From.Time(), To: p.To.AddDays(1).Time()}, "unit")
	if err != nil {
		return nil, fmt.Errorf("transparency: ratings per unit: %w", err)
	}
	for _, g := range groups {
		t.SatisfactionUnits = append(t.SatisfactionUnits, pubSatisfaction{Unit: g.Key, Name: name(g.Key), Summary: rating.Summarize(sc, g.Counts)})
	}
	return t, nil
}

// monthlyLateRates fills the late rate of every unit in each of the six months ending
// with last (the last one to date).
func (s *Server) monthlyLateRates(ctx context.Context, t *transparency, last yearMonth, name func(string) string) error {
	today := calendar.DateOf(s.DB.Now())
	rows := map[string]*pubMonthly{}
	for i := 0; i < transparencyMonths; i++ {
		m := last.Add(i - (transparencyMonths - 1))
		t.Months = append(t.Months, m.String())
		from, to, ok := m.clip(today)
		if !ok {
			continue
		}
		ranks, err := s.DB.ReportLateUnits(ctx, from, to, "")
		if err != nil {
			return fmt.Errorf("transparency: late rates of %s: %w", m, err)
		}
		for _, r := range ranks {
			if r.Handled == 0 {
				continue
			}
			row := rows[r.Unit]
			if row == nil {
				row = &pubMonthly{Unit: r.Unit, Name: name(r.Unit), Rates: make([]*float64, transparencyMonths)}
				rows[r.Unit] = row
			}
			row.Rates[i] = r.LateRate
		}
	}
	for _, row := range rows {
		row.Spread = spread(row.Rates)
		t.Monthly = append(t.Monthly, *row)
	}
	slices.SortFunc(t.Monthly, func(a, b pubMonthly) int {
		if c := vntext.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Unit, b.Unit)
	})
	return nil
}

// spread returns the difference between the highest and the lowest of the rates that
// exist, rounded to two decimals; nil with fewer than two months of data.
func spread(rates []*float64) *float64 {
	lo, hi, n := math.Inf(1), math.Inf(-1), 0
	for _, r := range rates {
		if r != nil {
			lo, hi, n = math.Min(lo, *r), math.Max(hi, *r), n+1
		}
	}
	if n < 2 {
		return nil
	}
	v := math.Round((hi-lo)*100) / 100
	return &v
}

// openDataMaxAge is how long a client or proxy may reuse open data: briefly for a
// period still running, an hour for a closed one.
func openDataMaxAge(p pubPeriod) time.Duration {
	if p.Complete {
		return time.Hour
	}
	return 5 * time.Minute
}

// publicReport reads ?period=, applies the public rate limit and gathers the report.
func (s *Server) publicReport(r *http.Request) (*transparency, error) {
	if !s.lookupRate.Allow(clientIP(r)) {
		return nil, motcua.Errorf(motcua.ETOOMANY, "transparency.rate")
	}
	p, err := parsePeriod(r.URL.Query().Get("period"), calendar.DateOf(s.DB.Now()))
	if err != nil {
		return nil, err
	}
	return s.gatherTransparency(r.Context(), p)
}

// apiOpenDataJSON answers GET /api/v1/public/reports/units.json: the transparency
// report of ?period= as JSON.
func (s *Server) apiOpenDataJSON(w http.ResponseWriter, r *http.Request) error {
	t, err := s.publicReport(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(t); err != nil {
		return fmt.Errorf("open data json: %w", err)
	}
	serveCached(w, r, "application/json; charset=utf-8", "", b.Bytes(), openDataMaxAge(t.Period))
	return nil
}

// openDataColumns are the columns of the CSV, named like the JSON fields.
var openDataColumns = []string{"period", "from", "to", "unit_code", "unit_name", "received", "resolved", "resolved_on_time", "resolved_late",
	"on_time_rate", "late_rate", "pending", "pending_overdue", "handled", "late_attributed", "attributed_late_rate"}

// apiOpenDataCSV answers GET /api/v1/public/reports/units.csv: one row per unit with
// the figures of the page's table (UTF-8 with a byte-order mark, decimal point, empty
// cell for a rate of nothing).
func (s *Server) apiOpenDataCSV(w http.ResponseWriter, r *http.Request) error {
	t, err := s.publicReport(r)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	cw := csv.NewWriter(&b)
	cw.Write(openDataColumns)
	n := func(v int64) string { return strconv.FormatInt(v, 10) }
	rate := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strconv.FormatFloat(*v, 'f', -1, 64)
	}
	p := t.Period
	for _, u := range t.Units {
		cw.Write([]string{p.Key, p.From.String(), p.To.String(), csvCell(u.Unit), csvCell(u.Name), n(u.Received), n(u.Resolved),
			n(u.ResolvedOnTime), n(u.ResolvedLate), rate(u.OnTimeRate), rate(u.LateRate), n(u.Pending), n(u.PendingOverdue),
			n(u.Handled), n(u.LateAttributed), rate(u.AttributedLateRate)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("open data csv: %w", err)
	}
	serveCached(w, r, "text/csv; charset=utf-8", "minh-bach-"+p.Key+".csv", b.Bytes(), openDataMaxAge(p))
	return nil
}

// serveCached writes body with validators for caches: a strong ETag (a hash of the
// body), Cache-Control public with maxAge, and 304 Not Modified when the request's
// If-None-Match names the same ETag. filename, when set, names the download.
func serveCached(w http.ResponseWriter, r *http.Request, contentType, filename string, body []byte, maxAge time.Duration) {
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h := w.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(int(maxAge/time.Second)))
	h.Set("Vary", "Accept-Encoding")
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", contentType)
	if filename != "" {
		h.Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match header names etag (weak comparison, RFC
// 9110 §13.1.2: W/ prefixes are ignored; "*" matches any).
func etagMatch(header, etag string) bool {
	for _, c := range strings.Split(header, ",") {
		c = strings.TrimPrefix(strings.TrimSpace(c), "W/")
		if c == "*" || c == etag {
			return true
		}
	}
	return false
}
