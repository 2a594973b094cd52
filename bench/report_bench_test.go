package bench

import (
	"context"
	"flag"
	"fmt"
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
// demo province and -rollup-dossiers demo dossiers (seed.DemoDossiers in chunks of one
// year each, going back a year per chunk, stored with ImportDossiers, which maintains
// the rollups), then the same figures two ways:
//
//   - report: sqldb.ReportSummary from the rollups (report_months for whole months,
//     report_days for the rest);
//   - baseline: one raw GROUP BY scan of the dossiers table with conditional sums
//     (received, resolved by outcome, hours ahead, pending at the end) — what a
//     report costs without rollups.
//
// Two queries: every dossier's period grouped by unit, and one department over a
// quarter. ratio = baseline time ÷ report time, both measured in the same run.
//
//	go test ./bench -count=1 -run '^$' -bench ReportRollup -rollup-dossiers 200000 -timeout 2h
//	go test ./bench -count=1 -run '^$' -bench ReportRollup -rollup-db /tmp/rollup.db   # keep the SQLite file
var (
	rollupDossiers = flag.Int("rollup-dossiers", 20_000, "BenchmarkReportRollup: demo dossiers in the database (any size; one year of dossiers per 50 000)")
	rollupDB       = flag.String("rollup-db", "", "BenchmarkReportRollup: SQLite file to keep between runs (seeded when empty)")
)

// rollupChunk is how many dossiers one simulated year holds.
const rollupChunk = 50_000

type rollupEnv struct {
	db       *sqldb.DB
	dossiers int
	from, to calendar.Date
	dept     string // the department with the most dossiers
}

func newRollupEnv(tb testing.TB, d sqldb.Dialect, n int, keep string) *rollupEnv {
	tb.Helper()
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "bench", Role: motcua.RoleAdmin})
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
		tb.Fatal(err)
	}
	// A fixed "now" keeps a kept file's data window stable between runs.
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
	years := max(1, (n+rollupChunk-1)/rollupChunk)
	if empty, err := seed.Empty(ctx, db); err != nil {
		tb.Fatal(err)
	} else if empty {
		data, err := seed.Demo(ctx, db, seed.DefaultSeed, nil)
		if err != nil {
			tb.Fatal(err)
		}
		start := time.Now()
		for y := 0; y < years; y++ {
			size := min(rollupChunk, n-y*rollupChunk)
			if n < rollupChunk {
				size = n
			}
			streams, err := seed.DemoDossiers(data, seed.DefaultSeed+int64(y), now.AddDate(-y, 0, 0), size)
			if err != nil {
				tb.Fatal(err)
			}
			if err := db.ImportDossiers(ctx, streams, nil); err != nil {
				tb.Fatalf("import %s: %v", d, err)
			}
		}
		tb.Logf("%s: %d demo dossiers over %d year(s) generated and imported in %s", d, n, years, time.Since(start).Round(time.Second))
		if d == sqldb.Postgres {
			if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
				tb.Fatal(err)
			}
		}
	}
	e := &rollupEnv{db: db, from: calendar.DateOf(now.AddDate(-years, 0, 0)), to: calendar.DateOf(now)}
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&e.dossiers); err != nil {
		tb.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT unit FROM report_days WHERE metric = 'received' AND unit <> recv_unit
		GROUP BY unit ORDER BY SUM(value) DESC, unit LIMIT 1`).Scan(&e.dept); err != nil {
		tb.Fatal(err)
	}
	return e
}

// scanTotals are the figures the baseline scan computes.
type scanTotals struct {
	received, early, onTime, late, ahead, pending int64
}

// scan is the baseline: the figures of [from, to] (ICT days) straight from the dossiers
// table, one GROUP BY over every row (or the rows of unit, by its index).
func (e *rollupEnv) scan(ctx context.Context, from, to calendar.Date, unit string) (scanTotals, error) {
	lo, hi := from.Time().UTC(), to.AddDays(1).Time().UTC()
	q := `SELECT unit_code, channel,
		SUM(CASE WHEN received_at >= $1 AND received_at < $2 THEN 1 ELSE 0 END),
		SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND outcome = 'early' THEN 1 ELSE 0 END),
		SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND outcome = 'on_time' THEN 1 ELSE 0 END),
		SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND outcome = 'late' THEN 1 ELSE 0 END),
		SUM(CASE WHEN completed_at >= $1 AND completed_at < $2 AND outcome <> 'late' AND ahead_minutes > 0 THEN ahead_minutes ELSE 0 END),
		SUM(CASE WHEN received_at < $2 AND (COALESCE(completed_at, closed_at) IS NULL OR COALESCE(completed_at, closed_at) >= $2) THEN 1 ELSE 0 END)
		FROM dossiers`
	args := []any{lo, hi}
	if unit != "" {
		// the resolving unit is the first processing step's: the dossier passed through it
		q += ` WHERE code IN (SELECT dossier_code FROM dossier_steps WHERE unit_code = $3 AND phase = 'processing')`
		args = append(args, unit)
	}
	q += ` GROUP BY unit_code, channel`
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
	name     string
	from, to calendar.Date
	unit     string
	groupBy  report.GroupBy
}

func (e *rollupEnv) cases() []rollupCase {
	q := e.to.AddDays(-91)
	return []rollupCase{
		{"all-by-unit", e.from, e.to, "", report.ByUnit},
		{"dept-quarter", q, e.to, e.dept, report.ByNone},
	}
}

func (e *rollupEnv) report(ctx context.Context, c rollupCase) (*report.Summary, error) {
	return e.db.ReportSummary(ctx, report.Query{From: c.from, To: c.to, Unit: c.unit, GroupBy: c.groupBy})
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
// 100 at 10 M dossiers), per engine and query.
func BenchmarkReportRollup(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		e := newRollupEnv(b, d, *rollupDossiers, *rollupDB)
		for _, c := range e.cases() {
			var base time.Duration
			var err error
			if base, err = median(*baselineDuration, func() error { _, err := e.scan(b.Context(), c.from, c.to, c.unit); return err }); err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/%s", d, c.name), func(b *testing.B) {
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
	}
}

// TestReportRollupSmoke runs the workload once on a small database of every engine
// and checks that the rollups and the raw scan agree on the figures both compute.
func TestReportRollupSmoke(t *testing.T) {
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			e := newRollupEnv(t, d, 400, "")
			for _, c := range e.cases() {
				sum, err := e.report(t.Context(), c)
				if err != nil {
					t.Fatal(err)
				}
				got, err := e.scan(t.Context(), c.from, c.to, c.unit)
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
