package chart

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// Series is one line: a name for the legend and one value per label of the
// chart. A NaN value is a gap (no data for that period); missing trailing
// values are gaps too.
type Series struct {
	Name   string
	Values []float64
}

// LineChart draws one or more series over ordered periods, for example dossiers
// received and resolved per month.
type LineChart struct {
	// Title names the chart; it is drawn on top and is the accessible name.
	Title string
	// Desc is the accessible description; when empty it is generated from the
	// data, series by series.
	Desc string
	// ID prefixes the ids inside the SVG; when empty a stable id is derived
	// from the content.
	ID string
	// Labels are the periods on the horizontal axis, already formatted by the
	// caller ("T1/2025", "15/01"). When they do not all fit, every k-th one is
	// shown.
	Labels []string
	// Series are drawn in order, each with its own colour, dash pattern and
	// marker shape.
	Series []Series
	// Percent says the values are fractions to be shown as percentages.
	Percent bool
	// FitRange lets the value axis start near the smallest value instead of
	// at zero, so that an on-time rate moving between 97 % and 99 % is not a
	// flat line. Leave it false for counts.
	FitRange bool
	// Width and Height are the viewBox size; zero means 640 × 360.
	Width, Height int
	// Lang is the user interface language of the numbers and of the texts the
	// chart writes itself (generated description, "no data", default
	// accessible name): "en" is English, "vi" or empty Vietnamese, the
	// default. Title, Desc, labels and series names are drawn as given. Keep
	// it the last field (see chartID).
	Lang string
}

// dashes and markers distinguish series without relying on colour.
var dashes = []string{"", "7 4", "2 3", "10 3 2 3", "4 4", "12 4"}

const markerCount = 6

// marker draws marker shape k centred on (x, y).
func marker(s *svg, k int, x, y float64, color string) {
	const r = 3.5
	switch k % markerCount {
	case 0:
		s.printf(`<circle cx="%s" cy="%s" r="%s" fill="%s"/>`, num(x), num(y), num(r), color)
	case 1:
		s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>`, num(x-r), num(y-r), num(2*r), num(2*r), color)
	case 2:
		s.printf(`<path d="M%s %sL%s %sL%s %sZ" fill="%s"/>`, num(x), num(y-r-1), num(x+r+1), num(y+r), num(x-r-1), num(y+r), color)
	case 3:
		s.printf(`<path d="M%s %sL%s %sL%s %sL%s %sZ" fill="%s"/>`, num(x), num(y-r-1), num(x+r+1), num(y), num(x), num(y+r+1), num(x-r-1), num(y), color)
	case 4:
		s.printf(`<circle cx="%s" cy="%s" r="%s" fill="#ffffff" stroke="%s" stroke-width="2"/>`, num(x), num(y), num(r), color)
	default:
		s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="#ffffff" stroke="%s" stroke-width="2"/>`, num(x-r), num(y-r), num(2*r), num(2*r), color)
	}
}

// Line writes c as SVG to w.
func Line(w io.Writer, c LineChart) error {
	s := newSVG(c.Lang)
	n := len(c.Labels)
	vals := make([][]float64, len(c.Series))
	oks := make([][]bool, len(c.Series))
	lo, hi := 0.0, 0.0
	if c.FitRange {
		lo, hi = math.Inf(1), math.Inf(-1)
	}
	has := false
	var items []string
	for k, se := range c.Series {
		vals[k] = make([]float64, n)
		oks[k] = make([]bool, n)
		parts := make([]string, 0, n)
		for i := 0; i < n; i++ {
			if i < len(se.Values) {
				vals[k][i], oks[k][i] = clean(se.Values[i])
			}
			if oks[k][i] {
				lo, hi, has = math.Min(lo, vals[k][i]), math.Max(hi, vals[k][i]), true
			}
			if i < maxDescItems {
				parts = append(parts, c.Labels[i]+" "+valueLabel(s.loc, vals[k][i], oks[k][i], c.Percent))
			}
		}
		if n > maxDescItems {
			parts = append(parts, s.loc.more(s.loc.morePeriods, n-maxDescItems))
		}
		items = append(items, se.Name+": "+strings.Join(parts, ", "))
	}
	desc := c.Desc
	if desc == "" {
		if n == 0 || !has {
			desc = s.loc.line + s.loc.noData + "."
		} else {
			desc = s.loc.line + strings.Join(items, ". ") + "."
		}
	}
	W, H := dimensions(c.Width, c.Height, 640, 360)
	content := c
	content.Lang = ""
	s.open(chartID(c.ID, content), W, H, c.Title, desc)
	top := header(s, c.Title, W)

	// Legend: sample line with dash and marker, then the name; wraps.
	x, y := 12.0, top+4
	if len(c.Series) > 0 {
		s.printf("<g>\n")
		for k, se := range c.Series {
			name := truncate(se.Name, W*0.45, fontSize)
			iw := 30 + textWidth(name, fontSize) + 18
			if x > 12 && x+iw > W-12 {
				x, y = 12, y+20
			}
			color := Palette[k%len(Palette)]
			s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="2.5"%s/>`, num(x), num(y), num(x+24), num(y), color, dashAttr(k))
			marker(s, k, x+12, y, color)
			s.printf("\n")
			s.text(x+30, y+4, "start", fontSize, "", textColor, se.Name, W*0.45, "")
			x += iw
		}
		s.printf("</g>\n")
		top = y + 18
	}

	if !has {
		lo, hi = 0, 0
	}
	ax := niceAxis(lo, hi, 6, c.Percent)
	ticks := ax.tickLabels(s.loc, c.Percent)
	left := math.Min(maxWidth(ticks, fontSize)+18, W/3)
	right := 16.0
	bottom := 30.0
	plotW := W - left - right
	plotH := math.Max(H-top-bottom, 20)
	if n == 0 || !has {
		drawNoData(s, left, top, plotW, plotH)
		return s.close(w)
	}
	yOf := func(v float64) float64 { return top + plotH*(1-ax.frac(v)) }
	xOf := func(i int) float64 {
		if n == 1 {
			return left + plotW/2
		}
		return left + plotW*float64(i)/float64(n-1)
	}
	s.printf(`<g aria-hidden="true">` + "\n")
	for i, t := range ax.ticks {
		ty := yOf(t)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(left), num(ty), num(W-right), num(ty), gridColor)
		s.text(left-6, ty+4, "end", fontSize, "", mutedColor, ticks[i], 0, "")
	}
	s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(left), num(yOf(0)), num(W-right), num(yOf(0)), mutedColor)
	// Period labels: every k-th so that they do not overlap.
	lw := maxWidth(c.Labels, fontSize) + 8
	every := 1
	if n > 1 {
		every = int(math.Ceil(lw / (plotW / float64(n-1))))
		if every < 1 {
			every = 1
		}
	}
	for i := 0; i < n; i += every {
		lx := xOf(i)
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(lx), num(top+plotH), num(lx), num(top+plotH+4), mutedColor)
		anchor := "middle"
		switch {
		case n > 1 && i == 0:
			anchor = "start"
		case n > 1 && i == n-1:
			anchor = "end"
		}
		s.text(lx, top+plotH+18, anchor, fontSize, "", textColor, c.Labels[i], math.Max(lw*float64(every)-8, 24), "")
	}
	s.printf("</g>\n")

	markers := n <= 60
	for k, se := range c.Series {
		color := Palette[k%len(Palette)]
		var d strings.Builder
		pen := false
		for i := 0; i < n; i++ {
			if !oks[k][i] {
				pen = false
				continue
			}
			cmd := "L"
			if !pen {
				cmd = "M"
			}
			fmt.Fprintf(&d, "%s%s %s", cmd, num(xOf(i)), num(yOf(vals[k][i])))
			pen = true
		}
		s.printf("<g>\n<title>%s</title>\n", esc(se.Name))
		if d.Len() > 0 {
			s.printf(`<path d="%s" fill="none" stroke="%s" stroke-width="2.5" stroke-linejoin="round"%s/>`+"\n", d.String(), color, dashAttr(k))
		}
		for i := 0; i < n; i++ {
			// A point with no neighbour would be invisible as a line.
			isolated := oks[k][i] && (i == 0 || !oks[k][i-1]) && (i == n-1 || !oks[k][i+1])
			if oks[k][i] && (markers || isolated) {
				marker(s, k, xOf(i), yOf(vals[k][i]), color)
				s.printf("\n")
			}
		}
		s.printf("</g>\n")
	}
	return s.close(w)
}

func dashAttr(k int) string {
	d := dashes[k%len(dashes)]
	if d == "" {
		return ""
	}
	return fmt.Sprintf(` stroke-dasharray="%s"`, d)
}
