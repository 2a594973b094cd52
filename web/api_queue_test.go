package web

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// queueEnv configures services A and B and counters 1 and 2 of the centre through the
// API, as the admin.
func queueEnv(t *testing.T, e *testEnv) (svcA, svcB queue.Service, c1, c2 queue.Counter) {
	t.Helper()
	admin := e.tokens[motcua.RoleAdmin]
	for _, s := range []*queue.Service{{Code: "A", Name: "Lý lịch tư pháp", UnitCode: tCenter, Fields: []string{tField}}, {Code: "B", Name: "Đất đai", UnitCode: tCenter}} {
		if res := e.do("POST", "/api/v1/queue/services", admin, s, s); res.StatusCode != 201 {
			t.Fatalf("create service: %d", res.StatusCode)
		}
		if s.Code == "A" {
			svcA = *s
		} else {
			svcB = *s
		}
	}
	for _, c := range []*queue.Counter{{UnitCode: tCenter, Number: 1, Services: []int64{svcA.ID, svcB.ID}}, {UnitCode: tCenter, Number: 2, Services: []int64{svcB.ID}}} {
		if res := e.do("POST", "/api/v1/queue/counters", admin, c, c); res.StatusCode != 201 {
			t.Fatalf("create counter: %d", res.StatusCode)
		}
		if c.Number == 1 {
			c1 = *c
		} else {
			c2 = *c
		}
	}
	return
}

func TestQueueAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		t.Cleanup(e.srv.CloseQueue)
		rcp, admin, director := e.tokens[motcua.RoleReceptionist], e.tokens[motcua.RoleAdmin], e.tokens[motcua.RoleDirector]
		// configuration is the admin's
		e.problem("POST", "/api/v1/queue/services", rcp, queue.Service{Code: "C", Name: "x", UnitCode: tCenter}, 403)
		if p := e.problem("POST", "/api/v1/queue/services", admin, queue.Service{Code: "C1", Name: "x", UnitCode: tCenter}, 400); p.Field != "code" {
			t.Fatalf("%+v", p)
		}
		a, b, c1, c2 := queueEnv(t, e)
		var list struct{ Items []queue.Service }
		e.do("GET", "/api/v1/queue/services?unit="+tCenter, "", nil, &list)
		if len(list.Items) != 2 || len(list.Items[1].Counters) != 2 {
			t.Fatalf("services: %+v", list)
		}

		// kiosk: public; priority only at reception
		var t1, t2, t3 publicTicket
		if res := e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID}, &t1); res.StatusCode != 201 || t1.Number != "A001" || t1.ServiceName != a.Name {
			t.Fatalf("issue: %d %+v", res.StatusCode, t1)
		}
		e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID}, &t2)
		if p := e.problem("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID, "priority": "elderly"}, 403); p.Key != "queue.priority_reception_only" {
			t.Fatalf("%+v", p)
		}
		e.problem("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID, "priority": "vip"}, 400)
		e.problem("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": 999}, 404)
		if res := e.do("POST", "/api/v1/queue/tickets", rcp, map[string]any{"service_id": a.ID, "priority": "disabled"}, &t3); res.StatusCode != 201 || !t3.Priority || t3.Number != "A003" {
			t.Fatalf("priority issue: %d %+v", res.StatusCode, t3)
		}
		// follow on a phone: people ahead, estimated wait, no personal data
		var f publicTicket
		res := e.do("GET", fmt.Sprintf("/api/v1/queue/tickets/%d", t2.ID), "", nil, nil)
		body := readAll(mustGet(t, e.ts.URL+fmt.Sprintf("/api/v1/queue/tickets/%d", t2.ID)))
		jsonUnmarshal([]byte(body), &f)
		if res.StatusCode != 200 || f.PeopleAhead != 2 || f.WaitMinutes != 15 || f.StatusText != "Đang chờ" || strings.Contains(body, "officer") {
			t.Fatalf("follow: %d %s", res.StatusCode, body)
		}
		if strings.Contains(readAll(mustGet(t, e.ts.URL+fmt.Sprintf("/api/v1/queue/tickets/%d", t3.ID))), "disabled") {
			t.Fatal("the priority category is shown publicly")
		}
		e.problem("GET", "/api/v1/queue/tickets/abc", "", nil, 404)

		// counter: priority first, then the longest waiting
		var cv counterView
		path := func(c queue.Counter, act string) string { return fmt.Sprintf("/api/v1/counters/%d/%s", c.ID, act) }
		e.problem("POST", path(c1, "call-next"), "", nil, 401)
		e.problem("POST", path(c1, "call-next"), e.tokens[motcua.RoleProcessor], nil, 403)
		if res := e.do("POST", path(c1, "call-next"), rcp, nil, &cv); res.StatusCode != 200 || cv.Ticket.ID != t3.ID || cv.Ticket.Officer != "u-receptionist" || cv.Waiting[fmt.Sprint(a.ID)] != 2 {
			t.Fatalf("call next: %d %+v", res.StatusCode, cv)
		}
		if p := e.problem("POST", path(c1, "call-next"), rcp, nil, 409); p.Key != "queue.counter_busy" {
			t.Fatalf("%+v", p)
		}
		e.do("POST", path(c1, "recall"), rcp, nil, &cv)
		if cv.Ticket.Recalls != 1 {
			t.Fatalf("recall: %+v", cv.Ticket)
		}
		e.problem("POST", path(c1, "finish"), rcp, nil, 409)
		e.problem("POST", path(c1, "start"), rcp, map[string]any{"dossier_code": "x"}, 400)
		e.do("POST", path(c1, "start"), rcp, "{}", &cv)
		e.problem("POST", path(c1, "finish"), rcp, map[string]any{"dossier_code": "H37-000000-0000"}, 422)
		if res := e.do("POST", path(c1, "finish"), rcp, nil, &cv); res.StatusCode != 200 || cv.Ticket.Status != queue.Done {
			t.Fatalf("finish: %d %+v", res.StatusCode, cv)
		}
		e.do("POST", path(c1, "call-next"), rcp, nil, &cv)
		if cv.Ticket.ID != t1.ID {
			t.Fatalf("second call: %+v", cv.Ticket)
		}
		e.do("POST", path(c1, "no-show"), rcp, nil, &cv)
		e.do("POST", path(c1, "call-next"), rcp, nil, &cv)
		if res := e.do("POST", path(c1, "transfer"), rcp, map[string]any{"service_id": b.ID}, &cv); res.StatusCode != 200 ||
			cv.Ticket.Status != queue.Transferred || cv.Continuation == nil || cv.Continuation.Number != "A002" {
			t.Fatalf("transfer: %d %+v", res.StatusCode, cv)
		}
		e.do("POST", path(c2, "call-next"), rcp, nil, &cv)
		if cv.Ticket.Number != "A002" || cv.Ticket.ServiceID != b.ID {
			t.Fatalf("counter 2 after the transfer: %+v", cv.Ticket)
		}
		e.do("GET", fmt.Sprintf("/api/v1/queue/tickets/%d", t2.ID), "", nil, &f)
		if f.TransferredTo != cv.Ticket.ID {
			t.Fatalf("the phone follows the transfer: %+v", f)
		}
		e.do("POST", path(c2, "start"), rcp, nil, nil)
		e.do("POST", path(c2, "finish"), rcp, nil, nil)
		if p := e.problem("POST", path(c1, "call-next"), rcp, nil, 404); p.Key != "queue.no_waiting" {
			t.Fatalf("%+v", p)
		}
		e.do("GET", fmt.Sprintf("/api/v1/counters/%d", c1.ID), rcp, nil, &cv)
		if cv.Ticket != nil || cv.Counter.Number != 1 {
			t.Fatalf("counter state: %+v", cv)
		}

		// board snapshot
		var board struct {
			Calls    []queue.Event
			Services []struct {
				Code    string
				Waiting int
			}
			LastEventID int64 `json:"last_event_id"`
		}
		e.do("GET", "/api/v1/queue/board?unit="+tCenter, "", nil, &board)
		if len(board.Calls) != 2 || board.Calls[0].CounterNumber != 2 || board.LastEventID == 0 || len(board.Services) != 2 {
			t.Fatalf("board: %+v", board)
		}
		// polling fallback (no text/event-stream)
		var page struct {
			Items  []queue.Event
			LastID int64 `json:"last_id"`
		}
		e.do("GET", "/api/v1/queue/events?after=0&unit="+tCenter, "", nil, &page)
		if len(page.Items) != int(page.LastID) || page.Items[0].Kind != "issue" {
			t.Fatalf("events page: %d items, last %d", len(page.Items), page.LastID)
		}

		// statistics
		var stats struct {
			Stats queue.Stats
		}
		e.problem("GET", "/api/v1/queue/stats", rcp, nil, 403)
		if res := e.do("GET", "/api/v1/queue/stats?date="+time.Now().In(motcua.ICT).Format(time.DateOnly), director, nil, &stats); res.StatusCode != 200 ||
			stats.Stats.Issued != 3 || stats.Stats.Served != 2 || stats.Stats.NoShows != 1 || stats.Stats.Transferred != 1 || len(stats.Stats.Officers) != 1 {
			t.Fatalf("stats: %d %+v", res.StatusCode, stats)
		}
		e.problem("GET", "/api/v1/queue/stats?date=2026-13-01", director, nil, 400)
		e.problem("GET", "/api/v1/queue/stats?unit="+tCenter, e.tokens[motcua.RoleLeader], nil, 403) // a leader of another unit

		// rate limit of the kiosk
		e.srv.SetQueueOptions(0, 1, 0)
		e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": b.ID}, nil)
		e.problem("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": b.ID}, 429)
	})
}

func mustGet(t *testing.T, url string) *http.Response {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ratingPost sends a rating with an optional terminal token and bearer token.
func (e *testEnv) ratingPost(terminal, bearer string, body any, out any) *http.Response {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.ts.URL+"/api/v1/ratings", strings.NewReader(string(mustJSON(body))))
	req.Header.Set("Content-Type", "application/json")
	if terminal != "" {
		req.Header.Set(TerminalHeader, terminal)
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	b := readAll(res)
	if out != nil {
		jsonUnmarshal([]byte(b), out)
	}
	return res
}

func TestRatingAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		t.Cleanup(e.srv.CloseQueue)
		rcp, admin, director := e.tokens[motcua.RoleReceptionist], e.tokens[motcua.RoleAdmin], e.tokens[motcua.RoleDirector]
		a, _, c1, _ := queueEnv(t, e)
		var term struct {
			Terminal sqldb.Terminal
			Token    string
		}
		e.problem("POST", "/api/v1/queue/terminals", rcp, map[string]any{"counter_id": c1.ID}, 403)
		if res := e.do("POST", "/api/v1/queue/terminals", admin, map[string]any{"counter_id": c1.ID, "name": "Máy đánh giá quầy 1"}, &term); res.StatusCode != 201 || term.Token == "" {
			t.Fatalf("terminal: %d %+v", res.StatusCode, term)
		}
		var scale rating.Scale
		e.do("GET", "/api/v1/ratings/scale", "", nil, &scale)
		if len(scale.Levels) != 3 || scale.Levels[0].Code != rating.VerySatisfied {
			t.Fatalf("scale: %+v", scale)
		}
		// serve one citizen at counter 1
		var tk publicTicket
		e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID}, &tk)
		for _, act := range []string{"call-next", "start", "finish"} {
			e.do("POST", fmt.Sprintf("/api/v1/counters/%d/%s", c1.ID, act), rcp, nil, nil)
		}
		var p Problem
		// the officer's own session is refused, with or without the terminal token
		if res := e.ratingPost("", rcp, map[string]any{"level": "dissatisfied", "ticket_id": tk.ID}, &p); res.StatusCode != 403 || p.Key != "rating.staff_refused" {
			t.Fatalf("officer token: %d %+v", res.StatusCode, p)
		}
		if res := e.ratingPost(term.Token, rcp, map[string]any{"level": "dissatisfied"}, &p); res.StatusCode != 403 {
			t.Fatalf("officer token with the terminal's: %d", res.StatusCode)
		}
		if res := e.ratingPost("", "", map[string]any{"level": "satisfied", "ticket_id": tk.ID}, &p); res.StatusCode != 401 || p.Key != "rating.terminal_required" {
			t.Fatalf("anonymous: %d %+v", res.StatusCode, p)
		}
		if res := e.ratingPost("forged", "", map[string]any{"level": "satisfied"}, &p); res.StatusCode != 401 {
			t.Fatalf("forged terminal: %d", res.StatusCode)
		}
		if res := e.ratingPost(term.Token, "", map[string]any{"level": "meh"}, &p); res.StatusCode != 422 {
			t.Fatalf("unknown level: %d", res.StatusCode)
		}
		var r1, r2 rating.Rating
		if res := e.ratingPost(term.Token, "", map[string]any{"level": "very_satisfied", "reasons": []string{"fast"}}, &r1); res.StatusCode != 201 ||
			r1.TicketID != tk.ID || r1.Officer != "u-receptionist" || r1.CounterID != c1.ID {
			t.Fatalf("terminal rating: %d %+v", res.StatusCode, r1)
		}
		// the citizen presses again: same answer, no second row
		if res := e.ratingPost(term.Token, "", map[string]any{"level": "very_satisfied"}, &r2); res.StatusCode != 200 || r2.ID != r1.ID {
			t.Fatalf("repeated press: %d %+v", res.StatusCode, r2)
		}
		// online with a wrong dossier token
		if res := e.ratingPost("", "", map[string]any{"level": "satisfied", "dossier_code": "X", "token": "bad"}, &p); res.StatusCode != 401 {
			t.Fatalf("bad online token: %d", res.StatusCode)
		}
		// revoked terminal
		if res := e.do("DELETE", fmt.Sprintf("/api/v1/queue/terminals/%d", term.Terminal.ID), admin, nil, nil); res.StatusCode != 204 {
			t.Fatalf("revoke: %d", res.StatusCode)
		}
		if res := e.ratingPost(term.Token, "", map[string]any{"level": "satisfied"}, &p); res.StatusCode != 401 {
			t.Fatalf("revoked terminal: %d", res.StatusCode)
		}

		// summary: exact shares of the seeds' kind — 5,841 ratings, 99.71% satisfied or better
		ctx := context.Background()
		now := time.Now().UTC()
		levels := map[string]int{rating.VerySatisfied: 5000, rating.Satisfied: 824, rating.Dissatisfied: 17}
		tx, _ := db.BeginTx(ctx, nil)
		for lv, n := range levels {
			for i := 0; i < n; i++ {
				if _, err := tx.ExecContext(ctx, `INSERT INTO ratings (at, level, channel, counter_id, officer, unit_code) VALUES ($1,$2,'terminal',$3,'u-receptionist',$4)`,
					now, lv, c1.ID, tCenter); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		var sum struct {
			Summary rating.Summary
			Groups  []summaryView
		}
		e.problem("GET", "/api/v1/ratings/summary", rcp, nil, 403)
		today := time.Now().In(motcua.ICT).Format(time.DateOnly)
		if res := e.do("GET", "/api/v1/ratings/summary?from="+today+"&to="+today+"&group_by=officer&counter="+fmt.Sprint(c1.ID), director, nil, &sum); res.StatusCode != 200 {
			t.Fatalf("summary: %d", res.StatusCode)
		}
		s := sum.Summary
		if s.Total != 5842 || s.Levels[0].Count != 5001 || s.Levels[1].Count != 824 || s.Levels[2].Count != 17 || len(sum.Groups) != 1 || sum.Groups[0].Total != 5842 {
			t.Fatalf("summary: %+v", sum)
		}
		if s.Positive.Count != 5825 || s.Positive.Percent != 99.71 || s.Levels[0].Percent != 85.6 || s.Levels[2].Percent != 0.29 {
			t.Fatalf("shares: %+v", s)
		}
		e.do("GET", "/api/v1/ratings/summary?from=2020-01-01&to=2020-01-31", director, nil, &sum)
		if sum.Summary.Total != 0 {
			t.Fatalf("empty period: %+v", sum.Summary)
		}
		e.problem("GET", "/api/v1/ratings/summary?group_by=day", director, nil, 400)
		e.problem("GET", "/api/v1/ratings/summary?from=2026-02-30", director, nil, 400)
	})
}

// sseClient reads a text/event-stream.
type sseClient struct {
	res *http.Response
	sc  *bufio.Scanner
}

func openSSE(t *testing.T, url, lastID string) *sseClient {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept", "text/event-stream")
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); res.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("sse: %d %s", res.StatusCode, ct)
	}
	t.Cleanup(func() { res.Body.Close() })
	return &sseClient{res: res, sc: bufio.NewScanner(res.Body)}
}

type sseEvent struct{ id, kind, data string }

// next returns the next event (comments skipped) or fails after timeout.
func (c *sseClient) next(t *testing.T, timeout time.Duration) sseEvent {
	t.Helper()
	got := make(chan sseEvent, 1)
	go func() {
		var ev sseEvent
		for c.sc.Scan() {
			line := c.sc.Text()
			switch {
			case line == "":
				if ev.kind != "" {
					got <- ev
					return
				}
			case strings.HasPrefix(line, "id: "):
				ev.id = line[4:]
			case strings.HasPrefix(line, "event: "):
				ev.kind = line[7:]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[6:]
			}
		}
		close(got)
	}()
	select {
	case ev, ok := <-got:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev
	case <-time.After(timeout):
		t.Fatal("no event in time")
	}
	return sseEvent{}
}

// TestQueueEventsAcrossInstances: a board connected to instance B receives, within
// milliseconds, a call made on instance A (PostgreSQL: LISTEN/NOTIFY, with B's
// polling slowed to an hour to prove it; SQLite: B's polling), and a reconnect with
// Last-Event-ID replays what it missed.
func TestQueueEventsAcrossInstances(t *testing.T) {
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			dsn := sqldbtest.DSN(t, d)
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
			dbA, dbB := open(), open()
			a := newTestEnv(t, dbA)
			t.Cleanup(a.srv.CloseQueue)
			srvB, err := New(dbB, t.TempDir(), nil)
			if err != nil {
				t.Fatal(err)
			}
			tsB := httptest.NewServer(srvB.Handler())
			t.Cleanup(tsB.Close)
			t.Cleanup(srvB.CloseQueue) // runs before tsB.Close: ends the streams
			if d == sqldb.Postgres {
				srvB.SetQueueOptions(time.Hour, 0, 0)
			}
			svcA, _, c1, _ := queueEnv(t, a)
			var tk publicTicket
			a.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": svcA.ID}, &tk)

			board := openSSE(t, tsB.URL+"/api/v1/queue/events?unit="+tCenter, "")
			time.Sleep(300 * time.Millisecond) // let B's broker start (and LISTEN)
			start := time.Now()
			a.do("POST", fmt.Sprintf("/api/v1/counters/%d/call-next", c1.ID), a.tokens[motcua.RoleReceptionist], nil, nil)
			ev := board.next(t, 5*time.Second)
			t.Logf("%s: call delivered across instances in %v", d, time.Since(start))
			var qe queue.Event
			jsonUnmarshal([]byte(ev.data), &qe)
			if ev.kind != "call" || qe.Number != "A001" || qe.CounterNumber != 1 || ev.id != fmt.Sprint(qe.ID) {
				t.Fatalf("event: %+v %+v", ev, qe)
			}
			// another unit's board does not get it
			other := openSSE(t, tsB.URL+"/api/v1/queue/events?unit="+tDept, "")
			a.do("POST", fmt.Sprintf("/api/v1/counters/%d/recall", c1.ID), a.tokens[motcua.RoleReceptionist], nil, nil)
			if ev := board.next(t, 5*time.Second); ev.kind != "recall" {
				t.Fatalf("recall: %+v", ev)
			}
			board.res.Body.Close()
			// missed while disconnected: start, then a reconnect replays from Last-Event-ID
			a.do("POST", fmt.Sprintf("/api/v1/counters/%d/start", c1.ID), a.tokens[motcua.RoleReceptionist], nil, nil)
			again := openSSE(t, tsB.URL+"/api/v1/queue/events?unit="+tCenter, ev.id)
			if ev := again.next(t, 5*time.Second); ev.kind != "recall" {
				t.Fatalf("replay 1: %+v", ev)
			}
			if ev := again.next(t, 5*time.Second); ev.kind != "start" {
				t.Fatalf("replay 2: %+v", ev)
			}
			a.do("POST", fmt.Sprintf("/api/v1/counters/%d/finish", c1.ID), a.tokens[motcua.RoleReceptionist], nil, nil)
			if ev := again.next(t, 5*time.Second); ev.kind != "finish" {
				t.Fatalf("live after replay: %+v", ev)
			}
			// the other unit's board saw nothing: its first event is a heartbeat-free wait
			done := make(chan struct{})
			go func() {
				defer close(done)
				other.sc.Scan() // "retry: 3000"
				other.sc.Scan()
				other.sc.Scan() // blocks until the stream ends
			}()
			select {
			case <-done:
				if strings.HasPrefix(other.sc.Text(), "id:") {
					t.Fatal("another unit's board received the event")
				}
			case <-time.After(300 * time.Millisecond):
			}
		})
	}
}
