// Package web serves motcua over HTTP: the JSON API under /api/v1 (problem+json
// errors, OpenAPI document), the staff web application and the public pages. Every
// route is declared once in routes.go with the permission it needs; authorize checks
// it before any handler runs.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/blob"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
	"github.com/prometheus/client_golang/prometheus"
)

// Server holds the dependencies of the HTTP layer.
type Server struct {
	DB      *sqldb.DB
	Catalog catalog.Store
	Users   auth.Store
	// Calendar stores schedules and shifts; Calendars builds each unit's calendar.
	Calendar  calendar.Store
	Calendars *calendar.Provider
	Dossiers  dossier.Store
	// Blobs holds uploaded papers and results.
	Blobs *blob.Store
	// BaseURL is the public address printed in slips' QR codes ("" = the request's host).
	BaseURL string
	// Version is shown by /healthz and the page footer.
	Version string
	// SecureCookies marks session cookies Secure (set when served over HTTPS).
	SecureCookies bool

	log        *slog.Logger
	mux        *http.ServeMux
	routes     []route
	metrics    *metrics
	loginRate  *rateLimiter
	lookupRate *rateLimiter
	pages      *pages
	queueSt    *queueState
	jobReg     *jobRegistry
	unitNames  unitNameCache
}

// New builds a Server with its routes; uploaded files are kept under dataDir/blobs.
// log may be nil.
func New(db *sqldb.DB, dataDir string, log *slog.Logger) (*Server, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Server{
		DB: db, Catalog: db.Catalog(), Users: db.Users(), Calendar: db.CalendarStore(), Dossiers: db.Dossiers(), Version: "dev",
		log:        log,
		mux:        http.NewServeMux(),
		metrics:    newMetrics(),
		loginRate:  newRateLimiter(10, time.Minute),
		lookupRate: newRateLimiter(60, time.Minute),
	}
	s.Calendars = &calendar.Provider{Store: s.Calendar, Parent: func(ctx context.Context, code string) (string, error) {
		u, err := s.Catalog.GetUnit(ctx, code)
		if err != nil {
			return "", err
		}
		return u.ParentCode, nil
	}}
	blobs, err := blob.Open(filepath.Join(dataDir, "blobs"))
	if err != nil {
		return nil, err
	}
	s.Blobs = blobs
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s.pages = p
	s.queueSt = newQueueState(s)
	s.jobReg = newJobRegistry()
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	s.mux.Handle("GET /static/", staticHandler())
	s.mux.HandleFunc("/", s.notFound)
	return s, nil
}

// Handler returns the root handler: security headers, cross-origin protection for
// browser writes, the request's actor and language, then the routes.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuseCSRF(w, r)
	}))
	return securityHeaders(withTimeout(cop.Handler(s.identify(s.mux))))
}

// Registry returns the Prometheus registry served at /metrics.
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}

// Shutdown ends the queue boards' event streams and waits for running import jobs
// (until ctx ends). The database is closed by the caller afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.CloseQueue()
	done := make(chan struct{})
	go func() { s.jobReg.wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
