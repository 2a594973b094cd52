package report

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/tablexport"
)

func f64(v float64) *float64 { return &v }

// TestPeriodic checks the periodic report on a province of two units whose figures
// are computed by hand below.
func TestPeriodic(t *testing.T) {
	const a, b = "000.00.11.H37", "000.00.12.H37"
	q := Query{From: calendar.D(2026, 1, 1), To: calendar.D(2026, 3, 31), GroupBy: ByUnit}
	groups := map[string]Sums{
		// A: 10 received before the period, 6 ended → 4 carried over; 3 due before it,
		// 2 of those ended → 1 overdue carried. In the period: 5 at the counter, 3
		// online, 1 by post; 4 early, 3 on time, 1 late, 8 ended; 2 more fall due, 1
		// of them ended. Pending 4 + 9 − 8 = 5, overdue (3 − 2) + (2 − 1) = 2.
		a: {
			Before: Totals{Received: 10, Ended: 6, DuePassed: 3, EndedDuePassed: 2},
			Period: map[catalog.Channel]Totals{
				catalog.ChannelCounter:    {Received: 5, ResolvedEarly: 4, ResolvedOnTime: 3, ResolvedLate: 1, Ended: 8, DuePassed: 2, EndedDuePassed: 1},
				catalog.ChannelOnlineFull: {Received: 3},
				catalog.ChannelPost:       {Received: 1},
			},
		},
		// B: 1 carried over; 2 received online (partial); 1 on time, 2 late; nothing
		// left pending.
		b: {
			Before: Totals{Received: 3, Ended: 2},
			Period: map[catalog.Channel]Totals{
				catalog.ChannelOnlinePartial: {Received: 2},
				catalog.ChannelCounter:       {ResolvedOnTime: 1, ResolvedLate: 2, Ended: 3},
			},
		},
	}
	names := map[string]string{a: "Sở Tư pháp", b: "Sở Xây dựng"}
	p, err := NewPeriodic(Assemble(q, groups), func(k string) string { return names[k] }, PeriodicTotal.VI)
	if err != nil {
		t.Fatal(err)
	}
	want := &Periodic{From: q.From, To: q.To, GroupBy: ByUnit, Rows: []PeriodicRow{
		{Key: a, Name: "Sở Tư pháp", ReceivedTotal: 13, CarriedOver: 4, ReceivedOnline: 3, ReceivedDirect: 6,
			Resolved: 8, ResolvedEarly: 4, ResolvedOnTime: 3, ResolvedLate: 1, Pending: 5, PendingWithinDeadline: 3, PendingOverdue: 2, OnTimeRate: f64(87.5)},
		{Key: b, Name: "Sở Xây dựng", ReceivedTotal: 3, CarriedOver: 1, ReceivedOnline: 2, ReceivedDirect: 0,
			Resolved: 3, ResolvedEarly: 0, ResolvedOnTime: 1, ResolvedLate: 2, Pending: 0, PendingWithinDeadline: 0, PendingOverdue: 0, OnTimeRate: f64(33.33)},
	},
		// 8 of 11 early or on time: 72,73% — not the mean of the rounded rates (60,42%).
		Total: PeriodicRow{Name: "Tổng cộng", ReceivedTotal: 16, CarriedOver: 5, ReceivedOnline: 5, ReceivedDirect: 6,
			Resolved: 11, ResolvedEarly: 4, ResolvedOnTime: 4, ResolvedLate: 3, Pending: 5, PendingWithinDeadline: 3, PendingOverdue: 2, OnTimeRate: f64(72.73)},
	}
	if !reflect.DeepEqual(p, want) {
		t.Fatalf("periodic:\n got %+v\nwant %+v", p, want)
	}
	for _, r := range append(p.Rows, p.Total) {
		if r.ReceivedTotal != r.CarriedOver+r.ReceivedOnline+r.ReceivedDirect || r.Resolved != r.ResolvedEarly+r.ResolvedOnTime+r.ResolvedLate ||
			r.Pending != r.PendingWithinDeadline+r.PendingOverdue {
			t.Errorf("identities of the form do not hold: %+v", r)
		}
	}

	for _, tc := range []struct {
		lang, title, period, first, total string
	}{
		{"vi", "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Từ ngày 01/01/2026 đến ngày 31/03/2026", "Cơ quan, đơn vị", "Tổng cộng"},
		{"en", "HANDLING OF ADMINISTRATIVE PROCEDURES: SITUATION AND RESULTS", "From 01/01/2026 to 31/03/2026", "Agency, unit", "Tổng cộng"},
	} {
		tb := p.Table(tc.lang, time.Time{}, "note")
		if tb.Title != tc.title || tb.Period != tc.period || tb.Header[0][1].Text != tc.first || tb.TotalRows != 1 || len(tb.Rows) != 3 {
			t.Errorf("%s: table %q %q %q rows %d", tc.lang, tb.Title, tb.Period, tb.Header[0][1].Text, len(tb.Rows))
		}
		cols := 0
		for _, h := range tb.Header[0] {
			cols += max(h.ColSpan, 1)
		}
		if cols != 14 || len(tb.Header[3]) != 14 {
			t.Errorf("%s: %d columns, %d numbers", tc.lang, cols, len(tb.Header[3]))
		}
		for i, r := range tb.Rows {
			if len(r) != 14 {
				t.Fatalf("%s: row %d has %d cells", tc.lang, i, len(r))
			}
		}
		wantFirst := []tablexport.Cell{tablexport.IntCell(1), tablexport.TextCell("Sở Tư pháp"), tablexport.IntCell(13), tablexport.IntCell(4),
			tablexport.IntCell(3), tablexport.IntCell(6), tablexport.IntCell(8), tablexport.IntCell(4), tablexport.IntCell(3), tablexport.IntCell(1),
			tablexport.IntCell(5), tablexport.IntCell(3), tablexport.IntCell(2), tablexport.PercentCell(0.875)}
		if !reflect.DeepEqual(tb.Rows[0], wantFirst) {
			t.Errorf("%s: first row %+v", tc.lang, tb.Rows[0])
		}
		last := tb.Rows[2]
		if last[1].Text != tc.total || last[0].Text != "" || math.Abs(last[13].Fraction-0.7273) > 1e-12 {
			t.Errorf("%s: total row %+v", tc.lang, last)
		}
	}

	// A line that resolved nothing has no rate: "–", not 0%.
	empty, _ := NewPeriodic(Assemble(Query{GroupBy: ByField}, map[string]Sums{"": {Before: Totals{Received: 1}}}), func(string) string { return "x" }, "T")
	if c := empty.Table("vi", time.Time{}).Rows[0][13]; !math.IsNaN(c.Fraction) || empty.Rows[0].Pending != 1 {
		t.Errorf("empty rate: %+v %+v", c, empty.Rows[0])
	}
	if got := empty.Header("vi")[0][1].Text; got != "Lĩnh vực giải quyết" {
		t.Errorf("field header %q", got)
	}
	for _, g := range []GroupBy{ByNone, ByProcedure, ByChannel} {
		if _, err := NewPeriodic(&Summary{GroupBy: g}, nil, ""); err == nil {
			t.Errorf("grouped by %s: no error", g)
		}
	}
}

func TestPresetPeriod(t *testing.T) {
	for _, tc := range []struct {
		p        Preset
		today    calendar.Date
		from, to calendar.Date
		ok       bool
	}{
		{PresetMonth, calendar.D(2026, 3, 9), calendar.D(2026, 3, 1), calendar.D(2026, 3, 9), true},
		{PresetPrevMonth, calendar.D(2026, 3, 9), calendar.D(2026, 2, 1), calendar.D(2026, 2, 28), true},
		{PresetPrevMonth, calendar.D(2026, 1, 31), calendar.D(2025, 12, 1), calendar.D(2025, 12, 31), true},
		{PresetPrevMonth, calendar.D(2028, 3, 1), calendar.D(2028, 2, 1), calendar.D(2028, 2, 29), true},
		{PresetQuarter, calendar.D(2026, 3, 9), calendar.D(2026, 1, 1), calendar.D(2026, 3, 9), true},
		{PresetQuarter, calendar.D(2026, 12, 31), calendar.D(2026, 10, 1), calendar.D(2026, 12, 31), true},
		{PresetHalfYear, calendar.D(2026, 6, 30), calendar.D(2026, 1, 1), calendar.D(2026, 6, 30), true},
		{PresetHalfYear, calendar.D(2026, 7, 1), calendar.D(2026, 7, 1), calendar.D(2026, 7, 1), true},
		{PresetYear, calendar.D(2026, 11, 5), calendar.D(2026, 1, 1), calendar.D(2026, 11, 5), true},
		{"decade", calendar.D(2026, 11, 5), calendar.Date{}, calendar.Date{}, false},
	} {
		from, to, ok := tc.p.Period(tc.today)
		if from != tc.from || to != tc.to || ok != tc.ok {
			t.Errorf("%s on %s: %s..%s %v, want %s..%s %v", tc.p, tc.today, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}
