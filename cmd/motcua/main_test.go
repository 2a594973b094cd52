package main

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
	"testing"
	"time"

	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/seed"
)

func TestMain(m *testing.M) {
	auth.ArgonMemory = 64 // fast hashes for the many test users
	os.Exit(m.Run())
}

// syncBuffer is an io.Writer safe for the server goroutine and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var urlRE = regexp.MustCompile(`listening on (http://\S+)`)

// waitShutdown waits for the server whose run returns on errc to stop gracefully
// (its context cancelled) within 20 s, without error.
func waitShutdown(t *testing.T, errc <-chan error) {
	t.Helper()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no graceful shutdown")
	}
}

func waitURL(t *testing.T, out interface{ String() string }, errc <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(300 * time.Second)
	for time.Now().Before(deadline) {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-errc:
			t.Fatalf("server stopped: %v\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", out.String())
	return ""
}

// TestServeFirstStart runs the real Main the way `go run ./cmd/motcua` does, on a new
// SQLite file: it migrates, seeds the demo province, prints the URL and the logins,
// serves, and shuts down cleanly on cancel.
func TestServeFirstStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	dbPath := filepath.Join(t.TempDir(), "motcua.db")
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"--addr", "127.0.0.1:0", "--db", dbPath, "--demo-dossiers", "400"}, &out, &errOut)
	}()
	base := waitURL(t, &out, errc)
	for _, want := range []string{"Demo logins", "admin", seed.DemoPassword, "receptionist"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, out.String())
		}
	}
	for _, p := range []string{"/healthz", "/readyz", "/", "/procedures?q=giay+phep+xay+dung", "/api/v1/openapi.json"} {
		res, err := http.Get(base + p)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("GET %s: %v %v", p, err, res)
		}
		res.Body.Close()
	}
	tok := apiLogin(t, base, "admin", seed.DemoPassword)
	var list struct{ Total int }
	getJSON(t, base+"/api/v1/procedures?limit=1", tok, &list)
	if list.Total < 1200 {
		t.Fatalf("demo catalogue has %d procedures", list.Total)
	}
	getJSON(t, base+"/api/v1/procedures?q=giay+phep+xay+dung&limit=1", tok, &list)
	if list.Total == 0 {
		t.Fatal("search without diacritics found nothing in the demo catalogue")
	}
	getJSON(t, base+"/api/v1/dossiers?limit=1", tok, &list)
	if list.Total != 400 {
		t.Fatalf("demo year has %d dossiers, want 400", list.Total)
	}
	getJSON(t, base+"/api/v1/dossiers?limit=1&status=returned", tok, &list)
	if list.Total == 0 {
		t.Fatal("no returned dossier in the demo year")
	}
	cancel()
	waitShutdown(t, errc)
	// second start: no reseeding, same data
	ctx2, cancel2 := context.WithCancel(context.Background())
	defer cancel2()
	var out2 syncBuffer
	errc2 := make(chan error, 1)
	go func() { errc2 <- run(ctx2, []string{"--addr", "127.0.0.1:0", "--db", dbPath}, &out2, io.Discard) }()
	base = waitURL(t, &out2, errc2)
	if strings.Contains(out2.String(), "seeding") {
		t.Fatal("seeded twice")
	}
	getJSON(t, base+"/api/v1/procedures?limit=1", apiLogin(t, base, "admin", seed.DemoPassword), &list)
	if list.Total < 1200 {
		t.Fatal("data lost across restart")
	}
}

func apiLogin(t *testing.T, base, user, pw string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"username": user, "password": pw})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct{ Token string }
	json.NewDecoder(res.Body).Decode(&out)
	if res.StatusCode != 200 || out.Token == "" {
		t.Fatalf("login %s: %d", user, res.StatusCode)
	}
	return out.Token
}

func getJSON(t *testing.T, url, token string, v any) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

func TestCLI(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	ctx := context.Background()
	var out, errOut bytes.Buffer
	mustRun := func(args ...string) string {
		t.Helper()
		out.Reset()
		errOut.Reset()
		if err := run(ctx, args, &out, &errOut); err != nil {
			t.Fatalf("motcua %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
		}
		return out.String()
	}
	if s := mustRun("migrate", "--db", dbPath); !strings.Contains(s, "schema version") {
		t.Fatalf("migrate: %q", s)
	}
	if s := mustRun("seed", "demo", "--db", dbPath, "--dossiers", "150"); !strings.Contains(s, "procedures") {
		t.Fatalf("seed: %q", s)
	}
	if err := run(ctx, []string{"seed", "demo", "--db", dbPath}, &out, &errOut); err == nil {
		t.Fatal("seeding a non-empty database must fail")
	}
	mustRun("user", "add", "--db", dbPath, "--username", "thu.nguyen", "--password", "mật khẩu dài", "--role", "viewer", "--name", "Nguyễn Thị Thu")
	if err := run(ctx, []string{"user", "add", "--db", dbPath, "--username", "x1", "--password", "short", "--role", "viewer"}, &out, &errOut); err == nil {
		t.Fatal("short password accepted")
	}
	if err := run(ctx, []string{"user", "add", "--db", dbPath, "--username", "x2", "--password", "long enough", "--role", "processor"}, &out, &errOut); err == nil {
		t.Fatal("processor without unit accepted")
	}
	csv := filepath.Join(t.TempDir(), "procs.csv")
	if s := mustRun("export", "procedures", "--db", dbPath, csv); !strings.Contains(s, "exported") {
		t.Fatalf("export: %q", s)
	}
	if s := mustRun("import", "procedures", "--db", dbPath, "--dry-run", csv); !strings.Contains(s, "valid") {
		t.Fatalf("dry run: %q", s)
	}
	if s := mustRun("import", "procedures", "--db", dbPath, csv); !strings.Contains(s, "0 created") {
		t.Fatalf("re-import: %q", s)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("code,name\n1.000001,Thiếu cột\n"), 0o600)
	if err := run(ctx, []string{"import", "procedures", "--db", dbPath, bad}, &out, &errOut); err == nil || !strings.Contains(errOut.String()+err.Error(), "nothing imported") {
		t.Fatalf("bad import: %v %s", err, errOut.String())
	}
	if s := mustRun("audit", "verify", "--db", dbPath); !strings.Contains(s, `"ok":true`) {
		t.Fatalf("audit verify: %q", s)
	}
	if s := mustRun("calendar", "holidays", "--db", dbPath, "--year", "2026"); !strings.Contains(s, "2026-02-17") || !strings.Contains(s, "Tết") {
		t.Fatalf("calendar holidays: %q", s)
	}
	if s := mustRun("calendar", "due", "--db", dbPath, "--start", "2026-02-13T10:00:00+07:00", "--amount", "3"); !strings.Contains(s, "25/02/2026 10:00") {
		t.Fatalf("calendar due: %q", s)
	}
	if s := mustRun("version"); !strings.HasPrefix(s, "motcua ") {
		t.Fatalf("version: %q", s)
	}
	if err := run(ctx, []string{"frobnicate"}, &out, &errOut); err == nil {
		t.Fatal("unknown command accepted")
	}
}

// TestCrashSafety kills the real binary with SIGKILL while clients create units, then
// restarts it: every unit whose creation was acknowledged is there, and the audit
// log's chain is intact.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "motcua")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(t.TempDir(), "crash.db")
	acked := map[string]bool{}
	dossiersAcked := map[string]bool{}
	var mu sync.Mutex
	for round := 0; round < 3; round++ {
		cmd, base := startBinary(t, bin, dbPath)
		tok := apiLogin(t, base, "admin", seed.DemoPassword)
		rtok := apiLogin(t, base, "motcua1", seed.DemoPassword)
		var procs struct{ Items []struct{ Code string } }
		getJSON(t, base+"/api/v1/procedures?unit=&channel=counter&level=province&active=true&limit=20", tok, &procs)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // a receptionist receives dossiers while the server is killed
			defer wg.Done()
			for i := 0; i < 200; i++ {
				body := fmt.Sprintf(`{"procedure_code":%q,"applicant":{"kind":"person","full_name":"Người nộp %d","id_number":"020095%06d","phone":"0912345678","address":"Lạng Sơn"},"papers":[{"name":"Tờ khai","originals":1}]}`,
					procs.Items[i%len(procs.Items)].Code, i, round*1000+i)
				req, _ := http.NewRequest("POST", base+"/api/v1/dossiers", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+rtok)
				req.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					return
				}
				var d struct{ Code string }
				derr := json.NewDecoder(res.Body).Decode(&d)
				res.Body.Close()
				if res.StatusCode == 201 && (derr != nil || d.Code == "") {
					return // the kill cut the answer: the client never learned the code
				}
				if res.StatusCode == 201 {
					mu.Lock()
					dossiersAcked[d.Code] = true
					mu.Unlock()
				} else {
					t.Errorf("receive: %d", res.StatusCode)
					return
				}
			}
		}()
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; ; i++ {
					code := fmt.Sprintf("000.%02d.%02d.H99", round*4+w, i%100)
					if i >= 100 {
						return
					}
					body := fmt.Sprintf(`{"code":%q,"name":"Đơn vị thử %d-%d","kind":"branch","parent_code":"000.00.00.H37","active":true}`, code, w, i)
					req, _ := http.NewRequest("POST", base+"/api/v1/units", strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+tok)
					req.Header.Set("Content-Type", "application/json")
					res, err := http.DefaultClient.Do(req)
					if err != nil {
						return // the server died
					}
					res.Body.Close()
					if res.StatusCode == 201 {
						mu.Lock()
						acked[code] = true
						mu.Unlock()
					}
				}
			}(w)
		}
		time.Sleep(time.Duration(150+round*100) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		wg.Wait()
	}
	cmd, base := startBinary(t, bin, dbPath)
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	tok := apiLogin(t, base, "admin", seed.DemoPassword)
	var units struct{ Items []struct{ Code string } }
	getJSON(t, base+"/api/v1/units", tok, &units)
	have := map[string]bool{}
	for _, u := range units.Items {
		have[u.Code] = true
	}
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged before the kills")
	}
	for code := range acked {
		if !have[code] {
			t.Errorf("acknowledged unit %s lost after kill -9", code)
		}
	}
	if len(dossiersAcked) == 0 {
		t.Fatal("no dossier intake was acknowledged before the kills")
	}
	for code := range dossiersAcked {
		var d struct{ Code string }
		getJSON(t, base+"/api/v1/dossiers/"+code, tok, &d)
		if d.Code != code {
			t.Errorf("acknowledged dossier %s lost after kill -9", code)
		}
	}
	var rep struct{ OK bool }
	getJSON(t, base+"/api/v1/audit/verify", tok, &rep)
	if !rep.OK {
		t.Fatal("audit chain broken after crashes")
	}
}

func startBinary(t *testing.T, bin, dbPath string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(bin, "--addr", "127.0.0.1:0", "--db", dbPath, "--demo-dossiers", "100")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stdout)
	deadline := time.After(120 * time.Second)
	found := make(chan string, 1)
	go func() {
		for sc.Scan() {
			if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case u := <-found:
		return cmd, u
	case <-deadline:
		cmd.Process.Kill()
		t.Fatal("binary did not start")
	}
	return nil, ""
}
