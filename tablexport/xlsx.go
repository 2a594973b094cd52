package tablexport

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Number formats. Excel substitutes the reader's regional separators, so
// "#,##0" reads 1.234 on a Vietnamese system. Decimal cells use
// [decimalFormat].
const (
	fmtInteger = "#,##0"
	fmtPercent = "0.00%"
	fmtMoney   = "#,##0"
)

const (
	defaultSheet = "Báo cáo"
	headerFill   = "D9E2F3"
	borderColor  = "808080"
	minWidth     = 6.0
	maxWidth     = 60.0
)

// WriteXLSX writes t as an XLSX workbook with one worksheet to w.
func WriteXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Sheet)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	x := &xlsx{f: f, sheet: sheet, styles: map[styleKey]int{}}
	if err := x.write(t); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

type styleKey struct {
	kind   int // -1 title, -2 period, -3 header, -4 note; else a Kind
	bold   bool
	format string
}

type xlsx struct {
	f      *excelize.File
	sheet  string
	styles map[styleKey]int
	err    error
}

func (x *xlsx) check(err error) {
	if x.err == nil && err != nil {
		x.err = err
	}
}

func (x *xlsx) style(k styleKey) int {
	if id, ok := x.styles[k]; ok {
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: borderColor, Style: 1}, {Type: "right", Color: borderColor, Style: 1},
		{Type: "top", Color: borderColor, Style: 1}, {Type: "bottom", Color: borderColor, Style: 1},
	}
	s := &excelize.Style{Font: &excelize.Font{Bold: k.bold}}
	switch k.kind {
	case -1:
		s.Font.Size = 14
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	case -2:
		s.Font.Italic = true
		s.Alignment = &excelize.Alignment{Horizontal: "center"}
	case -3:
		s.Alignment = &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
		s.Border = border
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerFill}}
	case -4:
		s.Font.Italic = true
	case int(Text):
		s.Alignment = &excelize.Alignment{Vertical: "center", WrapText: true}
		s.Border = border
	default:
		f := k.format
		s.CustomNumFmt = &f
		s.Alignment = &excelize.Alignment{Vertical: "center"}
		s.Border = border
	}
	id, err := x.f.NewStyle(s)
	x.check(err)
	x.styles[k] = id
	return id
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func colName(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

func (x *xlsx) write(t Table) error {
	g := layoutHeader(t.Header)
	cols := t.columns(g)
	widths := fitWidths(t, g, cols)
	row := 1
	if t.Title != "" {
		a, b := cellName(1, row), cellName(cols, row)
		x.check(x.f.SetCellStr(x.sheet, a, cleanText(t.Title)))
		if cols > 1 {
			x.check(x.f.MergeCell(x.sheet, a, b))
		}
		x.check(x.f.SetCellStyle(x.sheet, a, b, x.style(styleKey{kind: -1, bold: true})))
		x.check(x.f.SetRowHeight(x.sheet, row, 22*float64(lineCount(t.Title, totalWidth(widths)*1.2))))
		row++
	}
	if t.Period != "" {
		a, b := cellName(1, row), cellName(cols, row)
		x.check(x.f.SetCellStr(x.sheet, a, cleanText(t.Period)))
		if cols > 1 {
			x.check(x.f.MergeCell(x.sheet, a, b))
		}
		x.check(x.f.SetCellStyle(x.sheet, a, b, x.style(styleKey{kind: -2})))
		row++
	}
	if t.Title != "" || t.Period != "" {
		row++ // a blank row before the header
	}

	headerTop := row
	hs := x.style(styleKey{kind: -3, bold: true})
	for r := range g.text {
		lines := 1
		for c := 0; c < g.cols; c++ {
			if !g.start[r][c] {
				continue
			}
			x.check(x.f.SetCellStr(x.sheet, cellName(c+1, row+r), cleanText(g.text[r][c])))
		}
		for _, m := range g.merges {
			if m[0] == r {
				w := 0.0
				for c := m[1]; c <= m[3]; c++ {
					w += widths[c]
				}
				lines = max(lines, (lineCount(g.text[r][m[1]], w)+m[2]-m[0])/(m[2]-m[0]+1))
			}
		}
		for c := 0; c < g.cols; c++ {
			if g.start[r][c] && !isMerged(g, r, c) {
				lines = max(lines, lineCount(g.text[r][c], widths[c]))
			}
		}
		x.check(x.f.SetRowHeight(x.sheet, row+r, 15*float64(lines)+3))
	}
	if len(g.text) > 0 {
		x.check(x.f.SetCellStyle(x.sheet, cellName(1, row), cellName(cols, row+len(g.text)-1), hs))
		for _, m := range g.merges {
			x.check(x.f.MergeCell(x.sheet, cellName(m[1]+1, row+m[0]), cellName(m[3]+1, row+m[2])))
		}
		row += len(g.text)
		x.check(x.f.SetPanes(x.sheet, &excelize.Panes{
			Freeze: true, YSplit: row - 1, TopLeftCell: cellName(1, row), ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: cellName(1, row), ActiveCell: cellName(1, row), Pane: "bottomLeft"}},
		}))
		// Repeat the header on every printed page.
		x.check(x.f.SetDefinedName(&excelize.DefinedName{
			Name: "_xlnm.Print_Titles", Scope: x.sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(x.sheet, "'", "''"), headerTop, row-1),
		}))
	}

	for i, r := range t.Rows {
		bold := i >= len(t.Rows)-t.TotalRows
		for c := 0; c < cols; c++ {
			cell := cellName(c+1, row)
			var v Cell
			if c < len(r) {
				v = r[c]
			}
			x.setCell(cell, v, bold)
		}
		row++
	}

	if lines := t.footerLines(); len(lines) > 0 {
		row++
		ns := x.style(styleKey{kind: -4})
		for _, l := range lines {
			a := cellName(1, row)
			x.check(x.f.SetCellStr(x.sheet, a, cleanText(l)))
			x.check(x.f.SetCellStyle(x.sheet, a, a, ns))
			row++
		}
	}

	for c, wd := range widths {
		x.check(x.f.SetColWidth(x.sheet, colName(c+1), colName(c+1), wd))
	}
	landscape, one, zero, fit := "landscape", 1, 0, true
	x.check(x.f.SetPageLayout(x.sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &zero}))
	x.check(x.f.SetSheetProps(x.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}))
	footer := "&R&P/&N"
	if t.Period != "" {
		footer = "&L" + hfEscape(truncateRunes(t.Period, 120)) + footer
	}
	x.check(x.f.SetHeaderFooter(x.sheet, &excelize.HeaderFooterOptions{OddFooter: footer}))
	props := &excelize.DocProperties{Title: cleanText(t.Title), Creator: "motcua", Description: cleanText(t.Period), Language: "vi-VN"}
	if !t.GeneratedAt.IsZero() {
		props.Created = t.GeneratedAt.UTC().Format(time.RFC3339)
		props.Modified = props.Created
	}
	x.check(x.f.SetDocProps(props))
	return x.err
}

// decimalFormat is the number format of a Decimal cell with the given count
// of decimals: "#,##0" for none, "#,##0.00" for two.
func decimalFormat(decimals int) string {
	if decimals <= 0 {
		return fmtInteger
	}
	return fmtInteger + "." + strings.Repeat("0", min(decimals, MaxDecimals))
}

func (x *xlsx) setCell(cell string, v Cell, bold bool) {
	switch v.Kind {
	case Integer, Money:
		format := fmtInteger
		if v.Kind == Money {
			format = fmtMoney
		}
		x.check(x.f.SetCellInt(x.sheet, cell, v.Int))
		x.check(x.f.SetCellStyle(x.sheet, cell, cell, x.style(styleKey{kind: int(v.Kind), bold: bold, format: format})))
	case Percent:
		if !finite(v.Fraction) {
			x.check(x.f.SetCellStr(x.sheet, cell, "–"))
			x.check(x.f.SetCellStyle(x.sheet, cell, cell, x.style(styleKey{kind: int(Text), bold: bold})))
			return
		}
		x.check(x.f.SetCellFloat(x.sheet, cell, v.Fraction, -1, 64))
		x.check(x.f.SetCellStyle(x.sheet, cell, cell, x.style(styleKey{kind: int(Percent), bold: bold, format: fmtPercent})))
	case Decimal:
		_, rounded, ok := decimalText(v)
		if !ok {
			x.check(x.f.SetCellStr(x.sheet, cell, "–"))
			x.check(x.f.SetCellStyle(x.sheet, cell, cell, x.style(styleKey{kind: int(Text), bold: bold})))
			return
		}
		x.check(x.f.SetCellFloat(x.sheet, cell, rounded, -1, 64))
		x.check(x.f.SetCellStyle(x.sheet, cell, cell, x.style(styleKey{kind: int(Decimal), bold: bold, format: decimalFormat(v.Decimals)})))
	default:
		// Strings are stored as strings: a leading "=" is text, not a formula.
		x.check(x.f.SetCellStr(x.sheet, cell, cleanText(v.Text)))
		x.check(x.f.SetCellStyle(x.sheet, cell, cell, x.style(styleKey{kind: int(Text), bold: bold})))
	}
}

func isMerged(g headerGrid, r, c int) bool {
	for _, m := range g.merges {
		if m[0] == r && m[1] == c {
			return true
		}
	}
	return false
}

// displayWidth estimates the width of a value in Excel character units.
func displayWidth(v Cell) float64 {
	switch v.Kind {
	case Integer, Money:
		n := len(fmt.Sprint(v.Int))
		return float64(n + (n-1)/3 + 1)
	case Percent:
		return 8
	case Decimal:
		s, _, ok := decimalText(v)
		if !ok {
			return 1
		}
		ip, _, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
		n := len(ip)
		return float64(len(s) + (n-1)/3 + 1)
	default:
		w := 0
		for _, line := range strings.Split(v.Text, "\n") {
			w = max(w, utf8.RuneCountInString(line))
		}
		return float64(w) * 1.1
	}
}

// fitWidths sizes columns to their content (header cells spanning one column
// included), within [minWidth, maxWidth]; t.Widths overrides.
func fitWidths(t Table, g headerGrid, cols int) []float64 {
	w := make([]float64, cols)
	for c := range w {
		w[c] = minWidth
	}
	for r := range g.text {
		for c := 0; c < g.cols; c++ {
			if g.start[r][c] && !isMerged(g, r, c) {
				// Header words wrap: size for the longest word, or half the text.
				longest := 0
				for _, word := range strings.Fields(g.text[r][c]) {
					longest = max(longest, utf8.RuneCountInString(word))
				}
				half := float64(utf8.RuneCountInString(g.text[r][c])) / 2
				w[c] = math.Max(w[c], math.Max(float64(longest), half)*1.15+2)
			}
		}
	}
	for _, row := range t.Rows {
		for c, v := range row {
			if c < cols {
				w[c] = math.Max(w[c], displayWidth(v)+2)
			}
		}
	}
	for c := range w {
		w[c] = math.Round(math.Min(w[c], maxWidth)*10) / 10
		if c < len(t.Widths) && t.Widths[c] > 0 {
			w[c] = math.Min(t.Widths[c], 255)
		}
	}
	return w
}

func totalWidth(ws []float64) float64 {
	s := 0.0
	for _, w := range ws {
		s += w
	}
	return s
}

// lineCount estimates how many lines text wraps to in a cell width chars wide.
func lineCount(text string, width float64) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(line))*1.1/math.Max(width-1, 1))))
	}
	return min(max(n, 1), 10)
}

// sheetName makes name acceptable to Excel: no []:*?/\, not wrapped in
// apostrophes, at most 31 characters, not empty.
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return ' '
		}
		return r
	}, cleanText(name))
	name = strings.Trim(strings.TrimSpace(name), "'")
	name = truncateRunes(name, 31)
	if strings.TrimSpace(name) == "" {
		return defaultSheet
	}
	return name
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n])
}

// hfEscape escapes text for an Excel header or footer, where "&" starts a code.
func hfEscape(s string) string { return strings.ReplaceAll(s, "&", "&&") }
