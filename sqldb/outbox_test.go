package sqldb_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

type outboxRow struct {
	id        int64
	aggregate string
	seq       int
	eventType string
	subject   string
	payload   string
}

func outboxRows(t *testing.T, db *sqldb.DB) []outboxRow {
	t.Helper()
	rs, err := db.QueryContext(context.Background(), `SELECT id, aggregate, seq, event_type, subject, payload FROM outbox ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []outboxRow
	for rs.Next() {
		var r outboxRow
		if err := rs.Scan(&r.id, &r.aggregate, &r.seq, &r.eventType, &r.subject, &r.payload); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestOutboxRowPerEvent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		ds := db.Dossiers()
		d, err := ds.Create(ctx, receiveCmd("Hoàng Văn Nam"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ds.Act(ctx, d.Code, dossier.Command{Action: dossier.ActTransfer}, rcpt, calFor); err != nil {
			t.Fatal(err)
		}
		// a refused command writes nothing
		if _, err := ds.Act(ctx, d.Code, dossier.Command{Action: dossier.ActReturnResult}, rcpt, calFor); err == nil {
			t.Fatal("return before approval accepted")
		}
		rows := outboxRows(t, db)
		if len(rows) != 2 {
			t.Fatalf("%d outbox rows, want 2", len(rows))
		}
		for i, want := range []dossier.Action{dossier.ActReceive, dossier.ActTransfer} {
			r := rows[i]
			if r.aggregate != d.Code || r.seq != i+1 || r.eventType != "dossier."+string(want) || r.subject != "motcua.H37.dossier."+string(want) {
				t.Errorf("row %d: %+v", i, r)
			}
			var m sqldb.OutboxMessage
			if err := json.Unmarshal([]byte(r.payload), &m); err != nil {
				t.Fatal(err)
			}
			if m.Code != d.Code || m.Seq != i+1 || m.Event.Action != want || m.Province != "H37" || m.Dossier.ProcedureCode != p.Code ||
				m.Dossier.Applicant.IDNumber != "020095001234" || m.Dossier.DueAt.IsZero() {
				t.Errorf("payload %d: %+v", i, m)
			}
		}
		st, err := db.OutboxStatus(ctx)
		if err != nil || st.Unpublished != 2 || st.LastPublishedID != 0 || st.OldestUnpublished.IsZero() {
			t.Fatalf("status %+v %v", st, err)
		}
	})
}

// TestOutboxRolledBackAction: an action whose transaction fails after the outbox row
// was written (here: the audit insert that follows it) leaves no outbox row, no event.
func TestOutboxRolledBackAction(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		d, err := db.Dossiers().Create(ctx, receiveCmd("Lò Thị Mai"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		if db.Dialect == sqldb.Postgres {
			_, err = db.ExecContext(ctx, `CREATE FUNCTION fail_transfer() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.action = 'dossier.transfer' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$;
				CREATE TRIGGER fail_transfer BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_transfer();`)
		} else {
			_, err = db.ExecContext(ctx, `CREATE TRIGGER fail_transfer BEFORE INSERT ON audit_log
				WHEN NEW.action = 'dossier.transfer' BEGIN SELECT RAISE(ABORT, 'boom'); END`)
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Dossiers().Act(ctx, d.Code, dossier.Command{Action: dossier.ActTransfer}, rcpt, calFor); err == nil {
			t.Fatal("transfer succeeded despite the failing audit")
		}
		if rows := outboxRows(t, db); len(rows) != 1 || rows[0].seq != 1 {
			t.Fatalf("outbox after rollback: %+v", rows)
		}
		if evs, _ := db.Dossiers().Events(ctx, d.Code); len(evs) != 1 {
			t.Fatalf("%d events after rollback", len(evs))
		}
	})
}

// TestOutboxImport: the demo year's import writes no outbox rows; an import under
// WithOutboxImport writes one per dossier (its last event).
func TestOutboxImport(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := demo.Province(seed.DefaultSeed)
		storeDemoCatalogue(t, db, d)
		now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
		streams, err := seed.DemoDossiers(d, 11, now, 30)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ImportDossiers(ctx, streams[:20], nil); err != nil {
			t.Fatal(err)
		}
		if rows := outboxRows(t, db); len(rows) != 0 {
			t.Fatalf("demo import wrote %d outbox rows", len(rows))
		}
		if err := db.ImportDossiers(sqldb.WithOutboxImport(ctx), streams[20:], nil); err != nil {
			t.Fatal(err)
		}
		rows := outboxRows(t, db)
		if len(rows) != 10 {
			t.Fatalf("%d outbox rows for 10 migrated dossiers", len(rows))
		}
		for i, r := range rows {
			evs := streams[20+i]
			var m sqldb.OutboxMessage
			if err := json.Unmarshal([]byte(r.payload), &m); err != nil {
				t.Fatal(err)
			}
			if r.seq != len(evs) || !m.Imported || m.Dossier.Version != len(evs) {
				t.Errorf("row %d: seq %d imported %v version %d, want %d", i, r.seq, m.Imported, m.Dossier.Version, len(evs))
			}
		}
	})
}

// TestRelayOutboxOrderAndRetry drives RelayOutbox with a fake publisher: one row per
// dossier per round, a failure holds back the dossier's later rows until its retry
// time, and the status follows.
func TestRelayOutboxOrderAndRetry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		ds := db.Dossiers()
		var codes []string
		for _, name := range []string{"Nguyễn Văn A", "Trần Thị B"} {
			d, err := ds.Create(ctx, receiveCmd(name), rcpt, p, calFor)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := ds.Act(ctx, d.Code, dossier.Command{Action: dossier.ActTransfer}, rcpt, calFor); err != nil {
				t.Fatal(err)
			}
			codes = append(codes, d.Code)
		}
		var published []string
		failA := true
		pub := func(_ context.Context, rows []sqldb.OutboxRow) []error {
			errs := make([]error, len(rows))
			for i, r := range rows {
				if r.Aggregate == codes[0] && failA {
					errs[i] = errors.New("broker down")
					continue
				}
				published = append(published, r.Aggregate+"#"+string(rune('0'+r.Seq)))
			}
			return errs
		}
		retry := func(int) time.Duration { return time.Hour }
		b, err := db.RelayOutbox(ctx, 10, pub, retry)
		if err != nil || b.Claimed != 2 || b.Published != 1 || b.Failed != 1 {
			t.Fatalf("round 1: %+v %v", b, err)
		}
		b, err = db.RelayOutbox(ctx, 10, pub, retry) // B#2 now; A waits an hour, A#2 behind it
		if err != nil || b.Claimed != 1 || b.Published != 1 {
			t.Fatalf("round 2: %+v %v", b, err)
		}
		st, _ := db.OutboxStatus(ctx)
		if st.Unpublished != 2 || st.Failing != 1 || st.LastError == "" {
			t.Fatalf("status %+v", st)
		}
		failA = false
		db.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
		for range 3 {
			if _, err := db.RelayOutbox(ctx, 10, pub, retry); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{codes[1] + "#1", codes[1] + "#2", codes[0] + "#1", codes[0] + "#2"}
		if len(published) != 4 || published[0] != want[0] || published[1] != want[1] || published[2] != want[2] || published[3] != want[3] {
			t.Fatalf("published %v, want %v", published, want)
		}
		st, _ = db.OutboxStatus(ctx)
		if st.Unpublished != 0 || st.LastPublishedID == 0 || st.Failing != 0 {
			t.Fatalf("final status %+v", st)
		}
		if n, err := db.PruneOutbox(ctx, time.Now().Add(3*time.Hour)); err != nil || n != 4 {
			t.Fatalf("prune %d %v", n, err)
		}
	})
}
