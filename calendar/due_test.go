package calendar

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, ICT) }

func saturdayMorningShifts() WeekShifts {
	w := DefaultWeekShifts()
	w.Days[time.Saturday] = []Shift{{Start: 7*60 + 30, End: 11*60 + 30}}
	return w
}

// TestDue checks due times worked out by hand against the official 2023–2026 schedules
// (default shifts 07:30–11:30, 13:30–17:00 Monday to Friday).
func TestDue(t *testing.T) {
	satCal, err := Default().WithShifts(saturdayMorningShifts())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		cal    *Calendar
		start  time.Time
		amount int
		unit   TimeUnit
		want   time.Time
		moved  StartReason
	}{
		{"brief example: Tết 2025", nil, at(2025, 1, 24, 10, 0), 3, WorkingDays, at(2025, 2, 5, 10, 0), ""},
		{"ordinary week", nil, at(2025, 3, 3, 9, 0), 3, WorkingDays, at(2025, 3, 6, 9, 0), ""},
		{"after hours Friday → end of Monday", nil, at(2025, 3, 7, 18, 0), 1, WorkingDays, at(2025, 3, 10, 17, 0), StartAfterHours},
		{"Sunday online → end of Monday", nil, at(2025, 3, 9, 10, 0), 1, WorkingDays, at(2025, 3, 10, 17, 0), StartNonWorkday},
		{"before hours → end of the day", nil, at(2025, 3, 10, 6, 0), 1, WorkingDays, at(2025, 3, 10, 17, 0), StartBeforeHours},
		{"at 11:30 counts from 13:30, due at 11:30", nil, at(2025, 3, 10, 11, 30), 1, WorkingDays, at(2025, 3, 11, 11, 30), StartBetweenShift},
		{"lunch break", nil, at(2025, 3, 10, 12, 0), 1, WorkingDays, at(2025, 3, 11, 11, 30), StartBetweenShift},
		{"at 07:30 exactly: end of the day", nil, at(2025, 3, 10, 7, 30), 2, WorkingDays, at(2025, 3, 11, 17, 0), ""},
		{"at 16:59", nil, at(2025, 3, 10, 16, 59), 1, WorkingDays, at(2025, 3, 11, 16, 59), ""},
		{"makeup Saturday 26/4/2025 counts", nil, at(2025, 4, 25, 9, 0), 1, WorkingDays, at(2025, 4, 26, 9, 0), ""},
		{"30/4–4/5/2025 skipped", nil, at(2025, 4, 25, 9, 0), 4, WorkingDays, at(2025, 5, 5, 9, 0), ""},
		{"Tết 2026", nil, at(2026, 2, 13, 15, 0), 2, WorkingDays, at(2026, 2, 24, 15, 0), ""},
		{"makeup Saturday 22/8/2026", nil, at(2026, 8, 21, 10, 0), 1, WorkingDays, at(2026, 8, 22, 10, 0), ""},
		{"makeup 22/8/2026 inside 5 days", nil, at(2026, 8, 21, 10, 0), 5, WorkingDays, at(2026, 8, 27, 10, 0), ""},
		{"2/9/2026 period", nil, at(2026, 8, 28, 10, 0), 1, WorkingDays, at(2026, 9, 3, 10, 0), ""},
		{"Tết 2023", nil, at(2023, 1, 19, 16, 0), 1, WorkingDays, at(2023, 1, 27, 16, 0), ""},
		{"2/9/2023 with 4/9 in lieu", nil, at(2023, 8, 31, 10, 0), 1, WorkingDays, at(2023, 9, 5, 10, 0), ""},
		{"30/4/2024 swap", nil, at(2024, 4, 26, 14, 0), 1, WorkingDays, at(2024, 5, 2, 14, 0), ""},
		{"makeup Saturday 4/5/2024", nil, at(2024, 4, 26, 14, 0), 3, WorkingDays, at(2024, 5, 4, 14, 0), ""},
		{"Tết 2024", nil, at(2024, 2, 7, 8, 0), 1, WorkingDays, at(2024, 2, 15, 8, 0), ""},
		{"New Year 2026 across years", nil, at(2025, 12, 31, 10, 0), 1, WorkingDays, at(2026, 1, 5, 10, 0), ""},
		{"15 working days through Tết 2025", nil, at(2025, 1, 20, 8, 0), 15, WorkingDays, at(2025, 2, 17, 8, 0), ""},
		{"zero days", nil, at(2025, 3, 9, 10, 0), 0, WorkingDays, at(2025, 3, 10, 7, 30), StartNonWorkday},

		{"8 working hours", nil, at(2025, 3, 10, 10, 0), 8, WorkingHours, at(2025, 3, 11, 10, 30), ""},
		{"4 hours end at 11:30, not 13:30", nil, at(2025, 3, 10, 7, 30), 4, WorkingHours, at(2025, 3, 10, 11, 30), ""},
		{"15 hours = two full days", nil, at(2025, 3, 10, 7, 30), 15, WorkingHours, at(2025, 3, 11, 17, 0), ""},
		{"hours across Tết 2025", nil, at(2025, 1, 24, 16, 0), 2, WorkingHours, at(2025, 2, 3, 8, 30), ""},
		{"hours on makeup Saturday", nil, at(2026, 1, 9, 16, 0), 2, WorkingHours, at(2026, 1, 10, 8, 30), ""},

		{"calendar days, ordinary", nil, at(2025, 3, 10, 9, 0), 3, CalendarDays, at(2025, 3, 13, 17, 0), ""},
		{"calendar days end on Saturday → Monday (BLDS art. 148)", nil, at(2025, 3, 10, 9, 0), 5, CalendarDays, at(2025, 3, 17, 17, 0), ""},
		{"calendar days end on 30/4/2025 → 5/5", nil, at(2025, 4, 28, 9, 0), 2, CalendarDays, at(2025, 5, 5, 17, 0), ""},
		{"calendar days end on makeup Saturday", nil, at(2025, 4, 24, 9, 0), 2, CalendarDays, at(2025, 4, 26, 17, 0), ""},

		{"Saturday unit: short day clamps", satCal, at(2025, 3, 7, 15, 0), 1, WorkingDays, at(2025, 3, 8, 11, 30), ""},
		{"Saturday unit: from Saturday", satCal, at(2025, 3, 8, 10, 0), 1, WorkingDays, at(2025, 3, 10, 10, 0), ""},
		{"Saturday unit: holiday Saturday 29/4/2023 closed", satCal, at(2023, 4, 28, 10, 0), 1, WorkingDays, at(2023, 5, 4, 10, 0), ""},
		{"Saturday unit: makeup Saturday has Monday's shifts", satCal, at(2025, 4, 25, 15, 0), 1, WorkingDays, at(2025, 4, 26, 15, 0), ""},
		{"Saturday unit: Saturday afternoon is after hours", satCal, at(2025, 3, 8, 14, 0), 1, WorkingDays, at(2025, 3, 10, 17, 0), StartAfterHours},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.cal
			if c == nil {
				c = Default()
			}
			e, err := c.Due(tc.start, tc.amount, tc.unit)
			if err != nil {
				t.Fatal(err)
			}
			if !e.Due.Equal(tc.want) {
				t.Errorf("due %s, want %s", e.Due.Format(time.RFC3339), tc.want.Format(time.RFC3339))
			}
			if e.StartMoved != tc.moved {
				t.Errorf("start moved %q, want %q", e.StartMoved, tc.moved)
			}
			if ok, _ := c.IsWorkingInstant(e.Due); !ok {
				t.Errorf("due %s is not a working instant", e.Due)
			}
		})
	}
}

func TestExplanation(t *testing.T) {
	e, err := Default().Due(at(2025, 4, 25, 9, 0), 4, WorkingDays)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range e.SkippedDays {
		got = append(got, s.Date.String()[5:]+":"+string(s.Reason))
	}
	want := "04-27:weekend 04-30:holiday 05-01:holiday 05-02:schedule_off 05-03:weekend 05-04:weekend"
	if strings.Join(got, " ") != want {
		t.Errorf("skipped %s\nwant    %s", strings.Join(got, " "), want)
	}
	if len(e.MakeupDays) != 1 || e.MakeupDays[0].Date != D(2025, 4, 26) {
		t.Errorf("makeup days %+v", e.MakeupDays)
	}
	if len(e.Versions) != 2 || e.Versions[1] != "schedule:2025:2025.1" {
		t.Errorf("versions %v", e.Versions)
	}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"effective_start":"2025-04-25T09:00:00+07:00"`, `"due":"2025-05-05T09:00:00+07:00"`,
		`"reason":"schedule_off"`, `"name_en":"Swapped day off for 30 April–1 May (made up on Saturday 26 April 2025)"`,
		`"makeup_days":[{"date":"2025-04-26"`, `"shifts":{"monday":[{"start":"07:30","end":"11:30"}`, `"calendar_versions":["rules:`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s:\n%s", key, b)
		}
	}
	// Received on Sunday during Tết 2025: the skipped days before the start are listed.
	e, err = Default().Due(at(2025, 1, 26, 10, 0), 1, WorkingDays)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.StartSkippedDays) != 8 || e.StartSkippedDays[1].Reason != ReasonHoliday || !e.EffectiveStart.Equal(at(2025, 2, 3, 7, 30)) {
		t.Errorf("start skipped %+v, effective %s", e.StartSkippedDays, e.EffectiveStart)
	}
	// Calendar days list only the days that moved the end.
	e, err = Default().Due(at(2025, 4, 28, 9, 0), 2, CalendarDays)
	if err != nil {
		t.Fatal(err)
	}
	if e.LastDay == nil || *e.LastDay != D(2025, 4, 30) || len(e.SkippedDays) != 5 || e.SkippedDays[0].Date != D(2025, 4, 30) {
		t.Errorf("calendar days: last %v skipped %+v", e.LastDay, e.SkippedDays)
	}
}

func TestDueWithStops(t *testing.T) {
	c := Default()
	start := at(2025, 3, 3, 9, 0) // due Thu 6 Mar 09:00 without stops
	for _, tc := range []struct {
		name  string
		stops []Stop
		want  time.Time
		added []int64
	}{
		{"none", nil, at(2025, 3, 6, 9, 0), nil},
		{"one working day", []Stop{{From: at(2025, 3, 4, 9, 0), To: at(2025, 3, 5, 9, 0)}}, at(2025, 3, 7, 9, 0), []int64{450}},
		{"zero length", []Stop{{From: at(2025, 3, 4, 9, 0), To: at(2025, 3, 4, 9, 0)}}, at(2025, 3, 6, 9, 0), []int64{0}},
		{"over a weekend", []Stop{{From: at(2025, 3, 6, 8, 0), To: at(2025, 3, 10, 8, 0)}}, at(2025, 3, 10, 9, 0), []int64{900}},
		{"after the due", []Stop{{From: at(2025, 3, 6, 9, 0), To: at(2025, 3, 7, 9, 0)}}, at(2025, 3, 6, 9, 0), []int64{0}},
		{"overlapping count once", []Stop{
			{From: at(2025, 3, 4, 13, 30), To: at(2025, 3, 5, 13, 30)},
			{From: at(2025, 3, 4, 9, 0), To: at(2025, 3, 5, 9, 0)},
		}, at(2025, 3, 7, 11, 30), []int64{150, 450}},
		{"outside hours adds nothing", []Stop{{From: at(2025, 3, 4, 17, 0), To: at(2025, 3, 5, 7, 30)}}, at(2025, 3, 6, 9, 0), []int64{0}},
		{"stop across Tết is not charged for holidays", []Stop{{From: at(2025, 3, 5, 9, 0), To: at(2025, 3, 5, 10, 0)}}, at(2025, 3, 6, 10, 0), []int64{60}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := c.DueWithStops(start, 3, WorkingDays, tc.stops)
			if err != nil {
				t.Fatal(err)
			}
			if !e.Due.Equal(tc.want) {
				t.Errorf("due %s, want %s", e.Due.Format(time.RFC3339), tc.want.Format(time.RFC3339))
			}
			var got []int64
			for _, s := range e.Stops {
				got = append(got, s.AddedMinutes)
			}
			if len(got) != len(tc.added) {
				t.Fatalf("stop effects %v, want %v", got, tc.added)
			}
			for i := range got {
				if got[i] != tc.added[i] {
					t.Errorf("stop effects %v, want %v", got, tc.added)
				}
			}
		})
	}
	// A stop through Tết 2025 adds only the working time inside it.
	e, err := c.DueWithStops(at(2025, 1, 20, 8, 0), 10, WorkingDays, []Stop{{From: at(2025, 1, 23, 8, 0), To: at(2025, 2, 4, 8, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	// Without the stop: 10 working days from Mon 20/1 08:00 → 21,22,23,24, 3,4,5,6,7,10 Feb → Mon 10/2 08:00.
	// The stop holds 23/1 08:00–17:00 (7h), 24/1 (7.5h), 3/2 (7.5h), 4/2 07:30–08:00 (0.5h) = 22.5h = 3 days.
	if !e.DueWithoutStops.Equal(at(2025, 2, 10, 8, 0)) || !e.Due.Equal(at(2025, 2, 13, 8, 0)) || e.StoppedMinutes != 1350 {
		t.Errorf("due %s (without stops %s), stopped %d min", e.Due, e.DueWithoutStops, e.StoppedMinutes)
	}
	// Calendar days: a stop adds its elapsed time.
	e, err = c.DueWithStops(at(2025, 3, 10, 9, 0), 3, CalendarDays, []Stop{{From: at(2025, 3, 11, 9, 0), To: at(2025, 3, 12, 9, 0)}})
	if err != nil {
		t.Fatal(err)
	}
	if !e.Due.Equal(at(2025, 3, 14, 17, 0)) {
		t.Errorf("calendar days with a 1-day stop: due %s, want 14/3 17:00", e.Due)
	}
	// Reversed stop.
	if _, err := c.DueWithStops(start, 3, WorkingDays, []Stop{{From: at(2025, 3, 5, 9, 0), To: at(2025, 3, 4, 9, 0)}}); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("reversed stop: err %v", err)
	}
}

func TestDueRejects(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		start  time.Time
		amount int
		unit   TimeUnit
	}{
		{at(2025, 3, 3, 9, 0), -1, WorkingDays},
		{at(2025, 3, 3, 9, 0), MaxDays + 1, WorkingDays},
		{at(2025, 3, 3, 9, 0), 1, "weeks"},
		{at(1800, 3, 3, 9, 0), 1, WorkingDays},
		{at(2199, 12, 31, 9, 0), 10, WorkingDays},
	} {
		if _, err := c.Due(tc.start, tc.amount, tc.unit); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("Due(%s, %d, %s): err %v, want invalid", tc.start, tc.amount, tc.unit, err)
		}
	}
}

func TestClassify(t *testing.T) {
	c := Default()
	due := at(2025, 3, 6, 9, 0)
	for _, tc := range []struct {
		done  time.Time
		want  Outcome
		ahead int64
	}{
		{at(2025, 3, 6, 8, 0), OnTime, 60},
		{at(2025, 3, 6, 9, 0), OnTime, 0},
		{at(2025, 3, 5, 16, 0), Early, 150},
		{at(2025, 3, 6, 9, 1), Late, -1},
		{at(2025, 3, 7, 9, 0), Late, -450},
		{at(2025, 3, 6, 6, 0), OnTime, 90},
	} {
		got, err := c.Classify(tc.done, due)
		if err != nil {
			t.Fatal(err)
		}
		if got.Outcome != tc.want || got.AheadMinutes != tc.ahead {
			t.Errorf("completed %s: %s %d min, want %s %d", tc.done.Format(time.RFC3339), got.Outcome, got.AheadMinutes, tc.want, tc.ahead)
		}
	}
}

func TestStepDues(t *testing.T) {
	c := Default()
	start := at(2025, 3, 3, 9, 0)
	steps, whole, err := c.StepDuesWithin(start, 3, WorkingDays, []time.Duration{4 * time.Hour, 8 * time.Hour, 210 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	want := []time.Time{at(2025, 3, 3, 15, 0), at(2025, 3, 4, 15, 30), at(2025, 3, 5, 9, 30)}
	for i, s := range steps {
		if !s.Due.Equal(want[i]) {
			t.Errorf("step %d due %s, want %s", i, s.Due, want[i])
		}
	}
	if !steps[1].Start.Equal(steps[0].Due) || !whole.Due.Equal(at(2025, 3, 6, 9, 0)) {
		t.Errorf("steps not chained or whole due wrong: %+v %s", steps, whole.Due)
	}
	if _, _, err := c.StepDuesWithin(start, 3, WorkingDays, []time.Duration{22*time.Hour + 30*time.Minute, time.Minute}); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
		t.Errorf("steps beyond the limit: err %v", err)
	}
	if _, err := c.StepDues(start, []time.Duration{-time.Hour}); motcua.ErrorCode(err) != motcua.EINVALID {
		t.Errorf("negative allotment: err %v", err)
	}
}

func TestWorkingTimeBetween(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		a, b time.Time
		want int64
	}{
		{at(2025, 3, 3, 7, 30), at(2025, 3, 3, 17, 0), 450},
		{at(2025, 3, 3, 17, 0), at(2025, 3, 3, 7, 30), -450},
		{at(2025, 3, 7, 16, 0), at(2025, 3, 10, 8, 0), 90},
		{at(2025, 1, 24, 7, 30), at(2025, 2, 3, 17, 0), 900},
		{at(2025, 4, 25, 0, 0), at(2025, 4, 27, 0, 0), 900}, // makeup Saturday counts
	} {
		got, err := c.WorkingMinutesBetween(tc.a, tc.b)
		if err != nil || got != tc.want {
			t.Errorf("between %s and %s: %d, %v; want %d", tc.a, tc.b, got, err, tc.want)
		}
	}
}

func TestShiftsJSON(t *testing.T) {
	w := saturdayMorningShifts()
	b, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	var back WeekShifts
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(back)
	if string(b) != string(b2) {
		t.Errorf("round trip:\n%s\n%s", b, b2)
	}
	for _, bad := range []string{
		`{"monday":[{"start":"11:30","end":"07:30"}]}`,
		`{"monday":[{"start":"07:30","end":"11:30"},{"start":"11:00","end":"12:00"}]}`,
		`{"monday":[{"start":"07:30","end":"25:00"}]}`,
		`{}`,
		`{"monday":[{"start":"07:30","end":"11:30"}],"makeup_as":"sunday"}`,
	} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
	if _, err := Default().WithShifts(WeekShifts{}); err == nil {
		t.Error("WithShifts accepted no shifts")
	}
}
