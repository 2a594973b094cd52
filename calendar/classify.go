package calendar

import (
	"fmt"
	"time"
)

// Outcome classifies a completion against its due time.
type Outcome string

// Outcomes (domain.md, "Classification at completion"; the on-time rate of the reports
// is (early + on time) / resolved).
const (
	Early  Outcome = "early"   // completed before the due's working day
	OnTime Outcome = "on_time" // completed at or before the due, on the due's date
	Late   Outcome = "late"    // completed after the due
)

// Classification is the outcome of one completion and the working time ahead of the
// due (positive) or behind it (negative), the "hours ahead" of the reports.
type Classification struct {
	Outcome      Outcome       `json:"outcome"`
	Completed    time.Time     `json:"completed"`
	Due          time.Time     `json:"due"`
	Ahead        time.Duration `json:"-"`
	AheadMinutes int64         `json:"ahead_minutes"`
}

// Classify classifies a completion: late if completed is after due; on time if it is
// at or before due on the same calendar date (ICT) as due; early otherwise. Ahead is the
// working time from completed to due (negative when late). A late dossier stays late
// whatever new appointment an apology slip gives (domain.md): pass the original due.
func (c *Calendar) Classify(completed, due time.Time) (Classification, error) {
	ahead, err := c.WorkingTimeBetween(completed, due)
	if err != nil {
		return Classification{}, fmt.Errorf("calendar: classify: %w", err)
	}
	cl := Classification{Completed: completed.In(ICT), Due: due.In(ICT), Ahead: ahead, AheadMinutes: int64(ahead / time.Minute)}
	switch {
	case completed.After(due):
		cl.Outcome = Late
	case DateOf(completed) == DateOf(due):
		cl.Outcome = OnTime
	default:
		cl.Outcome = Early
	}
	return cl, nil
}
