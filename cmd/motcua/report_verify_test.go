package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/motcua/motcua/sqldb"
)

// TestReportVerifyCLI: `motcua report verify` says OK on a seeded database, lists the
// cell tampered with and fails, and says OK again after `motcua report rebuild`.
func TestReportVerifyCLI(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "verify.db")
	ctx := context.Background()
	var out, errOut bytes.Buffer
	runIt := func(args ...string) error {
		t.Helper()
		out.Reset()
		errOut.Reset()
		return run(ctx, args, &out, &errOut)
	}
	if err := runIt("seed", "demo", "--db", dbPath, "--dossiers", "120"); err != nil {
		t.Fatalf("seed: %v\n%s", err, errOut.String())
	}
	tests := []struct {
		name    string
		tamper  string
		wantErr error
		want    []string
	}{
		{"consistent", "", nil, []string{"OK"}},
		{"tampered", `UPDATE rollup_month SET received = received + 3 WHERE period = (SELECT MAX(period) FROM rollup_month)
			AND unit = (SELECT MIN(unit) FROM rollup_month WHERE period = (SELECT MAX(period) FROM rollup_month))`,
			errReportsDiffer, []string{"rollup_month\treceived\t", "\t+3\n"}},
		{"rebuilt", "rebuild", nil, []string{"OK"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			switch tc.tamper {
			case "":
			case "rebuild":
				if err := runIt("report", "rebuild", "--db", dbPath); err != nil {
					t.Fatal(err)
				}
			default:
				db, err := sqldb.Open(ctx, dbPath)
				if err != nil {
					t.Fatal(err)
				}
				res, err := db.ExecContext(ctx, tc.tamper)
				db.Close()
				if err != nil {
					t.Fatal(err)
				}
				if n, _ := res.RowsAffected(); n == 0 {
					t.Fatal("nothing tampered with")
				}
			}
			err := runIt("report", "verify", "--db", dbPath)
			if !errors.Is(err, tc.wantErr) && err != tc.wantErr {
				t.Fatalf("verify: %v, want %v\n%s", err, tc.wantErr, out.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}
