package tablexport

import (
	"bytes"
	"encoding/csv"
	"math"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// report has the shape of the official periodic report "Tình hình, kết quả
// giải quyết TTHC": received, resolved and pending, each over sub-columns.
func report() Table {
	return Table{
		Title:       "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
		Period:      "Từ ngày 01/01/2025 đến ngày 31/03/2025",
		GeneratedAt: time.Date(2025, 4, 1, 1, 30, 0, 0, time.UTC),
		Header: [][]HeaderCell{
			{
				{Text: "STT", RowSpan: 2},
				{Text: "Lĩnh vực, đơn vị", RowSpan: 2},
				{Text: "Số hồ sơ nhận giải quyết", ColSpan: 3},
				{Text: "Kết quả giải quyết", ColSpan: 4},
				{Text: "Đang giải quyết", ColSpan: 2},
				{Text: "Tỷ lệ đúng hạn", RowSpan: 2},
				{Text: "Phí, lệ phí (đồng)", RowSpan: 2},
			},
			{
				{Text: "Tổng số"}, {Text: "Trong kỳ"}, {Text: "Từ kỳ trước"},
				{Text: "Tổng số"}, {Text: "Trước hạn"}, {Text: "Đúng hạn"}, {Text: "Quá hạn"},
				{Text: "Trong hạn"}, {Text: "Quá hạn"},
			},
		},
		Rows: [][]Cell{
			{IntCell(1), TextCell("Sở Tư pháp – Lý lịch tư pháp"), IntCell(1234), IntCell(1200), IntCell(34), IntCell(1100), IntCell(700), IntCell(380), IntCell(20), IntCell(130), IntCell(4), PercentCell(0.9818), MoneyCell(24_680_000)},
			{IntCell(2), TextCell("=HYPERLINK(\"http://x\")"), IntCell(5), IntCell(5), IntCell(0), IntCell(5), IntCell(5), IntCell(0), IntCell(0), IntCell(0), IntCell(0), PercentCell(math.NaN()), MoneyCell(0)},
			{TextCell(""), TextCell("Tổng cộng"), IntCell(1239), IntCell(1205), IntCell(34), IntCell(1105), IntCell(705), IntCell(380), IntCell(20), IntCell(130), IntCell(4), PercentCell(0.9819), MoneyCell(24_680_000)},
		},
		TotalRows: 1,
		Notes:     []string{"Nguồn: Hệ thống thông tin giải quyết TTHC tỉnh Lạng Sơn"},
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, report()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if sheet != "Báo cáo" {
		t.Errorf("sheet = %q", sheet)
	}
	get := func(cell string) string {
		v, err := f.GetCellValue(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	raw := func(cell string) string {
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// Layout: 1 title, 2 period, 3 blank, 4–5 header, 6–8 data, 9 blank, 10–12 footer.
	for cell, want := range map[string]string{
		"A1": "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
		"A2": "Từ ngày 01/01/2025 đến ngày 31/03/2025",
		"A4": "STT", "B4": "Lĩnh vực, đơn vị", "C4": "Số hồ sơ nhận giải quyết",
		"F4": "Kết quả giải quyết", "J4": "Đang giải quyết", "L4": "Tỷ lệ đúng hạn", "M4": "Phí, lệ phí (đồng)",
		"C5": "Tổng số", "E5": "Từ kỳ trước", "I5": "Quá hạn", "K5": "Quá hạn",
		"B6":  "Sở Tư pháp – Lý lịch tư pháp",
		"B7":  "=HYPERLINK(\"http://x\")", // text, not a formula
		"L7":  "–",
		"B8":  "Tổng cộng",
		"A10": "Nguồn: Hệ thống thông tin giải quyết TTHC tỉnh Lạng Sơn",
		"A11": "Kỳ báo cáo: Từ ngày 01/01/2025 đến ngày 31/03/2025",
		"A12": "Số liệu lập lúc 08:30 ngày 01/04/2025",
	} {
		if got := get(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if formula, _ := f.GetCellFormula(sheet, "B7"); formula != "" {
		t.Errorf("B7 stored as a formula: %q", formula)
	}
	for cell, want := range map[string]string{"C6": "1234", "L6": "0.9818", "M6": "24680000", "C8": "1239"} {
		if got := raw(cell); got != want {
			t.Errorf("raw %s = %q, want %q", cell, got, want)
		}
	}
	// Formatted as Excel would show them in an English locale.
	for cell, want := range map[string]string{"C6": "1,234", "L6": "98.18%", "M6": "24,680,000"} {
		if got := get(cell); got != want {
			t.Errorf("formatted %s = %q, want %q", cell, got, want)
		}
	}

	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range merges {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	sort.Strings(got)
	want := []string{"A1:M1", "A2:M2", "A4:A5", "B4:B5", "C4:E4", "F4:I4", "J4:K4", "L4:L5", "M4:M5"}
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged ranges = %v, want %v", got, want)
	}

	panes, err := f.GetPanes(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 5 || panes.TopLeftCell != "A6" {
		t.Errorf("panes = %+v, want frozen under row 5", panes)
	}

	styleOf := func(cell string) *excelize.Style {
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := styleOf("F5"); s.Font == nil || !s.Font.Bold {
		t.Errorf("header F5 not bold")
	}
	if s := styleOf("C6"); s.CustomNumFmt == nil || *s.CustomNumFmt != "#,##0" {
		t.Errorf("integer format = %v", s.CustomNumFmt)
	}
	if s := styleOf("L6"); !(s.NumFmt == 10 || (s.CustomNumFmt != nil && *s.CustomNumFmt == "0.00%")) {
		t.Errorf("percent format = %d %v", s.NumFmt, s.CustomNumFmt)
	}
	if s := styleOf("C8"); s.Font == nil || !s.Font.Bold {
		t.Errorf("total row not bold")
	}
	if s := styleOf("C6"); s.Font != nil && s.Font.Bold {
		t.Errorf("data row bold")
	}
	if w, _ := f.GetColWidth(sheet, "B"); w < 28 {
		t.Errorf("column B width %v does not fit the unit name", w)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil || !strings.Contains(hf.OddFooter, "Từ ngày 01/01/2025") {
		t.Errorf("page footer = %+v, %v", hf, err)
	}
}

func TestXLSXEdgeCases(t *testing.T) {
	for _, tbl := range []Table{
		{},
		{Rows: [][]Cell{{TextCell("a")}}},
		{Sheet: "[Báo/cáo]: quý I năm 2025 của Trung tâm*?", Header: [][]HeaderCell{{{Text: "A", ColSpan: 3, RowSpan: 5}}}},
		{Title: "x & y", Period: "A & B", Header: [][]HeaderCell{{{Text: "a"}, {Text: "b"}}}, Rows: [][]Cell{{TextCell("\x00\xff")}, {}}},
	} {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, tbl); err != nil {
			t.Fatalf("%+v: %v", tbl, err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if name := f.GetSheetList()[0]; len([]rune(name)) > 31 || strings.ContainsAny(name, `[]:*?/\`) {
			t.Errorf("bad sheet name %q", name)
		}
		f.Close()
	}
}

func readCSV(t *testing.T, b []byte, comma rune) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	if comma != 0 {
		r.Comma = comma
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSV(&buf, report()); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes(), 0)
	if len(recs) != 4 {
		t.Fatalf("%d records, want header + 3 rows", len(recs))
	}
	wantHead := []string{"STT", "Lĩnh vực, đơn vị",
		"Số hồ sơ nhận giải quyết - Tổng số", "Số hồ sơ nhận giải quyết - Trong kỳ", "Số hồ sơ nhận giải quyết - Từ kỳ trước",
		"Kết quả giải quyết - Tổng số", "Kết quả giải quyết - Trước hạn", "Kết quả giải quyết - Đúng hạn", "Kết quả giải quyết - Quá hạn",
		"Đang giải quyết - Trong hạn", "Đang giải quyết - Quá hạn", "Tỷ lệ đúng hạn", "Phí, lệ phí (đồng)"}
	if !reflect.DeepEqual(recs[0], wantHead) {
		t.Errorf("header = %q", recs[0])
	}
	if got := recs[1]; got[1] != "Sở Tư pháp – Lý lịch tư pháp" || got[2] != "1234" || got[11] != "98.18%" || got[12] != "24680000" {
		t.Errorf("row 1 = %q", got)
	}
	if got := recs[2][1]; got != `'=HYPERLINK("http://x")` {
		t.Errorf("formula not neutralised: %q", got)
	}
	if got := recs[2][11]; got != "–" {
		t.Errorf("NaN percent = %q", got)
	}

	buf.Reset()
	if err := WriteCSVWith(&buf, report(), CSVOptions{Comma: ';', DecimalComma: true}); err != nil {
		t.Fatal(err)
	}
	recs = readCSV(t, buf.Bytes(), ';')
	if got := recs[1][11]; got != "98,18%" {
		t.Errorf("decimal comma percent = %q", got)
	}
}

func TestSafeCSVText(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":              "'=1+1",
		"+84 912 345 678":   "'+84 912 345 678",
		"-2":                "'-2",
		"@SUM(A1)":          "'@SUM(A1)",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"＝1":                "'＝1",
		"Nguyễn Văn A":      "Nguyễn Văn A",
		"a=b":               "a=b",
		"":                  "",
		"Đăng ký khai sinh": "Đăng ký khai sinh",
	} {
		if got := SafeCSVText(in); got != want {
			t.Errorf("SafeCSVText(%q) = %q, want %q", in, got, want)
		}
	}
	// Every injection sign is neutralised wherever it appears as a text cell.
	var buf bytes.Buffer
	tbl := Table{Header: [][]HeaderCell{{{Text: "=cmd|' /C calc'!A0"}}}, Rows: [][]Cell{{TextCell("@x")}, {TextCell("-1")}, {IntCell(-1)}}}
	if err := WriteCSV(&buf, tbl); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes(), 0)
	for i, want := range []string{"'=cmd|' /C calc'!A0", "'@x", "'-1", "-1"} {
		if recs[i][0] != want {
			t.Errorf("record %d = %q, want %q", i, recs[i][0], want)
		}
	}
}

func TestFlatHeader(t *testing.T) {
	h := [][]HeaderCell{
		{{Text: "A", RowSpan: 2}, {Text: "B", ColSpan: 2}},
		{{Text: "b1"}, {Text: "b2"}},
	}
	if got := flatHeader(h, 4); !reflect.DeepEqual(got, []string{"A", "B - b1", "B - b2", ""}) {
		t.Errorf("flatHeader = %q", got)
	}
}

// TestDecimal checks a Decimal cell in the three outputs: the XLSX stores the
// rounded number (not text) with a "#,##0.00"-like format, the CSV writes it
// plainly with "." (or "," on request), and no value is "–" everywhere.
func TestDecimal(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cell     Cell
		csv      string // default options
		csvComma string // DecimalComma
		raw      string // XLSX stored value; "" when the cell is the text "–"
		shown    string // XLSX as Excel shows it in an English locale
		format   string // XLSX number format; "" for the "–" text cell
	}{
		{"two decimals", DecimalCell(12.5, 2), "12.50", "12,50", "12.5", "12.50", "#,##0.00"},
		{"rounding up", DecimalCell(0.8333333, 2), "0.83", "0,83", "0.83", "0.83", "#,##0.00"},
		{"rounding 2.005 (binary 2.00499…)", DecimalCell(2.005, 2), "2.00", "2,00", "2", "2.00", "#,##0.00"},
		{"rounding 2.6751 up", DecimalCell(2.6751, 2), "2.68", "2,68", "2.68", "2.68", "#,##0.00"},
		{"negative", DecimalCell(-3.256, 2), "-3.26", "-3,26", "-3.26", "-3.26", "#,##0.00"},
		{"negative rounding to zero", DecimalCell(-0.001, 2), "0.00", "0,00", "0", "0.00", "#,##0.00"},
		{"large with grouping", DecimalCell(1234567.891, 2), "1234567.89", "1234567,89", "1234567.89", "1,234,567.89", "#,##0.00"},
		{"one decimal, exact tie to even", DecimalCell(3.25, 1), "3.2", "3,2", "3.2", "3.2", "#,##0.0"},
		{"no decimals", DecimalCell(642919.6, 0), "642920", "642920", "642920", "642,920", "#,##0"},
		{"negative decimals clamp to none", DecimalCell(7.4, -3), "7", "7", "7", "7", "#,##0"},
		{"NaN", DecimalCell(math.NaN(), 2), "–", "–", "", "–", ""},
		{"+Inf", DecimalCell(math.Inf(1), 2), "–", "–", "", "–", ""},
		{"-Inf", DecimalCell(math.Inf(-1), 2), "–", "–", "", "–", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tbl := Table{Header: [][]HeaderCell{{{Text: "Tên"}, {Text: "Giá trị"}}}, Rows: [][]Cell{{TextCell("x"), tc.cell}}}

			for _, o := range []struct {
				opts CSVOptions
				want string
			}{{CSVOptions{}, tc.csv}, {CSVOptions{Comma: ';', DecimalComma: true}, tc.csvComma}} {
				var buf bytes.Buffer
				if err := WriteCSVWith(&buf, tbl, o.opts); err != nil {
					t.Fatal(err)
				}
				if got := readCSV(t, buf.Bytes(), o.opts.Comma)[1][1]; got != o.want {
					t.Errorf("CSV %+v = %q, want %q", o.opts, got, o.want)
				}
			}

			var buf bytes.Buffer
			if err := WriteXLSX(&buf, tbl); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := f.GetSheetList()[0]
			typ, err := f.GetCellType(sheet, "B2")
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := f.GetCellValue(sheet, "B2", excelize.Options{RawCellValue: true})
			shown, _ := f.GetCellValue(sheet, "B2")
			id, _ := f.GetCellStyle(sheet, "B2")
			style, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if tc.raw == "" {
				if typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset || raw != "–" {
					t.Errorf("XLSX no value: type %v raw %q, want the text –", typ, raw)
				}
				return
			}
			if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("XLSX cell type %v, want a number", typ)
			}
			if raw != tc.raw {
				t.Errorf("XLSX raw %q, want %q", raw, tc.raw)
			}
			if shown != tc.shown {
				t.Errorf("XLSX shown %q, want %q", shown, tc.shown)
			}
			if style.CustomNumFmt == nil || *style.CustomNumFmt != tc.format {
				t.Errorf("XLSX number format %v, want %q", style.CustomNumFmt, tc.format)
			}
		})
	}
}
