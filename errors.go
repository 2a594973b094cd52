// Package motcua holds the small set of types every other package shares: the
// application error with its stable code, and the actor carried in a request's context.
// Domain packages (calendar, catalog, dossier, …) build on it; storage and transport
// map its codes to SQL and HTTP outcomes in one place each.
package motcua

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in web/problem.go.
const (
	EINVALID       = "invalid"       // 400: malformed or wrongly typed input
	EUNAUTHORIZED  = "unauthorized"  // 401: no or bad credentials
	EFORBIDDEN     = "forbidden"     // 403: authenticated but not allowed
	ENOTFOUND      = "not_found"     // 404
	ECONFLICT      = "conflict"      // 409: duplicate, stale version, invalid transition
	EUNPROCESSABLE = "unprocessable" // 422: well-formed input that breaks a rule
	ETOOMANY       = "too_many"      // 429: rate limited
	EUNAVAILABLE   = "unavailable"   // 503: a dependency (the database) is down
	EINTERNAL      = "internal"      // 500
)

// Error is an application error: Code is stable and machine-readable, Message is shown
// to the user (an i18n key or plain text already translated), Field names the offending
// input field when there is one, and Params carries values for the message template.
type Error struct {
	Code    string
	Message string
	Field   string
	Params  map[string]any
	// Details holds structured extras for the client, such as per-row import errors or
	// the transitions allowed from the current state.
	Details any
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("motcua %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("motcua %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an *Error about one input field.
func FieldError(code, field, message string) *Error {
	return &Error{Code: code, Field: field, Message: message}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for any other
// non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the first *Error in err's chain, or nil.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
