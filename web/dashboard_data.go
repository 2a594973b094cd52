package web

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/sqldb"
)

// The director's dashboard (issue 7, "Where they appear"): the figures a leader reads
// at a glance — today's counts, what is overdue or due now, the late rate of each unit
// this month, the trends, the queue and today's ratings. They are gathered here, away
// from the templates, from the same stores the reports and work lists read: the report
// rollups (sqldb.ReportSummary, ReportLateUnits), the dossier list (the book's
// filters), the queue tickets and the ratings.

// yearMonth is a calendar month in Vietnam time.
type yearMonth struct {
	Year  int
	Month time.Month
}

// monthOfDate returns the month of d.
func monthOfDate(d calendar.Date) yearMonth { return yearMonth{d.Year, d.Month} }

// First returns the first day of m.
func (m yearMonth) First() calendar.Date { return calendar.D(m.Year, m.Month, 1) }

// Last returns the last day of m.
func (m yearMonth) Last() calendar.Date { return m.Add(1).First().AddDays(-1) }

// Add returns the month n months after m (n may be negative).
func (m yearMonth) Add(n int) yearMonth {
	i := m.Year*12 + int(m.Month) - 1 + n
	y := i / 12
	if i < 0 && i%12 != 0 {
		y--
	}
	return yearMonth{y, time.Month(i-y*12) + 1}
}

// String formats m as YYYY-MM.
func (m yearMonth) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Label is the short label of m on a chart axis: "T3/2026" in Vietnamese (tháng 3),
// "03/2026" in English.
func (m yearMonth) Label(lang string) string {
	if lang == "vi" {
		return fmt.Sprintf("T%d/%d", int(m.Month), m.Year)
	}
	return fmt.Sprintf("%02d/%d", int(m.Month), m.Year)
}

// clip returns the days of m up to today: [first, min(last, today)], and false when m
// has not begun.
func (m yearMonth) clip(today calendar.Date) (from, to calendar.Date, ok bool) {
	from, to = m.First(), m.Last()
	if today.Before(from) {
		return from, to, false
	}
	if today.Before(to) {
		to = today
	}
	return from, to, true
}

// dashToday are the counts of one day (received by channel, resolved, returned),
// from the report rollups.
type dashToday struct {
	Received        int64 `json:"received"`
	ReceivedCounter int64 `json:"received_counter"`
	ReceivedOnline  int64 `json:"received_online"`
	ReceivedPost    int64 `json:"received_post"`
	Resolved        int64 `json:"resolved"`
	ResolvedLate    int64 `json:"resolved_late"`
	Returned        int64 `json:"returned"`
	// Pending and PendingWithinDeadline are the dossiers not yet resolved at the end of
	// the day and, of them, those whose legal due has not passed (report.Figures).
	Pending               int64 `json:"pending"`
	PendingWithinDeadline int64 `json:"pending_within_deadline"`
}

// dashUnitRate is one unit's late rate over a period: the dossiers resolved that it
// handled and those late because of it (report.UnitRank, lateness attributed to the
// unit that lost the time).
type dashUnitRate struct {
	Unit     string   `json:"unit"`
	Name     string   `json:"name"`
	Handled  int64    `json:"handled"`
	Late     int64    `json:"late"`
	LateRate *float64 `json:"late_rate"`
}

// dashDay is one day of the trend: dossiers received and resolved.
type dashDay struct {
	Day      calendar.Date `json:"day"`
	Received int64         `json:"received"`
	Resolved int64         `json:"resolved"`
}

// dashMonth is one month of the trend: dossiers resolved, of them late, and the
// on-time rate = (resolved − late) / resolved, as a percentage (null when none).
type dashMonth struct {
	Month      string   `json:"month"` // YYYY-MM
	Resolved   int64    `json:"resolved"`
	Late       int64    `json:"late"`
	OnTimeRate *float64 `json:"on_time_rate"`
	ym         yearMonth
}

// dashService is the load of one queue service today.
type dashService struct {
	ID      int64  `json:"id"`
	Code    string `json:"code"`
	Name    string `json:"name"`
	Issued  int    `json:"issued"`
	Waiting int    `json:"waiting"`
}

// dashCounter is one counter's work today: tickets called and served, and the number
// it is serving now ("" when idle).
type dashCounter struct {
	ID      int64  `json:"id"`
	Number  int    `json:"number"`
	Name    string `json:"name"`
	Called  int    `json:"called"`
	Served  int    `json:"served"`
	Current string `json:"current"`
}

// dashQueue is the queue load now: tickets issued today, waiting now, served, the
// median wait of the tickets called today (queued → called, in seconds), per service
// and per counter.
type dashQueue struct {
	Issued        int           `json:"issued"`
	Waiting       int           `json:"waiting"`
	Served        int           `json:"served"`
	MedianWaitSec int64         `json:"median_wait_sec"`
	Services      []dashService `json:"services"`
	Counters      []dashCounter `json:"counters"`
}

// dashboard is everything the director's dashboard shows, also served as JSON by
// GET /api/v1/reports/dashboard. Unit is the scope ("" for the whole province).
type dashboard struct {
	Unit     string        `json:"unit"`
	UnitName string        `json:"unit_name"`
	At       time.Time     `json:"at"`
	Day      calendar.Date `json:"day"`
	Today    dashToday     `json:"today"`
	// OverdueNow: open dossiers past their legal due at At (the book's overdue
	// filter); DueToday: dossiers being received or processed whose legal due falls
	// between At and the end of the day.
	OverdueNow int `json:"overdue_now"`
	DueToday   int `json:"due_today"`
	// LateUnits: the units of the scope by late rate over the month to date, highest
	// first.
	LateFrom  calendar.Date  `json:"late_from"`
	LateTo    calendar.Date  `json:"late_to"`
	LateUnits []dashUnitRate `json:"late_units"`
	// Daily: the last 30 days; Monthly: the last 12 months (the current one to date).
	Daily   []dashDay      `json:"daily"`
	Monthly []dashMonth    `json:"monthly"`
	Queue   dashQueue      `json:"queue"`
	Ratings rating.Summary `json:"ratings"`
}

// Dashboard sizes: days of the daily trend, months of the monthly trend, bars of the
// late-rate chart.
const (
	dashDays      = 30
	dashMonths    = 12
	dashTopUnits  = 10
	dashCountOnly = 1 // rows fetched when only the count is wanted
)

// openStates are the states of a dossier received and not yet resolved: those the
// overdue count reads (as the work list does), through the state index rather than a
// scan of every past due.
var openStates = []dossier.State{dossier.StateReceived, dossier.StateInProcessing, dossier.StateWaitingSupplement, dossier.StateSuspended}

// dueTodayStates are the states whose clock runs, so that a due today is a due to meet
// today (a dossier waiting for a supplement or suspended has its due moved later).
var dueTodayStates = []dossier.State{dossier.StateReceived, dossier.StateInProcessing}

// gatherDashboard collects the dashboard of unit ("" = province) at now. With trends
// false only the live part is gathered (today's counts, overdue, due today, queue,
// ratings): what the page refreshes every half minute.
func (s *Server) gatherDashboard(ctx context.Context, unit string, now time.Time, trends bool) (*dashboard, error) {
	today := calendar.DateOf(now)
	d := &dashboard{Unit: unit, At: now.In(motcua.ICT), Day: today, LateUnits: []dashUnitRate{}, Daily: []dashDay{}, Monthly: []dashMonth{}}
	name := s.unitName(ctx)
	if unit != "" {
		d.UnitName = name(unit)
	}
	sum, err := s.DB.ReportSummary(ctx, report.Query{From: today, To: today, Unit: unit})
	if err != nil {
		return nil, fmt.Errorf("dashboard: today's figures: %w", err)
	}
	t := sum.Total
	d.Today = dashToday{Received: t.Received, ReceivedCounter: t.ReceivedCounter, ReceivedOnline: t.ReceivedOnline, ReceivedPost: t.ReceivedPost,
		Resolved: t.Resolved, ResolvedLate: t.ResolvedLate, Returned: t.Returned, Pending: t.Pending, PendingWithinDeadline: t.PendingWithinDeadline}
	if d.OverdueNow, d.DueToday, err = s.dueCounts(ctx, unit, now); err != nil {
		return nil, err
	}
	if d.Queue, err = s.queueLoad(ctx, unit, today); err != nil {
		return nil, err
	}
	if d.Ratings, err = s.ratingsOf(ctx, unit, today, today); err != nil {
		return nil, err
	}
	if !trends {
		return d, nil
	}
	d.LateFrom, d.LateTo = monthOfDate(today).First(), today
	ranks, err := s.DB.ReportLateUnits(ctx, d.LateFrom, d.LateTo, unit)
	if err != nil {
		return nil, fmt.Errorf("dashboard: late units: %w", err)
	}
	d.LateUnits = unitRates(ranks, name)
	if d.Daily, err = s.dailyTrend(ctx, unit, today.AddDays(-(dashDays - 1)), today); err != nil {
		return nil, err
	}
	if d.Monthly, err = s.monthlyTrend(ctx, unit, monthOfDate(today).Add(-(dashMonths - 1)), today); err != nil {
		return nil, err
	}
	return d, nil
}

// unitRates turns a ranking into named rates, keeping only units that handled
// dossiers (a rate needs a denominator), in the ranking's order.
func unitRates(ranks []report.UnitRank, name func(string) string) []dashUnitRate {
	out := []dashUnitRate{}
	for _, r := range ranks {
		if r.Handled == 0 {
			continue
		}
		out = append(out, dashUnitRate{Unit: r.Unit, Name: name(r.Unit), Handled: r.Handled, Late: r.Late, LateRate: r.LateRate})
	}
	return out
}

// dueCounts counts, in unit's scope (received at, held by or passing through it — the
// dossier book's unit filter), the dossiers overdue at now and those whose legal due
// falls later today in a state whose clock runs.
func (s *Server) dueCounts(ctx context.Context, unit string, now time.Time) (overdue, dueToday int, err error) {
	count := func(f dossier.Filter) (int, error) {
		f.Unit, f.Now, f.Limit = unit, now, dashCountOnly
		_, n, err := s.Dossiers.List(ctx, f)
		if err != nil {
			return 0, fmt.Errorf("dashboard: count dossiers: %w", err)
		}
		return n, nil
	}
	if overdue, err = count(dossier.Filter{States: openStates, Overdue: true}); err != nil {
		return 0, 0, err
	}
	tomorrow := calendar.DateOf(now).AddDays(1).Time()
	byTonight, err := count(dossier.Filter{States: dueTodayStates, DueBefore: tomorrow})
	if err != nil {
		return 0, 0, err
	}
	passed, err := count(dossier.Filter{States: dueTodayStates, DueBefore: tomorrow, Overdue: true})
	if err != nil {
		return 0, 0, err
	}
	return overdue, byTonight - passed, nil
}

// queueLoad summarises today's queue of unit: per service the tickets issued and
// waiting, per counter the tickets called and served and the one being served.
func (s *Server) queueLoad(ctx context.Context, unit string, today calendar.Date) (dashQueue, error) {
	q := dashQueue{Services: []dashService{}, Counters: []dashCounter{}}
	st := s.DB.Queue()
	tickets, err := st.DayTickets(ctx, today.String(), unit)
	if err != nil {
		return q, fmt.Errorf("dashboard: queue: %w", err)
	}
	stats := queue.ComputeStats(today.String(), tickets)
	q.Issued, q.Waiting, q.Served, q.MedianWaitSec = stats.Issued, stats.WaitingNow, stats.Served, stats.Waiting.MedianSec
	services, err := st.ListServices(ctx, unit)
	if err != nil {
		return q, fmt.Errorf("dashboard: queue services: %w", err)
	}
	issued := map[int64]int{}
	for _, h := range stats.Services {
		issued[h.ServiceID] = h.Issued
	}
	waiting := map[int64]int{}
	current := map[int64]string{}
	for _, t := range tickets {
		switch t.Status {
		case queue.Waiting:
			waiting[t.ServiceID]++
		case queue.Called, queue.Serving:
			current[t.CounterID] = t.Number
		}
	}
	for _, sv := range services {
		if !sv.Active && issued[sv.ID] == 0 && waiting[sv.ID] == 0 {
			continue
		}
		q.Services = append(q.Services, dashService{ID: sv.ID, Code: sv.Code, Name: sv.Name, Issued: issued[sv.ID], Waiting: waiting[sv.ID]})
	}
	counters, err := st.ListCounters(ctx, unit)
	if err != nil {
		return q, fmt.Errorf("dashboard: queue counters: %w", err)
	}
	perf := map[string]queue.Performance{}
	for _, p := range stats.Counters {
		perf[p.Key] = p
	}
	for _, c := range counters {
		p := perf[strconv.FormatInt(c.ID, 10)]
		if !c.Active && p.Called == 0 {
			continue
		}
		q.Counters = append(q.Counters, dashCounter{ID: c.ID, Number: c.Number, Name: c.Name, Called: p.Called, Served: p.Served, Current: current[c.ID]})
	}
	sort.SliceStable(q.Counters, func(i, j int) bool { return q.Counters[i].Number < q.Counters[j].Number })
	return q, nil
}

// ratingsOf returns the shares per level of the ratings given in unit ("" = all) over
// the days [from, to], on the configured scale.
func (s *Server) ratingsOf(ctx context.Context, unit string, from, to calendar.Date) (rating.Summary, error) {
	sc, err := s.DB.Ratings().Scale(ctx)
	if err != nil {
		return rating.Summary{}, fmt.Errorf("ratings: scale: %w", err)
	}
	groups, err := s.DB.Ratings().RatingCounts(ctx, sqldb.RatingFilter{From: from.Time(), To: to.AddDays(1).Time(), Unit: unit}, "")
	if err != nil {
		return rating.Summary{}, fmt.Errorf("ratings: %w", err)
	}
	counts := map[string]int{}
	for _, g := range groups {
		for k, v := range g.Counts {
			counts[k] += v
		}
	}
	return rating.Summarize(sc, counts), nil
}

// dailyTrend returns the dossiers received and resolved on each day of [from, to] in
// unit's scope (resolving unit, as the reports file them), from the day rollups in one
// query (sqldb.DB.ReportDaily).
func (s *Server) dailyTrend(ctx context.Context, unit string, from, to calendar.Date) ([]dashDay, error) {
	per, err := s.DB.ReportDaily(ctx, report.Query{From: from, To: to, Unit: unit})
	if err != nil {
		return nil, fmt.Errorf("dashboard: daily trend: %w", err)
	}
	out := []dashDay{}
	for d := from; !to.Before(d); d = d.AddDays(1) {
		t := per[d]
		out = append(out, dashDay{Day: d, Received: t[report.Received],
			Resolved: t[report.ResolvedEarly] + t[report.ResolvedOnTime] + t[report.ResolvedLate]})
	}
	return out, nil
}

// monthlyTrend returns, for each month from first to the month of today (that one to
// date), the dossiers resolved in unit's scope, of them late, and the on-time rate. It
// reads the ranking per month (one range of the monthly rollup each), whose resolved
// counts are filed under the resolving unit like the summary's.
func (s *Server) monthlyTrend(ctx context.Context, unit string, first yearMonth, today calendar.Date) ([]dashMonth, error) {
	out := []dashMonth{}
	for m := first; !today.Before(m.First()); m = m.Add(1) {
		from, to, _ := m.clip(today)
		ranks, err := s.DB.ReportLateUnits(ctx, from, to, unit)
		if err != nil {
			return nil, fmt.Errorf("dashboard: monthly trend %s: %w", m, err)
		}
		dm := dashMonth{Month: m.String(), ym: m}
		for _, r := range ranks {
			dm.Resolved += r.Resolved
			dm.Late += r.ResolvedLate
		}
		dm.OnTimeRate = report.Percent(dm.Resolved-dm.Late, dm.Resolved)
		out = append(out, dm)
	}
	return out, nil
}
