package calendar

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/motcua/motcua"
)

// The decoders of query parameters and request bodies that take dates, times of day
// and working shifts: whatever they accept re-encodes to the canonical text and
// decodes to the same value; whatever they refuse is an EINVALID motcua error.

func wantInvalid(t *testing.T, what string, err error) {
	t.Helper()
	if me := motcua.AsError(err); me == nil || me.Code != motcua.EINVALID {
		t.Fatalf("%s: %v, want an EINVALID motcua error", what, err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-02-13", "2024-02-29", "2025-02-29", "0000-01-01", "9999-12-31", "2026-13-01", "2026-1-01", "+026-01-01", "2026-00-10", "２０２６-01-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			wantInvalid(t, "ParseDate("+s+")", err)
			return
		}
		if !d.Valid() || d.String() != s {
			t.Fatalf("ParseDate(%q) = %v (valid %v): not the input", s, d, d.Valid())
		}
		var back Date
		if err := json.Unmarshal([]byte(`"`+s+`"`), &back); err != nil || back != d {
			t.Fatalf("JSON %q: %v, %v", s, back, err)
		}
		if d.AddDays(1).Sub(d) != 1 {
			t.Fatalf("%v: next day is not one day after", d)
		}
	})
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"07:30", "24:00", "24:01", "00:00", "23:59", "7:30", "07:60", "-1:00", "07:3a", "07-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		if err != nil {
			wantInvalid(t, "ParseClock("+s+")", err)
			return
		}
		if c < 0 || c > 24*60 || c.String() != s {
			t.Fatalf("ParseClock(%q) = %d (%s)", s, c, c)
		}
	})
}

// FuzzWeekShiftsJSON: the body of PUT /units/{code}/shifts.
func FuzzWeekShiftsJSON(f *testing.F) {
	def, _ := json.Marshal(DefaultWeekShifts())
	f.Add(def)
	f.Add([]byte(`{"monday":[{"start":"07:30","end":"11:30"},{"start":"13:30","end":"17:00"}],"saturday":[{"start":"07:30","end":"11:30"}],"makeup_as":"saturday"}`))
	f.Add([]byte(`{"monday":[{"start":"13:30","end":"17:00"},{"start":"07:30","end":"14:00"}]}`))
	f.Add([]byte(`{"sunday":[{"start":"00:00","end":"24:00"}],"makeup_as":"Funday"}`))
	f.Add([]byte(`{"monday":[{"start":"17:00","end":"07:30"}]}`))
	f.Add([]byte(`{"tuesday":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var w WeekShifts
		if err := json.Unmarshal(data, &w); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) {
				return // not JSON: refused by encoding/json before UnmarshalJSON runs
			}
			wantInvalid(t, "shifts "+string(data), err)
			return
		}
		if err := w.Validate(); err != nil {
			t.Fatalf("accepted invalid shifts %s: %v", data, err)
		}
		out, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		var w2 WeekShifts
		if err := json.Unmarshal(out, &w2); err != nil {
			t.Fatalf("re-decode %s: %v", out, err)
		}
		out2, _ := json.Marshal(w2)
		if string(out) != string(out2) || w2.Makeup != w.Makeup {
			t.Fatalf("round trip:\n%s\n%s", out, out2)
		}
		for d := range w.Days {
			if len(w.Days[d]) != len(w2.Days[d]) || (len(w.Days[d]) > 0 && !reflect.DeepEqual(w.Days[d], w2.Days[d])) {
				t.Fatalf("day %d: %v, after a round trip %v", d, w.Days[d], w2.Days[d])
			}
		}
	})
}
