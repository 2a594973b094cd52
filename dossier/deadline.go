package dossier

import (
	"fmt"
	"sort"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// Calendar is what Decide needs of a working calendar; *calendar.Calendar implements
// it. The counting rules (after-hours receipt starting at the next shift, working days,
// boundaries) are the calendar's (calendar.Calendar.DueWithStops).
type Calendar interface {
	DueWithStops(start time.Time, amount int, unit calendar.TimeUnit, stops []calendar.Stop) (*calendar.Explanation, error)
	StepDues(start time.Time, allotments []time.Duration) ([]calendar.StepDue, error)
	WorkingTimeBetween(a, b time.Time) (time.Duration, error)
	Classify(completed, due time.Time) (calendar.Classification, error)
}

var _ Calendar = (*calendar.Calendar)(nil)

// legalDue computes the legal due of a time limit started at start, moved by the
// ended stops (domain.md "Deadlines"; Decree 118/2025/NĐ-CP: the supplement time is not
// counted). The explanation lists the days skipped and the effect of each stop.
func legalDue(cal Calendar, start time.Time, limit catalog.TimeLimit, stops []ClockStop) (*calendar.Explanation, error) {
	var cs []calendar.Stop
	for _, s := range stops {
		if !s.To.IsZero() {
			cs = append(cs, calendar.Stop{From: s.From, To: s.To, Reason: string(s.Kind) + ": " + s.Reason})
		}
	}
	e, err := cal.DueWithStops(start, limit.Amount, calendar.TimeUnit(limit.Unit), cs)
	if err != nil {
		return nil, fmt.Errorf("dossier: legal due: %w", err)
	}
	return e, nil
}

// stepDue returns the due of a step of minutes working minutes started at start: the
// allotment counted from the start (the next shift when outside working hours), then
// moved by the working time of each ended stop of the step that begins before the due
// so far — the rule of calendar.DueWithStops, applied to minutes. It returns the zero
// time for a step without minutes.
func stepDue(cal Calendar, start time.Time, minutes int, stops []ClockStop) (time.Time, error) {
	if minutes <= 0 {
		return time.Time{}, nil
	}
	sd, err := cal.StepDues(start, []time.Duration{time.Duration(minutes) * time.Minute})
	if err != nil {
		return time.Time{}, fmt.Errorf("dossier: step due: %w", err)
	}
	due, cursor := sd[0].Due, sd[0].Start
	ended := make([]ClockStop, 0, len(stops))
	for _, s := range stops {
		if !s.To.IsZero() {
			ended = append(ended, s)
		}
	}
	sort.SliceStable(ended, func(i, j int) bool { return ended[i].From.Before(ended[j].From) })
	for _, s := range ended {
		from := s.From
		if from.Before(cursor) {
			from = cursor
		}
		if !from.Before(due) || !from.Before(s.To) {
			continue
		}
		add, err := cal.WorkingTimeBetween(from, s.To)
		if err != nil {
			return time.Time{}, fmt.Errorf("dossier: step due: %w", err)
		}
		cursor = s.To
		if add <= 0 {
			continue
		}
		x, err := cal.StepDues(due, []time.Duration{add})
		if err != nil {
			return time.Time{}, fmt.Errorf("dossier: step due: %w", err)
		}
		due = x[0].Due
	}
	return due, nil
}

// stepStops returns the stops that happened during step index.
func stepStops(stops []ClockStop, index int) []ClockStop {
	var out []ClockStop
	for _, s := range stops {
		if s.StepIndex == index {
			out = append(out, s)
		}
	}
	return out
}

// finishStep returns run ended at end and classified against its due: on time when
// ended at or before the due, late after it, with the working minutes ahead (negative
// when late). Runs without a due and runs of the return phase are not classified.
func finishStep(cal Calendar, run StepRun, end time.Time) (StepRun, error) {
	run.EndedAt = end
	if run.Due.IsZero() || run.Phase == PhaseReturn {
		return run, nil
	}
	ahead, err := cal.WorkingTimeBetween(end, run.Due)
	if err != nil {
		return run, fmt.Errorf("dossier: step %d outcome: %w", run.Index, err)
	}
	run.AheadMinutes = int64(ahead / time.Minute)
	run.Outcome = StepOnTime
	if end.After(run.Due) {
		run.Outcome = StepLate
	}
	return run, nil
}

// LateSteps returns the finished or current step runs that are late at now: finished
// late, or still open past their due. These are the steps, and units, the dossier's
// lateness is attributed to.
func (d *Dossier) LateSteps(now time.Time) []StepRun {
	var out []StepRun
	for _, r := range d.Steps {
		switch {
		case r.Outcome == StepLate:
			out = append(out, r)
		case r.EndedAt.IsZero() && !r.Due.IsZero() && r.Phase != PhaseReturn && now.After(r.Due) && !d.State.ClockStopped():
			out = append(out, r)
		}
	}
	return out
}

// LateUnits returns the units of LateSteps, each once, in order (the agencies named
// in the late lists of the reports).
func (d *Dossier) LateUnits(now time.Time) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range d.LateSteps(now) {
		if !seen[r.UnitCode] {
			seen[r.UnitCode] = true
			out = append(out, r.UnitCode)
		}
	}
	return out
}
