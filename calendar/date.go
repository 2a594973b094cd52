package calendar

import (
	"fmt"
	"time"

	"github.com/motcua/motcua"
)

// ICT is Indochina Time, the fixed UTC+7 offset used by Vietnam since 1975. Every
// instant the package reads or returns is interpreted in this zone; it is a fixed zone
// on purpose, so results never depend on the tzdata installed on the machine.
var ICT = time.FixedZone("ICT", 7*3600)

// MinYear and MaxYear bound the years the calendar computes. The lunar calendar and
// the statutory holidays are computed for every year in this range; an instant outside
// it is rejected with an EINVALID error.
const (
	MinYear = 1900
	MaxYear = 2199
)

// Date is a civil date in Vietnam (no time of day, no zone). It marshals to JSON and
// text as "YYYY-MM-DD" (design.md: dates are YYYY-MM-DD).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// D is shorthand for Date{y, m, d}.
func D(y int, m time.Month, d int) Date { return Date{y, m, d} }

// DateOf returns the Vietnamese civil date of the instant t (t is converted to ICT).
func DateOf(t time.Time) Date {
	y, m, d := t.In(ICT).Date()
	return Date{y, m, d}
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// Valid reports whether d is a real date of the Gregorian calendar.
func (d Date) Valid() bool {
	if d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// Time returns the instant at which d begins in ICT (00:00+07:00).
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, ICT) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return time.Weekday((d.dayNumber()%7 + 7 + 4) % 7) }

// AddDays returns d shifted by n days.
func (d Date) AddDays(n int) Date { return fromDayNumber(d.dayNumber() + n) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.dayNumber() < e.dayNumber() }

// Sub returns the number of days from e to d.
func (d Date) Sub(e Date) int { return d.dayNumber() - e.dayNumber() }

// MarshalText implements encoding.TextMarshaler (YYYY-MM-DD).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it accepts only YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// ParseDate parses a YYYY-MM-DD date and checks it is a real date.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, motcua.Errorf(motcua.EINVALID, "date %q: want YYYY-MM-DD", s)
	}
	y, ok1 := atoiDigits(s[0:4])
	m, ok2 := atoiDigits(s[5:7])
	dd, ok3 := atoiDigits(s[8:10])
	d := Date{y, time.Month(m), dd}
	if !ok1 || !ok2 || !ok3 || !d.Valid() {
		return Date{}, motcua.Errorf(motcua.EINVALID, "date %q: not a valid date", s)
	}
	return d, nil
}

func atoiDigits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

func isLeapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeapYear(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// dayNumber returns the days since 1970-01-01 (proleptic Gregorian), from the
// well-known civil-from-days arithmetic on 400-year eras.
func (d Date) dayNumber() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func fromDayNumber(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// julianDay returns the Julian Day Number of d (noon-based, integer).
func (d Date) julianDay() int { return d.dayNumber() + 2440588 }

func fromJulianDay(jd int) Date { return fromDayNumber(jd - 2440588) }

// dayOf returns the day number and the offset since ICT midnight of t.
func dayOf(t time.Time) (int, time.Duration) {
	sec := t.Unix() + 7*3600
	dn := sec / 86400
	if sec%86400 < 0 {
		dn--
	}
	off := time.Duration(sec-dn*86400)*time.Second + time.Duration(t.Nanosecond())
	return int(dn), off
}

// instant returns the instant at offset off after ICT midnight of day number dn.
func instant(dn int, off time.Duration) time.Time {
	return time.Unix(int64(dn)*86400-7*3600, 0).Add(off).In(ICT)
}
