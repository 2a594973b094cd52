package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/tablexport"
	"github.com/xuri/excelize/v2"
)

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{FormatInt("vi", 0), "0"},
		{FormatInt("vi", 642920), "642.920"},
		{FormatInt("en", 642920), "642,920"},
		{FormatInt("vi", -1234567), "-1.234.567"},
		{FormatDecimal("vi", 1234.567, 2), "1.234,57"},
		{FormatDecimal("en", 1234.567, 2), "1,234.57"},
		{FormatDecimal("vi", -0.001, 2), "0,00"},
		{FormatDecimal("en", math.NaN(), 2), "–"},
		{FormatPercent("vi", f64(99.68)), "99,68%"},
		{FormatPercent("en", f64(99.68)), "99.68%"},
		{FormatPercent("vi", nil), "–"},
		{FormatCell("vi", tablexport.IntCell(21648)), "21.648"},
		{FormatCell("en", tablexport.MoneyCell(1500000)), "1,500,000"},
		{FormatCell("vi", tablexport.PercentCell(0.2873)), "28,73%"},
		{FormatCell("vi", PercentCell(nil)), "–"},
		{FormatCell("en", tablexport.TextCell("Sở Tư pháp")), "Sở Tư pháp"},
		{FormatCell("vi", tablexport.DecimalCell(12.5, 2)), "12,50"},
		{FormatCell("en", tablexport.DecimalCell(12.5, 2)), "12.50"},
		{FormatCell("vi", tablexport.DecimalCell(1234567.891, 2)), "1.234.567,89"},
		{FormatCell("en", tablexport.DecimalCell(-3.256, 1)), "-3.3"},
		{FormatCell("vi", tablexport.DecimalCell(math.NaN(), 2)), "–"},
		{FormatCell("vi", decimalCell(nil)), "–"},
		{FormatCell("en", decimalCell(f64(2.67))), "2.67"},
		{PeriodFormat("vi", calendar.D(2026, 1, 1), calendar.D(2026, 3, 31)), "Từ ngày 01/01/2026 đến ngày 31/03/2026"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

// TestSummaryTable checks the layout of the report page's table: grouped headers
// spanning their columns, one line per group plus the total, hours rounded half up.
func TestSummaryTable(t *testing.T) {
	q := Query{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31), GroupBy: ByChannel}
	s := Assemble(q, map[string]Sums{
		"counter": {Period: map[catalog.Channel]Totals{catalog.ChannelCounter: {Received: 2, ResolvedEarly: 1, ResolvedOnTime: 1, Ended: 2, AheadMinutes: 150}}},
		"post":    {Period: map[catalog.Channel]Totals{catalog.ChannelPost: {Received: 1, ResolvedLate: 1, Ended: 1}}},
	})
	tb := SummaryTable(s, "en", func(k string) string { return "ch:" + k }, func(k string) string { return "<" + k + ">" }, time.Time{})
	cols := 0
	for _, h := range tb.Header[0] {
		cols += max(h.ColSpan, 1)
	}
	if cols != 1+len(SummaryColumns) || len(tb.Header[1]) != len(SummaryColumns)-1 || tb.Header[0][0].Text != "<report.group_by.channel>" {
		t.Fatalf("header: %d columns %+v", cols, tb.Header)
	}
	if len(tb.Rows) != 3 || tb.Rows[0][0].Text != "ch:counter" || tb.Rows[2][0].Text != "<report.total>" || tb.TotalRows != 1 {
		t.Fatalf("rows: %+v", tb.Rows)
	}
	at := func(key string) int {
		for i, c := range SummaryColumns {
			if c.Key == key {
				return i + 1
			}
		}
		t.Fatalf("no column %s", key)
		return 0
	}
	total := tb.Rows[2]
	for _, tc := range []struct {
		key  string
		want tablexport.Cell
	}{
		{"report.col.received_new", tablexport.IntCell(3)},
		{"report.col.received_post", tablexport.IntCell(1)},
		{"report.col.hours_ahead", tablexport.IntCell(3)}, // 150 min = 2,5 h → 3
		{"report.col.average_hours_ahead", tablexport.DecimalCell(0.83, 2)},
		{"report.col.received_ratio", tablexport.DecimalCell(math.NaN(), 2)}, // no previous year
	} {
		if got := total[at(tc.key)]; !sameCell(got, tc.want) {
			t.Errorf("total %s = %+v, want %+v", tc.key, got, tc.want)
		}
	}
	if r := total[at("report.col.on_time_rate")]; math.Abs(r.Fraction-0.6667) > 1e-12 {
		t.Errorf("on-time rate %v", r.Fraction)
	}
}

// sameCell compares cells, a NaN value equal to a NaN value.
func sameCell(a, b tablexport.Cell) bool {
	nan := func(f float64) bool { return math.IsNaN(f) }
	if nan(a.Float) && nan(b.Float) {
		a.Float, b.Float = 0, 0
	}
	if nan(a.Fraction) && nan(b.Fraction) {
		a.Fraction, b.Fraction = 0, 0
	}
	return a == b
}

// decimalSummary is a summary by channel with every decimal figure defined on the
// counter line and the total, and the ratios undefined on the post line: at the
// counter 8 received, 4 resolved 50 working hours ahead (12,50 h per dossier)
// against 3 received and 2 resolved a year before; by post 1 received, resolved late.
func decimalSummary() *Summary {
	q := Query{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31), GroupBy: ByChannel}
	return Assemble(q, map[string]Sums{
		"counter": {
			Period:   map[catalog.Channel]Totals{catalog.ChannelCounter: {Received: 8, ResolvedEarly: 3, ResolvedOnTime: 1, Ended: 4, AheadMinutes: 50 * 60}},
			PrevYear: Totals{Received: 3, ResolvedEarly: 2},
		},
		"post": {Period: map[catalog.Channel]Totals{catalog.ChannelPost: {Received: 1, ResolvedLate: 1, Ended: 1}}},
	})
}

// columnOf is the zero-based column of the summary table under key.
func columnOf(t *testing.T, key string) int {
	t.Helper()
	for i, c := range SummaryColumns {
		if c.Key == key {
			return i + 1
		}
	}
	t.Fatalf("no column %s", key)
	return 0
}

// decimalKeys are the summary columns holding decimal figures.
var decimalKeys = []string{"report.col.average_hours_ahead", "report.col.received_ratio", "report.col.resolved_ratio"}

// TestSummaryDecimalFigures checks the decimal figures of a summary: numbers in the
// page's style on the page, numeric cells with two decimals shown in an XLSX, and in
// a Vietnamese CSV "." for every decimal and every percentage.
func TestSummaryDecimalFigures(t *testing.T) {
	s := decimalSummary()
	name := func(k string) string { return "kênh " + k }
	tr := func(k string) string { return k }
	figures := func(row int) Figures { // rows: counter, post, total
		if row < len(s.Groups) {
			return s.Groups[row].Figures
		}
		return s.Total
	}
	c := s.Groups[0].Figures
	if c.AverageHoursAhead == nil || *c.AverageHoursAhead != 12.5 || c.ReceivedRatio == nil || *c.ReceivedRatio != 2.67 ||
		c.ResolvedRatio == nil || *c.ResolvedRatio != 2 || s.Groups[1].Figures.ReceivedRatio != nil {
		t.Fatalf("counter figures %+v, post %+v", c, s.Groups[1].Figures)
	}

	// The page shows them in its language.
	for lang, want := range map[string][]string{
		"vi": {"12,50", "2,67", "2,00", "0,00", "–", "–", "10,00", "3,00", "2,50"},
		"en": {"12.50", "2.67", "2.00", "0.00", "–", "–", "10.00", "3.00", "2.50"},
	} {
		tb := SummaryTable(s, lang, name, tr, time.Time{})
		var got []string
		for _, r := range tb.Rows {
			for _, k := range decimalKeys {
				got = append(got, FormatCell(lang, r[columnOf(t, k)]))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s page cells %q, want %q", lang, got, want)
		}
	}

	tb := SummaryTable(s, "vi", name, tr, time.Time{})

	// XLSX: numeric cells holding the figures, shown with two decimals.
	var buf bytes.Buffer
	if err := tablexport.WriteXLSX(&buf, tb); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	const firstRow = 6 // title, period, blank line, two header rows
	if v, _ := f.GetCellValue(sheet, "A8"); v != "report.total" {
		t.Fatalf("A8 = %q, want the total line", v)
	}
	for row := 0; row < 3; row++ {
		fig := figures(row)
		for _, k := range decimalKeys {
			want := map[string]*float64{
				"report.col.average_hours_ahead": fig.AverageHoursAhead,
				"report.col.received_ratio":      fig.ReceivedRatio,
				"report.col.resolved_ratio":      fig.ResolvedRatio,
			}[k]
			cell, _ := excelize.CoordinatesToCellName(columnOf(t, k)+1, firstRow+row)
			typ, err := f.GetCellType(sheet, cell)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			if want == nil {
				if raw != "–" {
					t.Errorf("%s %s = %q, want –", cell, k, raw)
				}
				continue
			}
			if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s %s: cell type %v, want a number", cell, k, typ)
			}
			if v, err := strconv.ParseFloat(raw, 64); err != nil || v != *want {
				t.Errorf("%s %s = %q, want the number %v", cell, k, raw, *want)
			}
			id, _ := f.GetCellStyle(sheet, cell)
			if st, err := f.GetStyle(id); err != nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "#,##0.00" {
				t.Errorf("%s %s: number format %+v (%v), want #,##0.00", cell, k, st, err)
			}
		}
	}
	if v, _ := f.GetCellValue(sheet, "A6"); v != "kênh counter" {
		t.Errorf("A6 = %q", v)
	}

	// CSV, Vietnamese, default options: "." is the decimal mark of every decimal
	// figure and every percentage; no cell is a number with a decimal comma.
	buf.Reset()
	if err := tablexport.WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+len(tb.Rows) {
		t.Fatalf("%d records", len(recs))
	}
	dotted := regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}%?$`)
	decimalComma := regexp.MustCompile(`^-?[0-9.]*[0-9],[0-9]+%?$`)
	checked := 0
	for i, r := range tb.Rows {
		for j, cell := range r {
			got := recs[1+i][j]
			if decimalComma.MatchString(got) {
				t.Errorf("row %d column %d: %q has a decimal comma", i, j, got)
			}
			if cell.Kind == tablexport.Text {
				continue
			}
			if (cell.Kind == tablexport.Percent || cell.Kind == tablexport.Decimal) && got != "–" {
				checked++
				if !dotted.MatchString(got) {
					t.Errorf("row %d column %d: %q, want digits with a decimal point", i, j, got)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no percentage or decimal checked")
	}
	for row := 0; row < 3; row++ {
		fig := figures(row)
		got := recs[1+row][columnOf(t, "report.col.average_hours_ahead")]
		if want := strconv.FormatFloat(*fig.AverageHoursAhead, 'f', 2, 64); got != want {
			t.Errorf("CSV row %d average hours = %q, want %q", row, got, want)
		}
	}
	if got := recs[1][columnOf(t, "report.col.received_ratio")]; got != "2.67" {
		t.Errorf("CSV counter received ratio = %q, want 2.67", got)
	}
}
