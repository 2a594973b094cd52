package calendar

import (
	"fmt"
	"sync"
	"time"

	"github.com/motcua/motcua"
)

// Calendar is the working calendar of one unit: the statutory public holidays (Labour
// Code 2019 art. 111–112), the Government's yearly schedules, and the unit's weekly
// shifts. A day is a working day when it is not a public holiday, day off in lieu or
// schedule day off, and either the unit has shifts on that weekday or the schedule makes
// it a make-up working day (which then uses the shifts of WeekShifts.Makeup).
//
// A Calendar is immutable and safe for concurrent use; per-year tables are computed
// once and shared by every Calendar derived with WithShifts.
type Calendar struct {
	prov     *province
	shifts   WeekShifts
	versions []string
}

// New returns a calendar with the statutory holidays, the given schedules (at most one
// per year; each validated, and a schedule may not turn a fixed-date statutory holiday
// into a working day) and the given weekly shifts.
func New(shifts WeekShifts, schedules ...Schedule) (*Calendar, error) {
	if err := shifts.Validate(); err != nil {
		return nil, fmt.Errorf("calendar: new: %w", err)
	}
	p, err := newProvince(schedules)
	if err != nil {
		return nil, fmt.Errorf("calendar: new: %w", err)
	}
	c := &Calendar{prov: p, shifts: shifts.clone()}
	c.versions = []string{"rules:" + RulesVersion}
	for y := MinYear; y <= MaxYear; y++ {
		if s := p.schedules[y]; s != nil {
			c.versions = append(c.versions, fmt.Sprintf("schedule:%d:%s", y, s.Version))
		}
	}
	return c, nil
}

var (
	defaultOnce sync.Once
	defaultCal  *Calendar
)

// Default returns the calendar of a unit with DefaultWeekShifts, the statutory
// holidays and the embedded Government schedules (EmbeddedSchedules). It panics if the
// embedded data is invalid, which the package tests rule out.
func Default() *Calendar {
	defaultOnce.Do(func() {
		s, err := EmbeddedSchedules()
		if err != nil {
			panic(err)
		}
		defaultCal, err = New(DefaultWeekShifts(), s...)
		if err != nil {
			panic(err)
		}
	})
	return defaultCal
}

// WithShifts returns a calendar with the same holidays and schedules (shared, not
// recomputed) and other weekly shifts: a unit inheriting its province's calendar.
func (c *Calendar) WithShifts(shifts WeekShifts) (*Calendar, error) {
	if err := shifts.Validate(); err != nil {
		return nil, fmt.Errorf("calendar: with shifts: %w", err)
	}
	return &Calendar{prov: c.prov, shifts: shifts.clone(), versions: c.versions}, nil
}

// Shifts returns a copy of the calendar's weekly shifts.
func (c *Calendar) Shifts() WeekShifts { return c.shifts.clone() }

// Schedule returns the Government schedule loaded for year y, if any.
func (c *Calendar) Schedule(y int) (Schedule, bool) {
	s, ok := c.prov.schedules[y]
	if !ok {
		return Schedule{}, false
	}
	cp := *s
	cp.Days = append([]ScheduleDay(nil), s.Days...)
	return cp, true
}

// shiftsOn returns the shifts of day number dn (nil on a non-working day) and what the
// province calendar says about the day.
func (c *Calendar) shiftsOn(dn int) ([]Shift, *dayInfo, error) {
	info, err := c.prov.info(dn)
	if err != nil {
		return nil, nil, err
	}
	switch info.kind {
	case KindHoliday, KindInLieu, KindScheduleOff:
		return nil, info, nil
	case KindMakeupWorkday:
		return c.shifts.Days[c.shifts.Makeup], info, nil
	}
	wd := time.Weekday(((dn % 7) + 7 + 4) % 7)
	return c.shifts.Days[wd], info, nil
}

// IsWorkingDay reports whether d is a working day of the calendar.
func (c *Calendar) IsWorkingDay(d Date) (bool, error) {
	s, _, err := c.shiftsOn(d.dayNumber())
	return len(s) > 0, err
}

// ShiftsOn returns the shifts worked on date d (none on a non-working day).
func (c *Calendar) ShiftsOn(d Date) ([]Shift, error) {
	s, _, err := c.shiftsOn(d.dayNumber())
	return append([]Shift(nil), s...), err
}

// IsWorkingInstant reports whether t lies within a shift of a working day, both ends
// included (a due time may be the end of a shift).
func (c *Calendar) IsWorkingInstant(t time.Time) (bool, error) {
	dn, off := dayOf(t)
	shifts, _, err := c.shiftsOn(dn)
	if err != nil {
		return false, err
	}
	for _, s := range shifts {
		if off >= s.Start.dur() && off <= s.End.dur() {
			return true, nil
		}
	}
	return false, nil
}

// maxScanDays bounds every day-by-day walk, so that no input makes a loop run away.
const maxScanDays = 40000

var errNoWorkingDay = motcua.Errorf(motcua.EUNPROCESSABLE, "no working day within %d days", maxScanDays)

// StartReason says why counting does not begin at the instant a dossier was received.
type StartReason string

// Start reasons.
const (
	StartInShift      StartReason = ""               // received during a shift: counting starts at once
	StartBeforeHours  StartReason = "before_hours"   // before the first shift of a working day
	StartBetweenShift StartReason = "between_shifts" // in the break between two shifts
	StartAfterHours   StartReason = "after_hours"    // after the end of the day's last shift
	StartNonWorkday   StartReason = "non_working_day"
)

// normalize returns the instant counting starts from t: t itself inside a shift, else
// the start of the next shift (domain rule: a dossier received after the last shift or
// on a non-working day starts counting at the next working shift). An instant exactly
// at the end of a shift is outside it.
func (c *Calendar) normalize(t time.Time) (time.Time, int, time.Duration, StartReason, error) {
	dn, off := dayOf(t)
	reason := StartInShift
	for i := 0; i < maxScanDays; i++ {
		shifts, _, err := c.shiftsOn(dn)
		if err != nil {
			return time.Time{}, 0, 0, "", err
		}
		if i == 0 && len(shifts) == 0 {
			reason = StartNonWorkday
		}
		for j, s := range shifts {
			if off >= s.End.dur() {
				if i == 0 && j == len(shifts)-1 {
					reason = StartAfterHours
				}
				continue
			}
			if off < s.Start.dur() {
				if i == 0 {
					if j == 0 {
						reason = StartBeforeHours
					} else {
						reason = StartBetweenShift
					}
				}
				return instant(dn, s.Start.dur()), dn, s.Start.dur(), reason, nil
			}
			return t.In(ICT), dn, off, reason, nil
		}
		dn++
		off = 0
	}
	return time.Time{}, 0, 0, "", errNoWorkingDay
}

// addWorking returns the instant at which d of working time has elapsed after t. d == 0
// returns t unchanged. A result landing on a shift boundary is the end of the earlier
// shift.
func (c *Calendar) addWorking(t time.Time, d time.Duration) (time.Time, error) {
	if d <= 0 {
		return t.In(ICT), nil
	}
	dn, off := dayOf(t)
	for i := 0; i < maxScanDays; i++ {
		shifts, _, err := c.shiftsOn(dn)
		if err != nil {
			return time.Time{}, err
		}
		if off == 0 && len(shifts) > 0 {
			if l := dayLen(shifts); d > l { // skip a whole day
				d -= l
				dn++
				continue
			}
		}
		for _, s := range shifts {
			if off >= s.End.dur() {
				continue
			}
			if off < s.Start.dur() {
				off = s.Start.dur()
			}
			if avail := s.End.dur() - off; d <= avail {
				return instant(dn, off+d), nil
			} else {
				d -= avail
				off = s.End.dur()
			}
		}
		dn++
		off = 0
	}
	return time.Time{}, errNoWorkingDay
}

// workingBetween returns the working time in [a, b); a must not be after b.
func (c *Calendar) workingBetween(a, b time.Time) (time.Duration, error) {
	if !a.Before(b) {
		return 0, nil
	}
	da, oa := dayOf(a)
	db, ob := dayOf(b)
	if db-da > maxScanDays {
		return 0, motcua.Errorf(motcua.EINVALID, "interval %s–%s longer than %d days", a.Format(time.RFC3339), b.Format(time.RFC3339), maxScanDays)
	}
	var total time.Duration
	for dn := da; dn <= db; dn++ {
		shifts, _, err := c.shiftsOn(dn)
		if err != nil {
			return 0, err
		}
		lo, hi := time.Duration(0), 24*time.Hour
		if dn == da {
			lo = oa
		}
		if dn == db {
			hi = ob
		}
		for _, s := range shifts {
			x, y := max(lo, s.Start.dur()), min(hi, s.End.dur())
			if y > x {
				total += y - x
			}
		}
	}
	return total, nil
}

// WorkingTimeBetween returns the working time between a and b: positive when a is
// before b, negative when after. It measures "hours ahead / behind" (domain.md).
func (c *Calendar) WorkingTimeBetween(a, b time.Time) (time.Duration, error) {
	if b.Before(a) {
		d, err := c.workingBetween(b, a)
		return -d, wrap(err, "working time between %s and %s", a, b)
	}
	d, err := c.workingBetween(a, b)
	return d, wrap(err, "working time between %s and %s", a, b)
}

// WorkingMinutesBetween is WorkingTimeBetween in whole minutes, truncated toward zero.
func (c *Calendar) WorkingMinutesBetween(a, b time.Time) (int64, error) {
	d, err := c.WorkingTimeBetween(a, b)
	return int64(d / time.Minute), err
}

// wrap adds the operation to an error; nil stays nil.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	for i, a := range args {
		if t, ok := a.(time.Time); ok {
			args[i] = t.In(ICT).Format(time.RFC3339)
		}
	}
	return fmt.Errorf("calendar: "+format+": %w", append(args, err)...)
}
