package tablexport

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVOptions adjusts the CSV dialect. The zero value writes RFC 4180 CSV with
// "," between fields and "." as the decimal mark, which is what open-data
// tools expect.
type CSVOptions struct {
	// Comma separates fields; 0 means ','. Use ';' with DecimalComma for a
	// file that a Vietnamese-locale Excel splits into columns on a double
	// click.
	Comma rune
	// DecimalComma writes percentages and decimal figures with "," as the
	// decimal mark ("98,50%", "12,50").
	DecimalComma bool
}

// bom is the UTF-8 byte-order mark, which Excel needs to read the file as
// UTF-8 rather than in the system code page.
const bom = "\uFEFF"

// WriteCSV writes t to w as CSV with the default options: see [CSVOptions].
func WriteCSV(w io.Writer, t Table) error { return WriteCSVWith(w, t, CSVOptions{}) }

// WriteCSVWith writes t to w as UTF-8 CSV with a byte-order mark: one header
// row (the header rows flattened, group and column joined with " - "), then
// the data rows. Title, period and notes are not written, to keep the file one
// table. Integers and amounts are plain digits, percentages "98.50%", decimal
// figures "12.50" (no digit grouping, so that open-data tools parse them);
// a percentage or decimal without a value is "–".
func WriteCSVWith(w io.Writer, t Table, o CSVOptions) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	if o.Comma != 0 {
		cw.Comma = o.Comma
	}
	cols := t.columns(layoutHeader(t.Header))
	if len(t.Header) > 0 {
		head := flatHeader(t.Header, cols)
		for i := range head {
			head[i] = SafeCSVText(cleanText(head[i]))
		}
		if err := cw.Write(head); err != nil {
			return err
		}
	}
	rec := make([]string, cols)
	for _, r := range t.Rows {
		for c := range rec {
			rec[c] = ""
			if c < len(r) {
				rec[c] = csvValue(r[c], o)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func csvValue(v Cell, o CSVOptions) string {
	switch v.Kind {
	case Integer, Money:
		return strconv.FormatInt(v.Int, 10)
	case Percent:
		if !finite(v.Fraction) {
			return "–"
		}
		s := strconv.FormatFloat(v.Fraction*100, 'f', 2, 64) + "%"
		if o.DecimalComma {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case Decimal:
		s, _, ok := decimalText(v)
		if !ok {
			return "–"
		}
		if o.DecimalComma {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	default:
		return SafeCSVText(cleanText(v.Text))
	}
}

// SafeCSVText neutralises spreadsheet formula injection (CWE-1236): text that
// starts with "=", "+", "-", "@", a tab or a carriage return is prefixed with
// an apostrophe, so that a spreadsheet shows it as text instead of evaluating
// it. The full-width forms of those signs, which some spreadsheet locales
// also accept, are treated alike. Other text is returned unchanged.
func SafeCSVText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	for _, p := range []string{"＝", "＋", "－", "＠"} {
		if strings.HasPrefix(s, p) {
			return "'" + s
		}
	}
	return s
}
