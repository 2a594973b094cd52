package dossier

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// Code is a parsed dossier code (mã số hồ sơ, Circular 03/2025/TT-VPCP): the
// electronic identifier of the receiving agency, the day of receipt and the agency's
// daily sequence number.
type Code struct {
	Unit string        `json:"unit"`
	Day  calendar.Date `json:"day"`
	Seq  int           `json:"seq"`
}

// MaxCodeSeq bounds the daily sequence (9 digits), far above any real day's intake.
const MaxCodeSeq = 999_999_999

// FormatCode returns the dossier code UNIT-YYMMDD-NNNN (Circular 03/2025/TT-VPCP;
// domain.md "Dossier code"): the agency's electronic identifier (mã định danh điện tử,
// e.g. H37.25.10 or 000.00.20.H37), a hyphen, the day of receipt as YYMMDD in Vietnam
// time, a hyphen, and the agency's sequence number of that day with at least 4 digits
// (zero-padded), longer when a day needs it: sequence 10000 gives 5 digits. Codes are
// never reused; the sequence is allocated by storage. The 2-digit system prefix of
// centrally provided services (Circular 04/2025/TT-VPCP) is not produced here.
func FormatCode(unitCode string, day calendar.Date, seq int) string {
	return fmt.Sprintf("%s-%02d%02d%02d-%04d", unitCode, day.Year%100, int(day.Month), day.Day, seq)
}

// FormatCodeAt is FormatCode for the Vietnam-time day of instant t.
func FormatCodeAt(unitCode string, t time.Time, seq int) string {
	return FormatCode(unitCode, calendar.DateOf(t), seq)
}

// String returns the canonical form of c (FormatCode).
func (c Code) String() string { return FormatCode(c.Unit, c.Day, c.Seq) }

// ParseCode parses a dossier code as typed by a person: surrounding spaces are
// ignored and letters are upper-cased, then the code must be exactly UNIT-YYMMDD-N…:
// UNIT a valid agency identifier (catalog.ValidUnitCode), YYMMDD a real date of
// 2000–2099, and the sequence 1–999999999 written with exactly 4 digits when below
// 10000 and without leading zeros above (so that every code has one written form and
// String gives back the normalised input). It returns a *motcua.Error (EINVALID,
// field "code", message "dossier.code_invalid").
func ParseCode(s string) (Code, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	bad := func() (Code, error) {
		return Code{}, motcua.FieldError(motcua.EINVALID, "code", MsgCodeInvalid)
	}
	if len(s) > 80 {
		return bad()
	}
	parts := strings.Split(s, "-")
	if len(parts) != 3 || !catalog.ValidUnitCode(parts[0]) {
		return bad()
	}
	ds, ns := parts[1], parts[2]
	if len(ds) != 6 || !allDigits(ds) || len(ns) < 4 || len(ns) > 9 || !allDigits(ns) {
		return bad()
	}
	if len(ns) > 4 && ns[0] == '0' {
		return bad()
	}
	y, _ := strconv.Atoi(ds[0:2])
	m, _ := strconv.Atoi(ds[2:4])
	d, _ := strconv.Atoi(ds[4:6])
	day := calendar.D(2000+y, time.Month(m), d)
	if !day.Valid() {
		return bad()
	}
	seq, err := strconv.Atoi(ns)
	if err != nil || seq < 1 || seq > MaxCodeSeq {
		return bad()
	}
	return Code{Unit: parts[0], Day: day, Seq: seq}, nil
}
