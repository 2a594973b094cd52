package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// page fetches a page with a browser client and returns the status and body.
func (e *testEnv) page(c *http.Client, path string) (int, string) {
	e.t.Helper()
	res, err := c.Get(e.ts.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	return res.StatusCode, readAll(res)
}

// post sends a urlencoded form and returns the response with its body.
func (e *testEnv) post(c *http.Client, path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	res, err := c.PostForm(e.ts.URL+path, form)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, readAll(res)
}

// postMultipart sends a multipart form with one file in field fileField.
func (e *testEnv) postMultipart(c *http.Client, path string, form url.Values, fileField, fileName string, content []byte) (*http.Response, string) {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	if fileField != "" {
		fw, _ := mw.CreateFormFile(fileField, fileName)
		fw.Write(content)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	return res, readAll(res)
}

func csrfOf(page string) string { return between(page, `name="csrf_token" value="`, `"`) }

// versionOf reads the version hidden in the dossier page's action forms.
func versionOf(page string) string { return between(page, `name="version" value="`, `"`) }

func TestStaffPages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	// log in before the clock is set: the session cookies expire in real time
	rc, ld, pr := e.browserLogin("u-receptionist"), e.browserLogin("u-leader"), e.browserLogin("u-processor")
	vw, ad := e.browserLogin("u-viewer"), e.browserLogin("u-director")
	clock := time.Date(2026, 3, 9, 8, 0, 0, 0, motcua.ICT) // Monday
	e.db.Now = func() time.Time { return clock }

	// anonymous users are sent to the login page
	for _, p := range []string{"/intake", "/work", "/book", "/book.csv", "/dossiers/000.00.01.H37-260309-0001"} {
		res, err := noRedirect.Get(e.ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
			t.Fatalf("anonymous %s: %d %s", p, res.StatusCode, res.Header.Get("Location"))
		}
	}

	// receptionist: search without diacritics, then the form with the checklist
	st, body := e.page(rc, "/intake")
	if st != 200 || !strings.Contains(body, `id="intake-q"`) || !strings.Contains(body, "autofocus") || !strings.Contains(body, `href="/intake"`) {
		t.Fatalf("intake search: %d %s", st, body)
	}
	_, body = e.page(rc, "/intake?q=ly+lich")
	if !strings.Contains(body, `href="/intake?procedure=1.004227"`) {
		t.Fatal("search 'ly lich' does not find the procedure")
	}
	_, body = e.page(rc, "/intake?q=1.004227")
	if !strings.Contains(body, `href="/intake?procedure=1.004227"`) {
		t.Fatal("search by code")
	}
	st, body = e.page(rc, "/intake?procedure=1.004227")
	for _, want := range []string{`name="paper_0"`, "Tờ khai", "Bắt buộc", `for="f-applicant-id-number"`, `name="applicant.id_number"`,
		`name="fee_0_exempt"`, "200.000 đ", `value="receive"`, `value="refuse_intake"`, `name="csrf_token"`} {
		if !strings.Contains(body, want) {
			t.Fatalf("intake form (%d) lacks %q", st, want)
		}
	}
	form := url.Values{"csrf_token": {csrfOf(body)}, "procedure": {"1.004227"}, "paper_0": {"1"}, "paper_0_originals": {"1"}, "paper_0_copies": {"0"},
		"applicant.kind": {"person"}, "applicant.full_name": {"Hoàng Văn Thụ"}, "applicant.id_number": {"123"}, "applicant.phone": {"0912 345 678"},
		"applicant.address": {"Phường Lương Văn Tri, Lạng Sơn"}, "channel": {"counter"}, "return_method.kind": {"counter"},
		"payment.method": {"cash"}, "payment.receipt": {"BL-0001"}, "payment.amount": {"200.000"}, "action": {"receive"}}
	res, body := e.post(rc, "/intake", form)
	if res.StatusCode != 400 || !strings.Contains(body, `id="f-applicant-id-number-msg"`) || !strings.Contains(body, "Số định danh/mã số thuế không hợp lệ.") ||
		!strings.Contains(body, `value="Hoàng Văn Thụ"`) || !strings.Contains(body, `aria-invalid="true"`) {
		t.Fatalf("bad id: %d", res.StatusCode)
	}
	// the message sits next to the ID input
	if i, j := strings.Index(body, `name="applicant.id_number"`), strings.Index(body, `id="f-applicant-id-number-msg"`); i < 0 || j < i || j-i > 600 {
		t.Fatalf("error not next to the field: %d %d", i, j)
	}
	if _, n, _ := e.db.Dossiers().List(t.Context(), dossier.Filter{}); n != 0 {
		t.Fatalf("a refused intake stored %d dossiers", n)
	}
	form.Set("applicant.id_number", "020095001234")
	res, _ = e.post(rc, "/intake", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/dossiers/"+tCenter+"-260309-") {
		t.Fatalf("receive: %d %s", res.StatusCode, loc)
	}
	code := strings.TrimPrefix(strings.Split(loc, "?")[0], "/dossiers/")
	st, body = e.page(rc, loc)
	for _, want := range []string{code, "/api/v1/dossiers/" + code + "/slips/receipt", "paper=80mm", `class="flash"`, "Hoàng Văn Thụ", "020095001234",
		"Tờ khai", "200.000 đ", "BL-0001", "Tiếp nhận hồ sơ", `action="/dossiers/` + code + `/actions/transfer"`} {
		if !strings.Contains(body, want) {
			t.Fatalf("dossier page (%d) lacks %q", st, want)
		}
	}
	if st, _ := e.page(rc, "/api/v1/dossiers/"+code+"/slips/receipt?paper=80mm"); st != 200 {
		t.Fatalf("receipt slip with the session cookie: %d", st)
	}
	res, _ = e.post(rc, "/dossiers/"+code+"/actions/transfer", url.Values{"csrf_token": {csrfOf(body)}, "version": {versionOf(body)}})
	if res.StatusCode != 303 || !strings.Contains(res.Header.Get("Location"), "done=transfer") {
		t.Fatalf("transfer: %d", res.StatusCode)
	}

	// leader: the dossier is on the work list; assign it through the form
	clock = clock.Add(time.Hour)
	st, body = e.page(ld, "/work")
	if st != 200 || !strings.Contains(body, code) || !strings.Contains(body, "Cần phân công xử lý") || !strings.Contains(body, "urg urg-ok") {
		t.Fatalf("leader's work list: %d", st)
	}
	_, body = e.page(ld, "/dossiers/"+code)
	if !strings.Contains(body, `action="/dossiers/`+code+`/actions/assign"`) || !strings.Contains(body, `<option value="u-processor"`) {
		t.Fatal("no assign form with the unit's processors")
	}
	version := versionOf(body)
	assign := url.Values{"csrf_token": {"forged"}, "version": {version}, "assignee": {"u-processor"}}
	if res, _ := e.post(ld, "/dossiers/"+code+"/actions/assign", assign); res.StatusCode != 403 {
		t.Fatalf("forged csrf: %d", res.StatusCode)
	}
	assign.Set("csrf_token", csrfOf(body))
	assign.Set("version", "1")
	res, body = e.post(ld, "/dossiers/"+code+"/actions/assign", assign)
	if res.StatusCode != 409 || !strings.Contains(body, "Hồ sơ vừa được người khác thay đổi") {
		t.Fatalf("stale version: %d", res.StatusCode)
	}
	if d, _ := e.db.Dossiers().Get(t.Context(), code); d.Assignee != "" {
		t.Fatal("a stale form acted")
	}
	assign.Set("version", version)
	res, _ = e.post(ld, "/dossiers/"+code+"/actions/assign", assign)
	if res.StatusCode != 303 {
		t.Fatalf("assign: %d", res.StatusCode)
	}
	if d, _ := e.db.Dossiers().Get(t.Context(), code); d.Assignee != "u-processor" {
		t.Fatalf("assignee %q", d.Assignee)
	}

	// processor: a supplement request without a reason is refused next to the field;
	// with one (and a scanned note attached) it is recorded
	clock = clock.Add(time.Hour)
	if _, body = e.page(pr, "/work"); !strings.Contains(body, code) {
		t.Fatal("processor's work list lacks the dossier")
	}
	_, body = e.page(pr, "/dossiers/"+code)
	sup := url.Values{"csrf_token": {csrfOf(body)}, "version": {versionOf(body)}, "missing_papers": {"Tờ khai"}}
	res, page := e.postMultipart(pr, "/dossiers/"+code+"/actions/request_supplement", sup, "", "", nil)
	if res.StatusCode != 400 || !strings.Contains(page, `id="a-request-supplement-reason-msg"`) || !strings.Contains(page, "Cần nêu lý do.") {
		t.Fatalf("supplement without reason: %d", res.StatusCode)
	}
	sup.Set("reason", "Thiếu bản sao giấy khai sinh")
	sup.Set("missing_papers_other", "Bản sao giấy khai sinh")
	res, _ = e.postMultipart(pr, "/dossiers/"+code+"/actions/request_supplement", sup, "attachment", "ghi-chu.pdf", []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
	if res.StatusCode != 303 {
		t.Fatalf("request supplement: %d", res.StatusCode)
	}
	d, _ := e.db.Dossiers().Get(t.Context(), code)
	if d.State != dossier.StateWaitingSupplement || len(d.Supplements) != 1 || len(d.Supplements[0].MissingPapers) != 2 {
		t.Fatalf("after supplement request: %s %+v", d.State, d.Supplements)
	}
	_, body = e.page(pr, "/dossiers/"+code)
	if !strings.Contains(body, "ghi-chu.pdf") || !strings.Contains(body, "/api/v1/attachments/") || !strings.Contains(body, "/slips/supplement") {
		t.Fatal("attachment or supplement slip not listed")
	}

	// the book: q without diacritics; the CSV has the BOM, the header and the row
	st, body = e.page(rc, "/book?q=hoang+van+thu")
	if st != 200 || !strings.Contains(body, code) || !strings.Contains(body, "/book.csv?q=hoang") {
		t.Fatalf("book: %d %s", st, body)
	}
	if _, body = e.page(rc, "/book?q=nguyen"); strings.Contains(body, code) {
		t.Fatal("book filter ignored")
	}
	if st, _ = e.page(rc, "/book?received_from=nonsense"); st != 400 {
		t.Fatalf("bad date: %d", st)
	}
	res, _ = rc.Get(e.ts.URL + "/book.csv?q=hoang+van+thu&status=waiting_supplement")
	csvBody := readAll(res)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(csvBody, "\uFEFFMã hồ sơ,") {
		t.Fatalf("csv: %d %q", res.StatusCode, csvBody[:min(40, len(csvBody))])
	}
	lines := strings.Split(strings.TrimSpace(csvBody), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], code+",1.004227,") || !strings.Contains(lines[1], "Hoàng Văn Thụ") {
		t.Fatalf("csv rows: %q", lines)
	}

	// English
	st, body = e.page(ld, "/work?lang=en")
	if st != 200 || !strings.Contains(body, `lang="en"`) || !strings.Contains(body, "My work") || !strings.Contains(body, "Dossier book") {
		t.Fatalf("english work page: %d", st)
	}
	if _, body = e.page(ld, "/dossiers/"+code+"?lang=en"); !strings.Contains(body, "Waiting for supplement") && !strings.Contains(body, "supplement") {
		t.Fatal("english dossier page")
	}

	// read-only roles see the page without forms; province-wide roles get the overdue list
	if st, body = e.page(vw, "/dossiers/"+code); st != 200 || strings.Contains(body, "/actions/") || !strings.Contains(body, code) {
		t.Fatalf("viewer's dossier page: %d", st)
	}
	if st, body = e.page(ad, "/work"); st != 200 || !strings.Contains(body, "Hồ sơ quá hạn") {
		t.Fatalf("director's work page: %d", st)
	}
	if st, body = e.page(ad, "/book?unit="+tDept); st != 200 || !strings.Contains(body, code) || !strings.Contains(body, `id="b-unit"`) {
		t.Fatalf("director's book by unit: %d", st)
	}

	// scope: a unit that the dossier never passed through does not see it
	if st, _ := e.page(rc, "/dossiers/"+tCenter+"-260309-9999"); st != 404 {
		t.Fatalf("unknown dossier: %d", st)
	}
}

// TestStaffPagesToReturn takes a dossier from intake to the applicant through the
// pages only: the draft and the signed result are uploaded files whose SHA-256 the
// server computes; a refusal at the counter prints a refusal slip.
func TestStaffPagesToReturn(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	rc, ld, pr := e.browserLogin("u-receptionist"), e.browserLogin("u-leader"), e.browserLogin("u-processor")
	clock := time.Date(2026, 3, 10, 9, 0, 0, 0, motcua.ICT)
	e.db.Now = func() time.Time { return clock }
	_, body := e.page(rc, "/intake?procedure=1.004227")
	form := url.Values{"csrf_token": {csrfOf(body)}, "procedure": {"1.004227"}, "paper_0": {"1"}, "paper_0_originals": {"1"},
		"applicant.kind": {"person"}, "applicant.full_name": {"Nông Thị Mai"}, "applicant.id_number": {"020195004321"}, "applicant.email": {"mai@example.vn"},
		"applicant.address": {"Xã Cao Lộc"}, "channel": {"counter"}, "return_method.kind": {"counter"},
		"fee_0_exempt": {"1"}, "fee_0_reason": {"Người có công với cách mạng"}, "action": {"receive"}}
	res, _ := e.post(rc, "/intake", form)
	if res.StatusCode != 303 {
		t.Fatalf("receive: %d", res.StatusCode)
	}
	code := strings.TrimPrefix(strings.Split(res.Header.Get("Location"), "?")[0], "/dossiers/")
	act := func(c *http.Client, action string, f url.Values, file string, content []byte) *http.Response {
		t.Helper()
		clock = clock.Add(30 * time.Minute)
		_, page := e.page(c, "/dossiers/"+code)
		if !strings.Contains(page, `/actions/`+action+`"`) {
			t.Fatalf("no %s form", action)
		}
		if f == nil {
			f = url.Values{}
		}
		f.Set("csrf_token", csrfOf(page))
		f.Set("version", versionOf(page))
		field := ""
		if file != "" {
			field = map[bool]string{true: "document", false: "attachment"}[actionSigns(dossier.Action(action))]
		}
		res, body := e.postMultipart(c, "/dossiers/"+code+"/actions/"+action, f, field, file, content)
		if res.StatusCode != 303 {
			t.Fatalf("%s: %d %s", action, res.StatusCode, between(body, `role="alert">`, "<"))
		}
		return res
	}
	act(rc, "transfer", nil, "", nil)
	act(ld, "assign", url.Values{"assignee": {"u-processor"}}, "", nil)
	draft := []byte("%PDF-1.4\n% du thao\n%%EOF\n")
	act(pr, "propose_result", url.Values{"summary": {"Đủ điều kiện cấp phiếu"}}, "du-thao.pdf", draft)
	// approving without the signed file names the field
	_, page := e.page(ld, "/dossiers/"+code)
	res, body = e.postMultipart(ld, "/dossiers/"+code+"/actions/approve", url.Values{"csrf_token": {csrfOf(page)}, "version": {versionOf(page)}}, "", "", nil)
	if res.StatusCode != 400 || !strings.Contains(body, `id="a-approve-document-msg"`) {
		t.Fatalf("approve without document: %d", res.StatusCode)
	}
	signed := []byte("%PDF-1.4\n% ket qua da ky\n%%EOF\n")
	act(ld, "approve", nil, "phieu-ltp.pdf", signed)
	d, _ := e.db.Dossiers().Get(t.Context(), code)
	if d.State != dossier.StateResultReady || d.Result == nil || d.Result.DocumentSHA256 != sha256hex(signed) {
		t.Fatalf("after approve: %s %+v", d.State, d.Result)
	}
	// the recipient is prefilled with the applicant
	_, page = e.page(rc, "/dossiers/"+code)
	if !strings.Contains(page, `value="Nông Thị Mai"`) || !strings.Contains(page, "phieu-ltp.pdf") || !strings.Contains(page, "du-thao.pdf") {
		t.Fatal("return form or attachments")
	}
	act(rc, "return_result", url.Values{"recipient.name": {"Nông Thị Mai"}, "recipient.id_number": {"020195004321"}}, "", nil)
	if d, _ = e.db.Dossiers().Get(t.Context(), code); d.State != dossier.StateReturned || !d.Fees[0].Exempt {
		t.Fatalf("returned: %s %+v", d.State, d.Fees)
	}

	// refusal at the counter: the reason is required, then the refusal slip is offered
	form.Set("action", "refuse_intake")
	form.Set("applicant.id_number", "020195004322")
	res, body = e.post(rc, "/intake", form)
	if res.StatusCode != 400 || !strings.Contains(body, `id="f-reason-msg"`) {
		t.Fatalf("refusal without reason: %d", res.StatusCode)
	}
	form.Set("reason", "Hồ sơ không thuộc thẩm quyền giải quyết")
	res, _ = e.post(rc, "/intake", form)
	if res.StatusCode != 303 {
		t.Fatalf("refuse intake: %d", res.StatusCode)
	}
	_, page = e.page(rc, res.Header.Get("Location"))
	if !strings.Contains(page, "/slips/refusal") || !strings.Contains(page, "Từ chối tiếp nhận") {
		t.Fatal("refusal slip link")
	}
}

func sha256hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
