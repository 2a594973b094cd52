package calendar

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// offAndMakeup renders a year's non-working weekdays as "MM-DD" and its make-up days
// as "+MM-DD".
func offAndMakeup(t *testing.T, c *Calendar, y int) string {
	t.Helper()
	hs, err := c.Holidays(y)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hs {
		md := h.Date.String()[5:]
		switch {
		case h.Kind == KindMakeupWorkday:
			out = append(out, "+"+md)
		case !h.Weekend:
			out = append(out, md)
		}
	}
	return strings.Join(out, " ")
}

// TestOfficialSchedules checks the non-working weekdays and make-up days of 2023–2026
// against the Government's announced holiday periods for civil servants.
func TestOfficialSchedules(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		year int
		want string
	}{
		// 1/1 Sun → 2/1; Tết 20–26/1; Giỗ Tổ Sat 29/4, 30/4 Sun, 1/5 → 29/4–3/5; 2/9 Sat: 1–4/9.
		{2023, "01-02 01-20 01-23 01-24 01-25 01-26 05-01 05-02 05-03 09-01 09-04"},
		// Tết 8–14/2; Giỗ Tổ 18/4; 27/4–1/5 with 29/4 swapped for Sat 4/5; 31/8–3/9.
		{2024, "01-01 02-08 02-09 02-12 02-13 02-14 04-18 04-29 04-30 05-01 +05-04 09-02 09-03"},
		// Tết 25/1–2/2; Giỗ Tổ 7/4; 30/4–4/5 with 2/5 swapped for Sat 26/4; 30/8–2/9.
		{2025, "01-01 01-27 01-28 01-29 01-30 01-31 04-07 +04-26 04-30 05-01 05-02 09-01 09-02"},
		// 1–4/1 with 2/1 swapped for Sat 10/1; Tết 14–22/2; Giỗ Tổ Sun 26/4 → 27/4;
		// 30/4–3/5; 29/8–2/9 with 31/8 swapped for Sat 22/8.
		{2026, "01-01 01-02 +01-10 02-16 02-17 02-18 02-19 02-20 04-27 04-30 05-01 +08-22 08-31 09-01 09-02"},
	} {
		if got := offAndMakeup(t, c, tc.year); got != tc.want {
			t.Errorf("%d:\n got %s\nwant %s", tc.year, got, tc.want)
		}
	}
}

// TestStatutoryDefaults checks years without a Government schedule.
func TestStatutoryDefaults(t *testing.T) {
	c, err := New(DefaultWeekShifts())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		year int
		want string
	}{
		// 2027: 1/1 Fri; Tết 6/2 Sat: 5/2 + 6–9/2, Sat 6 & Sun 7 → in lieu Wed 10, Thu 11;
		// Giỗ Tổ 16/4 Fri; 30/4 Fri; 1/5 Sat → Mon 3/5; 2/9 Thu → 3/9 Fri.
		{2027, "01-01 02-05 02-08 02-09 02-10 02-11 04-16 04-30 05-03 09-02 09-03"},
		// 2025 without its schedule: Tết by default 28/1–1/2 (Sat) → in lieu Mon 3/2;
		// 2/9 Tue → 1/9 Mon.
		{2025, "01-01 01-28 01-29 01-30 01-31 02-03 04-07 04-30 05-01 09-01 09-02"},
		// 2019 (Labour Code 2012): Tết 5 days 4–8/2; one day for National Day (2/9 Mon).
		{2019, "01-01 02-04 02-05 02-06 02-07 02-08 04-15 04-30 05-01 09-02"},
		// 2005: 1/1 Sat → Mon 3/1; Tết 4 days (Labour Code 1994), no Hùng Kings' day
		// yet; 30/4 Sat and 1/5 Sun → Mon 2/5 and Tue 3/5.
		{2005, "01-03 02-08 02-09 02-10 02-11 05-02 05-03 09-02"},
	} {
		if got := offAndMakeup(t, c, tc.year); got != tc.want {
			t.Errorf("%d:\n got %s\nwant %s", tc.year, got, tc.want)
		}
	}
	// Every year 1990–2100 has its holidays, Tết included.
	for y := 1990; y <= 2100; y++ {
		hs, err := c.Holidays(y)
		if err != nil {
			t.Fatal(err)
		}
		tet, _ := Tet(y)
		found := false
		for _, h := range hs {
			found = found || h.Date == tet
		}
		if !found || len(hs) < 8 {
			t.Errorf("%d: %d holidays, Tết %s listed: %v", y, len(hs), tet, found)
		}
	}
}

func TestScheduleCannotCancelFixedHoliday(t *testing.T) {
	s := Schedule{Year: 2027, Version: "x", Days: []ScheduleDay{{Date: D(2027, 4, 30), Kind: ScheduleWorkday, NameVI: "làm", NameEN: "work"}}}
	_, err := New(DefaultWeekShifts(), s)
	if motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
		t.Fatalf("err = %v, want unprocessable", err)
	}
	_, err = New(DefaultWeekShifts(), s, s)
	if err == nil {
		t.Fatal("two schedules for one year accepted")
	}
}

func TestSchedulePartialPeriod(t *testing.T) {
	// A schedule that only swaps a day near 30/4 leaves Tết at its statutory default.
	s := Schedule{Year: 2027, Version: "test", Days: []ScheduleDay{
		{Date: D(2027, 4, 29), Kind: ScheduleOff, NameVI: "Nghỉ hoán đổi", NameEN: "Swapped day off"},
		{Date: D(2027, 5, 8), Kind: ScheduleWorkday, NameVI: "Làm bù", NameEN: "Make-up day"},
	}}
	c, err := New(DefaultWeekShifts(), s)
	if err != nil {
		t.Fatal(err)
	}
	// 1/5 Sat: the period is scheduled, so no default day in lieu on Mon 3/5.
	want := "01-01 02-05 02-08 02-09 02-10 02-11 04-16 04-29 04-30 +05-08 09-02 09-03"
	if got := offAndMakeup(t, c, 2027); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if v := c.Versions(); len(v) != 2 || v[1] != "schedule:2027:test" {
		t.Errorf("versions %v", v)
	}
}

func TestHolidayNames(t *testing.T) {
	hs, err := Default().Holidays(2023)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.NameVI == "" || h.NameEN == "" || h.Source == "" {
			t.Errorf("%s: missing name or source: %+v", h.Date, h)
		}
	}
	if hs[0].Date != D(2023, 1, 1) || hs[0].NameVI != "Tết Dương lịch" || !hs[0].Weekend {
		t.Errorf("first 2023 holiday %+v", hs[0])
	}
	if _, err := Default().Holidays(1800); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("year 1800: err = %v, want invalid", err)
	}
}
