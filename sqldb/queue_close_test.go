package sqldb_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
)

// ictDay is the ICT date of t.
func ictDay(t time.Time) string { return t.In(motcua.ICT).Format(time.DateOnly) }

// ticketTrail counts the queue events and "ticket.*" audit entries of every ticket.
func ticketTrail(t *testing.T, db *sqldb.DB) (events, audits map[int64]int, kinds map[int64][]string) {
	t.Helper()
	ctx := context.Background()
	events, audits, kinds = map[int64]int{}, map[int64]int{}, map[int64][]string{}
	evs, err := db.Queue().EventsAfter(ctx, 0, "", 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		events[e.TicketID]++
		kinds[e.TicketID] = append(kinds[e.TicketID], e.Kind)
	}
	rows, err := db.QueryContext(ctx, `SELECT entity_id FROM audit_log WHERE entity = 'queue_ticket' AND action LIKE 'ticket.%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		audits[id]++
	}
	return events, audits, kinds
}

// TestQueueCloseDaysBefore: tickets of past days in each open state are closed as
// expired, each once even with two instances closing at once, with the same trail as
// any transition; terminal and today's tickets are untouched; a second run closes
// nothing; the counter busy with yesterday's ticket is free again.
func TestQueueCloseDaysBefore(t *testing.T) {
	eachInstances(t, 2, func(t *testing.T, dbs []*sqldb.DB) {
		ctx := context.Background()
		db := dbs[0]
		q := db.Queue()
		a, b, c1, c2 := queueSetup(t, db)
		now := time.Now()
		today := ictDay(now)
		yesterday := ictDay(now.AddDate(0, 0, -1))
		issue := func(svc int64, prio queue.Priority) *queue.Ticket {
			t.Helper()
			tk, err := q.Issue(ctx, svc, prio)
			if err != nil {
				t.Fatal(err)
			}
			return tk
		}
		act := func(c *queue.Counter, a queue.Action) {
			t.Helper()
			if _, _, err := q.Act(ctx, c.ID, 0, a, "an", sqldb.ActOptions{}); err != nil {
				t.Fatalf("%s at counter %d: %v", a, c.Number, err)
			}
		}
		call := func(c *queue.Counter, want *queue.Ticket) {
			t.Helper()
			got, err := q.CallNext(ctx, c.ID, "an")
			if err != nil || got.ID != want.ID {
				t.Fatalf("call next at counter %d: %v %+v, want %s", c.Number, err, got, want.Number)
			}
		}
		// the day before yesterday: one ticket left waiting
		db.Now = func() time.Time { return now.AddDate(0, 0, -2) }
		old := issue(b.ID, queue.PriorityNone)
		// yesterday: done, no-show, called, serving, waiting (one a priority ticket)
		db.Now = func() time.Time { return now.AddDate(0, 0, -1) }
		done, noShow, called, serving := issue(a.ID, ""), issue(a.ID, ""), issue(a.ID, ""), issue(a.ID, "")
		call(c1, done)
		act(c1, queue.ActStart)
		act(c1, queue.ActFinish)
		call(c1, noShow)
		act(c1, queue.ActNoShow)
		call(c1, called)
		call(c2, serving)
		act(c2, queue.ActStart)
		waiting, waitingPrio := issue(a.ID, ""), issue(b.ID, queue.PriorityElderly)
		// today
		db.Now = time.Now
		fresh := issue(a.ID, "")
		if _, err := q.CallNext(ctx, c1.ID, "an"); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("counter 1 is still calling yesterday's ticket: %v", err)
		}

		// two instances close at once
		var wg sync.WaitGroup
		counts := make([]int, len(dbs))
		errs := make([]error, len(dbs))
		for i, d := range dbs {
			wg.Go(func() { counts[i], errs[i] = d.Queue().CloseDaysBefore(ctx, today) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if counts[0]+counts[1] != 5 {
			t.Fatalf("closed %v tickets, want 5 in all", counts)
		}
		t.Logf("closed per instance: %v", counts)
		for _, c := range []struct {
			tk         *queue.Ticket
			want, from queue.Status
		}{
			{old, queue.Expired, queue.Waiting},
			{done, queue.Done, ""},
			{noShow, queue.NoShow, ""},
			{called, queue.Expired, queue.Called},
			{serving, queue.Expired, queue.Serving},
			{waiting, queue.Expired, queue.Waiting},
			{waitingPrio, queue.Expired, queue.Waiting},
			{fresh, queue.Waiting, ""},
		} {
			got, err := dbs[1].Queue().GetTicket(ctx, c.tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != c.want || got.ExpiredFrom != c.from || (c.want == queue.Expired && got.FinishedAt != nil) {
				t.Errorf("%s of %s: %s from %q (finished %v), want %s from %q", got.Number, got.Day, got.Status, got.ExpiredFrom, got.FinishedAt, c.want, c.from)
			}
		}
		// one event and one audit entry per version; the close's event names the counter
		events, audits, kinds := ticketTrail(t, db)
		for _, tk := range []*queue.Ticket{old, done, noShow, called, serving, waiting, waitingPrio, fresh} {
			got, _ := q.GetTicket(ctx, tk.ID)
			if events[tk.ID] != got.Version || audits[tk.ID] != got.Version {
				t.Errorf("%s v%d: %d events %v, %d audit entries", got.Number, got.Version, events[tk.ID], kinds[tk.ID], audits[tk.ID])
			}
		}
		evs, _ := q.EventsAfter(ctx, 0, centre, 1000)
		for _, e := range evs {
			if e.Kind == "expire" && e.TicketID == called.ID && (e.CounterNumber != 1 || e.Status != queue.Expired || e.Waiting != 1) {
				t.Errorf("expire event of the called ticket: %+v (want counter 1, today's 1 waiting in A)", e)
			}
		}
		// idempotent
		if n, err := dbs[1].Queue().CloseDaysBefore(ctx, today); err != nil || n != 0 {
			t.Fatalf("second close: %d %v", n, err)
		}
		// the counters are free again; an officer's action on a closed ticket is refused
		call(c1, fresh)
		if _, _, err := q.Act(ctx, c2.ID, serving.ID, queue.ActFinish, "an", sqldb.ActOptions{}); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("finish an expired ticket: %v", err)
		}
		// yesterday's statistics are final
		st := queue.ComputeStats(yesterday, mustDay(t, db, yesterday))
		if st.Issued != 6 || st.Served != 1 || st.NoShows != 1 || st.Expired != 4 || st.ExpiredCalled != 1 || st.ExpiredServing != 1 || st.WaitingNow != 0 {
			t.Fatalf("yesterday's stats: %+v", st)
		}
		for _, bad := range []string{"", "2026-13-01", "yesterday"} {
			if _, err := q.CloseDaysBefore(ctx, bad); motcua.ErrorCode(err) != motcua.EINVALID {
				t.Errorf("CloseDaysBefore(%q): %v", bad, err)
			}
		}
		if rep, _ := db.VerifyAudit(ctx); !rep.OK {
			t.Fatalf("audit chain: %+v", rep)
		}
	})
}

// TestQueueCloseRacesOfficer runs the day close on one instance while an officer on
// another finishes the ticket being closed: either the officer wins (the ticket is
// done, the close skips it) or gets a version conflict (the ticket is expired), never
// both; and a start racing the close is applied before the close or refused, the trail
// always one event and one audit entry per version.
func TestQueueCloseRacesOfficer(t *testing.T) {
	eachInstances(t, 2, func(t *testing.T, dbs []*sqldb.DB) {
		ctx := context.Background()
		a, _, c1, _ := queueSetup(t, dbs[0])
		officer, closer := dbs[0].Queue(), dbs[1].Queue()
		now := time.Now()
		today := ictDay(now)
		outcomes := map[string]int{}
		const rounds = 25
		for i := range rounds {
			action := queue.ActFinish
			if i%2 == 1 {
				action = queue.ActStart
			}
			// a ticket of yesterday being served (finish) or called (start) at counter 1
			dbs[0].Now = func() time.Time { return now.AddDate(0, 0, -1) }
			tk, err := officer.Issue(ctx, a.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := officer.CallNext(ctx, c1.ID, "an"); err != nil {
				t.Fatal(err)
			}
			if action == queue.ActFinish {
				if _, _, err := officer.Act(ctx, c1.ID, tk.ID, queue.ActStart, "an", sqldb.ActOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			dbs[0].Now = time.Now
			var wg sync.WaitGroup
			var actErr, closeErr error
			var closed int
			start := make(chan struct{})
			wg.Go(func() {
				<-start
				_, _, actErr = officer.Act(ctx, c1.ID, tk.ID, action, "an", sqldb.ActOptions{})
			})
			wg.Go(func() {
				<-start
				closed, closeErr = closer.CloseDaysBefore(ctx, today)
			})
			close(start)
			wg.Wait()
			if closeErr != nil {
				t.Fatal(closeErr)
			}
			got, err := closer.GetTicket(ctx, tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case actErr == nil && action == queue.ActFinish && got.Status == queue.Done && closed == 0:
				outcomes["finish won"]++
			case actErr == nil && action == queue.ActStart && got.Status == queue.Expired && got.ExpiredFrom == queue.Serving && closed == 1:
				outcomes["start won, then closed"]++
			case motcua.ErrorCode(actErr) == motcua.ECONFLICT && got.Status == queue.Expired && closed == 1 &&
				got.ExpiredFrom == map[queue.Action]queue.Status{queue.ActFinish: queue.Serving, queue.ActStart: queue.Called}[action]:
				outcomes[fmt.Sprintf("%s refused, closed", action)]++
			default:
				t.Fatalf("round %d (%s): officer %v, ticket %s from %q v%d, close closed %d", i, action, actErr, got.Status, got.ExpiredFrom, got.Version, closed)
			}
			events, audits, kinds := ticketTrail(t, dbs[1])
			if events[tk.ID] != got.Version || audits[tk.ID] != got.Version {
				t.Fatalf("round %d: v%d with %d events %v and %d audit entries", i, got.Version, events[tk.ID], kinds[tk.ID], audits[tk.ID])
			}
		}
		t.Logf("outcomes of %d races: %v", rounds, outcomes)
		if rep, _ := dbs[0].VerifyAudit(ctx); !rep.OK {
			t.Fatalf("audit chain: %+v", rep)
		}
	})
}

// TestQueueCloseManyConcurrent closes 520 tickets of two past days (more than one
// batch a day) from three instances at once: each is closed exactly once.
func TestQueueCloseManyConcurrent(t *testing.T) {
	eachInstances(t, 3, func(t *testing.T, dbs []*sqldb.DB) {
		ctx := context.Background()
		a, b, _, _ := queueSetup(t, dbs[0])
		now := time.Now()
		perDay := map[int]int{1: 330, 2: 190}
		for back, n := range perDay {
			dbs[0].Now = func() time.Time { return now.AddDate(0, 0, -back) }
			for i := range n {
				svc := a.ID
				if i%3 == 0 {
					svc = b.ID
				}
				if _, err := dbs[0].Queue().Issue(ctx, svc, ""); err != nil {
					t.Fatal(err)
				}
			}
		}
		dbs[0].Now = time.Now
		var wg sync.WaitGroup
		counts := make([]int, len(dbs))
		errs := make([]error, len(dbs))
		start := make(chan struct{})
		for i, d := range dbs {
			wg.Go(func() {
				<-start
				counts[i], errs[i] = d.Queue().CloseDaysBefore(ctx, ictDay(now))
			})
		}
		close(start)
		wg.Wait()
		total := 0
		for i, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
			total += counts[i]
		}
		t.Logf("closed per instance: %v", counts)
		if total != 520 {
			t.Fatalf("closed %d, want 520", total)
		}
		_, audits, _ := ticketTrail(t, dbs[0])
		for back := range perDay {
			for _, tk := range mustDay(t, dbs[1], ictDay(now.AddDate(0, 0, -back))) {
				if tk.Status != queue.Expired || tk.ExpiredFrom != queue.Waiting || tk.Version != 2 || audits[tk.ID] != 2 {
					t.Fatalf("%s of %s: %s from %q v%d, %d audit entries", tk.Number, tk.Day, tk.Status, tk.ExpiredFrom, tk.Version, audits[tk.ID])
				}
			}
		}
		var expires, tickets int
		if err := dbs[0].QueryRowContext(ctx, `SELECT COUNT(*), COUNT(DISTINCT ticket_id) FROM queue_events WHERE kind = 'expire'`).Scan(&expires, &tickets); err != nil {
			t.Fatal(err)
		}
		if expires != 520 || tickets != 520 {
			t.Fatalf("%d expire events for %d tickets, want 520", expires, tickets)
		}
		if n, err := dbs[2].Queue().CloseDaysBefore(ctx, ictDay(now)); err != nil || n != 0 {
			t.Fatalf("second close: %d %v", n, err)
		}
	})
}
