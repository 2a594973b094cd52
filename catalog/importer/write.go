package importer

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// Write exports ps in the shape Parse imports: a header row of column keys and one
// row per procedure, every list written in full (each time limit with its channel and
// unit, each paper with its counts). For procedures that pass catalog.Procedure.Validate
// and whose texts have no leading or trailing white space, Parse(Write(ps)) gives ps
// back except for Version, UpdatedAt and UpdatedBy, which are not columns.
//
// format must be FormatCSV or FormatXLSX. A cell longer than MaxCellChars (a procedure
// with very many papers, say) is an error, since it could not be imported again.
func Write(w io.Writer, format Format, ps []catalog.Procedure) error {
	rows := make([][]string, 0, len(ps)+1)
	rows = append(rows, headerRow())
	for i := range ps {
		r := procedureRow(&ps[i])
		for col, c := range r {
			if utf8.RuneCountInString(c) > MaxCellChars {
				return fmt.Errorf("importer: procedure %s, column %s: %w", ps[i].Code, columns[col].Key,
					&motcua.Error{Code: motcua.EUNPROCESSABLE, Message: KeyCellTooLong, Field: columns[col].Key,
						Params: map[string]any{"max": MaxCellChars, "code": ps[i].Code}})
			}
		}
		rows = append(rows, r)
	}
	return writeRows(w, format, rows)
}

// WriteTemplate writes an empty sheet for officers to fill in: the header row and one
// example row showing every column's format.
func WriteTemplate(w io.Writer, format Format) error {
	example := make([]string, numColumns)
	for i, c := range columns {
		example[i] = c.Example
	}
	return writeRows(w, format, [][]string{headerRow(), example})
}

func writeRows(w io.Writer, format Format, rows [][]string) error {
	switch format {
	case FormatCSV:
		return writeCSV(w, rows)
	case FormatXLSX:
		return writeXLSX(w, rows)
	}
	return fmt.Errorf("importer: write: %w",
		&motcua.Error{Code: motcua.EINVALID, Message: KeyFormatUnknown, Params: map[string]any{"format": string(format)}})
}

func headerRow() []string {
	h := make([]string, numColumns)
	for i, c := range columns {
		h[i] = c.Key
	}
	return h
}

// procedureRow lays p out in columns.
func procedureRow(p *catalog.Procedure) []string {
	r := make([]string, numColumns)
	r[colCode] = p.Code
	r[colName] = p.Name
	r[colUnitCode] = p.UnitCode
	r[colFieldCode] = p.FieldCode
	r[colLevel] = string(p.Level)
	r[colChannels] = formatChannels(p.Channels)
	r[colTimeLimits] = formatTimeLimits(p.TimeLimits)
	r[colFees] = formatFees(p.Fees)
	r[colPapers] = formatPapers(p.Papers)
	r[colResult] = p.Result
	r[colFourOnSpot] = formatBool(p.FourOnSpot)
	r[colChain] = formatChain(p.Chain)
	r[colSteps] = formatSteps(p.Steps)
	r[colLegalBasis] = p.LegalBasis
	r[colActive] = formatBool(p.Active)
	return r
}
