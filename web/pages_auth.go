package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/web/i18n"
)

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// safeNext keeps post-login redirects on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) pageLogin(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, http.StatusOK, "login", s.view(r, "login.title", map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}))
}

func (s *Server) pageLoginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return motcua.Errorf(motcua.EINVALID, "request.malformed_form")
	}
	next := safeNext(r.PostFormValue("next"))
	token, sess, err := s.login(r, r.PostFormValue("username"), r.PostFormValue("password"), auth.TokenWeb)
	if err != nil {
		code := motcua.ErrorCode(err)
		if code != motcua.EUNAUTHORIZED && code != motcua.ETOOMANY {
			return err
		}
		v := s.view(r, "login.title", map[string]string{"Next": next, "Username": r.PostFormValue("username")})
		v.Error = i18n.T(v.Lang, motcua.AsError(err).Message, nil)
		return s.render(w, http.StatusUnauthorized, "login", v)
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: s.SecureCookies,
		SameSite: http.SameSiteLaxMode, Expires: sess.ExpiresAt})
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (s *Server) pageLogout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.Users.RevokeToken(r.Context(), c.Value); err != nil && motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

// pageSetLang stores the chosen language in a cookie and, for a logged-in user, in
// the profile, then goes back.
func (s *Server) pageSetLang(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return motcua.Errorf(motcua.EINVALID, "request.malformed_form")
	}
	lang := i18n.Lang(r.PostFormValue("lang"))
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, Secure: s.SecureCookies})
	if sess := sessionOf(r); sess != nil && sess.User.Lang != lang {
		u := sess.User
		u.Lang = lang
		if err := s.Users.UpdateUser(r.Context(), &u); err != nil {
			return err
		}
	}
	http.Redirect(w, r, safeNext(r.PostFormValue("next")), http.StatusSeeOther)
	return nil
}

func (s *Server) pageMe(w http.ResponseWriter, r *http.Request) error {
	sess := sessionOf(r)
	var unitName string
	if sess.User.UnitCode != "" {
		if u, err := s.Catalog.GetUnit(r.Context(), sess.User.UnitCode); err == nil {
			unitName = u.Name
		}
	}
	return s.render(w, http.StatusOK, "me", s.view(r, "me.title", map[string]any{"User": sess.User, "UnitName": unitName, "ExpiresAt": sess.ExpiresAt}))
}
