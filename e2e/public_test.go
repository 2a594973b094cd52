package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua/e2e/browser"
)

// TestCatalogueSearchAndDetail searches the public catalogue without diacritics, the
// way people type on a phone, and opens a procedure from the results.
func TestCatalogueSearchAndDetail(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	p := s.page(t, "citizen")

	p.Go("/", "home")
	p.Type("#q", "giay phep xay dung")
	if st := p.KeyNav(browser.Enter, "search-results"); st != 200 {
		t.Fatalf("search: status %d", st)
	}
	contains(t, "search URL", p.Path(), "q=giay+phep+xay+dung")
	if got := p.Attr("#q", "value"); got != "giay phep xay dung" {
		t.Errorf("search box keeps %q", got)
	}
	found := p.Text("main p[role=status]")
	m := regexp.MustCompile(`\d+`).FindString(found)
	if n, _ := strconv.Atoi(m); n < 1 {
		t.Fatalf("search without diacritics found nothing: %q", found)
	}
	names := browser.Eval[[]string](p, `[...document.querySelectorAll("table.list tbody tr td:nth-child(2) a")].map(a => a.textContent)`)
	if len(names) == 0 {
		t.Fatal("no result rows")
	}
	hit := ""
	for _, n := range names {
		if strings.Contains(strings.ToLower(n), "xây dựng") {
			hit = n
			break
		}
	}
	if hit == "" {
		t.Fatalf("no result about \"xây dựng\": %q", names)
	}

	// open the first result about construction
	code := browser.Eval[string](p, `(() => { for (const a of document.querySelectorAll("table.list tbody tr td:nth-child(2) a"))
		if (a.textContent.toLowerCase().includes("xây dựng")) { a.id = "e2e-hit"; return a.getAttribute("href").split("/").pop(); } return ""; })()`)
	if st := p.ClickNav("#e2e-hit", "procedure-detail"); st != 200 {
		t.Fatalf("procedure page: status %d", st)
	}
	if p.Path() != "/procedures/"+code {
		t.Errorf("at %s, want /procedures/%s", p.Path(), code)
	}
	if h1 := p.Text("h1"); h1 != strings.TrimSpace(hit) {
		t.Errorf("detail h1 %q, want %q", h1, hit)
	}
	facts := p.Text("dl.facts")
	contains(t, "facts", facts, code)
	for _, h := range []string{"Thành phần hồ sơ", "Phí, lệ phí"} {
		if !strings.Contains(p.Text("main"), h) {
			t.Logf("detail page lacks the section %q (main: %.200q)", h, p.Text("main"))
		}
	}
	if n := browser.Eval[int](p, `document.querySelectorAll("main h2").length`); n < 2 {
		t.Errorf("procedure detail has %d sections (h2), want papers and fees", n)
	}
	// a code that does not exist: a proper 404 page
	if st := p.Go("/procedures/9.999999", "procedure-404"); st != 404 {
		t.Errorf("unknown procedure: status %d", st)
	}
}

// TestCalendarMonth shows the working calendar month view of a month with holidays.
func TestCalendarMonth(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	p := s.page(t, "citizen")
	if st := p.Go("/calendar?year=2026&month=2", "calendar-feb-2026"); st != 200 {
		t.Fatalf("calendar: status %d", st)
	}
	if got := p.Text("h1"); got != "Lịch làm việc và ngày nghỉ" {
		t.Errorf("h1 %q", got)
	}
	weeks := browser.Eval[int](p, `document.querySelectorAll("table.month tbody tr").length`)
	days := browser.Eval[int](p, `document.querySelectorAll("table.month td.day:not(.out)").length`)
	if weeks < 4 || weeks > 6 || days != 28 {
		t.Errorf("February 2026: %d weeks, %d days in month", weeks, days)
	}
	// Tết 2026: 17 February is a public holiday
	holiday := browser.Eval[bool](p, `[...document.querySelectorAll("table.month td.day.k-holiday:not(.out) .dn")].some(e => e.textContent.trim() === "17")`)
	if !holiday {
		t.Error("17/02/2026 (Tết) not marked as a holiday")
	}
	contains(t, "year list", p.Text("main"), "2026-02-17")

	// next month by the pager, then the form
	if st := p.ClickNav("nav.pager a:last-of-type", "calendar-mar-2026"); st != 200 {
		t.Fatalf("next month: %d", st)
	}
	contains(t, "pager", p.Text("nav.pager strong"), "3/2026")
	p.SetValue("#cal-month", "9")
	if st := p.ClickNav("form[action='/calendar'] button[type=submit]", "calendar-sep-2026"); st != 200 {
		t.Fatalf("calendar form: %d", st)
	}
	contains(t, "form", p.Text("nav.pager strong"), "9/2026")
	// 2 September, National Day
	if !browser.Eval[bool](p, `[...document.querySelectorAll("table.month td.day.k-holiday:not(.out) .dn")].some(e => e.textContent.trim() === "2")`) {
		t.Error("02/09/2026 (National Day) not marked as a holiday")
	}
}

// TestLoginAndLanguage logs the receptionist in through the form, switches the
// interface to English, and checks the choice persists across pages and into a new
// session of the same user.
func TestLoginAndLanguage(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	p := s.page(t, "receptionist")

	// a wrong password is refused on the form
	p.Go("/login", "login-form")
	p.Type("#username", receptionist)
	p.Type("#password", "not the password")
	if st := p.ClickNav("form[action='/login'] button[type=submit]", "login-wrong-password"); st != 401 {
		t.Errorf("wrong password: status %d", st)
	}
	if !p.Has("main p.error[role=alert]") {
		t.Error("no error message after a wrong password")
	}
	login(t, p, receptionist)
	if p.Lang() != "vi" {
		t.Errorf("default language %q", p.Lang())
	}
	p.Go("/me", "me-vi")
	contains(t, "profile", p.Text("main"), receptionist)
	viTitle := p.Text("h1")

	// switch with the header form
	p.SetValue("#lang-select", "en")
	if st := p.ClickNav("form.lang button[type=submit]", "me-en"); st != 200 {
		t.Fatalf("language switch: status %d", st)
	}
	if p.Path() != "/me" {
		t.Errorf("after the switch at %s, want back at /me", p.Path())
	}
	if p.Lang() != "en" {
		t.Fatalf("html lang %q after switching to English", p.Lang())
	}
	if h1 := p.Text("h1"); h1 != "My profile" || h1 == viTitle {
		t.Errorf("English heading %q (Vietnamese was %q)", h1, viTitle)
	}
	// it persists on the next pages
	p.Go("/procedures", "procedures-en")
	if p.Lang() != "en" || p.Text("h1") != "Procedure catalogue" {
		t.Errorf("not English on the next page: lang %q, h1 %q", p.Lang(), p.Text("h1"))
	}
	if got := p.Attr("#lang-select option[selected]", "value"); got != "en" {
		t.Errorf("language select shows %q", got)
	}
	// and in a new session of the same user (stored in the profile)
	p2 := s.page(t, "receptionist-2nd-session")
	login(t, p2, receptionist)
	if p2.Lang() != "en" {
		t.Errorf("the language choice did not persist in the user's profile: lang %q", p2.Lang())
	}
	// back to Vietnamese
	p.SetValue("#lang-select", "vi")
	p.ClickNav("form.lang button[type=submit]", "procedures-vi")
	if p.Lang() != "vi" || p.Text("h1") != "Danh mục thủ tục hành chính" {
		t.Errorf("back to Vietnamese: lang %q, h1 %q", p.Lang(), p.Text("h1"))
	}
}

// TestForgedCSRFToken logs in, forges the anti-forgery token of the language form and
// of the logout form in the page, submits them, and checks both are refused with the
// CSRF error while the user stays logged in.
func TestForgedCSRFToken(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	p := s.page(t, "receptionist")
	login(t, p, receptionist)

	for _, form := range []string{"form.lang", "form.logout"} {
		p.Go("/procedures", "before-forged-"+form)
		if p.Attr(form+" input[name=csrf_token]", "value") == "" {
			t.Fatalf("%s has no csrf_token", form)
		}
		browser.Eval[bool](p, `(() => { document.querySelector("`+form+` input[name=csrf_token]").value = "forged"; return true; })()`)
		if form == "form.lang" {
			p.SetValue("#lang-select", "en")
		}
		st := p.ClickNav(form+" button[type=submit]", "forged-"+form)
		if st != 403 {
			t.Errorf("%s with a forged token: status %d, want 403", form, st)
		}
		msg := p.Text("main")
		if !strings.Contains(msg, "CSRF") || !strings.Contains(msg, "giả mạo") {
			t.Errorf("%s: the page does not show the CSRF error: %q", form, msg)
		}
		if p.Lang() != "vi" {
			t.Errorf("%s: the forged request changed the language to %q", form, p.Lang())
		}
		// still logged in, and the language unchanged
		if st := p.Go("/me", "still-logged-in-after-"+form); st != 200 || p.Path() != "/me" {
			t.Fatalf("%s: not logged in any more (status %d at %s)", form, st, p.Path())
		}
		contains(t, "profile", p.Text("main"), receptionist)
		if p.Lang() != "vi" {
			t.Errorf("%s: language changed to %q by a forged request", form, p.Lang())
		}
	}
	// the real logout form still works
	if st := p.ClickNav("form.logout button[type=submit]", "logged-out"); st != 200 {
		t.Errorf("logout: status %d", st)
	}
	if p.Has("header nav a[href='/me']") {
		t.Error("still logged in after logout")
	}
}

// TestPublicLookup creates a dossier through the API and looks it up as a citizen:
// the status is shown, the applicant's name only masked.
func TestPublicLookup(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	code, proc := createDossier(t, s.URL)
	p := s.page(t, "citizen")

	p.Go("/tra-cuu", "lookup-form")
	p.Type("#code", code)
	if st := p.KeyNav(browser.Enter, "lookup-result"); st != 200 {
		t.Fatalf("lookup: status %d", st)
	}
	checkLookup(t, p, code, proc.Name, "Đã tiếp nhận")

	// the path the receipt's QR code points to
	if st := p.Go("/tra-cuu/"+code, "lookup-by-path"); st != 200 {
		t.Fatalf("lookup by path: status %d", st)
	}
	checkLookup(t, p, code, proc.Name, "Đã tiếp nhận")

	// in English
	p.Go("/tra-cuu/"+code+"?lang=en", "lookup-en")
	if p.Lang() != "en" || !strings.Contains(p.Text("dl.facts"), "Received") {
		t.Errorf("English lookup: lang %q, facts %q", p.Lang(), p.Text("dl.facts"))
	}
	// an unknown code: a 404 with a message, no result
	if st := p.Go("/tra-cuu?code=000.00.01.H37-200101-9999", "lookup-unknown"); st != 404 {
		t.Errorf("unknown code: status %d", st)
	}
	if !p.Has("main p.error[role=alert]") || p.Has("dl.facts") {
		t.Error("unknown code: no error message, or a result shown")
	}
}

// checkLookup checks the public lookup result: code, procedure, state, masked name.
func checkLookup(t *testing.T, p *browser.Page, code, procName, state string) {
	t.Helper()
	if got := p.Text("#res-title"); got != code {
		t.Errorf("lookup title %q, want %q", got, code)
	}
	facts := p.Text("dl.facts")
	contains(t, "lookup", facts, state)
	contains(t, "lookup", facts, citizenMasked)
	if procName != "" {
		contains(t, "lookup", facts, strings.TrimSpace(procName))
	}
	html := browser.Eval[string](p, `document.documentElement.outerHTML`)
	for _, secret := range []string{"Hoàng Văn Thụ", "020095001234", "0912 345 678", "Lương Văn Tri"} {
		if strings.Contains(html, secret) {
			t.Errorf("the public lookup page shows personal data %q", secret)
		}
	}
}
