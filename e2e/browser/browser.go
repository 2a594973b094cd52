// Package browser drives headless Chromium for motcua's end-to-end tests. It is the
// only code that imports chromedp: a Browser is one Chromium process, a Page is one
// tab in its own cookie jar (a fresh browser context), and every Page method fails
// the test on error, takes a numbered PNG screenshot of the step and checks the
// accessibility basics of each page it lands on.
package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// EnvChromium names an environment variable that overrides where Chromium is: a
// path or a command name. When it is set and names nothing executable, Find fails
// (the tests then skip), so CI and developers can check the skip path.
const EnvChromium = "MOTCUA_CHROMIUM"

// EnvArtifacts names a directory to keep the screenshots in; by default they go to
// the test's temporary directory.
const EnvArtifacts = "MOTCUA_E2E_ARTIFACTS"

// ErrNotFound is returned by Find when no Chromium binary is available.
var ErrNotFound = errors.New("no Chromium binary found")

// Find returns the path of a Chromium binary: $MOTCUA_CHROMIUM if set, else the
// first of chromium, chromium-browser, google-chrome on PATH, else /usr/bin/chromium.
func Find() (string, error) {
	if v, ok := os.LookupEnv(EnvChromium); ok {
		if p, err := exec.LookPath(v); err == nil {
			return p, nil
		}
		return "", fmt.Errorf("%w: %s=%q is not executable", ErrNotFound, EnvChromium, v)
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	if st, err := os.Stat("/usr/bin/chromium"); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
		return "/usr/bin/chromium", nil
	}
	return "", fmt.Errorf("%w (looked for chromium, chromium-browser, google-chrome on PATH and /usr/bin/chromium; set %s)", ErrNotFound, EnvChromium)
}

// Browser is one headless Chromium process with a fresh profile directory.
type Browser struct {
	ctx         context.Context // the first tab's context; tabs of Pages derive from it
	cancelAlloc context.CancelFunc
	cancelCtx   context.CancelFunc
	dataDir     string
	log         *syncBuffer
}

// Start launches Chromium at execPath in headless mode, with no sandbox, no GPU, no
// background networking and a fresh user data directory.
func Start(execPath string) (*Browser, error) {
	dir, err := os.MkdirTemp("", "motcua-e2e-chromium-")
	if err != nil {
		return nil, err
	}
	out := &syncBuffer{}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900),
		chromedp.CombinedOutput(out),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.Flag("use-mock-keychain", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.Flag("accept-lang", "vi-VN,vi"), // a Vietnamese citizen's browser
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	b := &Browser{ctx: ctx, cancelAlloc: cancelAlloc, cancelCtx: cancelCtx, dataDir: dir, log: out}
	startErr := make(chan error, 1)
	go func() { startErr <- chromedp.Do(ctx) }() // starts the browser, with no timeout
	select {
	case err = <-startErr:
	case <-time.After(60 * time.Second):
		err = errors.New("timed out")
	}
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("start %s: %w\n%s", execPath, err, out.String())
	}
	return b, nil
}

// Close stops Chromium and removes its profile directory.
func (b *Browser) Close() {
	b.cancelCtx()
	b.cancelAlloc()
	os.RemoveAll(b.dataDir)
}

// Page is one tab with its own cookies (a new browser context), bound to a test.
type Page struct {
	t        testing.TB
	ctx      context.Context
	cancel   context.CancelFunc
	base     string
	dir      string
	name     string
	step     *int
	Timeout  time.Duration // per action; 20 s by default
	NoChecks bool          // skip the accessibility checks on navigation
}

var stepCounters sync.Map // test name → *int, so pages of one test share the numbering

// NewPage opens a tab in a fresh browser context. base is prepended to paths that
// start with "/"; name prefixes the screenshot files (e.g. the role using the tab).
func (b *Browser) NewPage(t testing.TB, base, name string) *Page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("open tab: %v", err)
	}
	t.Cleanup(cancel)
	n, loaded := stepCounters.LoadOrStore(t.Name(), new(int))
	if !loaded {
		t.Cleanup(func() { stepCounters.Delete(t.Name()) })
	}
	p := &Page{t: t, ctx: ctx, cancel: cancel, base: strings.TrimRight(base, "/"), dir: ArtifactDir(t), name: name, step: n.(*int), Timeout: 20 * time.Second}
	// a viewport like a counter PC's screen
	p.do("set viewport", chromedp.EmulateViewport(1280, 900))
	return p
}

var artifactDirs sync.Map

// ArtifactDir returns the directory for the screenshots of t: $MOTCUA_E2E_ARTIFACTS/<test>
// if set, else a temporary directory of the test. It logs the path once.
func ArtifactDir(t testing.TB) string {
	t.Helper()
	if d, ok := artifactDirs.Load(t.Name()); ok {
		return d.(string)
	}
	var dir string
	if root := os.Getenv(EnvArtifacts); root != "" {
		dir = filepath.Join(root, sanitize(t.Name()))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatalf("artifacts: %v", err)
		}
	} else {
		dir = t.TempDir()
	}
	artifactDirs.Store(t.Name(), dir)
	t.Cleanup(func() { artifactDirs.Delete(t.Name()) })
	t.Logf("screenshots: %s", dir)
	return dir
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func sanitize(s string) string { return strings.Trim(unsafeName.ReplaceAllString(s, "_"), "_") }

func (p *Page) url(path string) string {
	if strings.HasPrefix(path, "/") {
		return p.base + path
	}
	return path
}

func (p *Page) actx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.ctx, p.Timeout)
}

func (p *Page) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := p.actx()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %s: %v (at %s)", p.name, what, err, p.locationQuiet())
	}
}

func run[T any](p *Page, what string, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := p.actx()
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("%s: %s: %v (at %s)", p.name, what, err, p.locationQuiet())
	}
	return v
}

func (p *Page) locationQuiet() string {
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Second)
	defer cancel()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "?"
	}
	return loc
}

// Go navigates to path, waits for the load, checks the page and takes a screenshot
// named step. It returns the HTTP status of the document.
func (p *Page) Go(path, step string) int {
	p.t.Helper()
	resp := run(p, "navigate "+path, chromedp.NavigateResponse(p.url(path)))
	p.landed(step)
	return int(resp.Status)
}

// ClickNav clicks the element matching the CSS selector, waits for the navigation
// it starts, checks the new page and takes a screenshot. It returns the HTTP status.
func (p *Page) ClickNav(sel, step string) int {
	p.t.Helper()
	return p.Navigates(step, chromedp.Click(chromedp.CSS(sel)))
}

// KeyNav presses keys on the focused element (see Press) and waits for the
// navigation they start.
func (p *Page) KeyNav(keys, step string) int {
	p.t.Helper()
	return p.Navigates(step, press(keys))
}

// Press presses keys on the focused element the way a keyboard does: a key whose
// keydown a page script cancels (preventDefault) sends no character event, so Enter
// on a listbox does not also submit the form around it. (chromedp's KeyEvent always
// sends the character, which a real browser does not after a cancelled keydown.)
func (p *Page) Press(keys string) {
	p.t.Helper()
	p.do("press keys", press(keys))
}

const keydownProbe = `(() => { window.__e2eKeydownCancelled = false;
  window.addEventListener("keydown", e => { window.__e2eKeydownCancelled = e.defaultPrevented; }, {once: true}); return true; })()`

func press(keys string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, r := range keys {
			if _, err := chromedp.Evaluate[bool](keydownProbe)(ctx, t); err != nil {
				return err
			}
			cancelled := false
			for _, ev := range kb.Encode(r) {
				if ev.Type == kb.KeyChar {
					c, err := chromedp.Evaluate[bool](`window.__e2eKeydownCancelled === true`)(ctx, t)
					cancelled = err != nil || c // an error: the page is already navigating away
				}
				if ev.Type == kb.KeyChar && cancelled {
					continue
				}
				if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *ev); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// Navigates runs actions that lead to a navigation, waits for it, then checks the
// page and takes a screenshot.
func (p *Page) Navigates(step string, actions ...chromedp.Action[chromedp.Void]) int {
	p.t.Helper()
	ctx, cancel := p.actx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		p.t.Fatalf("%s: %s: %v (at %s)", p.name, step, err, p.locationQuiet())
	}
	p.landed(step)
	return int(resp.Status)
}

func (p *Page) landed(step string) {
	p.t.Helper()
	p.Shot(step)
	if !p.NoChecks {
		if issues := p.A11y(); len(issues) > 0 {
			p.t.Errorf("%s: accessibility at %s:\n  %s", p.name, p.Location(), strings.Join(issues, "\n  "))
		}
	}
}

// Shot saves a full-page PNG screenshot as NN-<page>-<step>.png and logs its path.
func (p *Page) Shot(step string) string {
	p.t.Helper()
	buf := run(p, "screenshot", chromedp.FullScreenshot(100))
	*p.step++
	file := filepath.Join(p.dir, fmt.Sprintf("%02d-%s-%s.png", *p.step, sanitize(p.name), sanitize(step)))
	if err := os.WriteFile(file, buf, 0o644); err != nil {
		p.t.Fatalf("save screenshot: %v", err)
	}
	p.t.Logf("screenshot %s", file)
	return file
}

// Location returns the current URL.
func (p *Page) Location() string {
	p.t.Helper()
	return run(p, "location", chromedp.Location())
}

// Path returns the current URL without the base.
func (p *Page) Path() string {
	p.t.Helper()
	return strings.TrimPrefix(p.Location(), p.base)
}

// Type types text into the element matching the CSS selector, key by key.
func (p *Page) Type(sel, text string) {
	p.t.Helper()
	p.do("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// Keys types text or keys (the constants below) into the focused element, key by key.
func (p *Page) Keys(keys string) {
	p.t.Helper()
	p.do("keys", press(keys))
}

// Key names for Keys.
const (
	ArrowDown = kb.ArrowDown
	ArrowUp   = kb.ArrowUp
	Enter     = kb.Enter
	Tab       = kb.Tab
	Escape    = kb.Escape
)

// Focus focuses the element matching the CSS selector.
func (p *Page) Focus(sel string) {
	p.t.Helper()
	p.do("focus "+sel, chromedp.Focus(chromedp.CSS(sel)))
}

// Click clicks the element matching the CSS selector (no navigation expected).
func (p *Page) Click(sel string) {
	p.t.Helper()
	p.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// SetValue sets the value of a form field (input, select, textarea) and fires its
// input event. It fires no change event, so a select that submits its form on change
// (the language switch) waits for the button.
func (p *Page) SetValue(sel, value string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return false;
		el.value = %q; el.dispatchEvent(new Event("input", {bubbles:true})); return true; })()`, sel, value)
	if !Eval[bool](p, js) {
		p.t.Fatalf("%s: no element %s", p.name, sel)
	}
}

// Upload puts a local file into the file input matching the CSS selector.
func (p *Page) Upload(sel, file string) {
	p.t.Helper()
	p.do("upload into "+sel, chromedp.SetUploadFiles(chromedp.CSS(sel), []string{file}))
}

// WaitVisible waits until an element matching the CSS selector is visible.
func (p *Page) WaitVisible(sel string) {
	p.t.Helper()
	p.do("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// Has reports whether an element matches the CSS selector now (no waiting).
func (p *Page) Has(sel string) bool {
	p.t.Helper()
	return Eval[bool](p, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
}

// Text returns the visible text of the first element matching the CSS selector.
func (p *Page) Text(sel string) string {
	p.t.Helper()
	return run(p, "text of "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// Attr returns an attribute of the first element matching the CSS selector ("" if absent).
func (p *Page) Attr(sel, name string) string {
	p.t.Helper()
	return Eval[string](p, fmt.Sprintf(`(() => { const el = document.querySelector(%q); return el ? (el.getAttribute(%q) || "") : ""; })()`, sel, name))
}

// Lang returns <html lang>.
func (p *Page) Lang() string {
	p.t.Helper()
	return p.Attr("html", "lang")
}

// Eval evaluates a JavaScript expression in the page (awaiting a promise) and decodes
// its JSON value.
func Eval[T any](p *Page, js string) T {
	p.t.Helper()
	raw := run(p, "evaluate", chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		p.t.Fatalf("%s: decode %s: %v", p.name, raw, err)
	}
	return v
}

// A11y checks the accessibility basics of the current page and returns the problems:
// <html lang> is vi or en; every input, select and textarea other than hidden ones and
// buttons has a label (label[for], aria-label, aria-labelledby or a wrapping label);
// every image has alt; there is exactly one h1; and body text, the first paragraph of
// the main content and every primary button have a contrast ratio of at least 4.5:1,
// computed from getComputedStyle.
func (p *Page) A11y() []string {
	p.t.Helper()
	return Eval[[]string](p, a11yJS)
}

const a11yJS = `(() => {
  const issues = [];
  const desc = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[name=" + el.name + "]" : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  const lang = document.documentElement.getAttribute("lang") || "";
  if (!/^(vi|en)$/.test(lang)) issues.push('<html lang="' + lang + '"> is not vi or en');
  for (const el of document.querySelectorAll("input, select, textarea")) {
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (el.tagName === "INPUT" && ["hidden", "submit", "button", "reset", "image"].includes(type)) continue;
    let ok = (el.getAttribute("aria-label") || "").trim() !== "" || el.closest("label") !== null;
    if (!ok && el.getAttribute("aria-labelledby")) {
      ok = el.getAttribute("aria-labelledby").split(/\s+/).some(id => { const l = document.getElementById(id); return l && l.textContent.trim() !== ""; });
    }
    if (!ok && el.id) {
      const l = document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
      ok = l !== null && l.textContent.trim() !== "";
    }
    if (!ok) issues.push("form field without a label: " + desc(el));
  }
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) issues.push("image without alt: " + (img.getAttribute("src") || "").slice(0, 60));
  }
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) issues.push(h1 + " h1 elements (want exactly 1)");

  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (fg, bg) => { const a = fg[3]; return [fg[0]*a + bg[0]*(1-a), fg[1]*a + bg[1]*(1-a), fg[2]*a + bg[2]*(1-a), 1]; };
  const background = el => { // the colour painted under el: composite the ancestors' backgrounds on white
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg;
  };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = el => { const bg = background(el); const fg = over(parse(getComputedStyle(el).color) || [0,0,0,1], bg);
    const a = lum(fg), b = lum(bg); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); };
  const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
  const targets = [["body text", document.body]];
  const main = document.querySelector("main") || document.body;
  const para = [...main.querySelectorAll("p, td, dd, li")].find(e => visible(e) && e.textContent.trim() !== "");
  if (para) targets.push(["main text " + desc(para), para]);
  for (const b of document.querySelectorAll("button.primary, .button.primary, a.primary, input[type=submit].primary")) if (visible(b)) targets.push(["primary button " + desc(b) + " '" + b.textContent.trim().slice(0, 30) + "'", b]);
  for (const [what, el] of targets) {
    const r = ratio(el);
    if (r < 4.5) issues.push("contrast " + r.toFixed(2) + ":1 < 4.5:1 for " + what + " (" + getComputedStyle(el).color + " on " + background(el).slice(0,3).join(",") + ")");
  }
  return issues;
})()`

// Output returns what the browser printed (stdout and stderr), for debugging a failure.
func (b *Browser) Output() string { return b.log.String() }

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len() > 1<<20 { // keep memory bounded; the tail is what matters
		return len(p), nil
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
