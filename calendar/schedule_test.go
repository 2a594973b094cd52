package calendar

import (
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

func TestEmbeddedSchedules(t *testing.T) {
	ss, err := EmbeddedSchedules()
	if err != nil {
		t.Fatal(err)
	}
	var years []int
	for _, s := range ss {
		years = append(years, s.Year)
		if s.Source == "" {
			t.Errorf("%d: no source", s.Year)
		}
		for _, d := range s.Days {
			if d.Kind == ScheduleWorkday && !isWeekend(d.Date) {
				t.Errorf("%d: make-up day %s is not a weekend day", s.Year, d.Date)
			}
		}
	}
	if len(years) != 4 || years[0] != 2023 || years[3] != 2026 {
		t.Errorf("embedded years %v", years)
	}
}

func TestParseScheduleRejects(t *testing.T) {
	ok := `{"year":2027,"version":"1","source":"s","days":[{"date":"2027-01-02","kind":"off","name_vi":"a","name_en":"b"}]}`
	if _, err := ParseSchedule([]byte(ok)); err != nil {
		t.Fatalf("valid schedule rejected: %v", err)
	}
	for name, in := range map[string]string{
		"not json":        `year: 2027`,
		"unknown field":   strings.Replace(ok, `"source"`, `"sauce"`, 1),
		"trailing":        ok + `{}`,
		"year range":      strings.Replace(ok, `2027,`, `1700,`, 1),
		"no version":      strings.Replace(ok, `"version":"1"`, `"version":" "`, 1),
		"other year date": strings.Replace(ok, `2027-01-02`, `2026-01-02`, 1),
		"bad date":        strings.Replace(ok, `2027-01-02`, `2027-02-30`, 1),
		"bad date format": strings.Replace(ok, `2027-01-02`, `2/1/2027`, 1),
		"bad kind":        strings.Replace(ok, `"off"`, `"party"`, 1),
		"no name":         strings.Replace(ok, `"name_vi":"a"`, `"name_vi":""`, 1),
		"control char":    strings.Replace(ok, `"name_en":"b"`, `"name_en":"b\u0007"`, 1),
		"duplicate":       strings.Replace(ok, `]}`, `,{"date":"2027-01-02","kind":"workday","name_vi":"a","name_en":"b"}]}`, 1),
	} {
		_, err := ParseSchedule([]byte(in))
		if motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("%s: err %v, want invalid", name, err)
		}
	}
}
