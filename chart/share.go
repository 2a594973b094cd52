package chart

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// ShareRow is one 100 % bar: a label (a unit, a period, or "Toàn trung tâm")
// and one count per category of the chart, in the chart's category order.
type ShareRow struct {
	Label  string
	Counts []float64
}

// ShareChart draws each row as a horizontal bar split into the shares of its
// categories, for example ratings very satisfied / satisfied / dissatisfied.
// Rows are normalised to 100 % separately; a row whose counts sum to zero is
// drawn as an empty outline marked "Không có dữ liệu" ("No data" in English).
type ShareChart struct {
	// Title names the chart; it is drawn on top and is the accessible name.
	Title string
	// Desc is the accessible description; when empty it is generated with
	// every count and share.
	Desc string
	// ID prefixes the ids inside the SVG (fill patterns, title); when empty a
	// stable id is derived from the content.
	ID string
	// Categories name the segments, in order, e.g. "Rất hài lòng", "Hài lòng",
	// "Không hài lòng".
	Categories []string
	// Rows are drawn top to bottom. Negative, NaN and infinite counts count as
	// zero.
	Rows []ShareRow
	// Width and Height are the viewBox size; zero means 640 wide and as tall as
	// the rows need.
	Width, Height int
	// Lang is the user interface language of the numbers and of the texts the
	// chart writes itself (generated description, "no data", default
	// accessible name): "en" is English, "vi" or empty Vietnamese, the
	// default. Title, Desc, categories and row labels are drawn as given. Keep
	// it the last field (see chartID).
	Lang string
}

// patterns fill share segments so that they differ without colour: solid,
// diagonal stripes, dots, cross-hatch, horizontal stripes, reverse diagonals.
const patternCount = 6

func definePattern(s *svg, id string, k int, color string) {
	s.printf(`<pattern id="%s-p%d" patternUnits="userSpaceOnUse" width="8" height="8">`, id, k)
	switch k % patternCount {
	case 0:
		s.printf(`<rect width="8" height="8" fill="%s"/>`, color)
	case 1:
		s.printf(`<rect width="8" height="8" fill="#ffffff"/><path d="M-2 2L2 -2M0 8L8 0M6 10L10 6" stroke="%s" stroke-width="2.5"/>`, color)
	case 2:
		s.printf(`<rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2" fill="%s"/>`, color)
	case 3:
		s.printf(`<rect width="8" height="8" fill="#ffffff"/><path d="M0 0L8 8M8 0L0 8" stroke="%s" stroke-width="1.5"/>`, color)
	case 4:
		s.printf(`<rect width="8" height="8" fill="#ffffff"/><path d="M0 2H8M0 6H8" stroke="%s" stroke-width="2"/>`, color)
	default:
		s.printf(`<rect width="8" height="8" fill="#ffffff"/><path d="M-2 6L2 10M0 0L8 8M6 -2L10 2" stroke="%s" stroke-width="2.5"/>`, color)
	}
	s.printf("</pattern>\n")
}

// Share writes c as SVG to w.
func Share(w io.Writer, c ShareChart) error {
	s := newSVG(c.Lang)
	k := len(c.Categories)
	counts := make([][]float64, len(c.Rows))
	totals := make([]float64, len(c.Rows))
	var items []string
	for r, row := range c.Rows {
		counts[r] = make([]float64, k)
		for j := 0; j < k && j < len(row.Counts); j++ {
			v, ok := clean(row.Counts[j])
			if ok && v > 0 {
				counts[r][j] = v
			}
		}
		for _, v := range counts[r] {
			totals[r] += v
		}
		if totals[r] <= 0 || math.IsInf(totals[r], 0) {
			items = append(items, row.Label+": "+s.loc.noData)
			continue
		}
		parts := make([]string, k)
		for j := range parts {
			parts[j] = fmt.Sprintf("%s %s (%s)", c.Categories[j], s.loc.value(counts[r][j], false), s.loc.percent(counts[r][j]/totals[r], 1))
		}
		items = append(items, row.Label+": "+strings.Join(parts, ", "))
	}
	desc := c.Desc
	if desc == "" {
		desc = describe(s.loc, s.loc.share, items)
	}
	const rowH = 34.0
	W, _ := dimensions(c.Width, 0, 640, 0)
	top := 40.0
	if c.Title == "" {
		top = 12
	}
	content := c
	content.Lang = ""
	id := chartID(c.ID, content)

	// Legend layout first, to know the height.
	type legendItem struct{ x, y float64 }
	pos := make([]legendItem, k)
	x, y := 12.0, top+4
	for j, name := range c.Categories {
		iw := 22 + textWidth(truncate(name, W*0.45, fontSize), fontSize) + 18
		if x > 12 && x+iw > W-12 {
			x, y = 12, y+22
		}
		pos[j] = legendItem{x, y}
		x += iw
	}
	plotTop := top
	if k > 0 {
		plotTop = y + 22
	}
	H := plotTop + math.Max(1, float64(len(c.Rows)))*rowH + 30
	if c.Height > 0 {
		_, H = dimensions(0, c.Height, 0, 0)
	}
	s.open(id, W, H, c.Title, desc)
	header(s, c.Title, W)
	if k > 0 {
		s.printf("<defs>\n")
		for j := 0; j < k; j++ {
			definePattern(s, id, j, Palette[j%len(Palette)])
		}
		s.printf("</defs>\n<g>\n")
		for j, name := range c.Categories {
			color := Palette[j%len(Palette)]
			s.printf(`<rect x="%s" y="%s" width="16" height="16" fill="url(#%s-p%d)" stroke="%s" stroke-width="1.5"/>`+"\n", num(pos[j].x), num(pos[j].y-8), id, j, color)
			s.text(pos[j].x+22, pos[j].y+4, "start", fontSize, "", textColor, name, W*0.45, "")
		}
		s.printf("</g>\n")
	}
	labels := make([]string, len(c.Rows))
	for r, row := range c.Rows {
		labels[r] = row.Label
	}
	left := math.Max(math.Min(maxWidth(labels, fontSize)+16, W*0.35), 16)
	if len(c.Rows) == 1 && labels[0] == "" {
		left = 12
	}
	right := 16.0
	plotW := W - left - right
	plotH := H - plotTop - 30
	if len(c.Rows) == 0 || k == 0 {
		drawNoData(s, left, plotTop, plotW, plotH)
		return s.close(w)
	}
	rh := plotH / float64(len(c.Rows))
	bh := math.Min(rh*0.72, 26)
	s.printf(`<g aria-hidden="true">` + "\n")
	for i := 0; i <= 4; i++ {
		tx := left + plotW*float64(i)/4
		s.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`+"\n", num(tx), num(plotTop), num(tx), num(plotTop+plotH), gridColor)
		anchor := "middle"
		if i == 4 {
			anchor = "end"
		}
		s.text(tx, plotTop+plotH+16, anchor, fontSize, "", mutedColor, s.loc.percent(float64(i)/4, 0), 0, "")
	}
	s.printf("</g>\n")
	for r, row := range c.Rows {
		cy := plotTop + rh*(float64(r)+0.5)
		s.printf("<g>\n")
		s.text(8, cy+4, "start", fontSize, "", textColor, row.Label, left-16, "")
		if totals[r] <= 0 || math.IsInf(totals[r], 0) {
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="none" stroke="%s" stroke-dasharray="4 4"/>`+"\n", num(left), num(cy-bh/2), num(plotW), num(bh), mutedColor)
			s.text(left+plotW/2, cy+4, "middle", fontSize, "", mutedColor, s.loc.noData, 0, "")
			s.printf("</g>\n")
			continue
		}
		sx := left
		for j := 0; j < k; j++ {
			share := counts[r][j] / totals[r]
			sw := plotW * share
			if sw <= 0 {
				continue
			}
			color := Palette[j%len(Palette)]
			label := s.loc.percent(share, 1)
			s.printf(`<rect x="%s" y="%s" width="%s" height="%s" fill="url(#%s-p%d)" stroke="%s" stroke-width="1.5"><title>%s: %s (%s)</title></rect>`+"\n",
				num(sx), num(cy-bh/2), num(sw), num(bh), id, j, color, esc(c.Categories[j]), esc(s.loc.value(counts[r][j], false)), esc(label))
			if textWidth(label, fontSize)+8 <= sw {
				// A white halo keeps the label legible on any fill pattern.
				s.text(sx+sw/2, cy+4, "middle", fontSize, "600", textColor, label, 0, ` stroke="#ffffff" stroke-width="3" paint-order="stroke"`)
			}
			sx += sw
		}
		s.printf("</g>\n")
	}
	return s.close(w)
}
