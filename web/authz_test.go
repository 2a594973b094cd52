package web

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestAuthorizationMatrix sends every route as every role and as an anonymous
// client: a role without the route's permission gets 403 (anonymous: 401, or a
// redirect to the login page for pages), a role with it never does.
func TestAuthorizationMatrix(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	e := newTestEnv(t, db)
	fill := strings.NewReplacer("{code}", "1.004227", "{id}", "1", "{year}", "2026", "{$}", "")
	actors := append([]motcua.Role{""}, motcua.Roles...)
	routes := e.srv.Routes()
	if len(routes) < 20 {
		t.Fatalf("only %d routes", len(routes))
	}
	for _, rt := range routes {
		path := fill.Replace(rt.Pattern)
		if strings.HasPrefix(rt.Pattern, "/api/v1/units/{code}") {
			path = strings.Replace(rt.Pattern, "{code}", tDept, 1)
		}
		for _, role := range actors {
			if rt.Pattern == "/api/v1/auth/logout" || rt.Pattern == "/logout" {
				continue // checked below with throw-away tokens
			}
			token := ""
			var actor *motcua.Actor
			if role != "" {
				token = e.tokens[role]
				actor = &motcua.Actor{Role: role}
			}
			var body any
			if rt.Method != "GET" {
				body = "{}"
			}
			res := e.do(rt.Method, path, token, body, nil)
			allowed := auth.Allowed(actor, rt.Perm)
			name := rt.Method + " " + rt.Pattern + " as " + string(role)
			switch {
			case rt.Pattern == "/login" && res.StatusCode == 401:
				// the login form answers wrong credentials with 401 itself
			case allowed && (res.StatusCode == 401 || res.StatusCode == 403):
				t.Errorf("%s: allowed but got %d", name, res.StatusCode)
			case !allowed && role == "" && res.StatusCode != 401 && res.StatusCode != 303:
				t.Errorf("%s: anonymous got %d, want 401", name, res.StatusCode)
			case !allowed && role != "" && res.StatusCode != 403:
				t.Errorf("%s: got %d, want 403", name, res.StatusCode)
			}
		}
	}
	// logout: any logged-in user may, and the token stops working
	for _, r := range motcua.Roles {
		tok := e.login("u-"+string(r), tPassword)
		if res := e.do("POST", "/api/v1/auth/logout", tok, nil, nil); res.StatusCode != 204 {
			t.Fatalf("logout %s: %d", r, res.StatusCode)
		}
		e.problem("GET", "/api/v1/auth/me", tok, nil, 401)
	}
	e.problem("POST", "/api/v1/auth/logout", "", nil, 401)
}

func TestLoginErrors(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	p := e.problem("POST", "/api/v1/auth/login", "", map[string]string{"username": "u-admin", "password": "sai"}, 401)
	if p.Key != "auth.bad_credentials" {
		t.Fatalf("bad password: %+v", p)
	}
	e.problem("POST", "/api/v1/auth/login", "", map[string]string{"username": "nobody", "password": "whatever1"}, 401)
	e.problem("GET", "/api/v1/units", "not-a-token", nil, 401)
	// rate limit: the 11th attempt within a minute from one address is refused
	e.srv.loginRate = newRateLimiter(3, 60e9)
	for i := 0; i < 3; i++ {
		e.problem("POST", "/api/v1/auth/login", "", map[string]string{"username": "u-admin", "password": "sai"}, 401)
	}
	e.problem("POST", "/api/v1/auth/login", "", map[string]string{"username": "u-admin", "password": tPassword}, 429)
}

// TestWebSessionCSRF logs in through the form, then checks that a write without the
// session's CSRF token is refused and changes nothing, and that one with it works.
func TestWebSessionCSRF(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(e.ts.URL+"/login", url.Values{"username": {"u-viewer"}, "password": {tPassword}, "next": {"/me"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 303 || res.Header.Get("Location") != "/me" {
		t.Fatalf("login: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	cookie := res.Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookie flags: %+v", cookie)
	}
	// forged: no token, then a wrong token → 403, still logged in
	for _, tok := range []string{"", "forged"} {
		res, _ = c.PostForm(e.ts.URL+"/lang", url.Values{"lang": {"en"}, "csrf_token": {tok}})
		res.Body.Close()
		if res.StatusCode != 403 {
			t.Fatalf("forged csrf %q: %d", tok, res.StatusCode)
		}
	}
	sess, err := e.db.Users().Session(t.Context(), cookie.Value)
	if err != nil || sess.User.Lang != "vi" {
		t.Fatalf("state changed by a refused request: %v %+v", err, sess)
	}
	// a cross-site browser request is refused even before the token is checked
	req, _ := http.NewRequest("POST", e.ts.URL+"/lang", strings.NewReader("lang=en&csrf_token="+sess.CSRF))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, _ = c.Do(req)
	res.Body.Close()
	if res.StatusCode != 403 {
		t.Fatalf("cross-site: %d", res.StatusCode)
	}
	// genuine
	res, _ = c.PostForm(e.ts.URL+"/lang", url.Values{"lang": {"en"}, "csrf_token": {sess.CSRF}, "next": {"/me"}})
	res.Body.Close()
	if res.StatusCode != 303 {
		t.Fatalf("genuine: %d", res.StatusCode)
	}
	if sess, _ = e.db.Users().Session(t.Context(), cookie.Value); sess.User.Lang != "en" {
		t.Fatalf("language not saved: %+v", sess.User)
	}
	res, _ = c.Get(e.ts.URL + "/me")
	body := readAll(res)
	if !strings.Contains(body, `lang="en"`) || !strings.Contains(body, "My profile") {
		t.Fatalf("english profile page expected")
	}
}
