package importer

import (
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// validate runs catalog.Procedure.Validate, the authority on every catalogue rule.
// When the row is clean so far it validates p itself, which also normalises it. As
// Validate stops at the first problem, it then checks a copy again and again, each
// time replacing the reported column with a valid placeholder, so that one row reports
// every bad column at once.
func (rp *rowParser) validate(p *catalog.Procedure) {
	if len(rp.errs) == 0 && rp.rec.extra == "" {
		if err := p.Validate(); err == nil {
			return
		}
	}
	q := *p
	for col := range numColumns {
		if rp.bad[col] {
			placeholder(&q, col)
		}
	}
	if rp.bad[colChannels] && len(q.TimeLimits) == 0 {
		// Limits given for "every channel" have no channels to apply to yet.
		placeholder(&q, colTimeLimits)
	}
	for range numColumns + 1 {
		err := q.Validate()
		if err == nil {
			return
		}
		e := motcua.AsError(err)
		col, ok := validateColumn(e, &q)
		if !ok || rp.bad[col] {
			// A rule this package does not know: report it on the row, once.
			rp.errs = append(rp.errs, newRowError(rp.rec.row, "", "", keyOf(e)))
			return
		}
		rp.report(col, strings.TrimSpace(rp.rec.cells[col]), e.Message)
		placeholder(&q, col)
	}
}

// validateColumn maps the field of a Validate error ("time_limits.unit") to its column.
func validateColumn(e *motcua.Error, q *catalog.Procedure) (int, bool) {
	if e == nil {
		return 0, false
	}
	field, _, _ := strings.Cut(e.Field, ".")
	if field == "result" && e.Message == "catalog.text_too_long" &&
		utf8.RuneCountInString(q.Result) <= maxResultChars {
		field = "legal_basis"
	}
	col, ok := keyIndex[field]
	return col, ok
}

func keyOf(e *motcua.Error) string {
	if e == nil {
		return "catalog.invalid"
	}
	return e.Message
}

// placeholder sets column col of q to a value Validate accepts.
func placeholder(q *catalog.Procedure, col int) {
	switch col {
	case colCode:
		q.Code = "X00"
	case colName:
		q.Name = "x"
	case colUnitCode:
		q.UnitCode = "X"
	case colFieldCode:
		q.FieldCode = "X"
	case colLevel:
		q.Level = catalog.LevelProvince
	case colChannels:
		q.Channels = []catalog.Channel{catalog.ChannelCounter}
	case colTimeLimits:
		q.TimeLimits = []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 1, Unit: catalog.WorkingDays}}
	case colFees:
		q.Fees = nil
	case colPapers:
		q.Papers = nil
	case colSteps:
		q.Steps = nil
	case colChain:
		q.Chain = nil
	case colResult:
		q.Result = ""
	case colLegalBasis:
		q.LegalBasis = ""
	}
}
