package web

import (
	"net/http"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) error {
	_, total, err := s.Catalog.ListProcedures(r.Context(), catalog.ProcedureFilter{Limit: 1, Active: ptr(true)})
	if err != nil {
		return err
	}
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "home", s.view(r, "home.title", map[string]any{"Procedures": total, "Units": len(units)}))
}

func ptr[T any](v T) *T { return &v }

type procedureListView struct {
	Filter     catalog.ProcedureFilter
	Items      []catalog.Procedure
	Total      int
	Units      []catalog.Unit
	Fields     []catalog.Field
	UnitNames  map[string]string
	FieldNames map[string]string
	Prev, Next int
	HasPrev    bool
	HasNext    bool
}

func (s *Server) pageProcedures(w http.ResponseWriter, r *http.Request) error {
	v, err := s.procedureList(r, true)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "procedures", s.view(r, "procedures.title", v))
}

// procedureList reads the listing filter (25 a page unless ?limit=), the matching
// procedures, and the unit and field names and paging the list pages show; public
// lists show active procedures only.
func (s *Server) procedureList(r *http.Request, public bool) (procedureListView, error) {
	f, err := procedureFilter(r, public)
	if err != nil {
		return procedureListView{}, err
	}
	if r.URL.Query().Get("limit") == "" {
		f.Limit = 25
	}
	ps, total, err := s.Catalog.ListProcedures(r.Context(), f)
	if err != nil {
		return procedureListView{}, err
	}
	v := procedureListView{Filter: f, Items: ps, Total: total}
	if v.Units, err = s.Catalog.ListUnits(r.Context()); err != nil {
		return v, err
	}
	if v.Fields, err = s.Catalog.ListFields(r.Context()); err != nil {
		return v, err
	}
	v.UnitNames, v.FieldNames = map[string]string{}, map[string]string{}
	for _, u := range v.Units {
		v.UnitNames[u.Code] = u.Name
	}
	for _, fl := range v.Fields {
		v.FieldNames[fl.Code] = fl.Name
	}
	v.HasPrev, v.Prev = f.Offset > 0, max(0, f.Offset-f.Limit)
	v.HasNext, v.Next = f.Offset+f.Limit < total, f.Offset+f.Limit
	return v, nil
}

func (s *Server) pageProcedure(w http.ResponseWriter, r *http.Request) error {
	p, err := s.Catalog.GetProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if !p.Active && motcua.ActorFrom(r.Context()) == nil {
		return motcua.Errorf(motcua.ENOTFOUND, "catalog.procedure.not_found")
	}
	unit, err := s.Catalog.GetUnit(r.Context(), p.UnitCode)
	if err != nil {
		return err
	}
	var chain []catalog.Unit
	for _, c := range p.Chain {
		u, err := s.Catalog.GetUnit(r.Context(), c)
		if err != nil {
			return err
		}
		chain = append(chain, *u)
	}
	v := s.view(r, "procedure.title", map[string]any{"P": p, "Unit": unit, "Chain": chain})
	v.Title = p.Name
	return s.render(w, http.StatusOK, "procedure", v)
}
