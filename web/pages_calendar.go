package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/web/i18n"
)

// calendarDay is one cell of the month view.
type calendarDay struct {
	Date    calendar.Date
	InMonth bool
	Working bool
	Kind    string // "", weekend, holiday, in_lieu, schedule_off, makeup_workday
	Name    string
	Today   bool
}

type calendarMonthView struct {
	Year, Month     int
	MonthName       string
	Unit            string
	Units           []unitOption
	Weeks           [][]calendarDay
	Holidays        []calendar.Holiday
	PrevY, PrevM    int
	NextY, NextM    int
	Versions        []string
	CanEdit         bool
	WorkingDays     int
	WeekdayHeadings []string
}

type unitOption struct{ Code, Name string }

// pageCalendar shows a month of a unit's working calendar with the year's holidays.
func (s *Server) pageCalendar(w http.ResponseWriter, r *http.Request) error {
	now := time.Now().In(motcua.ICT)
	q := r.URL.Query()
	y, m := now.Year(), int(now.Month())
	if v := q.Get("year"); v != "" {
		var err error
		if y, err = yearParam(r, v); err != nil {
			return err
		}
	}
	if v := q.Get("month"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 12 {
			return motcua.FieldError(motcua.EINVALID, "month", "calendar.month_range")
		}
		m = n
	}
	c, unit, err := s.calendarFor(r)
	if err != nil {
		return err
	}
	hs, err := c.Holidays(y)
	if err != nil {
		return err
	}
	lang := langOf(r)
	byDate := map[calendar.Date]calendar.Holiday{}
	for _, h := range hs {
		byDate[h.Date] = h
	}
	v := calendarMonthView{Year: y, Month: m, Unit: unit, Holidays: hs, Versions: c.Versions(),
		CanEdit: auth.Allowed(motcua.ActorFrom(r.Context()), auth.CalendarWrite)}
	v.MonthName = i18n.T(lang, "calendar.month_name", map[string]any{"m": m, "y": y})
	v.PrevY, v.PrevM, v.NextY, v.NextM = y, m-1, y, m+1
	if m == 1 {
		v.PrevY, v.PrevM = y-1, 12
	}
	if m == 12 {
		v.NextY, v.NextM = y+1, 1
	}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		v.WeekdayHeadings = append(v.WeekdayHeadings, i18n.T(lang, "calendar.wd."+d, nil))
	}
	first := calendar.D(y, time.Month(m), 1)
	// weeks start on Monday
	offset := (int(first.Weekday()) + 6) % 7
	day := first.AddDays(-offset)
	today := calendar.DateOf(now)
	for week := 0; week < 6; week++ {
		var row []calendarDay
		for i := 0; i < 7; i++ {
			cell := calendarDay{Date: day, InMonth: int(day.Month) == m && day.Year == y, Today: day == today}
			working, err := c.IsWorkingDay(day)
			if err != nil {
				return err
			}
			cell.Working = working
			if h, ok := byDate[day]; ok {
				cell.Kind = string(h.Kind)
				cell.Name = h.NameVI
				if lang == "en" {
					cell.Name = h.NameEN
				}
			} else if !working {
				cell.Kind = "weekend"
			}
			if cell.InMonth && working {
				v.WorkingDays++
			}
			row = append(row, cell)
			day = day.AddDays(1)
		}
		if !row[0].InMonth && week > 0 {
			break
		}
		v.Weeks = append(v.Weeks, row)
	}
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	for _, u := range units {
		if u.Kind != "branch" {
			v.Units = append(v.Units, unitOption{u.Code, u.Name})
		}
	}
	view := s.view(r, "calendar.title", v)
	switch q.Get("ok") {
	case "loaded":
		view.Flash = i18n.T(lang, "calendar.loaded", nil)
	}
	return s.render(w, http.StatusOK, "calendar", view)
}

// pageCalendarLoad loads a schedule file (JSON or iCalendar) from the admin form.
func (s *Server) pageCalendarLoad(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxJSONBody+64<<10)
	name, data, err := readUpload(r)
	if err != nil {
		return err
	}
	var sch calendar.Schedule
	if strings.HasSuffix(strings.ToLower(name), ".ics") {
		sch, err = calendar.ParseICal(data, r.PostFormValue("version"))
	} else {
		sch, err = calendar.ParseSchedule(data)
	}
	if err != nil {
		return err
	}
	if _, err := calendar.New(calendar.DefaultWeekShifts(), sch); err != nil {
		return err
	}
	if _, err := s.Calendar.SaveSchedule(r.Context(), sch); err != nil {
		return err
	}
	http.Redirect(w, r, "/calendar?ok=loaded&year="+strconv.Itoa(sch.Year), http.StatusSeeOther)
	return nil
}
