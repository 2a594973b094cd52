package web

import (
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
)

// page is the envelope of a paged listing.
type page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

func (s *Server) apiListUnits(w http.ResponseWriter, r *http.Request) error {
	us, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": us})
	return nil
}

func (s *Server) apiGetUnit(w http.ResponseWriter, r *http.Request) error {
	u, err := s.Catalog.GetUnit(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiCreateUnit(w http.ResponseWriter, r *http.Request) error {
	var u catalog.Unit
	if err := decodeJSON(w, r, &u); err != nil {
		return err
	}
	if err := s.Catalog.CreateUnit(r.Context(), &u); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/units/"+u.Code)
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) apiUpdateUnit(w http.ResponseWriter, r *http.Request) error {
	var u catalog.Unit
	if err := decodeJSON(w, r, &u); err != nil {
		return err
	}
	if u.Code != "" && u.Code != r.PathValue("code") {
		return motcua.FieldError(motcua.EINVALID, "code", "request.path_mismatch")
	}
	u.Code = r.PathValue("code")
	if err := s.Catalog.UpdateUnit(r.Context(), &u); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiListFields(w http.ResponseWriter, r *http.Request) error {
	fs, err := s.Catalog.ListFields(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": fs})
	return nil
}

func (s *Server) apiCreateField(w http.ResponseWriter, r *http.Request) error {
	var f catalog.Field
	if err := decodeJSON(w, r, &f); err != nil {
		return err
	}
	if err := s.Catalog.CreateField(r.Context(), &f); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, f)
	return nil
}

// intParam parses an optional non-negative integer query parameter.
func intParam(r *http.Request, name string, def, max int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > max {
		return 0, &motcua.Error{Code: motcua.EINVALID, Field: name, Message: "request.int_range", Params: map[string]any{"max": max}}
	}
	return n, nil
}

func boolParam(r *http.Request, name string) (*bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return nil, motcua.FieldError(motcua.EINVALID, name, "request.bool")
	}
	return &b, nil
}

// procedureFilter reads the listing filter from the query string. Public listings
// only ever show active procedures.
func procedureFilter(r *http.Request, public bool) (catalog.ProcedureFilter, error) {
	q := r.URL.Query()
	f := catalog.ProcedureFilter{Q: q.Get("q"), UnitCode: q.Get("unit"), FieldCode: q.Get("field"),
		Level: catalog.Level(q.Get("level")), Channel: catalog.Channel(q.Get("channel"))}
	var err error
	if f.Limit, err = intParam(r, "limit", 50, 500); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(r, "offset", 0, 1_000_000); err != nil {
		return f, err
	}
	if f.FourOnSpot, err = boolParam(r, "four_on_spot"); err != nil {
		return f, err
	}
	if f.Active, err = boolParam(r, "active"); err != nil {
		return f, err
	}
	if f.Level != "" && !f.Level.Valid() {
		return f, motcua.FieldError(motcua.EINVALID, "level", "catalog.procedure.level_invalid")
	}
	if f.Channel != "" && !f.Channel.Valid() {
		return f, motcua.FieldError(motcua.EINVALID, "channel", "catalog.procedure.channel_invalid")
	}
	if len(f.Q) > 200 {
		return f, motcua.FieldError(motcua.EINVALID, "q", "request.too_long")
	}
	if public {
		t := true
		f.Active = &t
	}
	return f, nil
}

func isPublic(r *http.Request) bool {
	return len(r.URL.Path) > 15 && r.URL.Path[:15] == "/api/v1/public/"
}

func (s *Server) apiListProcedures(w http.ResponseWriter, r *http.Request) error {
	f, err := procedureFilter(r, isPublic(r))
	if err != nil {
		return err
	}
	ps, total, err := s.Catalog.ListProcedures(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page[catalog.Procedure]{Items: ps, Total: total, Limit: f.Limit, Offset: f.Offset})
	return nil
}

func (s *Server) apiGetProcedure(w http.ResponseWriter, r *http.Request) error {
	p, err := s.Catalog.GetProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if isPublic(r) && !p.Active {
		return motcua.Errorf(motcua.ENOTFOUND, "catalog.procedure.not_found")
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(p.Version)))
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) apiCreateProcedure(w http.ResponseWriter, r *http.Request) error {
	var p catalog.Procedure
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	if err := s.Catalog.CreateProcedure(r.Context(), &p); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/procedures/"+p.Code)
	writeJSON(w, http.StatusCreated, p)
	return nil
}

// apiUpdateProcedure replaces a procedure. The expected version comes from the body's
// "version" or the If-Match header; a stale one gets 409.
func (s *Server) apiUpdateProcedure(w http.ResponseWriter, r *http.Request) error {
	var p catalog.Procedure
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	if p.Code != "" && p.Code != r.PathValue("code") {
		return motcua.FieldError(motcua.EINVALID, "code", "request.path_mismatch")
	}
	p.Code = r.PathValue("code")
	if im := r.Header.Get("If-Match"); im != "" {
		v, err := strconv.Atoi(trimETag(im))
		if err != nil {
			return motcua.FieldError(motcua.EINVALID, "If-Match", "request.if_match")
		}
		p.Version = v
	}
	if err := s.Catalog.UpdateProcedure(r.Context(), &p); err != nil {
		return err
	}
	w.Header().Set("ETag", strconv.Quote(strconv.Itoa(p.Version)))
	writeJSON(w, http.StatusOK, p)
	return nil
}

func trimETag(s string) string {
	if len(s) > 2 && s[:2] == "W/" {
		s = s[2:]
	}
	if uq, err := strconv.Unquote(s); err == nil {
		return uq
	}
	return s
}

func (s *Server) apiProcedureHistory(w http.ResponseWriter, r *http.Request) error {
	h, err := s.Catalog.ProcedureHistory(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": h})
	return nil
}

// MaxImportBody limits an uploaded catalogue file (importer.MaxFileSize plus form overhead).
const MaxImportBody = importer.MaxFileSize + 1<<20
