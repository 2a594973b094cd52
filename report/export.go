package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/tablexport"
)

// FormatInt writes n with digit grouping in lang: "1.234.567" in Vietnamese,
// "1,234,567" in English.
func FormatInt(lang string, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := byte('.')
	if lang == "en" {
		sep = ','
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FormatDecimal writes v with the given number of decimals in lang: "1.234,57" in
// Vietnamese, "1,234.57" in English; NaN and infinities are "–".
func FormatDecimal(lang string, v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	ip, fp, _ := strings.Cut(s, ".")
	n, _ := strconv.ParseInt(ip, 10, 64)
	out := FormatInt(lang, n)
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	if fp != "" {
		if lang == "en" {
			out += "." + fp
		} else {
			out += "," + fp
		}
	}
	return out
}

// FormatPercent writes a percentage (99.68) with two decimals in lang: "99,68%" or
// "99.68%"; nil (no denominator) is "–".
func FormatPercent(lang string, v *float64) string {
	if v == nil {
		return "–"
	}
	return FormatDecimal(lang, *v, 2) + "%"
}

// FormatCell writes a table cell the way a page shows it in lang: counts and amounts
// grouped, percentages with two decimals, decimal figures with their decimals and
// grouped ("1.234,57" in Vietnamese, "1,234.57" in English), text as is; a percentage
// or decimal without a value is "–".
func FormatCell(lang string, c tablexport.Cell) string {
	switch c.Kind {
	case tablexport.Integer, tablexport.Money:
		return FormatInt(lang, c.Int)
	case tablexport.Percent:
		if math.IsNaN(c.Fraction) || math.IsInf(c.Fraction, 0) {
			return "–"
		}
		return FormatDecimal(lang, c.Fraction*100, 2) + "%"
	case tablexport.Decimal:
		return FormatDecimal(lang, c.Float, c.Decimals)
	}
	return c.Text
}

// decimalCell is a decimal figure already rounded to two decimals (average hours
// ahead per dossier, a ratio to the same period of the previous year) as a numeric
// cell shown with two decimals, so that a spreadsheet can sum and chart it and a
// CSV writes it like the percentages; nil (no denominator) is a cell without value,
// written "–".
func decimalCell(v *float64) tablexport.Cell {
	if v == nil {
		return tablexport.DecimalCell(math.NaN(), 2)
	}
	return tablexport.DecimalCell(*v, 2)
}

// wholeHours rounds working minutes to whole hours, half up, as the seeds publish
// them ("642.920 giờ").
func wholeHours(minutes int64) int64 { return (minutes + 30) / 60 }

// SummaryColumn is one column of the summary table: its header (a catalogue key),
// the group header it sits under ("" for none) and its cell for a group's figures.
type SummaryColumn struct {
	Group, Key string
	Cell       func(lang string, f Figures) tablexport.Cell
}

func intCol(group, key string, v func(Figures) int64) SummaryColumn {
	return SummaryColumn{group, key, func(_ string, f Figures) tablexport.Cell { return tablexport.IntCell(v(f)) }}
}

func pctCol(group, key string, v func(Figures) *float64) SummaryColumn {
	return SummaryColumn{group, key, func(_ string, f Figures) tablexport.Cell { return PercentCell(v(f)) }}
}

// SummaryColumns are the figure columns of the report page's grouped table and of
// its exports, in order (domain.md "Reports"): received, resolved, pending, the
// events of the period, returns, fees, time ahead, shares and the same period of the
// previous year.
var SummaryColumns = []SummaryColumn{
	intCol("report.h.received", "report.col.carried_over", func(f Figures) int64 { return f.CarriedOver }),
	intCol("report.h.received", "report.col.received_new", func(f Figures) int64 { return f.Received }),
	intCol("report.h.received", "report.col.received_counter", func(f Figures) int64 { return f.ReceivedCounter }),
	intCol("report.h.received", "report.col.received_online", func(f Figures) int64 { return f.ReceivedOnline }),
	intCol("report.h.received", "report.col.received_post", func(f Figures) int64 { return f.ReceivedPost }),
	intCol("report.h.received", "report.col.received_four_on_spot", func(f Figures) int64 { return f.ReceivedFourOnSpot }),
	intCol("report.h.resolved", "report.col.total", func(f Figures) int64 { return f.Resolved }),
	intCol("report.h.resolved", "report.col.early", func(f Figures) int64 { return f.ResolvedEarly }),
	intCol("report.h.resolved", "report.col.on_time", func(f Figures) int64 { return f.ResolvedOnTime }),
	intCol("report.h.resolved", "report.col.late", func(f Figures) int64 { return f.ResolvedLate }),
	pctCol("report.h.resolved", "report.col.on_time_rate", func(f Figures) *float64 { return f.OnTimeRate }),
	intCol("report.h.pending", "report.col.total", func(f Figures) int64 { return f.Pending }),
	intCol("report.h.pending", "report.col.within_deadline", func(f Figures) int64 { return f.PendingWithinDeadline }),
	intCol("report.h.pending", "report.col.overdue", func(f Figures) int64 { return f.PendingOverdue }),
	intCol("report.h.events", "report.col.supplement_requests", func(f Figures) int64 { return f.SupplementRequests }),
	intCol("report.h.events", "report.col.refused_intake", func(f Figures) int64 { return f.RefusedIntake }),
	intCol("report.h.events", "report.col.refused", func(f Figures) int64 { return f.Refused }),
	intCol("report.h.events", "report.col.withdrawn", func(f Figures) int64 { return f.Withdrawn }),
	intCol("report.h.events", "report.col.apologies", func(f Figures) int64 { return f.Apologies }),
	intCol("report.h.returns", "report.col.returned", func(f Figures) int64 { return f.Returned }),
	pctCol("report.h.returns", "report.col.return_rate", func(f Figures) *float64 { return f.ReturnRate }),
	intCol("report.h.returns", "report.col.returned_post", func(f Figures) int64 { return f.ReturnedPost }),
	{"", "report.col.fees_collected", func(_ string, f Figures) tablexport.Cell { return tablexport.MoneyCell(f.FeesCollected) }},
	intCol("report.h.ahead", "report.col.hours_ahead", func(f Figures) int64 { return wholeHours(f.MinutesAhead) }),
	{"report.h.ahead", "report.col.average_hours_ahead", func(_ string, f Figures) tablexport.Cell { return decimalCell(f.AverageHoursAhead) }},
	pctCol("report.h.shares", "report.col.online_share", func(f Figures) *float64 { return f.OnlineShare }),
	pctCol("report.h.shares", "report.col.four_on_spot_share", func(f Figures) *float64 { return f.FourOnSpotShare }),
	intCol("report.h.previous_year", "report.col.received", func(f Figures) int64 { return f.ReceivedPreviousYear }),
	{"report.h.previous_year", "report.col.received_ratio", func(_ string, f Figures) tablexport.Cell { return decimalCell(f.ReceivedRatio) }},
	intCol("report.h.previous_year", "report.col.resolved", func(f Figures) int64 { return f.ResolvedPreviousYear }),
	{"report.h.previous_year", "report.col.resolved_ratio", func(_ string, f Figures) tablexport.Cell { return decimalCell(f.ResolvedRatio) }},
}

// groupedHeader builds two header rows from a first column and a list of (group,
// key) columns: a column without group spans both rows, consecutive columns of one
// group sit under one merged cell.
func groupedHeader(first string, cols [][2]string, tr func(string) string) [][]tablexport.HeaderCell {
	top := []tablexport.HeaderCell{{Text: first, RowSpan: 2}}
	var sub []tablexport.HeaderCell
	for i := 0; i < len(cols); {
		g := cols[i][0]
		if g == "" {
			top = append(top, tablexport.HeaderCell{Text: tr(cols[i][1]), RowSpan: 2})
			i++
			continue
		}
		j := i
		for j < len(cols) && cols[j][0] == g {
			sub = append(sub, tablexport.HeaderCell{Text: tr(cols[j][1])})
			j++
		}
		top = append(top, tablexport.HeaderCell{Text: tr(g), ColSpan: j - i})
		i = j
	}
	return [][]tablexport.HeaderCell{top, sub}
}

// SummaryTable returns a summary as the table the report page shows and exports:
// one line per group (named by name) and the total line (from the summed sums), the
// columns of SummaryColumns. tr translates catalogue keys into lang.
func SummaryTable(s *Summary, lang string, name func(key string) string, tr func(key string) string, generated time.Time) tablexport.Table {
	cols := make([][2]string, len(SummaryColumns))
	for i, c := range SummaryColumns {
		cols[i] = [2]string{c.Group, c.Key}
	}
	first := tr("report.group_by." + string(s.GroupBy))
	if s.GroupBy == ByNone {
		first = tr("report.scope")
	}
	t := tablexport.Table{
		Title: tr("report.summary_title"), Period: PeriodFormat(lang, s.From, s.To), GeneratedAt: generated,
		Sheet: tr("report.sheet_summary"), Header: groupedHeader(first, cols, tr), TotalRows: 1, Widths: []float64{36},
	}
	row := func(label string, f Figures) []tablexport.Cell {
		r := []tablexport.Cell{tablexport.TextCell(label)}
		for _, c := range SummaryColumns {
			r = append(r, c.Cell(lang, f))
		}
		return r
	}
	for _, g := range s.Groups {
		t.Rows = append(t.Rows, row(name(g.Key), g.Figures))
	}
	t.Rows = append(t.Rows, row(tr("report.total"), s.Total))
	return t
}

// RankTable returns the ranking of units by late rate as a table: rank, unit (named
// by name), the dossiers it handled and those late because of it with the rate, its
// steps on time and late with the hours lost, and the dossiers it resolved as
// resolving unit with those late.
func RankTable(from, to calendar.Date, ranks []UnitRank, lang string, name func(string) string, tr func(string) string, generated time.Time) tablexport.Table {
	cols := [][2]string{
		{"report.h.handled", "report.col.total"}, {"report.h.handled", "report.col.late_by_unit"}, {"report.h.handled", "report.col.late_rate"},
		{"report.h.steps", "report.col.on_time"}, {"report.h.steps", "report.col.late"}, {"report.h.steps", "report.col.hours_late"},
		{"report.h.resolving", "report.col.total"}, {"report.h.resolving", "report.col.late"},
	}
	h := groupedHeader(tr("report.group_by.unit"), cols, tr)
	h[0] = append([]tablexport.HeaderCell{{Text: tr("report.col.rank"), RowSpan: 2}}, h[0]...)
	t := tablexport.Table{
		Title: tr("report.rank_title"), Period: PeriodFormat(lang, from, to), GeneratedAt: generated,
		Sheet: tr("report.sheet_rank"), Header: h, Widths: []float64{6, 36},
	}
	n := tablexport.IntCell
	for i, r := range ranks {
		t.Rows = append(t.Rows, []tablexport.Cell{n(int64(i + 1)), tablexport.TextCell(name(r.Unit)),
			n(r.Handled), n(r.Late), PercentCell(r.LateRate), n(r.StepsOnTime), n(r.StepsLate), n(wholeHours(r.StepLateMinutes)),
			n(r.Resolved), n(r.ResolvedLate)})
	}
	return t
}
