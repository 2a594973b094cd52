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
// infinities are written as "–".
func FormatNumber(v float64, decimals int) string {
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
		return strings.Replace(strconv.FormatFloat(v, 'g', 3, 64), ".", ",", 1)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	if v < 0 && strings.Trim(s, "0.") != "" {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// FormatPercent formats a fraction (0.985) as a Vietnamese percentage ("98,5%")
// with at most decimals decimal places; trailing zeros are dropped, so 1 is
// "100%" and 0.5 is "50%".
func FormatPercent(fraction float64, decimals int) string {
	if math.IsNaN(fraction) || math.IsInf(fraction, 0) {
		return "–"
	}
	return trimZeros(FormatNumber(fraction*100, decimals)) + "%"
}

// trimZeros removes trailing zeros after the decimal comma, and the comma itself
// when nothing is left behind it.
func trimZeros(s string) string {
	if !strings.Contains(s, ",") || strings.Contains(s, "e") {
		return s
	}
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ",")
}

// formatValue formats a data value for a label: percentages with one decimal,
// other numbers with up to two.
func formatValue(v float64, percent bool) string {
	if percent {
		return FormatPercent(v, 1)
	}
	return trimZeros(FormatNumber(v, 2))
}

// formatTick formats an axis tick given the tick step, showing just the
// decimals the step needs.
func formatTick(v, step float64, percent bool) string {
	if percent {
		v *= 100
		step *= 100
	}
	d := 0
	if step > 0 && step < 1 {
		d = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	s := trimZeros(FormatNumber(v, d))
	if percent {
		s += "%"
	}
	return s
}
