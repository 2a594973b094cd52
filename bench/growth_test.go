package bench

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
	"github.com/motcua/motcua/web"
)

// The cost-growth workload (issue 8: "how intake, lookup and report times grow from
// 10k to 10M dossiers"): for each size N a database with the demo province and N demo
// dossiers — seed.DemoDossiers in chunks of -growth-per-year, each chunk a year
// further back from a fixed "now", so N/50,000 years of seasonal history (at least
// one), stored with sqldb.BulkLoadDossiers — then, on that database:
//
//   - intake: POST /api/v1/dossiers over loopback HTTP from clients() clients for
//     -growth-duration (rate, p50, p99), as the intake workload;
//   - lookup: anonymous GET /api/v1/public/dossiers/{code} of codes drawn at random
//     from every stored dossier (rate, p50, p99), as the lookup workload;
//   - report: sqldb.ReportSummary of the last 365 days of the history province-wide
//     grouped by unit, and of the busiest department over the last quarter (median);
//   - the database's size on disk (SQLite file and WAL; PostgreSQL relations).
//
// Every size is measured -growth-rounds times, the sizes in turn, and the table shows
// the medians: one Markdown table per engine, rows the sizes, with every measure's
// growth factor against the smallest size. With -growth-db-dir the databases are kept (SQLite
// files growth-sqlite-N.db there, PostgreSQL schemas bench_growth_N) so that a large
// build is paid once; a kept database is reused only when its build completed.
//
//	go test ./bench -count=1 -run 'TestGrowth$' -growth -v -timeout 6h \
//	    -growth-sizes 10000,100000,1000000 -growth-db-dir /var/tmp/growth \
//	    [-growth-rounds 3] [-growth-duration 4s] [-growth-engines sqlite] [-growth-out FILE]
var (
	growthFlag     = flag.Bool("growth", false, "TestGrowth: build databases of -growth-sizes dossiers and print the cost-growth table")
	growthSizes    = flag.String("growth-sizes", "10000,100000,1000000", "TestGrowth: comma-separated dossier counts")
	growthEngines  = flag.String("growth-engines", "", "TestGrowth: comma-separated engines to run (default: every configured engine)")
	growthDBDir    = flag.String("growth-db-dir", "", "TestGrowth/TestGrowthRSS: keep the databases here between runs (SQLite files; PostgreSQL schemas are kept too)")
	growthPerYear  = flag.Int("growth-per-year", 50_000, "TestGrowth: demo dossiers per simulated year")
	growthDuration = flag.Duration("growth-duration", 4*time.Second, "TestGrowth: how long the intake and the lookup workloads run at each size")
	growthOut      = flag.String("growth-out", "", "TestGrowth/TestGrowthRSS: also write the Markdown tables to this file")
	growthRounds   = flag.Int("growth-rounds", 1, "TestGrowth: measure every size this many times in turn; the table shows the medians")
)

// growthNow is the fixed "now" of every growth database: the history ends here, so a
// kept database's data window stays the same between runs.
var growthNow = time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)

// growthDB is one database of the workload.
type growthDB struct {
	engine  sqldb.Dialect
	size    int    // dossiers asked for
	dsn     string // what sqldb.Open was given
	file    string // the SQLite file, "" on PostgreSQL
	db      *sqldb.DB
	years   int
	build   time.Duration // generating and loading, when this run built it
	reused  bool
	stored  int // dossiers stored when measured (a kept database also holds earlier runs' intakes)
	dept    string
	sizeOnD int64 // bytes on disk
}

// growthMarker is the table written after a build completes: a kept database without
// it was interrupted mid-load and is refused.
const growthMarker = "bench_growth_built"

// parseSizes reads a comma-separated list of positive counts.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ReplaceAll(f, "_", ""))
		if f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("size %q: want a positive integer", f)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("no size given")
	}
	return out, nil
}

// growthDSN returns the DSN of the database of engine d holding n dossiers: kept in
// dir when dir is set, else fresh and removed at cleanup. file is the SQLite file.
func growthDSN(tb testing.TB, d sqldb.Dialect, n int, dir string) (dsn, file string) {
	tb.Helper()
	if d == sqldb.SQLite {
		if dir == "" {
			dir = tb.TempDir()
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		file = filepath.Join(dir, fmt.Sprintf("growth-sqlite-%d.db", n))
		return file, file
	}
	if dir == "" {
		return sqldbtest.DSN(tb, d), ""
	}
	base := os.Getenv(sqldbtest.PostgresEnv)
	if base == "" {
		tb.Skipf("%s not set", sqldbtest.PostgresEnv)
	}
	schema := fmt.Sprintf("bench_growth_%d", n)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("postgres: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA IF NOT EXISTS ` + schema); err != nil {
		tb.Fatalf("postgres: create schema %s: %v", schema, err)
	}
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("postgres dsn: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), ""
}

// openGrowthDB opens (building it when empty) the database of engine d with n demo
// dossiers over max(1, ⌈n/perYear⌉) years ending at growthNow.
func openGrowthDB(tb testing.TB, d sqldb.Dialect, n int, dir string) *growthDB {
	tb.Helper()
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "bench", Role: motcua.RoleAdmin})
	g := &growthDB{engine: d, size: n}
	g.dsn, g.file = growthDSN(tb, d, n, dir)
	db, err := sqldb.Open(ctx, g.dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { db.Close() })
	g.db = db
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s: %v", d, err)
	}
	perYear := max(1, *growthPerYear)
	g.years = max(1, (n+perYear-1)/perYear)
	empty, err := seed.Empty(ctx, db)
	if err != nil {
		tb.Fatal(err)
	}
	if !empty {
		var built int
		if err := db.QueryRowContext(ctx, `SELECT dossiers FROM `+growthMarker).Scan(&built); err != nil {
			tb.Fatalf("%s: the kept database %s holds data but no completed growth build (%v): remove it and run again", d, g.dsn, err)
		}
		if built != n {
			tb.Fatalf("%s: the kept database %s was built with %d dossiers, not %d", d, g.dsn, built, n)
		}
		g.reused = true
	} else if err := g.load(ctx, tb, perYear); err != nil {
		tb.Fatalf("%s: build %d dossiers: %v", d, n, err)
	}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&g.stored); err != nil {
		tb.Fatal(err)
	}
	// the department that resolves the most of the built dossiers (received elsewhere;
	// the months up to growthNow, so that earlier runs' intakes do not change it)
	if err := db.QueryRowContext(ctx, `SELECT unit FROM rollup_month WHERE unit <> recv_unit AND period <= $1
		GROUP BY unit ORDER BY SUM(received) DESC, unit LIMIT 1`, growthNow.Year()*100+int(growthNow.Month())).Scan(&g.dept); err != nil {
		tb.Fatalf("busiest department: %v", err)
	}
	return g
}

// load seeds the demo province and the dossiers, year by year going back from
// growthNow, then marks the build complete.
func (g *growthDB) load(ctx context.Context, tb testing.TB, perYear int) error {
	start := time.Now()
	data, err := seed.Demo(ctx, g.db, seed.DefaultSeed, nil)
	if err != nil {
		return fmt.Errorf("seed demo: %w", err)
	}
	var gen time.Duration
	for y := 0; y < g.years; y++ {
		size := min(perYear, g.size-y*perYear)
		t0 := time.Now()
		streams, err := seed.DemoDossiersOver(data, seed.DefaultSeed+int64(y), growthNow.AddDate(-y, 0, 0), size, 365)
		if err != nil {
			return fmt.Errorf("generate year %d: %w", y+1, err)
		}
		gen += time.Since(t0)
		if err := g.db.BulkLoadDossiers(ctx, streams, nil); err != nil {
			return fmt.Errorf("load year %d: %w", y+1, err)
		}
		if g.years > 1 {
			tb.Logf("%s %d: year %d/%d loaded, %s so far", g.engine, g.size, y+1, g.years, time.Since(start).Round(time.Second))
		}
	}
	if g.engine == sqldb.Postgres {
		// what autovacuum does soon after a bulk load; the application never runs
		// ANALYZE on SQLite, so neither does the benchmark
		if err := g.vacuumSchema(ctx); err != nil {
			return err
		}
	}
	g.build = time.Since(start)
	if _, err := g.db.ExecContext(ctx, `CREATE TABLE `+growthMarker+` (dossiers INTEGER NOT NULL, seconds INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("marker: %w", err)
	}
	if _, err := g.db.ExecContext(ctx, `INSERT INTO `+growthMarker+` (dossiers, seconds) VALUES ($1, $2)`, g.size, int(g.build.Seconds())); err != nil {
		return fmt.Errorf("marker: %w", err)
	}
	tb.Logf("%s: %d demo dossiers over %d year(s): generated in %s, built in %s", g.engine, g.size, g.years,
		gen.Round(time.Second), g.build.Round(time.Second))
	return nil
}

// vacuumSchema runs VACUUM ANALYZE on every table of the PostgreSQL schema (a bare
// VACUUM would visit every schema of the database, other runs' included).
func (g *growthDB) vacuumSchema(ctx context.Context) error {
	var tables []string
	if err := (&pagesEnv{db: g.db}).query(ctx, &tables, `SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`); err != nil {
		return fmt.Errorf("list tables: %w", err)
	}
	for _, t := range tables {
		if _, err := g.db.ExecContext(ctx, `VACUUM ANALYZE `+t); err != nil {
			return fmt.Errorf("vacuum analyze %s: %w", t, err)
		}
	}
	return nil
}

// diskSize is the database's size on disk: the SQLite file with its WAL, or every
// relation of the PostgreSQL schema with its indexes and TOAST.
func (g *growthDB) diskSize(ctx context.Context) (int64, error) {
	if g.engine == sqldb.SQLite {
		var total int64
		for _, f := range []string{g.file, g.file + "-wal"} {
			st, err := os.Stat(f)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return 0, err
			}
			total += st.Size()
		}
		return total, nil
	}
	var total int64
	err := g.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')`).Scan(&total)
	return total, err
}

// sampleCodes draws k codes uniformly from every stored dossier (reservoir sampling
// over one scan of the codes, seeded so that runs look up the same dossiers).
func (g *growthDB) sampleCodes(ctx context.Context, k int) ([]string, error) {
	rows, err := g.db.QueryContext(ctx, `SELECT code FROM dossiers`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	rng := rand.New(rand.NewPCG(uint64(seed.DefaultSeed), uint64(g.size)))
	out := make([]string, 0, k)
	for i := 0; rows.Next(); i++ {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		if len(out) < k {
			out = append(out, c)
		} else if j := rng.IntN(i + 1); j < k {
			out[j] = c
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if len(out) == 0 {
		return nil, errors.New("no dossier stored")
	}
	return out, nil
}

// serve starts web.New over the database on a loopback server (rate limits lifted)
// and logs in the intake workload's users, as newEnv does on a fresh database.
func (g *growthDB) serve(tb testing.TB) *env {
	tb.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := web.New(g.db, tb.TempDir(), log)
	if err != nil {
		tb.Fatal(err)
	}
	srv.SetRateLimits(1_000_000, 1_000_000_000)
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, IdleConnTimeout: time.Minute}
	tb.Cleanup(tr.CloseIdleConnections)
	e := &env{engine: g.engine, db: g.db, srv: srv, ts: ts, client: &http.Client{Transport: tr, Timeout: time.Minute}, tokens: map[string]string{}}
	if err := e.pickLifecycle(ctx); err != nil {
		tb.Fatal(err)
	}
	for _, u := range []string{e.receptionist, e.leader, e.processor} {
		tok, err := e.login(u)
		if err != nil {
			tb.Fatal(err)
		}
		e.tokens[u] = tok
	}
	// every kept run adds intakes: start the applicant counter past the stored count
	e.n.Store(int64(g.stored))
	return e
}

// growthRow is what one size measured.
type growthRow struct {
	g                  *growthDB
	loadStart, loadAt  string
	intake, lookup     result
	yearTime, deptTime time.Duration
	yearQ, deptQ       report.Query
	received           [2]int // dossiers the two reports count as received
}

// measure runs the workloads on one database.
func measureGrowth(tb testing.TB, g *growthDB, d time.Duration) (*growthRow, error) {
	ctx := context.Background()
	row := &growthRow{g: g, loadStart: loadavg()}
	var err error
	if g.sizeOnD, err = g.diskSize(ctx); err != nil {
		return nil, fmt.Errorf("size on disk: %w", err)
	}
	codes, err := g.sampleCodes(ctx, 5000)
	if err != nil {
		return nil, fmt.Errorf("sample codes: %w", err)
	}
	e := g.serve(tb)
	// lookups first: the sampled codes are all from the build, none from the intakes;
	// the clients take the shuffled codes in turn
	var next atomic.Int64
	row.lookup = run(clients(), 0, d, func() error {
		code := codes[int(next.Add(1))%len(codes)]
		var out struct {
			Code string `json:"code"`
		}
		if err := e.get(e.ts.URL+"/api/v1/public/dossiers/"+code, &out); err != nil {
			return err
		}
		if out.Code != code {
			return fmt.Errorf("lookup %s answered %q", code, out.Code)
		}
		return nil
	})
	row.intake = e.intake(0, d)
	to := calendar.DateOf(growthNow)
	row.yearQ = report.Query{From: to.AddDays(-364), To: to, GroupBy: report.ByUnit}
	row.deptQ = report.Query{From: to.AddDays(-91), To: to, Unit: g.dept, GroupBy: report.ByNone}
	for k, q := range []report.Query{row.yearQ, row.deptQ} {
		var sum *report.Summary
		t, err := median(min(2*time.Second, d), func() error {
			var err error
			sum, err = g.db.ReportSummary(ctx, q)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("report %+v: %w", q, err)
		}
		row.received[k] = int(sum.Total.Received)
		if k == 0 {
			row.yearTime = t
		} else {
			row.deptTime = t
		}
	}
	row.loadAt = loadavg()
	return row, nil
}

// growthEnginesToRun are the configured engines, narrowed by -growth-engines.
func growthEnginesToRun() ([]sqldb.Dialect, error) {
	all := sqldbtest.Engines()
	if strings.TrimSpace(*growthEngines) == "" {
		return all, nil
	}
	var out []sqldb.Dialect
	for _, f := range strings.Split(*growthEngines, ",") {
		d := sqldb.Dialect(strings.TrimSpace(f))
		if !slices.Contains(all, d) {
			return nil, fmt.Errorf("engine %q is not configured (configured: %v)", d, all)
		}
		out = append(out, d)
	}
	return out, nil
}

// growthStats are the medians of one size's rounds.
type growthStats struct {
	g                                *growthDB
	rounds                           int
	intakeRate, intakeP50, intakeP99 float64 // per s, ms
	lookupRate, lookupP50, lookupP99 float64
	yearTime, deptTime               float64
	last                             *growthRow
	loadFirst, loadLast              string
	notes                            []string
}

// medianOf is the median of xs (the lower middle of an even count).
func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[(len(xs)-1)/2]
}

// summarize takes the median of every measure over the rounds of one size: the
// rounds of all sizes are interleaved, so a change of the machine's load during the
// run hits every size alike.
func summarize(rounds []*growthRow) growthStats {
	st := growthStats{g: rounds[0].g, rounds: len(rounds), last: rounds[len(rounds)-1],
		loadFirst: rounds[0].loadStart, loadLast: rounds[len(rounds)-1].loadAt}
	pick := func(f func(r *growthRow) float64) float64 {
		var xs []float64
		for _, r := range rounds {
			xs = append(xs, f(r))
		}
		return medianOf(xs)
	}
	st.intakeRate = pick(func(r *growthRow) float64 { return r.intake.rate() })
	st.intakeP50 = pick(func(r *growthRow) float64 { return ms(r.intake.pct(50)) })
	st.intakeP99 = pick(func(r *growthRow) float64 { return ms(r.intake.pct(99)) })
	st.lookupRate = pick(func(r *growthRow) float64 { return r.lookup.rate() })
	st.lookupP50 = pick(func(r *growthRow) float64 { return ms(r.lookup.pct(50)) })
	st.lookupP99 = pick(func(r *growthRow) float64 { return ms(r.lookup.pct(99)) })
	st.yearTime = pick(func(r *growthRow) float64 { return ms(r.yearTime) })
	st.deptTime = pick(func(r *growthRow) float64 { return ms(r.deptTime) })
	for k, r := range rounds {
		for _, x := range []struct {
			what string
			res  result
		}{{"intake", r.intake}, {"lookup", r.lookup}} {
			if x.res.errs > 0 {
				st.notes = append(st.notes, fmt.Sprintf("round %d %s: %v", k+1, x.what, x.res.err()))
			}
		}
	}
	return st
}

// growthTable renders the sizes of one engine as Markdown (each the medians of its
// rounds), every measure with its growth factor against the first (smallest) size:
// for rates the share kept (×0.5 = half the rate), for times and sizes the multiple.
func growthTable(engine sqldb.Dialect, sizes [][]*growthRow) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| engine | dossiers (stored at start) | years | database | size on disk | rounds | intake /s | intake p99 ms | lookup /s | lookup p99 ms | report: year by unit, ms | report: dept quarter, ms | load avg first → last round |\n")
	fmt.Fprintf(&b, "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	var stats []growthStats
	for _, rounds := range sizes {
		if len(rounds) > 0 {
			stats = append(stats, summarize(rounds))
		}
	}
	if len(stats) == 0 {
		return b.String()
	}
	s0 := stats[0]
	factor := func(v, v0 float64) string {
		if v0 <= 0 {
			return ""
		}
		return fmt.Sprintf(" (×%.2g)", v/v0)
	}
	mb := func(st growthStats) float64 { return float64(st.g.sizeOnD) / (1 << 20) }
	for _, st := range stats {
		built := "kept"
		if !st.g.reused {
			built = "built in " + st.g.build.Round(time.Second).String()
		}
		fmt.Fprintf(&b, "| %s | %d (%d) | %d | %s | %.0f MB%s | %d | %.0f%s | %.1f%s | %.0f%s | %.1f%s | %.2f%s | %.2f%s | %s → %s |\n",
			engine, st.g.size, st.g.stored, st.g.years, built,
			mb(st), factor(mb(st), mb(s0)), st.rounds,
			st.intakeRate, factor(st.intakeRate, s0.intakeRate),
			st.intakeP99, factor(st.intakeP99, s0.intakeP99),
			st.lookupRate, factor(st.lookupRate, s0.lookupRate),
			st.lookupP99, factor(st.lookupP99, s0.lookupP99),
			st.yearTime, factor(st.yearTime, s0.yearTime),
			st.deptTime, factor(st.deptTime, s0.deptTime),
			st.loadFirst, st.loadLast)
	}
	b.WriteString("\n")
	for _, st := range stats {
		r := st.last
		fmt.Fprintf(&b, "- %s %d: intake p50 %.1f ms, lookup p50 %.1f ms; the year report (%s … %s) counts %d received, the quarter of %s %d\n",
			engine, st.g.size, st.intakeP50, st.lookupP50, r.yearQ.From, r.yearQ.To, r.received[0], r.deptQ.Unit, r.received[1])
		for _, n := range st.notes {
			fmt.Fprintf(&b, "- %s %d %s\n", engine, st.g.size, n)
		}
	}
	return b.String()
}

// TestGrowth builds (or reuses, with -growth-db-dir) a database per size of
// -growth-sizes on every engine, measures every size -growth-rounds times in turn
// and prints the cost-growth tables. It is skipped without -growth.
func TestGrowth(t *testing.T) {
	if !*growthFlag {
		t.Skip("run with -growth")
	}
	sizes, err := parseSizes(*growthSizes)
	if err != nil {
		t.Fatal(err)
	}
	engines, err := growthEnginesToRun()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "Measured %s on %s: %s/%s, %d CPUs, GOMAXPROCS %d, %s; %d round(s) of every size in turn, intake and lookup %s each with %d clients over loopback, medians over the rounds; load average at start %s.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), host, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0),
		runtime.Version(), max(1, *growthRounds), *growthDuration, clients(), loadavg())
	for _, d := range engines {
		t.Run(string(d), func(t *testing.T) {
			var dbs []*growthDB
			for _, n := range sizes {
				dbs = append(dbs, openGrowthDB(t, d, n, *growthDBDir))
			}
			rows := make([][]*growthRow, len(dbs))
			for round := range max(1, *growthRounds) {
				for i, g := range dbs {
					row, err := measureGrowth(t, g, *growthDuration)
					if err != nil {
						t.Fatalf("%s %d: %v", d, g.size, err)
					}
					t.Logf("%s %d round %d: intake %.0f/s p99 %.1f ms, lookup %.0f/s p99 %.1f ms, reports %.2f / %.2f ms, %.0f MB",
						d, g.size, round+1, row.intake.rate(), ms(row.intake.pct(99)), row.lookup.rate(), ms(row.lookup.pct(99)),
						ms(row.yearTime), ms(row.deptTime), float64(g.sizeOnD)/(1<<20))
					rows[i] = append(rows[i], row)
				}
			}
			b.WriteString(growthTable(d, rows))
			b.WriteString("\n")
		})
	}
	fmt.Fprintf(&b, "Load average at end %s.\n", loadavg())
	fmt.Println("\n" + b.String())
	if *growthOut != "" {
		if err := os.WriteFile(*growthOut, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGrowthSmoke builds a tiny database on every engine, runs the growth workload on
// it twice as if it were two sizes and checks that every measure was taken and the
// table shows both rows.
func TestGrowthSmoke(t *testing.T) {
	if raceEnabled {
		t.Skip("harness smoke test: run without -race (see race_on_test.go)")
	}
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			const n = 200
			g := openGrowthDB(t, d, n, "")
			if g.stored != n || g.reused || g.years != 1 {
				t.Fatalf("built %d dossiers over %d years (reused %v), want %d over 1", g.stored, g.years, g.reused, n)
			}
			var rows [][]*growthRow
			for range 2 {
				row, err := measureGrowth(t, g, 100*time.Millisecond)
				if err != nil {
					t.Fatal(err)
				}
				if err := row.intake.err(); err != nil {
					t.Error(err)
				}
				if err := row.lookup.err(); err != nil {
					t.Error(err)
				}
				if row.intake.ops == 0 || row.lookup.ops == 0 || row.yearTime <= 0 || row.deptTime <= 0 || g.sizeOnD <= 0 {
					t.Errorf("a measure is missing: intake %d, lookup %d, reports %s %s, size %d", row.intake.ops, row.lookup.ops, row.yearTime, row.deptTime, g.sizeOnD)
				}
				if row.received[0] == 0 || row.received[1] == 0 {
					t.Errorf("the reports count nothing received: %v", row.received)
				}
				rows = append(rows, []*growthRow{row})
			}
			tab := growthTable(d, rows)
			if strings.Count(tab, "\n| "+string(d)+" | ") != 2 || !strings.Contains(tab, "(×1)") {
				t.Errorf("table:\n%s", tab)
			}
		})
	}
}

// TestMedianOf checks the median the growth table reports.
func TestMedianOf(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2},
	} {
		if got := medianOf(tc.in); got != tc.want {
			t.Errorf("medianOf(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// TestParseSizes checks the -growth-sizes syntax.
func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
		bad  bool
	}{
		{in: "10000,100000", want: []int{10000, 100000}},
		{in: " 10_000 , 1000000,", want: []int{10000, 1000000}},
		{in: "", bad: true},
		{in: "10k", bad: true},
		{in: "0", bad: true},
	} {
		got, err := parseSizes(tc.in)
		if (err != nil) != tc.bad || fmt.Sprint(got) != fmt.Sprint(tc.want) && !tc.bad {
			t.Errorf("parseSizes(%q) = %v, %v", tc.in, got, err)
		}
	}
}
