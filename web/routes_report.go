package web

import (
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/report"
)

// reportRoutes are the statistics routes (issue 7), read from the report rollups.
func (s *Server) reportRoutes() []route {
	api := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: "/api/v1" + pattern, Perm: perm, API: true, Handle: h}
	}
	return []route{
		api("GET", "/reports/summary", auth.ReportRead, s.apiReportSummary),
		api("GET", "/reports/late-units", auth.ReportRead, s.apiReportLateUnits),
	}
}

// reportPeriod reads ?from= and ?to= (YYYY-MM-DD, Vietnam days, both inclusive); the
// default is the current month up to today.
func (s *Server) reportPeriod(r *http.Request) (from, to calendar.Date, err error) {
	today := calendar.DateOf(s.DB.Now())
	from, to = calendar.D(today.Year, today.Month, 1), today
	q := r.URL.Query()
	for name, dst := range map[string]*calendar.Date{"from": &from, "to": &to} {
		if v := strings.TrimSpace(q.Get(name)); v != "" {
			d, perr := calendar.ParseDate(v)
			if perr != nil {
				return from, to, motcua.FieldError(motcua.EINVALID, name, "request.date")
			}
			*dst = d
		}
	}
	if to.Before(from) {
		return from, to, motcua.FieldError(motcua.EINVALID, "to", "request.date_order")
	}
	return from, to, nil
}

// reportScope applies the unit scope of reports: an actor with a unit sees the
// figures of that unit only — as resolving unit (unit=) or as receiving unit
// (recv_unit=); asking for another unit is forbidden. Without either, unit is set to
// the actor's unit.
func reportScope(r *http.Request, unit, recvUnit string) (string, error) {
	a := motcua.ActorFrom(r.Context())
	if a == nil || a.UnitCode == "" {
		return unit, nil
	}
	switch {
	case unit == a.UnitCode, unit == "" && recvUnit == a.UnitCode:
		return unit, nil
	case unit == "" && recvUnit == "":
		return a.UnitCode, nil
	}
	return "", motcua.FieldError(motcua.EFORBIDDEN, "unit", "dossier.unit_forbidden")
}

// apiReportSummary answers GET /reports/summary: the figures (report.Figures) of the
// period per group and in total, with the filters unit (resolving unit), recv_unit,
// procedure, field, channel and group_by=unit|field|procedure|channel|none;
// format=csv|xlsx sends the table of the report page instead (exportSummary).
func (s *Server) apiReportSummary(w http.ResponseWriter, r *http.Request) error {
	format, err := reportFormat(r)
	if err != nil {
		return err
	}
	from, to, err := s.reportPeriod(r)
	if err != nil {
		return err
	}
	v := r.URL.Query()
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	q := report.Query{From: from, To: to, Unit: get("unit"), RecvUnit: get("recv_unit"), Procedure: get("procedure"),
		Field: get("field"), Channel: catalog.Channel(get("channel")), GroupBy: report.GroupBy(get("group_by"))}
	if q.Unit, err = reportScope(r, q.Unit, q.RecvUnit); err != nil {
		return err
	}
	sum, err := s.DB.ReportSummary(r.Context(), q)
	if err != nil {
		return err
	}
	if format != formatJSON {
		return s.exportSummary(w, r, format, sum)
	}
	writeJSON(w, http.StatusOK, sum)
	return nil
}

// apiReportLateUnits answers GET /reports/late-units: the units ranked by late rate
// over the period, lateness attributed to the unit of the late step; format=csv|xlsx
// sends it as a file.
func (s *Server) apiReportLateUnits(w http.ResponseWriter, r *http.Request) error {
	format, err := reportFormat(r)
	if err != nil {
		return err
	}
	from, to, err := s.reportPeriod(r)
	if err != nil {
		return err
	}
	unit, err := reportScope(r, strings.TrimSpace(r.URL.Query().Get("unit")), "")
	if err != nil {
		return err
	}
	items, err := s.DB.ReportLateUnits(r.Context(), from, to, unit)
	if err != nil {
		return err
	}
	if format != formatJSON {
		return s.exportLateUnits(w, r, format, from, to, items)
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from, "to": to, "items": items})
	return nil
}
