package outbox_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/outbox"
	"github.com/motcua/motcua/outbox/natstest"
	"github.com/motcua/motcua/outbox/portaltest"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
	"github.com/nats-io/nats.go"
)

// checkDelivered checks that the portal holds seq 1…n of every dossier exactly once,
// received in order.
func checkDelivered(t *testing.T, p *portaltest.Portal, codes []string, n int) {
	t.Helper()
	if probs := p.Problems(); len(probs) > 0 {
		t.Fatalf("portal saw problems: %v", probs)
	}
	got := map[string][]int{}
	for _, r := range p.Records() {
		got[r.HoSo.MaHoSo] = append(got[r.HoSo.MaHoSo], r.Seq)
		if r.OutboxID <= 0 || r.IdempotencyKey != r.HoSo.MaHoSo+"#"+strconv.Itoa(r.Seq) {
			t.Errorf("record %s: outbox id %d", r.IdempotencyKey, r.OutboxID)
		}
	}
	if len(got) != len(codes) {
		t.Fatalf("records for %d dossiers, want %d", len(got), len(codes))
	}
	for _, c := range codes {
		seqs := got[c]
		if len(seqs) != n {
			t.Fatalf("%s: seqs %v, want 1…%d", c, seqs, n)
		}
		for i, s := range seqs {
			if s != i+1 {
				t.Fatalf("%s: seqs %v, want 1…%d in order", c, seqs, n)
			}
		}
	}
}

// TestEndToEnd: events written → relay publishes → connector posts to the portal
// double; the double fails now and then and the relay is restarted half-way, yet every
// dossier's events arrive exactly once and in order. Republishing rows whose
// published mark was lost is absorbed by JetStream's Nats-Msg-Id deduplication, and
// replaying the whole stream with a new consumer creates no duplicates at the portal.
func TestEndToEnd(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ns := natstest.Start(t)
		_, js := connect(t, ns.ClientURL())
		portal := portaltest.New("s3cret")
		t.Cleanup(portal.Close)
		m := &outbox.Metrics{}
		relay := func() *outbox.Relay {
			return &outbox.Relay{DB: db, JS: js, Batch: 7, Poll: 10 * time.Millisecond, MinBackoff: 10 * time.Millisecond,
				MaxBackoff: 100 * time.Millisecond, Metrics: m}
		}
		const n = 12
		codes := f.receive(n)
		f.act(codes, 0, 2) // seq 2, 3
		portal.FailNext(3, 0)
		start(t, (&outbox.Connector{JS: js, URL: portal.URL, Token: "s3cret", MinBackoff: 5 * time.Millisecond,
			MaxBackoff: 50 * time.Millisecond, Metrics: m}).Run)
		stopRelay := start(t, relay().Run)
		if !portal.WaitFor(n, 30*time.Second) {
			t.Fatalf("only %d records before the restart", len(portal.Records()))
		}
		stopRelay() // the relay goes away mid-way; events keep coming
		f.act(codes, 2, 5)
		portal.FailNext(4, 500)
		start(t, relay().Run)
		if !portal.WaitFor(6*n, 60*time.Second) {
			t.Fatalf("%d records, want %d", len(portal.Records()), 6*n)
		}
		checkDelivered(t, portal, codes, 6)
		waitUntil(t, 10*time.Second, "acks", func() bool { return m.Posted.Load() == 6*n })
		if s := m.Snapshot(); s.PostFailures < 7 || s.Posted != 6*n || s.Published != 6*n || s.Dropped != 0 {
			t.Fatalf("metrics %+v", s)
		}
		waitUntil(t, 10*time.Second, "empty outbox", func() bool { return unpublished(t, db) == 0 })

		// The published marks of one dossier are lost (a crash after publish): the relay
		// publishes its rows again and JetStream drops them as duplicates.
		if _, err := db.ExecContext(context.Background(), `UPDATE outbox SET published_at = NULL WHERE aggregate = $1`, codes[0]); err != nil {
			t.Fatal(err)
		}
		waitUntil(t, 10*time.Second, "republished rows", func() bool { return unpublished(t, db) == 0 })
		if d := m.Duplicates.Load(); d != 6 {
			t.Fatalf("JetStream reported %d duplicates, want 6", d)
		}

		// Replay the stream from its start with a new durable consumer.
		req0, dup0, _ := portal.Stats()
		start(t, (&outbox.Connector{JS: js, Durable: "replay", URL: portal.URL, Token: "s3cret", MinBackoff: 5 * time.Millisecond}).Run)
		if !portal.WaitRequests(req0+6*n, 30*time.Second) {
			t.Fatal("replay did not reach the portal")
		}
		if _, dup, _ := portal.Stats(); dup-dup0 != 6*n {
			t.Fatalf("replay: %d repeats, want %d", dup-dup0, 6*n)
		}
		if got := len(portal.Records()); got != 6*n {
			t.Fatalf("after replay %d records, want %d", got, 6*n)
		}
		checkDelivered(t, portal, codes, 6)
	})
}

// TestTwoRelaysShareOnePostgres: two relays (two app instances) on one PostgreSQL
// database publish every row exactly once between them, each dossier in order,
// counted by a plain subscriber on the embedded server (it sees every publish, also
// those JetStream would deduplicate).
func TestTwoRelaysShareOnePostgres(t *testing.T) {
	if os.Getenv(sqldbtest.PostgresEnv) == "" {
		t.Skipf("%s not set", sqldbtest.PostgresEnv)
	}
	dsn := sqldbtest.DSN(t, sqldb.Postgres)
	open := func() *sqldb.DB {
		db, err := sqldb.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return db
	}
	db1, db2 := open(), open()
	f := newFixture(t, db1)
	ns := natstest.Start(t)
	sub, _ := connect(t, ns.ClientURL())
	var mu sync.Mutex
	seen := map[string]int{}  // code#seq → publishes
	order := map[string]int{} // code → last seq seen
	var problems []string
	if _, err := sub.Subscribe("motcua.>", func(msg *nats.Msg) {
		code, seq := msg.Header.Get(outbox.HeaderDossier), msg.Header.Get(outbox.HeaderSeq)
		s, _ := strconv.Atoi(seq)
		mu.Lock()
		defer mu.Unlock()
		seen[code+"#"+seq]++
		if s <= order[code] {
			problems = append(problems, fmt.Sprintf("%s: seq %d after %d", code, s, order[code]))
		}
		order[code] = s
	}); err != nil {
		t.Fatal(err)
	}
	if err := sub.Flush(); err != nil {
		t.Fatal(err)
	}
	const n = 40
	codes := f.receive(n)
	var ms [2]outbox.Metrics
	for i, db := range []*sqldb.DB{db1, db2} {
		_, js := connect(t, ns.ClientURL())
		start(t, (&outbox.Relay{DB: db, JS: js, Batch: 5, Poll: 2 * time.Millisecond, MinBackoff: 10 * time.Millisecond, Metrics: &ms[i]}).Run)
	}
	f.act(codes, 0, 5) // while the relays run
	waitUntil(t, 60*time.Second, "all rows published", func() bool { return unpublished(t, db1) == 0 })
	waitUntil(t, 10*time.Second, "all messages seen", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) == 6*n
	})
	time.Sleep(100 * time.Millisecond) // a late double publish would show now
	mu.Lock()
	defer mu.Unlock()
	for k, c := range seen {
		if c != 1 {
			t.Errorf("%s published %d times", k, c)
		}
	}
	if len(problems) > 0 {
		t.Errorf("order: %v", problems)
	}
	p1, p2 := ms[0].Published.Load(), ms[1].Published.Load()
	if p1+p2 != 6*n || ms[0].Duplicates.Load()+ms[1].Duplicates.Load() != 0 {
		t.Fatalf("published %d + %d, want %d", p1, p2, 6*n)
	}
	if p1 == 0 || p2 == 0 {
		t.Errorf("one relay did all the work (%d / %d)", p1, p2)
	}
	t.Logf("relay 1 published %d, relay 2 %d", p1, p2)
}

// TestLiveNATS runs the pipeline against the NATS server named by MOTCUA_TEST_NATS
// (e.g. nats://127.0.0.1:4222), on a stream and subject root of its own.
func TestLiveNATS(t *testing.T) {
	url := os.Getenv("MOTCUA_TEST_NATS")
	if url == "" {
		t.Skip("MOTCUA_TEST_NATS not set")
	}
	db := sqldbtest.Open(t, sqldb.SQLite)
	f := newFixture(t, db)
	_, js := connect(t, url)
	b := make([]byte, 4)
	rand.Read(b)
	tag := hex.EncodeToString(b)
	stream := outbox.Stream{Name: "MOTCUA_TEST_" + tag, Root: "motcuatest" + tag, MaxAge: time.Hour}
	t.Cleanup(func() { js.DeleteStream(context.Background(), stream.Name) })
	portal := portaltest.New("")
	t.Cleanup(portal.Close)
	codes := f.receive(3)
	f.act(codes, 0, 1)
	start(t, (&outbox.Relay{DB: db, JS: js, Stream: stream, Poll: 10 * time.Millisecond}).Run)
	start(t, (&outbox.Connector{JS: js, Stream: stream, URL: portal.URL, MinBackoff: 5 * time.Millisecond}).Run)
	if !portal.WaitFor(6, 30*time.Second) {
		t.Fatalf("%d records", len(portal.Records()))
	}
	checkDelivered(t, portal, codes, 2)
}
