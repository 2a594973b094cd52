package sqldb_test

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestDossierListProjection covers what migration 0006 added to the dossier list:
// the current step's role and the pending proposal in each summary and as a filter,
// the unit filter through dossier_scope (received at, held by, passed through), the
// search index (code or name, no diacritics, any part of a word of 3+ letters, and
// shorter terms or LIKE wildcards) and the capped count.
func TestDossierListProjection(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		clock := time.Date(2026, 3, 2, 9, 0, 0, 0, motcua.ICT)
		db.Now = func() time.Time { clock = clock.Add(time.Minute); return clock }
		ds := db.Dossiers()
		names := []string{"Lường Văn Đức", "Hoàng Thị Lan", "Nông Văn Đức", "Vi_Thị%Hà"}
		var codes []string
		for _, n := range names {
			d, err := ds.Create(ctx, receiveCmd(n), rcpt, p, calFor)
			if err != nil {
				t.Fatal(err)
			}
			codes = append(codes, d.Code)
		}
		act := func(code string, a motcua.Actor, cmd dossier.Command) {
			t.Helper()
			if _, err := ds.Act(ctx, code, cmd, a, calFor); err != nil {
				t.Fatalf("%s %s: %v", code, cmd.Action, err)
			}
		}
		// 0: with the leader to assign; 1: with the processor; 2: proposal awaiting the leader
		for _, c := range codes[:3] {
			act(c, rcpt, dossier.Command{Action: dossier.ActTransfer})
		}
		act(codes[1], lead, dossier.Command{Action: dossier.ActAssign, Assignee: proc.Username})
		act(codes[2], lead, dossier.Command{Action: dossier.ActAssign, Assignee: proc.Username})
		act(codes[2], proc, dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện"})

		list := func(f dossier.Filter) ([]dossier.Summary, int) {
			t.Helper()
			items, n, err := ds.List(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return items, n
		}
		byCode := map[string]dossier.Summary{}
		items, n := list(dossier.Filter{})
		if n != 4 || len(items) != 4 {
			t.Fatalf("all: %d %d", n, len(items))
		}
		for _, sm := range items {
			byCode[sm.Code] = sm
		}
		for i, want := range []struct {
			role     motcua.Role
			proposal bool
		}{{motcua.RoleLeader, false}, {motcua.RoleProcessor, false}, {motcua.RoleLeader, true}, {motcua.RoleReceptionist, false}} {
			if sm := byCode[codes[i]]; sm.StepRole != want.role || sm.ProposalPending != want.proposal {
				t.Errorf("%s: step role %q proposal %v, want %q %v", codes[i], sm.StepRole, sm.ProposalPending, want.role, want.proposal)
			}
		}
		items, n = list(dossier.Filter{States: []dossier.State{dossier.StateInProcessing}, CurrentUnit: dept, StepRole: motcua.RoleLeader})
		if n != 2 || items[0].Code != codes[2] || items[1].Code != codes[0] {
			t.Fatalf("leader's dossiers: %d %+v", n, items)
		}
		// the unit filter: the centre received all four; the department sees the three
		// transferred to it, alone and with other conditions
		if _, n := list(dossier.Filter{Unit: centre}); n != 4 {
			t.Fatalf("centre: %d", n)
		}
		items, n = list(dossier.Filter{Unit: dept, Limit: 2})
		if n != 3 || len(items) != 2 || items[0].Code != codes[2] || items[1].Code != codes[1] {
			t.Fatalf("department: %d %+v", n, items)
		}
		if items, n := list(dossier.Filter{Unit: dept, Offset: 2}); n != 3 || len(items) != 1 || items[0].Code != codes[0] {
			t.Fatalf("department, second page: %d %+v", n, items)
		}
		if _, n := list(dossier.Filter{Unit: dept, Q: "duc"}); n != 2 {
			t.Fatalf("department, q: %d", n)
		}
		if _, n := list(dossier.Filter{Unit: dept, ProcedureCode: p.Code, CountLimit: 1}); n != 3 {
			t.Fatalf("department, procedure, count limit below the page: %d", n)
		}
		if _, n := list(dossier.Filter{Unit: "000.00.99.H37"}); n != 0 {
			t.Fatalf("other unit: %d", n)
		}
		// search: words in any order, parts of words, short terms, the code, punctuation
		for q, want := range map[string]int{"duc van": 2, "UONG": 1, "thi la": 1, "đ": 2, "van d": 2, codes[3][len(codes[3])-8:]: 1,
			"vi_thi%ha": 1, "nguyen": 0} {
			if _, n := list(dossier.Filter{Q: q}); n != want {
				t.Errorf("q %q: %d, want %d", q, n, want)
			}
		}
		// migration 0006 fills the new columns of older rows from the body as the
		// projection does: re-running its UPDATE changes nothing
		snapshot := func() map[string]string {
			t.Helper()
			rows, err := db.QueryContext(ctx, `SELECT code, step_role, proposal_pending FROM dossiers`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[string]string{}
			for rows.Next() {
				var code, role string
				var pending bool
				if err := rows.Scan(&code, &role, &pending); err != nil {
					t.Fatal(err)
				}
				out[code] = fmt.Sprint(role, pending)
			}
			return out
		}
		before := snapshot()
		ms, err := db.Migrations()
		if err != nil {
			t.Fatal(err)
		}
		var backfill string
		for _, m := range ms {
			if m.Version == 6 {
				i := strings.Index(m.SQL, "UPDATE dossiers SET")
				backfill, _, _ = strings.Cut(m.SQL[i:], ";")
			}
		}
		if _, err := db.ExecContext(ctx, `UPDATE dossiers SET step_role = 'x', proposal_pending = NOT proposal_pending`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, backfill); err != nil {
			t.Fatalf("%v\n%s", err, backfill)
		}
		if after := snapshot(); !maps.Equal(before, after) {
			t.Fatalf("backfill %v, projection %v", after, before)
		}
		// the capped count: exact up to the cap (or the page asked for), cap+1 past it
		if _, n := list(dossier.Filter{Q: "a", CountLimit: 2, Limit: 1}); n != 3 {
			t.Fatalf("capped count: %d", n)
		}
		if _, n := list(dossier.Filter{Q: "a", CountLimit: 10}); n != 4 {
			t.Fatalf("count under the cap: %d", n)
		}
	})
}
