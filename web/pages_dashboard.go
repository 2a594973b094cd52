package web

import (
	"bytes"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/chart"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/web/i18n"
)

// dashboardRefresh is how often the dashboard's live part is fetched again (by
// dashboard.js; without JavaScript the page reloads itself at twice that).
const dashboardRefresh = 30 * time.Second

// figures formats the numbers of a page in its language: counts grouped "1.234" in
// Vietnamese and "1,234" in English, percentages "98,5%" / "98.5%", "–" for none.
type figures struct{ Lang string }

// N formats a count.
func (f figures) N(n int64) string { return report.FormatInt(f.Lang, n) }

// NI formats a count held in an int.
func (f figures) NI(n int) string { return f.N(int64(n)) }

// PctF formats a percentage that always exists (a share of a non-empty total).
func (f figures) PctF(p float64) string { return f.Pct(&p) }

// Pct formats a percentage (98.5 → "98,5%" / "98.5%"); nil, the rate of nothing, is "–".
func (f figures) Pct(p *float64) string {
	if p == nil {
		return "–"
	}
	return chart.FormatPercentLang(*p/100, 2, f.Lang)
}

// Ratio formats a ratio to the same period of the previous year ("3,2 lần" /
// "3.2×"); nil (nothing in the previous year) is "–".
func (f figures) Ratio(r *float64) string {
	if r == nil {
		return "–"
	}
	return i18n.T(f.Lang, "transparency.times", map[string]any{"n": f.short(*r)})
}

// Points formats a difference of percentages in percentage points ("1,25 điểm %");
// nil is "–".
func (f figures) Points(p *float64) string {
	if p == nil {
		return "–"
	}
	return i18n.T(f.Lang, "transparency.points", map[string]any{"n": f.short(*p)})
}

// D formats a day as dd/mm/yyyy.
func (f figures) D(d calendar.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// Minutes formats a duration in seconds as minutes with one decimal.
func (f figures) Minutes(sec int64) string {
	return chart.FormatNumberLang(float64(sec)/60, 1, f.Lang)
}

// short formats v with at most two decimals, trailing zeros dropped ("3,2", "2").
func (f figures) short(v float64) string {
	s := chart.FormatNumberLang(v, 2, f.Lang)
	mark := ","
	if f.Lang == "en" {
		mark = "."
	}
	if !strings.Contains(s, mark) {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), mark)
}

// dashboardPage is what dashboard.html receives.
type dashboardPage struct {
	figures
	*dashboard
	// ProvinceWide: the actor has no unit and may pick one (Units).
	ProvinceWide bool
	Units        []catalog.Unit
	LiveURL      string
	// OverdueLink and DueTodayLink open the dossier book with the same filters.
	OverdueLink, DueTodayLink string
	LateChart, DailyChart     template.HTML
	MonthlyChart              template.HTML
	RefreshSeconds            int
	// NoScriptRefresh: without JavaScript the whole page reloads this often.
	NoScriptRefresh int
	// AnyLate: some unit had a late dossier this month (else no chart is drawn).
	AnyLate bool
}

// dashboardScope is the unit the dashboard shows: the actor's own unit for unit-bound
// actors (another unit is forbidden), else ?unit= ("" = the province).
func dashboardScope(r *http.Request) (string, error) {
	return reportScope(r, strings.TrimSpace(r.URL.Query().Get("unit")), "")
}

// pageDashboard is the director's dashboard (/dashboard): today's counts, overdue and
// due dossiers linked to the book, late rates per unit this month, the trends, the
// queue and today's ratings, the live part refreshed without reloading the page.
func (s *Server) pageDashboard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unit, err := dashboardScope(r)
	if err != nil {
		return err
	}
	d, err := s.gatherDashboard(ctx, unit, s.DB.Now(), true)
	if err != nil {
		return err
	}
	v := s.view(r, "dashboard.title", nil)
	p := s.dashboardPage(r, v.Lang, d)
	if p.ProvinceWide {
		units, err := s.Catalog.ListUnits(ctx)
		if err != nil {
			return err
		}
		for _, u := range units {
			if u.Active || u.Code == unit {
				p.Units = append(p.Units, u)
			}
		}
	}
	for _, u := range d.LateUnits {
		p.AnyLate = p.AnyLate || u.Late > 0
	}
	if p.AnyLate {
		if p.LateChart, err = lateChart(v.Lang, i18n.T(v.Lang, "dashboard.late_chart", nil), d.LateUnits, dashTopUnits); err != nil {
			return err
		}
	}
	if p.DailyChart, err = dailyChart(v.Lang, d.Daily); err != nil {
		return err
	}
	if p.MonthlyChart, err = monthlyChart(v.Lang, d.Monthly); err != nil {
		return err
	}
	v.Data = p
	return s.render(w, http.StatusOK, "dashboard", v)
}

// pageDashboardLive answers GET /dashboard/live: the live part of the dashboard alone,
// an HTML fragment that dashboard.js puts in place of the old one.
func (s *Server) pageDashboardLive(w http.ResponseWriter, r *http.Request) error {
	unit, err := dashboardScope(r)
	if err != nil {
		return err
	}
	d, err := s.gatherDashboard(r.Context(), unit, s.DB.Now(), false)
	if err != nil {
		return err
	}
	v := s.view(r, "dashboard.title", nil)
	v.Data = s.dashboardPage(r, v.Lang, d)
	var buf bytes.Buffer
	if err := s.pages.sets["dashboard"].ExecuteTemplate(&buf, "dashboard-live", v); err != nil {
		return fmt.Errorf("render dashboard live part: %w", err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}

// apiDashboard answers GET /api/v1/reports/dashboard: the dashboard's figures as JSON.
func (s *Server) apiDashboard(w http.ResponseWriter, r *http.Request) error {
	unit, err := dashboardScope(r)
	if err != nil {
		return err
	}
	d, err := s.gatherDashboard(r.Context(), unit, s.DB.Now(), true)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

// dashboardPage wraps the figures for the template: number formats in lang, the
// links to the dossier book and the fragment's address with the same scope.
func (s *Server) dashboardPage(r *http.Request, lang string, d *dashboard) *dashboardPage {
	a := motcua.ActorFrom(r.Context())
	p := &dashboardPage{figures: figures{lang}, dashboard: d, ProvinceWide: a != nil && a.UnitCode == "",
		RefreshSeconds:  int(dashboardRefresh / time.Second),
		NoScriptRefresh: int(2 * dashboardRefresh / time.Second)}
	book := func(q url.Values) string {
		if p.ProvinceWide && d.Unit != "" {
			q.Set("unit", d.Unit)
		}
		return "/book?" + q.Encode()
	}
	p.OverdueLink = book(url.Values{"overdue": {"true"}, "status": {statusList(openStates)}})
	// Due later today: due from now to the end of the day (the overdue ones have their own link).
	p.DueTodayLink = book(url.Values{"status": {statusList(dueTodayStates)}, "due_before": {d.Day.String()},
		"due_from": {s.DB.Now().In(motcua.ICT).Truncate(time.Minute).Format(time.RFC3339)}})
	live := url.Values{}
	if d.Unit != "" && p.ProvinceWide {
		live.Set("unit", d.Unit)
	}
	p.LiveURL = "/dashboard/live"
	if len(live) > 0 {
		p.LiveURL += "?" + live.Encode()
	}
	return p
}

// statusList is the book's status filter for states: their names, comma-separated.
func statusList(states []dossier.State) string {
	names := make([]string, len(states))
	for i, st := range states {
		names[i] = string(st)
	}
	return strings.Join(names, ",")
}

// svgHTML renders a chart into HTML to embed in a page (the chart package escapes
// every text it draws).
func svgHTML(draw func(*bytes.Buffer) error) (template.HTML, error) {
	var b bytes.Buffer
	if err := draw(&b); err != nil {
		return "", fmt.Errorf("draw chart: %w", err)
	}
	return template.HTML(b.String()), nil //nolint:gosec // SVG built and escaped by package chart
}

// lateChart draws the late rate of the first n units of a ranking as horizontal bars.
func lateChart(lang, title string, units []dashUnitRate, n int) (template.HTML, error) {
	c := chart.BarChart{Title: title, Horizontal: true, Percent: true, Color: chart.Palette[1], ID: "late", Lang: lang}
	f := figures{lang}
	var items []string
	for i, u := range units {
		if i == n {
			break
		}
		v := 0.0
		if u.LateRate != nil {
			v = *u.LateRate / 100
		}
		c.Bars = append(c.Bars, chart.BarItem{Label: u.Name, Value: v})
		items = append(items, u.Name+": "+f.Pct(u.LateRate))
	}
	c.Desc = chartDesc(lang, items)
	return svgHTML(func(b *bytes.Buffer) error { return chart.Bar(b, c) })
}

// chartDesc is a chart's accessible description in the page's language.
func chartDesc(lang string, items []string) string {
	if len(items) == 0 {
		return i18n.T(lang, "dashboard.no_data", nil)
	}
	return strings.Join(items, "; ") + "."
}

// dailyChart draws the dossiers received and resolved per day.
func dailyChart(lang string, days []dashDay) (template.HTML, error) {
	recv, res := i18n.T(lang, "dashboard.received", nil), i18n.T(lang, "dashboard.resolved", nil)
	c := chart.LineChart{Title: i18n.T(lang, "dashboard.daily_chart", nil), ID: "daily", Lang: lang,
		Series: []chart.Series{{Name: recv}, {Name: res}}}
	f := figures{lang}
	var items []string
	for _, d := range days {
		c.Labels = append(c.Labels, fmt.Sprintf("%02d/%02d", d.Day.Day, int(d.Day.Month)))
		c.Series[0].Values = append(c.Series[0].Values, float64(d.Received))
		c.Series[1].Values = append(c.Series[1].Values, float64(d.Resolved))
		items = append(items, fmt.Sprintf("%02d/%02d: %s %s, %s %s", d.Day.Day, int(d.Day.Month), recv, f.N(d.Received), res, f.N(d.Resolved)))
	}
	c.Desc = chartDesc(lang, items)
	return svgHTML(func(b *bytes.Buffer) error { return chart.Line(b, c) })
}

// monthlyChart draws the on-time rate per month; a month with nothing resolved is a
// gap.
func monthlyChart(lang string, months []dashMonth) (template.HTML, error) {
	name := i18n.T(lang, "dashboard.on_time_rate", nil)
	c := chart.LineChart{Title: i18n.T(lang, "dashboard.monthly_chart", nil), ID: "monthly", Lang: lang, Percent: true, FitRange: true,
		Series: []chart.Series{{Name: name}}}
	f := figures{lang}
	var items []string
	for _, m := range months {
		c.Labels = append(c.Labels, m.ym.Label(lang))
		v := math.NaN()
		if m.OnTimeRate != nil {
			v = *m.OnTimeRate / 100
		}
		c.Series[0].Values = append(c.Series[0].Values, v)
		items = append(items, m.ym.Label(lang)+": "+f.Pct(m.OnTimeRate))
	}
	c.Desc = chartDesc(lang, items)
	return svgHTML(func(b *bytes.Buffer) error { return chart.Line(b, c) })
}
