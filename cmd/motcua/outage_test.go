package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// The fault tests below run the real binary on PostgreSQL (MOTCUA_TEST_POSTGRES).

// buildBinary builds cmd/motcua into the test's temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "motcua")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// instance is one running server process.
type instance struct {
	cmd  *exec.Cmd
	base string
	log  *syncBuffer
	done chan struct{}
}

// startInstance starts the binary with args (plus a free local address) and waits
// for it to listen. It is killed at cleanup.
func startInstance(t *testing.T, bin string, args ...string) *instance {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--addr", "127.0.0.1:0", "--log-level", "warn"}, args...)...)
	stdout, _ := cmd.StdoutPipe()
	in := &instance{cmd: cmd, log: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = in.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { cmd.Wait(); close(in.done) }()
	t.Cleanup(func() { in.kill() })
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := urlRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case in.base = <-found:
		return in
	case <-in.done:
		t.Fatalf("binary stopped:\n%s", in.log.String())
	case <-time.After(180 * time.Second):
		t.Fatalf("binary did not start:\n%s", in.log.String())
	}
	return nil
}

func (in *instance) kill() {
	if in.cmd.Process != nil {
		in.cmd.Process.Kill()
		<-in.done
	}
}

// pgCluster runs pg_ctlcluster ACTION on the local cluster.
func pgCluster(t *testing.T, action string) {
	t.Helper()
	vers, _ := filepath.Glob("/etc/postgresql/*")
	if len(vers) != 1 {
		t.Skipf("no single local PostgreSQL cluster to restart (%v)", vers)
	}
	out, err := exec.Command("pg_ctlcluster", "--skip-systemctl-redirect", filepath.Base(vers[0]), "main", action).CombinedOutput()
	if err != nil {
		t.Errorf("pg_ctlcluster %s: %v\n%s", action, err, out)
	}
}

// ensurePostgresUp starts the cluster again if a failed test left it down: other
// engineers' tests share it.
func ensurePostgresUp(t *testing.T) {
	if exec.Command("pg_isready", "-h", "127.0.0.1", "-t", "2").Run() != nil {
		pgCluster(t, "start")
	}
}

// sample is one request's outcome during the outage test.
type sample struct {
	what        string
	status      int
	took        time.Duration
	contentType string
	retryAfter  string
	err         error
	at          time.Time
}

// TestDatabaseOutage restarts PostgreSQL under a light load of reads and intakes: while
// it is down every request fails cleanly (503 problem+json with Retry-After, no 500,
// no hang, no spurious 401) and /readyz says 503; once it is back the same server
// process serves again and intakes succeed.
func TestDatabaseOutage(t *testing.T) {
	if os.Getenv(sqldbtest.PostgresEnv) == "" {
		t.Skipf("%s not set", sqldbtest.PostgresEnv)
	}
	if testing.Short() {
		t.Skip("builds the binary and restarts PostgreSQL")
	}
	if _, err := exec.LookPath("pg_ctlcluster"); err != nil {
		t.Skip("pg_ctlcluster not found: cannot restart PostgreSQL")
	}
	bin := buildBinary(t)
	dsn := sqldbtest.DSN(t, sqldb.Postgres)
	srv := startInstance(t, bin, "--db", dsn, "--demo", "yes", "--demo-dossiers", "50")
	base := srv.base
	tok := apiLogin(t, base, "admin", seed.DemoPassword)
	rtok := apiLogin(t, base, "motcua1", seed.DemoPassword)
	var procs struct{ Items []struct{ Code string } }
	getJSON(t, base+"/api/v1/procedures?channel=counter&level=province&active=true&limit=20", tok, &procs)

	client := &http.Client{Timeout: 30 * time.Second}
	do := func(what, method, path, token, body string) sample {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		start := time.Now()
		res, err := client.Do(req)
		s := sample{what: what, took: time.Since(start), err: err, at: start}
		if err != nil {
			return s
		}
		defer res.Body.Close()
		io.Copy(io.Discard, res.Body)
		s.status, s.contentType, s.retryAfter = res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Retry-After")
		return s
	}
	var mu sync.Mutex
	var samples []sample
	var acked []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var s sample
				switch i % 3 {
				case 0:
					s = do("list", "GET", "/api/v1/dossiers?limit=5", tok, "")
				case 1:
					s = do("readyz", "GET", "/readyz", "", "")
				default:
					n := w*100000 + i
					body := fmt.Sprintf(`{"procedure_code":%q,"applicant":{"kind":"person","full_name":"Người nộp %d","id_number":"020095%06d","phone":"0912345678","address":"Lạng Sơn"},"papers":[{"name":"Tờ khai","originals":1}]}`,
						procs.Items[n%len(procs.Items)].Code, n, n)
					req, _ := http.NewRequest("POST", base+"/api/v1/dossiers", strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer "+rtok)
					req.Header.Set("Content-Type", "application/json")
					start := time.Now()
					res, err := client.Do(req)
					s = sample{what: "intake", took: time.Since(start), err: err, at: start}
					if err == nil {
						var d struct{ Code string }
						json.NewDecoder(res.Body).Decode(&d)
						res.Body.Close()
						s.status, s.contentType, s.retryAfter = res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Retry-After")
						if res.StatusCode == 201 {
							mu.Lock()
							acked = append(acked, d.Code)
							mu.Unlock()
						}
					}
				}
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}(w)
	}
	defer func() { // never leave the shared PostgreSQL down
		select {
		case <-stop:
		default:
			close(stop)
		}
		ensurePostgresUp(t)
	}()

	time.Sleep(time.Second)
	t.Log("stopping PostgreSQL")
	downAt := time.Now()
	pgCluster(t, "stop")
	// while it is down: readiness and an intake answer 503 quickly
	time.Sleep(500 * time.Millisecond)
	ready := do("readyz", "GET", "/readyz", "", "")
	write := do("intake", "POST", "/api/v1/dossiers", rtok, `{"procedure_code":"x"}`)
	time.Sleep(1500 * time.Millisecond)
	t.Log("starting PostgreSQL")
	pgCluster(t, "start")
	upAt := time.Now()
	if ready.status != 503 || ready.retryAfter == "" {
		t.Errorf("/readyz during the outage: %+v", ready)
	}
	if write.status != 503 || write.retryAfter == "" || write.contentType != "application/problem+json" {
		t.Errorf("intake during the outage: %+v", write)
	}

	// the same process recovers by itself: intakes succeed again
	recovered := time.Time{}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		for _, s := range samples {
			if s.what == "intake" && s.status == 201 && s.at.After(upAt) {
				recovered = s.at
			}
		}
		mu.Unlock()
		if !recovered.IsZero() {
			break
		}
	}
	if recovered.IsZero() {
		t.Fatalf("no intake succeeded within 30 s of PostgreSQL's return\n%s", tail(srv.log.String(), 3000))
	}
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()
	t.Logf("outage %v, first intake after restart %v later", upAt.Sub(downAt).Round(time.Millisecond), recovered.Sub(upAt).Round(time.Millisecond))

	// every answer was clean: success, or 503 problem+json with Retry-After, never a
	// transport error, a 500, a 401 or a long hang
	counts := map[string]int{}
	for _, s := range samples {
		counts[fmt.Sprintf("%s %d", s.what, s.status)]++
		switch {
		case s.err != nil:
			t.Errorf("%s at %v: %v", s.what, s.at.Sub(downAt).Round(time.Millisecond), s.err)
		case s.took > 6*time.Second:
			t.Errorf("%s took %v", s.what, s.took)
		case s.status == 503:
			if s.retryAfter == "" || (s.what != "readyz" && s.contentType != "application/problem+json") {
				t.Errorf("%s 503 without Retry-After or problem+json: %+v", s.what, s)
			}
		case s.status == 200 || s.status == 201:
		default:
			t.Errorf("%s answered %d at %v", s.what, s.status, s.at.Sub(downAt).Round(time.Millisecond))
		}
	}
	t.Logf("answers: %v", counts)
	if counts["intake 503"]+counts["list 503"] == 0 {
		t.Error("no request met the outage")
	}
	// after recovery: readiness, reads and writes
	if s := do("readyz", "GET", "/readyz", "", ""); s.status != 200 {
		t.Errorf("/readyz after recovery: %+v", s)
	}
	for i := 0; i < 5; i++ {
		if code, st := intake(base, rtok, procs.Items[i%len(procs.Items)].Code, 900000+i); st != 201 {
			t.Fatalf("intake after recovery: %d", st)
		} else {
			acked = append(acked, code)
		}
	}
	for _, code := range acked {
		var d struct{ Code string }
		getJSON(t, base+"/api/v1/dossiers/"+code, tok, &d)
		if d.Code != code {
			t.Errorf("acknowledged dossier %s missing", code)
		}
	}
	if strings.Contains(srv.log.String(), "panic") {
		t.Errorf("the server panicked:\n%s", tail(srv.log.String(), 3000))
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
