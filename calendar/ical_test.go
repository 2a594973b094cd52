package calendar

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func TestICalRoundTrip(t *testing.T) {
	c := Default()
	stamp := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for y := 2023; y <= 2027; y++ {
		data, err := c.ICal(y, stamp)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line longer than 75 octets: %q", l)
			}
		}
		s, err := ParseICal(data, "")
		if err != nil {
			t.Fatalf("%d: %v\n%s", y, err, data)
		}
		want, _ := c.YearSchedule(y)
		if !reflect.DeepEqual(s, want) {
			t.Errorf("%d: round trip differs:\n got %+v\nwant %+v", y, s, want)
		}
		// A calendar built from the imported schedule has the same holidays.
		c2, err := New(DefaultWeekShifts(), s)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := offAndMakeup(t, c, y), offAndMakeup(t, c2, y); a != b {
			t.Errorf("%d: imported calendar differs:\n%s\n%s", y, a, b)
		}
	}
}

func TestParseICal(t *testing.T) {
	in := "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VTIMEZONE\nTZID:Asia/Ho_Chi_Minh\nEND:VTIMEZONE\n" +
		"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270429\nDTEND;VALUE=DATE:20270501\nSUMMARY:Nghỉ hoán đổi\\, dịp 30/4\nEND:VEVENT\n" +
		"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270508\nSUMMARY;LANGUAGE=vi:Làm bù\nX-MOTCUA-NAME-EN:Make-up\n  day\nCATEGORIES:WORKDAY\nEND:VEVENT\n" +
		"END:VCALENDAR\n"
	s, err := ParseICal([]byte(in), "2027-test")
	if err != nil {
		t.Fatal(err)
	}
	want := Schedule{Year: 2027, Version: "2027-test", Days: []ScheduleDay{
		{D(2027, 4, 29), ScheduleOff, "Nghỉ hoán đổi, dịp 30/4", "Nghỉ hoán đổi, dịp 30/4"},
		{D(2027, 4, 30), ScheduleOff, "Nghỉ hoán đổi, dịp 30/4", "Nghỉ hoán đổi, dịp 30/4"},
		{D(2027, 5, 8), ScheduleWorkday, "Làm bù", "Make-up day"},
	}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got  %+v\nwant %+v", s, want)
	}
	ev := func(props string) string {
		return "BEGIN:VCALENDAR\r\nX-MOTCUA-VERSION:v\r\nBEGIN:VEVENT\r\n" + props + "END:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	for name, bad := range map[string]string{
		"empty":          "",
		"no calendar":    "BEGIN:VEVENT\nEND:VEVENT\n",
		"unclosed":       "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:x\nEND:VEVENT\n",
		"mismatched end": "BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n",
		"timed event":    ev("DTSTART:20270101T080000\r\nSUMMARY:x\r\n"),
		"datetime value": ev("DTSTART;VALUE=DATE-TIME:20270101\r\nSUMMARY:x\r\n"),
		"bad date":       ev("DTSTART;VALUE=DATE:20270230\r\nSUMMARY:x\r\n"),
		"no summary":     ev("DTSTART;VALUE=DATE:20270102\r\n"),
		"no start":       ev("SUMMARY:x\r\n"),
		"end before":     ev("DTSTART;VALUE=DATE:20270102\r\nDTEND;VALUE=DATE:20270102\r\nSUMMARY:x\r\n"),
		"too long":       ev("DTSTART;VALUE=DATE:20270102\r\nDTEND;VALUE=DATE:20270302\r\nSUMMARY:x\r\n"),
		"rrule":          ev("DTSTART;VALUE=DATE:20270102\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:x\r\n"),
		"two kinds":      ev("DTSTART;VALUE=DATE:20270102\r\nCATEGORIES:OFF,WORKDAY\r\nSUMMARY:x\r\n"),
		"bad escape":     ev("DTSTART;VALUE=DATE:20270102\r\nSUMMARY:x\\q\r\n"),
		"two years":      ev("DTSTART;VALUE=DATE:20271231\r\nDTEND;VALUE=DATE:20280102\r\nSUMMARY:x\r\n"),
		"no version":     strings.Replace(ev("DTSTART;VALUE=DATE:20270102\r\nSUMMARY:x\r\n"), "X-MOTCUA-VERSION:v\r\n", "", 1),
		"no colon":       ev("DTSTART;VALUE=DATE:20270102\r\nSUMMARY\r\n"),
		"after end":      ev("DTSTART;VALUE=DATE:20270102\r\nSUMMARY:x\r\n") + "BEGIN:VCALENDAR\r\n",
		"duplicate day": "BEGIN:VCALENDAR\r\nX-MOTCUA-VERSION:v\r\n" +
			"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270102\r\nSUMMARY:x\r\nEND:VEVENT\r\n" +
			"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270102\r\nSUMMARY:y\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"leading fold": " x\r\n" + ev("DTSTART;VALUE=DATE:20270102\r\nSUMMARY:x\r\n"),
	} {
		if _, err := ParseICal([]byte(bad), ""); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("%s: err %v, want invalid", name, err)
		}
	}
}
