package web

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/web/i18n"
)

// Cookie names.
const (
	sessionCookie = "motcua_session"
	langCookie    = "motcua_lang"
)

type ctxKey int

const (
	sessionKey ctxKey = iota
	langKey
)

// identify resolves who is asking (bearer token or session cookie) and in which
// language, and checks the CSRF token of cookie-authenticated writes. A bad bearer
// token is refused at once; a stale cookie is just ignored (the user is anonymous).
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var sess *auth.Session
		if h := r.Header.Get("Authorization"); h != "" {
			// The scheme name is case-insensitive (RFC 9110 §11.1): "bearer x" is "Bearer x".
			scheme, token, ok := strings.Cut(h, " ")
			ok = ok && strings.EqualFold(scheme, "Bearer")
			var err error
			if ok {
				sess, err = s.Users.Session(ctx, strings.TrimSpace(token))
			}
			if sess == nil || sess.Kind != auth.TokenAPI {
				r = r.WithContext(context.WithValue(ctx, langKey, requestLang(r, nil)))
				if err == nil || motcua.ErrorCode(unavailableErr(r, err)) != motcua.EUNAVAILABLE {
					err = motcua.Errorf(motcua.EUNAUTHORIZED, "auth.session_invalid")
				} // a database outage is not a reason to drop the client's token
				s.writeProblem(w, r, err)
				return
			}
		} else if c, err := r.Cookie(sessionCookie); err == nil && c.Value != "" {
			ss, err := s.Users.Session(ctx, c.Value)
			if err == nil && ss.Kind == auth.TokenWeb {
				sess = ss
			} else if err = unavailableErr(r, err); motcua.ErrorCode(err) == motcua.EUNAVAILABLE {
				r = r.WithContext(context.WithValue(ctx, langKey, requestLang(r, nil)))
				if wantsJSON(r) {
					s.writeProblem(w, r, err)
				} else {
					s.writeErrorPage(w, r, err)
				}
				return
			}
		}
		if sess != nil {
			ctx = motcua.WithActor(ctx, &motcua.Actor{UserID: sess.User.ID, Username: sess.User.Username,
				Role: sess.User.Role, UnitCode: sess.User.UnitCode, Lang: sess.User.Lang})
			ctx = context.WithValue(ctx, sessionKey, sess)
		}
		ctx = context.WithValue(ctx, langKey, requestLang(r, sess))
		r = r.WithContext(ctx)
		if sess != nil && sess.Kind == auth.TokenWeb && unsafeMethod(r.Method) && !validCSRF(r, sess.CSRF) {
			s.refuseCSRF(w, r) // the user stays logged in and sees who they are
			return
		}
		next.ServeHTTP(w, r)
	})
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// validCSRF checks the synchronizer token sent in the X-CSRF-Token header or the
// csrf_token form field against the session's.
func validCSRF(r *http.Request, want string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		ct := r.Header.Get("Content-Type")
		if strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data") {
			r.Body = http.MaxBytesReader(nil, r.Body, 32<<20)
			if strings.HasPrefix(ct, "multipart/") {
				r.ParseMultipartForm(8 << 20)
			}
			got = r.PostFormValue("csrf_token")
		}
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func (s *Server) refuseCSRF(w http.ResponseWriter, r *http.Request) {
	err := motcua.Errorf(motcua.EFORBIDDEN, "auth.csrf")
	if wantsJSON(r) {
		s.writeProblem(w, r, err)
		return
	}
	s.writeErrorPage(w, r, err)
}

// requestLang picks the language: ?lang=, then the language cookie, then the user's
// setting, then — for the JSON API only — Accept-Language, then Vietnamese. Pages
// ignore Accept-Language: the product is Vietnamese unless the user switches.
func requestLang(r *http.Request, sess *auth.Session) string {
	if l := r.URL.Query().Get("lang"); l != "" {
		return i18n.Lang(l)
	}
	if c, err := r.Cookie(langCookie); err == nil {
		return i18n.Lang(c.Value)
	}
	if sess != nil && sess.User.Lang != "" {
		return sess.User.Lang
	}
	if h := r.Header.Get("Accept-Language"); h != "" && strings.HasPrefix(r.URL.Path, "/api/") {
		return i18n.Lang(h)
	}
	return i18n.Default
}

func langOf(r *http.Request) string {
	if l, ok := r.Context().Value(langKey).(string); ok {
		return l
	}
	return i18n.Default
}

func sessionOf(r *http.Request) *auth.Session {
	s, _ := r.Context().Value(sessionKey).(*auth.Session)
	return s
}
