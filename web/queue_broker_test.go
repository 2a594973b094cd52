package web

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestQueueBrokerFanOut: the broker encodes each event once and hands the same frame
// to every subscriber of the event's unit and to those of every unit, in order; the
// other units' subscribers get nothing; a subscriber whose buffer is full is dropped
// (its channel closed) without disturbing the others.
func TestQueueBrokerFanOut(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		b := newQueueBroker(db, slog.New(slog.DiscardHandler), time.Hour)
		t.Cleanup(b.Close)
		sub := func(unit string, n int) []<-chan *queueFrame {
			var chs []<-chan *queueFrame
			for range n {
				ch, _ := b.Subscribe(unit)
				chs = append(chs, ch)
			}
			return chs
		}
		centre, dept, all := sub(tCenter, 100), sub(tDept, 10), sub("", 10)
		evs := []queue.Event{
			{ID: 7, Kind: "issue", UnitCode: tCenter, Number: "A001", Status: queue.Waiting, Waiting: 1},
			{ID: 8, Kind: "call", UnitCode: tCenter, Number: "A001", CounterNumber: 1, Status: queue.Called},
			{ID: 9, Kind: "issue", UnitCode: tProvince, Number: "B001", Status: queue.Waiting, Waiting: 1},
		}
		b.publish(evs)
		recv := func(ch <-chan *queueFrame) []*queueFrame {
			var got []*queueFrame
			for {
				select {
				case f := <-ch:
					got = append(got, f)
				default:
					return got
				}
			}
		}
		var first []*queueFrame
		for i, ch := range centre {
			got := recv(ch)
			if len(got) != 2 || got[0].id != 7 || got[1].id != 8 {
				t.Fatalf("centre board %d got %d frames", i, len(got))
			}
			if first == nil {
				first = got
			} else if got[0] != first[0] || got[1] != first[1] {
				t.Fatalf("centre board %d got its own copy of a frame: the event was encoded per subscriber", i)
			}
		}
		for i, ch := range dept {
			if got := recv(ch); len(got) != 0 {
				t.Fatalf("department board %d got another unit's events: %d frames", i, len(got))
			}
		}
		for i, ch := range all {
			got := recv(ch)
			if len(got) != 3 || got[0] != first[0] || got[1] != first[1] || got[2].id != 9 {
				t.Fatalf("province-wide board %d: %d frames", i, len(got))
			}
		}
		want, err := encodeQueueFrame(&evs[1])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first[1].data, want.data) || !bytes.HasPrefix(want.data, []byte("id: 8\nevent: call\ndata: {")) || !bytes.HasSuffix(want.data, []byte("}\n\n")) {
			t.Fatalf("frame %q", first[1].data)
		}

		// a slow board: 256 buffered frames, the 257th drops it; a reading board stays
		slow, _ := b.Subscribe(tDept)
		quick, cancel := b.Subscribe(tDept)
		for i := range 257 {
			b.publish([]queue.Event{{ID: int64(100 + i), Kind: "issue", UnitCode: tDept}})
			if f := <-quick; f.id != int64(100+i) {
				t.Fatalf("quick board got %d, want %d", f.id, 100+i)
			}
		}
		n := 0
		for range slow {
			n++
		}
		if n != 256 {
			t.Fatalf("slow board: %d frames before its channel closed, want 256", n)
		}
		cancel()
		if _, ok := <-quick; ok {
			t.Fatal("cancelled subscription still open")
		}
	})
}

// TestQueueBrokerPublishAllocs: publishing an event allocates as much with 1,000
// subscribers as with one — nothing is encoded or copied per subscriber.
func TestQueueBrokerPublishAllocs(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	allocs := func(subs int) float64 {
		b := newQueueBroker(db, slog.New(slog.DiscardHandler), time.Hour)
		defer b.Close()
		var chs []<-chan *queueFrame
		for range subs {
			ch, _ := b.Subscribe(tCenter)
			chs = append(chs, ch)
		}
		evs := []queue.Event{{ID: 1, Kind: "call", UnitCode: tCenter, Number: "A001", CounterNumber: 3, Status: queue.Called, At: time.Now()}}
		n := testing.AllocsPerRun(100, func() {
			b.publish(evs)
			for _, ch := range chs {
				<-ch
			}
		})
		return n
	}
	one, many := allocs(1), allocs(1000)
	t.Logf("allocations per published event: %.1f with 1 subscriber, %.1f with 1,000", one, many)
	// Per-subscriber work would add at least 1,000; allow the odd allocation the race
	// detector's runtime makes.
	if many > one+10 {
		t.Fatalf("publishing allocates per subscriber: %.1f allocations with 1,000 subscribers, %.1f with one", many, one)
	}
}

// TestQueueBoardsIdenticalBytes: many boards of one centre, connected over HTTP,
// receive byte-identical streams for a ticket's issue and call, equal to the frame
// of the stored event (read back through the polling page); province-wide boards get
// the same bytes, another unit's boards get nothing.
func TestQueueBoardsIdenticalBytes(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		t.Cleanup(e.srv.CloseQueue) // before the server closes: ends the streams
		svcA, _, c1, _ := queueEnv(t, e)
		type board struct {
			rd   *bufio.Reader
			body io.Closer
		}
		open := func(unit string) board {
			req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/queue/events?unit="+unit, nil)
			req.Header.Set("Accept", "text/event-stream")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { res.Body.Close() })
			rd := bufio.NewReader(res.Body)
			if line, err := rd.ReadString('\n'); err != nil || line != "retry: 3000\n" { // subscribed
				t.Fatalf("first line %q, %v", line, err)
			}
			rd.ReadString('\n')
			return board{rd, res.Body}
		}
		var centre, all, dept []board
		for range 40 {
			centre = append(centre, open(tCenter))
		}
		for range 5 {
			all = append(all, open(""))
			dept = append(dept, open(tDept))
		}
		// two frames per board: the issue and the call, read whole (raw bytes)
		read := func(b board) chan string {
			out := make(chan string, 1)
			go func() {
				var sb strings.Builder
				for frames := 0; frames < 2; {
					line, err := b.rd.ReadString('\n')
					if err != nil {
						out <- fmt.Sprintf("error %v after %q", err, sb.String())
						return
					}
					if strings.HasPrefix(line, ":") { // heartbeat
						continue
					}
					sb.WriteString(line)
					if line == "\n" {
						frames++
					}
				}
				out <- sb.String()
			}()
			return out
		}
		var pending []chan string
		for _, b := range append(append([]board{}, centre...), all...) {
			pending = append(pending, read(b))
		}
		var tk publicTicket
		if res := e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": svcA.ID}, &tk); res.StatusCode != 201 {
			t.Fatalf("issue: %d", res.StatusCode)
		}
		if res := e.do("POST", fmt.Sprintf("/api/v1/counters/%d/call-next", c1.ID), e.tokens[motcua.RoleReceptionist], nil, nil); res.StatusCode != 200 {
			t.Fatalf("call-next: %d", res.StatusCode)
		}
		var page struct{ Items []queue.Event }
		e.do("GET", "/api/v1/queue/events?after=0&unit="+tCenter, "", nil, &page)
		if len(page.Items) != 2 {
			t.Fatalf("stored events: %+v", page.Items)
		}
		var want strings.Builder
		for i := range page.Items {
			f, err := encodeQueueFrame(&page.Items[i])
			if err != nil {
				t.Fatal(err)
			}
			want.Write(f.data)
		}
		timeout := time.After(10 * time.Second)
		for i, ch := range pending {
			select {
			case got := <-ch:
				if got != want.String() {
					t.Fatalf("board %d received\n%q\nwant\n%q", i, got, want.String())
				}
			case <-timeout:
				t.Fatalf("board %d: no events in 10 s", i)
			}
		}
		if !strings.Contains(want.String(), "event: call\n") || !strings.Contains(want.String(), `"number":"A001"`) {
			t.Fatalf("frames: %q", want.String())
		}
		// another unit's boards: nothing but possibly heartbeats before the stream ends
		e.srv.CloseQueue()
		for i, b := range dept {
			rest, _ := io.ReadAll(b.rd)
			if strings.Contains(string(rest), "id:") {
				t.Fatalf("department board %d received %q", i, rest)
			}
		}
	})
}
