package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// FuzzIdentify drives the identification middleware with fuzzed Authorization,
// session cookie and CSRF header values ($api, $web and $csrf stand for a real API
// token, web session and its CSRF token) on a read (GET /api/v1/auth/me) and a
// cookie-protected write (POST /lang). The rules: a non-empty Authorization is the
// API token after the scheme "Bearer" (any case, RFC 9110 §11.1) or a 401 (auth.session_invalid), never a fall-back to the
// cookie; a cookie that is not a live web session leaves the request anonymous; a
// web session's write needs its CSRF token (403 auth.csrf otherwise); an API token's
// write needs none; nothing answers 5xx.
func FuzzIdentify(f *testing.F) {
	for _, s := range [][3]string{
		{"Bearer $api", "", ""}, {"Bearer  $api  ", "", ""}, {"bearer $api", "", ""}, {"Bearer $web", "", ""},
		{"Basic dTpw", "$web", "$csrf"}, {"", "$web", "$csrf"}, {"", "$web", ""}, {"", "$web", "$csrf$csrf"},
		{"", "$api", ""}, {"", "\"$web\"", "$csrf"}, {"", "x", ""}, {"Bearer ", "$web", "$csrf"},
	} {
		f.Add(s[0], s[1], s[2], false)
		f.Add(s[0], s[1], s[2], true)
	}
	e := newFuzzEnv(f, sqldbtest.Open(f, sqldb.SQLite))
	api := e.tokens[motcua.RoleLeader]
	web, csrf := e.webSession(f, "u-processor")
	subst := strings.NewReplacer("$api", api, "$web", web, "$csrf", csrf)
	f.Fuzz(func(t *testing.T, authz, cookie, csrfHeader string, write bool) {
		authz, cookie, csrfHeader = subst.Replace(authz), subst.Replace(cookie), subst.Replace(csrfHeader)
		for _, h := range []string{authz, cookie, csrfHeader} {
			if strings.ContainsAny(h, "\r\n\x00") {
				return
			}
		}
		req := httptest.NewRequest("GET", "/api/v1/auth/me", nil)
		if write {
			req = httptest.NewRequest("POST", "/lang", strings.NewReader("lang=en&next=%2Fprocedures"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if authz != "" {
			req.Header.Set("Authorization", authz)
		}
		if cookie != "" {
			req.Header.Set("Cookie", sessionCookie+"="+cookie)
		}
		if csrfHeader != "" {
			req.Header.Set("X-CSRF-Token", csrfHeader)
		}
		c, err := req.Cookie(sessionCookie)
		webSession := err == nil && c.Value == web
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, req)
		var p Problem
		if rec.Header().Get("Content-Type") == "application/problem+json" {
			json.Unmarshal(rec.Body.Bytes(), &p)
		} else if rec.Code == http.StatusForbidden && strings.Contains(rec.Body.String(), "(CSRF)") {
			p.Key = "auth.csrf" // a page's write refused: the error page explains the CSRF check
		}
		want, key := 0, ""
		switch {
		case authz != "":
			scheme, token, ok := strings.Cut(authz, " ")
			if ok && strings.EqualFold(scheme, "Bearer") && strings.TrimSpace(token) == api {
				want = map[bool]int{false: 200, true: 303}[write]
			} else {
				want, key = 401, "auth.session_invalid"
			}
		case webSession && write && csrfHeader != csrf:
			want, key = 403, "auth.csrf"
		case webSession:
			want = map[bool]int{false: 200, true: 303}[write]
		case write: // anonymous may switch the language
			want = 303
		default:
			want, key = 401, "auth.login_required"
		}
		if rec.Code != want || p.Key != key {
			t.Fatalf("Authorization %q, cookie %q, CSRF %q, write %v: %d %q, want %d %q", authz, cookie, csrfHeader, write, rec.Code, p.Key, want, key)
		}
		if want == 200 {
			var me struct{ User struct{ Username string } }
			json.Unmarshal(rec.Body.Bytes(), &me)
			if wantUser := map[bool]string{true: "u-processor", false: "u-leader"}[authz == ""]; me.User.Username != wantUser {
				t.Fatalf("Authorization %q, cookie %q: identified as %q, want %q", authz, cookie, me.User.Username, wantUser)
			}
		}
	})
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// webSession logs username in through the login form and returns the session cookie
// and the CSRF token its pages carry.
func (e *fuzzEnv) webSession(tb testing.TB, username string) (cookie, csrf string) {
	tb.Helper()
	req := httptest.NewRequest("POST", "/login", strings.NewReader("username="+username+"&password=m%E1%BA%ADt-kh%E1%BA%A9u-th%E1%BB%AD"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == sessionCookie {
			cookie = c.Value
		}
	}
	if rec.Code != http.StatusSeeOther || cookie == "" {
		tb.Fatalf("login form: %d %v", rec.Code, rec.Result().Cookies())
	}
	req = httptest.NewRequest("GET", "/me", nil)
	req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
	rec = httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	m := csrfInput.FindStringSubmatch(rec.Body.String())
	if rec.Code != 200 || m == nil {
		tb.Fatalf("/me: %d, no CSRF token", rec.Code)
	}
	return cookie, m[1]
}
