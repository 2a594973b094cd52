package sqldb_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// fieldTables are the field-level rollups of migration 0010.
var fieldTables = []string{"rollup_day_field", "rollup_month_field", "rollup_year_field", "rollup_total_field"}

// dumpFieldTables returns the nonzero rows of every field level, in key order.
func dumpFieldTables(t *testing.T, db *sqldb.DB) map[string][]string {
	t.Helper()
	var nonZero []string
	for _, m := range report.Metrics {
		nonZero = append(nonZero, string(m)+" <> 0")
	}
	out := map[string][]string{}
	for _, table := range fieldTables {
		out[table] = dumpTable(t, db, `SELECT * FROM `+table+` WHERE `+strings.Join(nonZero, " OR ")+
			` ORDER BY period, unit, recv_unit, field_code, channel`)
	}
	return out
}

// fieldQueries are report queries that read the field levels: grouped or filtered by
// field over whole and partial months, a rolling year and a year boundary.
func fieldQueries(field string) []report.Query {
	return []report.Query{
		{From: calendar.D(2025, 1, 1), To: calendar.D(2025, 12, 31), GroupBy: report.ByField},
		{From: calendar.D(2025, 3, 11), To: calendar.D(2026, 3, 10), GroupBy: report.ByField},
		{From: calendar.D(2025, 12, 3), To: calendar.D(2026, 1, 20), GroupBy: report.ByField},
		{From: calendar.D(2025, 4, 1), To: calendar.D(2026, 2, 14), Field: field, GroupBy: report.ByUnit},
		{From: calendar.D(2025, 9, 9), To: calendar.D(2025, 9, 30), Field: field},
	}
}

// busiestProcedure returns the procedure with the most dossiers received.
func busiestProcedure(t *testing.T, db *sqldb.DB) string {
	t.Helper()
	perProc := map[string]int64{}
	for k, v := range storedCells(t, db) {
		if k.Metric == report.Received {
			perProc[k.Procedure] += v
		}
	}
	var code string
	for c, n := range perProc {
		if code == "" || n > perProc[code] || n == perProc[code] && c < code {
			code = c
		}
	}
	if code == "" {
		t.Fatal("no dossier received")
	}
	return code
}

// checkFieldReports compares the field reports with report.Summarize over the
// contributions and the catalogue's fields now, and VerifyReports with nothing.
func checkFieldReports(t *testing.T, db *sqldb.DB, field string) {
	t.Helper()
	ctx := context.Background()
	cells := storedCells(t, db)
	fields, err := db.ProcedureFields(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range fieldQueries(field) {
		got, err := db.ReportSummary(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(report.Summarize(cells, q, fields), got); diff != "" {
			t.Fatalf("%+v (-memory +stored):\n%s", q, diff)
		}
	}
	if diff, err := db.VerifyReports(ctx); err != nil || len(diff) != 0 {
		t.Fatalf("verify: %v %v", diff, err)
	}
}

// TestReportFieldMove moves the procedure with the most figures to another field
// after its dossiers were stored: the field levels follow it in the same transaction
// (VerifyReports finds nothing, the field reports equal report.Summarize with the new
// fields, the old field's rows left all 0 are gone), dossiers stored afterwards are
// filed under the new field, and moving it back restores the first rows exactly.
func TestReportFieldMove(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := twoDemoYears(t, db, 150)
		code := busiestProcedure(t, db)
		p, err := db.Catalog().GetProcedure(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		oldField := p.FieldCode
		var newField string
		for _, f := range d.Fields {
			if f.Code != oldField {
				newField = f.Code
				break
			}
		}
		before := dumpFieldTables(t, db)
		checkFieldReports(t, db, oldField)

		p.FieldCode = newField
		if err := db.Catalog().UpdateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		checkFieldReports(t, db, newField)
		checkFieldReports(t, db, oldField)
		if slices.Equal(before["rollup_year_field"], dumpFieldTables(t, db)["rollup_year_field"]) {
			t.Fatal("the field levels did not change")
		}
		// No row of the old field is left all 0.
		var zero int
		var isZero []string
		for _, m := range report.Metrics {
			isZero = append(isZero, string(m)+" = 0")
		}
		for _, table := range fieldTables {
			var n int
			if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE field_code = $1 AND `+strings.Join(isZero, " AND "), oldField).Scan(&n); err != nil {
				t.Fatal(err)
			}
			zero += n
		}
		if zero != 0 {
			t.Errorf("%d rows of field %s left all 0", zero, oldField)
		}

		// Dossiers stored after the move count under the new field.
		streams, err := seed.DemoDossiersOver(d, 31, time.Date(2024, 3, 10, 10, 0, 0, 0, calendar.ICT), 100, 365)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ImportDossiers(ctx, streams, nil); err != nil {
			t.Fatal(err)
		}
		checkFieldReports(t, db, newField)

		// And back: the field levels are the catalogue's again.
		p, err = db.Catalog().GetProcedure(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		p.FieldCode = oldField
		if err := db.Catalog().UpdateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		checkFieldReports(t, db, oldField)
	})
}

// TestReportFieldMigration turns a database with dossiers back into one before
// migration 0010 (its tables dropped, the version not recorded), after a procedure
// moved field, migrates it again and checks that 0010 filled the field levels from the
// *_proc rollups alone: the same rows as the writers kept, and no rebuild asked for.
func TestReportFieldMigration(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := twoDemoYears(t, db, 150)
		p, err := db.Catalog().GetProcedure(ctx, busiestProcedure(t, db))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range d.Fields {
			if f.Code != p.FieldCode {
				p.FieldCode = f.Code
				break
			}
		}
		if err := db.Catalog().UpdateProcedure(ctx, p); err != nil {
			t.Fatal(err)
		}
		want := dumpFieldTables(t, db)
		if len(want["rollup_day_field"]) == 0 {
			t.Fatal("no field rows")
		}
		stmts := []string{`DELETE FROM schema_migrations WHERE version = 10`}
		for _, table := range fieldTables {
			stmts = append(stmts, `DROP TABLE `+table)
		}
		for _, s := range stmts {
			if _, err := db.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
		if n, err := db.Migrate(ctx); err != nil || n != 1 {
			t.Fatalf("migrate: %d %v", n, err)
		}
		var pending int
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_state`).Scan(&pending); err != nil || pending != 0 {
			t.Fatalf("report_state rows: %d %v", pending, err)
		}
		if diff := cmp.Diff(want, dumpFieldTables(t, db)); diff != "" {
			t.Fatalf("field levels (-writers +migration):\n%s", diff)
		}
		checkFieldReports(t, db, p.FieldCode)
	})
}

// TestReportFieldMoveConcurrent moves the busiest procedure from field to field while
// dossiers of every procedure are imported by two other goroutines (batches of 20
// dossiers, one transaction each): whichever commits first, the field levels end
// consistent (on PostgreSQL the writers read the procedures' fields FOR SHARE, so a
// move waits for the transactions that filed cells under the old field; SQLite has one
// writer at a time).
func TestReportFieldMoveConcurrent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := twoDemoYears(t, db, 60)
		code := busiestProcedure(t, db)
		streams, err := seed.DemoDossiersOver(d, 41, time.Date(2024, 3, 10, 10, 0, 0, 0, calendar.ICT), 200, 365)
		if err != nil {
			t.Fatal(err)
		}
		var fieldCodes []string
		for _, f := range d.Fields {
			fieldCodes = append(fieldCodes, f.Code)
		}
		errs := make(chan error, 3)
		for w := range 2 {
			go func() {
				for lo := w * 20; lo < len(streams); lo += 40 {
					if err := db.ImportDossiers(ctx, streams[lo:min(lo+20, len(streams))], nil); err != nil {
						errs <- err
						return
					}
				}
				errs <- nil
			}()
		}
		go func() {
			for i := range 12 {
				p, err := db.Catalog().GetProcedure(ctx, code)
				if err != nil {
					errs <- err
					return
				}
				p.FieldCode = fieldCodes[(i*7+1)%len(fieldCodes)]
				if err := db.Catalog().UpdateProcedure(ctx, p); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
		for range 3 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		p, err := db.Catalog().GetProcedure(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		checkFieldReports(t, db, p.FieldCode)
	})
}
