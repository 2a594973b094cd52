package importer

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/motcua/motcua"
)

// RowError is one problem found in one cell (or row) of an imported sheet.
type RowError struct {
	// Row is the row number as the user sees it in the sheet: the header is row 1 (or
	// the row it is on in an XLSX sheet with blank rows above it).
	Row int `json:"row"`
	// Column is the column key ("level", "fees", …), or for an unknown header the
	// header text, or for a cell under no header the spreadsheet letter ("Q").
	Column string `json:"column,omitempty"`
	// Value is the offending cell or list item, cut to 100 characters.
	Value string `json:"value,omitempty"`
	// Key is the i18n message key, e.g. "import.required" or, for rules checked by
	// catalog.Procedure.Validate, its key such as "catalog.procedure.code_invalid".
	Key string `json:"key"`
	// Message is the problem in English, MessageVI in Vietnamese.
	Message   string `json:"message"`
	MessageVI string `json:"message_vi"`
}

// Error formats e for logs and the command line.
func (e RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "row %d", e.Row)
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %s", e.Column)
	}
	if e.Value != "" {
		fmt.Fprintf(&b, " (%q)", e.Value)
	}
	fmt.Fprintf(&b, ": %s [%s]", e.Message, e.Key)
	return b.String()
}

// AsError wraps row errors in one *motcua.Error (code EUNPROCESSABLE, message key
// "import.rows_invalid", the errors in Details) for the API; nil when errs is empty.
func AsError(errs []RowError) error {
	if len(errs) == 0 {
		return nil
	}
	return &motcua.Error{
		Code:    motcua.EUNPROCESSABLE,
		Message: "import.rows_invalid",
		Params:  map[string]any{"count": len(errs)},
		Details: errs,
	}
}

// newRowError builds a RowError with both messages formatted from args.
func newRowError(row int, column, value, key string, args ...any) RowError {
	m, ok := messages[key]
	if !ok {
		m = message{"invalid value", "giá trị không hợp lệ"}
	}
	return RowError{
		Row:       row,
		Column:    column,
		Value:     truncate(value, maxValueChars),
		Key:       key,
		Message:   fmt.Sprintf(m.en, args...),
		MessageVI: fmt.Sprintf(m.vi, args...),
	}
}

// truncate cuts s to at most n characters, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// errorList collects row errors up to MaxErrors.
type errorList struct {
	errs []RowError
	full bool
}

// add records e and reports whether there is room for more.
func (l *errorList) add(e RowError) bool {
	if l.full {
		return false
	}
	if len(l.errs) >= MaxErrors {
		l.errs = append(l.errs, newRowError(e.Row, "", "", KeyTooManyErrors, MaxErrors))
		l.full = true
		return false
	}
	l.errs = append(l.errs, e)
	return true
}
