package importer

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/motcua/motcua/catalog"
)

// durationUnits maps folded duration units to minutes. A working day is 8 hours.
var durationUnits = map[string]int{
	"": 1, "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "phut": 1,
	"h": 60, "hour": 60, "hours": 60, "gio": 60, "gio lam viec": 60, "working hours": 60,
	"d": 480, "day": 480, "days": 480, "ngay": 480, "ngay lam viec": 480, "working days": 480,
}

var durationRE = regexp.MustCompile(`^([0-9]{1,9}(?:[.,][0-9]{1,6})?)\s*(.*)$`)

// parseSteps reads "Tiếp nhận|receptionist|4h; Thẩm định|processor|3d|H37.25": name,
// role, working time and the unit doing it ("" or left out = the procedure's unit),
// separated by "|". The time is minutes ("90", "90m", "90 phút"), hours ("8h",
// "1.5 giờ") or working days of 8 hours ("3d", "3 ngày"); empty means 0.
func parseSteps(cell string) ([]catalog.Step, *cellError) {
	var out []catalog.Step
	for _, it := range items(cell) {
		parts := splitRaw(it, "|")
		if len(parts) < 2 || len(parts) > 4 {
			return nil, badCell(KeyStep, it)
		}
		s := catalog.Step{Name: strings.TrimSpace(unescape(parts[0]))}
		if s.Name == "" {
			return nil, badCell(KeyStep, it)
		}
		var err *cellError
		if s.Role, err = parseRole(parts[1]); err != nil {
			return nil, badCell(KeyRole, it)
		}
		if len(parts) > 2 {
			m, ok := parseDuration(parts[2])
			if !ok {
				return nil, badCell(KeyStepDuration, it)
			}
			s.Minutes = m
		}
		if len(parts) > 3 {
			s.UnitCode = strings.TrimSpace(unescape(parts[3]))
		}
		out = append(out, s)
	}
	return out, nil
}

// parseDuration reads a step's working time into minutes.
func parseDuration(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	m := durationRE.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	factor, ok := durationUnits[fold(m[2])]
	if !ok {
		return 0, false
	}
	x, err := strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
	if err != nil {
		return 0, false
	}
	x *= float64(factor)
	if x != math.Trunc(x) || x > math.MaxInt32 {
		return 0, false
	}
	return int(x), true
}

// formatSteps writes "name|role|time|unit" items, the time in hours when whole.
func formatSteps(ss []catalog.Step) string {
	s := make([]string, len(ss))
	for i, st := range ss {
		d := strconv.Itoa(st.Minutes) + "m"
		switch {
		case st.Minutes == 0:
			d = "0"
		case st.Minutes%60 == 0:
			d = strconv.Itoa(st.Minutes/60) + "h"
		}
		s[i] = escape(st.Name, "|") + "|" + string(st.Role) + "|" + d + "|" + escape(st.UnitCode, "|")
	}
	return joinItems(s)
}
