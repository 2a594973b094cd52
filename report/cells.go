// Package report computes the statistics of the one-stop mechanism (domain.md
// "Reports"; issue 7) from rollups: every dossier contributes a set of cells — a day in
// Vietnam time, the resolving unit, the receiving unit, the procedure, the channel and
// a metric — each with an integer value, and every figure of a report is a sum of
// cells. Storage keeps the sums of all dossiers' contributions, applies the Diff of a
// dossier's contribution before and after each event in the event's own transaction,
// and can rebuild them from the event log; this package does no I/O.
//
// Figures are exact integers; rates and averages are derived from them and rounded to
// two decimal places only for display (the seeds publish "99,68%", "28,73%", "3,2 lần",
// "642.920 giờ").
package report

import (
	"slices"
	"sort"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
)

// Metric names what a cell counts. The comment of each says at which day it is
// counted; the unit of the key is the dossier's resolving unit unless it says
// otherwise.
type Metric string

// Metrics of a dossier's contribution (domain.md "Reports"; the completion instant and
// the classification are those of the dossier package: Decree 118/2025/NĐ-CP, the
// result approved and signed by the last unit, or the refusal signed).
const (
	// Received: 1 at ReceivedAt's day for a dossier actually received (the time
	// limit started: receipt at the counter or by post, or acceptance of an online
	// dossier). Online submissions never accepted are not received.
	Received Metric = "received"
	// ReceivedFourOnSpot: 1 at ReceivedAt's day for a received "4 tại chỗ" dossier.
	ReceivedFourOnSpot Metric = "received_four_on_spot"
	// SubmittedOnline: 1 at SubmittedAt's day for a dossier submitted online.
	SubmittedOnline Metric = "submitted_online"
	// ResolvedEarly, ResolvedOnTime, ResolvedLate: 1 at the completion day, by the
	// classification at completion (calendar.Classify; domain.md: a dossier late at
	// any step keeps its original due; an apology does not make it on time). A refusal
	// after appraisal is a completion and counts as resolved.
	ResolvedEarly  Metric = "resolved_early"
	ResolvedOnTime Metric = "resolved_on_time"
	ResolvedLate   Metric = "resolved_late"
	// AheadMinutes: the working minutes between completion and due of an early or
	// on-time dossier ("hours ahead", domain.md), at the completion day.
	AheadMinutes Metric = "ahead_minutes"
	// BehindMinutes: the working minutes a late dossier overran its due, at the
	// completion day.
	BehindMinutes Metric = "behind_minutes"
	// ResultsReady: 1 at the completion day of a dossier completed with a result (not a
	// refusal): the denominator of the return rate.
	ResultsReady Metric = "results_ready"
	// ReadyReturned: 1 at the completion day of a dossier completed with a result whose
	// result has since been returned (the numerator of the return rate, "tỷ lệ trả kết
	// quả", for the dossiers completed in the period).
	ReadyReturned Metric = "ready_returned"
	// RefusedIntake, Refused, Withdrawn, Cancelled: 1 at ClosedAt's day of a dossier in
	// that final state (refusal at intake, Mẫu 03; refusal after appraisal; withdrawal
	// at the applicant's request; cancellation by an administrator).
	RefusedIntake Metric = "refused_intake"
	Refused       Metric = "refused"
	Withdrawn     Metric = "withdrawn"
	Cancelled     Metric = "cancelled"
	// Returned: 1 at ReturnedAt's day (result handed over at the counter, or delivered
	// by post); ReturnedPost: the same for a delivery by the public postal service
	// (Decision 45/2016/QĐ-TTg).
	Returned     Metric = "returned"
	ReturnedPost Metric = "returned_post"
	// SupplementRequests: 1 at the day of each supplement request (Mẫu 02).
	SupplementRequests Metric = "supplement_requests"
	// Apologies: 1 at the day of each apology slip (Mẫu 04).
	Apologies Metric = "apologies"
	// FeesOwed: the fees and charges owed (after exemptions), in đồng, at the received
	// day; FeesPaid: each payment's amount at its day (fees collected).
	FeesOwed Metric = "fees_owed"
	FeesPaid Metric = "fees_paid"
	// Ended: 1 at the day a received dossier stopped being pending — its completion
	// day, or the day it was withdrawn or cancelled before completion. Then
	// pending(T) = Σ Received(≤ T) − Σ Ended(≤ T).
	Ended Metric = "ended"
	// DuePassed: 1 at DueAt's day of a received dossier; EndedDuePassed: 1 at
	// max(ended day, due day) of a received dossier that has ended. Then the dossiers
	// pending and overdue at the end of day T (Dossier.Overdue) number
	// Σ DuePassed(≤ T) − Σ EndedDuePassed(≤ T). The due is the legal due as known now
	// (moved only by clock stops).
	DuePassed      Metric = "due_passed"
	EndedDuePassed Metric = "ended_due_passed"
	// StepOnTime, StepLate: 1 at the end day of each classified step run, keyed by the
	// STEP's unit (domain.md: lateness is attributed to the step and unit where the
	// time was lost); StepLateMinutes: the working minutes the late step overran.
	StepOnTime      Metric = "step_on_time"
	StepLate        Metric = "step_late"
	StepLateMinutes Metric = "step_late_minutes"
	// UnitResolved: 1 at the completion day for each unit that handled the dossier
	// (the units of its processing steps, and any unit it is attributed lateness to),
	// keyed by that unit; UnitLate: 1 at the completion day of a late dossier for each
	// unit with a late step of it — or the resolving unit when no step was late. A
	// unit's late rate is UnitLate ÷ UnitResolved: for a dossier handled by one unit it
	// is the dossier's classification; along an inter-agency chain only the unit that
	// lost the time counts it late.
	UnitResolved Metric = "unit_resolved"
	UnitLate     Metric = "unit_late"
	// FeeDossiers: 1 at ReceivedAt's day for a received dossier that owes fees or
	// charges (after exemptions); PaidOnline: 1 at the same day for such a dossier
	// with at least one payment made online through the national portal's payment
	// platform (Decision 766/QĐ-TTg, group "Thanh toán trực tuyến": dossiers paid
	// online ÷ dossiers with fees).
	FeeDossiers Metric = "fee_dossiers"
	PaidOnline  Metric = "paid_online"
	// ElectronicResults: 1 at the completion day of a dossier completed with a result
	// (not a refusal) whose signed result document is stored electronically
	// (Decision 766/QĐ-TTg, group "Số hóa hồ sơ": results issued electronically).
	ElectronicResults Metric = "electronic_results"
)

// Metrics lists every metric in a stable order.
var Metrics = []Metric{
	Received, ReceivedFourOnSpot, SubmittedOnline, ResolvedEarly, ResolvedOnTime, ResolvedLate,
	AheadMinutes, BehindMinutes, ResultsReady, ReadyReturned, RefusedIntake, Refused, Withdrawn,
	Cancelled, Returned, ReturnedPost, SupplementRequests, Apologies, FeesOwed, FeesPaid, Ended,
	DuePassed, EndedDuePassed, StepOnTime, StepLate, StepLateMinutes, UnitResolved, UnitLate,
	FeeDossiers, PaidOnline, ElectronicResults,
}

// CumulativeMetrics are the metrics whose sums over all days up to an instant give the
// pending and overdue counts at that instant.
var CumulativeMetrics = []Metric{Received, Ended, DuePassed, EndedDuePassed}

// Key identifies one cell of the rollup. Unit is the resolving unit — the unit of the
// first processing step of the dossier's plan, else the receiving unit — except for the
// step and unit-attribution metrics, whose Unit is the unit the step ran at. RecvUnit
// is the receiving unit (the one-stop department that received the dossier).
type Key struct {
	Metric    Metric
	Day       calendar.Date
	Unit      string
	RecvUnit  string
	Procedure string
	Channel   catalog.Channel
}

// Less orders keys by metric, day, unit, receiving unit, procedure and channel — the
// primary-key order of the stored rollup, in which storage applies changes so that
// concurrent transactions lock rows in one order.
func (k Key) Less(o Key) bool {
	switch {
	case k.Metric != o.Metric:
		return k.Metric < o.Metric
	case k.Day != o.Day:
		return k.Day.Before(o.Day)
	case k.Unit != o.Unit:
		return k.Unit < o.Unit
	case k.RecvUnit != o.RecvUnit:
		return k.RecvUnit < o.RecvUnit
	case k.Procedure != o.Procedure:
		return k.Procedure < o.Procedure
	}
	return k.Channel < o.Channel
}

// Cells is a set of cells with their values.
type Cells map[Key]int64

// Add adds every cell of o to c (c must not be nil).
func (c Cells) Add(o Cells) {
	for k, v := range o {
		c[k] += v
	}
}

// Keys returns the keys of c in Key.Less order.
func (c Cells) Keys() []Key {
	ks := make([]Key, 0, len(c))
	for k := range c {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].Less(ks[j]) })
	return ks
}

// NonZero returns the cells of c whose value is not 0.
func (c Cells) NonZero() Cells {
	out := Cells{}
	for k, v := range c {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// Diff returns after − before, without the cells whose difference is 0: what applying
// one event changes in the rollup.
func Diff(before, after Cells) Cells {
	out := Cells{}
	for k, v := range after {
		if d := v - before[k]; d != 0 {
			out[k] = d
		}
	}
	for k, v := range before {
		if _, ok := after[k]; !ok && v != 0 {
			out[k] = -v
		}
	}
	return out
}

// ResolvingUnit returns the unit a dossier's figures are filed under: the unit of the
// first processing step of its plan (BuildPlan: the procedure's unit, or the receiving
// unit for "4 tại chỗ" and commune procedures), else the receiving unit.
func ResolvingUnit(d *dossier.Dossier) string {
	for _, s := range d.Plan {
		if s.Phase == dossier.PhaseProcessing && s.UnitCode != "" {
			return s.UnitCode
		}
	}
	return d.UnitCode
}

// Contribution returns the cells dossier d contributes to the rollup in its current
// state (see the metrics for the rule of each). A nil dossier or one without events
// contributes nothing.
func Contribution(d *dossier.Dossier) Cells {
	c := Cells{}
	if d == nil || d.Version == 0 {
		return c
	}
	unit := ResolvingUnit(d)
	add := func(m Metric, at time.Time, u string, v int64) {
		if v == 0 || at.IsZero() {
			return
		}
		c[Key{Metric: m, Day: calendar.DateOf(at), Unit: u, RecvUnit: d.UnitCode, Procedure: d.ProcedureCode, Channel: d.Channel}] += v
	}
	addDay := func(m Metric, day calendar.Date, v int64) {
		c[Key{Metric: m, Day: day, Unit: unit, RecvUnit: d.UnitCode, Procedure: d.ProcedureCode, Channel: d.Channel}] += v
	}
	received := !d.ReceivedAt.IsZero()
	if received {
		add(Received, d.ReceivedAt, unit, 1)
		if d.FourOnSpot {
			add(ReceivedFourOnSpot, d.ReceivedAt, unit, 1)
		}
		add(FeesOwed, d.ReceivedAt, unit, d.FeesOwed())
		if d.FeesOwed() > 0 {
			add(FeeDossiers, d.ReceivedAt, unit, 1)
			if slices.ContainsFunc(d.Payments, func(p dossier.Payment) bool { return p.Method == dossier.PayOnline }) {
				add(PaidOnline, d.ReceivedAt, unit, 1)
			}
		}
	}
	add(SubmittedOnline, d.SubmittedAt, unit, 1)
	for _, p := range d.Payments {
		add(FeesPaid, p.At, unit, p.Amount)
	}
	for _, s := range d.Supplements {
		add(SupplementRequests, s.At, unit, 1)
	}
	for _, a := range d.Apologies {
		add(Apologies, a.At, unit, 1)
	}

	// Completion and its classification.
	if cl := d.Completion; cl != nil {
		at := cl.Completed
		switch cl.Outcome {
		case calendar.Early:
			add(ResolvedEarly, at, unit, 1)
		case calendar.OnTime:
			add(ResolvedOnTime, at, unit, 1)
		case calendar.Late:
			add(ResolvedLate, at, unit, 1)
		}
		if cl.Outcome == calendar.Late {
			add(BehindMinutes, at, unit, max(0, -cl.AheadMinutes))
		} else {
			add(AheadMinutes, at, unit, max(0, cl.AheadMinutes))
		}
		if d.State != dossier.StateRefused {
			add(ResultsReady, at, unit, 1)
			if d.Result != nil && d.Result.DocumentSHA256 != "" {
				add(ElectronicResults, at, unit, 1)
			}
			if !d.ReturnedAt.IsZero() {
				add(ReadyReturned, at, unit, 1)
			}
		}
		handled, late := attribution(d, unit, cl.Outcome == calendar.Late)
		for _, u := range handled {
			add(UnitResolved, at, u, 1)
		}
		for _, u := range late {
			add(UnitLate, at, u, 1)
		}
	}

	// Final states.
	switch d.State {
	case dossier.StateRefusedIntake:
		add(RefusedIntake, d.ClosedAt, unit, 1)
	case dossier.StateRefused:
		add(Refused, d.ClosedAt, unit, 1)
	case dossier.StateWithdrawn:
		add(Withdrawn, d.ClosedAt, unit, 1)
	case dossier.StateCancelled:
		add(Cancelled, d.ClosedAt, unit, 1)
	}
	if !d.ReturnedAt.IsZero() {
		add(Returned, d.ReturnedAt, unit, 1)
		if d.Post != nil && d.Post.Status == dossier.PostDelivered {
			add(ReturnedPost, d.ReturnedAt, unit, 1)
		}
	}

	// Pending and overdue at any past instant.
	if received {
		ended, hasEnded := EndDay(d)
		if hasEnded {
			addDay(Ended, ended, 1)
		}
		if !d.DueAt.IsZero() {
			due := calendar.DateOf(d.DueAt)
			addDay(DuePassed, due, 1)
			if hasEnded {
				if ended.Before(due) {
					ended = due
				}
				addDay(EndedDuePassed, ended, 1)
			}
		}
	}

	// Steps, attributed to the unit that ran them.
	for _, r := range d.Steps {
		if r.EndedAt.IsZero() {
			continue
		}
		switch r.Outcome {
		case dossier.StepOnTime:
			add(StepOnTime, r.EndedAt, r.UnitCode, 1)
		case dossier.StepLate:
			add(StepLate, r.EndedAt, r.UnitCode, 1)
			add(StepLateMinutes, r.EndedAt, r.UnitCode, max(0, -r.AheadMinutes))
		}
	}
	for k, v := range c {
		if v == 0 {
			delete(c, k)
		}
	}
	return c
}

// EndDay returns the day a received dossier stopped being pending: its completion day,
// or for a dossier withdrawn or cancelled before completion the day it was closed.
func EndDay(d *dossier.Dossier) (calendar.Date, bool) {
	switch {
	case d.Completion != nil:
		return calendar.DateOf(d.Completion.Completed), true
	case d.State.Terminal() && !d.ClosedAt.IsZero():
		return calendar.DateOf(d.ClosedAt), true
	}
	return calendar.Date{}, false
}

// attribution returns the units that handled a completed dossier (the units of its
// processing steps, else the resolving unit) and, when it is late, the units its
// lateness is attributed to (those with a late step, else the resolving unit), each
// sorted; every unit late is also handled.
func attribution(d *dossier.Dossier, resolving string, isLate bool) (handled, late []string) {
	h, l := map[string]bool{}, map[string]bool{}
	for _, r := range d.Steps {
		if r.Phase == dossier.PhaseProcessing && r.UnitCode != "" {
			h[r.UnitCode] = true
		}
		if r.Outcome == dossier.StepLate && r.UnitCode != "" {
			l[r.UnitCode] = true
		}
	}
	if len(h) == 0 {
		h[resolving] = true
	}
	if !isLate {
		clear(l)
	} else if len(l) == 0 {
		l[resolving] = true
	}
	for u := range l {
		h[u] = true
	}
	for u := range h {
		handled = append(handled, u)
	}
	for u := range l {
		late = append(late, u)
	}
	sort.Strings(handled)
	sort.Strings(late)
	return handled, late
}
