package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// calendarFor returns the calendar of the "unit" query parameter (the province when absent).
func (s *Server) calendarFor(r *http.Request) (*calendar.Calendar, string, error) {
	unit := r.URL.Query().Get("unit")
	if unit != "" {
		if _, err := s.Catalog.GetUnit(r.Context(), unit); err != nil {
			if motcua.ErrorCode(err) == motcua.ENOTFOUND {
				return nil, "", &motcua.Error{Code: motcua.ENOTFOUND, Field: "unit", Message: "catalog.unit.not_found", Params: map[string]any{"code": unit}}
			}
			return nil, "", err
		}
	}
	c, err := s.Calendars.ForUnit(r.Context(), unit)
	return c, unit, err
}

func yearParam(r *http.Request, v string) (int, error) {
	y, err := strconv.Atoi(v)
	if err != nil || y < calendar.MinYear || y > calendar.MaxYear {
		return 0, &motcua.Error{Code: motcua.EINVALID, Field: "year", Message: "calendar.year_range", Params: map[string]any{"min": calendar.MinYear, "max": calendar.MaxYear}}
	}
	return y, nil
}

// apiHolidays lists every non-working weekday and make-up working day of a year.
func (s *Server) apiHolidays(w http.ResponseWriter, r *http.Request) error {
	y, err := yearParam(r, r.URL.Query().Get("year"))
	if err != nil {
		return err
	}
	c, unit, err := s.calendarFor(r)
	if err != nil {
		return err
	}
	hs, err := c.Holidays(y)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": y, "unit": unit, "items": hs, "shifts": c.Shifts(), "calendar_versions": c.Versions()})
	return nil
}

// apiDue computes a due time and its explanation. Optional stops are given as
// stops=FROM/TO,FROM/TO in RFC 3339.
func (s *Server) apiDue(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	start, err := time.Parse(time.RFC3339, q.Get("start"))
	if err != nil {
		return motcua.FieldError(motcua.EINVALID, "start", "calendar.start_invalid")
	}
	amount, err := strconv.Atoi(q.Get("amount"))
	if err != nil || amount < 0 || amount > calendar.MaxDays {
		return &motcua.Error{Code: motcua.EINVALID, Field: "amount", Message: "calendar.amount_invalid", Params: map[string]any{"max": calendar.MaxDays}}
	}
	unit := calendar.TimeUnit(q.Get("unit_of_time"))
	if unit == "" {
		unit = calendar.WorkingDays
	}
	if !unit.Valid() {
		return motcua.FieldError(motcua.EINVALID, "unit_of_time", "catalog.procedure.time_unit_invalid")
	}
	var stops []calendar.Stop
	if v := q.Get("stops"); v != "" {
		for _, part := range strings.Split(v, ",") {
			a, b, ok := strings.Cut(part, "/")
			from, err1 := time.Parse(time.RFC3339, a)
			to, err2 := time.Parse(time.RFC3339, b)
			if !ok || err1 != nil || err2 != nil || to.Before(from) || len(stops) >= 100 {
				return motcua.FieldError(motcua.EINVALID, "stops", "calendar.stops_invalid")
			}
			stops = append(stops, calendar.Stop{From: from, To: to})
		}
	}
	c, _, err := s.calendarFor(r)
	if err != nil {
		return err
	}
	ex, err := c.DueWithStops(start, amount, unit, stops)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ex)
	return nil
}

// apiGetSchedule returns the schedule in force for a year (loaded, else embedded) and
// every loaded version.
func (s *Server) apiGetSchedule(w http.ResponseWriter, r *http.Request) error {
	y, err := yearParam(r, r.PathValue("year"))
	if err != nil {
		return err
	}
	c, err := s.Calendars.Province(r.Context())
	if err != nil {
		return err
	}
	hist, err := s.Calendar.ScheduleHistory(r.Context(), y)
	if err != nil {
		return err
	}
	cur, ok := c.Schedule(y)
	var current any
	if ok {
		current = cur
	}
	writeJSON(w, http.StatusOK, map[string]any{"year": y, "current": current, "history": hist})
	return nil
}

// apiPutSchedule loads a new version of a year's schedule from JSON.
func (s *Server) apiPutSchedule(w http.ResponseWriter, r *http.Request) error {
	y, err := yearParam(r, r.PathValue("year"))
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBody)
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return jsonError(err)
	}
	sch, err := calendar.ParseSchedule(data)
	if err != nil {
		return err
	}
	return s.saveSchedule(w, r, y, sch)
}

// apiImportICal loads a new version of a year's schedule from an iCalendar file;
// ?version= names the version when the file does not.
func (s *Server) apiImportICal(w http.ResponseWriter, r *http.Request) error {
	y, err := yearParam(r, r.PathValue("year"))
	if err != nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBody)
	_, data, err := readUpload(r)
	if err != nil {
		return err
	}
	sch, err := calendar.ParseICal(data, r.URL.Query().Get("version"))
	if err != nil {
		return err
	}
	return s.saveSchedule(w, r, y, sch)
}

func (s *Server) saveSchedule(w http.ResponseWriter, r *http.Request, y int, sch calendar.Schedule) error {
	if sch.Year != y {
		return motcua.FieldError(motcua.EINVALID, "year", "calendar.year_mismatch")
	}
	// The schedule must agree with the statutory holidays before it is stored.
	if _, err := calendar.New(calendar.DefaultWeekShifts(), sch); err != nil {
		return err
	}
	st, err := s.Calendar.SaveSchedule(r.Context(), sch)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, st)
	return nil
}

// apiExportICal serves a year's non-working and make-up days as iCalendar.
func (s *Server) apiExportICal(w http.ResponseWriter, r *http.Request) error {
	y, err := yearParam(r, strings.TrimSuffix(r.PathValue("year"), ".ics"))
	if err != nil {
		return err
	}
	c, _, err := s.calendarFor(r)
	if err != nil {
		return err
	}
	data, err := c.ICal(y, time.Now())
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="lich-nghi-`+strconv.Itoa(y)+`.ics"`)
	_, err = w.Write(data)
	return err
}

type shiftsView struct {
	Unit      string              `json:"unit"`
	Own       bool                `json:"own"`
	Shifts    calendar.WeekShifts `json:"shifts"`
	Calendars []string            `json:"calendar_versions"`
}

func (s *Server) apiGetShifts(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	if _, err := s.Catalog.GetUnit(r.Context(), code); err != nil {
		return err
	}
	own, err := s.Calendar.UnitShifts(r.Context(), code)
	if err != nil {
		return err
	}
	c, err := s.Calendars.ForUnit(r.Context(), code)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, shiftsView{Unit: code, Own: own != nil, Shifts: c.Shifts(), Calendars: c.Versions()})
	return nil
}

// apiPutShifts sets a unit's own weekly shifts; DELETE makes it inherit again.
func (s *Server) apiPutShifts(w http.ResponseWriter, r *http.Request) error {
	var ws calendar.WeekShifts
	if err := decodeJSON(w, r, &ws); err != nil {
		return err
	}
	if err := s.Calendar.SetUnitShifts(r.Context(), r.PathValue("code"), &ws); err != nil {
		return err
	}
	return s.apiGetShifts(w, r)
}

func (s *Server) apiDeleteShifts(w http.ResponseWriter, r *http.Request) error {
	if err := s.Calendar.SetUnitShifts(r.Context(), r.PathValue("code"), nil); err != nil {
		return err
	}
	return s.apiGetShifts(w, r)
}
