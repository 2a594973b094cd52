package e2e

import (
	"net/url"
	"strings"
	"testing"
)

// TestA11yCheckerFindsProblems makes sure the accessibility check that runs on every
// page really reports each kind of problem, on a page made to have them all.
func TestA11yCheckerFindsProblems(t *testing.T) {
	needBrowser(t)
	p := chrome.NewPage(t, "", "checker")
	p.NoChecks = true
	bad := `<!DOCTYPE html><html><head><title>x</title></head><body style="color:#999;background:#fff">
<h1>One</h1><h1>Two</h1>
<p>grey text</p>
<input id="a" name="a"><label for="b">B</label><select id="b"></select><textarea name="c"></textarea>
<label>Wrapped <input name="ok1"></label><input aria-label="ok2"><input type="hidden" name="h"><input type="submit" value="go">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<button class="primary" style="background:#77aaff;color:#fff">Send</button>
</body></html>`
	p.Go("data:text/html;charset=utf-8,"+url.PathEscape(bad), "bad-page")
	got := strings.Join(p.A11y(), "\n")
	for _, want := range []string{`<html lang="">`, "without a label: input#a", "without a label: textarea[name=c]",
		"image without alt", "2 h1 elements", "for body text", "for primary button"} {
		if !strings.Contains(got, want) {
			t.Errorf("checker missed %q; it reported:\n%s", want, got)
		}
	}
	for _, notWant := range []string{"select#b", "ok1", "ok2", "[name=h]"} {
		if strings.Contains(got, notWant) {
			t.Errorf("checker wrongly reported %q:\n%s", notWant, got)
		}
	}
}
