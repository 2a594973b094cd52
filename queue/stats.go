package queue

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// Quantile returns the q-quantile (0 < q ≤ 1) of ds by the nearest-rank method: the
// smallest value with at least q of the values at or below it (the median of 1, 2, 3,
// 4 is 2; the p90 of 1…10 is 9). It returns 0 for no values.
func Quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(math.Ceil(q*float64(len(s)) - 1e-9))
	if rank < 1 {
		rank = 1
	}
	if rank > len(s) {
		rank = len(s)
	}
	return s[rank-1]
}

// Durations summarises a set of durations in whole seconds.
type Durations struct {
	Count     int   `json:"count"`
	MedianSec int64 `json:"median_sec"`
	P90Sec    int64 `json:"p90_sec"`
}

func summarise(ds []time.Duration) Durations {
	return Durations{Count: len(ds), MedianSec: int64(Quantile(ds, 0.5) / time.Second), P90Sec: int64(Quantile(ds, 0.9) / time.Second)}
}

// ServiceHours counts the tickets issued for one service per hour of the day (ICT).
type ServiceHours struct {
	ServiceID   int64       `json:"service_id"`
	ServiceCode string      `json:"service_code"`
	Issued      int         `json:"issued"`
	ByHour      map[int]int `json:"by_hour"`
}

// Performance is the waiting and service times and outcomes of one counter or
// officer. Waiting is queued → called; service is started → finished. Expired counts
// the tickets it called that were still called or being served when the day closed.
type Performance struct {
	Key         string    `json:"key"` // counter id or officer username
	Called      int       `json:"called"`
	Served      int       `json:"served"`
	NoShows     int       `json:"no_shows"`
	Transferred int       `json:"transferred"`
	Expired     int       `json:"expired"`
	Waiting     Durations `json:"waiting"`
	Service     Durations `json:"service"`
}

// Stats are a day's queue statistics.
//
// Expired counts the tickets closed unserved at the end of the day (see Expire), of
// which ExpiredCalled were called and never started (the citizen was at or on the way to
// the counter) and ExpiredServing were being served; the rest were never called. The
// waiting durations are those of called tickets (queued → called), so a ticket expired
// while waiting adds no waiting time: it was never called, and its time until the close
// is not a wait that ended in a call. WaitingNow is the tickets still waiting: 0 for a
// day that has been closed.
type Stats struct {
	Day            string         `json:"day"`
	Issued         int            `json:"issued"`
	Priority       int            `json:"priority"`
	Served         int            `json:"served"`
	NoShows        int            `json:"no_shows"`
	Transferred    int            `json:"transferred"`
	Expired        int            `json:"expired"`
	ExpiredCalled  int            `json:"expired_called"`
	ExpiredServing int            `json:"expired_serving"`
	WaitingNow     int            `json:"waiting_now"`
	Waiting        Durations      `json:"waiting"`
	Service        Durations      `json:"service"`
	Services       []ServiceHours `json:"services"`
	Counters       []Performance  `json:"counters"`
	Officers       []Performance  `json:"officers"`
}

// ComputeStats computes the statistics of one day's tickets (all hops). Issued counts
// and the hourly histogram use hop-0 tickets only, so a transfer is not counted twice.
func ComputeStats(day string, ts []Ticket) Stats {
	st := Stats{Day: day, Services: []ServiceHours{}, Counters: []Performance{}, Officers: []Performance{}}
	svc := map[int64]*ServiceHours{}
	type acc struct {
		p       Performance
		wait    []time.Duration
		service []time.Duration
	}
	counters, officers := map[string]*acc{}, map[string]*acc{}
	get := func(m map[string]*acc, k string) *acc {
		if m[k] == nil {
			m[k] = &acc{p: Performance{Key: k}}
		}
		return m[k]
	}
	var allWait, allService []time.Duration
	for i := range ts {
		t := &ts[i]
		if t.Hop == 0 {
			st.Issued++
			if t.Priority != PriorityNone {
				st.Priority++
			}
			h := svc[t.ServiceID]
			if h == nil {
				h = &ServiceHours{ServiceID: t.ServiceID, ServiceCode: t.ServiceCode, ByHour: map[int]int{}}
				svc[t.ServiceID] = h
			}
			h.Issued++
			h.ByHour[t.IssuedAt.In(motcua.ICT).Hour()]++
		}
		switch t.Status {
		case Waiting:
			st.WaitingNow++
		case Expired:
			st.Expired++
			switch t.ExpiredFrom {
			case Called:
				st.ExpiredCalled++
			case Serving:
				st.ExpiredServing++
			}
		}
		if t.CalledAt == nil {
			continue
		}
		var ks []*acc
		if t.CounterID != 0 {
			ks = append(ks, get(counters, strconv.FormatInt(t.CounterID, 10)))
		}
		if t.Officer != "" {
			ks = append(ks, get(officers, t.Officer))
		}
		// The first call is what the citizen waited for; recalls move CalledAt, so
		// for a recalled ticket the wait is slightly overstated: acceptable.
		w := t.CalledAt.Sub(t.QueuedAt)
		allWait = append(allWait, w)
		var sv time.Duration
		served := t.StartedAt != nil && t.FinishedAt != nil && (t.Status == Done || t.Status == Transferred)
		if served {
			sv = t.FinishedAt.Sub(*t.StartedAt)
			allService = append(allService, sv)
		}
		switch t.Status {
		case Done:
			st.Served++
		case NoShow:
			st.NoShows++
		case Transferred:
			st.Transferred++
		}
		for _, a := range ks {
			a.p.Called++
			a.wait = append(a.wait, w)
			if served {
				a.service = append(a.service, sv)
			}
			switch t.Status {
			case Done:
				a.p.Served++
			case NoShow:
				a.p.NoShows++
			case Transferred:
				a.p.Transferred++
			case Expired:
				a.p.Expired++
			}
		}
	}
	st.Waiting, st.Service = summarise(allWait), summarise(allService)
	for _, h := range svc {
		st.Services = append(st.Services, *h)
	}
	sort.Slice(st.Services, func(i, j int) bool { return st.Services[i].ServiceCode < st.Services[j].ServiceCode })
	flush := func(m map[string]*acc) []Performance {
		out := []Performance{}
		for _, a := range m {
			a.p.Waiting, a.p.Service = summarise(a.wait), summarise(a.service)
			out = append(out, a.p)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
		return out
	}
	st.Counters, st.Officers = flush(counters), flush(officers)
	return st
}
