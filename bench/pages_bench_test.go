package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
	"github.com/motcua/motcua/vntext"
	"github.com/motcua/motcua/web"
)

// The staff pages workload (issue 5: "page render p99 under 50 ms with 100k
// dossiers"): a database with the demo province and -pages-dossiers demo dossiers
// (seed.DemoDossiers, stored with ImportDossiers), served by web.New over loopback,
// and four officers logged in through the login form — the centre's receptionist,
// a leader and a processor of the department with the most dossiers in processing,
// and the director — each requesting the staff pages in turn from its own closed-loop
// client, all at once:
//
//	/work  /book  /book?q=<an applicant's name without diacritics>  /dossiers/{code}
//	/intake?q=giay+phep (receptionist only)  /procedures?q=ho+tich
//
// Each request reads the whole body; any status but 200 is an error.
//
//	go test ./bench -count=1 -run '^$' -bench Pages -benchtime 2000x          # p50/p99 per page
//	go test ./bench -count=1 -run TestPagesReport -report -v [-report-duration 20s] [-pages-report-out FILE]
//	go test ./bench -count=1 -run TestPagesReport -report -v -pages-db /tmp/pages100k.db  # reuse the seeded SQLite file
var (
	pagesDossiers  = flag.Int("pages-dossiers", 100_000, "BenchmarkPages/TestPagesReport: demo dossiers in the database")
	pagesDB        = flag.String("pages-db", "", "BenchmarkPages/TestPagesReport: SQLite file to keep between runs (seeded when it has no units; migrated when it exists)")
	pagesPerUser   = flag.Int("pages-clients", 1, "BenchmarkPages/TestPagesReport: concurrent clients per officer (4 officers)")
	pagesReportOut = flag.String("pages-report-out", "", "TestPagesReport: also write the Markdown table to this file")
)

// pageTarget is issue 5's p99 target for every staff page.
const pageTarget = 50 * time.Millisecond

// pagesSmokeDossiers is the size of the database of the smoke test.
const pagesSmokeDossiers = 500

// pageKinds are the pages, in table order.
var pageKinds = []string{"work", "book", "book?q", "dossier", "intake?q", "procedures?q"}

// pageReq is one page an officer requests.
type pageReq struct {
	kind string // one of pageKinds
	path string // or, for "dossier", the prefix of codes
}

// officer is one logged-in user and the pages it requests.
type officer struct {
	role     string // receptionist, leader, processor, director
	username string
	unit     string
	client   *http.Client
	pages    []pageReq
	codes    []string // dossier codes it may see, cycled by the "dossier" page
	next     atomic.Int64
}

type pagesEnv struct {
	engine   sqldb.Dialect
	db       *sqldb.DB
	ts       *httptest.Server
	dossiers int
	dept     string // the busiest department
	name     string // the name searched for
	officers []*officer
	setup    time.Duration
}

// newPagesEnv migrates (and, when empty, seeds with n demo dossiers) a database of
// engine d and serves it; on SQLite with -pages-db the file is kept for the next run.
func newPagesEnv(tb testing.TB, d sqldb.Dialect, n int, keep string) *pagesEnv {
	tb.Helper()
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "bench", Role: motcua.RoleAdmin})
	start := time.Now()
	dsn := keep
	if d != sqldb.SQLite || keep == "" {
		dsn = sqldbtest.DSN(tb, d)
	}
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s: %v", d, err)
	}
	empty, err := seed.Empty(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	if empty {
		data, err := seed.Demo(ctx, db, seed.DefaultSeed, nil)
		if err != nil {
			tb.Fatalf("seed %s: %v", d, err)
		}
		t0 := time.Now()
		streams, err := seed.DemoDossiers(data, seed.DefaultSeed, time.Now(), n)
		if err != nil {
			tb.Fatal(err)
		}
		t1 := time.Now()
		if err := db.ImportDossiers(ctx, streams, nil); err != nil {
			tb.Fatalf("import %s: %v", d, err)
		}
		tb.Logf("%s: %d demo dossiers generated in %s, imported in %s", d, n, t1.Sub(t0).Round(time.Second), time.Since(t1).Round(time.Second))
	}
	e := &pagesEnv{engine: d, db: db}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&e.dossiers); err != nil {
		tb.Fatal(err)
	}
	if d == sqldb.Postgres {
		// what autovacuum does soon after a bulk load (statistics, visibility map); the
		// application never runs ANALYZE on SQLite, so neither does the benchmark
		if _, err := db.ExecContext(ctx, `VACUUM ANALYZE`); err != nil {
			tb.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := web.New(db, tb.TempDir(), log)
	if err != nil {
		tb.Fatal(err)
	}
	srv.SetRateLimits(1_000_000, 1_000_000_000)
	e.ts = httptest.NewServer(srv.Handler())
	tb.Cleanup(e.ts.Close)
	if err := e.pickOfficers(ctx); err != nil {
		tb.Fatal(err)
	}
	for _, o := range e.officers {
		if o.client, err = e.browserLogin(o.username); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(o.client.CloseIdleConnections)
	}
	e.setup = time.Since(start)
	return e
}

// pickOfficers chooses the four officers, the name searched for and the dossiers each
// opens.
func (e *pagesEnv) pickOfficers(ctx context.Context) error {
	units, err := e.db.Catalog().ListUnits(ctx)
	if err != nil {
		return err
	}
	kind := map[string]catalog.UnitKind{}
	for _, u := range units {
		kind[u.Code] = u.Kind
	}
	users, err := e.db.Users().ListUsers(ctx)
	if err != nil {
		return err
	}
	byName := map[string]auth.User{}
	for _, u := range users {
		byName[u.Username] = u
	}
	rec, ok := byName["motcua1"]
	if !ok {
		return errors.New("demo receptionist motcua1 not found")
	}
	// the department with the most dossiers in processing that has a demo leader and processor
	rows, err := e.db.QueryContext(ctx, `SELECT current_unit, COUNT(*) FROM dossiers WHERE state = 'in_processing'
		GROUP BY current_unit ORDER BY COUNT(*) DESC, current_unit`)
	if err != nil {
		return err
	}
	var depts []string
	for rows.Next() {
		var u string
		var n int
		if err := rows.Scan(&u, &n); err != nil {
			rows.Close()
			return err
		}
		if kind[u] == catalog.UnitDepartment {
			depts = append(depts, u)
		}
	}
	rows.Close()
	var leader, processor, director string
	for _, dept := range depts {
		leader, processor = "", ""
		for _, u := range users {
			if u.Active && u.UnitCode == dept && u.Role == motcua.RoleLeader && (leader == "" || strings.HasSuffix(u.Username, ".lanhdao")) {
				leader = u.Username
			}
		}
		// the department's processor with the most dossiers in processing
		counts := map[string]int{}
		rows, err := e.db.QueryContext(ctx, `SELECT assignee, COUNT(*) FROM dossiers WHERE current_unit = $1 AND state = 'in_processing'
			GROUP BY assignee`, dept)
		if err != nil {
			return err
		}
		for rows.Next() {
			var a string
			var n int
			if err := rows.Scan(&a, &n); err != nil {
				rows.Close()
				return err
			}
			counts[a] = n
		}
		rows.Close()
		for _, u := range users {
			if u.Active && u.UnitCode == dept && u.Role == motcua.RoleProcessor && (processor == "" || counts[u.Username] > counts[processor]) {
				processor = u.Username
			}
		}
		if leader != "" && processor != "" {
			e.dept = dept
			break
		}
	}
	if e.dept == "" {
		if len(depts) > 0 || e.dossiers > 0 {
			return errors.New("no department with dossiers in processing has a demo leader and processor")
		}
		return errors.New("no dossier in processing")
	}
	for _, u := range users {
		if u.Active && u.Role == motcua.RoleDirector && u.UnitCode == "" {
			director = u.Username
			break
		}
	}
	if director == "" {
		return errors.New("no province-wide demo director")
	}
	// a name received at the centre and handled by the department, visible to all four
	// (plain indexed queries rather than List, so that set-up is quick on any schema)
	var names []string
	if err := e.query(ctx, &names, `SELECT d.applicant_name FROM dossier_steps st JOIN dossiers d ON d.code = st.dossier_code
		WHERE st.unit_code = $1 AND d.unit_code = $2 ORDER BY d.code LIMIT 500`, e.dept, rec.UnitCode); err != nil {
		return err
	}
	for _, n := range names[len(names)/2:] {
		if len(strings.Fields(n)) >= 3 {
			e.name = vntext.Fold(n)
			break
		}
	}
	if e.name == "" {
		return errors.New("no dossier of the department received at the centre")
	}
	for _, x := range []struct{ role, username string }{
		{"receptionist", rec.Username}, {"leader", leader}, {"processor", processor}, {"director", director},
	} {
		u := byName[x.username]
		o := &officer{role: x.role, username: u.Username, unit: u.UnitCode}
		o.pages = []pageReq{{"work", "/work"}, {"book", "/book"}, {"book?q", "/book?q=" + url.QueryEscape(e.name)}, {"dossier", "/dossiers/"}}
		if auth.Allowed(&motcua.Actor{Username: u.Username, Role: u.Role, UnitCode: u.UnitCode}, auth.DossierReceive) {
			o.pages = append(o.pages, pageReq{"intake?q", "/intake?q=giay+phep"})
		}
		o.pages = append(o.pages, pageReq{"procedures?q", "/procedures?q=ho+tich"})
		// 50 dossiers it may open: received there, or passing through its department
		var codes []string
		switch {
		case u.UnitCode == "":
			err = e.query(ctx, &codes, `SELECT code FROM dossiers ORDER BY code DESC LIMIT 1000`)
		case u.UnitCode == e.dept:
			err = e.query(ctx, &codes, `SELECT DISTINCT dossier_code FROM dossier_steps WHERE unit_code = $1 ORDER BY dossier_code DESC LIMIT 1000`, u.UnitCode)
		default:
			err = e.query(ctx, &codes, `SELECT code FROM dossiers WHERE unit_code = $1 ORDER BY received_at DESC LIMIT 1000`, u.UnitCode)
		}
		if err != nil {
			return err
		}
		for i := 0; i < len(codes); i += max(1, len(codes)/50) {
			o.codes = append(o.codes, codes[i])
		}
		if len(o.codes) == 0 {
			return fmt.Errorf("%s sees no dossier", u.Username)
		}
		e.officers = append(e.officers, o)
	}
	return nil
}

// query reads one text column.
func (e *pagesEnv) query(ctx context.Context, out *[]string, q string, args ...any) error {
	rows, err := e.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return rows.Err()
}

// browserLogin logs a user in through the login form, as a browser does, and
// returns a client holding the session cookie (its own keep-alive pool).
func (e *pagesEnv) browserLogin(username string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute,
		Transport:     &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: time.Minute},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.PostForm(e.ts.URL+"/login", url.Values{"username": {username}, "password": {seed.DemoPassword}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("login %s: status %d", username, res.StatusCode)
	}
	return c, nil
}

// get requests one page and reads it whole.
func (e *pagesEnv) get(o *officer, p pageReq) error {
	path := p.path
	if p.kind == "dossier" {
		path += o.codes[int(o.next.Add(1))%len(o.codes)]
	}
	res, err := o.client.Get(e.ts.URL + path)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		msg := string(data) // the error page's title says what failed
		if i := strings.Index(msg, "<title>"); i >= 0 {
			msg, _, _ = strings.Cut(msg[i+len("<title>"):], "</title>")
		} else if len(msg) > 200 {
			msg = msg[:200]
		}
		return fmt.Errorf("%s GET %s: %d %s", o.username, path, res.StatusCode, msg)
	}
	return nil
}

// pageResults are the latencies of one run by page and by page and role.
type pageResults struct {
	byPage, byRole map[string]result // byRole key: "page|role"
	all            result
}

// run has every officer's clients request their pages in turn (each client starting
// at a different page) until count requests are done (count > 0) or d has passed.
func (e *pagesEnv) run(count int, d time.Duration) pageResults { return e.runWith(count, d, false) }

// runSequential is run with one request at a time: one client going round the
// officers, each with its next page — the pages' service time without queueing
// behind the other officers on the server's cores.
func (e *pagesEnv) runSequential(d time.Duration) pageResults { return e.runWith(0, d, true) }

func (e *pagesEnv) runWith(count int, d time.Duration, sequential bool) pageResults {
	type sample struct {
		key string
		lat time.Duration
	}
	var (
		next   atomic.Int64
		mu     sync.Mutex
		errs   = map[string]int{}
		firsts = map[string]error{}
		all    [][]sample
		wg     sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	if sequential {
		wg.Go(func() {
			var mine []sample
			for k := 0; time.Now().Before(deadline); k++ {
				o := e.officers[k%len(e.officers)]
				p := o.pages[(k/len(e.officers))%len(o.pages)]
				key := p.kind + "|" + o.role
				t0 := time.Now()
				if err := e.get(o, p); err != nil {
					if errs[key]++; firsts[key] == nil {
						firsts[key] = err
					}
					continue
				}
				mine = append(mine, sample{key, time.Since(t0)})
			}
			all = append(all, mine)
		})
	}
	w := 0
	for _, o := range e.officers {
		if sequential {
			break
		}
		for c := range *pagesPerUser {
			i := w + c
			w++
			wg.Go(func() {
				var mine []sample
				for k := i; ; k++ {
					if count > 0 {
						if next.Add(1) > int64(count) {
							break
						}
					} else if !time.Now().Before(deadline) {
						break
					}
					p := o.pages[k%len(o.pages)]
					key := p.kind + "|" + o.role
					t0 := time.Now()
					if err := e.get(o, p); err != nil {
						mu.Lock()
						if errs[key]++; firsts[key] == nil {
							firsts[key] = err
						}
						mu.Unlock()
						continue
					}
					mine = append(mine, sample{key, time.Since(t0)})
				}
				mu.Lock()
				all = append(all, mine)
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	elapsed := time.Since(start)
	lats := map[string][]time.Duration{}
	var every []time.Duration
	for _, s := range slices.Concat(all...) {
		lats[s.key] = append(lats[s.key], s.lat)
		every = append(every, s.lat)
	}
	mk := func(l []time.Duration, nerr int, first error) result {
		slices.Sort(l)
		return result{ops: len(l), errs: nerr, first: first, elapsed: elapsed, lat: l}
	}
	out := pageResults{byPage: map[string]result{}, byRole: map[string]result{}}
	keys := map[string]bool{}
	for k := range lats {
		keys[k] = true
	}
	for k := range errs {
		keys[k] = true
	}
	perPage := map[string][]time.Duration{}
	perPageErr := map[string]int{}
	perPageFirst := map[string]error{}
	totalErr := 0
	var totalFirst error
	for k := range keys {
		out.byRole[k] = mk(lats[k], errs[k], firsts[k])
		page, _, _ := strings.Cut(k, "|")
		perPage[page] = append(perPage[page], lats[k]...)
		perPageErr[page] += errs[k]
		if perPageFirst[page] == nil {
			perPageFirst[page] = firsts[k]
		}
		totalErr += errs[k]
		if totalFirst == nil {
			totalFirst = firsts[k]
		}
	}
	for p, l := range perPage {
		out.byPage[p] = mk(l, perPageErr[p], perPageFirst[p])
	}
	out.all = mk(every, totalErr, totalFirst)
	return out
}

// warm requests every page of every officer once (templates, caches, the page cache
// of the database) and returns the failures.
func (e *pagesEnv) warm() error {
	var errs []error
	for _, o := range e.officers {
		for _, p := range o.pages {
			errs = append(errs, e.get(o, p))
		}
	}
	return errors.Join(errs...)
}

func (e *pagesEnv) describe() string {
	var who []string
	for _, o := range e.officers {
		unit := o.unit
		if unit == "" {
			unit = "province-wide"
		}
		who = append(who, fmt.Sprintf("%s `%s` (%s)", o.role, o.username, unit))
	}
	return fmt.Sprintf("%s: %d dossiers; busiest department %s; officers %s; name searched %q",
		e.engine, e.dossiers, e.dept, strings.Join(who, ", "), e.name)
}

// TestPagesWorkload runs every page of every officer once on a small database, so
// `go test ./bench` proves the workload works without timing anything.
func TestPagesWorkload(t *testing.T) {
	if raceEnabled {
		t.Skip("harness smoke test: run without -race (see race_on_test.go)")
	}
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			e := newPagesEnv(t, d, pagesSmokeDossiers, "")
			t.Log(e.describe())
			if err := e.warm(); err != nil { // every page of every officer once, in turn
				t.Fatal(err)
			}
			want := 0
			for _, o := range e.officers {
				want += len(o.pages)
			}
			r := e.run(want, 0)
			if err := r.all.err(); err != nil {
				t.Fatal(err)
			}
			if r.all.ops != want {
				t.Fatalf("%d requests, want %d", r.all.ops, want)
			}
			if seq := e.runSequential(100 * time.Millisecond); seq.all.err() != nil || seq.all.ops == 0 {
				t.Fatalf("one at a time: %d requests, %v", seq.all.ops, seq.all.err())
			}
		})
	}
}

// BenchmarkPages runs b.N page requests from the four officers' clients and reports
// p50 and p99 per page (every role together) and over all pages.
func BenchmarkPages(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		e := newPagesEnv(b, d, *pagesDossiers, *pagesDB)
		b.Log(e.describe())
		if err := e.warm(); err != nil { // counted again in the run
			b.Logf("warming: %v", err)
		}
		b.Run(string(d), func(b *testing.B) {
			r := e.run(b.N, 0)
			measured(b, r.all)
			b.ReportMetric(r.all.rate(), "req/s")
			b.ReportMetric(ms(r.all.pct(99)), "p99-ms")
			for _, k := range pageKinds {
				x := r.byPage[k]
				if x.ops == 0 {
					continue
				}
				name := strings.ReplaceAll(k, "?", "-")
				b.ReportMetric(ms(x.pct(50)), name+"-p50-ms")
				b.ReportMetric(ms(x.pct(99)), name+"-p99-ms")
			}
		})
	}
}

// TestPagesReport runs the pages workload for -report-duration (after one warming
// pass) on every configured engine and prints a Markdown table per page and per page
// and role, with issue 5's target (p99 < 50 ms). Skipped without -report.
func TestPagesReport(t *testing.T) {
	if !*reportFlag {
		t.Skip("run with -report")
	}
	dur := *reportDuration
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "Measured %s on %s: %s/%s, %d CPUs, GOMAXPROCS %d, %s; %s per engine; %d officers × %d client(s), closed loop over loopback; load average at start %s.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), host, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(),
		dur, 4, *pagesPerUser, loadavg())
	fmt.Fprintf(&b, "Concurrent: the four officers' clients at once for %s. One at a time: a single client going round the officers and pages for %s (service time without queueing on the shared cores).\n\n", dur, dur/2)
	fmt.Fprintln(&b, "| engine | page | as | requests | errors | p50 ms | p99 ms | max ms | p99 < 50 ms | one at a time: p50 ms | p99 ms |")
	fmt.Fprintln(&b, "|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|")
	var notes []string
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			e := newPagesEnv(t, d, *pagesDossiers, *pagesDB)
			notes = append(notes, e.describe()+fmt.Sprintf("; set-up %s", e.setup.Round(time.Second)))
			if err := e.warm(); err != nil { // counted again in the run
				t.Logf("warming: %v", err)
			}
			r := e.run(0, dur)
			seq := e.runSequential(dur / 2)
			row := func(page, as string, x, y result) {
				met := "yes"
				if x.pct(99) >= pageTarget || x.errs > 0 {
					met = "**no**"
				}
				if x.ops+x.errs == 0 {
					met = "not requested"
				}
				if as == "all" {
					page = "**" + page + "**"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %.1f | %.1f | %.1f | %s | %.1f | %.1f |\n", d, page, as, x.ops, x.errs,
					ms(x.pct(50)), ms(x.pct(99)), ms(x.pct(100)), met, ms(y.pct(50)), ms(y.pct(99)))
				for _, z := range []result{x, y} {
					if z.errs > 0 {
						notes = append(notes, fmt.Sprintf("%s %s as %s: %v", d, page, as, z.err()))
					}
				}
			}
			for _, k := range pageKinds {
				row("`"+pagePath(k)+"`", "all", r.byPage[k], seq.byPage[k])
				var roles []string
				for rk := range r.byRole {
					if p, _, _ := strings.Cut(rk, "|"); p == k {
						roles = append(roles, rk)
					}
				}
				sort.Strings(roles)
				for _, rk := range roles {
					_, role, _ := strings.Cut(rk, "|")
					row("`"+pagePath(k)+"`", role, r.byRole[rk], seq.byRole[rk])
				}
			}
			row("every page", "all", r.all, seq.all)
		})
	}
	fmt.Fprintf(&b, "\nLoad average at end %s.\n", loadavg())
	for _, n := range notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	fmt.Println("\n" + b.String())
	if *pagesReportOut != "" {
		if err := os.WriteFile(*pagesReportOut, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func pagePath(kind string) string {
	switch kind {
	case "book?q":
		return "/book?q=<name>"
	case "dossier":
		return "/dossiers/{code}"
	case "intake?q":
		return "/intake?q=giay+phep"
	case "procedures?q":
		return "/procedures?q=ho+tich"
	}
	return "/" + kind
}
