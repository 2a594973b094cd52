package report

import (
	"math"
	"testing"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/tablexport"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{FormatInt("vi", 0), "0"},
		{FormatInt("vi", 642920), "642.920"},
		{FormatInt("en", 642920), "642,920"},
		{FormatInt("vi", -1234567), "-1.234.567"},
		{FormatDecimal("vi", 1234.567, 2), "1.234,57"},
		{FormatDecimal("en", 1234.567, 2), "1,234.57"},
		{FormatDecimal("vi", -0.001, 2), "0,00"},
		{FormatDecimal("en", math.NaN(), 2), "–"},
		{FormatPercent("vi", f64(99.68)), "99,68%"},
		{FormatPercent("en", f64(99.68)), "99.68%"},
		{FormatPercent("vi", nil), "–"},
		{FormatCell("vi", tablexport.IntCell(21648)), "21.648"},
		{FormatCell("en", tablexport.MoneyCell(1500000)), "1,500,000"},
		{FormatCell("vi", tablexport.PercentCell(0.2873)), "28,73%"},
		{FormatCell("vi", PercentCell(nil)), "–"},
		{FormatCell("en", tablexport.TextCell("Sở Tư pháp")), "Sở Tư pháp"},
		{PeriodFormat("vi", calendar.D(2026, 1, 1), calendar.D(2026, 3, 31)), "Từ ngày 01/01/2026 đến ngày 31/03/2026"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestSummaryTable checks the layout of the report page's table: grouped headers
// spanning their columns, one line per group plus the total, hours rounded half up.
func TestSummaryTable(t *testing.T) {
	q := Query{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31), GroupBy: ByChannel}
	s := Assemble(q, map[string]Sums{
		"counter": {Period: map[catalog.Channel]Totals{catalog.ChannelCounter: {Received: 2, ResolvedEarly: 1, ResolvedOnTime: 1, Ended: 2, AheadMinutes: 150}}},
		"post":    {Period: map[catalog.Channel]Totals{catalog.ChannelPost: {Received: 1, ResolvedLate: 1, Ended: 1}}},
	})
	tb := SummaryTable(s, "en", func(k string) string { return "ch:" + k }, func(k string) string { return "<" + k + ">" }, time.Time{})
	cols := 0
	for _, h := range tb.Header[0] {
		cols += max(h.ColSpan, 1)
	}
	if cols != 1+len(SummaryColumns) || len(tb.Header[1]) != len(SummaryColumns)-1 || tb.Header[0][0].Text != "<report.group_by.channel>" {
		t.Fatalf("header: %d columns %+v", cols, tb.Header)
	}
	if len(tb.Rows) != 3 || tb.Rows[0][0].Text != "ch:counter" || tb.Rows[2][0].Text != "<report.total>" || tb.TotalRows != 1 {
		t.Fatalf("rows: %+v", tb.Rows)
	}
	at := func(key string) int {
		for i, c := range SummaryColumns {
			if c.Key == key {
				return i + 1
			}
		}
		t.Fatalf("no column %s", key)
		return 0
	}
	total := tb.Rows[2]
	for _, tc := range []struct {
		key  string
		want tablexport.Cell
	}{
		{"report.col.received_new", tablexport.IntCell(3)},
		{"report.col.received_post", tablexport.IntCell(1)},
		{"report.col.hours_ahead", tablexport.IntCell(3)}, // 150 min = 2,5 h → 3
		{"report.col.average_hours_ahead", tablexport.TextCell("0.83")},
		{"report.col.received_ratio", tablexport.TextCell("–")},
	} {
		if got := total[at(tc.key)]; got != tc.want {
			t.Errorf("total %s = %+v, want %+v", tc.key, got, tc.want)
		}
	}
	if r := total[at("report.col.on_time_rate")]; math.Abs(r.Fraction-0.6667) > 1e-12 {
		t.Errorf("on-time rate %v", r.Fraction)
	}
}
