package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
)

// dossierCalendars gives the dossier store each unit's calendar.
func (s *Server) dossierCalendars(ctx context.Context, unit string) (dossier.Calendar, error) {
	return s.Calendars.ForUnit(ctx, unit)
}

// receiveRequest is the body of POST /dossiers: the procedure and the intake command
// (action receive by default; refuse_intake records a refusal at the counter).
type receiveRequest struct {
	ProcedureCode string `json:"procedure_code"`
	dossier.Command
}

func (s *Server) apiReceiveDossier(w http.ResponseWriter, r *http.Request) error {
	var req receiveRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Action == "" {
		req.Action = dossier.ActReceive
	}
	if req.Action != dossier.ActReceive && req.Action != dossier.ActRefuseIntake {
		return motcua.FieldError(motcua.EINVALID, "action", "dossier.action_invalid")
	}
	if req.ProcedureCode == "" {
		return motcua.FieldError(motcua.EINVALID, "procedure_code", "request.required")
	}
	p, err := s.Catalog.GetProcedure(r.Context(), req.ProcedureCode)
	if err != nil {
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "procedure_code", "catalog.procedure.not_found")
		}
		return err
	}
	d, err := s.Dossiers.Create(r.Context(), req.Command, *motcua.ActorFrom(r.Context()), p, s.dossierCalendars)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/dossiers/"+d.Code)
	return s.writeDossier(w, r, http.StatusCreated, d)
}

// apiSubmitOnline hands over a dossier a citizen submitted on the national public
// service portal (the single online intake point since July 2025): it arrives in
// "awaiting intake" at the receiving unit named by unit_code, and the clock starts only
// when a counter officer accepts it. The caller is an integration account; the event
// records the applicant role with the account's name ("portal:<username>").
func (s *Server) apiSubmitOnline(w http.ResponseWriter, r *http.Request) error {
	var req receiveRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.Action != "" && req.Action != dossier.ActSubmitOnline {
		return motcua.FieldError(motcua.EINVALID, "action", "dossier.action_invalid")
	}
	req.Action = dossier.ActSubmitOnline
	if req.ProcedureCode == "" {
		return motcua.FieldError(motcua.EINVALID, "procedure_code", "request.required")
	}
	p, err := s.Catalog.GetProcedure(r.Context(), req.ProcedureCode)
	if err != nil {
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "procedure_code", "catalog.procedure.not_found")
		}
		return err
	}
	if _, err := s.Catalog.GetUnit(r.Context(), req.UnitCode); err != nil {
		if motcua.ErrorCode(err) != motcua.ENOTFOUND {
			return err // a database outage is not the client's mistake
		}
		return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "unit_code", Message: "catalog.unit.not_found", Params: map[string]any{"code": req.UnitCode}}
	}
	caller := motcua.ActorFrom(r.Context())
	applicant := motcua.Actor{UserID: caller.UserID, Username: "portal:" + caller.Username, Role: dossier.RoleApplicant}
	d, err := s.Dossiers.Create(r.Context(), req.Command, applicant, p, s.dossierCalendars)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/dossiers/"+d.Code)
	return s.writeDossier(w, r, http.StatusCreated, d)
}

// dossierView is a dossier with what the caller may do next.
type dossierView struct {
	*dossier.Dossier
	Allowed   []dossier.Action `json:"allowed_actions"`
	LateUnits []string         `json:"late_units"`
	Overdue   bool             `json:"overdue"`
}

func (s *Server) writeDossier(w http.ResponseWriter, r *http.Request, status int, d *dossier.Dossier) error {
	a := motcua.ActorFrom(r.Context())
	now := s.DB.Now()
	v := dossierView{Dossier: d, Allowed: dossier.AllowedActions(d, *a), LateUnits: d.LateUnits(now), Overdue: d.Overdue(now)}
	if v.Allowed == nil {
		v.Allowed = []dossier.Action{}
	}
	if v.LateUnits == nil {
		v.LateUnits = []string{}
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(d.Version)))
	writeJSON(w, status, v)
	return nil
}

// canSee reports whether the actor's scope covers the dossier: province-wide roles
// see all; others see dossiers received at, held by or planned through their unit.
func canSee(a *motcua.Actor, d *dossier.Dossier) bool {
	if a == nil {
		return false
	}
	if a.UnitCode == "" || a.UnitCode == d.UnitCode || a.UnitCode == d.CurrentUnit {
		return true
	}
	for _, st := range d.Plan {
		if st.UnitCode == a.UnitCode {
			return true
		}
	}
	return false
}

// loadDossier fetches a dossier the actor may see; others get 404, so codes of other
// units' dossiers are not confirmed.
func (s *Server) loadDossier(r *http.Request) (*dossier.Dossier, error) {
	d, err := s.Dossiers.Get(r.Context(), r.PathValue("code"))
	if err != nil {
		return nil, err
	}
	if !canSee(motcua.ActorFrom(r.Context()), d) {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "dossier.not_found")
	}
	return d, nil
}

func (s *Server) apiGetDossier(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	return s.writeDossier(w, r, http.StatusOK, d)
}

func (s *Server) apiDossierEvents(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.loadDossier(r); err != nil {
		return err
	}
	evs, err := s.Dossiers.Events(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": evs})
	return nil
}

// apiDossierAction applies one action. The expected version comes from If-Match (or
// the body's "version"); a stale one gets 409, an action not allowed now gets 409
// with the allowed actions in "details".
func (s *Server) apiDossierAction(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	var cmd dossier.Command
	if r.ContentLength != 0 {
		if err := decodeJSON(w, r, &cmd); err != nil {
			return err
		}
	}
	action := dossier.Action(r.PathValue("action"))
	if cmd.Action != "" && cmd.Action != action {
		return motcua.FieldError(motcua.EINVALID, "action", "request.path_mismatch")
	}
	cmd.Action = action
	if im := r.Header.Get("If-Match"); im != "" {
		v, err := strconv.Atoi(trimETag(im))
		if err != nil {
			return motcua.FieldError(motcua.EINVALID, "If-Match", "request.if_match")
		}
		cmd.Version = &v
	}
	d, err = s.Dossiers.Act(r.Context(), d.Code, cmd, *motcua.ActorFrom(r.Context()), s.dossierCalendars)
	if err != nil {
		return err
	}
	s.afterDossierAction(w, r, d, action, "")
	return s.writeDossier(w, r, http.StatusOK, d)
}

// apiListDossiers is the dossier book: filters status, unit, procedure, due_from,
// due_before, overdue, q, received_from, received_to (dates), assignee; paged.
func (s *Server) apiListDossiers(w http.ResponseWriter, r *http.Request) error {
	f, err := dossierFilter(r)
	if err != nil {
		return err
	}
	items, total, err := s.Dossiers.List(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[dossier.Summary]{Items: items, Total: total, Limit: f.Limit, Offset: f.Offset})
	return nil
}

func dossierFilter(r *http.Request) (dossier.Filter, error) {
	q := r.URL.Query()
	a := motcua.ActorFrom(r.Context())
	f := dossier.Filter{Unit: q.Get("unit"), ProcedureCode: q.Get("procedure"), Q: q.Get("q"), Assignee: q.Get("assignee")}
	if a.UnitCode != "" {
		if f.Unit != "" && f.Unit != a.UnitCode {
			return f, motcua.FieldError(motcua.EFORBIDDEN, "unit", "dossier.unit_forbidden")
		}
		f.Unit = a.UnitCode
	}
	for _, st := range strings.Split(q.Get("status"), ",") {
		if st = strings.TrimSpace(st); st != "" {
			if !dossier.State(st).Valid() {
				return f, motcua.FieldError(motcua.EINVALID, "status", "dossier.state_invalid")
			}
			f.States = append(f.States, dossier.State(st))
		}
	}
	var err error
	if f.Limit, err = intParam(r, "limit", 50, 1000); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(r, "offset", 0, 10_000_000); err != nil {
		return f, err
	}
	if v := q.Get("overdue"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return f, motcua.FieldError(motcua.EINVALID, "overdue", "request.bool")
		}
		f.Overdue = b
	}
	for name, dst := range map[string]*time.Time{"due_before": &f.DueBefore, "due_from": &f.DueFrom, "received_from": &f.ReceivedFrom, "received_to": &f.ReceivedTo} {
		v := q.Get(name)
		if v == "" {
			continue
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			day, derr := time.ParseInLocation("2006-01-02", v, motcua.ICT)
			if derr != nil {
				return f, motcua.FieldError(motcua.EINVALID, name, "request.date")
			}
			t = day
			if name == "received_to" || name == "due_before" {
				t = day.AddDate(0, 0, 1) // a date includes the whole day
			}
		}
		*dst = t
	}
	if len(f.Q) > 200 {
		return f, motcua.FieldError(motcua.EINVALID, "q", "request.too_long")
	}
	return f, nil
}

// apiPublicDossier is the citizen's lookup by code: status, timeline, appointment,
// the applicant's name masked and no personal data. Rate limited per address.
func (s *Server) apiPublicDossier(w http.ResponseWriter, r *http.Request) error {
	pv, err := s.publicDossier(r, r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pv)
	return nil
}

func (s *Server) publicDossier(r *http.Request, code string) (*dossier.PublicDossier, error) {
	if !s.lookupRate.Allow(clientIP(r)) {
		return nil, motcua.Errorf(motcua.ETOOMANY, "dossier.lookup_rate")
	}
	if _, err := dossier.ParseCode(code); err != nil {
		return nil, motcua.FieldError(motcua.EINVALID, "code", "dossier.code_invalid")
	}
	d, err := s.Dossiers.Get(r.Context(), code)
	if err != nil {
		return nil, err
	}
	pv := dossier.PublicView(d)
	pv.ResolveUnits(s.unitName(r.Context()))
	return &pv, nil
}

// unitName returns a lookup of unit names (the code itself when unknown). The names
// are cached for a minute: they change rarely, and the public lookup needs them on
// every request.
func (s *Server) unitName(ctx context.Context) func(string) string {
	names := s.unitNames.get(ctx, s)
	return func(code string) string {
		if n, ok := names[code]; ok {
			return n
		}
		return code
	}
}

// unitNameCache holds the unit names of the catalogue for a short time.
type unitNameCache struct {
	mu      sync.Mutex
	names   map[string]string
	fetched time.Time
}

func (c *unitNameCache) get(ctx context.Context, s *Server) map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.names != nil && time.Since(c.fetched) < time.Minute {
		return c.names
	}
	units, err := s.Catalog.ListUnits(ctx)
	if err != nil {
		s.log.Warn("unit names", "err", err)
		if c.names != nil {
			return c.names
		}
		return map[string]string{}
	}
	names := make(map[string]string, len(units))
	for _, u := range units {
		names[u.Code] = u.Name
	}
	c.names, c.fetched = names, time.Now()
	return names
}
