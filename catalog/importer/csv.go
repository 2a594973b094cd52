package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

var utf8BOM = []byte("\xEF\xBB\xBF")

// readCSV reads UTF-8 CSV (with or without a BOM) separated by ",", ";" or tab, and an
// optional Excel "sep=;" first line. Row numbers count records and blank lines, as a
// spreadsheet shows them.
func readCSV(data []byte) (*sheet, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return nil, fileError(KeyNotUTF8, nil)
	}
	sep, data := separator(data)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	s := &sheet{}
	row, prevEnd := 0, 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, fmt.Errorf("importer: read csv: %w: %w",
				&motcua.Error{Code: motcua.EINVALID, Message: KeyCSVMalformed, Params: map[string]any{"line": line}}, err)
		}
		start, _ := cr.FieldPos(0)
		end, _ := cr.FieldPos(len(rec) - 1)
		row += start - prevEnd
		prevEnd = end + strings.Count(rec[len(rec)-1], "\n")
		for i := range rec {
			rec[i] = unprotect(rec[i])
		}
		more, err := s.add(row, rec)
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	return s, nil
}

// separator finds the field separator: the one named by an Excel "sep=X" first line
// (which is then dropped), else whichever of ",", ";" and tab occurs most often outside
// quotes in the first line, "," on a tie.
func separator(data []byte) (rune, []byte) {
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	if len(line) == 5 && bytes.HasPrefix(bytes.ToLower(line), []byte("sep=")) {
		if c := rune(line[4]); c == ',' || c == ';' || c == '\t' || c == '|' {
			return c, rest
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, b := range line {
		switch b {
		case '"':
			quoted = !quoted
		case ',', ';', '\t':
			if !quoted {
				counts[rune(b)]++
			}
		}
	}
	sep := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[sep] {
			sep = c
		}
	}
	return sep, data
}

// CSV cells that start like a formula (= + - @ tab CR) are written with a leading
// apostrophe so that a spreadsheet opening the file shows them as text rather than
// running them (CSV injection); the importer removes it again. needsProtect is defined
// so that protect and unprotect are exact inverses.
func needsProtect(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

func protect(s string) string {
	if needsProtect(s) {
		return "'" + s
	}
	return s
}

func unprotect(s string) string {
	if strings.HasPrefix(s, "'") && needsProtect(s[1:]) {
		return s[1:]
	}
	return s
}

// writeCSV writes rows as UTF-8 CSV with a BOM (so Excel shows Vietnamese correctly)
// and "," separators.
func writeCSV(w io.Writer, rows [][]string) error {
	if _, err := w.Write(utf8BOM); err != nil {
		return fmt.Errorf("importer: write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	for _, r := range rows {
		for i := range r {
			r[i] = protect(r[i])
		}
		if err := cw.Write(r); err != nil {
			return fmt.Errorf("importer: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("importer: write csv: %w", err)
	}
	return nil
}
