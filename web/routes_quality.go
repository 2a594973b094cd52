package web

import (
	"net/http"

	"github.com/motcua/motcua/auth"
)

// qualityRoutes are the service-quality routes of issue 7: the Decision 766 index with
// its formulas, the satisfaction shares and the procedure coverage ("4 tại chỗ" and
// online), as JSON and as a staff page. All read reports (auth.ReportRead) within the
// actor's unit scope (reportScope).
func (s *Server) qualityRoutes() []route {
	api := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: "/api/v1" + pattern, Perm: perm, API: true, Handle: h}
	}
	page := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
	}
	return []route{
		api("GET", "/reports/quality-index", auth.ReportRead, s.apiReportQualityIndex),
		api("GET", "/reports/satisfaction", auth.ReportRead, s.apiReportSatisfaction),
		api("GET", "/reports/procedure-coverage", auth.ReportRead, s.apiReportProcedureCoverage),
		page("GET", "/reports/quality-index", auth.ReportRead, s.pageQualityIndex),
	}
}
