package sqldb_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// storeDemoCatalogue stores the demo units, fields and procedures (not the users,
// whose password hashing is slow).
func storeDemoCatalogue(t *testing.T, db *sqldb.DB, d *demo.Data) {
	t.Helper()
	ctx := adminCtx()
	cs := db.Catalog()
	for i := range d.Units {
		if err := cs.CreateUnit(ctx, &d.Units[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i := range d.Fields {
		if err := cs.CreateField(ctx, &d.Fields[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := cs.ImportProcedures(ctx, d.Procedures, nil); err != nil {
		t.Fatal(err)
	}
}

func TestImportDossiers(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := demo.Province(seed.DefaultSeed)
		storeDemoCatalogue(t, db, d)
		// A Tuesday at 10:00: the centre has received some dossiers today already.
		now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
		const n = 1100 // three batches
		streams, err := seed.DemoDossiers(d, 11, now, n)
		if err != nil {
			t.Fatal(err)
		}
		var calls [][2]int
		if err := db.ImportDossiers(ctx, streams, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
			t.Fatal(err)
		}
		if len(calls) != 3 || calls[0] != [2]int{500, n} || calls[2] != [2]int{n, n} {
			t.Errorf("progress calls %v", calls)
		}
		ds := db.Dossiers()
		if _, total, err := ds.List(context.Background(), dossier.Filter{}); err != nil || total != n {
			t.Fatalf("listed %d dossiers: %v", total, err)
		}

		// The projection, the stored events and the steps are those of a replay.
		last := map[string]int{} // highest sequence per unit and day
		var steps, events int
		for i, evs := range streams {
			want, err := dossier.Replay(evs)
			if err != nil {
				t.Fatal(err)
			}
			c, _ := dossier.ParseCode(want.Code)
			last[c.Unit+"|"+c.Day.String()] = max(last[c.Unit+"|"+c.Day.String()], c.Seq)
			steps += len(want.Steps)
			events += len(evs)
			if i%37 != 0 {
				continue
			}
			got, err := ds.Get(context.Background(), want.Code)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := ds.Events(context.Background(), want.Code)
			if err != nil {
				t.Fatal(err)
			}
			replayed, err := dossier.Replay(stored)
			if err != nil {
				t.Fatal(err)
			}
			jw, _ := json.Marshal(want)
			jg, _ := json.Marshal(got)
			jr, _ := json.Marshal(replayed)
			if !bytes.Equal(jw, jg) || !bytes.Equal(jw, jr) {
				t.Fatalf("%s: projection or stored events differ from the replay:\nwant %s\n got %s\nreplayed %s", want.Code, jw, jg, jr)
			}
		}
		var nSteps, nEvents int
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM dossier_steps`).Scan(&nSteps); err != nil || nSteps != steps {
			t.Errorf("dossier_steps rows %d, want %d (%v)", nSteps, steps, err)
		}
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM dossier_events`).Scan(&nEvents); err != nil || nEvents != events {
			t.Errorf("dossier_events rows %d, want %d (%v)", nEvents, events, err)
		}
		var audits int
		if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'dossier.import'`).Scan(&audits); err != nil || audits != 3 {
			t.Errorf("%d import audit entries, want 3 (%v)", audits, err)
		}
		var dossierAudits int
		db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action LIKE 'dossier.%' AND action <> 'dossier.import'`).Scan(&dossierAudits)
		if dossierAudits != 0 {
			t.Errorf("%d per-event audit entries", dossierAudits)
		}
		if rep, err := db.VerifyAudit(context.Background()); err != nil || !rep.OK {
			t.Fatalf("audit chain: %+v %v", rep, err)
		}

		// Live intake continues after the imported numbers of the day of the last
		// dossier the centre received.
		centre := ""
		for _, u := range d.Units {
			if u.Kind == catalog.UnitCenter {
				centre = u.Code
			}
		}
		var clock time.Time
		for _, evs := range streams {
			if c, _ := dossier.ParseCode(evs[0].Data.Code); c.Unit == centre {
				clock = evs[0].At.Add(time.Minute)
			}
		}
		day := calendar.DateOf(clock)
		seqToday := last[centre+"|"+day.String()]
		if seqToday == 0 {
			t.Fatalf("no dossier received at the centre")
		}
		var p *catalog.Procedure
		for i := range d.Procedures {
			x := &d.Procedures[i]
			if x.Active && x.Level == catalog.LevelProvince && len(x.Steps) > 0 && x.Steps[0].UnitCode == centre && x.Allows(catalog.ChannelCounter) {
				p = x
				break
			}
		}
		db.Now = func() time.Time { return clock }
		rc := motcua.Actor{Username: "motcua1", Role: motcua.RoleReceptionist, UnitCode: centre}
		live, err := ds.Create(context.Background(), receiveCmd("Lương Thị Hoa"), rc, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		if want := dossier.FormatCode(centre, day, seqToday+1); live.Code != want {
			t.Fatalf("live dossier %s, want %s (after the imported %d)", live.Code, want, seqToday)
		}
		// A day the import did not use starts at 1.
		clock = time.Date(2026, 3, 11, 8, 0, 0, 0, calendar.ICT)
		if next, err := ds.Create(context.Background(), receiveCmd("Vi Văn Tùng"), rc, p, calFor); err != nil || next.Code != dossier.FormatCode(centre, calendar.DateOf(clock), 1) {
			t.Fatalf("next day: %v %v", next, err)
		}

		// Importing the same streams again fails on the duplicate codes and stores nothing.
		err = db.ImportDossiers(ctx, streams[:10], nil)
		if motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("re-import: %v, want a conflict", err)
		}
		if _, total, _ := ds.List(context.Background(), dossier.Filter{}); total != n+2 {
			t.Fatalf("%d dossiers after a failed re-import", total)
		}
	})
}

// TestImportDossiersKeepsHigherLiveSequence: a sequence already ahead of the imported
// numbers (live intake before the import) is not lowered.
func TestImportDossiersKeepsHigherLiveSequence(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := demo.Province(seed.DefaultSeed)
		storeDemoCatalogue(t, db, d)
		now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
		streams, err := seed.DemoDossiers(d, 3, now, 200)
		if err != nil {
			t.Fatal(err)
		}
		first, _ := dossier.ParseCode(streams[0][0].Data.Code)
		if _, err := db.ExecContext(context.Background(), `INSERT INTO dossier_sequences (unit_code, day, last_seq) VALUES ($1, $2, 9000)`,
			first.Unit, first.Day.String()); err != nil {
			t.Fatal(err)
		}
		if err := db.ImportDossiers(ctx, streams, nil); err != nil {
			t.Fatal(err)
		}
		var last int
		if err := db.QueryRowContext(context.Background(), `SELECT last_seq FROM dossier_sequences WHERE unit_code = $1 AND day = $2`,
			first.Unit, first.Day.String()).Scan(&last); err != nil || last != 9000 {
			t.Fatalf("last_seq %d (%v), want 9000 kept", last, err)
		}
		if err := db.ImportDossiers(ctx, [][]dossier.Event{{}}, nil); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("empty stream: %v", err)
		}
	})
}
