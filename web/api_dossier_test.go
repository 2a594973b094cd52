package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

type dossierJSON struct {
	dossier.Dossier
	Allowed []dossier.Action `json:"allowed_actions"`
	Overdue bool             `json:"overdue"`
}

// act posts an action with If-Match and returns the status and the dossier.
func (e *testEnv) act(role motcua.Role, code, action string, version int, body any) (int, dossierJSON, Problem) {
	e.t.Helper()
	var out dossierJSON
	var p Problem
	req := func() *http.Response {
		b := "{}"
		if body != nil {
			b = string(mustJSON(body))
		}
		r, _ := http.NewRequest("POST", e.ts.URL+"/api/v1/dossiers/"+code+"/actions/"+action, strings.NewReader(b))
		r.Header.Set("Authorization", "Bearer "+e.tokens[role])
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("If-Match", strconv.Quote(strconv.Itoa(version)))
		res, err := noRedirect.Do(r)
		if err != nil {
			e.t.Fatal(err)
		}
		return res
	}()
	data := readAll(req)
	if req.StatusCode == 200 {
		jsonUnmarshal([]byte(data), &out)
	} else {
		jsonUnmarshal([]byte(data), &p)
	}
	return req.StatusCode, out, p
}

func TestDossierAPIScenario(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		clock := time.Date(2026, 3, 9, 8, 0, 0, 0, motcua.ICT) // Monday
		db.Now = func() time.Time { return clock }
		recv := map[string]any{
			"procedure_code": "1.004227",
			"applicant": map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ", "id_number": "020095001234",
				"phone": "0912 345 678", "address": "Phường Lương Văn Tri, Lạng Sơn"},
			"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}},
		}
		// only receptionists receive
		e.problem("POST", "/api/v1/dossiers", e.tokens[motcua.RoleProcessor], recv, 403)
		var d dossierJSON
		res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d)
		if res.StatusCode != 201 || !strings.HasPrefix(d.Code, tCenter+"-260309-") || res.Header.Get("ETag") != `"1"` {
			t.Fatalf("receive: %d %s", res.StatusCode, d.Code)
		}
		// 10 working days from Mon 9 Mar 08:00 → Mon 23 Mar 08:00
		if want := time.Date(2026, 3, 23, 8, 0, 0, 0, motcua.ICT); !d.DueAt.Equal(want) {
			t.Fatalf("due %v, want %v", d.DueAt, want)
		}
		// bad intake: invalid ID → 400 naming the field; nothing stored
		bad := map[string]any{}
		for k, v := range recv {
			bad[k] = v
		}
		bad["applicant"] = map[string]any{"kind": "person", "full_name": "X", "id_number": "123", "phone": "0912345678", "address": "x"}
		if p := e.problem("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], bad, 400); !strings.HasPrefix(p.Field, "applicant") {
			t.Fatalf("bad applicant field %q", p.Field)
		}

		code := d.Code
		step := func(dt time.Duration, role motcua.Role, action string, body any) {
			t.Helper()
			clock = clock.Add(dt)
			st, nd, p := e.act(role, code, action, d.Version, body)
			if st != 200 {
				t.Fatalf("%s as %s: %d %+v", action, role, st, p)
			}
			d = nd
		}
		// a stale version loses; a leader may not transfer; an invalid transition lists what is allowed
		if st, _, p := e.act(motcua.RoleReceptionist, code, "transfer", 0, nil); st != 409 || p.Key != "dossier.version_stale" {
			t.Fatalf("stale: %d %+v", st, p)
		}
		if st, _, _ := e.act(motcua.RoleLeader, code, "transfer", d.Version, nil); st != 403 {
			t.Fatalf("leader transfer: %d", st)
		}
		if st, _, p := e.act(motcua.RoleReceptionist, code, "return_result", d.Version, nil); st != 409 || p.Details == nil {
			t.Fatalf("invalid transition: %d %+v", st, p)
		}
		step(30*time.Minute, motcua.RoleReceptionist, "transfer", nil)
		step(time.Hour, motcua.RoleLeader, "assign", map[string]any{"assignee": "u-processor"})
		step(2*time.Hour, motcua.RoleProcessor, "request_supplement", map[string]any{"reason": "Thiếu bản sao giấy khai sinh", "missing_papers": []string{"Bản sao giấy khai sinh"}})
		if d.State != dossier.StateWaitingSupplement {
			t.Fatalf("state %s", d.State)
		}
		dueBefore := d.DueAt
		// papers arrive the next morning: the due moves by the working time stopped
		clock = time.Date(2026, 3, 10, 8, 30, 0, 0, motcua.ICT)
		step(0, motcua.RoleReceptionist, "supplement_received", map[string]any{"papers": []map[string]any{{"name": "Bản sao giấy khai sinh", "copies": 1}}})
		if !d.DueAt.After(dueBefore) {
			t.Fatalf("due did not move: %v → %v", dueBefore, d.DueAt)
		}
		step(time.Hour, motcua.RoleProcessor, "propose_result", map[string]any{"summary": "Đủ điều kiện"})
		step(time.Hour, motcua.RoleLeader, "approve", map[string]any{"document_sha256": strings.Repeat("ab", 32)})
		if d.State != dossier.StateResultReady || d.Completion == nil || d.Completion.Outcome != "early" {
			t.Fatalf("after approve: %s %+v", d.State, d.Completion)
		}
		step(time.Hour, motcua.RoleReceptionist, "return_result", map[string]any{"recipient": map[string]any{"name": "Hoàng Văn Thụ", "id_number": "020095001234"}})

		var evs struct{ Items []dossier.Event }
		e.do("GET", "/api/v1/dossiers/"+code+"/events", e.tokens[motcua.RoleViewer], nil, &evs)
		if len(evs.Items) != d.Version || d.Version != 8 {
			t.Fatalf("events %d version %d", len(evs.Items), d.Version)
		}
		// the dossier book, scoped to the unit
		var book page[dossier.Summary]
		e.do("GET", "/api/v1/dossiers?q=hoang+van+thu&status=returned", e.tokens[motcua.RoleLeader], nil, &book)
		if book.Total != 1 {
			t.Fatalf("book: %+v", book)
		}
		e.problem("GET", "/api/v1/dossiers?unit=000.00.99.H37", e.tokens[motcua.RoleLeader], nil, 403)
		e.problem("GET", "/api/v1/dossiers?status=nonsense", e.tokens[motcua.RoleViewer], nil, 400)

		// public lookup: no login, masked name, no personal data
		res, body := e.get("/api/v1/public/dossiers/" + code)
		if res.StatusCode != 200 || strings.Contains(body, "Hoàng Văn Thụ") || strings.Contains(body, "020095001234") ||
			strings.Contains(body, "0912") || strings.Contains(body, "Lương Văn Tri") || !strings.Contains(body, "H*") {
			t.Fatalf("public lookup leaks or fails: %d %s", res.StatusCode, body)
		}
		res, _ = e.get("/api/v1/public/dossiers/not-a-code")
		if res.StatusCode != 400 {
			t.Fatalf("bad code: %d", res.StatusCode)
		}
	})
}

func TestLookupPage(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	recv := map[string]any{"procedure_code": "1.004227",
		"applicant": map[string]any{"kind": "person", "full_name": "Nông Thị Mai", "id_number": "020195004321", "phone": "0987654321", "address": "Xã Cao Lộc"},
		"papers":    []map[string]any{{"name": "Tờ khai", "originals": 1}}}
	var d dossierJSON
	if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d); res.StatusCode != 201 {
		t.Fatalf("receive: %d", res.StatusCode)
	}
	res, body := e.get("/tra-cuu/" + d.Code)
	if res.StatusCode != 200 || !strings.Contains(body, "Đã tiếp nhận") || strings.Contains(body, "Nông Thị Mai") || strings.Contains(body, "020195004321") {
		t.Fatalf("lookup page: %d", res.StatusCode)
	}
	res, body = e.get("/tra-cuu?code=" + d.Code + "&lang=en")
	if res.StatusCode != 200 || !strings.Contains(body, "Received") || !strings.Contains(body, `lang="en"`) {
		t.Fatal("english lookup")
	}
	res, body = e.get("/tra-cuu?code=000.00.01.H37-200101-9999")
	if res.StatusCode != 404 || !strings.Contains(body, "Không tìm thấy hồ sơ") {
		t.Fatalf("unknown code: %d", res.StatusCode)
	}
}

func TestSlipsAndAttachments(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		rc := e.tokens[motcua.RoleReceptionist]
		// upload a PDF; an executable is refused
		res, ref := e.uploadTo("/api/v1/attachments", rc, "to-khai.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
		if res.StatusCode != 201 || len(ref["sha256"].(string)) != 64 {
			t.Fatalf("upload: %d %v", res.StatusCode, ref)
		}
		if res, _ := e.uploadTo("/api/v1/attachments", rc, "virus.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00")); res.StatusCode != 422 {
			t.Fatalf("executable accepted: %d", res.StatusCode)
		}
		recv := map[string]any{"procedure_code": "1.004227",
			"applicant":   map[string]any{"kind": "person", "full_name": "Vi Văn Hùng", "id_number": "020095007777", "phone": "0977123456", "address": "Xã Hữu Lũng"},
			"papers":      []map[string]any{{"name": "Tờ khai", "originals": 1}},
			"attachments": []map[string]any{{"sha256": ref["sha256"], "name": "to-khai.pdf", "size": ref["size"], "content_type": "application/pdf"}}}
		var d dossierJSON
		if res := e.do("POST", "/api/v1/dossiers", rc, recv, &d); res.StatusCode != 201 {
			t.Fatalf("receive: %d", res.StatusCode)
		}
		var atts struct{ Items []map[string]any }
		e.do("GET", "/api/v1/dossiers/"+d.Code+"/attachments", e.tokens[motcua.RoleLeader], nil, &atts)
		if len(atts.Items) != 1 {
			t.Fatalf("attachments: %+v", atts)
		}
		// the leader of the resolving unit may download it, with safe headers
		req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/attachments/"+ref["sha256"].(string), nil)
		req.Header.Set("Authorization", "Bearer "+e.tokens[motcua.RoleLeader])
		res, _ = noRedirect.Do(req)
		body := readAll(res)
		if res.StatusCode != 200 || !strings.HasPrefix(body, "%PDF") || res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: %d %v", res.StatusCode, res.Header)
		}
		// the receipt slip: HTML with the code, the QR code and the appointment
		req, _ = http.NewRequest("GET", e.ts.URL+"/api/v1/dossiers/"+d.Code+"/slips/receipt", nil)
		req.Header.Set("Authorization", "Bearer "+rc)
		res, _ = noRedirect.Do(req)
		page := readAll(res)
		if res.StatusCode != 200 || !strings.Contains(page, d.Code) || !strings.Contains(page, "data:image/png;base64,") || !strings.Contains(page, "/static/slip.css") {
			t.Fatalf("receipt slip: %d", res.StatusCode)
		}
		// no apology was issued: that slip does not apply
		e.problem("GET", "/api/v1/dossiers/"+d.Code+"/slips/apology", rc, nil, 422)
		e.problem("GET", "/api/v1/dossiers/"+d.Code+"/slips/nonsense", rc, nil, 404)
		if res, css := e.get("/static/slip.css"); res.StatusCode != 200 || !strings.Contains(css, "@page") {
			t.Fatalf("slip css: %d", res.StatusCode)
		}
	})
}
