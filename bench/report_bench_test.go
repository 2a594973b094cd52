package bench

import (
	"context"
	"flag"
	"sort"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// The period-report workload (perf.md: "period report over 10 M dossiers (any unit,
// any date range): baseline GROUP BY time ÷ report time ≥ 100"): a database with the
// demo province and -rollup-dossiers demo dossiers (seed.DemoDossiers in chunks of
// -rollup-per-year each, going back a year per chunk, stored with
// sqldb.BulkLoadDossiers, which writes the same rows and rollups as ImportDossiers),
// then the same figures two ways:
//
//   - report: sqldb.ReportSummary from the rollups (the years, months and days that
//     tile the period and every day before it);
//   - baseline: one raw GROUP BY scan of the dossiers table with conditional sums
//     (received, resolved by outcome, hours ahead, pending at the end) and the same
//     filter and grouping — what a report costs without rollups.
//
// The query shapes (cases): the whole history grouped by unit, the province over the
// last 365 days grouped by unit, one department over a quarter, a range of partial
// months, one procedure over the last 365 days, and the last 365 days grouped by
// field. ratio = baseline time ÷ report time, both measured in the same run.
//
//	go test ./bench -count=1 -run '^$' -bench ReportRollup -rollup-dossiers 1000000 -timeout 4h
//	go test ./bench -count=1 -run '^$' -bench ReportRollup -rollup-db /tmp/rollup.db   # keep the SQLite file
//	go test ./bench -count=1 -run '^$' -bench ReportRollup/postgres -rollup-pg-dsn 'postgres://…&search_path=bench_growth_1000000'  # a kept schema
var (
	rollupDossiers = flag.Int("rollup-dossiers", 20_000, "BenchmarkReportRollup: demo dossiers in the database")
	rollupPerYear  = flag.Int("rollup-per-year", 50_000, "BenchmarkReportRollup: demo dossiers per simulated year")
	rollupDB       = flag.String("rollup-db", "", "BenchmarkReportRollup: SQLite file to keep between runs (seeded when empty)")
	rollupPGDSN    = flag.String("rollup-pg-dsn", "", "BenchmarkReportRollup: PostgreSQL DSN to use instead of a new schema (seeded when empty; e.g. a growth database: ...&search_path=bench_growth_1000000)")
)

type rollupEnv struct {
	db       *sqldb.DB
	dossiers int
	from, to calendar.Date
	dept     string // the department with the most dossiers
	proc     string // the procedure with the most dossiers
}

func newRollupEnv(tb testing.TB, d sqldb.Dialect, n int, keep string) *rollupEnv {
	tb.Helper()
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "bench", Role: motcua.RoleAdmin})
	dsn := keep
	switch {
	case d == sqldb.Postgres && *rollupPGDSN != "":
		dsn = *rollupPGDSN
	case d != sqldb.SQLite || keep == "":
		dsn = sqldbtest.DSN(tb, d)
	}
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	// A fixed "now" keeps a kept file's data window stable between runs.
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
	perYear := max(1, *rollupPerYear)
	years := max(1, (n+perYear-1)/perYear)
	if empty, err := seed.Empty(ctx, db); err != nil {
		tb.Fatal(err)
	} else if empty {
		data, err := seed.Demo(ctx, db, seed.DefaultSeed, nil)
		if err != nil {
			tb.Fatal(err)
		}
		start := time.Now()
		var gen time.Duration
		for y := 0; y < years; y++ {
			size := min(perYear, n-y*perYear)
			t0 := time.Now()
			streams, err := seed.DemoDossiersOver(data, seed.DefaultSeed+int64(y), now.AddDate(-y, 0, 0), size, 365)
			if err != nil {
				tb.Fatal(err)
			}
			gen += time.Since(t0)
			if err := db.BulkLoadDossiers(ctx, streams, nil); err != nil {
				tb.Fatalf("load %s: %v", d, err)
			}
		}
		tb.Logf("%s: %d demo dossiers over %d year(s) generated in %s, loaded in %s", d, n, years,
			gen.Round(time.Second), (time.Since(start) - gen).Round(time.Second))
		if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
			tb.Fatal(err)
		}
	}
	e := &rollupEnv{db: db, from: calendar.DateOf(now.AddDate(-years, 0, 0)), to: calendar.DateOf(now)}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&e.dossiers); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT unit FROM rollup_year WHERE unit <> recv_unit
		GROUP BY unit ORDER BY SUM(received) DESC, unit LIMIT 1`).Scan(&e.dept); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT procedure_code FROM rollup_year_proc
		GROUP BY procedure_code ORDER BY SUM(received) DESC, procedure_code LIMIT 1`).Scan(&e.proc); err != nil {
		tb.Fatal(err)
	}
	return e
}

// scanTotals are the figures the baseline scan computes.
type scanTotals struct {
	received, early, onTime, late, ahead, pending int64
}

// scan is the baseline: the figures of c straight from the dossiers table, one GROUP
// BY over every row (or the rows an index finds for c's unit or procedure), grouped as
// c asks; it returns the totals over the groups.
func (e *rollupEnv) scan(ctx context.Context, c rollupCase) (scanTotals, error) {
	lo, hi := c.from.Time().UTC(), c.to.AddDays(1).Time().UTC()
	group := "d.unit_code"
	switch c.groupBy {
	case report.ByField:
		group = "p.field_code"
	case report.ByProcedure:
		group = "d.procedure_code"
	}
	q := `SELECT ` + group + `, d.channel,
		SUM(CASE WHEN d.received_at >= $1 AND d.received_at < $2 THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.completed_at >= $1 AND d.completed_at < $2 AND d.outcome = 'early' THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.completed_at >= $1 AND d.completed_at < $2 AND d.outcome = 'on_time' THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.completed_at >= $1 AND d.completed_at < $2 AND d.outcome = 'late' THEN 1 ELSE 0 END),
		SUM(CASE WHEN d.completed_at >= $1 AND d.completed_at < $2 AND d.outcome <> 'late' AND d.ahead_minutes > 0 THEN d.ahead_minutes ELSE 0 END),
		SUM(CASE WHEN d.received_at < $2 AND (COALESCE(d.completed_at, d.closed_at) IS NULL OR COALESCE(d.completed_at, d.closed_at) >= $2) THEN 1 ELSE 0 END)
		FROM dossiers d`
	if c.groupBy == report.ByField {
		q += ` JOIN procedures p ON p.code = d.procedure_code`
	}
	args := []any{lo, hi}
	switch {
	case c.unit != "":
		// the resolving unit is the first processing step's: the dossier passed through it
		q += ` WHERE d.code IN (SELECT dossier_code FROM dossier_steps WHERE unit_code = $3 AND phase = 'processing')`
		args = append(args, c.unit)
	case c.procedure != "":
		q += ` WHERE d.procedure_code = $3`
		args = append(args, c.procedure)
	}
	q += ` GROUP BY ` + group + `, d.channel`
	rows, err := e.db.QueryContext(ctx, q, args...)
	if err != nil {
		return scanTotals{}, err
	}
	defer rows.Close()
	var t scanTotals
	for rows.Next() {
		var u, ch string
		var r, ea, on, la, ah, pe int64
		if err := rows.Scan(&u, &ch, &r, &ea, &on, &la, &ah, &pe); err != nil {
			return t, err
		}
		t.received, t.early, t.onTime, t.late, t.ahead, t.pending = t.received+r, t.early+ea, t.onTime+on, t.late+la, t.ahead+ah, t.pending+pe
	}
	return t, rows.Err()
}

// rollupCase is one query of the workload.
type rollupCase struct {
	name      string
	from, to  calendar.Date
	unit      string
	procedure string
	groupBy   report.GroupBy
}

func (e *rollupEnv) cases() []rollupCase {
	year := e.to.AddDays(-364)
	pm := calendar.D(e.to.Year, e.to.Month, 7).AddDays(-62) // the 7th or so of the month before last
	return []rollupCase{
		{name: "all-by-unit", from: e.from, to: e.to, groupBy: report.ByUnit},
		{name: "year-by-unit", from: year, to: e.to, groupBy: report.ByUnit},
		{name: "dept-quarter", from: e.to.AddDays(-91), to: e.to, unit: e.dept, groupBy: report.ByNone},
		{name: "partial-months", from: pm, to: pm.AddDays(45), groupBy: report.ByChannel},
		{name: "procedure-year", from: year, to: e.to, procedure: e.proc, groupBy: report.ByNone},
		{name: "year-by-field", from: year, to: e.to, groupBy: report.ByField},
	}
}

func (e *rollupEnv) report(ctx context.Context, c rollupCase) (*report.Summary, error) {
	return e.db.ReportSummary(ctx, report.Query{From: c.from, To: c.to, Unit: c.unit, Procedure: c.procedure, GroupBy: c.groupBy})
}

// median times fn over at least 3 runs and at least dur.
func median(dur time.Duration, fn func() error) (time.Duration, error) {
	var ts []time.Duration
	start := time.Now()
	for len(ts) < 3 || time.Since(start) < dur {
		t0 := time.Now()
		if err := fn(); err != nil {
			return 0, err
		}
		ts = append(ts, time.Since(t0))
		if len(ts) >= 1000 {
			break
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts[len(ts)/2], nil
}

// BenchmarkReportRollup: ratio = baseline GROUP BY scan time ÷ report time (target ≥
// 100 at 10 M dossiers), per engine and query; -bench 'ReportRollup/postgres' loads
// and measures one engine only.
func BenchmarkReportRollup(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		b.Run(string(d), func(b *testing.B) {
			e := newRollupEnv(b, d, *rollupDossiers, *rollupDB)
			for _, c := range e.cases() {
				base, err := median(*baselineDuration, func() error { _, err := e.scan(b.Context(), c); return err })
				if err != nil {
					b.Fatal(err)
				}
				b.Run(c.name, func(b *testing.B) {
					for b.Loop() {
						if _, err := e.report(b.Context(), c); err != nil {
							b.Fatal(err)
						}
					}
					per := b.Elapsed() / time.Duration(b.N)
					b.ReportMetric(float64(e.dossiers), "dossiers")
					b.ReportMetric(ms(per), "report-ms")
					b.ReportMetric(ms(base), "scan-ms")
					b.ReportMetric(float64(base)/float64(per), "ratio")
				})
			}
		})
	}
}

// TestReportRollupSmoke runs the workload once on a small database of every engine
// and checks that the rollups and the raw scan agree on the figures both compute.
func TestReportRollupSmoke(t *testing.T) {
	if raceEnabled {
		t.Skip("harness smoke test: run without -race (see race_on_test.go)")
	}
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			e := newRollupEnv(t, d, 400, "")
			for _, c := range e.cases() {
				sum, err := e.report(t.Context(), c)
				if err != nil {
					t.Fatal(err)
				}
				got, err := e.scan(t.Context(), c)
				if err != nil {
					t.Fatal(err)
				}
				f := sum.Total
				want := scanTotals{f.Received, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate, f.MinutesAhead, f.Pending}
				if c.unit == "" && got != want {
					t.Errorf("%s: rollups %+v, scan %+v", c.name, want, got)
				}
				if f.Received == 0 {
					t.Errorf("%s: nothing received", c.name)
				}
				t.Logf("%s %s: %d dossiers, received %d, resolved %d, pending %d", d, c.name, e.dossiers, f.Received, f.Resolved, f.Pending)
			}
		})
	}
}
