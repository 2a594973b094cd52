package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
)

func TestNextQueueClose(t *testing.T) {
	ict := func(y int, m time.Month, d, h, mi int) time.Time { return time.Date(y, m, d, h, mi, 0, 0, motcua.ICT) }
	for _, c := range []struct {
		now, want time.Time
	}{
		{ict(2026, 3, 2, 10, 0), ict(2026, 3, 3, 0, 1)},
		{ict(2026, 3, 2, 0, 0), ict(2026, 3, 3, 0, 1)},
		{ict(2026, 3, 2, 0, 1), ict(2026, 3, 3, 0, 1)}, // just after today's close: the next one
		{ict(2026, 3, 2, 23, 59), ict(2026, 3, 3, 0, 1)},
		{ict(2026, 2, 28, 12, 0), ict(2026, 3, 1, 0, 1)}, // month end
		{ict(2026, 12, 31, 18, 0), ict(2027, 1, 1, 0, 1)},
		// 17:30 UTC is 00:30 ICT the next day
		{time.Date(2026, 3, 2, 17, 30, 0, 0, time.UTC), ict(2026, 3, 4, 0, 1)},
		{time.Date(2026, 3, 2, 16, 30, 0, 0, time.UTC), ict(2026, 3, 3, 0, 1)},
	} {
		if got := nextQueueClose(c.now); !got.Equal(c.want) {
			t.Errorf("nextQueueClose(%s) = %s, want %s", c.now, got, c.want)
		}
	}
}

// queueDB creates, in the SQLite file path, a centre with queue service A and
// returns the service id.
func queueDB(t *testing.T, path string) int64 {
	t.Helper()
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "admin", Role: motcua.RoleAdmin})
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range []catalog.Unit{
		{Code: "000.00.00.H37", Name: "UBND tỉnh Lạng Sơn", Kind: catalog.UnitProvince, Active: true},
		{Code: "000.00.01.H37", Name: "Trung tâm Phục vụ hành chính công", Kind: catalog.UnitCenter, ParentCode: "000.00.00.H37", Active: true},
	} {
		if err := db.Catalog().CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	svc := &queue.Service{Code: "A", Name: "Tư pháp", UnitCode: "000.00.01.H37"}
	if err := db.Queue().CreateService(ctx, svc); err != nil {
		t.Fatal(err)
	}
	return svc.ID
}

// issueAt issues a ticket of service svc in the database at path as if at time at.
func issueAt(t *testing.T, path string, svc int64, at time.Time) int64 {
	t.Helper()
	db, err := sqldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Now = func() time.Time { return at }
	tk, err := db.Queue().Issue(context.Background(), svc, "")
	if err != nil {
		t.Fatal(err)
	}
	return tk.ID
}

func ticketStatus(t *testing.T, path string, id int64) queue.Status {
	t.Helper()
	db, err := sqldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tk, err := db.Queue().GetTicket(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tk.Status
}

// TestQueueCloseDayCLIAndServe: `motcua queue close-day` closes yesterday's ticket and
// prints the count, a second run closes none, today's ticket stays; `motcua serve`
// closes at start a ticket of yesterday left open.
func TestQueueCloseDayCLIAndServe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "queue.db")
	svc := queueDB(t, path)
	now := time.Now()
	old := issueAt(t, path, svc, now.AddDate(0, 0, -1))
	fresh := issueAt(t, path, svc, now)
	ctx := context.Background()
	var out, errOut bytes.Buffer
	closeDay := func(args ...string) (string, error) {
		out.Reset()
		errOut.Reset()
		err := run(ctx, append([]string{"queue", "close-day", "--db", path}, args...), &out, &errOut)
		return out.String(), err
	}
	if s, err := closeDay(); err != nil || !strings.HasPrefix(s, "closed 1 ") {
		t.Fatalf("close-day: %v %q %s", err, s, errOut.String())
	}
	if s, err := closeDay(); err != nil || !strings.HasPrefix(s, "closed 0 ") {
		t.Fatalf("second close-day: %v %q", err, s)
	}
	if st := ticketStatus(t, path, old); st != queue.Expired {
		t.Fatalf("yesterday's ticket is %s", st)
	}
	if st := ticketStatus(t, path, fresh); st != queue.Waiting {
		t.Fatalf("today's ticket is %s", st)
	}
	for _, bad := range [][]string{{"--before", "2026-02-30"}, {"--before", now.AddDate(0, 0, 3).Format(time.DateOnly)}} {
		if _, err := closeDay(bad...); err == nil {
			t.Errorf("close-day %v accepted", bad)
		}
	}
	if err := run(ctx, []string{"queue"}, &out, &errOut); err == nil {
		t.Error("queue without a subcommand accepted")
	}

	// the server closes at start what was left open
	left := issueAt(t, path, svc, now.AddDate(0, 0, -1))
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var sout, serr syncBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- run(sctx, []string{"--addr", "127.0.0.1:0", "--db", path, "--demo", "no"}, &sout, &serr)
	}()
	waitURL(t, &sout, errc)
	deadline := time.Now().Add(60 * time.Second)
	for ticketStatus(t, path, left) != queue.Expired {
		if time.Now().After(deadline) {
			t.Fatalf("the server did not close yesterday's ticket:\n%s", serr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(serr.String(), "queue day closed") {
		t.Errorf("no log line of the close:\n%s", serr.String())
	}
	if st := ticketStatus(t, path, fresh); st != queue.Waiting {
		t.Fatalf("today's ticket is %s after the server's close", st)
	}
	cancel()
	waitShutdown(t, errc)
}

// TestQueueCloserSchedule drives the background closer with a fake clock: it closes
// at start, waits until shortly after midnight ICT, closes the day that ended, and
// stops when asked.
func TestQueueCloserSchedule(t *testing.T) {
	path := filepath.Join(t.TempDir(), "queue.db")
	svc := queueDB(t, path)
	ict := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, motcua.ICT) }
	issueAt(t, path, svc, ict(1, 10, 0))
	issueAt(t, path, svc, ict(2, 10, 0))
	issueAt(t, path, svc, ict(2, 16, 0))
	db, err := sqldb.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	var mu sync.Mutex
	clock := ict(2, 23, 58)
	waits := make(chan time.Duration, 1)
	fire := make(chan time.Time)
	ran := make(chan int)
	c := &queueCloser{db: db, log: slog.New(slog.NewTextHandler(io.Discard, nil)), ran: ran,
		now: func() time.Time { mu.Lock(); defer mu.Unlock(); return clock },
		after: func(d time.Duration) <-chan time.Time {
			waits <- d
			return fire
		}}
	stop := c.start(context.Background())
	if n := <-ran; n != 1 {
		t.Fatalf("closed %d at start, want the ticket of 1 March", n)
	}
	if d := <-waits; d != 3*time.Minute {
		t.Fatalf("waits %s, want 3m0s (until 00:01)", d)
	}
	mu.Lock()
	clock = ict(3, 0, 1)
	mu.Unlock()
	fire <- clock
	if n := <-ran; n != 2 {
		t.Fatalf("closed %d after midnight, want the 2 tickets of 2 March", n)
	}
	if d := <-waits; d != 24*time.Hour {
		t.Fatalf("then waits %s, want 24h", d)
	}
	done := make(chan struct{})
	go func() { stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the closer did not stop")
	}
}
