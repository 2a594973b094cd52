package calendar

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// iCalendar (RFC 5545) exchange of a year's holidays. Each day is an all-day VEVENT:
//
//	BEGIN:VEVENT
//	UID:2025-05-02@motcua
//	DTSTAMP:20250101T000000Z
//	DTSTART;VALUE=DATE:20250502
//	DTEND;VALUE=DATE:20250503          (exclusive; optional, default one day)
//	SUMMARY;LANGUAGE=vi:Nghỉ hoán đổi …
//	X-MOTCUA-NAME-EN:Swapped day off …  (optional; defaults to SUMMARY)
//	CATEGORIES:OFF                      (HOLIDAY, IN_LIEU, OFF or WORKDAY; default OFF)
//	END:VEVENT
//
// A make-up working day is marked CATEGORIES:WORKDAY. The calendar carries
// X-MOTCUA-YEAR and X-MOTCUA-VERSION. Recurrence rules, DURATION and timed events are
// rejected: a holiday file lists dates.

const maxICalSize = 1 << 20

var icalCategory = map[ScheduleKind]string{
	ScheduleHoliday: "HOLIDAY", ScheduleInLieu: "IN_LIEU", ScheduleOff: "OFF", ScheduleWorkday: "WORKDAY",
}

// YearSchedule returns every deviation of year y from the Monday–Friday week as a
// Schedule (the statutory days included), for export. Its version is the loaded
// schedule's version, or "statutory" when the year has no Government schedule.
func (c *Calendar) YearSchedule(y int) (Schedule, error) {
	hs, err := c.Holidays(y)
	if err != nil {
		return Schedule{}, err
	}
	s := Schedule{Year: y, Version: "statutory", Source: "Bộ luật Lao động 2019, Điều 111–112"}
	if gs, ok := c.prov.schedules[y]; ok {
		s.Version, s.Source = gs.Version, gs.Source
	}
	for _, h := range hs {
		k := ScheduleOff
		switch h.Kind {
		case KindHoliday:
			k = ScheduleHoliday
		case KindInLieu:
			k = ScheduleInLieu
		case KindMakeupWorkday:
			k = ScheduleWorkday
		}
		s.Days = append(s.Days, ScheduleDay{Date: h.Date, Kind: k, NameVI: h.NameVI, NameEN: h.NameEN})
	}
	return s, nil
}

// ICal exports year y's holidays, days off and make-up working days as iCalendar.
// stamp is written as every event's DTSTAMP (RFC 5545 requires one).
func (c *Calendar) ICal(y int, stamp time.Time) ([]byte, error) {
	s, err := c.YearSchedule(y)
	if err != nil {
		return nil, fmt.Errorf("calendar: iCalendar export of %d: %w", y, err)
	}
	return MarshalICal(s, stamp)
}

// MarshalICal writes a schedule as iCalendar (RFC 5545): CRLF line ends, lines folded
// at 75 octets, TEXT values escaped.
func MarshalICal(s Schedule, stamp time.Time) ([]byte, error) {
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("calendar: iCalendar export: %w", err)
	}
	var b bytes.Buffer
	line := func(l string) { writeFolded(&b, l) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//motcua//calendar//VI")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line(fmt.Sprintf("X-WR-CALNAME:Ngày nghỉ lễ\\, Tết năm %d", s.Year))
	line(fmt.Sprintf("X-MOTCUA-YEAR:%d", s.Year))
	line("X-MOTCUA-VERSION:" + escapeText(s.Version))
	if s.Source != "" {
		line("X-MOTCUA-SOURCE:" + escapeText(s.Source))
	}
	ds := stamp.UTC().Format("20060102T150405Z")
	for _, d := range s.Days {
		line("BEGIN:VEVENT")
		line(fmt.Sprintf("UID:%s@motcua", d.Date))
		line("DTSTAMP:" + ds)
		line("DTSTART;VALUE=DATE:" + icalDate(d.Date))
		line("DTEND;VALUE=DATE:" + icalDate(d.Date.AddDays(1)))
		line("SUMMARY;LANGUAGE=vi:" + escapeText(d.NameVI))
		line("X-MOTCUA-NAME-EN:" + escapeText(d.NameEN))
		line("CATEGORIES:" + icalCategory[d.Kind])
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes(), nil
}

func icalDate(d Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day) }

// writeFolded writes one content line folded at 75 octets without splitting a UTF-8
// sequence (RFC 5545 §3.1).
func writeFolded(b *bytes.Buffer, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}

func escapeText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	return r.Replace(s)
}

func unescapeText(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("dangling backslash")
		}
		i++
		switch s[i] {
		case '\\', ';', ',':
			b.WriteByte(s[i])
		case 'n', 'N':
			b.WriteByte('\n')
		default:
			return "", fmt.Errorf("unknown escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

// icalLine is one unfolded content line.
type icalLine struct {
	num    int // line number of its first physical line
	name   string
	params map[string]string
	value  string
}

// ParseICal reads an iCalendar file of one year's days off and make-up working days
// into a Schedule. version overrides the file's X-MOTCUA-VERSION; one of them is
// required. The year is X-MOTCUA-YEAR, else the year of the first event; every day must
// fall in it. Each event covers DTSTART up to DTEND exclusive (at most 31 days). Bad
// input is rejected with an EINVALID error naming the line.
func ParseICal(data []byte, version string) (Schedule, error) {
	s, err := parseICal(data, version)
	if err != nil {
		return Schedule{}, fmt.Errorf("calendar: parse iCalendar: %w", err)
	}
	return s, nil
}

func invalid(num int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if num > 0 {
		msg = fmt.Sprintf("line %d: %s", num, msg)
	}
	return motcua.Errorf(motcua.EINVALID, "%s", msg)
}

func parseICal(data []byte, version string) (Schedule, error) {
	if len(data) > maxICalSize {
		return Schedule{}, invalid(0, "file larger than %d bytes", maxICalSize)
	}
	if !utf8.Valid(data) {
		return Schedule{}, invalid(0, "not valid UTF-8")
	}
	lines, err := unfold(string(data))
	if err != nil {
		return Schedule{}, err
	}
	var (
		s      Schedule
		stack  []string
		ev     *icalEvent
		events []icalEvent
		ended  bool
		fileV  string
	)
	for _, l := range lines {
		if ended {
			return Schedule{}, invalid(l.num, "content after END:VCALENDAR")
		}
		switch l.name {
		case "BEGIN":
			comp := strings.ToUpper(l.value)
			if len(stack) == 0 && comp != "VCALENDAR" {
				return Schedule{}, invalid(l.num, "file must begin with BEGIN:VCALENDAR")
			}
			if len(stack) > 0 && comp == "VCALENDAR" {
				return Schedule{}, invalid(l.num, "nested VCALENDAR")
			}
			if len(stack) >= 8 {
				return Schedule{}, invalid(l.num, "components nested too deeply")
			}
			if comp == "VEVENT" {
				if len(stack) != 1 {
					return Schedule{}, invalid(l.num, "VEVENT must be directly inside VCALENDAR")
				}
				ev = &icalEvent{line: l.num}
			}
			stack = append(stack, comp)
			continue
		case "END":
			comp := strings.ToUpper(l.value)
			if len(stack) == 0 || stack[len(stack)-1] != comp {
				return Schedule{}, invalid(l.num, "END:%s does not match an open component", l.value)
			}
			stack = stack[:len(stack)-1]
			if comp == "VEVENT" {
				events = append(events, *ev)
				ev = nil
			}
			if len(stack) == 0 {
				ended = true
			}
			continue
		}
		if len(stack) == 0 {
			return Schedule{}, invalid(l.num, "property %s outside VCALENDAR", l.name)
		}
		if len(stack) == 1 {
			switch l.name {
			case "X-MOTCUA-YEAR":
				y, ok := atoiDigits(l.value)
				if !ok || len(l.value) != 4 {
					return Schedule{}, invalid(l.num, "X-MOTCUA-YEAR %q: want a 4-digit year", l.value)
				}
				s.Year = y
			case "X-MOTCUA-VERSION":
				if fileV, err = unescapeText(l.value); err != nil {
					return Schedule{}, invalid(l.num, "X-MOTCUA-VERSION: %v", err)
				}
			case "X-MOTCUA-SOURCE":
				if s.Source, err = unescapeText(l.value); err != nil {
					return Schedule{}, invalid(l.num, "X-MOTCUA-SOURCE: %v", err)
				}
			}
			continue
		}
		if ev != nil && len(stack) == 2 {
			if err := ev.set(l); err != nil {
				return Schedule{}, err
			}
		}
	}
	if !ended {
		return Schedule{}, invalid(0, "missing END:VCALENDAR")
	}
	s.Version = fileV
	if version != "" {
		s.Version = version
	}
	if s.Version == "" {
		return Schedule{}, invalid(0, "no version: give one or set X-MOTCUA-VERSION")
	}
	for _, e := range events {
		if e.start == nil {
			return Schedule{}, invalid(e.line, "VEVENT without DTSTART")
		}
		if e.summary == "" {
			return Schedule{}, invalid(e.line, "VEVENT without SUMMARY")
		}
		if s.Year == 0 {
			s.Year = e.start.Year
		}
		end := e.start.AddDays(1)
		if e.end != nil {
			end = *e.end
		}
		n := end.Sub(*e.start)
		if n < 1 || n > 31 {
			return Schedule{}, invalid(e.line, "DTEND must be 1–31 days after DTSTART")
		}
		en := e.nameEN
		if en == "" {
			en = e.summary
		}
		for d := *e.start; d.Before(end); d = d.AddDays(1) {
			if len(s.Days) >= maxDays {
				return Schedule{}, invalid(e.line, "more than %d days", maxDays)
			}
			s.Days = append(s.Days, ScheduleDay{Date: d, Kind: e.kind, NameVI: e.summary, NameEN: en})
		}
	}
	if s.Year == 0 {
		return Schedule{}, invalid(0, "no events and no X-MOTCUA-YEAR")
	}
	if err := s.Validate(); err != nil {
		return Schedule{}, err
	}
	sortDays(s.Days)
	return s, nil
}

// icalEvent collects the properties of one VEVENT.
type icalEvent struct {
	line           int
	start, end     *Date
	summary        string
	nameEN         string
	kind           ScheduleKind
	seenCategories bool
}

func (e *icalEvent) set(l icalLine) error {
	var err error
	switch l.name {
	case "DTSTART", "DTEND":
		if v, ok := l.params["VALUE"]; ok && !strings.EqualFold(v, "DATE") {
			return invalid(l.num, "%s must be a date (VALUE=DATE), not %s", l.name, v)
		}
		if len(l.value) != 8 {
			return invalid(l.num, "%s %q: want an all-day date YYYYMMDD", l.name, l.value)
		}
		d, perr := ParseDate(l.value[0:4] + "-" + l.value[4:6] + "-" + l.value[6:8])
		if perr != nil || d.Year < MinYear || d.Year > MaxYear+1 {
			return invalid(l.num, "%s %q: not a valid date", l.name, l.value)
		}
		if l.name == "DTSTART" {
			if e.start != nil {
				return invalid(l.num, "DTSTART given twice")
			}
			e.start = &d
		} else {
			if e.end != nil {
				return invalid(l.num, "DTEND given twice")
			}
			e.end = &d
		}
	case "SUMMARY":
		if e.summary != "" {
			return invalid(l.num, "SUMMARY given twice")
		}
		if e.summary, err = unescapeText(l.value); err != nil {
			return invalid(l.num, "SUMMARY: %v", err)
		}
		if e.summary == "" {
			return invalid(l.num, "empty SUMMARY")
		}
	case "X-MOTCUA-NAME-EN":
		if e.nameEN, err = unescapeText(l.value); err != nil {
			return invalid(l.num, "X-MOTCUA-NAME-EN: %v", err)
		}
	case "CATEGORIES":
		for _, c := range strings.Split(l.value, ",") {
			var k ScheduleKind
			switch strings.ToUpper(strings.TrimSpace(c)) {
			case "HOLIDAY":
				k = ScheduleHoliday
			case "IN_LIEU", "IN-LIEU":
				k = ScheduleInLieu
			case "OFF":
				k = ScheduleOff
			case "WORKDAY":
				k = ScheduleWorkday
			default:
				continue
			}
			if e.seenCategories && e.kind != k {
				return invalid(l.num, "conflicting categories %s and %s", icalCategory[e.kind], icalCategory[k])
			}
			e.kind, e.seenCategories = k, true
		}
	case "RRULE", "RDATE", "EXDATE":
		return invalid(l.num, "%s is not supported: list each day", l.name)
	case "DURATION":
		return invalid(l.num, "DURATION is not supported: use DTEND")
	}
	if e.kind == "" {
		e.kind = ScheduleOff
	}
	return nil
}

// unfold splits data into content lines (CRLF or LF), joins folded lines and parses
// each into name, parameters and value.
func unfold(data string) ([]icalLine, error) {
	var out []icalLine
	var cur strings.Builder
	curNum := 0
	flush := func() error {
		if curNum == 0 {
			return nil
		}
		l, err := parseContentLine(cur.String(), curNum)
		if err != nil {
			return err
		}
		out = append(out, l)
		cur.Reset()
		curNum = 0
		return nil
	}
	for i, raw := range strings.Split(data, "\n") {
		raw = strings.TrimSuffix(raw, "\r")
		if raw != "" && (raw[0] == ' ' || raw[0] == '\t') {
			if curNum == 0 {
				return nil, invalid(i+1, "continuation line without a line to continue")
			}
			cur.WriteString(raw[1:])
			continue
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if raw == "" {
			continue
		}
		cur.WriteString(raw)
		curNum = i + 1
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

func parseContentLine(s string, num int) (icalLine, error) {
	l := icalLine{num: num, params: map[string]string{}}
	i := 0
	for i < len(s) && (isNameChar(s[i])) {
		i++
	}
	if i == 0 {
		return l, invalid(num, "expected a property name")
	}
	l.name = strings.ToUpper(s[:i])
	for i < len(s) && s[i] == ';' {
		i++
		j := i
		for j < len(s) && isNameChar(s[j]) {
			j++
		}
		if j == i || j >= len(s) || s[j] != '=' {
			return l, invalid(num, "%s: malformed parameter", l.name)
		}
		key := strings.ToUpper(s[i:j])
		i = j + 1
		var val string
		if i < len(s) && s[i] == '"' {
			k := strings.IndexByte(s[i+1:], '"')
			if k < 0 {
				return l, invalid(num, "%s: unterminated quoted parameter", l.name)
			}
			val = s[i+1 : i+1+k]
			i += k + 2
		} else {
			j = i
			for j < len(s) && s[j] != ';' && s[j] != ':' && s[j] != ',' && s[j] != '"' {
				j++
			}
			val = s[i:j]
			i = j
			for i < len(s) && s[i] == ',' { // multi-valued parameter: keep the first value
				i++
				for i < len(s) && s[i] != ';' && s[i] != ':' {
					i++
				}
			}
		}
		l.params[key] = val
	}
	if i >= len(s) || s[i] != ':' {
		return l, invalid(num, "%s: expected ':'", l.name)
	}
	l.value = s[i+1:]
	for _, r := range l.value {
		if r < 0x20 && r != '\t' || r == 0x7f {
			return l, invalid(num, "%s: control character in value", l.name)
		}
	}
	return l, nil
}

func isNameChar(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'
}
