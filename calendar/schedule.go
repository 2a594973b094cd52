package calendar

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// ScheduleKind is the kind of one day of a Government schedule.
type ScheduleKind string

// Kinds of schedule days. "off" and "workday" are the two effects; "holiday" and
// "in_lieu" are days off that the notice names as a public holiday (Tết, the day next
// to National Day) or as a day off in lieu, so that explanations can say so.
const (
	ScheduleOff     ScheduleKind = "off"     // extra or swapped day off (nghỉ hoán đổi)
	ScheduleHoliday ScheduleKind = "holiday" // public holiday placed by the schedule
	ScheduleInLieu  ScheduleKind = "in_lieu" // day off in lieu (nghỉ bù)
	ScheduleWorkday ScheduleKind = "workday" // make-up working day (làm bù)
)

// Valid reports whether k is a known kind.
func (k ScheduleKind) Valid() bool {
	switch k {
	case ScheduleOff, ScheduleHoliday, ScheduleInLieu, ScheduleWorkday:
		return true
	}
	return false
}

// ScheduleDay is one day of a Government schedule.
type ScheduleDay struct {
	Date   Date         `json:"date"`
	Kind   ScheduleKind `json:"kind"`
	NameVI string       `json:"name_vi"`
	NameEN string       `json:"name_en"`
}

// Schedule is the Government's holiday schedule for one year, as announced each year
// by the Prime Minister through the Government Office (e.g. Công văn 8726/VPCP-KGVX of
// 2024) and notified to agencies by the Ministry in charge (Ministry of Labour, Invalids
// and Social Affairs until February 2025, Ministry of Home Affairs since). Labour Code
// 2019 art. 112(3) lets the Prime Minister fix the concrete days of Tết and of the day
// adjacent to National Day; days may be swapped for civil servants, with a make-up
// working day.
//
// Semantics (see README.md): each day listed is attached to the nearest statutory
// holiday period (New Year, Tết, Hùng Kings, 30 April–1 May, National Day) within 10
// days. A period that has any listed day off is taken from the schedule: its movable
// days (Tết, the adjacent National Day) and its days in lieu are those listed, while
// its fixed-date holidays stay. Periods the schedule does not touch keep the statutory
// defaults. A "workday" makes that day a working day with the normal weekday shifts; it
// cannot cancel a fixed-date statutory holiday.
type Schedule struct {
	Year    int           `json:"year"`
	Version string        `json:"version"`
	Source  string        `json:"source"`
	Days    []ScheduleDay `json:"days"`
}

// Limits on schedule input.
const (
	maxVersionLen = 64
	maxSourceLen  = 1000
	maxNameLen    = 300
	maxDays       = 366
)

// ParseSchedule decodes and validates a schedule in JSON:
//
//	{"year":2025,"version":"2025.1","source":"…","days":[
//	  {"date":"2025-05-02","kind":"off","name_vi":"…","name_en":"…"}, …]}
//
// Unknown fields, trailing data and invalid content are rejected with EINVALID errors.
// The days are returned sorted by date.
func ParseSchedule(data []byte) (Schedule, error) {
	var s Schedule
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Schedule{}, fmt.Errorf("calendar: parse schedule: %w", motcua.Errorf(motcua.EINVALID, "malformed schedule JSON: %v", err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Schedule{}, fmt.Errorf("calendar: parse schedule: %w", motcua.Errorf(motcua.EINVALID, "trailing data after the schedule object"))
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, fmt.Errorf("calendar: parse schedule: %w", err)
	}
	sortDays(s.Days)
	return s, nil
}

func sortDays(days []ScheduleDay) {
	sort.Slice(days, func(i, j int) bool { return days[i].Date.Before(days[j].Date) })
}

// Validate checks a schedule: a year within MinYear–MaxYear, a version and names that
// are short printable text, every day a real date of that year, a known kind, and no
// date listed twice. It returns an EINVALID error naming the first problem.
func (s Schedule) Validate() error {
	if s.Year < MinYear || s.Year > MaxYear {
		return motcua.FieldError(motcua.EINVALID, "year", fmt.Sprintf("year %d outside %d–%d", s.Year, MinYear, MaxYear))
	}
	if err := checkText("version", s.Version, maxVersionLen, true); err != nil {
		return err
	}
	if err := checkText("source", s.Source, maxSourceLen, false); err != nil {
		return err
	}
	if len(s.Days) > maxDays {
		return motcua.FieldError(motcua.EINVALID, "days", fmt.Sprintf("%d days listed, at most %d", len(s.Days), maxDays))
	}
	seen := make(map[Date]bool, len(s.Days))
	for i, d := range s.Days {
		field := fmt.Sprintf("days[%d]", i)
		if !d.Date.Valid() || d.Date.Year != s.Year {
			return motcua.FieldError(motcua.EINVALID, field+".date", fmt.Sprintf("date %s is not a valid date of %d", d.Date, s.Year))
		}
		if seen[d.Date] {
			return motcua.FieldError(motcua.EINVALID, field+".date", fmt.Sprintf("date %s listed twice", d.Date))
		}
		seen[d.Date] = true
		if !d.Kind.Valid() {
			return motcua.FieldError(motcua.EINVALID, field+".kind", fmt.Sprintf("kind %q: want off, holiday, in_lieu or workday", d.Kind))
		}
		if err := checkText(field+".name_vi", d.NameVI, maxNameLen, true); err != nil {
			return err
		}
		if err := checkText(field+".name_en", d.NameEN, maxNameLen, true); err != nil {
			return err
		}
	}
	return nil
}

func checkText(field, s string, max int, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return motcua.FieldError(motcua.EINVALID, field, "required")
	}
	if len(s) > max {
		return motcua.FieldError(motcua.EINVALID, field, fmt.Sprintf("longer than %d bytes", max))
	}
	if !utf8.ValidString(s) {
		return motcua.FieldError(motcua.EINVALID, field, "not valid UTF-8")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return motcua.FieldError(motcua.EINVALID, field, "contains a control character")
		}
	}
	return nil
}

//go:embed schedules/*.json
var scheduleFiles embed.FS

// EmbeddedSchedules returns the Government schedules shipped with motcua (2023–2026),
// sorted by year. See schedules/*.json for each one's legal source.
func EmbeddedSchedules() ([]Schedule, error) {
	names, err := fs.Glob(scheduleFiles, "schedules/*.json")
	if err != nil {
		return nil, fmt.Errorf("calendar: list embedded schedules: %w", err)
	}
	var out []Schedule
	for _, name := range names {
		data, err := scheduleFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("calendar: read %s: %w", name, err)
		}
		s, err := ParseSchedule(data)
		if err != nil {
			return nil, fmt.Errorf("calendar: embedded %s: %w", name, err)
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out, nil
}
