package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/vntext"
)

// The memory workload (perf.md: "memory: serving with 1 M dossiers: peak RSS < 150
// MB"): the real binary (go build ./cmd/motcua) serves the growth database of
// -growth-rss-dossiers dossiers (SQLite, built or kept in -growth-db-dir like
// TestGrowth's), and a mixed load drives it for -growth-rss-duration:
//
//   - two anonymous citizens looking dossiers up (the API and the /tra-cuu page,
//     codes drawn from every stored dossier), each request from its own loopback
//     address (127.1.x.y), so that the server's per-address limit of 60 lookups a
//     minute stays in force and its limiter holds thousands of addresses, as on a
//     public site;
//   - the centre's counter officer posting intakes over the API;
//   - four officers on their pages through a browser session: the counter officer
//     (/work, /book, a name search, a dossier, the intake search), a leader and a
//     processor of the busiest department (/work, /book, a dossier), and the director
//     (/reports and /api/v1/reports/summary over the last year, the Excel export,
//     /dashboard, /book).
//
// The officers are users the test adds with `motcua user add`, so their password
// hashes have the binary's real cost (argon2id, 64 MiB) and their logins are part of
// the measure. Peak RSS is the kernel's high-water mark VmHWM of the server process
// at the end (/proc/PID/status); VmRSS is sampled every 50 ms to show the phases.
//
//	go test ./bench -count=1 -run TestGrowthRSS -growth-rss -v -timeout 6h -growth-db-dir /var/tmp/growth
var (
	growthRSS         = flag.Bool("growth-rss", false, "TestGrowthRSS: measure the peak RSS of the real server on the growth database")
	growthRSSDossiers = flag.Int("growth-rss-dossiers", 1_000_000, "TestGrowthRSS: dossiers in the SQLite database served")
	growthRSSDuration = flag.Duration("growth-rss-duration", 30*time.Second, "TestGrowthRSS: how long the mixed load runs")
	growthRSSBinary   = flag.String("growth-rss-binary", "", "TestGrowthRSS: use this motcua binary instead of building ./cmd/motcua")
)

// rssTarget is perf.md's peak RSS target when serving 1 M dossiers.
const rssTarget = 150 << 20

// rssPassword is the password of the users TestGrowthRSS adds.
const rssPassword = "motcua@rss-2026"

// rssUser is one officer of the memory workload.
type rssUser struct {
	username string
	role     motcua.Role
	unit     string
	pages    []string // paths requested in turn; "{code}" takes the next of codes
	codes    []string
	client   *http.Client
	next     atomic.Int64
}

// procStatus reads the memory lines of /proc/PID/status, in bytes.
func procStatus(pid int) (map[string]int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || !strings.HasPrefix(k, "Vm") && !strings.HasPrefix(k, "Rss") {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 2 && f[1] == "kB" {
			if n, err := strconv.ParseInt(f[0], 10, 64); err == nil {
				out[k] = n << 10
			}
		}
	}
	return out, sc.Err()
}

func mib(b int64) float64 { return float64(b) / (1 << 20) }

// rssSampler records the highest VmRSS, RssAnon and RssFile seen since the last mark.
type rssSampler struct {
	mu                sync.Mutex
	rss, anon, fileMx int64
}

func (s *rssSampler) sample(pid int) {
	st, err := procStatus(pid)
	if err != nil {
		return
	}
	s.mu.Lock()
	s.rss, s.anon, s.fileMx = max(s.rss, st["VmRSS"]), max(s.anon, st["RssAnon"]), max(s.fileMx, st["RssFile"])
	s.mu.Unlock()
}

// take returns the maxima since the last take and resets them.
func (s *rssSampler) take() (rss, anon, file int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rss, anon, file = s.rss, s.anon, s.fileMx
	s.rss, s.anon, s.fileMx = 0, 0, 0
	return
}

// buildMotcua builds the server binary into dir.
func buildMotcua(tb testing.TB, dir string) string {
	tb.Helper()
	if *growthRSSBinary != "" {
		return *growthRSSBinary
	}
	bin := filepath.Join(dir, "motcua")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/motcua/motcua/cmd/motcua")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build ./cmd/motcua: %v\n%s", err, out)
	}
	return bin
}

// rssPrepare picks, on the open growth database, the officers, their pages and
// dossiers, the name searched and the codes looked up.
func rssPrepare(ctx context.Context, g *growthDB) (users []*rssUser, lookups []string, e *env, err error) {
	e = &env{engine: g.engine, db: g.db}
	if err := e.pickLifecycle(ctx); err != nil {
		return nil, nil, nil, err
	}
	center := e.proc.Steps[0].UnitCode
	if center == "" {
		center = e.proc.UnitCode
	}
	if lookups, err = g.sampleCodes(ctx, 20_000); err != nil {
		return nil, nil, nil, err
	}
	pe := &pagesEnv{db: g.db}
	var names []string
	if err := pe.query(ctx, &names, `SELECT d.applicant_name FROM dossier_steps st JOIN dossiers d ON d.code = st.dossier_code
		WHERE st.unit_code = $1 AND d.unit_code = $2 ORDER BY d.code DESC LIMIT 200`, g.dept, center); err != nil {
		return nil, nil, nil, err
	}
	name := ""
	for _, n := range names {
		if len(strings.Fields(n)) >= 3 {
			name = vntext.Fold(n)
			break
		}
	}
	if name == "" {
		return nil, nil, nil, fmt.Errorf("no dossier of %s received at %s", g.dept, center)
	}
	to := calendar.DateOf(growthNow)
	period := "from=" + to.AddDays(-364).String() + "&to=" + to.String()
	users = []*rssUser{
		{username: "rss.motcua", role: motcua.RoleReceptionist, unit: center,
			pages: []string{"/work", "/book", "/book?q=" + url.QueryEscape(name), "/dossiers/{code}", "/intake?q=giay+phep"}},
		{username: "rss.lanhdao", role: motcua.RoleLeader, unit: g.dept, pages: []string{"/work", "/book", "/dossiers/{code}"}},
		{username: "rss.chuyenvien", role: motcua.RoleProcessor, unit: g.dept, pages: []string{"/work", "/book", "/dossiers/{code}"}},
		{username: "rss.giamdoc", role: motcua.RoleDirector,
			pages: []string{"/reports?" + period, "/api/v1/reports/summary?group_by=unit&" + period, "/reports/summary.xlsx?" + period,
				"/dashboard", "/book", "/dossiers/{code}"}},
	}
	for _, u := range users {
		q, args := `SELECT code FROM dossiers WHERE unit_code = $1 ORDER BY received_at DESC LIMIT 1000`, []any{u.unit}
		switch {
		case u.unit == "":
			q, args = `SELECT code FROM dossiers ORDER BY code DESC LIMIT 1000`, nil
		case u.unit == g.dept:
			q = `SELECT DISTINCT dossier_code FROM dossier_steps WHERE unit_code = $1 ORDER BY dossier_code DESC LIMIT 1000`
		}
		if err := pe.query(ctx, &u.codes, q, args...); err != nil {
			return nil, nil, nil, err
		}
		if len(u.codes) == 0 {
			return nil, nil, nil, fmt.Errorf("%s sees no dossier", u.username)
		}
	}
	return users, lookups, e, nil
}

// rssAddUsers adds the officers that the database lacks with the binary's `user
// add`, so that their password hashes have the binary's cost.
func rssAddUsers(ctx context.Context, tb testing.TB, bin string, g *growthDB, users []*rssUser) {
	tb.Helper()
	have, err := g.db.Users().ListUsers(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, u := range users {
		if i := slices.IndexFunc(have, func(h auth.User) bool { return h.Username == u.username }); i >= 0 {
			if have[i].UnitCode != u.unit || have[i].Role != u.role {
				tb.Fatalf("%s exists as %s of %q, the workload wants %s of %q", u.username, have[i].Role, have[i].UnitCode, u.role, u.unit)
			}
			continue
		}
		args := []string{"user", "add", "--db", g.file, "--username", u.username, "--password", rssPassword, "--role", string(u.role), "--name", "Cán bộ đo bộ nhớ"}
		if u.unit != "" {
			args = append(args, "--unit", u.unit)
		}
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			tb.Fatalf("motcua user add %s: %v\n%s", u.username, err, out)
		}
	}
}

// startMotcua runs `motcua serve` on the database file and returns the process and
// its base URL once it listens.
func startMotcua(tb testing.TB, bin, dbFile string) (*exec.Cmd, string) {
	tb.Helper()
	cmd := exec.Command(bin, "serve", "--db", dbFile, "--addr", "127.0.0.1:0", "--demo", "no",
		"--data-dir", tb.TempDir(), "--log-level", "warn")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			cmd.Process.Kill()
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), " listening on "); ok {
				u, _, _ := strings.Cut(rest, " ")
				select {
				case found <- u:
				default:
				}
			}
		}
	}()
	select {
	case u := <-found:
		return cmd, u
	case <-time.After(5 * time.Minute):
		tb.Fatal("motcua serve did not start listening within 5 minutes")
	}
	return nil, ""
}

// citizenClient dials every connection from the next loopback address 127.1.x.y and
// keeps none alive: each request comes from its own client address.
func citizenClient(n *atomic.Int64) *http.Client {
	tr := &http.Transport{DisableKeepAlives: true, DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		i := n.Add(1)
		local := &net.TCPAddr{IP: net.IPv4(127, byte(1+i/(254*254)%250), byte(1+i/254%254), byte(1+i%254))}
		d := net.Dialer{LocalAddr: local, Timeout: 10 * time.Second}
		return d.DialContext(ctx, network, addr)
	}}
	return &http.Client{Transport: tr, Timeout: time.Minute}
}

// rssFetch requests one path and reads the body; any status but want is an error.
func rssFetch(c *http.Client, method, u, token string, body any, want int) error {
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != want {
		if len(data) > 300 {
			data = data[:300]
		}
		return fmt.Errorf("%s %s: %d %s", method, u, res.StatusCode, data)
	}
	return nil
}

// rssLoginPage logs in through the form and returns the session's client.
func rssLoginPage(base, username string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 8},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {rssPassword}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("login %s: status %d", username, res.StatusCode)
	}
	return c, nil
}

// rssLoginAPI logs in over the API and returns the bearer token.
func rssLoginAPI(base, username string) (string, error) {
	j, _ := json.Marshal(map[string]string{"username": username, "password": rssPassword})
	res, err := http.Post(base+"/api/v1/auth/login", "application/json", bytes.NewReader(j))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var out struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != 200 || out.Token == "" {
		return "", fmt.Errorf("api login %s: status %d %v", username, res.StatusCode, err)
	}
	return out.Token, nil
}

// rssKindOf names a request for the table: the path without its query and code.
func rssKindOf(p string) string {
	k, q, _ := strings.Cut(p, "?")
	if strings.HasSuffix(k, "{code}") {
		return k
	}
	if strings.HasPrefix(k, "/book") && strings.HasPrefix(q, "q=") {
		return "/book?q=…"
	}
	if q != "" && !strings.HasPrefix(k, "/intake") {
		return k + "?…"
	}
	return p
}

// TestGrowthRSS serves the growth database of -growth-rss-dossiers dossiers with the
// real binary under a mixed load and prints its peak RSS against the target. It is
// skipped without -growth-rss.
func TestGrowthRSS(t *testing.T) {
	if !*growthRSS {
		t.Skip("run with -growth-rss")
	}
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "bench", Role: motcua.RoleAdmin})
	g := openGrowthDB(t, sqldb.SQLite, *growthRSSDossiers, *growthDBDir)
	users, lookups, e, err := rssPrepare(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	bin := buildMotcua(t, t.TempDir())
	rssAddUsers(ctx, t, bin, g, users)
	if err := g.db.Close(); err != nil { // the server alone holds the file during the measure
		t.Fatal(err)
	}
	size, _ := g.diskSize(ctx)

	loadStart := loadavg()
	t0 := time.Now()
	cmd, base := startMotcua(t, bin, g.file)
	pid := cmd.Process.Pid
	startup := time.Since(t0)
	var sampler rssSampler
	stop := make(chan struct{})
	var sampling sync.WaitGroup
	sampling.Go(func() {
		tk := time.NewTicker(50 * time.Millisecond)
		defer tk.Stop()
		for {
			sampler.sample(pid)
			select {
			case <-stop:
				return
			case <-tk.C:
			}
		}
	})
	type phase struct {
		name            string
		rss, anon, file int64
		hwm             int64
	}
	var phases []phase
	mark := func(name string) {
		sampler.sample(pid)
		rss, anon, file := sampler.take()
		st, _ := procStatus(pid)
		phases = append(phases, phase{name, rss, anon, file, st["VmHWM"]})
	}
	time.Sleep(2 * time.Second)
	mark("started, idle 2 s")

	// logins: five argon2id verifications at the binary's cost, at once
	var wg sync.WaitGroup
	errs := make([]error, len(users)+1)
	var token string
	for i, u := range users {
		wg.Go(func() { u.client, errs[i] = rssLoginPage(base, u.username) })
	}
	wg.Go(func() { token, errs[len(users)] = rssLoginAPI(base, users[0].username) })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	mark("5 logins at once")

	var (
		mu      sync.Mutex
		lats    = map[string][]time.Duration{}
		nerrs   = map[string]int{}
		firsts  = map[string]error{}
		addrs   atomic.Int64
		nextLk  atomic.Int64
		applied atomic.Int64
	)
	record := func(kind string, lat time.Duration, err error) {
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			if nerrs[kind]++; firsts[kind] == nil {
				firsts[kind] = err
			}
			return
		}
		lats[kind] = append(lats[kind], lat)
	}
	deadline := time.Now().Add(*growthRSSDuration)
	loop := func(step func() (string, error)) {
		for time.Now().Before(deadline) {
			t0 := time.Now()
			kind, err := step()
			record(kind, time.Since(t0), err)
		}
	}
	applied.Store(int64(g.stored) + 1_000_000)
	for w := range 2 { // citizens
		c := citizenClient(&addrs)
		wg.Go(func() {
			loop(func() (string, error) {
				code := lookups[int(nextLk.Add(1))%len(lookups)]
				if w == 0 {
					return "lookup API", rssFetch(c, "GET", base+"/api/v1/public/dossiers/"+code, "", nil, 200)
				}
				return "lookup page /tra-cuu/{code}", rssFetch(c, "GET", base+"/tra-cuu/"+code, "", nil, 200)
			})
		})
	}
	wg.Go(func() { // intakes
		c := &http.Client{Timeout: time.Minute}
		loop(func() (string, error) {
			return "intake POST /api/v1/dossiers", rssFetch(c, "POST", base+"/api/v1/dossiers", token, e.intakeBody(applied.Add(1)), 201)
		})
	})
	for _, u := range users {
		wg.Go(func() {
			k := 0
			loop(func() (string, error) {
				p := u.pages[k%len(u.pages)]
				k++
				path := p
				if strings.HasSuffix(p, "{code}") {
					path = strings.TrimSuffix(p, "{code}") + u.codes[int(u.next.Add(1))%len(u.codes)]
				}
				if err := rssFetch(u.client, "GET", base+path, "", nil, 200); err != nil {
					return rssKindOf(p), fmt.Errorf("%s: %w", u.username, err)
				}
				return rssKindOf(p), nil
			})
		})
	}
	wg.Wait()
	mark(fmt.Sprintf("mixed load, %s", *growthRSSDuration))
	close(stop)
	sampling.Wait()
	final, err := procStatus(pid)
	if err != nil {
		t.Fatal(err)
	}
	hwm := final["VmHWM"]

	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "Measured %s on %s: `motcua serve` (%s) on the SQLite database of %d dossiers (%.0f MB on disk), "+
		"started in %s; load average %s at start, %s at end.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), host, bin, g.stored, mib(size), startup.Round(time.Millisecond), loadStart, loadavg())
	fmt.Fprintln(&b, "| phase | max VmRSS MiB | max RssAnon MiB | max RssFile MiB | VmHWM at end of phase MiB |")
	fmt.Fprintln(&b, "|---|---:|---:|---:|---:|")
	for _, p := range phases {
		fmt.Fprintf(&b, "| %s | %.1f | %.1f | %.1f | %.1f |\n", p.name, mib(p.rss), mib(p.anon), mib(p.file), mib(p.hwm))
	}
	met := "yes"
	if hwm >= rssTarget {
		met = "**no**"
	}
	fmt.Fprintf(&b, "\n**Peak RSS (VmHWM) %.1f MiB; target < %d MiB: %s.**\n\n", mib(hwm), rssTarget>>20, met)
	fmt.Fprintln(&b, "| request | ok | errors | rate /s | p50 ms | p99 ms |")
	fmt.Fprintln(&b, "|---|---:|---:|---:|---:|---:|")
	kinds := make([]string, 0, len(lats))
	for k := range lats {
		kinds = append(kinds, k)
	}
	for k := range nerrs {
		if _, ok := lats[k]; !ok {
			kinds = append(kinds, k)
		}
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		r := result{lat: lats[k], ops: len(lats[k]), elapsed: *growthRSSDuration}
		slices.Sort(r.lat)
		fmt.Fprintf(&b, "| `%s` | %d | %d | %.1f | %.1f | %.1f |\n", k, r.ops, nerrs[k], r.rate(), ms(r.pct(50)), ms(r.pct(99)))
	}
	for _, k := range kinds {
		if firsts[k] != nil {
			fmt.Fprintf(&b, "\n- %s: first error: %v\n", k, firsts[k])
		}
	}
	fmt.Println("\n" + b.String())
	if *growthOut != "" {
		if err := os.WriteFile(*growthOut, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range kinds {
		if len(lats[k]) == 0 {
			t.Errorf("%s: no request succeeded: %v", k, firsts[k])
		}
	}
}

// TestProcStatus reads this process's memory lines: the high-water mark is at least
// the current resident size, and both are plausible.
func TestProcStatus(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc on this system")
	}
	st, err := procStatus(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if st["VmRSS"] < 1<<20 || st["VmHWM"] < st["VmRSS"] || st["RssAnon"] <= 0 {
		t.Errorf("implausible memory lines: %v", st)
	}
	if _, err := procStatus(-1); err == nil {
		t.Error("no error for a process that does not exist")
	}
}

// TestRSSKindOf checks how requests are grouped in the memory workload's table.
func TestRSSKindOf(t *testing.T) {
	for in, want := range map[string]string{
		"/work":                                  "/work",
		"/dossiers/{code}":                       "/dossiers/{code}",
		"/book?q=nguyen+van":                     "/book?q=…",
		"/reports?from=2025-03-11&to=2026-03-10": "/reports?…",
		"/intake?q=giay+phep":                    "/intake?q=giay+phep",
	} {
		if got := rssKindOf(in); got != want {
			t.Errorf("rssKindOf(%q) = %q, want %q", in, got, want)
		}
	}
}
