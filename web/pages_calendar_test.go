package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

func TestCalendarPage(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	res, body := e.get("/calendar?year=2026&month=2")
	if res.StatusCode != 200 || !strings.Contains(body, "Tết Nguyên đán") || !strings.Contains(body, "Tháng 2/2026") {
		t.Fatalf("month view: %d", res.StatusCode)
	}
	if strings.Contains(body, `action="/calendar/load"`) {
		t.Fatal("anonymous users must not see the load form")
	}
	res, _ = e.get("/calendar?year=2026&month=13")
	if res.StatusCode != 400 {
		t.Fatalf("bad month: %d", res.StatusCode)
	}
	// an administrator loads a schedule through the form
	c := e.browserLogin("u-admin")
	res, _ = c.Get(e.ts.URL + "/calendar")
	page := readAll(res)
	if !strings.Contains(page, `action="/calendar/load"`) {
		t.Fatal("admin sees no load form")
	}
	csrf := between(page, `name="csrf_token" value="`, `"`)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", csrf)
	fw, _ := mw.CreateFormFile("file", "2029.json")
	fw.Write([]byte(`{"year":2029,"version":"2029.1","source":"thử","days":[{"date":"2029-03-05","kind":"off","name_vi":"Nghỉ thử","name_en":"Test"}]}`))
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+"/calendar/load", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 303 || !strings.Contains(res.Header.Get("Location"), "ok=loaded") {
		t.Fatalf("load: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = e.get("/calendar?year=2029&month=3")
	if !strings.Contains(body, "Nghỉ thử") {
		t.Fatal("loaded day not shown")
	}
}

// browserLogin logs a user in through the login form and returns a client with the
// session cookie that does not follow redirects.
func (e *testEnv) browserLogin(username string) *http.Client {
	e.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(e.ts.URL+"/login", url.Values{"username": {username}, "password": {tPassword}})
	if err != nil {
		e.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 303 {
		e.t.Fatalf("login %s: %d", username, res.StatusCode)
	}
	return c
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	j := strings.Index(s, b)
	if j < 0 {
		return ""
	}
	return s[:j]
}
