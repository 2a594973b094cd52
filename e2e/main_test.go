// Package e2e runs motcua's pages in headless Chromium against the real binary: each
// test starts `motcua` on a loopback port with its own copy of a freshly seeded demo
// database, drives it through e2e/browser, saves a screenshot per step and checks the
// accessibility basics of every page it visits. Every test skips when no Chromium is
// installed (see browser.Find; MOTCUA_CHROMIUM overrides the binary).
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/motcua/motcua/e2e/browser"
	"github.com/motcua/motcua/seed"
)

// Demo logins (see catalog/demo/staff.go); every demo user has seed.DemoPassword.
const (
	receptionist = "motcua1" // at the public service centre
	director     = "giamdoc"
	admin        = "admin"
)

var (
	skipReason string // set when no Chromium is found
	setupErr   error  // building the binary or seeding the template failed
	binPath    string // the motcua binary built for this run
	templateDB string // a seeded demo database that each test copies
	chrome     *browser.Browser
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	exe, err := browser.Find()
	if err != nil {
		skipReason = err.Error() + "; install Chromium (apt-get install chromium) to run the browser tests"
		return m.Run()
	}
	work, err := os.MkdirTemp("", "motcua-e2e-")
	if err != nil {
		setupErr = err
		return m.Run()
	}
	defer os.RemoveAll(work)

	// Build the binary and seed the template while Chromium starts.
	var wg sync.WaitGroup
	var startErr error
	wg.Go(func() { chrome, startErr = browser.Start(exe) })
	setupErr = buildAndSeed(work)
	wg.Wait()
	if setupErr == nil && startErr != nil {
		setupErr = startErr
	}
	if chrome != nil {
		defer chrome.Close()
	}
	return m.Run()
}

// envBinary names an environment variable with a prebuilt motcua binary to test
// instead of building one from this tree.
const envBinary = "MOTCUA_E2E_BIN"

func buildAndSeed(work string) error {
	if bin := os.Getenv(envBinary); bin != "" {
		binPath = bin
	} else {
		binPath = filepath.Join(work, "motcua")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/motcua/motcua/cmd/motcua")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	templateDB = filepath.Join(work, "template", "motcua.db")
	if err := os.MkdirAll(filepath.Dir(templateDB), 0o755); err != nil {
		return err
	}
	if out, err := exec.Command(binPath, "seed", "demo", "--db", templateDB, "--dossiers", "500").CombinedOutput(); err != nil {
		return fmt.Errorf("motcua seed demo: %v\n%s", err, out)
	}
	return nil
}

// needBrowser skips the test when no Chromium is installed and fails it when the
// setup failed.
func needBrowser(t *testing.T) {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
}

// server is one running motcua binary.
type server struct {
	URL string
	cmd *exec.Cmd
	log *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

var listeningRE = regexp.MustCompile(`listening on (http://\S+)`)

// startServer starts the binary on 127.0.0.1 with a fresh copy of the seeded demo
// database in a temporary directory, and stops it when the test ends. Each test has
// its own server, so its login rate limit and its data are its own.
func startServer(t *testing.T) *server {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "motcua.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(templateDB + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(binPath, "--addr", "127.0.0.1:0", "--db", db, "--data-dir", filepath.Join(dir, "data"), "--log-level", "warn")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logs := &lockedBuffer{}
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, log: logs}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			logs.Write([]byte(sc.Text() + "\n"))
			if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
	}()
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("server output:\n%s", logs.String())
		}
	})
	select {
	case s.URL = <-found:
	case <-done:
		t.Fatalf("motcua exited before listening:\n%s", logs.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("motcua did not start:\n%s", logs.String())
	}
	return s
}

// page opens a browser tab with its own cookies on the server.
func (s *server) page(t *testing.T, name string) *browser.Page {
	t.Helper()
	return chrome.NewPage(t, s.URL, name)
}

// login logs a user in through the login form and checks that the header shows them.
func login(t *testing.T, p *browser.Page, user string) {
	t.Helper()
	p.Go("/login", "login-form")
	p.Type("#username", user)
	p.Type("#password", seed.DemoPassword)
	if st := p.ClickNav("form[action='/login'] button[type=submit]", "logged-in-"+user); st != 200 {
		t.Fatalf("login %s: status %d at %s", user, st, p.Location())
	}
	if got := p.Text("header nav a[href='/me']"); got != user {
		t.Fatalf("after login the header shows %q, want %q", got, user)
	}
}

// ---- JSON API helpers ----

var apiClient = &http.Client{Timeout: 20 * time.Second}

func apiLogin(t *testing.T, base, user string) string {
	t.Helper()
	var out struct{ Token string }
	res := apiDo(t, base, "", "POST", "/api/v1/auth/login", map[string]string{"username": user, "password": seed.DemoPassword}, &out)
	if res != 200 || out.Token == "" {
		t.Fatalf("API login %s: %d", user, res)
	}
	return out.Token
}

// apiDo sends a JSON request and decodes a JSON answer into out (if not nil); it
// returns the status.
func apiDo(t *testing.T, base, token, method, path string, body, out any) int {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, method, base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := apiClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		t.Logf("%s %s: %d %s", method, path, res.StatusCode, data)
		return res.StatusCode
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: decode: %v\n%s", method, path, err, data)
		}
	}
	return res.StatusCode
}

type procedureRef struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	UnitCode string `json:"unit_code"`
}

// demoProcedure picks a province-level procedure received at the counter.
func demoProcedure(t *testing.T, base, token string) procedureRef {
	t.Helper()
	var list struct{ Items []procedureRef }
	if st := apiDo(t, base, token, "GET", "/api/v1/procedures?level=province&channel=counter&active=true&limit=1", nil, &list); st != 200 || len(list.Items) == 0 {
		t.Fatalf("no demo procedure: %d %+v", st, list)
	}
	return list.Items[0]
}

// citizen is the applicant of the dossiers the tests create.
var citizen = map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ", "id_number": "020095001234",
	"phone": "0912 345 678", "address": "Phường Lương Văn Tri, Lạng Sơn"}

const citizenMasked = "H*** V** T**"

// createDossier receives a dossier through the API as the receptionist and returns its code.
func createDossier(t *testing.T, base string) (code string, proc procedureRef) {
	t.Helper()
	tok := apiLogin(t, base, receptionist)
	proc = demoProcedure(t, base, tok)
	var d struct{ Code string }
	body := map[string]any{"procedure_code": proc.Code, "applicant": citizen,
		"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}}}
	if st := apiDo(t, base, tok, "POST", "/api/v1/dossiers", body, &d); st != 201 || d.Code == "" {
		t.Fatalf("receive dossier: %d", st)
	}
	return d.Code, proc
}

func contains(t *testing.T, what, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Errorf("%s: %q does not contain %q", what, got, want)
	}
}
