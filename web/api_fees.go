package web

import (
	"net/http"
	"time"

	"github.com/motcua/motcua"
)

// apiFeeTotals returns fees owed and collected per receiving unit for dossiers
// received in [from, to] (dates, inclusive; default: the current month).
func (s *Server) apiFeeTotals(w http.ResponseWriter, r *http.Request) error {
	now := s.DB.Now().In(motcua.ICT)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, motcua.ICT)
	to := from.AddDate(0, 1, 0)
	q := r.URL.Query()
	for name, dst := range map[string]*time.Time{"from": &from, "to": &to} {
		if v := q.Get(name); v != "" {
			d, err := time.ParseInLocation("2006-01-02", v, motcua.ICT)
			if err != nil {
				return motcua.FieldError(motcua.EINVALID, name, "request.date")
			}
			if name == "to" {
				d = d.AddDate(0, 0, 1)
			}
			*dst = d
		}
	}
	if !to.After(from) {
		return motcua.FieldError(motcua.EINVALID, "to", "request.date_order")
	}
	unit := q.Get("unit")
	if a := motcua.ActorFrom(r.Context()); a.UnitCode != "" {
		if unit != "" && unit != a.UnitCode {
			return motcua.FieldError(motcua.EFORBIDDEN, "unit", "dossier.unit_forbidden")
		}
		unit = a.UnitCode
	}
	items, err := s.DB.FeeTotals(r.Context(), from, to, unit)
	if err != nil {
		return err
	}
	var owed, paid int64
	var n int
	for _, it := range items {
		owed, paid, n = owed+it.Owed, paid+it.Paid, n+it.Dossiers
	}
	writeJSON(w, http.StatusOK, map[string]any{"from": from.Format("2006-01-02"), "to": to.AddDate(0, 0, -1).Format("2006-01-02"),
		"items": items, "total": map[string]any{"dossiers": n, "owed": owed, "paid": paid}})
	return nil
}
