package calendar

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// StepDue is the due time of one step of a dossier's internal process (quy trình nội
// bộ, adopted by decision of the provincial People's Committee under Decree
// 118/2025/NĐ-CP), each step allotted some working time.
type StepDue struct {
	Index        int           `json:"index"`
	Start        time.Time     `json:"start"`
	Due          time.Time     `json:"due"`
	Allotted     time.Duration `json:"-"`
	AllottedMins int64         `json:"allotted_minutes"`
}

// StepDues computes the due time of each step when the steps run one after another
// from start, each taking its full allotment of working time: step i starts at step
// i−1's due (the first at the effective start) and is due when its allotment of shift
// time has elapsed, with the boundary rule of Due.
func (c *Calendar) StepDues(start time.Time, allotments []time.Duration) ([]StepDue, error) {
	eff, _, _, _, err := c.normalize(start)
	if err != nil {
		return nil, fmt.Errorf("calendar: step dues from %s: %w", start.In(ICT).Format(time.RFC3339), err)
	}
	var total time.Duration
	out := make([]StepDue, len(allotments))
	at := eff
	for i, a := range allotments {
		if a < 0 {
			return nil, fmt.Errorf("calendar: step dues: %w", motcua.FieldError(motcua.EINVALID, fmt.Sprintf("steps[%d]", i), "negative allotment"))
		}
		if total += a; total > MaxHours*time.Hour {
			return nil, fmt.Errorf("calendar: step dues: %w", motcua.Errorf(motcua.EINVALID, "allotments exceed %d hours", MaxHours))
		}
		due, err := c.addWorking(at, a)
		if err != nil {
			return nil, fmt.Errorf("calendar: step %d due: %w", i, err)
		}
		out[i] = StepDue{Index: i, Start: at, Due: due, Allotted: a, AllottedMins: int64(a / time.Minute)}
		at = due
	}
	return out, nil
}

// StepDuesWithin is StepDues for a procedure whose whole time limit is amount units: it
// also returns the explained due of the whole and fails with EUNPROCESSABLE when the
// last step would be due after it (the internal process must fit in the time limit).
func (c *Calendar) StepDuesWithin(start time.Time, amount int, unit TimeUnit, allotments []time.Duration) ([]StepDue, *Explanation, error) {
	whole, err := c.Due(start, amount, unit)
	if err != nil {
		return nil, nil, err
	}
	steps, err := c.StepDues(start, allotments)
	if err != nil {
		return nil, nil, err
	}
	if n := len(steps); n > 0 && steps[n-1].Due.After(whole.Due) {
		return nil, nil, fmt.Errorf("calendar: step dues: %w", motcua.Errorf(motcua.EUNPROCESSABLE,
			"the steps end at %s, after the time limit's due %s", steps[n-1].Due.Format(time.RFC3339), whole.Due.Format(time.RFC3339)))
	}
	return steps, whole, nil
}
