package chart

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber formats v the Vietnamese way: "." groups thousands and "," marks
// the decimals, so 1234.5 with one decimal is "1.234,5". decimals below zero is
// treated as zero. Magnitudes of 10^15 and more, which no count in the system
// reaches but a corrupt input might, are written in scientific notation
// ("1,23e+300") so a label never becomes hundreds of digits long. NaN and
// infinities are written as "–". [FormatNumberLang] writes other languages.
func FormatNumber(v float64, decimals int) string {
	return vi.number(v, decimals)
}

// FormatNumberLang formats v like [FormatNumber] in the user interface language
// lang: "en" groups thousands with "," and marks the decimals with "."
// ("1,234.5"); any other language, the empty string included, is Vietnamese
// ("1.234,5").
func FormatNumberLang(v float64, decimals int, lang string) string {
	return localeOf(lang).number(v, decimals)
}

// FormatPercent formats a fraction (0.985) as a Vietnamese percentage ("98,5%")
// with at most decimals decimal places; trailing zeros are dropped, so 1 is
// "100%" and 0.5 is "50%". [FormatPercentLang] writes other languages.
func FormatPercent(fraction float64, decimals int) string {
	return vi.percent(fraction, decimals)
}

// FormatPercentLang formats a fraction like [FormatPercent] in the user
// interface language lang: 0.985 is "98.5%" in English ("en") and "98,5%" in
// Vietnamese, the language of anything other than "en".
func FormatPercentLang(fraction float64, decimals int, lang string) string {
	return localeOf(lang).percent(fraction, decimals)
}

// number is FormatNumber with the locale's marks.
func (l *locale) number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if decimals < 0 {
		decimals = 0
	}
	if decimals > 6 {
		decimals = 6
	}
	if math.Abs(v) >= 1e15 {
		return strings.Replace(strconv.FormatFloat(v, 'g', 3, 64), ".", string(l.decimal), 1)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(l.group)
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(l.decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// percent is FormatPercent with the locale's marks.
func (l *locale) percent(fraction float64, decimals int) string {
	if math.IsNaN(fraction) || math.IsInf(fraction, 0) {
		return "–"
	}
	return l.trimZeros(l.number(fraction*100, decimals)) + "%"
}

// trimZeros removes trailing zeros after the decimal mark, and the mark itself
// when nothing is left behind it.
func (l *locale) trimZeros(s string) string {
	if !strings.Contains(s, string(l.decimal)) || strings.Contains(s, "e") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, string(l.decimal))
}

// value formats a data value for a label: percentages with one decimal, other
// numbers with up to two.
func (l *locale) value(v float64, percent bool) string {
	if percent {
		return l.percent(v, 1)
	}
	return l.trimZeros(l.number(v, 2))
}

// tick formats an axis tick given the tick step, showing just the decimals the
// step needs.
func (l *locale) tick(v, step float64, percent bool) string {
	if percent {
		v *= 100
		step *= 100
	}
	d := 0
	if step > 0 && step < 1 {
		d = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	s := l.trimZeros(l.number(v, d))
	if percent {
		s += "%"
	}
	return s
}
