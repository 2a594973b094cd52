package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/chart"
	"github.com/motcua/motcua/web/i18n"
)

// transparencyYears is how many years back the period pickers offer.
const transparencyYears = 5

// periodOption is one choice of a period picker.
type periodOption struct {
	Key, Label string
	Selected   bool
}

// transparencyPage is what transparency.html receives.
type transparencyPage struct {
	figures
	*transparency
	PeriodLabel string
	// MonthMax bounds the month picker (YYYY-MM of today); Quarters and Years are the
	// other pickers' choices, newest first.
	MonthValue, MonthMax string
	Quarters, Years      []periodOption
	MonthLabels          []string
	CSV, JSON            string
	LateChart            template.HTML
	SatisfactionChart    template.HTML
}

// pageTransparency is the public transparency page (/minh-bach, no login): the
// figures of a month, quarter or year per unit, the late units, the province totals
// against the previous year, the month-by-month late rates and the satisfaction
// shares, with the open data links. Rate limited per address like the public lookup.
func (s *Server) pageTransparency(w http.ResponseWriter, r *http.Request) error {
	v := s.view(r, "transparency.title", nil)
	today := calendar.DateOf(s.DB.Now())
	status := http.StatusOK
	t, err := s.publicReport(r)
	if err != nil {
		e := motcua.AsError(err)
		if e == nil || e.Code != motcua.EINVALID {
			return err
		}
		// a period the reader can correct: show this month and say why
		v.Error, status = staffMessage(v.Lang, e), http.StatusBadRequest
		p, _ := parsePeriod("", today)
		if t, err = s.gatherTransparency(r.Context(), p); err != nil {
			return err
		}
	}
	p := &transparencyPage{figures: figures{v.Lang}, transparency: t, PeriodLabel: t.Period.Label(v.Lang),
		MonthMax: monthOfDate(today).String(), MonthValue: monthOfDate(t.Period.To).String()}
	for y := today.Year; y > today.Year-transparencyYears; y-- {
		yp, _ := parsePeriod(strconv.Itoa(y), today)
		p.Years = append(p.Years, periodOption{Key: yp.Key, Label: yp.Label(v.Lang), Selected: yp.Key == t.Period.Key})
		for q := 4; q >= 1; q-- {
			qp, err := parsePeriod(fmt.Sprintf("%d-Q%d", y, q), today)
			if err != nil {
				continue // not begun
			}
			p.Quarters = append(p.Quarters, periodOption{Key: qp.Key, Label: qp.Label(v.Lang), Selected: qp.Key == t.Period.Key})
		}
	}
	for _, m := range t.Months {
		d, _ := calendar.ParseDate(m + "-01")
		p.MonthLabels = append(p.MonthLabels, monthOfDate(d).Label(v.Lang))
	}
	q := url.Values{"period": {t.Period.Key}}.Encode()
	p.CSV, p.JSON = "/api/v1/public/reports/units.csv?"+q, "/api/v1/public/reports/units.json?"+q
	if len(t.LateUnits) > 0 {
		if p.LateChart, err = lateChart(v.Lang, i18n.T(v.Lang, "transparency.late_chart", nil), t.LateUnits, dashTopUnits); err != nil {
			return err
		}
	}
	if p.SatisfactionChart, err = satisfactionChart(v.Lang, t); err != nil {
		return err
	}
	v.Title = i18n.T(v.Lang, "transparency.title", nil) + " · " + p.PeriodLabel
	v.Data = p
	return s.render(w, status, "transparency", v)
}

// satisfactionChart draws the shares of each rating level, for the whole province
// and per unit.
func satisfactionChart(lang string, t *transparency) (template.HTML, error) {
	c := chart.ShareChart{Title: i18n.T(lang, "transparency.satisfaction_chart", nil), ID: "satisfaction", Lang: lang}
	for _, l := range t.Satisfaction.Levels {
		c.Categories = append(c.Categories, levelName(lang, l.Name, l.NameEn))
	}
	row := func(label string, counts map[string]int) chart.ShareRow {
		r := chart.ShareRow{Label: label}
		for _, l := range t.Satisfaction.Levels {
			r.Counts = append(r.Counts, float64(counts[l.Code]))
		}
		return r
	}
	total := map[string]int{}
	for _, l := range t.Satisfaction.Levels {
		total[l.Code] = l.Count
	}
	c.Rows = append(c.Rows, row(i18n.T(lang, "transparency.province", nil), total))
	for _, u := range t.SatisfactionUnits {
		counts := map[string]int{}
		for _, l := range u.Summary.Levels {
			counts[l.Code] = l.Count
		}
		c.Rows = append(c.Rows, row(u.Name, counts))
	}
	var b bytes.Buffer
	if err := chart.Share(&b, c); err != nil {
		return "", fmt.Errorf("draw satisfaction chart: %w", err)
	}
	return template.HTML(b.String()), nil //nolint:gosec // SVG built and escaped by package chart
}

// levelName is a rating level's name in lang.
func levelName(lang, vi, en string) string {
	if lang == "vi" || en == "" {
		return vi
	}
	return en
}
