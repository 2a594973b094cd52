package chart

import (
	"fmt"
	"io"
	"math"
)

// BarItem is one bar: a category label (unit, field, procedure…) and its value.
type BarItem struct {
	Label string
	Value float64
}

// BarChart is a single-series bar chart, for example the late rate per unit.
type BarChart struct {
	// Title names the chart; it is drawn on top and is the accessible name.
	Title string
	// Desc is the accessible description; when empty it is generated from the
	// data in Lang ("Biểu đồ cột. Đơn vị A: 2,5%; Đơn vị B: 1%.", in English
	// "Bar chart. Unit A: 2.5%; Unit B: 1%.").
	Desc string
	// ID prefixes the ids inside the SVG; when empty a stable id is derived
	// from the content. Set it when the same chart appears twice in a page.
	ID string
	// Horizontal draws bars left to right, one row per bar, which suits long
	// unit names and many bars; the height then grows with the number of bars
	// unless Height is set.
	Horizontal bool
	// Percent says the values are fractions (0.985) to be shown as "98,5%"
	// ("98.5%" in English).
	Percent bool
	// Bars are drawn in the given order. NaN and infinite values are drawn as
	// missing ("–"); magnitudes above 1e300 are clamped.
	Bars []BarItem
	// Width and Height are the viewBox size; zero means 640 × 360 (vertical)
	// or 640 × as many rows as needed (horizontal).
	Width, Height int
	// Color overrides the bar colour (a #rrggbb from Palette is advised).
	Color string
	// Lang is the user interface language of the numbers and of the texts the
	// chart writes itself (generated description, "no data", default
	// accessible name): "en" is English, "vi" or empty Vietnamese, the
	// default. Title, Desc and labels are drawn as given. Keep it the last
	// field (see chartID).
	Lang string
}

// Bar writes c as SVG to w.
func Bar(w io.Writer, c BarChart) error {
	s := newSVG(c.Lang)
	vals := make([]float64, len(c.Bars))
	ok := make([]bool, len(c.Bars))
	lo, hi := 0.0, 0.0
	items := make([]string, 0, len(c.Bars))
	for i, b := range c.Bars {
		vals[i], ok[i] = clean(b.Value)
		if ok[i] {
			lo, hi = math.Min(lo, vals[i]), math.Max(hi, vals[i])
		}
		items = append(items, b.Label+": "+valueLabel(s.loc, vals[i], ok[i], c.Percent))
	}
	desc := c.Desc
	if desc == "" {
		kind := s.loc.bar
		if c.Horizontal {
			kind = s.loc.hbar
		}
		desc = describe(s.loc, kind, items)
	}
	color := c.Color
	if color == "" {
		color = Palette[0]
	}
	content := c
	content.Lang = ""
	id := chartID(c.ID, content)
	if c.Horizontal {
		hbars(s, id, c, desc, color, vals, ok, niceAxis(lo, hi, 5, c.Percent))
	} else {
		vbars(s, id, c, desc, color, vals, ok, niceAxis(lo, hi, 6, c.Percent))
	}
	return s.close(w)
}

// valueLabel formats a data value in the locale, "–" when it is missing.
func valueLabel(l *locale, v float64, ok bool, percent bool) string {
	if !ok {
		return "–"
	}
	return l.value(v, percent)
}

// header draws the title and returns the y where the plot may start.
func header(s *svg, title string, w float64) float64 {
	if title == "" {
		return 12
	}
	s.text(12, 22, "", titleSize, "600", textColor, title, w-24, "")
	return 40
}

// drawNoData outlines the empty plot area and says that there is no data.
func drawNoData(s *svg, x, y, w, h float64) {
	s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-dasharray="4 4"/>`+"\n",
		num(x), num(y), num(w), num(h), gridColor)
	s.text(x+w/2, y+h/2+4, "middle", fontSize, "", mutedColor, s.loc.noData, 0, "")
}

func vbars(s *svg, id string, c BarChart, desc, color string, vals []float64, ok []bool, ax axis) {
	W, H := dimensions(c.Width, c.Height, 640, 360)
	s.open(id, W, H, c.Title, desc)
	top := header(s, c.Title, W)
	n := len(c.Bars)
	ticks := ax.tickLabels(s.loc, c.Percent)
	left := math.Min(maxWidth(ticks, fontSize)+18, W/3)
	right := 12.0
	plotW := W - left - right
	slot := plotW / math.Max(1, float64(n))

	// Category labels: horizontal when they fit their slot, else slanted.
	labels := make([]string, n)
	values := make([]string, n)
	for i, b := range c.Bars {
		labels[i] = b.Label
		values[i] = valueLabel(s.loc, vals[i], ok[i], c.Percent)
	}
	lw := maxWidth(labels, fontSize)
	slant := lw > slot-4
	bottom := 26.0
	labelMax := slot - 4
	if slant {
		labelMax = math.Min(lw, H*0.3)
		bottom = labelMax*math.Sin(math.Pi/4) + 24
	}
	// Value labels: above the bar when they fit the slot, else vertical.
	vw := maxWidth(values, fontSize)
	vertical := vw > slot-2
	headroom := 18.0
	if vertical {
		headroom = vw + 8
	}
	plotTop := top + headroom
	plotH := H - plotTop - bottom
	if plotH < 20 {
		plotH = 20
	}
	if n == 0 {
		drawNoData(s, left, plotTop, plotW, plotH)
		return
	}
	yOf := func(v float64) float64 { return plotTop + plotH*(1-ax.frac(v)) }
	s.printf(`<g aria-hidden="true">` + "\n")
	for i, t := range ax.ticks {
		y := yOf(t)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(left), num(y), num(W-right), num(y), gridColor)
		s.text(left-6, y+4, "end", fontSize, "", mutedColor, ticks[i], 0, "")
	}
	s.printf("</g>\n")
	zero := yOf(0)
	bw := math.Min(slot*0.7, 72)
	for i := range c.Bars {
		cx := left + slot*(float64(i)+0.5)
		s.printf("<g>\n")
		if ok[i] {
			y := yOf(vals[i])
			y0, y1 := math.Min(y, zero), math.Max(y, zero)
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(cx-bw/2), num(y0), num(bw), num(y1-y0), color)
		}
		vy := yOf(math.Max(vals[i], 0)) - 5
		if ok[i] && vals[i] < 0 {
			vy = yOf(vals[i]) + 14
		}
		if vertical {
			s.text(cx+4, vy, "start", fontSize, "", textColor, values[i], 0, fmt.Sprintf(` transform="rotate(-90 %s %s)"`, num(cx+4), num(vy)))
		} else {
			s.text(cx, vy, "middle", fontSize, "", textColor, values[i], 0, "")
		}
		ly := plotTop + plotH + 16
		if slant {
			s.text(cx, ly, "end", fontSize, "", textColor, labels[i], labelMax, fmt.Sprintf(` transform="rotate(-45 %s %s)"`, num(cx), num(ly)))
		} else {
			s.text(cx, ly, "middle", fontSize, "", textColor, labels[i], labelMax, "")
		}
		s.printf("</g>\n")
	}
	s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" aria-hidden="true"/>`+"\n", num(left), num(zero), num(W-right), num(zero), mutedColor)
}

func hbars(s *svg, id string, c BarChart, desc, color string, vals []float64, ok []bool, ax axis) {
	n := len(c.Bars)
	const rowH = 26.0
	W, _ := dimensions(c.Width, 0, 640, 0)
	top := 40.0
	if c.Title == "" {
		top = 12
	}
	H := top + math.Max(1, float64(n))*rowH + 34
	if n == 0 {
		H = top + 120
	}
	if c.Height > 0 {
		_, H = dimensions(0, c.Height, 0, 0)
	}
	s.open(id, W, H, c.Title, desc)
	header(s, c.Title, W)
	labels := make([]string, n)
	values := make([]string, n)
	for i, b := range c.Bars {
		labels[i] = b.Label
		values[i] = valueLabel(s.loc, vals[i], ok[i], c.Percent)
	}
	left := math.Min(maxWidth(labels, fontSize)+16, W*0.4)
	left = math.Max(left, 40)
	labelArea := left - 16
	vw := maxWidth(values, fontSize) + 10
	right := vw + 8
	// Negative bars carry their value label on the left of the bar.
	if ax.lo < 0 {
		left += vw
	}
	plotW := math.Max(W-left-right, 20)
	plotH := H - top - 34
	if n == 0 {
		drawNoData(s, left, top, plotW, plotH)
		return
	}
	rh := plotH / float64(n)
	xOf := func(v float64) float64 { return left + plotW*ax.frac(v) }
	ticks := ax.tickLabels(s.loc, c.Percent)
	s.printf(`<g aria-hidden="true">` + "\n")
	for i, t := range ax.ticks {
		x := xOf(t)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(x), num(top), num(x), num(top+plotH), gridColor)
		s.text(x, top+plotH+16, "middle", fontSize, "", mutedColor, ticks[i], 0, "")
	}
	s.printf("</g>\n")
	zero := xOf(0)
	bh := math.Min(rh*0.7, 28)
	for i := range c.Bars {
		cy := top + rh*(float64(i)+0.5)
		s.printf("<g>\n")
		s.text(8, cy+4, "start", fontSize, "", textColor, labels[i], labelArea, "")
		if ok[i] {
			x := xOf(vals[i])
			x0, x1 := math.Min(x, zero), math.Max(x, zero)
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`+"\n", num(x0), num(cy-bh/2), num(x1-x0), num(bh), color)
		}
		if ok[i] && vals[i] < 0 {
			s.text(xOf(vals[i])-5, cy+4, "end", fontSize, "", textColor, values[i], 0, "")
		} else {
			s.text(xOf(math.Max(vals[i], 0))+5, cy+4, "start", fontSize, "", textColor, values[i], 0, "")
		}
		s.printf("</g>\n")
	}
	s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" aria-hidden="true"/>`+"\n", num(zero), num(top), num(zero), num(top+plotH), mutedColor)
}
