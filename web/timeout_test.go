package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/motcua/motcua"
)

func TestRequestDeadline(t *testing.T) {
	var got []bool
	h := withTimeout(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, ok := r.Context().Deadline()
		got = append(got, ok)
	}))
	for _, c := range []struct {
		path, accept string
		deadline     bool
	}{
		{"/api/v1/dossiers", "", true},
		{"/", "text/html", true},
		{"/api/v1/queue/events", "text/event-stream", false},
		{"/api/v1/procedures/import", "", false},
		{"/book.csv", "", false},
	} {
		got = nil
		r := httptest.NewRequest("GET", c.path, nil)
		r.Header.Set("Accept", c.accept)
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got[0] != c.deadline {
			t.Errorf("%s: deadline %v, want %v", c.path, got[0], c.deadline)
		}
	}
}

// TestUnavailableProblem: errors that mean the database cannot answer now become 503
// with Retry-After; statement errors stay 500 and application errors keep their code.
func TestUnavailableProblem(t *testing.T) {
	s := &Server{log: slog.New(slog.DiscardHandler)}
	expired, cancel := context.WithTimeout(context.Background(), -time.Second)
	defer cancel()
	for _, c := range []struct {
		err    error
		ctx    context.Context
		status int
	}{
		{fmt.Errorf("list: %w", &pgconn.PgError{Code: "57P01"}), nil, 503},
		{fmt.Errorf("list: %w", &pgconn.PgError{Code: "08006"}), nil, 503},
		{fmt.Errorf("list: %w", &pgconn.PgError{Code: "42P01"}), nil, 500},
		{fmt.Errorf("dial: %w", &net.OpError{Op: "dial", Err: errors.New("connection refused")}), nil, 503},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), expired, 503},
		{errors.New("template: boom"), nil, 500},
		{motcua.Errorf(motcua.ENOTFOUND, "x"), nil, 404},
	} {
		r := httptest.NewRequest("GET", "/api/v1/dossiers", nil)
		if c.ctx != nil {
			r = r.WithContext(c.ctx)
		}
		w := httptest.NewRecorder()
		s.writeProblem(w, r, c.err)
		if w.Code != c.status || (c.status == 503) != (w.Header().Get("Retry-After") != "") {
			t.Errorf("%v: %d, Retry-After %q; want %d", c.err, w.Code, w.Header().Get("Retry-After"), c.status)
		}
	}
}
