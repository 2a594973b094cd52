package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/tablexport"
)

// Export formats of the report routes.
const (
	formatJSON = "json"
	formatCSV  = "csv"
	formatXLSX = "xlsx"
)

// reportFormat reads ?format=: json (the default), csv or xlsx.
func reportFormat(r *http.Request) (string, error) {
	switch f := strings.TrimSpace(r.URL.Query().Get("format")); f {
	case "", formatJSON:
		return formatJSON, nil
	case formatCSV, formatXLSX:
		return f, nil
	}
	return "", motcua.FieldError(motcua.EINVALID, "format", "report.format_invalid")
}

// writeTable sends t as a CSV or XLSX attachment named base-FROM-TO.ext (ASCII only,
// so every browser keeps the name). The file is built in memory first, so a failure
// still gets a proper error answer.
func writeTable(w http.ResponseWriter, format, base string, from, to calendar.Date, t tablexport.Table) error {
	var buf bytes.Buffer
	ctype := "text/csv; charset=utf-8"
	var err error
	if format == formatXLSX {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		err = tablexport.WriteXLSX(&buf, t)
	} else {
		err = tablexport.WriteCSV(&buf, t)
	}
	if err != nil {
		return fmt.Errorf("export %s as %s: %w", base, format, err)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-%s.%s"`, base, from, to, format))
	w.WriteHeader(http.StatusOK)
	_, err = buf.WriteTo(w)
	return err
}

// exportSummary sends a summary as the report page's grouped table.
func (s *Server) exportSummary(w http.ResponseWriter, r *http.Request, format string, sum *report.Summary) error {
	lang := langOf(r)
	name, err := s.reportNamer(r.Context(), lang, sum.GroupBy)
	if err != nil {
		return err
	}
	return writeTable(w, format, "bao-cao-tong-hop", sum.From, sum.To, report.SummaryTable(sum, lang, name, tr(lang), s.DB.Now()))
}

// exportLateUnits sends the ranking of units by late rate.
func (s *Server) exportLateUnits(w http.ResponseWriter, r *http.Request, format string, from, to calendar.Date, ranks []report.UnitRank) error {
	lang := langOf(r)
	name, err := s.reportNamer(r.Context(), lang, report.ByUnit)
	if err != nil {
		return err
	}
	return writeTable(w, format, "xep-hang-tre-han", from, to, report.RankTable(from, to, ranks, lang, name, tr(lang), s.DB.Now()))
}

// exportPeriodic sends the official periodic report.
func (s *Server) exportPeriodic(w http.ResponseWriter, r *http.Request, format string, p *report.Periodic) error {
	return writeTable(w, format, "tinh-hinh-giai-quyet-tthc", p.From, p.To, p.Table(langOf(r), s.DB.Now()))
}

// apiReportPeriodic answers GET /reports/periodic: the official periodic report
// (report.Periodic) of the period per unit or field (group_by=unit|field, default
// unit), optionally for one unit; format=csv|xlsx sends it as a file.
func (s *Server) apiReportPeriodic(w http.ResponseWriter, r *http.Request) error {
	format, err := reportFormat(r)
	if err != nil {
		return err
	}
	from, to, err := s.reportPeriod(r)
	if err != nil {
		return err
	}
	v := r.URL.Query()
	by := report.GroupBy(strings.TrimSpace(v.Get("group_by")))
	if by == "" {
		by = report.ByUnit
	}
	unit, err := reportScope(r, strings.TrimSpace(v.Get("unit")), "")
	if err != nil {
		return err
	}
	p, err := s.periodicReport(r.Context(), langOf(r), report.Query{From: from, To: to, Unit: unit, GroupBy: by})
	if err != nil {
		return err
	}
	if format != formatJSON {
		return s.exportPeriodic(w, r, format, p)
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// pageReportSummaryExport sends the report page's table (same filters) as a file;
// the format is the path's extension.
func (s *Server) pageReportSummaryExport(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parseReportRequest(r, summaryGroups)
	if err != nil {
		return err
	}
	sum, err := s.DB.ReportSummary(r.Context(), req.Query)
	if err != nil {
		return err
	}
	return s.exportSummary(w, r, extOf(r), sum)
}

// pageReportLateUnitsExport sends the ranking of units shown on the report page.
func (s *Server) pageReportLateUnitsExport(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parseReportRequest(r, summaryGroups)
	if err != nil {
		return err
	}
	q := req.Query
	ranks, err := s.DB.ReportLateUnits(r.Context(), q.From, q.To, q.Unit)
	if err != nil {
		return err
	}
	return s.exportLateUnits(w, r, extOf(r), q.From, q.To, ranks)
}

// pagePeriodicExport sends the periodic report shown on /reports/periodic.
func (s *Server) pagePeriodicExport(w http.ResponseWriter, r *http.Request) error {
	req, err := s.parseReportRequest(r, periodicGroups)
	if err != nil {
		return err
	}
	q := req.Query
	p, err := s.periodicReport(r.Context(), langOf(r), report.Query{From: q.From, To: q.To, Unit: q.Unit, GroupBy: q.GroupBy})
	if err != nil {
		return err
	}
	return s.exportPeriodic(w, r, extOf(r), p)
}

// extOf is the export format named by the path's extension (.csv or .xlsx).
func extOf(r *http.Request) string {
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		return formatXLSX
	}
	return formatCSV
}
