package sqldb_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// rollupTables are the stored rollup levels (migrations 0008 and 0010).
var rollupTables = []string{"rollup_day_proc", "rollup_day", "rollup_month_proc", "rollup_month", "rollup_year_proc", "rollup_year",
	"rollup_total_proc", "rollup_total", "rollup_day_field", "rollup_month_field", "rollup_year_field", "rollup_total_field"}

// rollupDimCol returns the procedure or field key column of a rollup table, "" for the
// tables with neither.
func rollupDimCol(table string) string {
	switch {
	case strings.HasSuffix(table, "_proc"):
		return "procedure_code"
	case strings.HasSuffix(table, "_field"):
		return "field_code"
	}
	return ""
}

// twoDemoYears stores the demo catalogue and two demo years of dossiers (ending
// 2026-03-10 and a year earlier) with ImportDossiers, and returns the province.
func twoDemoYears(t *testing.T, db *sqldb.DB, perYear int) *demo.Data {
	t.Helper()
	d := demo.Province(seed.DefaultSeed)
	storeDemoCatalogue(t, db, d)
	now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
	for y := range 2 {
		streams, err := seed.DemoDossiersOver(d, int64(21+y), now.AddDate(-y, 0, 0), perYear, 365)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ImportDossiers(adminCtx(), streams, nil); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// TestReportColumns checks that every rollup table has one column per report.Metric,
// so that adding a metric without a migration fails here.
func TestReportColumns(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		for _, table := range rollupTables {
			rows, err := db.QueryContext(context.Background(), `SELECT * FROM `+table+` WHERE 1 = 0`)
			if err != nil {
				t.Fatal(err)
			}
			cols, err := rows.Columns()
			rows.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range report.Metrics {
				if !slices.Contains(cols, string(m)) {
					t.Errorf("%s has no column for metric %s", table, m)
				}
			}
			if want := len(report.Metrics) + 4 + btoi(rollupDimCol(table) != ""); len(cols) != want {
				t.Errorf("%s has %d columns, want %d: %v", table, len(cols), want, cols)
			}
		}
	})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// randomQuery returns a report query over cells' days with random filters and
// grouping; the ends are often the first or last day of a month or year.
func randomQuery(rng *rand.Rand, lo, hi calendar.Date, units, procs, fieldCodes []string) report.Query {
	day := func() calendar.Date {
		d := lo.AddDays(rng.IntN(hi.Sub(lo) + 1))
		switch rng.IntN(5) {
		case 0:
			d.Day = 1
		case 1:
			d = calendar.D(d.Year, 1, 1)
		case 2:
			d = calendar.D(d.Year, 12, 31)
		case 3:
			d = calendar.D(d.Year, d.Month, 28).AddDays(4)
			d = calendar.D(d.Year, d.Month, 1).AddDays(-1) // last of the month
		}
		return d
	}
	from, to := day(), day()
	if to.Before(from) {
		from, to = to, from
	}
	q := report.Query{From: from, To: to}
	groups := []report.GroupBy{report.ByNone, report.ByUnit, report.ByField, report.ByProcedure, report.ByChannel}
	q.GroupBy = groups[rng.IntN(len(groups))]
	switch rng.IntN(7) {
	case 0:
		q.Unit = units[rng.IntN(len(units))]
	case 1:
		q.RecvUnit = units[rng.IntN(len(units))]
	case 2:
		q.Procedure = procs[rng.IntN(len(procs))]
	case 3:
		q.Field = fieldCodes[rng.IntN(len(fieldCodes))]
	case 4:
		q.Channel = []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull, catalog.ChannelOnlinePartial, catalog.ChannelPost}[rng.IntN(4)]
	case 5:
		q.Unit, q.Channel = units[rng.IntN(len(units))], catalog.ChannelCounter
	}
	return q
}

// TestReportLevels checks every read path against the in-memory evaluation over two
// demo years: random queries (partial months, year boundaries, every filter and
// grouping) through ReportSummary, the ranking and ReportDaily; then that
// VerifyReports finds nothing, finds a cell tampered with at each level and a row
// removed, and that RebuildReports gives the same rollups.
func TestReportLevels(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		twoDemoYears(t, db, 300)
		cells := checkRollups(t, db)
		fields, err := db.ProcedureFields(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var lo, hi calendar.Date
		unitSet, procSet, fieldSet := map[string]bool{}, map[string]bool{}, map[string]bool{}
		for k := range cells {
			if lo == (calendar.Date{}) || k.Day.Before(lo) {
				lo = k.Day
			}
			if hi.Before(k.Day) {
				hi = k.Day
			}
			unitSet[k.Unit], unitSet[k.RecvUnit], procSet[k.Procedure], fieldSet[fields[k.Procedure]] = true, true, true, true
		}
		keys := func(m map[string]bool) []string {
			var out []string
			for k := range m {
				out = append(out, k)
			}
			slices.Sort(out)
			return out
		}
		units, procs, fieldCodes := keys(unitSet), keys(procSet), keys(fieldSet)
		rng := rand.New(rand.NewPCG(3, 5))
		lo, hi = lo.AddDays(-20), hi.AddDays(20)
		fixed := []report.Query{
			{From: calendar.D(2025, 1, 1), To: calendar.D(2025, 12, 31), GroupBy: report.ByUnit},      // one whole year
			{From: calendar.D(2024, 12, 31), To: calendar.D(2026, 1, 1), GroupBy: report.ByField},     // a year and two days
			{From: calendar.D(2025, 2, 3), To: calendar.D(2025, 2, 3), GroupBy: report.ByChannel},     // one day
			{From: calendar.D(2025, 3, 1), To: calendar.D(2026, 2, 28), Procedure: procs[0]},          // whole months over a year end
			{From: calendar.D(2025, 6, 15), To: calendar.D(2026, 3, 10), GroupBy: report.ByProcedure}, // partial months at both ends
			// The field levels: partial months, year boundaries, with other filters.
			{From: calendar.D(2025, 1, 4), To: calendar.D(2025, 2, 18), GroupBy: report.ByField},
			{From: calendar.D(2025, 12, 20), To: calendar.D(2026, 1, 12), GroupBy: report.ByField, Channel: catalog.ChannelCounter},
			{From: calendar.D(2025, 3, 11), To: calendar.D(2026, 3, 10), Field: fieldCodes[0], GroupBy: report.ByUnit},
			{From: calendar.D(2024, 11, 30), To: calendar.D(2025, 12, 31), Field: fieldCodes[len(fieldCodes)-1], GroupBy: report.ByChannel},
			{From: calendar.D(2025, 5, 2), To: calendar.D(2025, 5, 30), Field: fieldCodes[0], GroupBy: report.ByField, Unit: units[0]},
			{From: calendar.D(2025, 1, 1), To: calendar.D(2026, 2, 27), GroupBy: report.ByField, RecvUnit: units[len(units)-1]},
			{From: calendar.D(2025, 7, 1), To: calendar.D(2026, 1, 31), GroupBy: report.ByField, Procedure: procs[0]}, // field grouping read per procedure
			{From: calendar.D(2025, 8, 9), To: calendar.D(2025, 8, 9), Field: fieldCodes[0], GroupBy: report.ByProcedure},
		}
		for i := range 60 + len(fixed) {
			var q report.Query
			if i < len(fixed) {
				q = fixed[i]
			} else {
				q = randomQuery(rng, lo, hi, units, procs, fieldCodes)
			}
			got, err := db.ReportSummary(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(report.Summarize(cells, q, fields), got); diff != "" {
				t.Fatalf("%+v (-memory +stored):\n%s", q, diff)
			}
			ranks, err := db.ReportLateUnits(ctx, q.From, q.To, "")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(report.RankCells(cells, q.From, q.To), ranks); diff != "" {
				t.Fatalf("ranking %s–%s (-memory +stored):\n%s", q.From, q.To, diff)
			}
			daily, err := db.ReportDaily(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			want := map[calendar.Date]report.Totals{}
			for k, v := range cells {
				if k.Day.Before(q.From) || q.To.Before(k.Day) || !q.Matches(k, fields) {
					continue
				}
				if want[k.Day] == nil {
					want[k.Day] = report.Totals{}
				}
				want[k.Day][k.Metric] += v
			}
			for d, t := range want {
				for m, v := range t {
					if v == 0 {
						delete(t, m)
					}
				}
				if len(t) == 0 {
					delete(want, d)
				}
			}
			if diff := cmp.Diff(want, daily); diff != "" {
				t.Fatalf("daily %+v (-memory +stored):\n%s", q, diff)
			}
		}

		if diff, err := db.VerifyReports(ctx); err != nil || len(diff) != 0 {
			t.Fatalf("verify after import: %v %v", diff, err)
		}
		for _, table := range rollupTables {
			var period int
			var unit, recv, ch string
			if err := db.QueryRowContext(ctx, `SELECT period, unit, recv_unit, channel FROM `+table+` ORDER BY period DESC, unit, recv_unit, channel LIMIT 1`).Scan(&period, &unit, &recv, &ch); err != nil {
				t.Fatal(err)
			}
			where := ` WHERE period = $1 AND unit = $2 AND recv_unit = $3 AND channel = $4`
			if c := rollupDimCol(table); c != "" {
				where += ` AND ` + c + ` = (SELECT MIN(` + c + `) FROM ` + table + where + `)`
			}
			if _, err := db.ExecContext(ctx, `UPDATE `+table+` SET fees_paid = fees_paid + 7`+where, period, unit, recv, ch); err != nil {
				t.Fatal(err)
			}
			diff, err := db.VerifyReports(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(diff) != 1 {
				t.Fatalf("%s tampered: %d differences: %v", table, len(diff), diff)
			}
			for k, v := range diff {
				if k.Metric != report.Metric(table+".fees_paid") || v != 7 || k.Unit != unit || k.RecvUnit != recv || string(k.Channel) != ch {
					t.Errorf("%s tampered: difference %+v = %d", table, k, v)
				}
			}
			if _, err := db.ExecContext(ctx, `UPDATE `+table+` SET fees_paid = fees_paid - 7`+where, period, unit, recv, ch); err != nil {
				t.Fatal(err)
			}
		}
		// A row lost: every nonzero value of it is missing.
		if _, err := db.ExecContext(ctx, `DELETE FROM rollup_month WHERE period = 202501`); err != nil {
			t.Fatal(err)
		}
		diff, err := db.VerifyReports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var lost int64
		for k, v := range diff {
			if k.Metric == "rollup_month.received" {
				lost -= v
			}
			if v >= 0 || k.Day != calendar.D(2025, 1, 1) || k.Procedure != "" {
				t.Errorf("deleted row: difference %+v = %d", k, v)
			}
		}
		var received int64
		for k, v := range cells {
			if k.Metric == report.Received && k.Day.Year == 2025 && k.Day.Month == 1 {
				received += v
			}
		}
		if lost != received || received == 0 {
			t.Errorf("deleted row: %d received missing, want %d", lost, received)
		}
		if err := db.RebuildReports(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if diff, err := db.VerifyReports(ctx); err != nil || len(diff) != 0 {
			t.Fatalf("verify after rebuild: %v %v", diff, err)
		}
		checkRollups(t, db)
	})
}

// TestReportMigrationRebuild turns a migrated database with dossiers back into one
// before migration 0008 (the 0004 tables, 0008 not recorded), migrates it again and
// checks that the rollups were rebuilt from the event log; then that a rebuild left
// unfinished (report_state still holding its row) is finished by the next Migrate.
func TestReportMigrationRebuild(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		twoDemoYears(t, db, 150)
		ms, err := db.Migrations()
		if err != nil {
			t.Fatal(err)
		}
		var m0004 string
		for _, m := range ms {
			if m.Version == 4 {
				m0004 = m.SQL
			}
		}
		stmts := []string{`DELETE FROM schema_migrations WHERE version = 8`, `DROP TABLE report_state`}
		for _, table := range rollupTables {
			if !strings.HasSuffix(table, "_field") { // 0010's tables stay, emptied by the rebuild
				stmts = append(stmts, `DROP TABLE `+table)
			}
		}
		stmts = append(stmts, m0004)
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		n, err := db.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n < 1 {
			t.Fatalf("applied %d migrations", n)
		}
		days := checkRollups(t, db)
		if len(days) == 0 {
			t.Fatal("no rollups after the migration")
		}
		var pending int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_state`).Scan(&pending); err != nil || pending != 0 {
			t.Fatalf("report_state rows after the rebuild: %d %v", pending, err)
		}

		// An interrupted rebuild: the state row is there, a table half empty.
		for _, s := range []string{`INSERT INTO report_state (name, value) VALUES ('rebuild', 'interrupted')`, `DELETE FROM rollup_year WHERE period = 2025`} {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if diff, err := db.VerifyReports(ctx); err != nil || len(diff) == 0 {
			t.Fatalf("verify of the half-empty table: %d differences, %v", len(diff), err)
		}
		if n, err := db.Migrate(ctx); err != nil || n != 0 {
			t.Fatalf("migrate again: %d %v", n, err)
		}
		if diff, err := db.VerifyReports(ctx); err != nil || len(diff) != 0 {
			t.Fatalf("verify after the second migrate: %v %v", diff, err)
		}
		// A fresh database has no dossiers: 0008 asks for no rebuild.
		fresh := sqldbtest.Open(t, db.Dialect)
		if err := fresh.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_state`).Scan(&pending); err != nil || pending != 0 {
			t.Fatalf("fresh database: report_state rows %d %v", pending, err)
		}
	})
}
