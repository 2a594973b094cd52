package calendar

import (
	"reflect"
	"testing"
	"time"
)

func FuzzDue(f *testing.F) {
	f.Add(at(2025, 1, 24, 10, 0).Unix(), 3, uint8(0), int64(0), int64(0))
	f.Add(at(2026, 2, 13, 18, 0).Unix(), 60, uint8(1), int64(3600), int64(86400))
	f.Add(at(2023, 4, 28, 11, 30).Unix(), 10, uint8(2), int64(-3600), int64(600))
	c := Default()
	lo, hi := at(1990, 1, 1, 0, 0).Unix(), at(2100, 12, 1, 0, 0).Unix()
	f.Fuzz(func(t *testing.T, sec int64, amount int, unitSel uint8, stopOff, stopLen int64) {
		if sec < lo || sec > hi {
			sec = lo + (sec%(hi-lo)+(hi-lo))%(hi-lo)
		}
		start := time.Unix(sec, 0)
		unit := []TimeUnit{WorkingDays, WorkingHours, CalendarDays}[int(unitSel)%3]
		amount %= 200
		stopOff %= 90 * 86400
		if stopLen < 0 {
			stopLen = -stopLen
		}
		stopLen %= 30 * 86400
		stop := Stop{From: start.Add(time.Duration(stopOff) * time.Second)}
		stop.To = stop.From.Add(time.Duration(stopLen) * time.Second)
		e, err := c.DueWithStops(start, amount, unit, []Stop{stop})
		if amount < 0 {
			if err == nil {
				t.Fatal("negative amount accepted")
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if e.Due.Before(e.EffectiveStart) || e.EffectiveStart.Before(start) || e.Due.Before(e.DueWithoutStops) {
			t.Fatalf("order: start %s effective %s due %s (without stops %s)", start, e.EffectiveStart, e.Due, e.DueWithoutStops)
		}
		if ok, _ := c.IsWorkingInstant(e.Due); !ok {
			t.Fatalf("due %s not a working instant", e.Due)
		}
		if unit != CalendarDays {
			moved, _ := c.WorkingTimeBetween(e.DueWithoutStops, e.Due)
			if moved != e.StoppedTotal {
				t.Fatalf("due moved by %s, stops hold %s", moved, e.StoppedTotal)
			}
		}
	})
}

func FuzzParseSchedule(f *testing.F) {
	b, _ := scheduleFiles.ReadFile("schedules/2025.json")
	f.Add(b)
	f.Add([]byte(`{"year":2027,"version":"1","source":"","days":[]}`))
	f.Add([]byte(`{"year":2027,"version":"1","days":[{"date":"2027-01-02","kind":"workday","name_vi":"a","name_en":"b"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseSchedule(data)
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("parsed schedule invalid: %v", err)
		}
		// Whatever parses must load (or be refused with an error) and export.
		if c, err := New(DefaultWeekShifts(), s); err == nil {
			if _, err := c.Holidays(s.Year); err != nil {
				t.Fatal(err)
			}
		}
		data2, err := MarshalICal(s, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		s2, err := ParseICal(data2, "")
		if err != nil {
			t.Fatalf("export of a valid schedule does not parse: %v\n%s", err, data2)
		}
		s.Source, s2.Source = "", ""
		if len(s.Days) == 0 {
			s.Days = nil
		}
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("iCalendar round trip:\n%+v\n%+v", s, s2)
		}
	})
}

func FuzzParseICal(f *testing.F) {
	small := Schedule{Year: 2025, Version: "2025.1", Days: []ScheduleDay{
		{D(2025, 4, 26), ScheduleWorkday, "Làm bù", "Make-up day"},
		{D(2025, 5, 2), ScheduleOff, "Nghỉ hoán đổi; 30/4", "Swapped day off, 30 April"},
	}}
	data, _ := MarshalICal(small, time.Unix(0, 0))
	f.Add(data)
	f.Add([]byte("BEGIN:VCALENDAR\nX-MOTCUA-VERSION:v\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270102\nDTEND;VALUE=DATE:20270104\nSUMMARY:x\\, y\nCATEGORIES:WORKDAY\nEND:VEVENT\nEND:VCALENDAR\n"))
	f.Add([]byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=\"a;b\":20270102\r\n SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseICal(data, "")
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("parsed schedule invalid: %v", err)
		}
		out, err := MarshalICal(s, time.Unix(0, 0))
		if err != nil {
			t.Fatal(err)
		}
		s2, err := ParseICal(out, "")
		if err != nil || !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, s, s2)
		}
	})
}
