package calendar

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Clock is a time of day in minutes after midnight, 0–1440 (24:00 is allowed as the
// end of a shift). It marshals as "HH:MM".
type Clock int

// ParseClock parses "HH:MM" (00:00–24:00).
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, motcua.Errorf(motcua.EINVALID, "time of day %q: want HH:MM", s)
	}
	h, ok1 := atoiDigits(s[:2])
	m, ok2 := atoiDigits(s[3:])
	c := Clock(h*60 + m)
	if !ok1 || !ok2 || m > 59 || c > 24*60 {
		return 0, motcua.Errorf(motcua.EINVALID, "time of day %q: out of range", s)
	}
	return c, nil
}

// String formats c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalText implements encoding.TextMarshaler.
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

func (c Clock) dur() time.Duration { return time.Duration(c) * time.Minute }

// Shift is one working shift [Start, End) of a day, in Vietnam time.
type Shift struct {
	Start Clock `json:"start"`
	End   Clock `json:"end"`
}

// Len returns the length of the shift.
func (s Shift) Len() time.Duration { return (s.End - s.Start).dur() }

// String formats s as "HH:MM–HH:MM".
func (s Shift) String() string { return s.Start.String() + "–" + s.End.String() }

// WeekShifts are the weekly working shifts of a unit, indexed by time.Weekday. A
// weekday without shifts is a weekly rest day. Units inherit their province's holidays
// and schedules and differ only in their WeekShifts (e.g. a centre open on Saturday
// mornings). Makeup names the weekday whose shifts apply on a make-up working day
// (làm bù) set by a Government schedule; it defaults to Monday.
type WeekShifts struct {
	Days   [7][]Shift
	Makeup time.Weekday
}

// DefaultWeekShifts returns the common shifts of Vietnamese state agencies: Monday to
// Friday 07:30–11:30 and 13:30–17:00 (a 40-hour week, Decree 188/1999/NĐ-CP and Labour
// Code 2019 art. 105; the hours themselves are each province's choice).
func DefaultWeekShifts() WeekShifts {
	var w WeekShifts
	for d := time.Monday; d <= time.Friday; d++ {
		w.Days[d] = []Shift{{Start: 7*60 + 30, End: 11*60 + 30}, {Start: 13*60 + 30, End: 17 * 60}}
	}
	w.Makeup = time.Monday
	return w
}

// Validate checks that every shift lies within 00:00–24:00 with Start before End, that
// shifts of a day are sorted and do not overlap or touch, that some day has a shift,
// and that the make-up weekday has shifts.
func (w WeekShifts) Validate() error {
	any := false
	for d, shifts := range w.Days {
		for i, s := range shifts {
			field := fmt.Sprintf("shifts.%s[%d]", strings.ToLower(time.Weekday(d).String()), i)
			if s.Start < 0 || s.End > 24*60 || s.Start >= s.End {
				return motcua.FieldError(motcua.EINVALID, field, fmt.Sprintf("shift %s: start must be before end, within 00:00–24:00", s))
			}
			if i > 0 && s.Start <= shifts[i-1].End {
				return motcua.FieldError(motcua.EINVALID, field, fmt.Sprintf("shift %s: must start after the previous shift ends", s))
			}
			any = true
		}
	}
	if !any {
		return motcua.FieldError(motcua.EINVALID, "shifts", "no working shift in the week")
	}
	if w.Makeup < time.Sunday || w.Makeup > time.Saturday || len(w.Days[w.Makeup]) == 0 {
		return motcua.FieldError(motcua.EINVALID, "shifts.makeup_as", "the make-up weekday must have shifts")
	}
	return nil
}

// weekShiftsJSON is the JSON shape: {"monday":[{"start":"07:30","end":"11:30"}],…,
// "makeup_as":"monday"}.
type weekShiftsJSON struct {
	Monday    []Shift `json:"monday"`
	Tuesday   []Shift `json:"tuesday"`
	Wednesday []Shift `json:"wednesday"`
	Thursday  []Shift `json:"thursday"`
	Friday    []Shift `json:"friday"`
	Saturday  []Shift `json:"saturday"`
	Sunday    []Shift `json:"sunday"`
	MakeupAs  string  `json:"makeup_as"`
}

// MarshalJSON writes the shifts keyed by lower-case English weekday names.
func (w WeekShifts) MarshalJSON() ([]byte, error) {
	nz := func(s []Shift) []Shift {
		if s == nil {
			return []Shift{}
		}
		return s
	}
	return json.Marshal(weekShiftsJSON{
		Monday: nz(w.Days[time.Monday]), Tuesday: nz(w.Days[time.Tuesday]), Wednesday: nz(w.Days[time.Wednesday]),
		Thursday: nz(w.Days[time.Thursday]), Friday: nz(w.Days[time.Friday]), Saturday: nz(w.Days[time.Saturday]),
		Sunday: nz(w.Days[time.Sunday]), MakeupAs: strings.ToLower(w.Makeup.String()),
	})
}

// UnmarshalJSON reads the shape written by MarshalJSON and validates it.
func (w *WeekShifts) UnmarshalJSON(b []byte) error {
	var j weekShiftsJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return motcua.Errorf(motcua.EINVALID, "shifts: %v", err)
	}
	var v WeekShifts
	v.Days = [7][]Shift{j.Sunday, j.Monday, j.Tuesday, j.Wednesday, j.Thursday, j.Friday, j.Saturday}
	v.Makeup = time.Monday
	if j.MakeupAs != "" {
		found := false
		for d := time.Sunday; d <= time.Saturday; d++ {
			if strings.EqualFold(d.String(), j.MakeupAs) {
				v.Makeup, found = d, true
			}
		}
		if !found {
			return motcua.FieldError(motcua.EINVALID, "shifts.makeup_as", fmt.Sprintf("unknown weekday %q", j.MakeupAs))
		}
	}
	for d := range v.Days {
		sort.Slice(v.Days[d], func(a, b int) bool { return v.Days[d][a].Start < v.Days[d][b].Start })
	}
	if err := v.Validate(); err != nil {
		return err
	}
	*w = v
	return nil
}

// clone returns a deep copy so a Calendar never shares slices with its caller.
func (w WeekShifts) clone() WeekShifts {
	c := WeekShifts{Makeup: w.Makeup}
	for d := range w.Days {
		if len(w.Days[d]) > 0 {
			c.Days[d] = append([]Shift(nil), w.Days[d]...)
		}
	}
	return c
}

func dayLen(shifts []Shift) time.Duration {
	var n time.Duration
	for _, s := range shifts {
		n += s.Len()
	}
	return n
}
