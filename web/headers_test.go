package web

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/blob"
	"github.com/motcua/motcua/catalog/importer"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// checkSecurityHeaders fails unless res carries the security headers every response
// must: a CSP that forbids framing and foreign scripts, X-Frame-Options DENY, nosniff
// and a Referrer-Policy.
func checkSecurityHeaders(t *testing.T, what string, res *http.Response) {
	t.Helper()
	h := res.Header
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s (%d): CSP %q lacks %q", what, res.StatusCode, csp, want)
		}
	}
	if got := h.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("%s (%d): X-Frame-Options %q", what, res.StatusCode, got)
	}
	if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("%s (%d): X-Content-Type-Options %q", what, res.StatusCode, got)
	}
	if got := h.Get("Referrer-Policy"); got == "" || got == "unsafe-url" {
		t.Errorf("%s (%d): Referrer-Policy %q", what, res.StatusCode, got)
	}
}

// TestSecurityHeadersEveryRoute requests every route of the table — anonymously and
// as the admin, with placeholder path values — plus static files, unknown paths,
// refused writes and problem documents, and checks each answer's security headers,
// whatever its status.
func TestSecurityHeadersEveryRoute(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	t.Cleanup(e.srv.CloseQueue)
	client := &http.Client{Timeout: 10 * time.Second, CheckRedirect: noRedirect.CheckRedirect}
	admin := e.tokens[motcua.RoleAdmin]
	fill := strings.NewReplacer("{code}", "H37-260101-0001", "{id}", "1", "{sha256}", strings.Repeat("a", 64),
		"{unit}", tCenter, "{year}", "2026", "{field}", tField, "{token}", "x", "{number}", "1", "{$}", "")
	n := 0
	for _, rt := range e.srv.Routes() {
		path := fill.Replace(rt.Pattern)
		if strings.Contains(path, "{") {
			path = strings.NewReplacer("{", "", "}", "").Replace(path) // any other placeholder: its name
		}
		for _, token := range []string{"", admin} {
			var body io.Reader
			if rt.Method != "GET" {
				body = strings.NewReader("{}")
			}
			req, _ := http.NewRequest(rt.Method, e.ts.URL+path, body)
			if body != nil {
				req.Header.Set("Content-Type", "application/json")
			}
			if token != "" {
				req.Header.Set("Authorization", "Bearer "+token)
			}
			res, err := client.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", rt.Method, path, err)
			}
			io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
			res.Body.Close()
			checkSecurityHeaders(t, rt.Method+" "+path, res)
			n++
		}
	}
	for _, p := range []string{"/static/app.css", "/no/such/page", "/api/v1/no/such/resource"} {
		res := mustGet(t, e.ts.URL+p)
		res.Body.Close()
		checkSecurityHeaders(t, "GET "+p, res)
	}
	// a bad token, a CSRF refusal and a malformed body are answered with the headers too
	req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/dossiers", nil)
	req.Header.Set("Authorization", "Bearer nope")
	res, _ := client.Do(req)
	res.Body.Close()
	checkSecurityHeaders(t, "bad token", res)
	req, _ = http.NewRequest("POST", e.ts.URL+"/api/v1/units", strings.NewReader("{"))
	req.Header.Set("Authorization", "Bearer "+admin)
	req.Header.Set("Content-Type", "application/json")
	res, _ = client.Do(req)
	res.Body.Close()
	checkSecurityHeaders(t, "malformed JSON", res)
	req, _ = http.NewRequest("POST", e.ts.URL+"/logout", strings.NewReader(""))
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, _ = client.Do(req)
	res.Body.Close()
	checkSecurityHeaders(t, "cross-site POST", res)
	if n < 100 {
		t.Fatalf("only %d requests: is the route table empty?", n)
	}
}

// TestUploadLimits: oversized JSON and multipart bodies are refused with 400 and a
// problem naming the limit; a file within the limit is accepted.
func TestUploadLimits(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	rcp, admin := e.tokens[motcua.RoleReceptionist], e.tokens[motcua.RoleAdmin]

	// JSON: 1 MiB
	big := `{"procedure_code":"1.004227","applicant":{"full_name":"` + strings.Repeat("a", MaxJSONBody) + `"}}`
	p := e.problem("POST", "/api/v1/dossiers", rcp, big, 400)
	if p.Key != "request.too_large" || p.Params["limit"] != float64(MaxJSONBody) || !strings.Contains(p.Detail, fmt.Sprint(MaxJSONBody)) {
		t.Fatalf("oversized JSON: %+v", p)
	}
	checkLimitProblem := func(what string, res *http.Response, data []byte, key, param string, limit int64) {
		t.Helper()
		var p Problem
		jsonUnmarshal(data, &p)
		if res.StatusCode != 400 || res.Header.Get("Content-Type") != "application/problem+json" || p.Key != key || p.Params[param] != float64(limit) ||
			!strings.Contains(p.Detail, fmt.Sprint(limit)) {
			t.Fatalf("%s: %d %s", what, res.StatusCode, data)
		}
		checkSecurityHeaders(t, what, res)
	}

	// multipart attachment: the blob store's limit (default 20 MiB)
	upload := func(path, token string, size int) (*http.Response, []byte) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "scan.pdf")
		fw.Write([]byte("%PDF-1.4\n"))
		fw.Write(bytes.Repeat([]byte{'x'}, size))
		mw.Close()
		req, _ := http.NewRequest("POST", e.ts.URL+path, &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		data, _ := io.ReadAll(res.Body)
		return res, data
	}
	proc := e.tokens[motcua.RoleProcessor]
	if res, data := upload("/api/v1/attachments", proc, 2<<20); res.StatusCode != 201 {
		t.Fatalf("a 2 MiB file is within the default limit: %d %s", res.StatusCode, data)
	}
	res, data := upload("/api/v1/attachments", proc, int(blob.DefaultMaxSize)+(2<<20))
	checkLimitProblem("oversized attachment", res, data, "blob.too_large", "max", blob.DefaultMaxSize)
	e.srv.Blobs.MaxSize = 1000
	res, data = upload("/api/v1/attachments", proc, 5000) // over the store's limit, under the body's slack
	checkLimitProblem("attachment over a configured limit", res, data, "blob.too_large", "max", 1000)
	res, data = upload("/api/v1/attachments", proc, 3<<20) // over the body limit
	checkLimitProblem("body over a configured limit", res, data, "blob.too_large", "max", 1000)

	// multipart catalogue import
	res, data = upload("/api/v1/procedures/import", admin, int(importer.MaxFileSize)+(2<<20))
	checkLimitProblem("oversized import", res, data, "request.too_large", "limit", MaxImportBody)
}
