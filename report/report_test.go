package report_test

import (
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/report/reporttest"
	"github.com/motcua/motcua/seed"
)

// TestProvinceFigures checks every figure of the hand-worked province
// (reporttest.Periods) computed from the dossiers' contributions, and that the diffs
// applied event by event add up to the contributions.
func TestProvinceFigures(t *testing.T) {
	m := reporttest.NewMemory()
	if err := reporttest.Run(m); err != nil {
		t.Fatal(err)
	}
	cells := m.Cells()
	if diff := cmp.Diff(cells, m.Applied.NonZero()); diff != "" {
		t.Fatalf("Σ Diff ≠ Σ Contribution (-contributions +diffs):\n%s", diff)
	}
	for _, p := range reporttest.Periods {
		t.Run(p.Name, func(t *testing.T) {
			got := report.Summarize(cells, p.Query, reporttest.FieldOf)
			if diff := cmp.Diff(p.Want, got.Total); diff != "" {
				t.Errorf("figures (-want +got):\n%s", diff)
			}
		})
	}
	for _, r := range reporttest.Rankings {
		if diff := cmp.Diff(r.Want, report.RankCells(cells, r.From, r.To)); diff != "" {
			t.Errorf("ranking %s–%s (-want +got):\n%s", r.From, r.To, diff)
		}
	}
	// Grouped totals equal the ungrouped ones, and the groups add up.
	for _, g := range []report.GroupBy{report.ByUnit, report.ByField, report.ByProcedure, report.ByChannel} {
		q := reporttest.Periods[4].Query
		q.GroupBy = g
		s := report.Summarize(cells, q, reporttest.FieldOf)
		if diff := cmp.Diff(reporttest.Periods[4].Want, s.Total); diff != "" {
			t.Errorf("group by %s: total differs:\n%s", g, diff)
		}
		var received, lateSteps int64
		for _, gr := range s.Groups {
			received += gr.Received
			lateSteps += gr.StepsLate
		}
		if received != s.Total.Received || lateSteps != s.Total.StepsLate {
			t.Errorf("group by %s: groups sum to %d received, %d late steps", g, received, lateSteps)
		}
	}
}

// TestSeedFigures reproduces the rates the seed articles publish from their counts.
func TestSeedFigures(t *testing.T) {
	for _, c := range []struct {
		num, den int64
		want     float64
	}{
		{21578, 21648, 99.68}, // Sóc Trăng 2019: 21 578 of 21 648 resolved early or on time
		{5824, 5841, 99.71},   // Sóc Trăng 2019: satisfied ratings
		{2873, 10000, 28.73},  // Vĩnh Phúc 2018: late rate of a department
	} {
		if got := report.Percent(c.num, c.den); got == nil || *got != c.want {
			t.Errorf("Percent(%d, %d) = %v, want %v", c.num, c.den, got, c.want)
		}
	}
	// 642 920 hours ahead (Vĩnh Phúc 2018) is 38 575 200 minutes.
	if f := report.Compute(report.Sums{Period: map[catalog.Channel]report.Totals{catalog.ChannelCounter: {report.AheadMinutes: 38_575_200}}}); f.HoursAhead != 642920 {
		t.Errorf("hours ahead %v", f.HoursAhead)
	}
	// "tăng hơn 3,2 lần so với cùng kỳ" (Lạng Sơn 2021): 58 000 against 18 000.
	if r := report.Round2(58_000, 18_000); r == nil || *r != 3.22 {
		t.Errorf("ratio %v", r)
	}
	if report.Percent(1, 0) != nil {
		t.Error("rate of nothing is not null")
	}
	if r := report.Percent(2, 3); *r != 66.67 {
		t.Errorf("2/3 = %v", *r)
	}
}

// TestPendingIdentities proves, on a demo year of dossiers driven by the real rules,
// that the cumulative metrics give the dossiers pending and overdue at the end of any
// past day: pending(T) = Σ received(≤ T) − Σ ended(≤ T) and overdue(T) = Σ
// due_passed(≤ T) − Σ ended_due_passed(≤ T), where a dossier's state at T is its
// replay up to T and its due the legal due as finally known.
func TestPendingIdentities(t *testing.T) {
	d := demo.Province(seed.DefaultSeed)
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
	n := 3000
	if testing.Short() {
		n = 600
	}
	streams, err := seed.DemoDossiers(d, 7, now, n)
	if err != nil {
		t.Fatal(err)
	}
	cells := report.Cells{}
	finals := make([]*dossier.Dossier, len(streams))
	for i, evs := range streams {
		// Σ Diff over the events = the final contribution.
		acc := report.Cells{}
		x := &dossier.Dossier{}
		for _, ev := range evs {
			before := report.Contribution(x)
			if err := dossier.Apply(x, ev); err != nil {
				t.Fatal(err)
			}
			acc.Add(report.Diff(before, report.Contribution(x)))
		}
		if diff := cmp.Diff(report.Contribution(x), acc.NonZero()); diff != "" {
			t.Fatalf("dossier %s: Σ Diff ≠ Contribution:\n%s", x.Code, diff)
		}
		finals[i] = x
		cells.Add(acc)
	}
	var days []calendar.Date
	for day := calendar.DateOf(now).AddDays(-370); !calendar.DateOf(now).Before(day); day = day.AddDays(7) {
		days = append(days, day)
	}
	days = append(days, calendar.DateOf(now))
	var sawPending, sawOverdue bool
	for _, day := range days {
		end := report.EndOfDay(day)
		var pending, overdue int64
		for i, evs := range streams {
			var upTo []dossier.Event
			for _, ev := range evs {
				if !ev.At.After(end) {
					upTo = append(upTo, ev)
				}
			}
			if len(upTo) == 0 {
				continue
			}
			x, err := dossier.Replay(upTo)
			if err != nil {
				t.Fatal(err)
			}
			if x.ReceivedAt.IsZero() || x.Completion != nil || x.State.Terminal() {
				continue
			}
			if !x.State.Pending() && x.State != dossier.StateResultReady {
				t.Fatalf("%s: received, not completed, in state %s", x.Code, x.State)
			}
			pending++
			if end.After(finals[i].DueAt) {
				overdue++
			}
		}
		gp, go_ := report.Pending(cells, day)
		if gp != pending || go_ != overdue {
			t.Errorf("%s: rollup pending %d overdue %d, replay %d and %d", day, gp, go_, pending, overdue)
		}
		sawPending = sawPending || pending > 0
		sawOverdue = sawOverdue || overdue > 0
	}
	if !sawPending || !sawOverdue {
		t.Errorf("the demo year never had a pending (%v) or overdue (%v) dossier: the test proves nothing", sawPending, sawOverdue)
	}
	// Summaries of any period agree with the identities at their ends.
	q := report.Query{From: calendar.DateOf(now).AddDays(-90), To: calendar.DateOf(now).AddDays(-30)}
	s := report.Summarize(cells, q, nil)
	p0, _ := report.Pending(cells, q.From.AddDays(-1))
	p1, o1 := report.Pending(cells, q.To)
	if s.Total.CarriedOver != p0 || s.Total.Pending != p1 || s.Total.PendingOverdue != o1 {
		t.Errorf("summary carried %d pending %d overdue %d; identities %d %d %d", s.Total.CarriedOver, s.Total.Pending, s.Total.PendingOverdue, p0, p1, o1)
	}
	if s.Total.Received == 0 || s.Total.Resolved == 0 {
		t.Errorf("empty summary %+v", s.Total)
	}
}

func TestDiff(t *testing.T) {
	k := func(m report.Metric, d int) report.Key {
		return report.Key{Metric: m, Day: calendar.D(2026, 3, d), Unit: "A", RecvUnit: "C", Procedure: "P", Channel: "counter"}
	}
	before := report.Cells{k(report.Received, 2): 1, k(report.DuePassed, 9): 1}
	after := report.Cells{k(report.Received, 2): 1, k(report.DuePassed, 11): 1, k(report.Ended, 4): 1}
	want := report.Cells{k(report.DuePassed, 9): -1, k(report.DuePassed, 11): 1, k(report.Ended, 4): 1}
	if diff := cmp.Diff(want, report.Diff(before, after)); diff != "" {
		t.Fatal(diff)
	}
	keys := want.Keys()
	if !sort.SliceIsSorted(keys, func(i, j int) bool { return keys[i].Less(keys[j]) }) || keys[0].Metric != report.DuePassed {
		t.Fatalf("keys %v", keys)
	}
}

func TestFiguresJSON(t *testing.T) {
	f := report.Compute(report.Sums{})
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	if v, ok := m["on_time_rate"]; !ok || v != nil {
		t.Errorf("on_time_rate = %v", v)
	}
	if _, ok := m["pending_overdue"]; !ok {
		t.Errorf("no pending_overdue in %s", b)
	}
}
