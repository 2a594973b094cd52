package importer

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// record is one non-empty data row, its cells laid out by column index.
type record struct {
	row   int
	cells [numColumns]string
	// extra is the spreadsheet letter of the first non-empty cell under no header, or "".
	extra string
}

// sheet collects the rows a reader produces: it resolves the header on the first
// non-empty row and keeps only the cells of known columns after it, so memory stays
// proportional to the data actually imported.
type sheet struct {
	headerRow  int
	index      []int // file column → column index, or -1 for a column with no header
	has        [numColumns]bool
	headerErrs []RowError
	rows       []record
}

// add takes row number n with its cells, and reports whether the reader should go on.
// It returns an error when the file has more than MaxRows data rows.
func (s *sheet) add(n int, cells []string) (bool, error) {
	if blank(cells) {
		return true, nil
	}
	if s.headerRow == 0 {
		s.header(n, cells)
		return len(s.headerErrs) == 0, nil
	}
	if len(s.rows) == MaxRows {
		return false, fileError(KeyTooManyRows, map[string]any{"max": MaxRows})
	}
	rec := record{row: n}
	for i, c := range cells {
		switch {
		case i < len(s.index) && s.index[i] >= 0:
			rec.cells[s.index[i]] = c
		case rec.extra == "" && strings.TrimSpace(c) != "":
			rec.extra, _ = excelize.ColumnNumberToName(i + 1)
		}
	}
	s.rows = append(s.rows, rec)
	return true, nil
}

// header resolves the header row n, recording unknown, duplicate and missing columns.
func (s *sheet) header(n int, cells []string) {
	s.headerRow = n
	s.index = make([]int, len(cells))
	for i, c := range cells {
		s.index[i] = -1
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		col, ok := columnOf(c)
		switch {
		case !ok:
			s.headerErrs = append(s.headerErrs, newRowError(n, truncate(c, maxValueChars), c, KeyUnknownColumn, truncate(c, maxValueChars)))
		case s.has[col]:
			s.headerErrs = append(s.headerErrs, newRowError(n, columns[col].Key, c, KeyDuplicateColumn, columns[col].Key))
		default:
			s.has[col] = true
			s.index[i] = col
		}
		if len(s.headerErrs) >= MaxErrors {
			return
		}
	}
	for i, c := range columns {
		if c.Required && !s.has[i] {
			s.headerErrs = append(s.headerErrs, newRowError(n, c.Key, "", KeyMissingColumn, c.Key))
		}
	}
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
