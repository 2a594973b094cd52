package report

import (
	"slices"
	"sort"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// GroupBy names the dimension a summary is split by.
type GroupBy string

// Groupings of a summary: by resolving unit, field (lĩnh vực, through the
// procedure→field map), procedure, channel, or none (one total).
const (
	ByNone      GroupBy = "none"
	ByUnit      GroupBy = "unit"
	ByField     GroupBy = "field"
	ByProcedure GroupBy = "procedure"
	ByChannel   GroupBy = "channel"
)

// Valid reports whether g is one of the groupings ("" counts as none).
func (g GroupBy) Valid() bool {
	switch g {
	case "", ByNone, ByUnit, ByField, ByProcedure, ByChannel:
		return true
	}
	return false
}

// Query is a report request: the period [From, To] (days in Vietnam time, both
// inclusive), the filters — resolving unit, receiving unit, procedure, field, channel;
// empty means all — and the grouping.
type Query struct {
	From, To  calendar.Date
	Unit      string
	RecvUnit  string
	Procedure string
	Field     string
	Channel   catalog.Channel
	GroupBy   GroupBy
}

// Totals are summed cell values per metric.
type Totals map[Metric]int64

// PrevYearMetrics are the metrics read for the same period of the previous year.
var PrevYearMetrics = []Metric{Received, ResolvedEarly, ResolvedOnTime, ResolvedLate}

// Sums are the cell sums one group of a report needs: Before over every day before
// From (only CumulativeMetrics are needed), Period over [From, To] per channel, and
// PrevYear over the same period one year earlier (PreviousYear).
type Sums struct {
	Before   Totals
	Period   map[catalog.Channel]Totals
	PrevYear Totals
}

// Add adds o to s.
func (s *Sums) Add(o Sums) {
	if s.Before == nil {
		s.Before, s.Period, s.PrevYear = Totals{}, map[catalog.Channel]Totals{}, Totals{}
	}
	for m, v := range o.Before {
		s.Before[m] += v
	}
	for m, v := range o.PrevYear {
		s.PrevYear[m] += v
	}
	for ch, t := range o.Period {
		if s.Period[ch] == nil {
			s.Period[ch] = Totals{}
		}
		for m, v := range t {
			s.Period[ch][m] += v
		}
	}
}

// PreviousYear returns the same period one year earlier ("so với cùng kỳ năm trước");
// 29 February becomes 28 February.
func PreviousYear(from, to calendar.Date) (calendar.Date, calendar.Date) {
	back := func(d calendar.Date) calendar.Date {
		d.Year--
		if !d.Valid() {
			d.Day = 28
		}
		return d
	}
	return back(from), back(to)
}

// Figures are the figures of one group of a report for a period (domain.md "Reports";
// issue 7). Counts are exact; the *Rate, *Share, *Ratio and hour fields are derived,
// rounded to two decimals for display, and null when their denominator is 0. Rates and
// shares are percentages.
type Figures struct {
	// CarriedOver: dossiers pending at the end of the day before From (tồn kỳ trước).
	CarriedOver int64 `json:"carried_over"`
	// Received in the period, by channel (counter, online full and partial, post);
	// Online = online full + partial; FourOnSpot: received "4 tại chỗ".
	Received              int64 `json:"received"`
	ReceivedCounter       int64 `json:"received_counter"`
	ReceivedOnlineFull    int64 `json:"received_online_full"`
	ReceivedOnlinePartial int64 `json:"received_online_partial"`
	ReceivedPost          int64 `json:"received_post"`
	ReceivedOnline        int64 `json:"received_online"`
	ReceivedFourOnSpot    int64 `json:"received_four_on_spot"`
	SubmittedOnline       int64 `json:"submitted_online"`
	// Resolved in the period (completion instant inside it), by classification;
	// OnTimeRate = (early + on time) / resolved (domain.md).
	Resolved       int64    `json:"resolved"`
	ResolvedEarly  int64    `json:"resolved_early"`
	ResolvedOnTime int64    `json:"resolved_on_time"`
	ResolvedLate   int64    `json:"resolved_late"`
	OnTimeRate     *float64 `json:"on_time_rate"`
	LateRate       *float64 `json:"late_rate"`
	// Pending at the end of To: within the deadline and overdue (past the legal due).
	Pending               int64 `json:"pending"`
	PendingWithinDeadline int64 `json:"pending_within_deadline"`
	PendingOverdue        int64 `json:"pending_overdue"`
	SupplementRequests    int64 `json:"supplement_requests"`
	Apologies             int64 `json:"apologies"`
	RefusedIntake         int64 `json:"refused_intake"`
	Refused               int64 `json:"refused"`
	Withdrawn             int64 `json:"withdrawn"`
	Cancelled             int64 `json:"cancelled"`
	// Results: ResultsReady completed with a result in the period, ReadyReturned of
	// them already returned (ReturnRate = ReadyReturned / ResultsReady, "tỷ lệ trả kết
	// quả"); Returned and ReturnedPost: results handed over in the period, and by post.
	ResultsReady  int64    `json:"results_ready"`
	ReadyReturned int64    `json:"ready_returned"`
	ReturnRate    *float64 `json:"return_rate"`
	Returned      int64    `json:"returned"`
	ReturnedPost  int64    `json:"returned_post"`
	// Fees in đồng: owed by the dossiers received, collected (payments) in the period.
	FeesOwed      int64 `json:"fees_owed"`
	FeesCollected int64 `json:"fees_collected"`
	// FeeDossiers: dossiers received in the period that owe fees; PaidOnline of them
	// paid online (OnlinePaymentShare = PaidOnline / FeeDossiers); ElectronicResults:
	// results completed in the period with an electronic signed document
	// (ElectronicResultShare = ElectronicResults / ResultsReady). Decision 766/QĐ-TTg.
	FeeDossiers           int64    `json:"fee_dossiers"`
	PaidOnline            int64    `json:"paid_online"`
	OnlinePaymentShare    *float64 `json:"online_payment_share"`
	ElectronicResults     int64    `json:"electronic_results"`
	ElectronicResultShare *float64 `json:"electronic_result_share"`
	// Working time ahead of the due of the early and on-time dossiers resolved, and
	// behind it of the late ones; AverageHoursAhead is per resolved dossier.
	MinutesAhead      int64    `json:"minutes_ahead"`
	HoursAhead        float64  `json:"hours_ahead"`
	AverageHoursAhead *float64 `json:"average_hours_ahead"`
	MinutesBehind     int64    `json:"minutes_behind"`
	HoursBehind       float64  `json:"hours_behind"`
	// OnlineShare = online / received; FourOnSpotShare = 4 tại chỗ / received.
	OnlineShare     *float64 `json:"online_share"`
	FourOnSpotShare *float64 `json:"four_on_spot_share"`
	// Steps classified in the period at the unit(s) of the group.
	StepsOnTime     int64 `json:"steps_on_time"`
	StepsLate       int64 `json:"steps_late"`
	StepLateMinutes int64 `json:"step_late_minutes"`
	// The same period of the previous year, and the ratios to it ("tăng 3,2 lần").
	ReceivedPreviousYear int64    `json:"received_previous_year"`
	ReceivedRatio        *float64 `json:"received_ratio_previous_year"`
	ResolvedPreviousYear int64    `json:"resolved_previous_year"`
	ResolvedRatio        *float64 `json:"resolved_ratio_previous_year"`
}

// Compute derives the figures of one group from its sums.
func Compute(s Sums) Figures {
	var p Totals = Totals{}
	for _, t := range s.Period {
		for m, v := range t {
			p[m] += v
		}
	}
	ch := func(c catalog.Channel) int64 { return s.Period[c][Received] }
	f := Figures{
		Received: p[Received], ReceivedCounter: ch(catalog.ChannelCounter), ReceivedOnlineFull: ch(catalog.ChannelOnlineFull),
		ReceivedOnlinePartial: ch(catalog.ChannelOnlinePartial), ReceivedPost: ch(catalog.ChannelPost),
		ReceivedFourOnSpot: p[ReceivedFourOnSpot], SubmittedOnline: p[SubmittedOnline],
		ResolvedEarly: p[ResolvedEarly], ResolvedOnTime: p[ResolvedOnTime], ResolvedLate: p[ResolvedLate],
		SupplementRequests: p[SupplementRequests], Apologies: p[Apologies], RefusedIntake: p[RefusedIntake],
		Refused: p[Refused], Withdrawn: p[Withdrawn], Cancelled: p[Cancelled],
		ResultsReady: p[ResultsReady], ReadyReturned: p[ReadyReturned], Returned: p[Returned], ReturnedPost: p[ReturnedPost],
		FeesOwed: p[FeesOwed], FeesCollected: p[FeesPaid], MinutesAhead: p[AheadMinutes], MinutesBehind: p[BehindMinutes],
		StepsOnTime: p[StepOnTime], StepsLate: p[StepLate], StepLateMinutes: p[StepLateMinutes],
		FeeDossiers: p[FeeDossiers], PaidOnline: p[PaidOnline], ElectronicResults: p[ElectronicResults],
		ReceivedPreviousYear: s.PrevYear[Received],
		ResolvedPreviousYear: s.PrevYear[ResolvedEarly] + s.PrevYear[ResolvedOnTime] + s.PrevYear[ResolvedLate],
	}
	f.ReceivedOnline = f.ReceivedOnlineFull + f.ReceivedOnlinePartial
	f.Resolved = f.ResolvedEarly + f.ResolvedOnTime + f.ResolvedLate
	b := s.Before
	f.CarriedOver = b[Received] - b[Ended]
	f.Pending = f.CarriedOver + p[Received] - p[Ended]
	f.PendingOverdue = b[DuePassed] - b[EndedDuePassed] + p[DuePassed] - p[EndedDuePassed]
	f.PendingWithinDeadline = f.Pending - f.PendingOverdue
	f.OnTimeRate = Percent(f.ResolvedEarly+f.ResolvedOnTime, f.Resolved)
	f.LateRate = Percent(f.ResolvedLate, f.Resolved)
	f.ReturnRate = Percent(f.ReadyReturned, f.ResultsReady)
	f.HoursAhead = *Round2(f.MinutesAhead, 60)
	f.HoursBehind = *Round2(f.MinutesBehind, 60)
	f.AverageHoursAhead = Round2(f.MinutesAhead, 60*f.Resolved)
	f.OnlinePaymentShare = Percent(f.PaidOnline, f.FeeDossiers)
	f.ElectronicResultShare = Percent(f.ElectronicResults, f.ResultsReady)
	f.OnlineShare = Percent(f.ReceivedOnline, f.Received)
	f.FourOnSpotShare = Percent(f.ReceivedFourOnSpot, f.Received)
	f.ReceivedRatio = Round2(f.Received, f.ReceivedPreviousYear)
	f.ResolvedRatio = Round2(f.Resolved, f.ResolvedPreviousYear)
	return f
}

// Round2 returns num/den rounded half away from zero to two decimals, computed in
// integers so that the display never differs from the exact fraction by more than
// the rounding; nil when den is 0.
func Round2(num, den int64) *float64 {
	if den == 0 {
		return nil
	}
	neg := (num < 0) != (den < 0)
	if num < 0 {
		num = -num
	}
	if den < 0 {
		den = -den
	}
	h := (num*200 + den) / (2 * den) // hundredths, rounded half up
	v := float64(h) / 100
	if neg {
		v = -v
	}
	return &v
}

// Percent returns 100·num/den rounded to two decimals (e.g. 21 578 early and on time
// of 21 648 resolved → 99.68), nil when den is 0.
func Percent(num, den int64) *float64 { return Round2(num*100, den) }

// Group is one line of a summary: the value of the grouping dimension (a unit,
// field or procedure code, or a channel) and its figures.
type Group struct {
	Key string `json:"key"`
	Figures
}

// Summary is a report: the figures of each group, in key order, and of the whole.
type Summary struct {
	From    calendar.Date `json:"from"`
	To      calendar.Date `json:"to"`
	GroupBy GroupBy       `json:"group_by"`
	Groups  []Group       `json:"groups"`
	Total   Figures       `json:"total"`
}

// Assemble builds a summary from the sums of each group (key → sums); the total is
// computed from the summed sums, not by adding figures.
func Assemble(q Query, groups map[string]Sums) *Summary {
	s := &Summary{From: q.From, To: q.To, GroupBy: q.GroupBy, Groups: []Group{}}
	if s.GroupBy == "" {
		s.GroupBy = ByNone
	}
	var total Sums
	total.Add(Sums{})
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		total.Add(groups[k])
		if s.GroupBy != ByNone {
			s.Groups = append(s.Groups, Group{Key: k, Figures: Compute(groups[k])})
		}
	}
	s.Total = Compute(total)
	return s
}

// GroupKey returns the group a cell belongs to under g (fieldOf maps a procedure code
// to its field code).
func GroupKey(g GroupBy, k Key, fieldOf map[string]string) string {
	switch g {
	case ByUnit:
		return k.Unit
	case ByField:
		return fieldOf[k.Procedure]
	case ByProcedure:
		return k.Procedure
	case ByChannel:
		return string(k.Channel)
	}
	return ""
}

// Matches reports whether cell key k passes the filters of q (not the period).
func (q Query) Matches(k Key, fieldOf map[string]string) bool {
	return (q.Unit == "" || k.Unit == q.Unit) && (q.RecvUnit == "" || k.RecvUnit == q.RecvUnit) &&
		(q.Procedure == "" || k.Procedure == q.Procedure) && (q.Field == "" || fieldOf[k.Procedure] == q.Field) &&
		(q.Channel == "" || k.Channel == q.Channel)
}

// Summarize computes the summary of q directly from cells (the sum of the
// contributions of every dossier): the reference the stored rollups are checked
// against, and the evaluator for in-memory data.
func Summarize(cells Cells, q Query, fieldOf map[string]string) *Summary {
	groups := map[string]Sums{}
	pyFrom, pyTo := PreviousYear(q.From, q.To)
	for k, v := range cells {
		if !q.Matches(k, fieldOf) {
			continue
		}
		g := GroupKey(q.GroupBy, k, fieldOf)
		var s Sums
		switch {
		case k.Day.Before(q.From):
			if slices.Contains(CumulativeMetrics, k.Metric) {
				s.Before = Totals{k.Metric: v}
			}
		case !q.To.Before(k.Day):
			s.Period = map[catalog.Channel]Totals{k.Channel: {k.Metric: v}}
		}
		if !k.Day.Before(pyFrom) && !pyTo.Before(k.Day) && slices.Contains(PrevYearMetrics, k.Metric) {
			s.PrevYear = Totals{k.Metric: v}
		}
		if s.Before == nil && s.Period == nil && s.PrevYear == nil {
			continue
		}
		acc := groups[g]
		acc.Add(s)
		groups[g] = acc
	}
	return Assemble(q, groups)
}

// UnitRank is one line of the ranking of units by late rate: the dossiers resolved in
// the period that the unit handled and, of them, those late because of it (UnitLate,
// attributed by late steps), its steps on time and late, and the dossiers it resolved
// as resolving unit with their late count.
type UnitRank struct {
	Unit            string   `json:"unit"`
	Handled         int64    `json:"handled"`
	Late            int64    `json:"late"`
	LateRate        *float64 `json:"late_rate"`
	StepsOnTime     int64    `json:"steps_on_time"`
	StepsLate       int64    `json:"steps_late"`
	StepLateMinutes int64    `json:"step_late_minutes"`
	Resolved        int64    `json:"resolved"`
	ResolvedLate    int64    `json:"resolved_late"`
}

// RankMetrics are the metrics the ranking reads.
var RankMetrics = []Metric{UnitResolved, UnitLate, StepOnTime, StepLate, StepLateMinutes, ResolvedEarly, ResolvedOnTime, ResolvedLate}

// Rank builds the ranking from per-unit period totals: units by late rate, highest
// first (the seeds publish "the units with the highest late rates"), then by late
// count and unit code; units with nothing handled and no step are left out.
func Rank(perUnit map[string]Totals) []UnitRank {
	out := []UnitRank{}
	for u, t := range perUnit {
		r := UnitRank{Unit: u, Handled: t[UnitResolved], Late: t[UnitLate], StepsOnTime: t[StepOnTime], StepsLate: t[StepLate],
			StepLateMinutes: t[StepLateMinutes], Resolved: t[ResolvedEarly] + t[ResolvedOnTime] + t[ResolvedLate], ResolvedLate: t[ResolvedLate]}
		if r.Handled == 0 && r.StepsOnTime+r.StepsLate == 0 && r.Resolved == 0 {
			continue
		}
		r.LateRate = Percent(r.Late, r.Handled)
		out = append(out, r)
	}
	rate := func(r UnitRank) int64 { // exact comparison key: late per 10^9 handled
		if r.Handled == 0 {
			return -1
		}
		return r.Late * 1_000_000_000 / r.Handled
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := rate(a), rate(b); ra != rb {
			return ra > rb
		}
		if a.Late != b.Late {
			return a.Late > b.Late
		}
		return a.Unit < b.Unit
	})
	return out
}

// RankCells is Rank over cells for the period [from, to].
func RankCells(cells Cells, from, to calendar.Date) []UnitRank {
	per := map[string]Totals{}
	for k, v := range cells {
		if k.Day.Before(from) || to.Before(k.Day) {
			continue
		}
		if per[k.Unit] == nil {
			per[k.Unit] = Totals{}
		}
		per[k.Unit][k.Metric] += v
	}
	return Rank(per)
}

// Pending returns the dossiers pending and, of them, overdue at the end of day t, from
// cells: Σ received − Σ ended and Σ due_passed − Σ ended_due_passed over the days up
// to t.
func Pending(cells Cells, t calendar.Date) (pending, overdue int64) {
	for k, v := range cells {
		if t.Before(k.Day) {
			continue
		}
		switch k.Metric {
		case Received:
			pending += v
		case Ended:
			pending -= v
		case DuePassed:
			overdue += v
		case EndedDuePassed:
			overdue -= v
		}
	}
	return pending, overdue
}

// EndOfDay returns the last instant of day t in Vietnam time (the instant the pending
// counts of day t describe).
func EndOfDay(t calendar.Date) time.Time { return t.AddDays(1).Time().Add(-time.Nanosecond) }
