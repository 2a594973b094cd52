package web

import (
	"net/http"
	"strings"

	"github.com/motcua/motcua"
)

// pageLookup is the citizen's dossier lookup: a form, and the result when a code is
// given (?code= or the path /tra-cuu/{code} that the receipt's QR code points to).
func (s *Server) pageLookup(w http.ResponseWriter, r *http.Request) error {
	code := strings.TrimSpace(r.PathValue("code"))
	if code == "" {
		code = strings.TrimSpace(r.URL.Query().Get("code"))
	}
	data := map[string]any{"Code": code}
	v := s.view(r, "lookup.title", data)
	status := http.StatusOK
	if code != "" {
		pv, err := s.publicDossier(r, code)
		switch motcua.ErrorCode(err) {
		case "":
			data["D"] = pv
			s.lookupRating(r, data) // the online rating form (pages_queue.go)
		case motcua.ENOTFOUND, motcua.EINVALID, motcua.ETOOMANY:
			v.Error = problemFor(r, v.Lang, err).Detail
			status = statusOf[motcua.ErrorCode(err)]
		default:
			return err
		}
	}
	return s.render(w, status, "lookup", v)
}
