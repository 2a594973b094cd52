package e2e

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/motcua/motcua/e2e/browser"
)

// TestDossierLifecycle follows one dossier through the staff pages, each officer in
// their own browser session: the receptionist receives it at /intake (the procedure
// chosen with the keyboard only) and prints the receipt; the leader of the resolving
// unit assigns it; the processor requests a supplement; the receptionist records the
// supplement; the processor proposes the result and the leader approves it with a
// signed PDF; the receptionist returns the result; a citizen looks it up publicly.
func TestDossierLifecycle(t *testing.T) {
	needBrowser(t)
	s := startServer(t)

	rc := s.page(t, "receptionist")
	login(t, rc, receptionist)
	if st := rc.Go("/intake", "intake"); st == 404 {
		t.Skip("staff pages not ready: GET /intake is not routed (web/routes_staff.go)")
	}

	// 1. choose the procedure with the keyboard only: type, arrow down, enter
	if active := browser.Eval[string](rc, `document.activeElement ? document.activeElement.id : ""`); active != "intake-q" {
		t.Logf("the intake search box is not focused on arrival (%q); focusing it", active)
		rc.Focus("#intake-q")
	}
	rc.Keys(intakeQuery)
	suggestNote := ""
	if waitFor(rc, `document.querySelectorAll("#intake-q-list [role=option]").length > 0 && !document.getElementById("intake-q-list").hidden`) {
		rc.Shot("intake-suggestions")
		rc.Keys(browser.ArrowDown)
		if sel := browser.Eval[string](rc, `(() => { const o = document.querySelector("#intake-q-list [aria-selected=true]"); return o ? o.textContent : ""; })()`); sel == "" {
			t.Error("arrow down selects no suggestion (no option with aria-selected=true)")
		}
		if st := rc.KeyNav(browser.Enter, "intake-form"); st != 200 {
			t.Fatalf("choosing a suggestion: status %d at %s", st, rc.Path())
		}
	} else {
		rc.Shot("no-suggestions")
		if appJSSuggests(t, s) {
			t.Fatal("typing in the intake search shows no suggestions (#intake-q-list [role=option]) although app.js handles data-suggest")
		}
		suggestNote = "the intake search offers no suggestions yet: web/static/app.js does not handle data-suggest " +
			"(#intake-q-list options, arrow keys, enter); the scenario chose the procedure from the no-JS results list instead"
		// still the keyboard only: enter submits the search, tab reaches the first result, enter opens it
		if st := rc.KeyNav(browser.Enter, "intake-results"); st != 200 {
			t.Fatalf("intake search: status %d", st)
		}
		for i := 0; i < 12 && !browser.Eval[bool](rc, `!!document.activeElement && (document.activeElement.getAttribute("href") || "").startsWith("/intake?procedure=")`); i++ {
			rc.Keys(browser.Tab)
		}
		if st := rc.KeyNav(browser.Enter, "intake-form"); st != 200 {
			t.Fatalf("choosing a result: status %d at %s", st, rc.Path())
		}
	}
	procCode := regexp.MustCompile(`procedure=([0-9.]+)`).FindStringSubmatch(rc.Path())
	if procCode == nil {
		t.Fatalf("choosing a procedure went to %s, want /intake?procedure=CODE", rc.Path())
	}
	contains(t, "intake form", rc.Text("#proc-title"), procCode[1])

	// 2. fill the intake form and receive
	browser.Eval[int](rc, `(() => { let n = 0; for (const c of document.querySelectorAll("form.intake input[type=checkbox][name^=paper_]")) { if (!c.checked) { c.click(); n++; } } return n; })()`)
	rc.Type("#f-applicant-full-name", "Hoàng Văn Thụ")
	rc.Type("#f-applicant-id-number", "020095001234")
	rc.Type("#f-applicant-phone", "0912345678")
	rc.Type("#f-applicant-address", "Phường Lương Văn Tri, Lạng Sơn")
	if rc.Has("#f-payment-method") { // pay the fees at the counter, in full
		rc.SetValue("#f-payment-method", "cash")
		rc.SetValue("#f-payment-amount", browser.Eval[string](rc, `(document.querySelector("table.fees") || {dataset:{}}).dataset.feeTotal || "0"`))
		rc.Type("#f-payment-receipt", "BL-0001")
	}
	rc.Shot("intake-filled")
	if st := rc.ClickNav("form.intake button[name=action][value=receive]", "received"); st != 200 {
		t.Fatalf("receive: status %d; %s", st, rc.Text("main"))
	}
	m := regexp.MustCompile(`^/dossiers/([^/?]+)`).FindStringSubmatch(rc.Path())
	if m == nil {
		t.Fatalf("after intake at %s, want /dossiers/CODE; page: %.300s", rc.Path(), rc.Text("main"))
	}
	code := m[1]
	t.Logf("dossier %s (procedure %s)", code, procCode[1])
	if !strings.Contains(rc.Text("main"), code) {
		t.Errorf("the dossier page does not show the code %s", code)
	}

	// 3. print the receipt: open the slip page, check the code and the QR image
	slipHref := rc.Attr(`a[href*="/slips/receipt"]`, "href")
	if slipHref == "" {
		t.Fatal("the dossier page after intake has no link to the receipt slip")
	}
	// the link opens a new tab with the same session; here it opens in the same tab
	slip := rc
	if st := slip.Go(slipHref, "receipt-slip"); st != 200 {
		t.Fatalf("receipt slip: status %d", st)
	}
	contains(t, "receipt", slip.Text("body"), code)
	qr := browser.Eval[struct {
		Src   string
		Alt   string
		Width int
	}](slip, `(() => { const i = document.querySelector("figure.qr img, img[src^='data:image/png']"); return i ? {Src: i.src.slice(0, 30), Alt: i.alt, Width: i.naturalWidth} : {}; })()`)
	if !strings.HasPrefix(qr.Src, "data:image/png;base64,") || qr.Width < 21 || qr.Alt == "" {
		t.Errorf("receipt QR image: %+v", qr)
	}
	contains(t, "receipt QR caption", slip.Text("body"), "/tra-cuu/"+code)
	rc.Go("/dossiers/"+code, "back-to-dossier")

	// the receptionist sends it to the resolving unit when the page offers it
	if rc.Has(actionForm("transfer")) {
		act(t, rc, "transfer", "transferred", nil)
	}

	// who works on it: the leader and a processor of the unit now holding it
	adminTok := apiLogin(t, s.URL, admin)
	var d struct {
		CurrentUnit string `json:"current_unit"`
		UnitCode    string `json:"unit_code"`
	}
	apiDo(t, s.URL, adminTok, "GET", "/api/v1/dossiers/"+code, nil, &d)
	unit := d.CurrentUnit
	if unit == "" {
		unit = d.UnitCode
	}
	var users struct {
		Items []struct {
			Username string `json:"username"`
			Role     string `json:"role"`
			UnitCode string `json:"unit_code"`
		}
	}
	apiDo(t, s.URL, adminTok, "GET", "/api/v1/users?limit=500", nil, &users)
	var leaderName, processorName string
	for _, u := range users.Items {
		if u.UnitCode == unit && u.Role == "leader" && leaderName == "" {
			leaderName = u.Username
		}
		if u.UnitCode == unit && u.Role == "processor" && processorName == "" {
			processorName = u.Username
		}
	}
	if leaderName == "" || processorName == "" {
		t.Fatalf("no leader or processor for unit %q among %d users", unit, len(users.Items))
	}

	// 4. the leader assigns it to a processor
	ld := s.page(t, "leader")
	login(t, ld, leaderName)
	ld.Go("/dossiers/"+code, "leader-dossier")
	act(t, ld, "assign", "assigned", map[string]string{"assignee": processorName})

	// 5. the processor requests a supplement
	pr := s.page(t, "processor")
	login(t, pr, processorName)
	pr.Go("/dossiers/"+code, "processor-dossier")
	act(t, pr, "request_supplement", "supplement-requested", map[string]string{
		"missing_papers_other": "Bản sao giấy chứng nhận quyền sử dụng đất",
		"reason":               "Thiếu bản sao giấy chứng nhận quyền sử dụng đất",
	})
	checkPublicState(t, s, code, "Chờ bổ sung hồ sơ")

	// 6. the receptionist records the supplement
	rc.Go("/dossiers/"+code, "receptionist-dossier-supplement")
	act(t, rc, "supplement_received", "supplement-received", map[string]string{"check-papers": "1"})

	// 7. the processor proposes the result
	pr.Go("/dossiers/"+code, "processor-dossier-propose")
	pdf := smallPDF(t)
	act(t, pr, "propose_result", "result-proposed", map[string]string{"summary": "Đủ điều kiện cấp phép", "document": pdf})

	// 8. the leader approves, uploading the signed document
	ld.Go("/dossiers/"+code, "leader-dossier-approve")
	act(t, ld, "approve", "approved", map[string]string{"document": pdf})
	checkPublicState(t, s, code, "Có kết quả, chờ trả")

	// 9. the receptionist returns the result (fees were paid at intake; the recipient is
	// prefilled from the applicant)
	rc.Go("/dossiers/"+code, "receptionist-dossier-return")
	act(t, rc, "return_result", "result-returned", nil)

	// 10. the citizen looks it up
	citizenPage := s.page(t, "citizen")
	if st := citizenPage.Go("/tra-cuu/"+code, "citizen-lookup-returned"); st != 200 {
		t.Fatalf("lookup: status %d", st)
	}
	checkLookup(t, citizenPage, code, "", "Đã trả kết quả")
	timeline := citizenPage.Text("ol.timeline")
	for _, step := range []string{"Tiếp nhận", "bổ sung", "Trả kết quả"} {
		if !strings.Contains(strings.ToLower(timeline), strings.ToLower(step)) {
			t.Errorf("public timeline lacks %q:\n%s", step, timeline)
		}
	}

	// reported on its own line so a missing piece shows as SKIP, not as a silent pass
	t.Run("IntakeKeyboardSuggestions", func(t *testing.T) {
		if suggestNote != "" {
			t.Skip(suggestNote)
		}
	})
}

// intakeQuery is typed at the counter, without diacritics; it finds the province's
// construction permit, whose resolving unit (Sở Xây dựng) has demo staff.
const intakeQuery = "cap giay phep xay dung moi khong theo tuyen"

// appJSSuggests reports whether the served app.js has the intake suggestions code.
func appJSSuggests(t *testing.T, s *server) bool {
	t.Helper()
	res, err := apiClient.Get(s.URL + "/static/app.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return strings.Contains(string(b), "suggest")
}

// actionForm is the selector of the dossier page's form for an action.
func actionForm(action string) string {
	return fmt.Sprintf(`form[action$="/actions/%s"]`, action)
}

// act fills and submits the form of an action on the dossier page: fields by name
// (a select, text or textarea; "document" and "attachment" take a file path;
// "check-papers" ticks every paper checkbox), then checks the page comes back with
// the done flash.
func act(t *testing.T, p *browser.Page, action, step string, fields map[string]string) {
	t.Helper()
	form := actionForm(action)
	if !p.Has(form) {
		forms := browser.Eval[[]string](p, `[...document.querySelectorAll("form[action*='/actions/']")].map(f => f.getAttribute("action"))`)
		p.Shot("missing-" + action)
		t.Fatalf("%s: no %s form on %s (forms: %q); page: %.300s", step, action, p.Path(), forms, p.Text("main"))
	}
	// a collapsed form opens by its summary, as a person would
	if browser.Eval[bool](p, `(() => { const d = document.querySelector('`+form+`').closest("details"); return d !== null && !d.open; })()`) {
		p.Click(`details:has(` + form + `) > summary`)
	}
	for name, v := range fields {
		sel := fmt.Sprintf(`%s [name="%s"]`, form, name)
		switch {
		case name == "check-papers":
			browser.Eval[int](p, `(() => { let n = 0; for (const c of document.querySelectorAll('`+form+` input[type=checkbox][name^=paper_]')) if (!c.checked) { c.click(); n++; } return n; })()`)
		case name == "document" || name == "attachment":
			if p.Has(sel) {
				p.Upload(sel, v)
			}
		default:
			if !p.Has(sel) {
				t.Logf("%s: the %s form has no field %q", step, action, name)
				continue
			}
			tag := browser.Eval[string](p, `document.querySelector('`+sel+`').tagName`)
			if tag == "SELECT" {
				p.SetValue(sel, v)
			} else {
				p.Click(sel)
				p.Type(sel, v)
			}
		}
	}
	st := p.ClickNav(form+` button[type=submit]`, step)
	if st != 200 || !strings.Contains(p.Path(), "done="+action) {
		t.Fatalf("%s: status %d at %s; error: %q", step, st, p.Path(), errorsOnPage(p))
	}
}

func errorsOnPage(p *browser.Page) string {
	return strings.Join(browser.Eval[[]string](p, `[...document.querySelectorAll(".error, .field-error, [role=alert]")].map(e => e.textContent.trim())`), " | ")
}

// checkPublicState checks the public API shows the dossier in a state (by its label).
func checkPublicState(t *testing.T, s *server, code, label string) {
	t.Helper()
	p := s.page(t, "citizen")
	p.Go("/tra-cuu/"+code, "lookup-"+sanitizeStep(label))
	contains(t, "public state", p.Text("dl.facts"), label)
}

func sanitizeStep(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == ',' {
			return '-'
		}
		return r
	}, s)
}

// waitFor polls a JavaScript condition for up to 5 seconds.
func waitFor(p *browser.Page, cond string) bool {
	return browser.Eval[bool](p, `new Promise(resolve => { const t0 = Date.now(); const tick = () => {
		let ok = false; try { ok = !!(`+cond+`); } catch (e) {}
		if (ok) resolve(true); else if (Date.now() - t0 > 5000) resolve(false); else setTimeout(tick, 50); }; tick(); })`)
}

// smallPDF writes a minimal valid PDF for the signed document.
func smallPDF(t *testing.T) string {
	t.Helper()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	stream := "BT /F1 24 Tf 72 760 Td (Giay phep - e2e) Tj ET"
	objs[3] = fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream)
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	path := filepath.Join(t.TempDir(), "giay-phep.pdf")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
