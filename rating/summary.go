package rating

import "sort"

// Share is the count of one level and its share of the total, in percent rounded
// half up to 2 decimals (Basis is the same share in hundredths of a percent, exact
// integer arithmetic: 5,824 of 5,841 → 9971 → 99.71).
type Share struct {
	Code    string  `json:"code"`
	Name    string  `json:"name"`
	NameEn  string  `json:"name_en"`
	Count   int     `json:"count"`
	Basis   int64   `json:"basis"`
	Percent float64 `json:"percent"`
}

// Summary is the distribution of ratings over the scale's levels. Levels found in the
// data but no longer in the scale are listed after the scale's own, so the counts
// always add up to Total. Positive combines the positive levels.
type Summary struct {
	Total    int     `json:"total"`
	Levels   []Share `json:"levels"`
	Positive Share   `json:"positive"`
}

// basis returns n/total in hundredths of a percent, rounded half up.
func basis(n, total int) int64 {
	if total == 0 {
		return 0
	}
	return (int64(n)*20000 + int64(total)) / (2 * int64(total))
}

func share(code, name, nameEn string, n, total int) Share {
	b := basis(n, total)
	return Share{Code: code, Name: name, NameEn: nameEn, Count: n, Basis: b, Percent: float64(b) / 100}
}

// Summarize builds the summary of counts (level code → number of ratings) on scale s.
func Summarize(s Scale, counts map[string]int) Summary {
	total := 0
	for _, n := range counts {
		total += n
	}
	sum := Summary{Total: total, Levels: []Share{}}
	known := map[string]bool{}
	pos := 0
	for _, l := range s.Levels {
		known[l.Code] = true
		sum.Levels = append(sum.Levels, share(l.Code, l.Name, l.NameEn, counts[l.Code], total))
		if l.Positive {
			pos += counts[l.Code]
		}
	}
	var extra []string
	for code := range counts {
		if !known[code] {
			extra = append(extra, code)
		}
	}
	sort.Strings(extra)
	for _, code := range extra {
		sum.Levels = append(sum.Levels, share(code, code, code, counts[code], total))
	}
	sum.Positive = share("positive", "Hài lòng và rất hài lòng", "Satisfied or better", pos, total)
	return sum
}
