package calendar

import (
	"testing"
	"time"
)

// tetTable lists Tết Nguyên Đán (lunar 1/1, Vietnamese calendar at UTC+7) for
// 1990–2060, written down from published Vietnamese calendars (the Chinese New Year
// dates, which coincide except in the years marked VN, where the UTC+7 new moon falls a
// day earlier or the month 11 differs), not generated from the code under test.
var tetTable = map[int]string{
	1990: "1990-01-27", 1991: "1991-02-15", 1992: "1992-02-04", 1993: "1993-01-23", 1994: "1994-02-10",
	1995: "1995-01-31", 1996: "1996-02-19", 1997: "1997-02-07", 1998: "1998-01-28", 1999: "1999-02-16",
	2000: "2000-02-05", 2001: "2001-01-24", 2002: "2002-02-12", 2003: "2003-02-01", 2004: "2004-01-22",
	2005: "2005-02-09", 2006: "2006-01-29", 2007: "2007-02-17" /* VN; China 02-18 */, 2008: "2008-02-07", 2009: "2009-01-26",
	2010: "2010-02-14", 2011: "2011-02-03", 2012: "2012-01-23", 2013: "2013-02-10", 2014: "2014-01-31",
	2015: "2015-02-19", 2016: "2016-02-08", 2017: "2017-01-28", 2018: "2018-02-16", 2019: "2019-02-05",
	2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10",
	2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13",
	2030: "2030-02-02" /* VN; China 02-03 */, 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19",
	2035: "2035-02-08", 2036: "2036-01-28", 2037: "2037-02-15", 2038: "2038-02-04", 2039: "2039-01-24",
	2040: "2040-02-12", 2041: "2041-02-01", 2042: "2042-01-22", 2043: "2043-02-10", 2044: "2044-01-30",
	2045: "2045-02-17", 2046: "2046-02-06", 2047: "2047-01-26", 2048: "2048-02-14", 2049: "2049-02-02",
	2050: "2050-01-23", 2051: "2051-02-11", 2052: "2052-02-01", 2053: "2053-02-18" /* VN; China 02-19 */, 2054: "2054-02-08",
	2055: "2055-01-28", 2056: "2056-02-15", 2057: "2057-02-04", 2058: "2058-01-24", 2059: "2059-02-12",
	2060: "2060-02-02",
}

func TestTetTable(t *testing.T) {
	for y := 1990; y <= 2060; y++ {
		want, ok := tetTable[y]
		if !ok {
			t.Fatalf("table misses %d", y)
		}
		got, err := Tet(y)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != want {
			t.Errorf("Tết %d = %s, want %s", y, got, want)
		}
		if l := SolarToLunar(got); l != (LunarDate{Year: y, Month: 1, Day: 1}) {
			t.Errorf("SolarToLunar(%s) = %v, want 1/1/%d", got, l, y)
		}
	}
}

// TestTetDiffersFromChina checks the years where the UTC+7 computation gives another
// Tết than the Chinese (UTC+8) calendar.
func TestTetDiffersFromChina(t *testing.T) {
	for _, tc := range []struct {
		year        int
		vn, chinese string
	}{
		{1985, "1985-01-21", "1985-02-20"},
		{2007, "2007-02-17", "2007-02-18"},
		{2030, "2030-02-02", "2030-02-03"},
		{2053, "2053-02-18", "2053-02-19"},
	} {
		got, err := Tet(tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != tc.vn {
			t.Errorf("Tết %d = %s, want %s (Chinese New Year is %s)", tc.year, got, tc.vn, tc.chinese)
		}
	}
}

func TestLunarKnownDates(t *testing.T) {
	for _, tc := range []struct {
		solar Date
		lunar LunarDate
	}{
		{D(2025, time.April, 7), LunarDate{2025, 3, 10, false}},      // Giỗ Tổ Hùng Vương 2025
		{D(2024, time.April, 18), LunarDate{2024, 3, 10, false}},     // Giỗ Tổ 2024
		{D(2023, time.April, 29), LunarDate{2023, 3, 10, false}},     // Giỗ Tổ 2023
		{D(2026, time.April, 26), LunarDate{2026, 3, 10, false}},     // Giỗ Tổ 2026
		{D(2024, time.September, 17), LunarDate{2024, 8, 15, false}}, // Tết Trung thu 2024
		{D(2023, time.January, 21), LunarDate{2022, 12, 30, false}},  // 30 Tết Quý Mão
		{D(2025, time.January, 28), LunarDate{2024, 12, 29, false}},  // no 30 Tết in 2025
		{D(2023, time.March, 22), LunarDate{2023, 2, 1, true}},       // leap 2nd month 2023
		{D(2025, time.July, 25), LunarDate{2025, 6, 1, true}},        // leap 6th month 2025
		{D(2020, time.May, 23), LunarDate{2020, 4, 1, true}},         // leap 4th month 2020
	} {
		if got := SolarToLunar(tc.solar); got != tc.lunar {
			t.Errorf("SolarToLunar(%s) = %v, want %v", tc.solar, got, tc.lunar)
		}
		got, err := LunarToSolar(tc.lunar)
		if err != nil || got != tc.solar {
			t.Errorf("LunarToSolar(%v) = %s, %v; want %s", tc.lunar, got, err, tc.solar)
		}
	}
}

func TestLeapMonths(t *testing.T) {
	for y, want := range map[int]int{2020: 4, 2023: 2, 2025: 6, 2028: 5, 2033: 11, 2024: 0, 2026: 0, 1985: 2} {
		if got := LeapMonth(y); got != want {
			t.Errorf("LeapMonth(%d) = %d, want %d", y, got, want)
		}
	}
}

func TestLunarToSolarRejects(t *testing.T) {
	for _, l := range []LunarDate{
		{2024, 2, 1, true},    // 2024 has no leap month
		{2023, 3, 1, true},    // 2023's leap month is 2
		{2024, 12, 30, false}, // month 12 of Giáp Thìn has 29 days (no 30 Tết in 2025)
		{2025, 13, 1, false},
		{2025, 0, 1, false},
		{1800, 1, 1, false},
	} {
		if d, err := LunarToSolar(l); err == nil {
			t.Errorf("LunarToSolar(%v) = %s, want an error", l, d)
		}
	}
}

// TestLunarRoundTrip converts every 3rd day of 1900–2100 to lunar and back, and checks
// that lunar days are consecutive and months have 29 or 30 days.
func TestLunarRoundTrip(t *testing.T) {
	step := 3
	if testing.Short() {
		step = 17
	}
	for dn := D(1900, 2, 1).dayNumber(); dn < D(2100, 12, 1).dayNumber(); dn += step {
		d := fromDayNumber(dn)
		l := SolarToLunar(d)
		if l.Day < 1 || l.Day > 30 || l.Month < 1 || l.Month > 12 {
			t.Fatalf("SolarToLunar(%s) = %v out of range", d, l)
		}
		back, err := LunarToSolar(l)
		if err != nil || back != d {
			t.Fatalf("LunarToSolar(SolarToLunar(%s) = %v) = %s, %v", d, l, back, err)
		}
		next := SolarToLunar(d.AddDays(1))
		if next.Day != l.Day+1 && !(next.Day == 1 && l.Day >= 29) {
			t.Fatalf("lunar days not consecutive: %s %v → %v", d, l, next)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	for dn := D(1899, 12, 25).dayNumber(); dn < D(2201, 1, 5).dayNumber(); dn += 1 {
		d := fromDayNumber(dn)
		tt := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
		if d.Weekday() != tt.Weekday() || !d.Valid() || d.dayNumber() != dn {
			t.Fatalf("day %d: %v weekday %v, want %v", dn, d, d.Weekday(), tt.Weekday())
		}
		if got := DateOf(d.Time().Add(23 * time.Hour)); got != d {
			t.Fatalf("DateOf(%s 23:00) = %s", d, got)
		}
	}
	if _, err := ParseDate("2025-02-29"); err == nil {
		t.Error("ParseDate accepted 2025-02-29")
	}
	if d, err := ParseDate("2024-02-29"); err != nil || d != D(2024, 2, 29) {
		t.Errorf("ParseDate(2024-02-29) = %v, %v", d, err)
	}
}
