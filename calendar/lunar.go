package calendar

import (
	"fmt"
	"math"

	"github.com/motcua/motcua"
)

// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for the UTC+7
// meridian after the method published by Hồ Ngọc Đức ("Âm lịch Việt Nam"), which uses
// the new-moon and solar-longitude series of J. Meeus ("Astronomical Formulae for
// Calculators"; "Astronomical Algorithms", ch. 25 and 49):
//
//   - a lunar month begins on the civil day (at UTC+7) holding the new moon;
//   - month 11 is the month containing the winter solstice;
//   - a year with 13 months between two months 11 is a leap year, and its leap month
//     is the first month after month 11 that contains no major solar term (trung khí).
//
// Because Vietnam keeps UTC+7 and China UTC+8, the two calendars differ when a new
// moon or solar term falls between 23:00 and 24:00 Beijing time; Tết then differs too
// (1985, 2007, 2030, 2053 …).

const (
	lunarTZ       = 7.0 // hours east of Greenwich
	synodicMonth  = 29.530588853
	newMoonEpochJ = 2415021.076998695 // Julian day of the new moon of 1900-01-01
)

// LunarDate is a date of the Vietnamese lunar calendar. Year is the Gregorian year in
// which the lunar year begins (Tết); Month is 1–12 and Leap marks the intercalary month
// (tháng nhuận) that follows the month of the same number.
type LunarDate struct {
	Year  int  `json:"year"`
	Month int  `json:"month"`
	Day   int  `json:"day"`
	Leap  bool `json:"leap"`
}

// String formats l as D/M[n]/Y, e.g. "1/1/2025" or "15/6n/2025" for a leap month.
func (l LunarDate) String() string {
	leap := ""
	if l.Leap {
		leap = "n"
	}
	return fmt.Sprintf("%d/%d%s/%d", l.Day, l.Month, leap, l.Year)
}

// newMoon returns the Julian day (TT corrected to UT) of the k-th new moon after the
// one of 1900-01-01 (Meeus, Astronomical Formulae for Calculators, ch. 32).
func newMoon(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85
	t2 := t * t
	t3 := t2 * t
	jd := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := (359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3) * dr   // sun's mean anomaly
	mp := (306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3) * dr // moon's mean anomaly
	f := (21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3) * dr   // moon's argument of latitude
	c := (0.1734-0.000393*t)*math.Sin(m) + 0.0021*math.Sin(2*m) -
		0.4068*math.Sin(mp) + 0.0161*math.Sin(2*mp) - 0.0004*math.Sin(3*mp) +
		0.0104*math.Sin(2*f) - 0.0051*math.Sin(m+mp) - 0.0074*math.Sin(m-mp) +
		0.0004*math.Sin(2*f+m) - 0.0004*math.Sin(2*f-m) - 0.0006*math.Sin(2*f+mp) +
		0.0010*math.Sin(2*f-mp) + 0.0005*math.Sin(m+2*mp)
	var deltaT float64 // ΔT = TT − UT, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd + c - deltaT
}

// sunLongitude returns the apparent ecliptic longitude of the sun, in radians in
// [0, 2π), at Julian day jd (Meeus, Astronomical Algorithms, ch. 25, low accuracy).
func sunLongitude(jd float64) float64 {
	const dr = math.Pi / 180
	t := (jd - 2451545.0) / 36525
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600-0.004817*t-0.000014*t2)*math.Sin(dr*m) +
		(0.019993-0.000101*t)*math.Sin(2*dr*m) + 0.000290*math.Sin(3*dr*m)
	l := (l0 + dl) * dr
	l -= 2 * math.Pi * math.Floor(l/(2*math.Pi))
	return l
}

// newMoonDay returns the Julian day number of the civil day (at UTC+7) holding the
// k-th new moon.
func newMoonDay(k int) int { return int(math.Floor(newMoon(k) + 0.5 + lunarTZ/24)) }

// sunSector returns which of the 12 major-term sectors (each 30°, 0 = from the vernal
// equinox) the sun is in at the start of civil day jdn at UTC+7.
func sunSector(jdn int) int {
	return int(math.Floor(sunLongitude(float64(jdn)-0.5-lunarTZ/24) / math.Pi * 6))
}

// month11 returns the Julian day number of the first day of lunar month 11 (the month
// holding the winter solstice) that begins in Gregorian year y, or late in y.
func month11(y int) int {
	off := float64(Date{y, 12, 31}.julianDay()) - 2415021
	k := int(math.Floor(off / synodicMonth))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 { // the sun already past 270°: the solstice month began earlier
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset returns, for a 13-month lunar year whose month 11 begins on a11, the
// offset (in months after a11) of the leap month: the first month without a major term.
func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-newMoonEpochJ)/synodicMonth + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// SolarToLunar converts a Gregorian date to the Vietnamese lunar calendar (UTC+7).
// Valid for MinYear–MaxYear; the astronomical series lose accuracy far outside it.
func SolarToLunar(d Date) LunarDate {
	jdn := d.julianDay()
	// The mean-lunation estimate of k can be off by one against the true new moons.
	k := int(math.Floor((float64(jdn) - newMoonEpochJ) / synodicMonth))
	for newMoonDay(k+1) <= jdn {
		k++
	}
	for newMoonDay(k) > jdn {
		k--
	}
	monthStart := newMoonDay(k)
	a11 := month11(d.Year)
	b11 := a11
	var year int
	if a11 >= monthStart {
		year = d.Year
		a11 = month11(d.Year - 1)
	} else {
		year = d.Year + 1
		b11 = month11(d.Year + 1)
	}
	day := jdn - monthStart + 1
	diff := (monthStart - a11) / 29
	month := diff + 11
	leap := false
	if b11-a11 > 365 {
		lo := leapMonthOffset(a11)
		if diff >= lo {
			month = diff + 10
			leap = diff == lo
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 {
		year--
	}
	return LunarDate{Year: year, Month: month, Day: day, Leap: leap}
}

// LunarToSolar converts a Vietnamese lunar date (UTC+7) to the Gregorian calendar. It
// fails with EINVALID for a month or day that does not exist (a leap month in a year
// without one, day 30 of a 29-day month) or a year outside MinYear–MaxYear.
func LunarToSolar(l LunarDate) (Date, error) {
	if l.Year < MinYear || l.Year > MaxYear || l.Month < 1 || l.Month > 12 || l.Day < 1 || l.Day > 30 {
		return Date{}, motcua.Errorf(motcua.EINVALID, "lunar date %s: out of range", l)
	}
	var a11, b11 int
	if l.Month < 11 {
		a11 = month11(l.Year - 1)
		b11 = month11(l.Year)
	} else {
		a11 = month11(l.Year)
		b11 = month11(l.Year + 1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-newMoonEpochJ)/synodicMonth))
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		lo := leapMonthOffset(a11)
		leapMonth := lo - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if l.Leap && l.Month != leapMonth {
			return Date{}, motcua.Errorf(motcua.EINVALID, "lunar date %s: year %d has no leap month %d (its leap month is %d)", l, l.Year, l.Month, leapMonth)
		}
		if l.Leap || off >= lo {
			off++
		}
	} else if l.Leap {
		return Date{}, motcua.Errorf(motcua.EINVALID, "lunar date %s: year %d has no leap month", l, l.Year)
	}
	start := newMoonDay(k + off)
	length := newMoonDay(k+off+1) - start
	if l.Day > length {
		return Date{}, motcua.Errorf(motcua.EINVALID, "lunar date %s: the month has %d days", l, length)
	}
	return fromJulianDay(start + l.Day - 1), nil
}

// LeapMonth returns the leap month (1–12) of the lunar year that begins in Gregorian
// year y, or 0 when that lunar year has no leap month.
func LeapMonth(y int) int {
	for m := 1; m <= 12; m++ {
		if _, err := LunarToSolar(LunarDate{Year: y, Month: m, Day: 1, Leap: true}); err == nil {
			return m
		}
	}
	return 0
}

// Tet returns the Gregorian date of Tết Nguyên Đán, lunar 1/1 of the lunar year that
// begins in Gregorian year y, computed at UTC+7.
func Tet(y int) (Date, error) {
	d, err := LunarToSolar(LunarDate{Year: y, Month: 1, Day: 1})
	if err != nil {
		return Date{}, fmt.Errorf("calendar: Tết of %d: %w", y, err)
	}
	return d, nil
}
