// Package tablexport writes a report table — a title, one or more header rows
// with grouped columns, typed cells — to XLSX (with excelize) and to CSV.
//
// The XLSX has the title and period on top, a bold frozen header whose group
// cells are merged (the shape of the official periodic report "Tình hình, kết
// quả giải quyết TTHC": received / resolved / pending over their sub-columns),
// integers and amounts in "#,##0", percentages in "0.00%", decimal figures in
// "#,##0.00" (as many decimals as the cell shows), column widths fitted
// to the content, and a footer with the period and the generation time, also
// in the printed page footer. Excel draws "#,##0" with the separators of the
// reader's regional settings, so a Vietnamese Windows shows 1.234 and 98,50%;
// a file cannot force them otherwise without storing numbers as text, which
// would break sums, so it does not.
//
// The CSV is UTF-8 with a byte-order mark so that Excel opens Vietnamese text
// correctly, has a single header row (group and column names joined with " -
// "), and neutralises formula injection: a text cell starting with = + - @,
// tab or carriage return is prefixed with an apostrophe.
package tablexport

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Kind is the type of a cell.
type Kind int

// Cell kinds.
const (
	// Text is a string, written as is (never as a formula).
	Text Kind = iota
	// Integer is a count, formatted "#,##0".
	Integer
	// Percent is a fraction (0.985 for 98.5 %), formatted "0.00%".
	Percent
	// Money is an amount in đồng, formatted "#,##0".
	Money
	// Decimal is a number shown with a fixed count of decimals (average hours
	// per dossier, a ratio to the same period of the previous year), formatted
	// "#,##0.00" for two decimals.
	Decimal
)

// MaxDecimals is the most decimals a Decimal cell shows; a float64 has no
// more significant digits to give.
const MaxDecimals = 15

// Cell is one typed value. Use the constructors [TextCell], [IntCell],
// [PercentCell], [MoneyCell] and [DecimalCell].
type Cell struct {
	// Kind says which field holds the value.
	Kind Kind
	// Text is the value of a Text cell.
	Text string
	// Int is the value of an Integer or Money cell.
	Int int64
	// Fraction is the value of a Percent cell; NaN or an infinity (a rate with
	// a zero denominator) is written as "–".
	Fraction float64
	// Float is the value of a Decimal cell; NaN or an infinity (an average or
	// a ratio with a zero denominator) is written as "–".
	Float float64
	// Decimals is how many decimals a Decimal cell shows, 0 to [MaxDecimals].
	Decimals int
}

// TextCell returns a text cell.
func TextCell(s string) Cell { return Cell{Kind: Text, Text: s} }

// IntCell returns an integer cell.
func IntCell(n int64) Cell { return Cell{Kind: Integer, Int: n} }

// PercentCell returns a percentage cell holding the fraction f (0.985 is 98.5 %).
func PercentCell(f float64) Cell { return Cell{Kind: Percent, Fraction: f} }

// MoneyCell returns an amount in đồng.
func MoneyCell(dong int64) Cell { return Cell{Kind: Money, Int: dong} }

// DecimalCell returns a number shown with the given count of decimals (clamped
// to 0..[MaxDecimals]): DecimalCell(12.5, 2) is 12.50 ("12,50" in a Vietnamese
// spreadsheet). NaN or an infinity means no value and is written as "–".
// Every output rounds v the same way, to the nearest number with that many
// decimals on its exact binary value, as strconv.FormatFloat does (2.005,
// stored as 2.00499…, shows 2.00; an exact tie such as 0.125 goes to the even
// digit, 0.12), and an XLSX stores the rounded value rather than v, so that a
// spreadsheet shows, sums and charts the very figures of the CSV and the page.
// Round the figure beforehand for another rule (the report figures are
// already rounded half up to two decimals).
func DecimalCell(v float64, decimals int) Cell {
	return Cell{Kind: Decimal, Float: v, Decimals: min(max(decimals, 0), MaxDecimals)}
}

// HeaderCell is one cell of a header row. Like an HTML <th>, it covers ColSpan
// columns and RowSpan header rows (zero means one), and is placed in the first
// column of its row not already covered by a cell from a row above.
type HeaderCell struct {
	Text    string
	ColSpan int
	RowSpan int
}

// Table is a report table.
type Table struct {
	// Title is the report title, drawn on top of the sheet.
	Title string
	// Period describes the reporting period, e.g. "Từ ngày 01/01/2025 đến
	// ngày 31/03/2025"; it is drawn under the title and in the footer.
	Period string
	// GeneratedAt is when the figures were produced; it is written in the
	// footer (in the Asia/Ho_Chi_Minh time zone) and as the file's creation
	// time. Zero leaves it out, which keeps test output stable.
	GeneratedAt time.Time
	// Sheet names the worksheet (at most 31 characters, without []:*?/\);
	// default "Báo cáo".
	Sheet string
	// Header holds the header rows, top to bottom.
	Header [][]HeaderCell
	// Rows hold the data, one []Cell per row; short rows are padded with
	// empty cells.
	Rows [][]Cell
	// TotalRows is how many of the last rows are totals, written bold.
	TotalRows int
	// Widths optionally sets column widths in characters; zero entries (and
	// columns past the slice) are fitted to the content.
	Widths []float64
	// Notes are extra footer lines written before the period and time, e.g.
	// the legal basis or the unit that compiled the report.
	Notes []string
}

// headerGrid lays the header out: for every header row and column, the text
// of the cell that starts there (or "" when covered or empty), and the merged
// ranges as (row, col, lastRow, lastCol), zero-based.
type headerGrid struct {
	cols   int
	text   [][]string
	start  [][]bool
	merges [][4]int
}

func layoutHeader(rows [][]HeaderCell) headerGrid {
	type pos struct{ r, c int }
	covered := map[pos]bool{}
	g := headerGrid{}
	type placed struct {
		r, c, rs, cs int
		text         string
	}
	var cells []placed
	for r, row := range rows {
		c := 0
		for _, h := range row {
			for covered[pos{r, c}] {
				c++
			}
			cs, rs := max(h.ColSpan, 1), max(h.RowSpan, 1)
			rs = min(rs, len(rows)-r)
			cs = min(cs, 16384)
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cs; dc++ {
					covered[pos{r + dr, c + dc}] = true
				}
			}
			cells = append(cells, placed{r, c, rs, cs, h.Text})
			g.cols = max(g.cols, c+cs)
			c += cs
		}
	}
	for range rows {
		g.text = append(g.text, make([]string, g.cols))
		g.start = append(g.start, make([]bool, g.cols))
	}
	for _, p := range cells {
		g.text[p.r][p.c] = p.text
		g.start[p.r][p.c] = true
		if p.rs > 1 || p.cs > 1 {
			g.merges = append(g.merges, [4]int{p.r, p.c, p.r + p.rs - 1, p.c + p.cs - 1})
		}
	}
	return g
}

// columns is the table's width: the widest of the header and the rows.
func (t Table) columns(g headerGrid) int {
	n := g.cols
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return max(n, 1)
}

// flatHeader joins, for each column, the distinct texts of the header cells
// covering it, top to bottom: "Kết quả giải quyết - Đúng hạn".
func flatHeader(rows [][]HeaderCell, cols int) []string {
	g := layoutHeader(rows)
	owner := make([][]string, len(rows))
	for r := range owner {
		owner[r] = make([]string, max(cols, g.cols))
	}
	for r := range g.text {
		for c := range g.text[r] {
			if g.start[r][c] {
				owner[r][c] = g.text[r][c]
			}
		}
	}
	for _, m := range g.merges {
		for r := m[0]; r <= m[2]; r++ {
			for c := m[1]; c <= m[3]; c++ {
				owner[r][c] = g.text[m[0]][m[1]]
			}
		}
	}
	out := make([]string, cols)
	for c := 0; c < cols; c++ {
		var parts []string
		for r := range owner {
			if c >= len(owner[r]) {
				continue
			}
			s := strings.TrimSpace(owner[r][c])
			if s != "" && (len(parts) == 0 || parts[len(parts)-1] != s) {
				parts = append(parts, s)
			}
		}
		out[c] = strings.Join(parts, " - ")
	}
	return out
}

// vnTime is the zone used for the generation time.
var vnTime = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Ho_Chi_Minh"); err == nil {
		return loc
	}
	return time.FixedZone("ICT", 7*3600)
}()

// footerLines are the lines written under the table.
func (t Table) footerLines() []string {
	lines := append([]string(nil), t.Notes...)
	if t.Period != "" {
		lines = append(lines, "Kỳ báo cáo: "+t.Period)
	}
	if !t.GeneratedAt.IsZero() {
		lines = append(lines, "Số liệu lập lúc "+t.GeneratedAt.In(vnTime).Format("15:04 ngày 02/01/2006"))
	}
	return lines
}

// cleanText makes s safe to store: valid UTF-8.
func cleanText(s string) string {
	if !utf8.ValidString(s) {
		return strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// decimalText writes the value of a Decimal cell with "." as the decimal mark
// and no grouping ("-1234.57"), and the value it rounds to; ok is false when
// there is no value (NaN or an infinity). A value that rounds to zero has no
// minus sign.
func decimalText(c Cell) (s string, rounded float64, ok bool) {
	if !finite(c.Float) {
		return "", 0, false
	}
	d := min(max(c.Decimals, 0), MaxDecimals)
	s = strconv.FormatFloat(c.Float, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	rounded, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", 0, false
	}
	return s, rounded, true
}
