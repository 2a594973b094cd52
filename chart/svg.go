package chart

import (
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Palette is the series colours, in order. Every colour has a contrast ratio of
// at least 3:1 against white (WCAG 2.x non-text contrast), which the tests check;
// colour is never the only cue: series also differ by dash pattern and marker
// (lines) or fill pattern (shares), and values are labelled directly.
var Palette = []string{
	"#1d5fa8", // blue
	"#b3401b", // brick
	"#1e7a45", // green
	"#6b3fa0", // purple
	"#8a5a00", // ochre
	"#006d77", // teal
	"#a8326e", // magenta
	"#4d4d4d", // grey
}

const (
	textColor  = "#1a1a1a"
	mutedColor = "#595959" // 7:1 on white
	gridColor  = "#d9d9d9"
	fontFamily = "system-ui, Segoe UI, Roboto, Noto Sans, Arial, sans-serif"
	fontSize   = 12.0
	titleSize  = 15.0
	// maxAbs bounds every value drawn: larger magnitudes are clamped so that
	// the axis arithmetic stays finite.
	maxAbs = 1e300
	// maxDescItems bounds how many items are spelled out in <desc>.
	maxDescItems = 60
)

// svg accumulates the document, which is written out in one piece by close.
type svg struct {
	b  strings.Builder
	id string
	// loc is the language of every number and fixed text drawn.
	loc *locale
}

// newSVG starts a document whose numbers and fixed texts are in lang (see
// localeOf).
func newSVG(lang string) *svg { return &svg{loc: localeOf(lang)} }

func (s *svg) printf(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

// open writes the root element, <title>, <desc> and a white background.
func (s *svg) open(id string, w, h float64, title, desc string) {
	s.id = id
	if title == "" {
		title = s.loc.untitled // an accessible name even when the page titles the chart
	}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="%s-title %s-desc" font-family="%s" font-size="%s">`+"\n",
		num(w), num(h), id, id, fontFamily, num(fontSize))
	s.printf(`<title id="%s-title">%s</title>`+"\n", id, esc(title))
	s.printf(`<desc id="%s-desc">%s</desc>`+"\n", id, esc(desc))
	s.printf(`<rect width="%s" height="%s" fill="#ffffff"/>`+"\n", num(w), num(h))
}

func (s *svg) close(w io.Writer) error {
	s.b.WriteString("</svg>\n")
	_, err := io.WriteString(w, s.b.String())
	return err
}

// text draws a label; when it had to be shortened to fit maxWidth (0: no
// limit) the full text is kept in a <title> child, which browsers show as a
// tooltip.
func (s *svg) text(x, y float64, anchor string, size float64, weight, fill string, label string, maxWidth float64, extra string) {
	shown := label
	if maxWidth > 0 {
		shown = truncate(label, maxWidth, size)
	}
	s.printf(`<text x="%s" y="%s"`, num(x), num(y))
	if anchor != "" && anchor != "start" {
		s.printf(` text-anchor="%s"`, anchor)
	}
	if size != fontSize {
		s.printf(` font-size="%s"`, num(size))
	}
	if weight != "" {
		s.printf(` font-weight="%s"`, weight)
	}
	s.printf(` fill="%s"%s>`, fill, extra)
	if shown != label {
		s.printf(`<title>%s</title>`, esc(label))
	}
	s.printf("%s</text>\n", esc(shown))
}

// num formats a coordinate with at most one decimal, never "-0".
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*10) / 10
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// esc escapes text for element content and attribute values; characters that
// XML 1.0 cannot carry (control characters, invalid UTF-8) become U+FFFD.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// textWidth estimates the rendered width of s at the given font size. The
// estimate is deliberately generous (average glyph 0.6 em) and ignores
// combining marks, which Vietnamese text may carry when not precomposed.
func textWidth(s string, size float64) float64 {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		n++
	}
	return float64(n) * size * 0.6
}

// truncate shortens s with an ellipsis so that it fits maxWidth.
func truncate(s string, maxWidth, size float64) string {
	if textWidth(s, size) <= maxWidth {
		return s
	}
	limit := maxWidth - size*0.6 // room for "…"
	var b strings.Builder
	w := 0.0
	for _, r := range s {
		cw := size * 0.6
		if unicode.Is(unicode.Mn, r) {
			cw = 0
		}
		if w+cw > limit {
			break
		}
		w += cw
		b.WriteRune(r)
	}
	return strings.TrimRightFunc(b.String(), unicode.IsSpace) + "…"
}

// blankLang is how the Go syntax (%#v) of every chart type ends when its Lang
// field, the last one, is empty.
const blankLang = `, Lang:""}`

// chartID returns the caller's id made safe for an XML id, or a stable id
// derived from the chart's content, so that several charts inline in one page
// do not share pattern or title ids and the output stays deterministic. The
// caller blanks the chart's Lang, which is then left out of the hash: the id
// depends on the data only, is the same in every language, and is the id the
// chart had before charts had a language.
func chartID(given string, content any) string {
	var b strings.Builder
	for _, r := range given {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		id := b.String()
		if !unicode.IsLetter(rune(id[0])) {
			id = "c" + id
		}
		return id
	}
	key := fmt.Sprintf("%#v", content)
	if k, ok := strings.CutSuffix(key, blankLang); ok {
		key = k + "}"
	}
	h := fnv.New32a()
	io.WriteString(h, key)
	return fmt.Sprintf("chart-%08x", h.Sum32())
}

// clean makes a data value drawable: non-finite values become ok=false, and
// magnitudes are clamped to maxAbs.
func clean(v float64) (float64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return math.Max(-maxAbs, math.Min(maxAbs, v)), true
}

// niceNum rounds x to 1, 2, 5 or 10 times a power of ten.
func niceNum(x float64, round bool) float64 {
	if x <= 0 {
		return 1
	}
	exp := math.Floor(math.Log10(x))
	f := x / math.Pow(10, exp)
	var nf float64
	switch {
	case round && f < 1.5, !round && f <= 1:
		nf = 1
	case round && f < 3, !round && f <= 2:
		nf = 2
	case round && f < 7, !round && f <= 5:
		nf = 5
	default:
		nf = 10
	}
	return nf * math.Pow(10, exp)
}

// axis is a linear value scale with its ticks.
type axis struct {
	lo, hi, step float64
	ticks        []float64
}

// niceAxis covers [lo, hi] (which must include zero for bars) with about n
// round ticks. Degenerate and extreme ranges fall back to plain end ticks.
func niceAxis(lo, hi float64, n int, percent bool) axis {
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		switch {
		case hi > 0:
			lo = 0
		case hi < 0:
			hi = 0
		case percent:
			hi = 1
		default:
			hi = 5
		}
	}
	step := niceNum(niceNum(hi-lo, false)/float64(n-1), true)
	a := axis{lo: math.Floor(lo/step) * step, hi: math.Ceil(hi/step) * step, step: step}
	if !finite(a.lo, a.hi, a.step) || a.hi <= a.lo || (a.hi-a.lo)/step > 50 {
		return axis{lo: lo, hi: hi, step: hi - lo, ticks: []float64{lo, hi}}
	}
	count := int(math.Round((a.hi - a.lo) / step))
	for i := 0; i <= count; i++ {
		t := a.lo + float64(i)*step
		if math.Abs(t) < step*1e-9 {
			t = 0
		}
		a.ticks = append(a.ticks, t)
	}
	return a
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// frac returns where v falls in the axis range, 0 at lo and 1 at hi.
func (a axis) frac(v float64) float64 {
	if a.hi <= a.lo {
		return 0
	}
	f := (v - a.lo) / (a.hi - a.lo)
	if !finite(f) {
		return 0
	}
	return math.Max(0, math.Min(1, f))
}

// tickLabels formats every tick in the locale.
func (a axis) tickLabels(l *locale, percent bool) []string {
	out := make([]string, len(a.ticks))
	for i, t := range a.ticks {
		out[i] = l.tick(t, a.step, percent)
	}
	return out
}

func maxWidth(labels []string, size float64) float64 {
	w := 0.0
	for _, l := range labels {
		w = math.Max(w, textWidth(l, size))
	}
	return w
}

// describe joins "label: value" items for <desc>, capped at maxDescItems, after
// prefix (the kind of chart); the texts it adds are in the locale.
func describe(l *locale, prefix string, items []string) string {
	if len(items) == 0 {
		return prefix + l.noData + "."
	}
	more := ""
	if len(items) > maxDescItems {
		more = l.more(l.moreItems, len(items)-maxDescItems)
		items = items[:maxDescItems]
	}
	return prefix + strings.Join(items, "; ") + more + "."
}

// dimensions applies defaults to a requested size.
func dimensions(w, h int, defW, defH float64) (float64, float64) {
	fw, fh := float64(w), float64(h)
	if w <= 0 {
		fw = defW
	}
	if h <= 0 {
		fh = defH
	}
	return math.Min(math.Max(fw, 200), 4000), math.Min(math.Max(fh, 120), 20000)
}
