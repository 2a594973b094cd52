package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// instances opens n handles on one fresh database of engine d, as n app instances.
func instances(t *testing.T, d sqldb.Dialect, n int) []*sqldb.DB {
	t.Helper()
	dsn := sqldbtest.DSN(t, d)
	var dbs []*sqldb.DB
	for i := 0; i < n; i++ {
		db, err := sqldb.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		dbs = append(dbs, db)
	}
	return dbs
}

func eachInstances(t *testing.T, n int, fn func(t *testing.T, dbs []*sqldb.DB)) {
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) { fn(t, instances(t, d, n)) })
	}
}

// queueSetup creates services A and B at the centre and counters 1 and 2 calling both.
func queueSetup(t *testing.T, db *sqldb.DB) (a, b *queue.Service, c1, c2 *queue.Counter) {
	t.Helper()
	seedCatalog(t, db)
	ctx := adminCtx()
	a = &queue.Service{Code: "A", Name: "Đất đai", UnitCode: centre, Fields: []string{"DD"}}
	b = &queue.Service{Code: "B", Name: "Hộ tịch", UnitCode: centre}
	for _, s := range []*queue.Service{a, b} {
		if err := db.Queue().CreateService(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	c1 = &queue.Counter{UnitCode: centre, Number: 1, Services: []int64{a.ID, b.ID}}
	c2 = &queue.Counter{UnitCode: centre, Number: 2, Services: []int64{a.ID, b.ID}}
	for _, c := range []*queue.Counter{c1, c2} {
		if err := db.Queue().CreateCounter(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return
}

// TestQueueNumbersAcrossInstances issues 1,000 tickets from goroutines through 3
// handles on one database: each service's numbers are 1…n, distinct and consecutive.
func TestQueueNumbersAcrossInstances(t *testing.T) {
	eachInstances(t, 3, func(t *testing.T, dbs []*sqldb.DB) {
		a, b, _, _ := queueSetup(t, dbs[0])
		const n = 1000
		var wg sync.WaitGroup
		errs := make(chan error, n)
		sem := make(chan struct{}, 16) // in flight at once; the pools (8 and 16 connections per handle) bound it anyway
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				svc := a.ID
				if i%3 == 0 {
					svc = b.ID
				}
				if _, err := dbs[i%3].Queue().Issue(context.Background(), svc, queue.PriorityNone); err != nil {
					errs <- err
				}
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		ts, err := dbs[1].Queue().DayTickets(context.Background(), time.Now().In(motcua.ICT).Format(time.DateOnly), centre)
		if err != nil {
			t.Fatal(err)
		}
		if len(ts) != n {
			t.Fatalf("%d tickets, want %d", len(ts), n)
		}
		seqs := map[string][]int{}
		numbers := map[string]bool{}
		for _, tk := range ts {
			seqs[tk.ServiceCode] = append(seqs[tk.ServiceCode], tk.Seq)
			if numbers[tk.Number] {
				t.Fatalf("number %s issued twice", tk.Number)
			}
			numbers[tk.Number] = true
			if tk.Number != queue.FormatNumber(tk.ServiceCode, tk.Seq) {
				t.Fatalf("number %s for seq %d", tk.Number, tk.Seq)
			}
		}
		for code, want := range map[string]int{"A": n - (n+2)/3, "B": (n + 2) / 3} {
			s := seqs[code]
			sort.Ints(s)
			if len(s) != want {
				t.Fatalf("%s: %d numbers, want %d", code, len(s), want)
			}
			for i, v := range s {
				if v != i+1 {
					t.Fatalf("%s: numbers skip or repeat at %d: %d", code, i+1, v)
				}
			}
		}
	})
}

// TestQueueConcurrentCalls lets two counters on two instances call the same queue as
// fast as they can: every ticket is called exactly once.
func TestQueueConcurrentCalls(t *testing.T) {
	eachInstances(t, 2, func(t *testing.T, dbs []*sqldb.DB) {
		a, b, c1, c2 := queueSetup(t, dbs[0])
		const n = 120
		for i := 0; i < n; i++ {
			svc := a.ID
			if i%2 == 1 {
				svc = b.ID
			}
			if _, err := dbs[0].Queue().Issue(context.Background(), svc, queue.PriorityNone); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		called := map[int64]int64{}
		var wg sync.WaitGroup
		var failed atomic.Value
		for i, c := range []*queue.Counter{c1, c2} {
			wg.Add(1)
			go func(db *sqldb.DB, c *queue.Counter) {
				defer wg.Done()
				ctx := context.Background()
				for {
					tk, err := db.Queue().CallNext(ctx, c.ID, fmt.Sprint("officer", c.Number))
					if motcua.ErrorCode(err) == motcua.ENOTFOUND {
						return
					} else if err != nil {
						failed.Store(err)
						return
					}
					mu.Lock()
					if prev, ok := called[tk.ID]; ok {
						failed.Store(fmt.Errorf("ticket %s called by counters %d and %d", tk.Number, prev, c.ID))
					}
					called[tk.ID] = c.ID
					mu.Unlock()
					if _, _, err := db.Queue().Act(ctx, c.ID, 0, queue.ActNoShow, "x", sqldb.ActOptions{}); err != nil {
						failed.Store(err)
						return
					}
				}
			}(dbs[i], c)
		}
		wg.Wait()
		if err, _ := failed.Load().(error); err != nil {
			t.Fatal(err)
		}
		if len(called) != n {
			t.Fatalf("%d tickets called, want %d", len(called), n)
		}
		per := map[int64]int{}
		for _, c := range called {
			per[c]++
		}
		t.Logf("calls per counter: %v", per)
	})
}

func TestQueueFlow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		q := db.Queue()
		p := dossierProcedure(t, db)
		a := &queue.Service{Code: "A", Name: "Tư pháp", UnitCode: centre}
		b := &queue.Service{Code: "B", Name: "Đất đai", UnitCode: centre}
		for _, s := range []*queue.Service{a, b} {
			if err := q.CreateService(adminCtx(), s); err != nil {
				t.Fatal(err)
			}
		}
		if err := q.CreateService(adminCtx(), &queue.Service{Code: "A", Name: "again", UnitCode: centre}); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("duplicate code: %v", err)
		}
		c1 := &queue.Counter{UnitCode: centre, Number: 1, Services: []int64{a.ID}}
		c2 := &queue.Counter{UnitCode: centre, Number: 2, Services: []int64{b.ID}}
		for _, c := range []*queue.Counter{c1, c2} {
			if err := q.CreateCounter(adminCtx(), c); err != nil {
				t.Fatal(err)
			}
		}
		if err := q.CreateCounter(adminCtx(), &queue.Counter{UnitCode: dept, Number: 1, Services: []int64{a.ID}}); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("counter of another unit's service: %v", err)
		}
		svcs, _ := q.ListServices(ctx, centre)
		if len(svcs) != 2 || len(svcs[0].Counters) != 1 || svcs[0].Counters[0] != c1.ID {
			t.Fatalf("services: %+v", svcs)
		}
		if _, err := q.CallNext(ctx, c1.ID, "an"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatalf("empty queue: %v", err)
		}
		t1, _ := q.Issue(ctx, a.ID, queue.PriorityNone)
		t2, _ := q.Issue(ctx, a.ID, queue.PriorityNone)
		t3, err := q.Issue(ctx, a.ID, queue.PriorityElderly)
		if err != nil || t1.Number != "A001" || t3.Number != "A003" {
			t.Fatalf("issue: %v %+v %+v", err, t1, t3)
		}
		if pos, err := q.Position(ctx, t2); err != nil || pos.Ahead != 2 || pos.Wait != 15*time.Minute {
			t.Fatalf("position of A002 behind A001 and priority A003: %+v %v", pos, err)
		}
		// priority first
		got, err := q.CallNext(ctx, c1.ID, "an")
		if err != nil || got.ID != t3.ID || got.Status != queue.Called || got.Officer != "an" {
			t.Fatalf("call next: %v %+v", err, got)
		}
		if _, err := q.CallNext(ctx, c1.ID, "an"); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("busy counter: %v", err)
		}
		if got, _, err = q.Act(ctx, c1.ID, 0, queue.ActRecall, "an", sqldb.ActOptions{}); err != nil || got.Recalls != 1 {
			t.Fatalf("recall: %v %+v", err, got)
		}
		if _, _, err = q.Act(ctx, c1.ID, 0, queue.ActFinish, "an", sqldb.ActOptions{}); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("finish before start: %v", err)
		}
		q.Act(ctx, c1.ID, 0, queue.ActStart, "an", sqldb.ActOptions{})
		if _, _, err = q.Act(ctx, c1.ID, 0, queue.ActFinish, "an", sqldb.ActOptions{DossierCode: "nope"}); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("finish with an unknown dossier: %v", err)
		}
		d, err := db.Dossiers().Create(motcua.WithActor(ctx, &rcpt), receiveCmd("Nguyễn Văn An"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		if got, _, err = q.Act(ctx, c1.ID, 0, queue.ActFinish, "an", sqldb.ActOptions{DossierCode: d.Code}); err != nil || got.Status != queue.Done || got.DossierCode != d.Code {
			t.Fatalf("finish: %v %+v", err, got)
		}
		// then the longest waiting; no-show
		got, _ = q.CallNext(ctx, c1.ID, "an")
		if got.ID != t1.ID {
			t.Fatalf("second call got %s", got.Number)
		}
		if got, _, err = q.Act(ctx, c1.ID, 0, queue.ActNoShow, "an", sqldb.ActOptions{}); err != nil || got.Status != queue.NoShow {
			t.Fatalf("no-show: %v", err)
		}
		// transfer A002 to service B: counter 2 calls it, same number
		q.CallNext(ctx, c1.ID, "an")
		if _, _, err = q.Act(ctx, c1.ID, 0, queue.ActTransfer, "an", sqldb.ActOptions{}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("transfer without target: %v", err)
		}
		if _, _, err = q.Act(ctx, c1.ID, 0, queue.ActTransfer, "an", sqldb.ActOptions{ToService: a.ID}); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("transfer to the same service: %v", err)
		}
		old, next, err := q.Act(ctx, c1.ID, 0, queue.ActTransfer, "an", sqldb.ActOptions{ToService: b.ID})
		if err != nil || old.Status != queue.Transferred || next.Number != "A002" || next.ServiceID != b.ID || next.Hop != 1 || old.TransferredTo != next.ID {
			t.Fatalf("transfer: %v %+v %+v", err, old, next)
		}
		t4, _ := q.Issue(ctx, b.ID, queue.PriorityNone) // B001 issued after A002: A002 keeps its place
		if got, err = q.CallNext(ctx, c2.ID, "binh"); err != nil || got.ID != next.ID {
			t.Fatalf("counter 2 calls the transferred ticket first: %v %+v", err, got)
		}
		// transfer to a counter: only that counter calls it
		_, toC1, err := q.Act(ctx, c2.ID, 0, queue.ActTransfer, "binh", sqldb.ActOptions{ToCounter: c1.ID})
		if err != nil || toC1.TargetCounterID != c1.ID || toC1.Hop != 2 {
			t.Fatalf("transfer to counter: %v %+v", err, toC1)
		}
		if got, _ = q.CallNext(ctx, c2.ID, "binh"); got.ID != t4.ID {
			t.Fatalf("counter 2 must not take a ticket sent to counter 1: %+v", got)
		}
		if got, _ = q.CallNext(ctx, c1.ID, "an"); got.ID != toC1.ID {
			t.Fatalf("counter 1 takes the ticket sent to it: %+v", got)
		}
		// events: one per write, in order, with the board's data
		evs, err := q.EventsAfter(ctx, 0, centre, 0)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, e := range evs {
			kinds = append(kinds, e.Kind)
		}
		want := "issue issue issue call recall start finish call no_show call transfer issue call transfer call call"
		if fmt.Sprint(kinds) != "["+want+"]" {
			t.Fatalf("events %v\nwant [%s]", kinds, want)
		}
		if e := evs[3]; e.Number != "A003" || e.CounterNumber != 1 || e.Waiting != 2 {
			t.Fatalf("call event: %+v", e)
		}
		if others, _ := q.EventsAfter(ctx, 0, dept, 0); len(others) != 0 {
			t.Fatalf("unit filter: %d events", len(others))
		}
		calls, _ := q.LatestCalls(ctx, centre)
		if len(calls) != 2 || calls[0].TicketID != toC1.ID {
			t.Fatalf("latest calls: %+v", calls)
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM queue_events`); err == nil {
			t.Fatal("queue_events must be append-only")
		}
		st := queue.ComputeStats(got.Day, mustDay(t, db, got.Day))
		if st.Issued != 4 || st.Served != 1 || st.NoShows != 1 || st.Transferred != 2 {
			t.Fatalf("stats: %+v", st)
		}
		if rep, _ := db.VerifyAudit(ctx); !rep.OK {
			t.Fatalf("audit chain: %+v", rep)
		}
	})
}

func mustDay(t *testing.T, db *sqldb.DB, day string) []queue.Ticket {
	ts, err := db.Queue().DayTickets(context.Background(), day, "")
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// TestQueueListenAcrossInstances: a call written through handle A wakes a LISTEN on
// handle B (PostgreSQL only).
func TestQueueListenAcrossInstances(t *testing.T) {
	dbs := instances(t, sqldb.Postgres, 2) // skips without PostgreSQL
	a, _, c1, _ := queueSetup(t, dbs[0])
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	woke := make(chan struct{}, 100)
	ready := make(chan struct{})
	var once sync.Once
	done := make(chan error, 1)
	go func() {
		done <- dbs[1].Listen(ctx, sqldb.QueueChannel, func() {
			once.Do(func() { close(ready) })
			select {
			case woke <- struct{}{}:
			default:
			}
		})
	}()
	<-ready
	<-woke // the initial call
	if _, err := dbs[0].Queue().Issue(context.Background(), a.ID, queue.PriorityNone); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := dbs[0].Queue().CallNext(context.Background(), c1.ID, "an"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		select {
		case <-woke:
		case <-time.After(5 * time.Second):
			t.Fatal("no notification on the other instance")
		}
	}
	t.Logf("notified after %v", time.Since(start))
	evs, _ := dbs[1].Queue().EventsAfter(context.Background(), 0, "", 0)
	if len(evs) != 2 || evs[1].Kind != "call" {
		t.Fatalf("events seen by B: %+v", evs)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("listen ended with %v", err)
	}
	if err := instances(t, sqldb.SQLite, 1)[0].Listen(ctx, "x", func() {}); !errors.Is(err, errors.ErrUnsupported) {
		t.Fatalf("sqlite listen: %v", err)
	}
}

func TestRatings(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		q, rs := db.Queue(), db.Ratings()
		p := dossierProcedure(t, db)
		a := &queue.Service{Code: "A", Name: "Tư pháp", UnitCode: centre}
		q.CreateService(adminCtx(), a)
		c1 := &queue.Counter{UnitCode: centre, Number: 1, Services: []int64{a.ID}}
		c2 := &queue.Counter{UnitCode: centre, Number: 2, Services: []int64{a.ID}}
		q.CreateCounter(adminCtx(), c1)
		q.CreateCounter(adminCtx(), c2)
		tok, term, err := q.CreateTerminal(adminCtx(), c1.ID, "")
		if err != nil || term.Name != "Quầy 1" {
			t.Fatal(err, term)
		}
		_, term2, _ := q.CreateTerminal(adminCtx(), c2.ID, "Máy 2")
		var n int
		db.QueryRowContext(ctx, `SELECT COUNT(*) FROM queue_terminals WHERE token_hash = $1`, tok).Scan(&n)
		if n != 0 {
			t.Fatal("the token itself is stored")
		}
		got, err := q.TerminalByToken(ctx, tok)
		if err != nil || got.ID != term.ID || got.UnitCode != centre {
			t.Fatalf("terminal by token: %v %+v", err, got)
		}
		if _, err := q.TerminalByToken(ctx, "forged"); motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
			t.Fatal(err)
		}
		// nothing served yet
		if _, _, err := rs.SubmitTerminal(ctx, term, &rating.Rating{Level: rating.Satisfied}); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("nothing to rate: %v", err)
		}
		tk, _ := q.Issue(ctx, a.ID, "")
		q.CallNext(ctx, c1.ID, "an")
		q.Act(ctx, c1.ID, 0, queue.ActStart, "an", sqldb.ActOptions{})
		q.Act(ctx, c1.ID, 0, queue.ActFinish, "an", sqldb.ActOptions{})
		// the other counter's terminal cannot rate it
		if _, _, err := rs.SubmitTerminal(ctx, term2, &rating.Rating{Level: rating.Satisfied, TicketID: tk.ID}); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("other counter: %v", err)
		}
		r1, created, err := rs.SubmitTerminal(ctx, term, &rating.Rating{Level: rating.VerySatisfied, Reasons: []string{"fast"}})
		if err != nil || !created || r1.TicketID != tk.ID || r1.Officer != "an" || r1.CounterID != c1.ID || r1.UnitCode != centre {
			t.Fatalf("rating: %v %v %+v", err, created, r1)
		}
		// a repeated press is answered with the first rating
		r2, created, err := rs.SubmitTerminal(ctx, term, &rating.Rating{Level: rating.Dissatisfied})
		if err != nil || created || r2.ID != r1.ID || r2.Level != rating.VerySatisfied {
			t.Fatalf("repeat: %v %v %+v", err, created, r2)
		}
		// later, it is a conflict
		db.Now = func() time.Time { return time.Now().Add(time.Minute) }
		if _, _, err := rs.SubmitTerminal(ctx, term, &rating.Rating{Level: rating.Satisfied, TicketID: tk.ID}); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("second rating: %v", err)
		}
		db.Now = time.Now
		// concurrent presses: one row
		tk2, _ := q.Issue(ctx, a.ID, "")
		q.CallNext(ctx, c1.ID, "an")
		q.Act(ctx, c1.ID, 0, queue.ActStart, "an", sqldb.ActOptions{})
		var wg sync.WaitGroup
		var createdN atomic.Int32
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, c, err := db.Ratings().SubmitTerminal(ctx, term, &rating.Rating{Level: rating.Satisfied, TicketID: tk2.ID})
				if err != nil {
					t.Error(err)
				}
				if c {
					createdN.Add(1)
				}
			}()
		}
		wg.Wait()
		db.QueryRowContext(ctx, `SELECT COUNT(*) FROM ratings WHERE ticket_id = $1`, tk2.ID).Scan(&n)
		if n != 1 || createdN.Load() != 1 {
			t.Fatalf("%d rows, %d created for 8 presses", n, createdN.Load())
		}
		// online, with the dossier token
		d, err := db.Dossiers().Create(motcua.WithActor(ctx, &rcpt), receiveCmd("Trần Thị Bình"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.IssueDossierRatingToken(ctx, "nope"); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Fatal(err)
		}
		old, _ := db.IssueDossierRatingToken(ctx, d.Code)
		dtok, err := db.IssueDossierRatingToken(ctx, d.Code)
		if err != nil || dtok == old {
			t.Fatal(err)
		}
		for _, bad := range []string{old, "x"} {
			if _, _, err := rs.SubmitOnline(ctx, bad, &rating.Rating{Level: rating.Satisfied, DossierCode: d.Code}); motcua.ErrorCode(err) != motcua.EUNAUTHORIZED {
				t.Fatalf("token %q: %v", bad, err)
			}
		}
		r3, created, err := rs.SubmitOnline(ctx, dtok, &rating.Rating{Level: rating.Dissatisfied, Reasons: []string{"late"}, DossierCode: d.Code, Comment: " chậm "})
		if err != nil || !created || r3.UnitCode != d.UnitCode || r3.Comment != "chậm" || r3.Channel != rating.ChannelOnline {
			t.Fatalf("online: %v %+v", err, r3)
		}
		if _, _, err := rs.SubmitTerminal(ctx, term, &rating.Rating{Level: rating.Satisfied, DossierCode: d.Code}); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("one rating per dossier: %v", err)
		}
		if _, err := db.IssueDossierRatingToken(ctx, d.Code); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("token for a rated dossier: %v", err)
		}
		// counts
		f := sqldb.RatingFilter{From: time.Now().Add(-time.Hour), To: time.Now().Add(time.Hour)}
		all, err := rs.RatingCounts(ctx, f, "")
		if err != nil || len(all) != 1 || all[0].Counts[rating.VerySatisfied] != 1 || all[0].Counts[rating.Satisfied] != 1 || all[0].Counts[rating.Dissatisfied] != 1 {
			t.Fatalf("counts: %v %+v", err, all)
		}
		for g, want := range map[string]int{"unit": 1, "counter": 2, "officer": 2} {
			gs, err := rs.RatingCounts(ctx, f, g)
			if err != nil || len(gs) != want {
				t.Fatalf("group by %s: %v %+v", g, err, gs)
			}
		}
		f.Counter = c1.ID
		if gs, _ := rs.RatingCounts(ctx, f, ""); gs[0].Counts[rating.Dissatisfied] != 0 || gs[0].Counts[rating.Satisfied] != 1 {
			t.Fatalf("counter filter: %+v", gs)
		}
		// scale
		sc := rating.Scale{Levels: []rating.Level{{Code: "good", Name: "Tốt", Positive: true}, {Code: "neutral", Name: "Bình thường"}, {Code: "bad", Name: "Kém"}}}
		if err := rs.SetScale(adminCtx(), &sc); err != nil {
			t.Fatal(err)
		}
		if got, _ := rs.Scale(ctx); len(got.Levels) != 3 || got.Levels[1].Code != "neutral" {
			t.Fatalf("scale: %+v", got)
		}
		if rep, _ := db.VerifyAudit(ctx); !rep.OK {
			t.Fatalf("audit chain: %+v", rep)
		}
	})
}
