package importer

import (
	"bytes"
	"fmt"
	"io"

	"github.com/motcua/motcua/catalog"
)

// Parse reads a catalogue sheet from r and returns its procedures.
//
// format may be FormatAuto to detect CSV or XLSX from the content (see
// FormatFromName to derive it from a file name). progress, if not nil, is called with
// the rows done and the total every ProgressEvery rows and once at the end.
//
// The result is all or nothing, and the caller must store nothing unless both the
// returned error and the row errors are empty:
//   - err is non-nil when the file as a whole is unusable: too large, too many rows,
//     not UTF-8, not a spreadsheet, no header or no data row. It wraps a *motcua.Error
//     with code EINVALID and a message key such as KeyFileTooLarge.
//   - otherwise, every row is parsed and checked with catalog.Procedure.Validate, and
//     every problem is returned as a RowError (up to MaxErrors, then one more with
//     KeyTooManyErrors), including duplicate codes. A header problem (unknown,
//     duplicate or missing columns) is reported on the header row and no data row is
//     checked.
//   - procedures are returned, normalised by Validate and in file order, only when
//     there is no row error at all.
func Parse(r io.Reader, format Format, progress catalog.ImportProgress) ([]catalog.Procedure, []RowError, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("importer: read file: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, nil, fileError(KeyFileTooLarge, map[string]any{"max": MaxFileSize})
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return nil, nil, fileError(KeyEmptyFile, nil)
	}
	if format, err = resolveFormat(format, data); err != nil {
		return nil, nil, err
	}
	var s *sheet
	if format == FormatXLSX {
		s, err = readXLSX(data)
	} else {
		s, err = readCSV(data)
	}
	if err != nil {
		return nil, nil, err
	}
	return parseSheet(s, progress)
}

// parseSheet parses and checks every data row of s.
func parseSheet(s *sheet, progress catalog.ImportProgress) ([]catalog.Procedure, []RowError, error) {
	switch {
	case s.headerRow == 0:
		return nil, nil, fileError(KeyEmptyFile, nil)
	case len(s.headerErrs) > 0:
		return nil, s.headerErrs, nil
	case len(s.rows) == 0:
		return nil, nil, fileError(KeyNoRows, nil)
	}
	total := len(s.rows)
	if progress != nil {
		progress(0, total)
	}
	ps := make([]catalog.Procedure, 0, total)
	var errs errorList
	seen := make(map[string]int, total) // code → first row
	for i := range s.rows {
		rec := &s.rows[i]
		p, rowErrs := parseRecord(rec, &s.has)
		if p.Code != "" && !containsColumn(rowErrs, columns[colCode].Key) {
			if first, dup := seen[p.Code]; dup {
				rowErrs = append([]RowError{newRowError(rec.row, columns[colCode].Key, p.Code, KeyDuplicateCode, p.Code, first)}, rowErrs...)
			} else {
				seen[p.Code] = rec.row
			}
		}
		for _, e := range rowErrs {
			if !errs.add(e) {
				break
			}
		}
		if errs.full {
			break
		}
		if len(errs.errs) == 0 {
			ps = append(ps, p)
		}
		if progress != nil && (i+1)%ProgressEvery == 0 && i+1 < total {
			progress(i+1, total)
		}
	}
	if progress != nil {
		progress(total, total)
	}
	if len(errs.errs) > 0 {
		return nil, errs.errs, nil
	}
	return ps, nil, nil
}

func containsColumn(errs []RowError, column string) bool {
	for _, e := range errs {
		if e.Column == column {
			return true
		}
	}
	return false
}
