package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua/e2e/browser"
)

// TestDashboardLiveRefresh opens the director's dashboard, receives a dossier through
// the API meanwhile and checks that the live part shows it without the page being
// reloaded (dashboard.js fetches the fragment when the tab is shown again, as it does
// every half minute); then the public transparency page, with no personal data.
func TestDashboardLiveRefresh(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	p := s.page(t, "director")
	login(t, p, director)
	if st := p.Go("/dashboard", "dashboard"); st != 200 {
		t.Fatalf("dashboard: status %d", st)
	}
	if p.Attr("#dash-live", "data-live") != "/dashboard/live" || !p.Has("#dash-live svg, main svg[role=img]") {
		t.Fatalf("dashboard: no live region or no chart")
	}
	received := func() int {
		n, err := strconv.Atoi(strings.ReplaceAll(p.Text("[data-figure=received]"), ".", ""))
		if err != nil {
			t.Fatalf("received card: %v", err)
		}
		return n
	}
	before := received()
	browser.Eval[bool](p, `(window.__notReloaded = true)`)

	code, _ := createDossier(t, s.URL)
	browser.Eval[bool](p, `(document.dispatchEvent(new Event("visibilitychange")), true)`)
	want := strconv.Itoa(before + 1)
	if !waitFor(p, `document.querySelector("[data-figure=received]").textContent.replace(/\./g, "") === "`+want+`"`) {
		t.Fatalf("the received card still shows %d after a dossier was received, want %s", received(), want)
	}
	if !browser.Eval[bool](p, `window.__notReloaded === true`) {
		t.Error("the page was reloaded instead of refreshed in place")
	}
	p.Shot("dashboard-refreshed")
	if issues := p.A11y(); len(issues) > 0 {
		t.Errorf("dashboard after refresh: accessibility:\n  %s", strings.Join(issues, "\n  "))
	}

	// the public page: figures per unit, no dossier code nor personal data
	pub := s.page(t, "citizen")
	if st := pub.Go("/minh-bach", "transparency"); st != 200 {
		t.Fatalf("transparency: status %d", st)
	}
	html := browser.Eval[string](pub, `document.documentElement.outerHTML`)
	// (the applicant's name and street are also names of communes, which the page lists)
	for _, secret := range []string{code, citizen["id_number"].(string), citizen["phone"].(string), "0912345678"} {
		if strings.Contains(html, secret) {
			t.Errorf("the transparency page shows %q", secret)
		}
	}
	if !pub.Has("table#units tbody tr") || !pub.Has(`a[href^="/api/v1/public/reports/units.csv"]`) {
		t.Error("transparency page: no unit table or no open data link")
	}
	if st := pub.Go("/minh-bach?period="+strconv.Itoa(2000), "transparency-2000"); st != 200 {
		t.Errorf("transparency of 2000: status %d", st)
	}
}
