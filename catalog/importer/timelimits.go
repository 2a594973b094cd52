package importer

import (
	"strconv"
	"strings"

	"github.com/motcua/motcua/catalog"
)

// unitWords maps folded time-unit names, English and Vietnamese, to units. A bare
// "ngày" (day) means working days, as in the published procedure texts.
var unitWords = map[string]catalog.TimeUnit{
	"working days": catalog.WorkingDays, "working day": catalog.WorkingDays, "wd": catalog.WorkingDays,
	"days": catalog.WorkingDays, "day": catalog.WorkingDays, "d": catalog.WorkingDays,
	"ngay": catalog.WorkingDays, "ngay lam viec": catalog.WorkingDays,
	"working hours": catalog.WorkingHours, "working hour": catalog.WorkingHours, "wh": catalog.WorkingHours,
	"hours": catalog.WorkingHours, "hour": catalog.WorkingHours, "h": catalog.WorkingHours,
	"gio": catalog.WorkingHours, "gio lam viec": catalog.WorkingHours,
	"calendar days": catalog.CalendarDays, "calendar day": catalog.CalendarDays, "cd": catalog.CalendarDays,
	"ngay lich": catalog.CalendarDays, "ngay theo lich": catalog.CalendarDays,
}

// parseTimeLimits reads "counter=15 working_days; online_full=12 working_days". An
// item without "channel=" ("15 working_days") is the limit of every channel in the
// channels column that has no limit of its own. The unit may be left out (working
// days) and "=" may be written ":".
func parseTimeLimits(cell string, channels []catalog.Channel) ([]catalog.TimeLimit, *cellError) {
	var (
		out []catalog.TimeLimit
		def *catalog.TimeLimit
	)
	for _, it := range items(cell) {
		chanText, amountText, explicit := strings.Cut(it, "=")
		if !explicit {
			chanText, amountText, explicit = strings.Cut(it, ":")
		}
		if !explicit {
			amountText = it
		}
		amount, unit, err := parseAmountUnit(it, amountText)
		if err != nil {
			return nil, err
		}
		tl := catalog.TimeLimit{Amount: amount, Unit: unit}
		if !explicit {
			if def != nil {
				return nil, badCell(KeyTimeLimit, it)
			}
			def = &tl
			continue
		}
		if tl.Channel, err = parseChannel(chanText); err != nil {
			return nil, err
		}
		out = append(out, tl)
	}
	if def != nil {
		for _, c := range channels {
			if !hasLimit(out, c) {
				tl := *def
				tl.Channel = c
				out = append(out, tl)
			}
		}
	}
	return out, nil
}

// parseAmountUnit reads "15 working_days", "15d" or "15" (working days) from s, the
// part after "=" of item.
func parseAmountUnit(item, s string) (int, catalog.TimeUnit, *cellError) {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || (i < len(s) && (s[i] == '.' || s[i] == ',')) {
		return 0, "", badCell(KeyTimeLimit, item)
	}
	rest := strings.TrimSpace(s[i:])
	if rest == "" {
		return n, catalog.WorkingDays, nil
	}
	u, ok := lookup(unitWords, rest)
	if !ok {
		return 0, "", badCell(KeyTimeUnit, item)
	}
	return n, u, nil
}

func hasLimit(ls []catalog.TimeLimit, c catalog.Channel) bool {
	for _, l := range ls {
		if l.Channel == c {
			return true
		}
	}
	return false
}

// formatTimeLimits writes every limit explicitly: "counter=15 working_days; …".
func formatTimeLimits(ls []catalog.TimeLimit) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l.Channel) + "=" + strconv.Itoa(l.Amount) + " " + string(l.Unit)
	}
	return joinItems(s)
}
