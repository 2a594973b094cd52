package web

import (
	"net/http"

	"github.com/motcua/motcua/auth"
)

// dashboardRoutes are the director's dashboard (report.read, scoped to the actor's
// unit) and the public transparency page with its open data downloads (no login,
// aggregates only, rate limited per client address) — issue 7.
func (s *Server) dashboardRoutes() []route {
	api := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: "/api/v1" + pattern, Perm: perm, API: true, Handle: h}
	}
	page := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
	}
	return []route{
		page("GET", "/dashboard", auth.ReportRead, s.pageDashboard),
		page("GET", "/dashboard/live", auth.ReportRead, s.pageDashboardLive),
		api("GET", "/reports/dashboard", auth.ReportRead, s.apiDashboard),
		page("GET", "/minh-bach", auth.Public, s.pageTransparency),
		api("GET", "/public/reports/units.csv", auth.Public, s.apiOpenDataCSV),
		api("GET", "/public/reports/units.json", auth.Public, s.apiOpenDataJSON),
	}
}
