package dossier

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

func TestFormatCode(t *testing.T) {
	tests := []struct {
		unit string
		day  calendar.Date
		seq  int
		want string
	}{
		{"H37.25.10", calendar.D(2025, time.July, 15), 42, "H37.25.10-250715-0042"},
		{"000.00.20.H37", calendar.D(2026, time.January, 2), 1, "000.00.20.H37-260102-0001"},
		{"H37", calendar.D(2025, time.December, 31), 9999, "H37-251231-9999"},
		{"H37", calendar.D(2025, time.December, 31), 10000, "H37-251231-10000"},
		{"H37", calendar.D(2025, time.December, 31), 123456, "H37-251231-123456"},
	}
	for _, tc := range tests {
		got := FormatCode(tc.unit, tc.day, tc.seq)
		if got != tc.want {
			t.Errorf("FormatCode(%s, %s, %d) = %s, want %s", tc.unit, tc.day, tc.seq, got, tc.want)
		}
		c, err := ParseCode(got)
		if err != nil || c.Unit != tc.unit || c.Day != tc.day || c.Seq != tc.seq || c.String() != got {
			t.Errorf("ParseCode(%s) = %+v, %v", got, c, err)
		}
	}
	// The day is the Vietnam-time day: 18:00 UTC on 14 July is 01:00 on 15 July in ICT.
	if got := FormatCodeAt("H37", time.Date(2025, 7, 14, 18, 0, 0, 0, time.UTC), 7); got != "H37-250715-0007" {
		t.Errorf("FormatCodeAt = %s", got)
	}
}

func TestParseCode(t *testing.T) {
	ok := map[string]string{
		"H37.25.10-250715-0042":     "H37.25.10-250715-0042",
		"  h37.25.10-250715-0042 ":  "H37.25.10-250715-0042",
		"000.00.20.H37-240229-0001": "000.00.20.H37-240229-0001",
		"H37-250715-10000":          "H37-250715-10000",
	}
	for in, want := range ok {
		c, err := ParseCode(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseCode(%q) = %v, %v; want %s", in, c, err, want)
		}
	}
	bad := []string{
		"", "H37", "H37-250715", "H37-250715-042", "H37-250715-00042", "H37-250715-0000",
		"H37-250230-0001", "H37-251301-0001", "H37-25071-0001", "H37-250715-0001-1",
		"H37_25-250715-0001", "H37..25-250715-0001", "H37-250715-12345678901", "H37-250715-+001",
		"H37-2507150001", "H37-250715-00x1", "-250715-0001", "H37-230229-0001",
	}
	for _, in := range bad {
		_, err := ParseCode(in)
		if me := motcua.AsError(err); me == nil || me.Code != motcua.EINVALID || me.Message != MsgCodeInvalid {
			t.Errorf("ParseCode(%q) = %v, want EINVALID", in, err)
		}
	}
}

func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"H37.25.10-250715-0042", "000.00.20.H37-240229-0001", "H37-250715-10000", "h37-250715-0001", "H37--", "-0-0-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCode(s)
		if err != nil {
			if me := motcua.AsError(err); me == nil || me.Code != motcua.EINVALID {
				t.Fatalf("ParseCode(%q): %v", s, err)
			}
			return
		}
		canon := c.String()
		if canon != strings.ToUpper(strings.TrimSpace(s)) {
			t.Fatalf("ParseCode(%q).String() = %q: not the normalised input", s, canon)
		}
		c2, err := ParseCode(canon)
		if err != nil || c2 != c {
			t.Fatalf("round trip of %q: %+v, %v", canon, c2, err)
		}
		if !c.Day.Valid() || c.Seq < 1 {
			t.Fatalf("accepted %+v", c)
		}
	})
}
