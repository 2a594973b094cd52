package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/outbox/natstest"
	"github.com/motcua/motcua/outbox/portaltest"
	"github.com/motcua/motcua/sqldb"
)

// insertOutboxRow writes one outbox row the way a dossier action does, for dossier
// code at seq.
func insertOutboxRow(t *testing.T, dbPath, code string, seq int) {
	t.Helper()
	db, err := sqldb.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m := sqldb.OutboxMessage{Code: code, Seq: seq, Province: "H37",
		Event:   dossier.Event{Seq: seq, Action: dossier.ActReceive, Actor: "motcua1", At: time.Now()},
		Dossier: sqldb.OutboxDossier{ProcedureCode: "1.001193", UnitCode: "000.00.01.H37", State: dossier.StateReceived, Version: seq}}
	body, _ := json.Marshal(m)
	if _, err := db.ExecContext(context.Background(), `INSERT INTO outbox (aggregate, seq, event_type, subject, payload, created_at)
		VALUES ($1, $2, 'dossier.receive', 'motcua.H37.dossier.receive', $3, $4)`, code, seq, string(body), time.Now().UTC().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
}

func TestOutboxStatusCommand(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "outbox.db")
	ctx := context.Background()
	var out, errOut bytes.Buffer
	status := func() sqldb.OutboxStatus {
		t.Helper()
		out.Reset()
		if err := run(ctx, []string{"outbox", "status", "--db", dbPath, "--json"}, &out, &errOut); err != nil {
			t.Fatalf("outbox status: %v\n%s", err, errOut.String())
		}
		var st sqldb.OutboxStatus
		if err := json.Unmarshal(out.Bytes(), &st); err != nil {
			t.Fatalf("%v: %q", err, out.String())
		}
		return st
	}
	if st := status(); st.Unpublished != 0 || st.LastPublishedID != 0 {
		t.Fatalf("empty: %+v", st)
	}
	insertOutboxRow(t, dbPath, "000.00.01.H37-260310-0001", 1)
	if st := status(); st.Unpublished != 1 || st.OldestAgeSeconds < 50 {
		t.Fatalf("one row: %+v", st)
	}
	out.Reset()
	if err := run(ctx, []string{"outbox", "status", "--db", dbPath}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if s := out.String(); !strings.Contains(s, "unpublished:        1") || !strings.Contains(s, "last published id:  -") {
		t.Fatalf("text status:\n%s", s)
	}
	if err := run(ctx, []string{"outbox"}, &out, &errOut); err == nil {
		t.Fatal("outbox without subcommand accepted")
	}
}

// TestServeSyncsToPortal starts the real serve with --nats (embedded server) and
// --portal-url (the double): an event written to the outbox reaches the portal and the
// outbox metrics are served. (That the demo year is not pushed is tested in sqldb:
// TestOutboxImport.)
func TestServeSyncsToPortal(t *testing.T) {
	ns := natstest.Start(t)
	portal := portaltest.New("tok")
	t.Cleanup(portal.Close)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dbPath := filepath.Join(t.TempDir(), "motcua.db")
	t.Setenv("MOTCUA_PORTAL_TOKEN", "tok")
	if err := run(ctx, []string{"user", "add", "--db", dbPath, "--username", "quantri", "--password", "mật khẩu dài", "--role", "admin"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"--addr", "127.0.0.1:0", "--db", dbPath, "--demo", "no",
			"--nats", ns.ClientURL(), "--portal-url", portal.URL}, &out, io.Discard)
	}()
	base := waitURL(t, &out, errc)
	insertOutboxRow(t, dbPath, "000.00.01.H37-260310-9999", 1)
	if !portal.WaitFor(1, 30*time.Second) {
		t.Fatal("the event did not reach the portal")
	}
	time.Sleep(200 * time.Millisecond)
	if recs := portal.Records(); len(recs) != 1 || recs[0].HoSo.MaHoSo != "000.00.01.H37-260310-9999" || recs[0].HoSo.TrangThaiHoSo != "2" {
		t.Fatalf("portal records %+v", recs)
	}
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+apiLogin(t, base, "quantri", "mật khẩu dài"))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(b), "motcua_outbox_published_total 1") {
		t.Errorf("metrics lack the outbox figures: %d %.300s", res.StatusCode, b)
	}
	cancel()
	waitShutdown(t, errc)
	if err := run(context.Background(), []string{"--addr", "127.0.0.1:0", "--db", dbPath, "--portal-url", portal.URL}, io.Discard, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "--nats") {
		t.Fatalf("--portal-url without --nats: %v", err)
	}
}
