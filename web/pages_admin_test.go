package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// browser is a logged-in browser session for the admin page tests.
type browser struct {
	e    *testEnv
	c    *http.Client
	csrf string
}

func (e *testEnv) browser(username string) *browser {
	e.t.Helper()
	b := &browser{e: e, c: e.browserLogin(username)}
	_, page := b.get("/me")
	b.csrf = between(page, `name="csrf_token" value="`, `"`)
	if b.csrf == "" {
		e.t.Fatal("no CSRF token on /me")
	}
	return b
}

func (b *browser) get(path string) (*http.Response, string) {
	b.e.t.Helper()
	res, err := b.c.Get(b.e.ts.URL + path)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return res, readAll(res)
}

// post submits a form with the session's CSRF token (unless the form has its own).
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	if form.Get("csrf_token") == "" {
		form.Set("csrf_token", b.csrf)
	}
	res, err := b.c.PostForm(b.e.ts.URL+path, form)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return res, readAll(res)
}

func (b *browser) upload(path, name string, data []byte, fields map[string]string) *http.Response {
	b.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", b.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", b.e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return res
}

func wantStatus(t *testing.T, what string, res *http.Response, body string, status int) {
	t.Helper()
	if res.StatusCode != status {
		if len(body) > 3000 {
			body = body[:3000]
		}
		t.Fatalf("%s: status %d, want %d\n%s", what, res.StatusCode, status, body)
	}
}

func wantText(t *testing.T, what, body string, texts ...string) {
	t.Helper()
	body = html.UnescapeString(body)
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("%s: %q not found", what, s)
		}
	}
}

func TestAdminUnitPages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	b := e.browser("u-admin")
	ctx := context.Background()

	res, body := b.get("/admin/units")
	wantStatus(t, "tree", res, body, 200)
	wantText(t, "tree", body, "UBND tỉnh Lạng Sơn", tCenter, "Sở Tư pháp", "Sở, ban, ngành")
	if strings.Index(body, tProvince) > strings.Index(body, tDept) {
		t.Error("the province must come before its departments")
	}

	// a bad code: the error is shown next to the field, the input is kept, nothing stored
	form := url.Values{"code": {"sở tư pháp"}, "name": {"Sở Xây dựng"}, "kind": {"department"}, "parent_code": {tProvince}, "active": {"1"}}
	res, body = b.post("/admin/units", form)
	wantStatus(t, "bad code", res, body, 400)
	wantText(t, "bad code", body, `class="field-error" id="u-code-err"`, "Mã định danh cơ quan không đúng định dạng", `value="sở tư pháp"`, `value="Sở Xây dựng"`)
	if us, _ := e.srv.Catalog.ListUnits(ctx); len(us) != 3 {
		t.Fatalf("units after a refused form: %d", len(us))
	}
	// a missing parent is refused by the store, also shown at the field
	form.Set("code", "000.00.12.H37")
	form.Set("parent_code", "999.99.99.H37")
	res, body = b.post("/admin/units", form)
	wantStatus(t, "missing parent", res, body, 422)
	wantText(t, "missing parent", body, "u-parent-err", "Đơn vị cấp trên không tồn tại.")

	form.Set("parent_code", tProvince)
	res, body = b.post("/admin/units", form)
	wantStatus(t, "create", res, body, 303)
	u, err := e.srv.Catalog.GetUnit(ctx, "000.00.12.H37")
	if err != nil || u.Name != "Sở Xây dựng" || u.Kind != catalog.UnitDepartment || u.ParentCode != tProvince || !u.Active {
		t.Fatalf("created unit: %+v %v", u, err)
	}
	_, body = b.get(res.Header.Get("Location"))
	wantText(t, "flash", body, "Đã thêm đơn vị 000.00.12.H37.")

	// edit: the form shows the stored values; the update keeps the code
	res, body = b.get("/admin/units/000.00.12.H37/edit")
	wantStatus(t, "edit form", res, body, 200)
	wantText(t, "edit form", body, `value="Sở Xây dựng"`, `action="/admin/units/000.00.12.H37"`)
	res, body = b.post("/admin/units/000.00.12.H37", url.Values{"name": {""}, "kind": {"department"}, "parent_code": {tProvince}})
	wantStatus(t, "empty name", res, body, 400)
	wantText(t, "empty name", body, "u-name-err")
	res, body = b.post("/admin/units/000.00.12.H37", url.Values{"name": {"Sở Xây dựng tỉnh Lạng Sơn"}, "short_name": {"SXD"},
		"kind": {"department"}, "parent_code": {tProvince}, "address": {"Số 1 đường Hùng Vương"}})
	wantStatus(t, "update", res, body, 303)
	u, _ = e.srv.Catalog.GetUnit(ctx, "000.00.12.H37")
	if u.Name != "Sở Xây dựng tỉnh Lạng Sơn" || u.ShortName != "SXD" || u.Active {
		t.Fatalf("updated unit: %+v", u)
	}
	res, body = b.get("/admin/units/999.99.99.H37/edit")
	wantStatus(t, "unknown unit", res, body, 404)
}

// procedureForm is a complete procedure form: 2 fees, 2 papers, 3 steps, plus the
// blank rows a browser sends.
func procedureForm(code string) url.Values {
	f := url.Values{
		"code": {code}, "name": {"Cấp giấy phép xây dựng nhà ở riêng lẻ"}, "unit_code": {tDept}, "field_code": {tField},
		"level": {"province"}, "channels": {"counter", "online_full"},
		"limit.counter.amount": {"15"}, "limit.counter.unit": {"working_days"},
		"limit.online_full.amount": {"12"}, "limit.online_full.unit": {"working_days"},
		"limit.post.amount": {""}, "limit.post.unit": {"working_days"},
		"fee.0.kind": {"charge"}, "fee.0.name": {"Lệ phí cấp giấy phép"}, "fee.0.amount": {"75.000"}, "fee.0.note": {""},
		"fee.1.kind": {"fee"}, "fee.1.name": {"Phí thẩm định"}, "fee.1.amount": {"1500000"}, "fee.1.note": {"nhà trên 250 m²"},
		"fee.2.kind": {"charge"}, "fee.2.name": {""}, "fee.2.amount": {""}, "fee.2.note": {""},
		"paper.0.name": {"Đơn đề nghị cấp giấy phép"}, "paper.0.originals": {"1"}, "paper.0.copies": {"0"}, "paper.0.mandatory": {"1"},
		"paper.1.name": {"Bản vẽ thiết kế"}, "paper.1.originals": {"2"}, "paper.1.copies": {"1"},
		"paper.2.name": {""}, "paper.2.originals": {"1"}, "paper.2.copies": {"0"}, "paper.2.mandatory": {"1"},
		"result": {"Giấy phép xây dựng"}, "four_on_spot": {"1"}, "chain": {tCenter},
		"step.0.name": {"Tiếp nhận hồ sơ"}, "step.0.unit": {tCenter}, "step.0.role": {"receptionist"}, "step.0.hours": {"4"},
		"step.1.name": {"Thẩm định hồ sơ"}, "step.1.unit": {""}, "step.1.role": {"processor"}, "step.1.hours": {"1,5"},
		"step.2.name": {"Phê duyệt"}, "step.2.unit": {""}, "step.2.role": {"leader"}, "step.2.hours": {"8"},
		"step.3.name": {""}, "step.3.unit": {""}, "step.3.role": {""}, "step.3.hours": {""},
		"legal_basis": {"Luật Xây dựng 2014"}, "active": {"1"},
	}
	return f
}

func TestAdminProcedurePages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	b := e.browser("u-admin")
	ctx := context.Background()

	res, body := b.get("/admin/procedures/new")
	wantStatus(t, "new form", res, body, 200)
	if n := strings.Count(body, `name="fee.`); n != 3*4 {
		t.Errorf("new form: %d fee inputs, want 3 empty rows", n)
	}

	// a cell that is not a number: shown at its section, nothing stored
	bad := procedureForm("1.009001")
	bad.Set("fee.1.amount", "một triệu")
	res, body = b.post("/admin/procedures", bad)
	wantStatus(t, "bad amount", res, body, 400)
	wantText(t, "bad amount", body, "Dòng 2: Mức thu phải là số đồng nguyên", `value="một triệu"`, "Cấp giấy phép xây dựng nhà ở riêng lẻ")
	if _, err := e.srv.Catalog.GetProcedure(ctx, "1.009001"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
		t.Fatalf("stored despite the error: %v", err)
	}
	// no channel: the rule of catalog.Validate, shown with the channels
	bad = procedureForm("1.009001")
	bad.Del("channels")
	res, body = b.post("/admin/procedures", bad)
	wantStatus(t, "no channel", res, body, 422)
	wantText(t, "no channel", body, `id="p-channels-err"`, "Phải có ít nhất một cách thức nộp hồ sơ.")

	res, body = b.post("/admin/procedures", procedureForm("1.009001"))
	wantStatus(t, "create", res, body, 303)
	p, err := e.srv.Catalog.GetProcedure(ctx, "1.009001")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Cấp giấy phép xây dựng nhà ở riêng lẻ" || p.UnitCode != tDept || p.Level != catalog.LevelProvince || !p.FourOnSpot || !p.Active ||
		len(p.Channels) != 2 || p.Result != "Giấy phép xây dựng" || p.LegalBasis != "Luật Xây dựng 2014" {
		t.Errorf("procedure: %+v", p)
	}
	if len(p.TimeLimits) != 2 || p.TimeLimits[0] != (catalog.TimeLimit{Channel: catalog.ChannelCounter, Amount: 15, Unit: catalog.WorkingDays}) || p.TimeLimits[1].Amount != 12 {
		t.Errorf("time limits: %+v", p.TimeLimits)
	}
	if len(p.Fees) != 2 || p.Fees[0] != (catalog.Fee{Kind: catalog.FeeCharge, Name: "Lệ phí cấp giấy phép", Amount: 75000}) ||
		p.Fees[1] != (catalog.Fee{Kind: catalog.FeeFee, Name: "Phí thẩm định", Amount: 1500000, Note: "nhà trên 250 m²"}) {
		t.Errorf("fees: %+v", p.Fees)
	}
	if len(p.Papers) != 2 || p.Papers[0] != (catalog.Paper{Name: "Đơn đề nghị cấp giấy phép", Originals: 1, Mandatory: true}) ||
		p.Papers[1] != (catalog.Paper{Name: "Bản vẽ thiết kế", Originals: 2, Copies: 1}) {
		t.Errorf("papers: %+v", p.Papers)
	}
	if len(p.Steps) != 3 || p.Steps[0] != (catalog.Step{Name: "Tiếp nhận hồ sơ", UnitCode: tCenter, Role: motcua.RoleReceptionist, Minutes: 240}) ||
		p.Steps[1].Minutes != 90 || p.Steps[2].Role != motcua.RoleLeader {
		t.Errorf("steps: %+v", p.Steps)
	}
	if len(p.Chain) != 1 || p.Chain[0] != tCenter {
		t.Errorf("chain: %v", p.Chain)
	}

	// the edit form shows every field, the version and 3 empty rows below the 2 fees
	res, body = b.get("/admin/procedures/1.009001/edit")
	wantStatus(t, "edit form", res, body, 200)
	wantText(t, "edit form", body, `name="version" value="1"`, `value="Phí thẩm định"`, `value="1,5"`, `name="fee.4.name"`, "Luật Xây dựng 2014")

	// an update at the current version succeeds; a second one at the same (now stale)
	// version is refused with a clear message and the input kept
	upd := procedureForm("")
	upd.Set("version", "1")
	upd.Set("name", "Cấp giấy phép xây dựng")
	res, body = b.post("/admin/procedures/1.009001", upd)
	wantStatus(t, "update", res, body, 303)
	upd.Set("name", "Tên của người sửa thứ hai")
	res, body = b.post("/admin/procedures/1.009001", upd)
	wantStatus(t, "stale update", res, body, 409)
	wantText(t, "stale update", body, "Thủ tục đã được người khác sửa (phiên bản hiện tại 2)", `Tên của người sửa thứ hai`)
	p, _ = e.srv.Catalog.GetProcedure(ctx, "1.009001")
	if p.Version != 2 || p.Name != "Cấp giấy phép xây dựng" {
		t.Fatalf("after the stale update: v%d %q", p.Version, p.Name)
	}

	// history: both versions, who and what changed
	res, body = b.get("/admin/procedures/1.009001/history")
	wantStatus(t, "history", res, body, 200)
	wantText(t, "history", body, "Tạo mới", "Tên thủ tục: Cấp giấy phép xây dựng nhà ở riêng lẻ → Cấp giấy phép xây dựng", "u-admin")

	// the list finds it without diacritics and filters by unit
	res, body = b.get("/admin/procedures?q=giay+phep+xay+dung&unit=" + tDept)
	wantStatus(t, "list", res, body, 200)
	wantText(t, "list", body, "1.009001", "/admin/procedures/1.009001/edit")
	if strings.Contains(body, ">1.004227<") {
		t.Error("search matched an unrelated procedure")
	}
}

func TestAdminImportJob(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	b := e.browser("u-admin")
	ctx := context.Background()

	res, body := b.get("/admin/import")
	wantStatus(t, "import page", res, body, 200)
	wantText(t, "import page", body, "Mã thủ tục", "Quy trình nội bộ", "/admin/import/template.xlsx", "/admin/export.csv")

	ps := []catalog.Procedure{testProcedure("1.000301"), testProcedure("1.000302"), testProcedure("1.004227")}
	ps[1].Name = "Cấp lại Phiếu lý lịch tư pháp"
	var good bytes.Buffer
	if err := importer.Write(&good, importer.FormatCSV, ps); err != nil {
		t.Fatal(err)
	}
	bad := bytes.Replace(good.Bytes(), []byte("province"), []byte("galaxy"), 1)
	count := func() int {
		_, n, err := e.srv.Catalog.ListProcedures(ctx, catalog.ProcedureFilter{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	// a bad file: the job ends with the row errors, nothing stored
	jobURL := b.startImport("bad.csv", bad, false)
	res, body = b.get(jobURL)
	wantStatus(t, "bad job", res, body, 200)
	wantText(t, "bad job", body, `class="list errors"`, "<td><code>level</code></td>", "Có 1 lỗi trong tệp")
	if !strings.Contains(body, `<td class="num">2</td>`) {
		t.Error("bad job: row 2 not shown")
	}
	if strings.Contains(body, `http-equiv="refresh"`) {
		t.Error("a finished job must not refresh")
	}
	if count() != 1 {
		t.Fatalf("partial import: %d procedures", count())
	}
	// errors in the user's language
	req, _ := http.NewRequest("GET", e.ts.URL+jobURL+"?lang=en", nil)
	res, _ = b.c.Do(req)
	wantText(t, "english errors", readAll(res), "1 errors in the file", "unknown level")

	// a dry run checks and stores nothing
	jobURL = b.startImport("procs.csv", good.Bytes(), true)
	_, body = b.get(jobURL)
	wantText(t, "dry run", body, "Tệp hợp lệ: 3 thủ tục")
	if count() != 1 {
		t.Fatal("a dry run stored procedures")
	}

	// the good file: counts, and the progress document
	jobURL = b.startImport("procs.csv", good.Bytes(), false)
	_, body = b.get(jobURL)
	wantText(t, "good job", body, "Đã nhập 3 thủ tục: 2 thêm mới, 1 cập nhật.", `<progress id="job-progress" value="3" max="3">`)
	if count() != 3 {
		t.Fatalf("after import: %d procedures", count())
	}
	res, body = b.get(jobURL + ".json")
	wantStatus(t, "progress json", res, body, 200)
	var st jobJSON
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	if !st.Finished || st.Done != 3 || st.Total != 3 || st.Created != 2 || st.Updated != 1 || st.Stage != jobDone {
		t.Fatalf("progress: %+v", st)
	}
	if p, _ := e.srv.Catalog.GetProcedure(ctx, "1.000302"); p.UpdatedBy != "u-admin" {
		t.Errorf("import actor: %q", p.UpdatedBy)
	}
	res, _ = b.get("/admin/import/jobs/0123456789abcdef.json")
	if res.StatusCode != 404 {
		t.Errorf("unknown job: %d", res.StatusCode)
	}

	// a running job shows a refreshing progress bar (checked on a job held open)
	release := make(chan struct{})
	j := e.srv.jobs().start("u-admin", "big.csv", false, func(j *importJob) { j.progress(jobParsing)(200, 1000); <-release })
	for j.snapshot().Done != 200 {
		time.Sleep(time.Millisecond)
	}
	defer func() { close(release); e.srv.jobs().wait() }()
	_, body = b.get("/admin/import/jobs/" + j.ID)
	wantText(t, "running job", body, `<meta http-equiv="refresh" content="1">`, `<progress id="job-progress" value="200" max="1000">`)
	_, body = b.get("/admin/import/jobs/" + j.ID + ".json")
	if err := json.Unmarshal([]byte(body), &st); err != nil || st.Done != 200 || st.Total != 1000 || st.Finished {
		t.Fatalf("running progress: %+v %v", st, err)
	}

	// not a spreadsheet at all: the form again, with the file error
	res = b.upload("/admin/import", "old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), nil)
	body = readAll(res)
	wantStatus(t, "xls", res, body, 400)
	wantText(t, "xls", body, "Tệp .xls (Excel 97–2003) không được hỗ trợ")
}

// startImport uploads a file to the import form, waits for the job and returns its page.
func (b *browser) startImport(name string, data []byte, dry bool) string {
	b.e.t.Helper()
	fields := map[string]string{}
	if dry {
		fields["dry_run"] = "1"
	}
	res := b.upload("/admin/import", name, data, fields)
	body := readAll(res)
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/admin/import/jobs/") {
		b.e.t.Fatalf("start import: %d %q\n%s", res.StatusCode, loc, body)
	}
	b.e.srv.jobs().wait()
	return loc
}

func TestAdminDownloads(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	b := e.browser("u-admin")
	for _, tc := range []struct{ path, ctype string }{
		{"/admin/import/template.csv", "text/csv"},
		{"/admin/import/template.xlsx", xlsxType},
		{"/admin/export.csv", "text/csv"},
		{"/admin/export.xlsx", xlsxType},
	} {
		res, body := b.get(tc.path)
		wantStatus(t, tc.path, res, body, 200)
		if !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: %s / %s", tc.path, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		ps, rowErrs, err := importer.Parse(strings.NewReader(body), importer.FormatFromName(tc.path), nil)
		if err != nil || len(rowErrs) > 0 || len(ps) != 1 {
			t.Errorf("%s: parse back: %d procedures, %v, %v", tc.path, len(ps), rowErrs, err)
		}
		if strings.Contains(tc.path, "export") && ps[0].Code != "1.004227" {
			t.Errorf("%s: exported %q", tc.path, ps[0].Code)
		}
	}
	// only catalogue writers may download
	r := e.browser("u-viewer")
	if res, _ := r.get("/admin/export.csv"); res.StatusCode != 403 {
		t.Errorf("viewer export: %d", res.StatusCode)
	}
}

func TestAdminUserPages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	b := e.browser("u-admin")
	ctx := context.Background()

	res, body := b.get("/admin/users")
	wantStatus(t, "users", res, body, 200)
	wantText(t, "users", body, "u-receptionist", "Công chức Một cửa", "Trung tâm Phục vụ hành chính công tỉnh")

	// a short password: error at the field, nothing stored
	form := url.Values{"username": {"nguyen.van.a"}, "full_name": {"Nguyễn Văn A"}, "password": {"ngắn"}, "role": {"processor"}, "unit_code": {tDept}, "lang": {"vi"}}
	res, body = b.post("/admin/users", form)
	wantStatus(t, "short password", res, body, 422)
	wantText(t, "short password", body, "us-password-err", "Mật khẩu phải dài từ 8 đến 128 ký tự.", `value="nguyen.van.a"`)
	us, _ := e.srv.Users.ListUsers(ctx)
	n := len(us)

	form.Set("password", "mật-khẩu-mới-1")
	res, body = b.post("/admin/users", form)
	wantStatus(t, "create user", res, body, 303)
	if _, err := e.srv.Users.Authenticate(ctx, "nguyen.van.a", "mật-khẩu-mới-1"); err != nil {
		t.Fatalf("new user cannot log in: %v", err)
	}
	us, _ = e.srv.Users.ListUsers(ctx)
	if len(us) != n+1 {
		t.Fatalf("users: %d, want %d", len(us), n+1)
	}
	id := us[len(us)-1].ID
	for _, u := range us {
		if u.Username == "nguyen.van.a" {
			id = u.ID
		}
	}
	path := "/admin/users/" + strconv.FormatInt(id, 10)

	// change the role to leader, and the password
	res, body = b.get(path + "/edit")
	wantStatus(t, "edit user", res, body, 200)
	wantText(t, "edit user", body, `value="Nguyễn Văn A"`)
	res, body = b.post(path, url.Values{"full_name": {"Nguyễn Văn A"}, "role": {"leader"}, "unit_code": {tDept}, "lang": {"en"}, "active": {"1"}, "password": {"mật-khẩu-khác-2"}})
	wantStatus(t, "change role", res, body, 303)
	u, _ := e.srv.Users.GetUser(ctx, id)
	if u.Role != motcua.RoleLeader || u.Lang != "en" || !u.Active {
		t.Fatalf("updated user: %+v", u)
	}
	if _, err := e.srv.Users.Authenticate(ctx, "nguyen.van.a", "mật-khẩu-khác-2"); err != nil {
		t.Fatalf("new password: %v", err)
	}

	// an admin cannot deactivate or demote themselves
	admin, _ := e.srv.Users.Authenticate(ctx, "u-admin", tPassword)
	self := "/admin/users/" + strconv.FormatInt(admin.ID, 10)
	res, body = b.post(self, url.Values{"full_name": {admin.FullName}, "role": {"admin"}, "lang": {"vi"}})
	wantStatus(t, "deactivate self", res, body, 422)
	wantText(t, "deactivate self", body, "Không thể tự khóa hoặc tự hạ quyền tài khoản quản trị của mình.")
	res, body = b.post(self, url.Values{"full_name": {admin.FullName}, "role": {"viewer"}, "lang": {"vi"}, "active": {"1"}})
	wantStatus(t, "demote self", res, body, 422)
	if a, _ := e.srv.Users.GetUser(ctx, admin.ID); !a.Active || a.Role != motcua.RoleAdmin {
		t.Fatalf("admin changed: %+v", a)
	}
}

func TestAdminPagesRefused(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	ctx := context.Background()

	// a receptionist may read the catalogue but not change it, nor see users
	r := e.browser("u-receptionist")
	res, body := r.get("/admin/units/new")
	wantStatus(t, "receptionist new unit", res, body, 403)
	res, body = r.get("/admin/users")
	wantStatus(t, "receptionist users", res, body, 403)
	res, body = r.post("/admin/units", url.Values{"code": {"000.00.13.H37"}, "name": {"Sở Y tế"}, "kind": {"department"}})
	wantStatus(t, "receptionist post", res, body, 403)
	res, body = r.get("/admin")
	wantStatus(t, "receptionist admin home", res, body, 200)
	if strings.Contains(body, "/admin/users") || strings.Contains(body, "/admin/import") {
		t.Error("receptionist sees admin-only sections")
	}
	if strings.Contains(body, `<a href="/admin">`) {
		t.Error("receptionist sees the admin nav link")
	}
	res, body = r.get("/admin/units")
	wantStatus(t, "receptionist units", res, body, 200)
	if strings.Contains(body, "/edit") {
		t.Error("receptionist sees edit links")
	}

	// a forged CSRF token is refused and nothing is stored
	a := e.browser("u-admin")
	_, body = a.get("/admin")
	wantText(t, "admin nav", body, `<a href="/admin">Quản trị</a>`)
	res, body = a.post("/admin/units", url.Values{"csrf_token": {"forged"}, "code": {"000.00.13.H37"}, "name": {"Sở Y tế"}, "kind": {"department"}})
	wantStatus(t, "forged csrf", res, body, 403)
	wantText(t, "forged csrf", body, "mã chống giả mạo")
	if _, err := e.srv.Catalog.GetUnit(ctx, "000.00.13.H37"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
		t.Fatalf("unit stored with a forged token: %v", err)
	}
	res, body = a.post("/admin/users", url.Values{"csrf_token": {"forged"}, "username": {"ke.gia.mao"}, "password": {"mật-khẩu-dài"}, "role": {"viewer"}})
	wantStatus(t, "forged csrf user", res, body, 403)

	// anonymous users are sent to the login page
	res, _ = noRedirect.Get(e.ts.URL + "/admin/procedures")
	if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("anonymous: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}
