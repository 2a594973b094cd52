package calendar

import (
	"fmt"
	"sync"

	"github.com/motcua/motcua"
)

// dayInfo is what the province calendar says about one date, before a unit's shifts.
type dayInfo struct {
	kind   HolidayKind // "" for an ordinary day
	nameVI string
	nameEN string
	source string
	fixed  bool // a fixed-date statutory holiday, which no schedule can cancel
}

// yearTable holds the dayInfo of every date of one year.
type yearTable struct {
	first int // day number of 1 January
	days  []dayInfo
}

// province is the holiday side of a calendar: statutory rules plus Government
// schedules. Year tables are built lazily, once, and then only read, so a province is
// safe for concurrent use.
type province struct {
	schedules map[int]*Schedule
	slots     [MaxYear - MinYear + 1]struct {
		once sync.Once
		t    *yearTable
		err  error
	}
}

func newProvince(schedules []Schedule) (*province, error) {
	p := &province{schedules: make(map[int]*Schedule, len(schedules))}
	for i := range schedules {
		s := schedules[i]
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("calendar: schedule %d (%s): %w", s.Year, s.Version, err)
		}
		if _, dup := p.schedules[s.Year]; dup {
			return nil, fmt.Errorf("calendar: %w", motcua.Errorf(motcua.ECONFLICT, "two schedules for year %d", s.Year))
		}
		s.Days = append([]ScheduleDay(nil), s.Days...)
		p.schedules[s.Year] = &s
	}
	// Build the scheduled years now so that a schedule contradicting the law fails here.
	for y := range p.schedules {
		if _, err := p.year(y); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// year returns the table of year y, building it on first use.
func (p *province) year(y int) (*yearTable, error) {
	if y < MinYear || y > MaxYear {
		return nil, motcua.Errorf(motcua.EINVALID, "year %d outside the supported %d–%d", y, MinYear, MaxYear)
	}
	slot := &p.slots[y-MinYear]
	slot.once.Do(func() { slot.t, slot.err = buildYear(y, p.schedules[y]) })
	return slot.t, slot.err
}

// info returns the dayInfo of day number dn.
func (p *province) info(dn int) (*dayInfo, error) {
	d := fromDayNumber(dn)
	t, err := p.year(d.Year)
	if err != nil {
		return nil, err
	}
	return &t.days[dn-t.first], nil
}

// buildYear applies the statutory rules and the year's schedule (see Schedule).
func buildYear(y int, s *Schedule) (*yearTable, error) {
	first := D(y, 1, 1).dayNumber()
	n := D(y+1, 1, 1).dayNumber() - first
	t := &yearTable{first: first, days: make([]dayInfo, n)}
	at := func(d Date) *dayInfo { return &t.days[d.dayNumber()-first] }

	defs := statutoryHolidays(y)
	var scheduled [numPeriods]bool
	listed := map[Date]bool{}
	if s != nil {
		for _, sd := range s.Days {
			listed[sd.Date] = true
			if sd.Kind == ScheduleWorkday {
				continue
			}
			if p, ok := nearestPeriod(sd.Date, defs); ok {
				scheduled[p] = true
			}
		}
	}
	// 1. Statutory holidays, except the movable days of periods the schedule sets.
	for _, h := range defs {
		if h.movable && scheduled[h.period] {
			continue
		}
		*at(h.date) = dayInfo{kind: KindHoliday, nameVI: h.nameVI, nameEN: h.nameEN, source: h.source, fixed: !h.movable}
	}
	// 2. Schedule days off (a fixed statutory holiday keeps its statutory name).
	var src string
	if s != nil {
		src = fmt.Sprintf("Lịch nghỉ năm %d của Chính phủ, phiên bản %s (Government schedule %d, version %s)", s.Year, s.Version, s.Year, s.Version)
		for _, sd := range s.Days {
			di := at(sd.Date)
			if sd.Kind == ScheduleWorkday || di.fixed {
				continue
			}
			kind := KindScheduleOff
			switch sd.Kind {
			case ScheduleHoliday:
				kind = KindHoliday
			case ScheduleInLieu:
				kind = KindInLieu
			}
			*di = dayInfo{kind: kind, nameVI: sd.NameVI, nameEN: sd.NameEN, source: src}
		}
	}
	// 3. Days in lieu (Labour Code 2019 art. 111(3)) for the holidays of periods the
	// schedule does not set: the next Monday–Friday that is not already a day off or
	// listed by the schedule.
	for _, h := range defs {
		if scheduled[h.period] || !isWeekend(h.date) || at(h.date).kind != KindHoliday {
			continue
		}
		d := h.date.AddDays(1)
		for isWeekend(d) || (d.Year == y && (at(d).kind != "" || listed[d])) {
			d = d.AddDays(1)
		}
		if d.Year != y { // cannot happen with Vietnamese holidays; keep the table in bounds
			continue
		}
		*at(d) = dayInfo{kind: KindInLieu, nameVI: "Nghỉ bù " + h.nameVI, nameEN: "Day off in lieu of " + h.nameEN, source: srcLC2019Art111}
	}
	// 4. Make-up working days.
	if s != nil {
		for _, sd := range s.Days {
			if sd.Kind != ScheduleWorkday {
				continue
			}
			di := at(sd.Date)
			if di.fixed {
				return nil, fmt.Errorf("calendar: schedule %d (%s): %w", y, s.Version,
					motcua.Errorf(motcua.EUNPROCESSABLE, "%s is a statutory public holiday (%s) and cannot be a working day", sd.Date, di.nameVI))
			}
			*di = dayInfo{kind: KindMakeupWorkday, nameVI: sd.NameVI, nameEN: sd.NameEN, source: src}
		}
	}
	return t, nil
}

// nearestPeriod returns the holiday period closest to d, if one is within 10 days.
func nearestPeriod(d Date, defs []holidayDef) (period, bool) {
	best, bestDist := period(0), 11
	for _, h := range defs {
		if dist := abs(d.Sub(h.date)); dist < bestDist {
			best, bestDist = h.period, dist
		}
	}
	return best, bestDist <= 10
}
