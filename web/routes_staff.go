package web

import (
	"net/http"

	"github.com/motcua/motcua/auth"
)

// staffRoutes are the pages officers work in all day: counter intake, my work, the
// dossier page and the dossier book.
func (s *Server) staffRoutes() []route {
	page := func(method, pattern string, perm auth.Permission, h func(w http.ResponseWriter, r *http.Request) error) route {
		return route{Method: method, Pattern: pattern, Perm: perm, Handle: h}
	}
	return []route{
		page("GET", "/intake", auth.DossierReceive, s.pageIntake),
		page("POST", "/intake", auth.DossierReceive, s.pageIntakeSubmit),
		page("GET", "/work", auth.DossierRead, s.pageWork),
		page("GET", "/dossiers/{code}", auth.DossierRead, s.pageDossier),
		page("POST", "/dossiers/{code}/actions/{action}", auth.DossierProcess, s.pageDossierAction),
		page("GET", "/book", auth.DossierRead, s.pageBook),
		page("GET", "/book.csv", auth.DossierRead, s.pageBookCSV),
	}
}
