package sqldb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// dumpTable returns every row of a query as text, one line per row.
func dumpTable(t *testing.T, db *sqldb.DB, query string) []string {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			if tm, ok := v.(time.Time); ok {
				v = tm.UTC().Format(time.RFC3339Nano)
			}
			fmt.Fprintf(&sb, "%s=%v ", cols[i], v)
		}
		out = append(out, sb.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestBulkLoadDossiers loads the same demo streams with ImportDossiers into one
// database and BulkLoadDossiers into another (with the outbox on), and compares every
// table they write, the rollups and the audit entries.
func TestBulkLoadDossiers(t *testing.T) {
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			ctx := sqldb.WithOutboxImport(adminCtx())
			prov := demo.Province(seed.DefaultSeed)
			now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
			n := 1200
			if testing.Short() {
				n = 200 // -race -short on a busy machine
			}
			streams, err := seed.DemoDossiers(prov, 9, now, n)
			if err != nil {
				t.Fatal(err)
			}
			a, b := sqldbtest.Open(t, d), sqldbtest.Open(t, d)
			storeDemoCatalogue(t, a, prov)
			storeDemoCatalogue(t, b, prov)
			if err := a.ImportDossiers(ctx, streams, nil); err != nil {
				t.Fatal(err)
			}
			var calls [][2]int
			if err := b.BulkLoadDossiers(ctx, streams, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
				t.Fatal(err)
			}
			if len(calls) != 1 || calls[0] != [2]int{n, n} {
				t.Errorf("progress calls %v", calls)
			}
			for _, q := range []string{
				`SELECT * FROM dossiers ORDER BY code`,
				`SELECT * FROM dossier_events ORDER BY dossier_code, seq`,
				`SELECT * FROM dossier_steps ORDER BY dossier_code, run`,
				`SELECT * FROM dossier_attachments ORDER BY dossier_code, sha256`,
				`SELECT * FROM dossier_sequences ORDER BY unit_code, day`,
				`SELECT * FROM dossier_scope ORDER BY unit_code, code`,
				`SELECT aggregate, seq, event_type, subject, payload FROM outbox ORDER BY aggregate, seq`,
				`SELECT actor, action, entity, entity_id, after FROM audit_log WHERE action = 'dossier.import' ORDER BY id`,
			} {
				wa, wb := dumpTable(t, a, q), dumpTable(t, b, q)
				if len(wa) == 0 && !strings.Contains(q, "attachments") { // the demo attaches no files
					t.Errorf("%s: no rows", q)
				}
				if diff := cmp.Diff(wa, wb); diff != "" {
					t.Errorf("%s (-import +bulk):\n%s", q, diff)
				}
			}
			for _, table := range rollupTables {
				q := `SELECT * FROM ` + table + ` ORDER BY period, unit, recv_unit, channel`
				if c := rollupDimCol(table); c != "" {
					q = `SELECT * FROM ` + table + ` ORDER BY period, unit, recv_unit, ` + c + `, channel`
				}
				if diff := cmp.Diff(dumpTable(t, a, q), dumpTable(t, b, q)); diff != "" {
					t.Errorf("%s (-import +bulk):\n%s", table, diff)
				}
			}
			if diff, err := b.VerifyReports(context.Background()); err != nil || len(diff) != 0 {
				t.Errorf("verify after bulk load: %v %v", diff, err)
			}
			// A code already stored fails the load.
			if err := b.BulkLoadDossiers(ctx, streams[:3], nil); err == nil {
				t.Error("loading stored dossiers again succeeded")
			}
		})
	}
}
