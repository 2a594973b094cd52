package web

import (
	"net/http"

	"github.com/motcua/motcua/auth"
)

// reportPageRoutes are the staff report pages and their exports (issue 7), and the
// API of the official periodic report. Every route needs auth.ReportRead; a
// unit-bound actor sees their own unit only (reportScope).
func (s *Server) reportPageRoutes() []route {
	page := func(pattern string, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: "GET", Pattern: pattern, Perm: auth.ReportRead, Handle: h}
	}
	return []route{
		page("/reports", s.pageReports),
		page("/reports/summary.csv", s.pageReportSummaryExport),
		page("/reports/summary.xlsx", s.pageReportSummaryExport),
		page("/reports/late-units.csv", s.pageReportLateUnitsExport),
		page("/reports/late-units.xlsx", s.pageReportLateUnitsExport),
		page("/reports/periodic", s.pagePeriodicReport),
		page("/reports/periodic.csv", s.pagePeriodicExport),
		page("/reports/periodic.xlsx", s.pagePeriodicExport),
		{Method: "GET", Pattern: "/api/v1/reports/periodic", Perm: auth.ReportRead, API: true, Handle: s.apiReportPeriodic},
	}
}
