package queue

import (
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
)

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		code string
		seq  int
		want string
	}{{"A", 1, "A001"}, {"B", 42, "B042"}, {"A", 999, "A999"}, {"A", 1000, "A1000"}, {"AB", 7, "AB007"}} {
		if got := FormatNumber(c.code, c.seq); got != c.want {
			t.Errorf("FormatNumber(%q, %d) = %q, want %q", c.code, c.seq, got, c.want)
		}
	}
}

func TestStateMachine(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, motcua.ICT)
	for _, c := range []struct {
		name    string
		from    Status
		act     Action
		counter int64
		want    Status
		err     string
	}{
		{"call a waiting ticket", Waiting, ActCall, 1, Called, ""},
		{"recall", Called, ActRecall, 1, Called, ""},
		{"start", Called, ActStart, 1, Serving, ""},
		{"finish", Serving, ActFinish, 1, Done, ""},
		{"no-show", Called, ActNoShow, 1, NoShow, ""},
		{"transfer while called", Called, ActTransfer, 1, Transferred, ""},
		{"transfer while serving", Serving, ActTransfer, 1, Transferred, ""},
		{"no finish before start", Called, ActFinish, 1, "", motcua.ECONFLICT},
		{"no call twice", Called, ActCall, 1, "", motcua.ECONFLICT},
		{"no recall while serving", Serving, ActRecall, 1, "", motcua.ECONFLICT},
		{"no no-show of a served ticket", Done, ActNoShow, 1, "", motcua.ECONFLICT},
		{"nothing after done", Done, ActStart, 1, "", motcua.ECONFLICT},
		{"nothing after no-show", NoShow, ActCall, 1, "", motcua.ECONFLICT},
		{"another counter's ticket", Called, ActStart, 2, "", motcua.ECONFLICT},
		{"unknown action", Waiting, "jump", 1, "", motcua.EINVALID},
	} {
		t.Run(c.name, func(t *testing.T) {
			tk := &Ticket{Status: c.from, Version: 1}
			if c.from != Waiting {
				tk.CounterID = 1
			}
			err := Apply(tk, c.act, now, c.counter, "motcua1")
			if c.err != "" {
				if motcua.ErrorCode(err) != c.err {
					t.Fatalf("err = %v, want %s", err, c.err)
				}
				if tk.Status != c.from || tk.Version != 1 {
					t.Fatalf("a refused action changed the ticket: %+v", tk)
				}
				return
			}
			if err != nil || tk.Status != c.want || tk.Version != 2 {
				t.Fatalf("err %v, status %s, version %d; want %s", err, tk.Status, tk.Version, c.want)
			}
		})
	}
	// timestamps and counters along the happy path
	tk := &Ticket{Status: Waiting}
	Apply(tk, ActCall, now, 3, "a")
	Apply(tk, ActRecall, now.Add(time.Minute), 3, "a")
	Apply(tk, ActStart, now.Add(2*time.Minute), 3, "b")
	Apply(tk, ActFinish, now.Add(9*time.Minute), 3, "b")
	if tk.CounterID != 3 || tk.Recalls != 1 || tk.Officer != "b" || !tk.CalledAt.Equal(now.Add(time.Minute)) ||
		!tk.StartedAt.Equal(now.Add(2*time.Minute)) || !tk.FinishedAt.Equal(now.Add(9*time.Minute)) {
		t.Fatalf("ticket after the flow: %+v", tk)
	}
	if got := Allowed(Called); len(got) != 4 {
		t.Fatalf("Allowed(called) = %v", got)
	}
}

func TestBefore(t *testing.T) {
	t0 := time.Date(2026, 3, 2, 8, 0, 0, 0, motcua.ICT)
	early := &Ticket{ID: 1, IssuedAt: t0}
	late := &Ticket{ID: 2, IssuedAt: t0.Add(time.Minute)}
	latePrio := &Ticket{ID: 3, IssuedAt: t0.Add(2 * time.Minute), Priority: PriorityElderly}
	laterPrio := &Ticket{ID: 4, IssuedAt: t0.Add(3 * time.Minute), Priority: PriorityPregnant}
	sameTime := &Ticket{ID: 5, IssuedAt: t0}
	for _, c := range []struct {
		a, b *Ticket
		want bool
	}{
		{early, late, true}, {late, early, false},
		{latePrio, early, true}, {early, latePrio, false},
		{latePrio, laterPrio, true}, {laterPrio, latePrio, false},
		{early, sameTime, true}, {sameTime, early, false},
	} {
		if got := Before(c.a, c.b); got != c.want {
			t.Errorf("Before(#%d, #%d) = %v", c.a.ID, c.b.ID, got)
		}
	}
}

func TestPriorities(t *testing.T) {
	for _, p := range Priorities {
		if !p.Valid() || p.Rank() != 1 {
			t.Errorf("%s", p)
		}
	}
	if !PriorityNone.Valid() || PriorityNone.Rank() != 0 || Priority("vip").Valid() {
		t.Error("none / unknown")
	}
}

func TestQuantileAndEstimate(t *testing.T) {
	m := func(ns ...int) []time.Duration {
		var ds []time.Duration
		for _, n := range ns {
			ds = append(ds, time.Duration(n)*time.Minute)
		}
		return ds
	}
	for _, c := range []struct {
		ds   []time.Duration
		q    float64
		want time.Duration
	}{
		{nil, 0.5, 0},
		{m(7), 0.9, 7 * time.Minute},
		{m(4, 1, 3, 2), 0.5, 2 * time.Minute},
		{m(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.9, 9 * time.Minute},
		{m(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 0.9, 10 * time.Minute},
		{m(5, 1, 3), 0.5, 3 * time.Minute},
	} {
		if got := Quantile(c.ds, c.q); got != c.want {
			t.Errorf("Quantile(%v, %v) = %v, want %v", c.ds, c.q, got, c.want)
		}
	}
	for _, c := range []struct {
		ahead, counters int
		recent          []time.Duration
		want            time.Duration
	}{
		{0, 1, m(10), 0},
		{3, 1, nil, 15 * time.Minute},
		{3, 2, m(4, 6, 8), 9 * time.Minute},
		{1, 3, m(4), 2 * time.Minute}, // 80 s rounded up
		{5, 0, m(2), 10 * time.Minute},
	} {
		if got := EstimateWait(c.ahead, c.recent, c.counters); got != c.want {
			t.Errorf("EstimateWait(%d, %v, %d) = %v, want %v", c.ahead, c.recent, c.counters, got, c.want)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		svc   Service
		field string
	}{
		{Service{Code: "a", Name: "Đất đai", UnitCode: "U"}, ""},
		{Service{Code: "AB", Name: "Hộ tịch", UnitCode: "U"}, ""},
		{Service{Code: "A1", Name: "x", UnitCode: "U"}, "code"},
		{Service{Code: "ABC", Name: "x", UnitCode: "U"}, "code"},
		{Service{Code: "A", Name: " ", UnitCode: "U"}, "name"},
		{Service{Code: "A", Name: "x"}, "unit_code"},
	} {
		err := c.svc.Validate()
		if got := ""; err != nil {
			got = motcua.AsError(err).Field
			if got != c.field {
				t.Errorf("%+v: field %q, want %q", c.svc, got, c.field)
			}
		} else if c.field != "" {
			t.Errorf("%+v: accepted", c.svc)
		}
	}
	c := Counter{Number: 3, UnitCode: "U"}
	if err := c.Validate(); err != nil || c.Name != "Quầy 3" {
		t.Fatalf("%v %+v", err, c)
	}
	if err := (&Counter{Number: 0, UnitCode: "U"}).Validate(); err == nil {
		t.Fatal("counter 0 accepted")
	}
}

func TestComputeStats(t *testing.T) {
	at := func(h, m int) *time.Time {
		v := time.Date(2026, 3, 2, h, m, 0, 0, motcua.ICT)
		return &v
	}
	ts := []Ticket{
		// A001: waited 10, served 5 at counter 1 by an
		{ID: 1, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(8, 0), QueuedAt: *at(8, 0), CalledAt: at(8, 10), StartedAt: at(8, 11), FinishedAt: at(8, 16), CounterID: 1, Officer: "an", Status: Done},
		// A002 (priority): waited 2, no-show at counter 1
		{ID: 2, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(8, 30), QueuedAt: *at(8, 30), CalledAt: at(8, 32), CounterID: 1, Officer: "an", Status: NoShow, Priority: PriorityElderly},
		// B001: waited 20, served 10 at counter 2, transferred to A
		{ID: 3, ServiceID: 2, ServiceCode: "B", IssuedAt: *at(9, 0), QueuedAt: *at(9, 0), CalledAt: at(9, 20), StartedAt: at(9, 20), FinishedAt: at(9, 30), CounterID: 2, Officer: "binh", Status: Transferred, TransferredTo: 4},
		// …continued as hop 1 in A, still waiting
		{ID: 4, ServiceID: 1, ServiceCode: "A", Hop: 1, IssuedAt: *at(9, 0), QueuedAt: *at(9, 30), Status: Waiting},
		// A003 waiting
		{ID: 5, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(9, 45), QueuedAt: *at(9, 45), Status: Waiting},
	}
	st := ComputeStats("2026-03-02", ts)
	if st.Issued != 4 || st.Priority != 1 || st.Served != 1 || st.NoShows != 1 || st.Transferred != 1 || st.WaitingNow != 2 {
		t.Fatalf("totals: %+v", st)
	}
	if len(st.Services) != 2 || st.Services[0].ServiceCode != "A" || st.Services[0].Issued != 3 || st.Services[0].ByHour[8] != 2 || st.Services[0].ByHour[9] != 1 || st.Services[1].ByHour[9] != 1 {
		t.Fatalf("services: %+v", st.Services)
	}
	if st.Waiting != (Durations{Count: 3, MedianSec: 600, P90Sec: 1200}) {
		t.Fatalf("waiting: %+v", st.Waiting)
	}
	if len(st.Counters) != 2 || st.Counters[0].Key != "1" || st.Counters[0].Called != 2 || st.Counters[0].NoShows != 1 ||
		st.Counters[0].Waiting.MedianSec != 120 || st.Counters[0].Service != (Durations{Count: 1, MedianSec: 300, P90Sec: 300}) {
		t.Fatalf("counters: %+v", st.Counters)
	}
	if len(st.Officers) != 2 || st.Officers[1].Key != "binh" || st.Officers[1].Transferred != 1 || st.Officers[1].Service.MedianSec != 600 {
		t.Fatalf("officers: %+v", st.Officers)
	}
}

func TestExpire(t *testing.T) {
	at := time.Date(2026, 3, 2, 16, 40, 0, 0, motcua.ICT)
	for _, c := range []struct {
		name   string
		from   Status
		day    string
		before string
		err    string
	}{
		{"waiting of yesterday", Waiting, "2026-03-02", "2026-03-03", ""},
		{"called of yesterday", Called, "2026-03-02", "2026-03-03", ""},
		{"serving of yesterday", Serving, "2026-03-02", "2026-03-03", ""},
		{"waiting of last week", Waiting, "2026-02-24", "2026-03-03", ""},
		{"waiting of today: the day is open", Waiting, "2026-03-03", "2026-03-03", motcua.ECONFLICT},
		{"serving of tomorrow", Serving, "2026-03-04", "2026-03-03", motcua.ECONFLICT},
		{"done stays done", Done, "2026-03-02", "2026-03-03", motcua.ECONFLICT},
		{"no-show stays no-show", NoShow, "2026-03-02", "2026-03-03", motcua.ECONFLICT},
		{"transferred stays transferred", Transferred, "2026-03-02", "2026-03-03", motcua.ECONFLICT},
		{"expired once", Expired, "2026-03-02", "2026-03-03", motcua.ECONFLICT},
	} {
		t.Run(c.name, func(t *testing.T) {
			tk := &Ticket{Day: c.day, Status: c.from, Version: 3, CounterID: 1, CalledAt: &at}
			if c.from == Serving {
				tk.StartedAt = &at
			}
			err := Expire(tk, c.before)
			if c.err != "" {
				if motcua.ErrorCode(err) != c.err {
					t.Fatalf("err = %v, want %s", err, c.err)
				}
				if tk.Status != c.from || tk.Version != 3 || tk.ExpiredFrom != "" {
					t.Fatalf("a refused close changed the ticket: %+v", tk)
				}
				return
			}
			if err != nil || tk.Status != Expired || tk.ExpiredFrom != c.from || tk.Version != 4 || tk.FinishedAt != nil {
				t.Fatalf("err %v, ticket %+v", err, tk)
			}
			if !tk.Status.Terminal() || len(Allowed(tk.Status)) != 0 {
				t.Fatalf("expired must be terminal with no action: %v", Allowed(tk.Status))
			}
		})
	}
	// the day close is not a counter action
	tk := &Ticket{Day: "2026-03-02", Status: Waiting, Version: 1}
	if err := Apply(tk, ActExpire, at, 1, "an"); motcua.ErrorCode(err) != motcua.EINVALID || tk.Status != Waiting {
		t.Fatalf("Apply(expire) = %v, %+v", err, tk)
	}
	for _, s := range Statuses {
		if slices.Contains(Allowed(s), ActExpire) {
			t.Fatalf("Allowed(%s) lists the day close", s)
		}
		if got, want := s.Terminal(), s == Done || s == NoShow || s == Transferred || s == Expired; got != want {
			t.Errorf("%s.Terminal() = %v", s, got)
		}
	}
	if !slices.Contains(Statuses, Expired) {
		t.Fatal("Statuses lacks expired")
	}
}

func TestComputeStatsExpired(t *testing.T) {
	at := func(h, m int) *time.Time {
		v := time.Date(2026, 3, 2, h, m, 0, 0, motcua.ICT)
		return &v
	}
	ts := []Ticket{
		// A001: waited 10, served 5 at counter 1 by an
		{ID: 1, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(8, 0), QueuedAt: *at(8, 0), CalledAt: at(8, 10), StartedAt: at(8, 11), FinishedAt: at(8, 16), CounterID: 1, Officer: "an", Status: Done},
		// A002: never called, closed at the end of the day
		{ID: 2, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(16, 0), QueuedAt: *at(16, 0), Status: Expired, ExpiredFrom: Waiting},
		// A003: waited 30, called at counter 1, the day closed before the citizen came
		{ID: 3, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(16, 0), QueuedAt: *at(16, 0), CalledAt: at(16, 30), CounterID: 1, Officer: "an", Status: Expired, ExpiredFrom: Called},
		// A004: waited 20, being served at counter 2 when the day closed
		{ID: 4, ServiceID: 1, ServiceCode: "A", IssuedAt: *at(16, 10), QueuedAt: *at(16, 10), CalledAt: at(16, 30), StartedAt: at(16, 31), CounterID: 2, Officer: "binh", Status: Expired, ExpiredFrom: Serving},
		// B001: a transfer continued as hop 1, never called
		{ID: 5, ServiceID: 2, ServiceCode: "B", IssuedAt: *at(9, 0), QueuedAt: *at(9, 0), CalledAt: at(9, 5), StartedAt: at(9, 6), FinishedAt: at(9, 8), CounterID: 2, Officer: "binh", Status: Transferred, TransferredTo: 6},
		{ID: 6, ServiceID: 1, ServiceCode: "A", Hop: 1, IssuedAt: *at(9, 0), QueuedAt: *at(9, 8), Status: Expired, ExpiredFrom: Waiting},
	}
	st := ComputeStats("2026-03-02", ts)
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"issued", st.Issued, 5},
		{"served", st.Served, 1},
		{"transferred", st.Transferred, 1},
		{"expired", st.Expired, 4},
		{"expired called", st.ExpiredCalled, 1},
		{"expired serving", st.ExpiredServing, 1},
		{"waiting now", st.WaitingNow, 0},
		// waits of called tickets only: 10, 30, 20, 5 min; the never-called expired add none
		{"waits", st.Waiting.Count, 4},
		{"median wait", int(st.Waiting.MedianSec), 600},
		{"p90 wait", int(st.Waiting.P90Sec), 1800},
		// service times of served or transferred tickets only: 5 and 2 min
		{"services", st.Service.Count, 2},
		{"counter 1 expired", st.Counters[0].Expired, 1},
		{"counter 1 called", st.Counters[0].Called, 2},
		{"counter 2 expired", st.Counters[1].Expired, 1},
		{"counter 2 services", st.Counters[1].Service.Count, 1},
		{"binh expired", st.Officers[1].Expired, 1},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
}
