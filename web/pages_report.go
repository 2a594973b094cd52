package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/chart"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/tablexport"
	"github.com/motcua/motcua/web/i18n"
)

// reportChartBars caps the bars of the on-time chart: with more groups (procedures)
// it shows those that resolved the most dossiers.
const reportChartBars = 25

// reportForm is the filter form of the report pages as submitted, kept to show it
// again.
type reportForm struct {
	Preset, From, To                              string
	Unit, RecvUnit, Field, Procedure, Channel, By string
}

// reportOption is one option of a select.
type reportOption struct{ Value, Label string }

// reportRequest is a parsed report request: the query and the form to show again.
type reportRequest struct {
	Query report.Query
	Form  reportForm
}

// reportTableView is a table ready for a template: the header cells with their spans
// and the rows of formatted cells.
type reportTableView struct {
	Header [][]tablexport.HeaderCell
	Rows   []reportRowView
}

type reportRowView struct {
	Cells []reportCellView
	Total bool
}

type reportCellView struct {
	Text string
	Num  bool
}

// tableView formats t in lang as the page shows it.
func tableView(lang string, t tablexport.Table) reportTableView {
	v := reportTableView{Header: t.Header}
	for i, r := range t.Rows {
		row := reportRowView{Total: i >= len(t.Rows)-t.TotalRows}
		for _, c := range r {
			row.Cells = append(row.Cells, reportCellView{Text: report.FormatCell(lang, c), Num: c.Kind != tablexport.Text || c.Text == "–"})
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// reportCard is one headline figure of the report page.
type reportCard struct{ Label, Value, Note string }

// reportPageData is what reports.html and reports_periodic.html receive.
type reportPageData struct {
	Form       reportForm
	Periodic   bool
	Presets    []reportOption
	Units      []reportOption
	UnitLocked bool
	Fields     []reportOption
	Channels   []reportOption
	GroupBys   []reportOption
	Invalid    string // the field at fault
	Ready      bool   // figures computed
	Period     string
	Cards      []reportCard
	Table      reportTableView
	TableTitle string
	Chart      template.HTML
	ChartNote  string
	Rank       reportTableView
	// Export links: the same filters as the page, the period as from/to.
	ExportXLSX, ExportCSV, RankXLSX, RankCSV string
}

// parseReportRequest reads the report filters of a page or export request: a period
// preset (preset=month|prev_month|quarter|half_year|year, or custom with from= and
// to=), unit, recv_unit, field, procedure, channel and group_by; the unit scope of
// the actor is applied (reportScope). A page may not end after today: a pending
// count at a future day would call every dossier due before it overdue.
func (s *Server) parseReportRequest(r *http.Request, allowedGroups []report.GroupBy) (reportRequest, error) {
	v := r.URL.Query()
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := reportForm{Preset: get("preset"), From: get("from"), To: get("to"), Unit: get("unit"), RecvUnit: get("recv_unit"),
		Field: get("field"), Procedure: get("procedure"), Channel: get("channel"), By: get("group_by")}
	req := reportRequest{Form: f}
	if f.By == "" {
		f.By = string(allowedGroups[0])
		req.Form.By = f.By
	}
	if !slices.Contains(allowedGroups, report.GroupBy(f.By)) {
		return req, motcua.FieldError(motcua.EINVALID, "group_by", "report.group_by_invalid")
	}
	today := calendar.DateOf(s.DB.Now())
	if f.Preset == "" && f.From == "" && f.To == "" {
		f.Preset = string(report.PresetMonth)
		req.Form.Preset = f.Preset
	}
	var from, to calendar.Date
	if f.Preset != "" && f.Preset != "custom" {
		var ok bool
		if from, to, ok = report.Preset(f.Preset).Period(today); !ok {
			return req, motcua.FieldError(motcua.EINVALID, "preset", "report.preset_invalid")
		}
		req.Form.From, req.Form.To = from.String(), to.String()
	} else {
		req.Form.Preset = "custom"
		var err error
		if from, to, err = s.reportPeriod(r); err != nil {
			return req, err
		}
		if today.Before(to) {
			return req, motcua.FieldError(motcua.EINVALID, "to", "report.to_future")
		}
	}
	if f.Channel != "" && !catalog.Channel(f.Channel).Valid() {
		return req, motcua.FieldError(motcua.EINVALID, "channel", "report.channel_invalid")
	}
	unit, err := reportScope(r, f.Unit, f.RecvUnit)
	if err != nil {
		return req, err
	}
	req.Query = report.Query{From: from, To: to, Unit: unit, RecvUnit: f.RecvUnit, Field: f.Field, Procedure: f.Procedure,
		Channel: catalog.Channel(f.Channel), GroupBy: report.GroupBy(f.By)}
	req.Form.Unit = unit
	return req, nil
}

// encode writes the request's filters as a URL query, with the period as from/to so
// that an export gives the same days as the page even after midnight.
func (rq reportRequest) encode() string {
	v := url.Values{}
	q := rq.Query
	v.Set("from", q.From.String())
	v.Set("to", q.To.String())
	for k, x := range map[string]string{"unit": q.Unit, "recv_unit": q.RecvUnit, "field": q.Field, "procedure": q.Procedure,
		"channel": string(q.Channel), "group_by": string(q.GroupBy)} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v.Encode()
}

// reportNamer returns the name of a group key of grouping g in lang (ReportNamer).
func (s *Server) reportNamer(ctx context.Context, lang string, g report.GroupBy) (func(string) string, error) {
	return ReportNamer(ctx, s.Catalog, lang, g)
}

// ReportNamer returns the name of a group key of grouping g in lang, read from the
// catalogue cs: a unit's or field's name (a field's English name in English when it
// has one), a procedure's code and name, a channel's label; "" (a procedure without
// field) is "not specified" and an unknown code is shown as is. The report pages and
// the `motcua report` command name their lines with it.
func ReportNamer(ctx context.Context, cs catalog.Store, lang string, g report.GroupBy) (func(string) string, error) {
	names := map[string]string{}
	switch g {
	case report.ByUnit:
		units, err := cs.ListUnits(ctx)
		if err != nil {
			return nil, fmt.Errorf("report names: %w", err)
		}
		for _, u := range units {
			names[u.Code] = u.Name
		}
	case report.ByField:
		fields, err := cs.ListFields(ctx)
		if err != nil {
			return nil, fmt.Errorf("report names: %w", err)
		}
		for _, f := range fields {
			names[f.Code] = f.Name
			if lang == "en" && f.NameEN != "" {
				names[f.Code] = f.NameEN
			}
		}
	case report.ByProcedure:
		for off := 0; ; off += 500 {
			ps, total, err := cs.ListProcedures(ctx, catalog.ProcedureFilter{Limit: 500, Offset: off})
			if err != nil {
				return nil, fmt.Errorf("report names: %w", err)
			}
			for _, p := range ps {
				names[p.Code] = p.Code + " – " + p.Name
			}
			if len(ps) == 0 || off+len(ps) >= total {
				break
			}
		}
	case report.ByChannel:
		for _, c := range catalog.AllChannels {
			names[string(c)] = i18n.T(lang, "channel."+string(c), nil)
		}
	}
	return func(k string) string {
		if k == "" {
			return i18n.T(lang, "report.not_specified", nil)
		}
		if n, ok := names[k]; ok {
			return n
		}
		return k
	}, nil
}

// tr returns the catalogue of lang as a function.
func tr(lang string) func(string) string {
	return func(k string) string { return i18n.T(lang, k, nil) }
}

// reportFormOptions fills the selects of the filter form; a unit-bound actor is
// offered their own unit only.
func (s *Server) reportFormOptions(ctx context.Context, lang string, d *reportPageData, groups []report.GroupBy) error {
	a := motcua.ActorFrom(ctx)
	for _, p := range report.Presets {
		d.Presets = append(d.Presets, reportOption{string(p), i18n.T(lang, "report.preset."+string(p), nil)})
	}
	d.Presets = append(d.Presets, reportOption{"custom", i18n.T(lang, "report.preset.custom", nil)})
	units, err := s.Catalog.ListUnits(ctx)
	if err != nil {
		return fmt.Errorf("report form: %w", err)
	}
	for _, u := range units {
		if a != nil && a.UnitCode != "" && u.Code != a.UnitCode {
			continue
		}
		d.Units = append(d.Units, reportOption{u.Code, u.Name})
	}
	d.UnitLocked = a != nil && a.UnitCode != ""
	fields, err := s.Catalog.ListFields(ctx)
	if err != nil {
		return fmt.Errorf("report form: %w", err)
	}
	for _, f := range fields {
		n := f.Name
		if lang == "en" && f.NameEN != "" {
			n = f.NameEN
		}
		d.Fields = append(d.Fields, reportOption{f.Code, n})
	}
	sort.Slice(d.Fields, func(i, j int) bool { return d.Fields[i].Label < d.Fields[j].Label })
	for _, c := range catalog.AllChannels {
		d.Channels = append(d.Channels, reportOption{string(c), i18n.T(lang, "channel."+string(c), nil)})
	}
	for _, g := range groups {
		d.GroupBys = append(d.GroupBys, reportOption{string(g), i18n.T(lang, "report.group_by."+string(g), nil)})
	}
	return nil
}

// reportInvalid turns a validation error into the page's error message and the
// field at fault; other errors (forbidden, storage) are returned to become an error
// page.
func reportInvalid(r *http.Request, lang string, err error) (msg, field string, rerr error) {
	if motcua.ErrorCode(err) != motcua.EINVALID {
		return "", "", err
	}
	p := problemFor(r, lang, err)
	msg = i18n.T(lang, p.Key, p.Params)
	if p.Field != "" {
		msg = i18n.T(lang, "report.f."+p.Field, nil) + ": " + msg
	}
	return msg, p.Field, nil
}

// summaryGroups are the groupings the report page offers.
var summaryGroups = []report.GroupBy{report.ByUnit, report.ByField, report.ByProcedure, report.ByChannel, report.ByNone}

// periodicGroups are the groupings of the official periodic report.
var periodicGroups = []report.GroupBy{report.ByUnit, report.ByField}

// pageReports shows the report page: the filters, the headline figures of the period,
// the table grouped as asked, a chart of the on-time rate per group, and the ranking
// of units by late rate; with links to export exactly the table shown.
func (s *Server) pageReports(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := langOf(r)
	d := &reportPageData{}
	req, err := s.parseReportRequest(r, summaryGroups)
	d.Form = req.Form
	if oerr := s.reportFormOptions(ctx, lang, d, summaryGroups); oerr != nil {
		return oerr
	}
	v := s.view(r, "report.title", d)
	if err != nil {
		if v.Error, d.Invalid, err = reportInvalid(r, lang, err); err != nil {
			return err
		}
		return s.render(w, http.StatusBadRequest, "reports", v)
	}
	sum, err := s.DB.ReportSummary(ctx, req.Query)
	if err != nil {
		if v.Error, d.Invalid, err = reportInvalid(r, lang, err); err != nil {
			return err
		}
		return s.render(w, http.StatusBadRequest, "reports", v)
	}
	name, err := s.reportNamer(ctx, lang, sum.GroupBy)
	if err != nil {
		return err
	}
	ranks, err := s.DB.ReportLateUnits(ctx, req.Query.From, req.Query.To, req.Query.Unit)
	if err != nil {
		return err
	}
	unitName, err := s.reportNamer(ctx, lang, report.ByUnit)
	if err != nil {
		return err
	}
	d.Ready = true
	d.Period = report.PeriodFormat(lang, sum.From, sum.To)
	d.Cards = reportCards(lang, sum.Total)
	d.Table = tableView(lang, report.SummaryTable(sum, lang, name, tr(lang), s.DB.Now()))
	d.Rank = tableView(lang, report.RankTable(sum.From, sum.To, ranks, lang, unitName, tr(lang), s.DB.Now()))
	if d.Chart, d.ChartNote, err = onTimeChart(lang, sum, name); err != nil {
		return err
	}
	q := req.encode()
	d.ExportXLSX, d.ExportCSV = "/reports/summary.xlsx?"+q, "/reports/summary.csv?"+q
	rq := url.Values{"from": {sum.From.String()}, "to": {sum.To.String()}}
	if req.Query.Unit != "" {
		rq.Set("unit", req.Query.Unit)
	}
	d.RankXLSX, d.RankCSV = "/reports/late-units.xlsx?"+rq.Encode(), "/reports/late-units.csv?"+rq.Encode()
	return s.render(w, http.StatusOK, "reports", v)
}

// reportCards are the headline figures of the whole selection.
func reportCards(lang string, f report.Figures) []reportCard {
	t := func(k string, kv ...any) string { return i18n.T(lang, k, kvMap(kv)) }
	n := func(x int64) string { return report.FormatInt(lang, x) }
	p := func(x *float64) string { return report.FormatPercent(lang, x) }
	dec := func(x *float64) string {
		if x == nil {
			return "–"
		}
		return report.FormatDecimal(lang, *x, 2)
	}
	return []reportCard{
		{t("report.card.received"), n(f.Received), t("report.card.received_note", "carried", n(f.CarriedOver), "counter", n(f.ReceivedCounter), "online", n(f.ReceivedOnline), "post", n(f.ReceivedPost))},
		{t("report.card.on_time_rate"), p(f.OnTimeRate), t("report.card.resolved_note", "resolved", n(f.Resolved), "early", n(f.ResolvedEarly), "on_time", n(f.ResolvedOnTime), "late", n(f.ResolvedLate))},
		{t("report.card.pending"), n(f.Pending), t("report.card.pending_note", "within", n(f.PendingWithinDeadline), "overdue", n(f.PendingOverdue))},
		{t("report.card.supplements"), n(f.SupplementRequests), t("report.card.refusals_note", "intake", n(f.RefusedIntake), "refused", n(f.Refused), "withdrawn", n(f.Withdrawn))},
		{t("report.card.return_rate"), p(f.ReturnRate), t("report.card.returns_note", "returned", n(f.Returned), "post", n(f.ReturnedPost))},
		{t("report.card.fees"), n(f.FeesCollected) + " đ", t("report.card.fees_note", "owed", n(f.FeesOwed))},
		{t("report.card.hours_ahead"), n((f.MinutesAhead + 30) / 60), t("report.card.hours_ahead_note", "avg", dec(f.AverageHoursAhead))},
		{t("report.card.online_share"), p(f.OnlineShare), t("report.card.four_on_spot_note", "share", p(f.FourOnSpotShare), "n", n(f.ReceivedFourOnSpot))},
		{t("report.card.previous_year"), dec(f.ReceivedRatio), t("report.card.previous_year_note", "received", n(f.ReceivedPreviousYear), "resolved", n(f.ResolvedPreviousYear), "ratio", dec(f.ResolvedRatio))},
	}
}

// onTimeChart draws the on-time rate of each group that resolved dossiers (at most
// reportChartBars, those that resolved the most), as a horizontal bar chart.
func onTimeChart(lang string, sum *report.Summary, name func(string) string) (template.HTML, string, error) {
	gs := make([]report.Group, 0, len(sum.Groups))
	for _, g := range sum.Groups {
		if g.OnTimeRate != nil {
			gs = append(gs, g)
		}
	}
	if len(gs) == 0 {
		return "", "", nil
	}
	note := ""
	if len(gs) > reportChartBars {
		sort.SliceStable(gs, func(i, j int) bool { return gs[i].Resolved > gs[j].Resolved })
		gs = gs[:reportChartBars]
		note = i18n.T(lang, "report.chart_top", map[string]any{"n": reportChartBars})
	}
	c := chart.BarChart{Title: i18n.T(lang, "report.chart_on_time", nil), Horizontal: true, Percent: true, ID: "ontime", Lang: lang}
	items := make([]string, 0, len(gs))
	for _, g := range gs {
		c.Bars = append(c.Bars, chart.BarItem{Label: name(g.Key), Value: *g.OnTimeRate / 100})
		items = append(items, name(g.Key)+": "+report.FormatPercent(lang, g.OnTimeRate))
	}
	c.Desc = i18n.T(lang, "report.chart_desc", nil) + " " + strings.Join(items, "; ") + "."
	var buf bytes.Buffer
	if err := chart.Bar(&buf, c); err != nil {
		return "", "", fmt.Errorf("on-time chart: %w", err)
	}
	// The chart package escapes every text it writes (package chart, doc.go).
	return template.HTML(buf.String()), note, nil
}

// pagePeriodicReport shows the official periodic report ("Tình hình, kết quả giải
// quyết thủ tục hành chính", Circular 01/2020/TT-VPCP) per unit or field, laid out for
// printing, with links to export it.
func (s *Server) pagePeriodicReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	lang := langOf(r)
	d := &reportPageData{Periodic: true}
	req, err := s.parseReportRequest(r, periodicGroups)
	d.Form = req.Form
	if oerr := s.reportFormOptions(ctx, lang, d, periodicGroups); oerr != nil {
		return oerr
	}
	v := s.view(r, "report.periodic_title", d)
	if err == nil {
		var p *report.Periodic
		if p, err = s.periodicReport(ctx, lang, report.Query{From: req.Query.From, To: req.Query.To, Unit: req.Query.Unit, GroupBy: req.Query.GroupBy}); err == nil {
			d.Ready = true
			d.Period = report.PeriodFormat(lang, p.From, p.To)
			t := p.Table(lang, s.DB.Now())
			d.Table, d.TableTitle = tableView(lang, t), t.Title
			q := reportRequest{Query: report.Query{From: p.From, To: p.To, Unit: req.Query.Unit, GroupBy: p.GroupBy}}.encode()
			d.ExportXLSX, d.ExportCSV = "/reports/periodic.xlsx?"+q, "/reports/periodic.csv?"+q
			return s.render(w, http.StatusOK, "reports_periodic", v)
		}
	}
	if v.Error, d.Invalid, err = reportInvalid(r, lang, err); err != nil {
		return err
	}
	return s.render(w, http.StatusBadRequest, "reports_periodic", v)
}

// periodicReport computes the periodic report of q (grouped by unit or field) with
// the names in lang.
func (s *Server) periodicReport(ctx context.Context, lang string, q report.Query) (*report.Periodic, error) {
	if q.GroupBy != report.ByUnit && q.GroupBy != report.ByField {
		return nil, motcua.FieldError(motcua.EINVALID, "group_by", "report.periodic_group_by")
	}
	sum, err := s.DB.ReportSummary(ctx, q)
	if err != nil {
		return nil, err
	}
	name, err := s.reportNamer(ctx, lang, q.GroupBy)
	if err != nil {
		return nil, err
	}
	p, err := report.NewPeriodic(sum, name, report.PeriodicTotal.In(lang))
	if err != nil {
		return nil, fmt.Errorf("periodic report: %w", err)
	}
	return p, nil
}
