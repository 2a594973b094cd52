package web

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/motcua/motcua/slip"
)

// apiDossierSlip renders a printable slip (receipt, control, supplement, refusal,
// apology) as HTML; ?paper=80mm for receipt printers.
func (s *Server) apiDossierSlip(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	p, _ := s.Catalog.GetProcedure(r.Context(), d.ProcedureCode)
	users := map[string]string{}
	if us, err := s.Users.ListUsers(r.Context()); err == nil {
		for _, u := range us {
			users[u.Username] = u.FullName
		}
	}
	in := slip.Input{Dossier: d, Procedure: p, UnitName: s.unitName(r.Context()), UserName: func(u string) string { return users[u] },
		BaseURL: s.baseURL(r), Lang: langOf(r), Paper: r.URL.Query().Get("paper"), Now: s.DB.Now()}
	var buf bytes.Buffer
	if err := slip.Render(&buf, slip.Kind(r.PathValue("kind")), in); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err = buf.WriteTo(w)
	return err
}

// baseURL is the public address printed in QR codes: --base-url, else this request's.
func (s *Server) baseURL(r *http.Request) string {
	if s.BaseURL != "" {
		return strings.TrimRight(s.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Server) slipCSS(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, err := w.Write([]byte(slip.CSS))
	return err
}
