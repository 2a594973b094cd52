package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/sqldb"
)

// RequestTimeout bounds the work of one ordinary request, database waits included, so
// that when the database stops answering clients get a 503 with Retry-After in
// seconds instead of a hanging connection. Event streams, catalogue imports and
// file exports are exempt (see longRequest). Set it before serving.
var RequestTimeout = 15 * time.Second

// withTimeout gives each request's context the RequestTimeout deadline.
func withTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if RequestTimeout <= 0 || longRequest(r) {
			next.ServeHTTP(w, r)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// longRequest reports the requests exempt from RequestTimeout: server-sent event
// streams, catalogue imports and file exports (CSV, XLSX), which stream or run long by
// nature (the server's write timeout still bounds them).
func longRequest(r *http.Request) bool {
	p := r.URL.Path
	return strings.Contains(r.Header.Get("Accept"), "text/event-stream") ||
		strings.HasSuffix(p, "/events") || strings.Contains(p, "/import") ||
		strings.HasSuffix(p, ".csv") || strings.HasSuffix(p, ".xlsx") || strings.Contains(p, "/export")
}

// unavailableErr turns an error that is not an application error but means the
// database cannot answer now (lost connection, deadline met waiting for it) into
// EUNAVAILABLE, so the client gets 503 with Retry-After rather than 500. The cause
// stays in the chain for the log.
func unavailableErr(r *http.Request, err error) error {
	if err == nil || motcua.AsError(err) != nil {
		return err
	}
	deadline := errors.Is(err, context.DeadlineExceeded) && r.Context().Err() != nil
	if !deadline && !sqldb.Unavailable(err) {
		return err
	}
	return &unavailable{cause: err}
}

type unavailable struct{ cause error }

func (u *unavailable) Error() string { return "database unavailable: " + u.cause.Error() }
func (u *unavailable) Unwrap() []error {
	return []error{&motcua.Error{Code: motcua.EUNAVAILABLE, Message: "db.unavailable"}, u.cause}
}
