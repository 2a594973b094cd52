package importer

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua/catalog"
)

// Text limits checked here so the error names the right column; Validate checks the
// rest.
const (
	maxResultChars     = 1000
	maxLegalBasisChars = 4000
)

// rowParser turns one record into a procedure, collecting every problem of the row.
type rowParser struct {
	rec  *record
	has  *[numColumns]bool
	errs []RowError
	bad  [numColumns]bool // columns already reported
}

// parseRecord parses and validates rec. The procedure is meaningful only when no
// errors are returned; it has then passed catalog.Procedure.Validate.
func parseRecord(rec *record, has *[numColumns]bool) (catalog.Procedure, []RowError) {
	rp := &rowParser{rec: rec, has: has}
	for col := range numColumns {
		rp.checkCell(col)
	}
	p := catalog.Procedure{
		Code:       rp.text(colCode),
		Name:       rp.text(colName),
		UnitCode:   rp.text(colUnitCode),
		FieldCode:  rp.text(colFieldCode),
		Result:     rp.text(colResult),
		LegalBasis: rp.text(colLegalBasis),
	}
	rp.maxLen(colResult, p.Result, maxResultChars)
	rp.maxLen(colLegalBasis, p.LegalBasis, maxLegalBasisChars)
	if c, ok := rp.cell(colLevel); ok {
		var err *cellError
		p.Level, err = parseLevel(c)
		rp.check(colLevel, c, err)
	}
	if c, ok := rp.cell(colChannels); ok {
		var err *cellError
		p.Channels, err = parseChannels(c)
		rp.check(colChannels, c, err)
	}
	if c, ok := rp.cell(colTimeLimits); ok {
		var err *cellError
		p.TimeLimits, err = parseTimeLimits(c, p.Channels)
		rp.check(colTimeLimits, c, err)
	}
	if c, ok := rp.cell(colFees); ok {
		var err *cellError
		p.Fees, err = parseFees(c)
		rp.check(colFees, c, err)
	}
	if c, ok := rp.cell(colPapers); ok {
		var err *cellError
		p.Papers, err = parsePapers(c)
		rp.check(colPapers, c, err)
	}
	if c, ok := rp.cell(colSteps); ok {
		var err *cellError
		p.Steps, err = parseSteps(c)
		rp.check(colSteps, c, err)
	}
	if c, ok := rp.cell(colChain); ok {
		p.Chain = parseChain(c)
	}
	p.Active = true
	if c, ok := rp.cell(colActive); ok {
		var err *cellError
		p.Active, err = parseBool(c, true)
		rp.check(colActive, c, err)
	}
	if c, ok := rp.cell(colFourOnSpot); ok {
		var err *cellError
		p.FourOnSpot, err = parseBool(c, false)
		rp.check(colFourOnSpot, c, err)
	}
	rp.validate(&p)
	if rec.extra != "" {
		rp.errs = append(rp.errs, newRowError(rec.row, rec.extra, "", KeyExtraCell))
	}
	sort.SliceStable(rp.errs, func(i, j int) bool { return rp.order(rp.errs[i]) < rp.order(rp.errs[j]) })
	return p, rp.errs
}

// checkCell reports over-long cells and empty required cells.
func (rp *rowParser) checkCell(col int) {
	c := rp.rec.cells[col]
	switch {
	case len(c) > MaxCellChars && utf8.RuneCountInString(c) > MaxCellChars:
		rp.report(col, c, KeyCellTooLong, MaxCellChars)
	case columns[col].Required && strings.TrimSpace(c) == "":
		rp.report(col, "", KeyRequired)
	}
}

// cell returns the trimmed cell of col, and false if it was reported or is absent.
func (rp *rowParser) cell(col int) (string, bool) {
	if rp.bad[col] || !rp.has[col] {
		return "", false
	}
	return strings.TrimSpace(rp.rec.cells[col]), true
}

// text returns the trimmed cell of col, or "" if it was reported.
func (rp *rowParser) text(col int) string {
	c, _ := rp.cell(col)
	return c
}

// maxLen reports a text cell longer than max characters.
func (rp *rowParser) maxLen(col int, s string, max int) {
	if !rp.bad[col] && utf8.RuneCountInString(s) > max {
		rp.report(col, s, KeyTextTooLong, max)
	}
}

// check reports err, if any, against col; value is the whole cell.
func (rp *rowParser) check(col int, value string, err *cellError) {
	if err != nil {
		if err.value != "" {
			value = err.value
		}
		rp.report(col, value, err.key, err.args...)
	}
}

// report records a problem with col and marks the column as reported.
func (rp *rowParser) report(col int, value, key string, args ...any) {
	rp.bad[col] = true
	rp.errs = append(rp.errs, newRowError(rp.rec.row, columns[col].Key, value, key, args...))
}

// order sorts a row's errors by column, cells under no header last.
func (rp *rowParser) order(e RowError) int {
	if i, ok := keyIndex[e.Column]; ok {
		return i
	}
	return numColumns
}

// keyIndex maps column keys to indexes.
var keyIndex = func() map[string]int {
	m := make(map[string]int, numColumns)
	for i, c := range columns {
		m[c.Key] = i
	}
	return m
}()
