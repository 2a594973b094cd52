package slip_test

import (
	"bytes"
	"encoding/base64"
	"html"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/slip"
	"github.com/motcua/motcua/web/i18n"
)

const (
	centre = "H37.25"
	u0     = "H37.10"
	base   = "https://motcua.example.gov.vn/"

	evilName   = `Nguyễn Văn "An" <script>alert(1)</script>`
	evilPaper  = `Tờ khai <img src=x onerror=alert(2)>`
	evilReason = `Thiếu bản sao </style><script>alert(3)</script>`
)

var (
	rcpt  = motcua.Actor{Username: "tiep.nhan", Role: motcua.RoleReceptionist, UnitCode: centre}
	lead0 = motcua.Actor{Username: "lanh.dao0", Role: motcua.RoleLeader, UnitCode: u0}
	proc0 = motcua.Actor{Username: "chuyen.vien0", Role: motcua.RoleProcessor, UnitCode: u0}
	hash  = strings.Repeat("ab", 32)

	units = map[string]string{centre: "Trung tâm Phục vụ hành chính công tỉnh", u0: "Sở Thử nghiệm <Khoa học>"}
	users = map[string]string{"tiep.nhan": "Lê Thị Tiếp", "chuyen.vien0": "Phạm Văn Viên", "lanh.dao0": "Hoàng Lãnh Đạo"}
)

// jul returns day d of July 2025 at hh:mm Vietnam time; 14–18 and 21–25 July 2025 are
// plain working weeks.
func jul(d, hh, mm int) time.Time { return time.Date(2025, time.July, d, hh, mm, 0, 0, calendar.ICT) }

func proc() *catalog.Procedure {
	return &catalog.Procedure{
		Code: "1.004227", Name: "Cấp giấy phép thử nghiệm", UnitCode: u0, FieldCode: "TEST", Level: catalog.LevelProvince,
		TimeLimits: []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 3, Unit: catalog.WorkingDays}},
		Fees: []catalog.Fee{{Kind: catalog.FeeCharge, Name: "Lệ phí cấp phép", Amount: 50_000},
			{Kind: catalog.FeeFee, Name: "Phí thẩm định", Amount: 1_234_567}},
		Papers:   []catalog.Paper{{Name: "Tờ khai", Originals: 1, Mandatory: true}},
		Channels: []catalog.Channel{catalog.ChannelCounter},
		Result:   "Giấy phép thử nghiệm",
		Steps: []catalog.Step{
			{Name: "Tiếp nhận", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
			{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 60},
			{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 600},
			{Name: "Phê duyệt", Role: motcua.RoleLeader, Minutes: 120},
			{Name: "Trả kết quả", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
		},
		LegalBasis: "Nghị định 1/2025/NĐ-CP",
		Active:     true, Version: 1,
	}
}

func applicant() *dossier.Applicant {
	return &dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: evilName, IDNumber: "037095001234",
		Phone: "0912345678", Email: "an@example.vn", Address: "12 Trần Hưng Đạo, Ninh Bình"}
}

// run drives a dossier through the real domain: Decide then Apply.
type run struct {
	t *testing.T
	d *dossier.Dossier
	p *catalog.Procedure
}

func newRun(t *testing.T) *run { return &run{t: t, d: &dossier.Dossier{}, p: proc()} }

func (r *run) do(cmd dossier.Command, a motcua.Actor, at time.Time) {
	r.t.Helper()
	env := dossier.Env{Procedure: r.p, Calendar: calendar.Default()}
	if r.d.State == dossier.StateNew {
		env.Code = dossier.FormatCodeAt(a.UnitCode, at, 42)
	}
	e, err := dossier.Decide(r.d, cmd, a, at, env)
	if err != nil {
		r.t.Fatalf("%s: %v", cmd.Action, err)
	}
	if err := dossier.Apply(r.d, e); err != nil {
		r.t.Fatalf("apply %s: %v", cmd.Action, err)
	}
}

func receive(r *run) {
	r.do(dossier.Command{Action: dossier.ActReceive, Applicant: applicant(),
		Papers:  []dossier.PaperReceived{{Name: evilPaper, Originals: 1}, {Name: "Bản sao CCCD", Copies: 2}},
		Payment: &dossier.Payment{Method: dossier.PayCash, Receipt: "BL-0007", Amount: 1_284_567}}, rcpt, jul(14, 9, 0))
}

// fullRun: receive Monday 14 July 09:00 (due Thursday 17 09:00), supplement asked on
// Tuesday 10:00 and received Wednesday 10:00 (due moves to Friday 18 09:00), apology on
// Friday with a new appointment on Tuesday 22, result approved late on Monday 21,
// returned on Tuesday 22.
func fullRun(t *testing.T) *run {
	r := newRun(t)
	receive(r)
	r.do(dossier.Command{Action: dossier.ActTransfer}, rcpt, jul(14, 9, 30))
	r.do(dossier.Command{Action: dossier.ActAssign, Assignee: proc0.Username}, lead0, jul(14, 10, 0))
	r.do(dossier.Command{Action: dossier.ActRequestSupplement, Reason: evilReason,
		MissingPapers: []string{"Bản sao giấy chứng nhận <b>", "Ảnh 3x4"}}, proc0, jul(15, 10, 0))
	r.do(dossier.Command{Action: dossier.ActSupplementReceived, Papers: []dossier.PaperReceived{{Name: "Bản sao giấy chứng nhận", Copies: 1}}}, rcpt, jul(16, 10, 0))
	r.do(dossier.Command{Action: dossier.ActApologize, Reason: "Chờ ý kiến <cơ quan> phối hợp", Appointment: jul(22, 9, 0)}, proc0, jul(18, 8, 0))
	r.do(dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện"}, proc0, jul(18, 15, 0))
	r.do(dossier.Command{Action: dossier.ActApprove, DocumentSHA256: hash}, lead0, jul(21, 8, 0))
	r.do(dossier.Command{Action: dossier.ActReturnResult, Recipient: &dossier.Recipient{Name: "Nguyễn Văn An", IDNumber: "037095001234"}}, rcpt, jul(22, 8, 0))
	if r.d.State != dossier.StateReturned || r.d.Completion == nil || r.d.Completion.Outcome != calendar.Late {
		t.Fatalf("state %s completion %+v", r.d.State, r.d.Completion)
	}
	return r
}

func (r *run) input(lang, paper string) slip.Input {
	return slip.Input{Dossier: r.d, Procedure: r.p, BaseURL: base, Lang: lang, Paper: paper, Now: jul(22, 9, 0),
		UnitName: func(c string) string { return units[c] }, UserName: func(u string) string { return users[u] }}
}

func render(t *testing.T, kind slip.Kind, in slip.Input) string {
	t.Helper()
	var b bytes.Buffer
	if err := slip.Render(&b, kind, in); err != nil {
		t.Fatalf("render %s: %v", kind, err)
	}
	return b.String()
}

func contains(t *testing.T, name, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s: missing %q", name, w)
		}
	}
}

func lacks(t *testing.T, name, out string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(out, w) {
			t.Errorf("%s: must not contain %q", name, w)
		}
	}
}

// common checks what every slip must be: a standalone escaped document without script.
func common(t *testing.T, name, out, lang, paper, code string) {
	t.Helper()
	contains(t, name, out, "<!DOCTYPE html>", `<html lang="`+lang+`" class="paper-`+paper+`">`, `<meta charset="utf-8">`,
		`<link rel="stylesheet" href="/static/slip.css">`, "<style>", "@page", code)
	lacks(t, name, out, "<script", "<img src=x", "<b>", "<cơ quan>", "ZgotmplZ", "037095001234")
}

func TestReceipt(t *testing.T) {
	r := fullRun(t)
	code := r.d.Code
	out := render(t, slip.KindReceipt, r.input("", ""))
	common(t, "receipt vi", out, "vi", "a4", code)
	contains(t, "receipt vi", out,
		"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Cộng hòa xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc",
		"Trung tâm Phục vụ hành chính công tỉnh", "Mẫu số 01",
		// The applicant's own slip: full name (escaped), phone and address.
		"Nguyễn Văn &#34;An&#34; &lt;script&gt;alert(1)&lt;/script&gt;", "0912345678", "12 Trần Hưng Đạo, Ninh Bình", "an@example.vn",
		"Cấp giấy phép thử nghiệm", "1.004227", "Tờ khai &lt;img src=x onerror=alert(2)&gt;", "Bản sao CCCD",
		"1.234.567 đ", "50.000 đ", "1.284.567 đ", "BL-0007", "Tiền mặt",
		"Ngày 14 tháng 07 năm 2025", "14/07/2025 09:00", "18/07/2025 09:00", "3 ngày làm việc", "22/07/2025 09:00",
		"Lê Thị Tiếp", "Người nộp hồ sơ", "Người tiếp nhận hồ sơ", "(Ký và ghi rõ họ tên)", "Giấy phép thử nghiệm",
		`<img src="data:image/png;base64,`, "https://motcua.example.gov.vn/tra-cuu/"+code)
	lacks(t, "receipt vi", out, "Dossier receipt")

	// html/template writes '+' as &#43; in attributes; browsers decode it.
	m := regexp.MustCompile(`src="data:image/png;base64,([^"]+)"`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("no QR image")
	}
	raw, err := base64.StdEncoding.DecodeString(html.UnescapeString(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(bytes.NewReader(raw)); err != nil || img.Bounds().Dx() < 100 {
		t.Fatalf("QR is not a PNG: %v", err)
	}

	en := render(t, slip.KindReceipt, r.input("en-GB", "a4"))
	common(t, "receipt en", en, "en", "a4", code)
	contains(t, "receipt en", en, "Dossier receipt and appointment slip", "Socialist Republic of Viet Nam",
		"18/07/2025 09:00", "3 working days", "Cash", `<img src="data:image/png;base64,`)
	lacks(t, "receipt en", en, "Giấy tiếp nhận")

	// Without a base URL the receipt has no QR code.
	in := r.input("vi", "a4")
	in.BaseURL, in.UnitName, in.UserName = "", nil, nil
	noQR := render(t, slip.KindReceipt, in)
	lacks(t, "receipt without base URL", noQR, "data:image/png")
	contains(t, "receipt without base URL", noQR, centre, "tiep.nhan")
}

func TestControl(t *testing.T) {
	r := fullRun(t)
	out := render(t, slip.KindControl, r.input("vi", "a4"))
	common(t, "control", out, "vi", "a4", r.d.Code)
	contains(t, "control", out, "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Mẫu số 06",
		"Nguyễn Văn &#34;An&#34; &lt;script&gt;", "Sở Thử nghiệm &lt;Khoa học&gt;", "Trung tâm Phục vụ hành chính công tỉnh",
		"Thẩm định", "Phê duyệt", "Phạm Văn Viên", "Hoàng Lãnh Đạo", "Lê Thị Tiếp",
		"14/07/2025 09:30", "18/07/2025 09:00", "Đúng hạn", "Quá hạn", "22/07/2025 08:00", "Ngày 22 tháng 07 năm 2025")
	// The control slip travels between units: no contact details, no QR.
	lacks(t, "control", out, "0912345678", "Trần Hưng Đạo", "an@example.vn", "data:image/png")
	if n := strings.Count(out, "<tr><td class=\"num\">"); n != len(r.d.Handovers) || n < 4 {
		t.Errorf("control rows = %d, handovers = %d", n, len(r.d.Handovers))
	}
	en := render(t, slip.KindControl, r.input("en", "a4"))
	contains(t, "control en", en, "Dossier processing control slip", "On time", "Late", `lang="en"`)
}

func TestSupplement(t *testing.T) {
	r := fullRun(t)
	out := render(t, slip.KindSupplement, r.input("vi", "a4"))
	common(t, "supplement", out, "vi", "a4", r.d.Code)
	contains(t, "supplement", out, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Mẫu số 02",
		"Bản sao giấy chứng nhận &lt;b&gt;", "Ảnh 3x4", "Thiếu bản sao &lt;/style&gt;&lt;script&gt;alert(3)&lt;/script&gt;",
		"Phạm Văn Viên", "15/07/2025 10:00", "16/07/2025 10:00", "Sở Thử nghiệm &lt;Khoa học&gt;", "0912345678", "Người hướng dẫn")
	en := render(t, slip.KindSupplement, r.input("en", "a4"))
	contains(t, "supplement en", en, "Request to supplement the dossier")
}

func TestApology(t *testing.T) {
	r := fullRun(t)
	out := render(t, slip.KindApology, r.input("vi", "a4"))
	common(t, "apology", out, "vi", "a4", r.d.Code)
	contains(t, "apology", out, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "Mẫu số 04",
		"Chờ ý kiến &lt;cơ quan&gt; phối hợp", "18/07/2025 09:00", "22/07/2025 09:00", "Sở Thử nghiệm &lt;Khoa học&gt;",
		"Phạm Văn Viên", "Ngày 18 tháng 07 năm 2025", "xin lỗi")
	en := render(t, slip.KindApology, r.input("en", "a4"))
	contains(t, "apology en", en, "Apology and new appointment slip", "New appointment", "22/07/2025 09:00")
	// The apology changes neither the legal due nor the lateness.
	if !r.d.DueAt.Equal(jul(18, 9, 0)) {
		t.Errorf("due = %s", r.d.DueAt)
	}
}

func TestRefusalAtIntake(t *testing.T) {
	r := newRun(t)
	r.do(dossier.Command{Action: dossier.ActRefuseIntake, Applicant: applicant(), Reason: "Không thuộc thẩm quyền <giải quyết>"}, rcpt, jul(14, 9, 0))
	out := render(t, slip.KindRefusal, r.input("vi", "a4"))
	common(t, "refusal", out, "vi", "a4", r.d.Code)
	contains(t, "refusal", out, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Mẫu số 03",
		"Không thuộc thẩm quyền &lt;giải quyết&gt;", "14/07/2025 09:00", "Nghị định 1/2025/NĐ-CP", "Lê Thị Tiếp",
		"Trung tâm Phục vụ hành chính công tỉnh")
	en := render(t, slip.KindRefusal, r.input("en", "a4"))
	contains(t, "refusal en", en, "Dossier refusal slip", "Reason")
	for _, k := range []slip.Kind{slip.KindReceipt, slip.KindControl, slip.KindSupplement, slip.KindApology} {
		notApplicable(t, r, k)
	}
	if got := slip.Available(r.d); len(got) != 1 || got[0] != slip.KindRefusal {
		t.Errorf("available = %v", got)
	}
}

func TestRefusalAfterAppraisal(t *testing.T) {
	r := newRun(t)
	receive(r)
	r.do(dossier.Command{Action: dossier.ActTransfer}, rcpt, jul(14, 9, 30))
	r.do(dossier.Command{Action: dossier.ActAssign, Assignee: proc0.Username}, lead0, jul(14, 10, 0))
	r.do(dossier.Command{Action: dossier.ActProposeRefusal, Reason: "Không đủ điều kiện"}, proc0, jul(15, 9, 0))
	r.do(dossier.Command{Action: dossier.ActRefuse, Reason: "Không đủ điều kiện cấp phép", DocumentSHA256: hash}, lead0, jul(15, 10, 0))
	out := render(t, slip.KindRefusal, r.input("vi", "a4"))
	contains(t, "refusal after appraisal", out, "Không đủ điều kiện cấp phép", "Sở Thử nghiệm &lt;Khoa học&gt;", "Hoàng Lãnh Đạo")
	ctl := render(t, slip.KindControl, r.input("vi", "a4"))
	contains(t, "control of refused", ctl, "Từ chối giải quyết")
}

func notApplicable(t *testing.T, r *run, k slip.Kind) {
	t.Helper()
	var b bytes.Buffer
	err := slip.Render(&b, k, r.input("vi", "a4"))
	me := motcua.AsError(err)
	if me == nil || me.Code != motcua.EUNPROCESSABLE || me.Message != slip.MsgNotApplicable || b.Len() != 0 {
		t.Errorf("%s: err = %v, wrote %d bytes; want EUNPROCESSABLE %s", k, err, b.Len(), slip.MsgNotApplicable)
	}
}

func TestNotApplicable(t *testing.T) {
	r := newRun(t)
	receive(r)
	if got := slip.Available(r.d); len(got) != 2 || got[0] != slip.KindReceipt || got[1] != slip.KindControl {
		t.Errorf("available after receipt = %v", got)
	}
	for _, k := range []slip.Kind{slip.KindSupplement, slip.KindRefusal, slip.KindApology} {
		notApplicable(t, r, k)
	}
	// A control slip before any handover has an empty table.
	out := render(t, slip.KindControl, r.input("vi", "a4"))
	contains(t, "control before transfer", out, "Không có")

	var b bytes.Buffer
	if me := motcua.AsError(slip.Render(&b, "menu", r.input("vi", "a4"))); me == nil || me.Code != motcua.ENOTFOUND || me.Message != slip.MsgKindUnknown {
		t.Errorf("unknown kind: %v", me)
	}
	if me := motcua.AsError(slip.Render(&b, slip.KindReceipt, r.input("vi", "a5"))); me == nil || me.Code != motcua.EINVALID || me.Message != slip.MsgPaperInvalid {
		t.Errorf("bad paper: %v", me)
	}
	if me := motcua.AsError(slip.Render(&b, slip.KindReceipt, slip.Input{})); me == nil || me.Code != motcua.EUNPROCESSABLE {
		t.Errorf("nil dossier: %v", me)
	}
	if b.Len() != 0 {
		t.Errorf("errors wrote %d bytes", b.Len())
	}
	if !i18n.Has(slip.MsgNotApplicable) {
		t.Error("message key missing")
	}
}

func TestPaper80mm(t *testing.T) {
	r := fullRun(t)
	for _, k := range slip.Available(r.d) {
		out := render(t, k, r.input("vi", "80MM"))
		common(t, string(k)+" 80mm", out, "vi", "80mm", r.d.Code)
	}
	if !strings.Contains(slip.CSS, "@page roll80") || !strings.Contains(slip.CSS, "html.paper-80mm body { page: roll80;") ||
		!strings.Contains(slip.CSS, "size: A4") {
		t.Error("CSS lacks the A4 and 80 mm pages")
	}
	if got := slip.Available(r.d); len(got) != 4 {
		t.Errorf("available = %v, want receipt, control, supplement, apology", got)
	}
}

func TestFormat(t *testing.T) {
	for n, want := range map[int64]string{0: "0 đ", 999: "999 đ", 1000: "1.000 đ", 1_234_567: "1.234.567 đ", 150_000: "150.000 đ", -25_000: "-25.000 đ"} {
		if got := slip.FormatMoney(n); got != want {
			t.Errorf("FormatMoney(%d) = %q, want %q", n, got, want)
		}
	}
	if got := slip.FormatTime(time.Date(2025, 7, 14, 2, 5, 0, 0, time.UTC)); got != "14/07/2025 09:05" {
		t.Errorf("FormatTime = %q", got)
	}
	if slip.FormatTime(time.Time{}) != "" {
		t.Error("zero time not empty")
	}
	if got := slip.LookupURL("https://x.vn/", "H37.25-250714-0042"); got != "https://x.vn/tra-cuu/H37.25-250714-0042" {
		t.Errorf("LookupURL = %q", got)
	}
	if len(slip.Kinds()) != 5 {
		t.Error("kinds")
	}
}

// TestKeysExist checks that every "slip." key written in the package (Go and the
// template) is in both catalogues; keys built at run time are listed here.
func TestKeysExist(t *testing.T) {
	keys := map[string]bool{}
	for _, k := range slip.Kinds() {
		keys["slip."+string(k)+".title"], keys["slip."+string(k)+".form"] = true, true
	}
	for _, k := range []string{"slip.outcome.early", "slip.outcome.on_time", "slip.outcome.late",
		"slip.pay_method.cash", "slip.pay_method.bank_transfer", "slip.pay_method.online",
		"slip.result.result", "slip.result.refusal", "fee_kind.fee", "fee_kind.charge",
		"unit_of_time.working_days", "unit_of_time.working_hours", "unit_of_time.calendar_days",
		"channel.counter", "channel.online_full", "channel.online_partial", "channel.post"} {
		keys[k] = true
	}
	files, _ := filepath.Glob("*.go")
	html, _ := filepath.Glob("*.html")
	re := regexp.MustCompile(`"(slip\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	for _, f := range append(files, html...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			keys[m[1]] = true
		}
	}
	if len(keys) < 50 {
		t.Fatalf("only %d keys found", len(keys))
	}
	for _, lang := range i18n.Langs {
		have := map[string]bool{}
		for _, k := range i18n.Keys(lang) {
			have[k] = true
		}
		for k := range keys {
			if !have[k] {
				t.Errorf("key %q missing from %s.json", k, lang)
			}
		}
	}
}
