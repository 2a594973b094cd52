package calendar

import (
	"fmt"
	"sort"
	"time"

	"github.com/motcua/motcua"
)

// TimeUnit is the unit a time limit is counted in; the values are those of
// catalog.TimeUnit and of the API's unit_of_time.
type TimeUnit string

// Time units.
const (
	// WorkingDays: N working days after the effective start, at the same position
	// within the working day (Decree 118/2025/NĐ-CP counts one-stop time limits in
	// working days). See Calendar.Due.
	WorkingDays TimeUnit = "working_days"
	// WorkingHours: N×60 minutes of shift time after the effective start.
	WorkingHours TimeUnit = "working_hours"
	// CalendarDays: N days counted under Civil Code 2015 art. 147–148.
	CalendarDays TimeUnit = "calendar_days"
)

// Valid reports whether u is a known unit.
func (u TimeUnit) Valid() bool { return u == WorkingDays || u == WorkingHours || u == CalendarDays }

// Upper bounds on an amount, far above any real time limit; they keep every
// computation short whatever the input.
const (
	MaxDays  = 3660
	MaxHours = MaxDays * 24
)

// Stop is an interval [From, To) during which the clock of a dossier is stopped: waiting
// for a supplement (yêu cầu bổ sung, hoàn thiện hồ sơ) or suspended. Decree 118/2025/NĐ-CP
// does not count the time the applicant takes to supplement the dossier in the time
// limit; the due time moves by exactly the working time inside the stop.
type Stop struct {
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Reason string    `json:"reason,omitempty"`
}

// Due computes the due time of a time limit of amount units starting at start, and
// explains it. It is DueWithStops without stops.
func (c *Calendar) Due(start time.Time, amount int, unit TimeUnit) (*Explanation, error) {
	return c.DueWithStops(start, amount, unit, nil)
}

// DueWithStops computes the due time of a time limit and explains it. The rules (see
// README.md):
//
//   - Effective start: start itself when it lies inside a shift of a working day,
//     otherwise the start of the next shift (domain rule; a dossier received online on
//     Sunday starts counting on Monday morning).
//   - working_hours: the instant at which amount×60 minutes of shift time have elapsed.
//   - working_days: the amount-th working day after the effective start, at the same
//     working-time position within the day (received Monday 09:00, 3 working days →
//     Thursday 09:00). When that position is the very start of the day (the effective
//     start was a day's first shift start), the due is expressed as the end of the
//     previous working day (received Friday 18:00, 1 working day → Monday 17:00). When
//     the target day is shorter than the position (a Saturday-morning day), the due is
//     the end of the target day.
//   - calendar_days: the first day is not counted and the limit ends at the end of the
//     amount-th day after the effective start's date (Civil Code 2015 art. 147(1),
//     148(1)); if that day is not a working day it ends at the end of the next working
//     day (art. 148(5)). "End of a day" is the end of its last shift.
//   - Stops: each stop that begins before the due (as extended by earlier stops) moves
//     the due by the working time inside it (for calendar_days, by its elapsed time),
//     counted from the effective start; overlapping stops count once.
//
// A result landing exactly on a boundary between two shifts is the end of the earlier
// shift; a due is never on a non-working day nor outside shifts. amount 0 gives the
// effective start.
func (c *Calendar) DueWithStops(start time.Time, amount int, unit TimeUnit, stops []Stop) (*Explanation, error) {
	e, err := c.due(start, amount, unit, stops)
	if err != nil {
		return nil, fmt.Errorf("calendar: due of %d %s from %s: %w", amount, unit, start.In(ICT).Format(time.RFC3339), err)
	}
	return e, nil
}

func (c *Calendar) due(start time.Time, amount int, unit TimeUnit, stops []Stop) (*Explanation, error) {
	if !unit.Valid() {
		return nil, motcua.FieldError(motcua.EINVALID, "unit_of_time", fmt.Sprintf("unknown unit %q: want working_days, working_hours or calendar_days", unit))
	}
	limit := MaxDays
	if unit == WorkingHours {
		limit = MaxHours
	}
	if amount < 0 || amount > limit {
		return nil, motcua.FieldError(motcua.EINVALID, "amount", fmt.Sprintf("amount %d outside 0–%d", amount, limit))
	}
	for i, s := range stops {
		if s.To.Before(s.From) {
			return nil, motcua.FieldError(motcua.EINVALID, fmt.Sprintf("stops[%d]", i), "stop ends before it begins")
		}
	}
	eff, effDN, effOff, reason, err := c.normalize(start)
	if err != nil {
		return nil, err
	}
	e := &Explanation{
		Start: start.In(ICT), Amount: amount, Unit: unit, EffectiveStart: eff, StartMoved: reason,
		Rule: ruleText[unit], Legal: legalText[unit], Shifts: c.shifts.clone(),
	}
	var due time.Time
	var calEnd time.Time // calendar_days: 24:00 of the last day, before art. 148(5)
	switch unit {
	case WorkingHours:
		due, err = c.addWorking(eff, time.Duration(amount)*time.Hour)
	case WorkingDays:
		due, err = c.addWorkingDays(effDN, effOff, eff, amount)
	case CalendarDays:
		if amount == 0 {
			due = eff
		} else {
			calEnd = instant(effDN+amount+1, 0)
			due, err = c.endOfWorkingDayFrom(effDN + amount)
		}
	}
	if err != nil {
		return nil, err
	}
	e.DueWithoutStops = due

	// Stops, taken in order of start; the part of a stop overlapping an earlier one
	// counts once, for the earlier. Effects are reported in the caller's order.
	order := make([]int, len(stops))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return stops[order[a]].From.Before(stops[order[b]].From) })
	cursor := eff
	if len(stops) > 0 {
		e.Stops = make([]StopEffect, len(stops))
	}
	for _, i := range order {
		s := stops[i]
		se := StopEffect{From: s.From.In(ICT), To: s.To.In(ICT), Reason: s.Reason}
		from := s.From
		if from.Before(cursor) {
			from = cursor
		}
		switch {
		case !from.Before(due):
			se.Note = "begins at or after the due time: no effect"
		case !from.Before(s.To):
			se.Note = "before the effective start or inside an earlier stop: no effect"
		default:
			var add time.Duration
			if unit == CalendarDays && amount > 0 {
				add = s.To.Sub(from)
				calEnd = calEnd.Add(add)
				dn, _ := dayOf(calEnd.Add(-time.Nanosecond))
				due, err = c.endOfWorkingDayFrom(dn)
			} else {
				add, err = c.workingBetween(from, s.To)
				if err == nil {
					due, err = c.addWorking(due, add)
				}
			}
			if err != nil {
				return nil, err
			}
			se.Added = add
			se.AddedMinutes = int64(add / time.Minute)
			se.AddedText = add.String()
			cursor = s.To
			e.StoppedTotal += add
		}
		e.Stops[i] = se
	}
	e.Due = due
	e.StoppedMinutes = int64(e.StoppedTotal / time.Minute)
	if unit == CalendarDays && amount > 0 {
		d := DateOf(calEnd.Add(-time.Nanosecond))
		e.LastDay = &d
	}
	if err := c.explain(e); err != nil {
		return nil, err
	}
	return e, nil
}

// addWorkingDays implements the working_days rule of DueWithStops.
func (c *Calendar) addWorkingDays(effDN int, effOff time.Duration, eff time.Time, n int) (time.Time, error) {
	if n == 0 {
		return eff, nil
	}
	shifts, _, err := c.shiftsOn(effDN)
	if err != nil {
		return time.Time{}, err
	}
	pos := elapsedIn(shifts, effOff)
	prev, target := effDN, effDN
	for i := 0; i < n; i++ {
		prev = target
		if target, err = c.nextWorkingDay(target); err != nil {
			return time.Time{}, err
		}
	}
	if pos == 0 {
		s, _, err := c.shiftsOn(prev)
		if err != nil {
			return time.Time{}, err
		}
		return instant(prev, s[len(s)-1].End.dur()), nil
	}
	ts, _, err := c.shiftsOn(target)
	if err != nil {
		return time.Time{}, err
	}
	return atPosition(target, ts, pos), nil
}

// elapsedIn returns the working time of shifts before offset off of the day.
func elapsedIn(shifts []Shift, off time.Duration) time.Duration {
	var n time.Duration
	for _, s := range shifts {
		if off <= s.Start.dur() {
			break
		}
		n += min(off, s.End.dur()) - s.Start.dur()
	}
	return n
}

// atPosition returns the instant of day dn at which pos > 0 of working time has
// elapsed, a boundary being the end of the earlier shift; past the day's working time it
// returns the end of the last shift.
func atPosition(dn int, shifts []Shift, pos time.Duration) time.Time {
	for _, s := range shifts {
		if pos <= s.Len() {
			return instant(dn, s.Start.dur()+pos)
		}
		pos -= s.Len()
	}
	return instant(dn, shifts[len(shifts)-1].End.dur())
}

// nextWorkingDay returns the first working day after dn.
func (c *Calendar) nextWorkingDay(dn int) (int, error) {
	for i := 0; i < maxScanDays; i++ {
		dn++
		s, _, err := c.shiftsOn(dn)
		if err != nil {
			return 0, err
		}
		if len(s) > 0 {
			return dn, nil
		}
	}
	return 0, errNoWorkingDay
}

// endOfWorkingDayFrom returns the end of the last shift of the first working day on or
// after dn (Civil Code 2015 art. 148(5)).
func (c *Calendar) endOfWorkingDayFrom(dn int) (time.Time, error) {
	s, _, err := c.shiftsOn(dn)
	if err != nil {
		return time.Time{}, err
	}
	if len(s) == 0 {
		if dn, err = c.nextWorkingDay(dn); err != nil {
			return time.Time{}, err
		}
		s, _, _ = c.shiftsOn(dn)
	}
	return instant(dn, s[len(s)-1].End.dur()), nil
}

var ruleText = map[TimeUnit]string{
	WorkingDays: "working_days: the N-th working day after the effective start, at the same working-time position within the day; " +
		"a position at the very start of a day is expressed as the end of the previous working day; a position beyond a shorter day is that day's end",
	WorkingHours: "working_hours: N×60 minutes of shift time after the effective start; a result on a shift boundary is the end of the earlier shift",
	CalendarDays: "calendar_days: the first day is not counted; the limit ends at the end of the last shift of the N-th day after the effective start, or of the next working day when that day is not a working day",
}

var legalText = map[TimeUnit][]string{
	WorkingDays: {
		"Nghị định 118/2025/NĐ-CP (thời hạn giải quyết thủ tục hành chính tính theo ngày làm việc)",
		"Bộ luật Lao động 2019, Điều 111–112 (ngày nghỉ hằng tuần, nghỉ lễ, tết, nghỉ bù)",
	},
	WorkingHours: {
		"Nghị định 118/2025/NĐ-CP (thời hạn giải quyết thủ tục hành chính tính theo ngày làm việc)",
		"Bộ luật Lao động 2019, Điều 111–112 (ngày nghỉ hằng tuần, nghỉ lễ, tết, nghỉ bù)",
	},
	CalendarDays: {
		"Bộ luật Dân sự 2015, Điều 147 khoản 1 (ngày đầu tiên không tính), Điều 148 khoản 1 và 5 (kết thúc thời hạn; ngày cuối cùng là ngày nghỉ thì kết thúc vào ngày làm việc tiếp theo)",
		"Bộ luật Lao động 2019, Điều 111–112 (ngày nghỉ hằng tuần, nghỉ lễ, tết, nghỉ bù)",
	},
}
