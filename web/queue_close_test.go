package web

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestQueueDayClosePages: tickets left open yesterday are not counted in today's
// dashboard queue load; after the day close the phone page shows the translated
// expired status with the come-back notice, the counter that was calling one is free,
// and yesterday's statistics count the expired tickets.
func TestQueueDayClosePages(t *testing.T) {
	sqldbtest.Each(t, testQueueDayClosePages)
}

func testQueueDayClosePages(t *testing.T, db *sqldb.DB) {
	e := newTestEnv(t, db)
	t.Cleanup(e.srv.CloseQueue)
	a, b, c1, _ := queueEnv(t, e)
	ctx := context.Background()
	now := time.Now().In(motcua.ICT)
	yesterday, today := now.AddDate(0, 0, -1), now.Format(time.DateOnly)
	y := yesterday.Format(time.DateOnly)
	called := yesterday.Add(-time.Minute)
	issuedAt := yesterday.Add(-time.Hour)
	// yesterday: A001 called at counter 1, B001 waiting; today: A001 waiting (issued through the API)
	old := []queue.Ticket{
		{ServiceID: a.ID, ServiceCode: "A", UnitCode: tCenter, Day: y, Seq: 1, Number: "A001", Status: queue.Called,
			IssuedAt: issuedAt, QueuedAt: issuedAt, CalledAt: &called, CounterID: c1.ID, Officer: "u-receptionist"},
		{ServiceID: b.ID, ServiceCode: "B", UnitCode: tCenter, Day: y, Seq: 1, Number: "B001", Status: queue.Waiting, IssuedAt: issuedAt, QueuedAt: issuedAt},
	}
	if err := e.db.ImportQueue(ctx, old, nil, "", nil); err != nil {
		t.Fatal(err)
	}
	var fresh struct{ ID int64 }
	if res := e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID}, &fresh); res.StatusCode != 201 {
		t.Fatalf("issue: %d", res.StatusCode)
	}
	director := e.tokens[motcua.RoleDirector]
	var dash struct{ Queue dashQueue }
	if res := e.do("GET", "/api/v1/reports/dashboard?unit="+tCenter, director, nil, &dash); res.StatusCode != 200 {
		t.Fatalf("dashboard: %d", res.StatusCode)
	}
	if dash.Queue.Issued != 1 || dash.Queue.Waiting != 1 {
		t.Fatalf("today's queue load counts yesterday's open tickets: %+v", dash.Queue)
	}
	rc := e.browser("u-receptionist")
	cpath := fmt.Sprintf("/counter/%d", c1.ID)
	if _, body := rc.get(cpath); !strings.Contains(body, "data-current-number>A001<") {
		t.Fatal("counter 1 should still be calling yesterday's A001 before the close")
	}

	if n, err := e.db.Queue().CloseDaysBefore(ctx, today); err != nil || n != 2 {
		t.Fatalf("close: %d %v", n, err)
	}

	phone := deviceClient()
	_, body := e.page(phone, fmt.Sprintf("/ve/%d", old[0].ID))
	mustContain(t, "phone page of an expired ticket", body, "Hết ngày, chưa phục vụ", `<p class="error" data-f="expired" role="status">Ngày làm việc đã kết thúc`)
	_, body = e.page(phone, fmt.Sprintf("/ve/%d", fresh.ID))
	mustContain(t, "phone page of today's ticket", body, "Đang chờ", `data-f="expired" role="status" hidden>`)
	var pt publicTicket
	res := e.do("GET", fmt.Sprintf("/api/v1/queue/tickets/%d?lang=en", old[1].ID), "", nil, &pt)
	if res.StatusCode != 200 || pt.Status != "expired" || pt.StatusText != "Unserved at day end" || pt.PeopleAhead != 0 {
		t.Fatalf("public ticket: %d %+v", res.StatusCode, pt)
	}
	// counter 1 is free: it calls today's ticket
	_, body = rc.get(cpath)
	mustContain(t, "counter after the close", body, "Gọi số tiếp theo", `action="`+cpath+`/call-next"`)
	if res, _ := rc.post(cpath+"/call-next", url.Values{}); res.StatusCode != 303 {
		t.Fatalf("call next after the close: %d", res.StatusCode)
	}
	if cur, _ := e.db.Queue().Current(ctx, c1.ID); cur == nil || cur.ID != fresh.ID {
		t.Fatalf("counter 1 calls %+v, want today's ticket", cur)
	}
	// yesterday's statistics are final
	var out struct{ Stats queue.Stats }
	if res := e.do("GET", "/api/v1/queue/stats?date="+y+"&unit="+tCenter, director, nil, &out); res.StatusCode != 200 {
		t.Fatalf("stats: %d", res.StatusCode)
	}
	st := out.Stats
	if st.Issued != 2 || st.Expired != 2 || st.ExpiredCalled != 1 || st.ExpiredServing != 0 || st.WaitingNow != 0 || st.Waiting.Count != 1 ||
		len(st.Counters) != 1 || st.Counters[0].Expired != 1 {
		t.Fatalf("yesterday's stats: %+v", st)
	}
}
