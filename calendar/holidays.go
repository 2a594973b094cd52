package calendar

import (
	"fmt"
	"sort"
	"time"
)

// RulesVersion identifies the statutory rules this package applies; it is recorded in
// every Explanation so a dossier keeps which calendar computed its due time.
const RulesVersion = "vn-labour-code-2019/v1"

// HolidayKind says why a day deviates from the ordinary week.
type HolidayKind string

// Kinds of days listed by Calendar.Holidays.
const (
	// KindHoliday is a public holiday of Labour Code 2019 art. 112(1) (or of the codes
	// before it), on the day the law fixes or, for Tết and the day adjacent to National
	// Day, on the day the Government's yearly schedule sets.
	KindHoliday HolidayKind = "holiday"
	// KindInLieu is a day off in lieu (nghỉ bù) of a holiday that fell on a weekly rest
	// day: Labour Code 2019 art. 111(3), the next working day.
	KindInLieu HolidayKind = "in_lieu"
	// KindScheduleOff is an extra day off set by the Government's yearly schedule,
	// usually a working day swapped (hoán đổi) with a Saturday worked instead.
	KindScheduleOff HolidayKind = "schedule_off"
	// KindMakeupWorkday is a make-up working day (làm bù), usually a Saturday, set by
	// the Government's yearly schedule.
	KindMakeupWorkday HolidayKind = "makeup_workday"
)

// Legal sources cited in explanations.
const (
	srcLC2019Art112 = "Bộ luật Lao động 2019, Điều 112 khoản 1 (Labour Code 2019 art. 112(1))"
	srcLC2019Art111 = "Bộ luật Lao động 2019, Điều 111 khoản 3 (Labour Code 2019 art. 111(3))"
	srcLCBefore2021 = "Bộ luật Lao động 1994/2012 (Labour Code 1994 art. 73, 2012 art. 115)"
)

// period groups holidays that the Government schedules together (a schedule entry near
// a period replaces the period's movable days and days in lieu).
type period uint8

const (
	periodNewYear period = iota
	periodTet
	periodHung
	periodApril
	periodNationalDay
	numPeriods
)

// holidayDef is one statutory holiday of a year.
type holidayDef struct {
	date    Date
	nameVI  string
	nameEN  string
	source  string
	period  period
	movable bool // the Government may place it on another day (Tết, National Day's adjacent day)
}

// statutoryHolidays returns the public holidays of year y under the Labour Code in
// force that year, sorted by date, with the statutory default placement of the movable
// days:
//
//   - 1 January (all years);
//   - Tết: 5 days from 2014 (Labour Code 2012 art. 115, in force 1 May 2013; Labour
//     Code 2019 art. 112(1)(b)), 4 days before; placed by default on the last day of
//     the old lunar year and the first 4 (before 2014: 3) days of the new one;
//   - Hùng Kings' Commemoration, lunar 10/3, from 2007 (Labour Code amended 2007);
//   - 30 April and 1 May (all years);
//   - 2 September, plus from 2021 one adjacent day (Labour Code 2019 art. 112(1)(đ)):
//     by default 3 September when 2 September is a Monday or a Thursday (the day that
//     joins the weekend), 1 September otherwise — the Government's choice in every
//     year 2021–2026.
//
// Before 1995 (Labour Code 1994) the same list is applied as an approximation.
func statutoryHolidays(y int) []holidayDef {
	src := srcLC2019Art112
	if y < 2021 {
		src = srcLCBefore2021
	}
	var out []holidayDef
	add := func(d Date, vi, en string, p period, movable bool) {
		out = append(out, holidayDef{date: d, nameVI: vi, nameEN: en, source: src, period: p, movable: movable})
	}
	add(D(y, time.January, 1), "Tết Dương lịch", "New Year's Day", periodNewYear, false)

	if tet, err := Tet(y); err == nil {
		after := 4
		if y < 2014 {
			after = 3
		}
		add(tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm âm lịch)", "Lunar New Year (Tết), last day of the lunar year", periodTet, true)
		for i := 0; i < after; i++ {
			add(tet.AddDays(i), tetDayVI[i], tetDayEN[i], periodTet, true)
		}
	}
	if y >= 2007 {
		if h, err := LunarToSolar(LunarDate{Year: y, Month: 3, Day: 10}); err == nil {
			add(h, "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Hùng Kings' Commemoration (10th day of the 3rd lunar month)", periodHung, false)
		}
	}
	add(D(y, time.April, 30), "Ngày Chiến thắng (30/4)", "Reunification Day (30 April)", periodApril, false)
	add(D(y, time.May, 1), "Ngày Quốc tế Lao động (1/5)", "International Labour Day (1 May)", periodApril, false)
	nd := D(y, time.September, 2)
	add(nd, "Quốc khánh (2/9)", "National Day (2 September)", periodNationalDay, false)
	if y >= 2021 {
		adj := nd.AddDays(-1)
		if wd := nd.Weekday(); wd == time.Monday || wd == time.Thursday {
			adj = nd.AddDays(1)
		}
		add(adj, "Quốc khánh (ngày liền kề)", "National Day (adjacent day)", periodNationalDay, true)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].date.Before(out[j].date) })
	// Hùng Kings' day joins the 30 April period when it is within a week of it, so that
	// one Government notice covering both replaces both.
	var hung, april Date
	for _, h := range out {
		if h.period == periodHung {
			hung = h.date
		}
		if h.period == periodApril && h.date.Month == time.April {
			april = h.date
		}
	}
	if hung.Year != 0 && abs(april.Sub(hung)) <= 7 {
		for i := range out {
			if out[i].period == periodHung {
				out[i].period = periodApril
			}
		}
	}
	return out
}

var tetDayVI = [4]string{
	"Tết Nguyên đán (mùng 1 tháng Giêng)",
	"Tết Nguyên đán (mùng 2 tháng Giêng)",
	"Tết Nguyên đán (mùng 3 tháng Giêng)",
	"Tết Nguyên đán (mùng 4 tháng Giêng)",
}

var tetDayEN = [4]string{
	"Lunar New Year (Tết), 1st day",
	"Lunar New Year (Tết), 2nd day",
	"Lunar New Year (Tết), 3rd day",
	"Lunar New Year (Tết), 4th day",
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Holiday is one day of a year that deviates from the standard Monday–Friday week of
// state agencies: a non-working weekday, a holiday falling on a weekend (Weekend set;
// it is the reason for a day in lieu), or a make-up working day.
type Holiday struct {
	Date    Date        `json:"date"`
	Weekday string      `json:"weekday"`
	Kind    HolidayKind `json:"kind"`
	NameVI  string      `json:"name_vi"`
	NameEN  string      `json:"name_en"`
	Source  string      `json:"source,omitempty"`
	Weekend bool        `json:"weekend,omitempty"`
}

// Holidays lists the public holidays (Labour Code 2019 art. 112(1)), days off in lieu
// (art. 111(3)), Government schedule days off and make-up working days of year y, in
// date order. It does not depend on the unit's shifts.
func (c *Calendar) Holidays(y int) ([]Holiday, error) {
	t, err := c.prov.year(y)
	if err != nil {
		return nil, fmt.Errorf("calendar: holidays of %d: %w", y, err)
	}
	var out []Holiday
	for i, di := range t.days {
		if di.kind == "" {
			continue
		}
		d := fromDayNumber(t.first + i)
		out = append(out, Holiday{Date: d, Weekday: d.Weekday().String(), Kind: di.kind, NameVI: di.nameVI, NameEN: di.nameEN,
			Source: di.source, Weekend: isWeekend(d) && di.kind != KindMakeupWorkday})
	}
	return out, nil
}

// Versions returns the calendar versions of c: the statutory rules and each loaded
// Government schedule, as recorded in explanations.
func (c *Calendar) Versions() []string { return append([]string(nil), c.versions...) }
