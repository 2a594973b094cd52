package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
)

// route is one entry of the route table: the method and ServeMux pattern, the one
// permission it requires, and whether it is part of the JSON API (errors as
// problem+json) or a page (errors as HTML).
type route struct {
	Method  string
	Pattern string
	Perm    auth.Permission
	API     bool
	Handle  func(w http.ResponseWriter, r *http.Request) error
}

// Route describes a route for tests and documentation.
type Route struct {
	Method, Pattern string
	Perm            auth.Permission
	API             bool
}

// Routes returns the route table.
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.routes))
	for i, rt := range s.routes {
		out[i] = Route{rt.Method, rt.Pattern, rt.Perm, rt.API}
	}
	return out
}

func (s *Server) routeTable() []route {
	api := func(method, pattern string, perm auth.Permission, h func(http.ResponseWriter, *http.Request) error) route {
		return route{Method: method, Pattern: "/api/v1" + pattern, Perm: perm, API: true, Handle: h}
	}
	page := func(method, pattern string, perm auth.Permission, h func(http.ResponseWriter, *http.Request) error) route {
		return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
	}
	rs := []route{
		// operations
		page("GET", "/healthz", auth.Public, s.healthz),
		page("GET", "/readyz", auth.Public, s.readyz),
		page("GET", "/metrics", auth.SettingsMonitor, s.metricsHandler),

		// API: auth
		api("POST", "/auth/login", auth.Public, s.apiLogin),
		api("POST", "/auth/logout", auth.Authenticated, s.apiLogout),
		api("GET", "/auth/me", auth.Authenticated, s.apiMe),
		api("GET", "/openapi.json", auth.Public, s.openAPI),

		// API: catalogue
		api("GET", "/units", auth.CatalogRead, s.apiListUnits),
		api("POST", "/units", auth.CatalogWrite, s.apiCreateUnit),
		api("GET", "/units/{code}", auth.CatalogRead, s.apiGetUnit),
		api("PUT", "/units/{code}", auth.CatalogWrite, s.apiUpdateUnit),
		api("GET", "/fields", auth.CatalogRead, s.apiListFields),
		api("POST", "/fields", auth.CatalogWrite, s.apiCreateField),
		api("GET", "/procedures", auth.CatalogRead, s.apiListProcedures),
		api("POST", "/procedures", auth.CatalogWrite, s.apiCreateProcedure),
		api("POST", "/procedures/import", auth.CatalogWrite, s.apiImportProcedures),
		api("GET", "/procedures/{code}", auth.CatalogRead, s.apiGetProcedure),
		api("PUT", "/procedures/{code}", auth.CatalogWrite, s.apiUpdateProcedure),
		api("GET", "/procedures/{code}/history", auth.CatalogRead, s.apiProcedureHistory),
		api("GET", "/public/procedures", auth.Public, s.apiListProcedures),
		api("GET", "/public/procedures/{code}", auth.Public, s.apiGetProcedure),

		// API: working calendar
		api("GET", "/calendar/holidays", auth.Public, s.apiHolidays),
		api("GET", "/calendar/due", auth.Public, s.apiDue),
		api("GET", "/calendar/schedules/{year}", auth.Public, s.apiGetSchedule),
		api("PUT", "/calendar/schedules/{year}", auth.CalendarWrite, s.apiPutSchedule),
		api("POST", "/calendar/schedules/{year}/ical", auth.CalendarWrite, s.apiImportICal),
		api("GET", "/calendar/ical/{year}", auth.Public, s.apiExportICal),
		api("GET", "/units/{code}/shifts", auth.CatalogRead, s.apiGetShifts),
		api("PUT", "/units/{code}/shifts", auth.CalendarWrite, s.apiPutShifts),
		api("DELETE", "/units/{code}/shifts", auth.CalendarWrite, s.apiDeleteShifts),

		// API: dossiers
		api("POST", "/dossiers", auth.DossierReceive, s.apiReceiveDossier),
		api("POST", "/dossiers/online", auth.DossierSubmitOnline, s.apiSubmitOnline),
		api("GET", "/dossiers", auth.DossierRead, s.apiListDossiers),
		api("GET", "/dossiers/{code}", auth.DossierRead, s.apiGetDossier),
		api("GET", "/dossiers/{code}/events", auth.DossierRead, s.apiDossierEvents),
		api("POST", "/dossiers/{code}/actions/{action}", auth.DossierProcess, s.apiDossierAction),
		api("GET", "/dossiers/{code}/slips/{kind}", auth.DossierRead, s.apiDossierSlip),
		api("GET", "/dossiers/{code}/attachments", auth.DossierRead, s.apiDossierAttachments),
		api("POST", "/attachments", auth.DossierProcess, s.apiUploadAttachment),
		api("GET", "/attachments/{sha256}", auth.DossierRead, s.apiGetAttachment),
		api("GET", "/public/dossiers/{code}", auth.Public, s.apiPublicDossier),
		api("GET", "/fees/totals", auth.DossierRead, s.apiFeeTotals),

		// API: users and audit
		api("GET", "/users", auth.UsersManage, s.apiListUsers),
		api("POST", "/users", auth.UsersManage, s.apiCreateUser),
		api("PUT", "/users/{id}", auth.UsersManage, s.apiUpdateUser),
		api("GET", "/audit", auth.AuditRead, s.apiListAudit),
		api("GET", "/audit/verify", auth.AuditRead, s.apiVerifyAudit),

		// pages
		page("GET", "/{$}", auth.Public, s.pageHome),
		page("GET", "/login", auth.Public, s.pageLogin),
		page("POST", "/login", auth.Public, s.pageLoginSubmit),
		page("POST", "/logout", auth.Authenticated, s.pageLogout),
		page("POST", "/lang", auth.Public, s.pageSetLang),
		page("GET", "/procedures", auth.Public, s.pageProcedures),
		page("GET", "/procedures/{code}", auth.Public, s.pageProcedure),
		page("GET", "/me", auth.Authenticated, s.pageMe),
		page("GET", "/calendar", auth.Public, s.pageCalendar),
		page("GET", "/tra-cuu", auth.Public, s.pageLookup),
		page("GET", "/static/slip.css", auth.Public, s.slipCSS),
		page("GET", "/tra-cuu/{code}", auth.Public, s.pageLookup),
		page("POST", "/calendar/load", auth.CalendarWrite, s.pageCalendarLoad),
	}
	rs = append(rs, s.staffRoutes()...)
	rs = append(rs, s.queueRoutes()...)
	rs = append(rs, s.reportRoutes()...)
	rs = append(rs, s.reportPageRoutes()...)
	rs = append(rs, s.dashboardRoutes()...)
	rs = append(rs, s.qualityRoutes()...)
	return append(rs, s.adminRoutes()...)
}

// wrap turns a route into a handler: authorisation first, then the handler, with
// errors rendered as problem+json or an HTML page, and metrics recorded.
func (s *Server) wrap(rt route) http.Handler {
	label := rt.Method + " " + rt.Pattern
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		err := s.authorize(r, rt.Perm)
		if err == nil {
			err = rt.Handle(sw, r)
		}
		if err != nil {
			if rt.API || wantsJSON(r) {
				s.writeProblem(sw, r, err)
			} else {
				s.writeErrorPage(sw, r, err)
			}
		}
		s.metrics.observe(label, sw.status, time.Since(start))
	})
}

// authorize is the single authorisation check every route goes through.
func (s *Server) authorize(r *http.Request, p auth.Permission) error {
	a := motcua.ActorFrom(r.Context())
	if auth.Allowed(a, p) {
		return nil
	}
	if a == nil {
		return motcua.Errorf(motcua.EUNAUTHORIZED, "auth.login_required")
	}
	return motcua.Errorf(motcua.EFORBIDDEN, "auth.forbidden")
}

func wantsJSON(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json")
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	err := motcua.Errorf(motcua.ENOTFOUND, "error.page_not_found")
	if wantsJSON(r) {
		s.writeProblem(w, r, err)
		return
	}
	s.writeErrorPage(w, r, err)
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
