package seed

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
)

// demoService is one queue service of the demo centre: its letter, name, the fields
// it receives, its share of the day's tickets and the median time at the counter.
type demoService struct {
	code, name string
	fields     []string
	share      float64
	median     time.Duration
	priority   bool // every ticket of the series is a priority ticket
}

var demoServices = []demoService{
	{"A", "Tư pháp – Hộ tịch", []string{"HO_TICH", "LY_LICH_TU_PHAP", "CHUNG_THUC", "CONG_CHUNG", "BO_TRO_TU_PHAP", "TRO_GIUP_PHAP_LY", "NUOI_CON_NUOI", "QUOC_TICH"}, 0.22, 7 * time.Minute, false},
	{"B", "Đất đai – Xây dựng", []string{"DAT_DAI", "DO_DAC_BAN_DO", "XAY_DUNG", "QUY_HOACH_KIEN_TRUC", "NHA_O", "MOI_TRUONG", "TAI_NGUYEN_NUOC", "KHOANG_SAN"}, 0.25, 11 * time.Minute, false},
	{"C", "Doanh nghiệp – Đầu tư", []string{"DANG_KY_DOANH_NGHIEP", "HO_KINH_DOANH", "HOP_TAC_XA", "DAU_TU", "THUONG_MAI", "XUC_TIEN_THUONG_MAI", "DIEN", "HOA_CHAT", "AN_TOAN_THUC_PHAM", "THUE"}, 0.15, 10 * time.Minute, false},
	{"D", "Giao thông – Vận tải", []string{"DUONG_BO", "DUONG_THUY"}, 0.14, 6 * time.Minute, false},
	{"E", "Lao động – Xã hội", []string{"LAO_DONG", "VIEC_LAM", "NGUOI_CO_CONG", "BAO_TRO_XA_HOI", "TRE_EM", "BAO_HIEM_XA_HOI", "GIAO_DUC_NGHE"}, 0.10, 8 * time.Minute, false},
	{"F", "Y tế – Giáo dục – Văn hóa", []string{"KHAM_CHUA_BENH", "DUOC_PHAM", "TRANG_THIET_BI_Y_TE", "GIAM_DINH_Y_KHOA", "GIAO_DUC", "VAN_BANG", "VAN_HOA", "DI_SAN", "THE_THAO", "DU_LICH"}, 0.09, 8 * time.Minute, false},
	{"P", "Ưu tiên: người cao tuổi, người khuyết tật, phụ nữ mang thai, người có con nhỏ", nil, 0.05, 6 * time.Minute, true},
}

// demoCounters are the services (by letter) each of the eight counters calls. Every
// service is on at least two counters, or on counter 1 or 3, which are always open.
var demoCounters = [][]string{
	{"P", "A"}, {"A", "D"}, {"B"}, {"B", "C"}, {"C", "E"}, {"D", "F"}, {"E", "F"}, {"A", "B"},
}

// closedPairs are the two counters (1-based) closed on a day when only the six demo
// receptionists are on duty, in rotation; each keeps every service open.
var closedPairs = [][2]int{{4, 8}, {2, 8}, {6, 8}, {2, 4}, {4, 6}}

// Demo queue figures: tickets on an ordinary working day, the share of calls the
// citizen misses, the share of served citizens who press the rating terminal, and
// the rating shares of the seed articles (≈96% very satisfied, ≈3.7% satisfied, the
// rest dissatisfied).
const (
	demoTicketsPerDay  = 130
	demoNoShow         = 0.035
	demoRatedShare     = 0.2
	demoVerySatisfied  = 0.96
	demoSatisfied      = 0.037
	demoLinkWindow     = 15 * time.Minute
	demoTicketsPattern = 0.65 // share of a day's tickets in the morning shift
	// demoOvertime is how long after the last shift the counters keep calling; then
	// the centre closes its queue, and the tickets still waiting expire.
	demoOvertime = 30 * time.Minute
)

// DemoQueue configures the queue of the demo centre and fills a year of its history
// up to now: seven services (A Tư pháp – Hộ tịch, B Đất đai – Xây dựng, C Doanh
// nghiệp – Đầu tư, D Giao thông – Vận tải, E Lao động – Xã hội, F Y tế – Giáo dục –
// Văn hóa, P priority) mapped to the demo fields, eight counters calling one or two
// services each, staffed by the centre's six receptionists in weekly rotation, a
// rating terminal per counter (its token is not kept: an administrator issues a new
// one for each tablet), every working day's tickets — called, served, missed, and on
// the busiest days the ones still waiting half an hour after the last shift, when the
// counters stop calling, closed as expired as the day close (queue.Expire) does — with
// today's only up to now (some still waiting or being served, none closed) and today's
// board events, the dossiers received at the counter linked to the ticket being served
// then, and the ratings pressed on the terminals (about one served citizen in five;
// ≈96% very satisfied, ≈3.7% satisfied, the rest dissatisfied).
//
// The data depend only on d, seed and now (and on the dossiers DemoYear stored, for
// the links). Everything goes through the storage layer: services, counters and
// terminals one by one, the history with sqldb.DB.ImportQueue.
func DemoQueue(ctx context.Context, db *sqldb.DB, d *demo.Data, seed int64, now time.Time, progress Progress) error {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	ctx = motcua.WithActor(ctx, &motcua.Actor{Username: "seed", Role: motcua.RoleAdmin})
	centre := ""
	for _, u := range d.Units {
		if u.Kind == catalog.UnitCenter {
			centre = u.Code
			break
		}
	}
	var officers []string
	for _, s := range d.Staff {
		if s.Role == motcua.RoleReceptionist && s.UnitCode == centre {
			officers = append(officers, s.Username)
		}
	}
	if centre == "" || len(officers) == 0 {
		return fmt.Errorf("seed queue: the demo has no centre with receptionists")
	}
	sort.Strings(officers)
	fields := map[string]bool{}
	for _, f := range d.Fields {
		fields[f.Code] = true
	}
	progress("queue", 0, 1)

	// configuration
	qs := db.Queue()
	svcs := make([]queue.Service, len(demoServices))
	byCode := map[string]int{}
	for i, ds := range demoServices {
		svc := queue.Service{Code: ds.code, Name: ds.name, UnitCode: centre}
		for _, f := range ds.fields {
			if fields[f] {
				svc.Fields = append(svc.Fields, f)
			}
		}
		if err := qs.CreateService(ctx, &svc); err != nil {
			return fmt.Errorf("seed queue: service %s: %w", ds.code, err)
		}
		svcs[i], byCode[ds.code] = svc, i
	}
	counters := make([]queue.Counter, len(demoCounters))
	terminals := make([]int64, len(demoCounters))
	for i, letters := range demoCounters {
		c := queue.Counter{UnitCode: centre, Number: i + 1}
		for _, l := range letters {
			c.Services = append(c.Services, svcs[byCode[l]].ID)
		}
		if err := qs.CreateCounter(ctx, &c); err != nil {
			return fmt.Errorf("seed queue: counter %d: %w", i+1, err)
		}
		_, term, err := qs.CreateTerminal(ctx, c.ID, "Máy đánh giá quầy "+strconv.Itoa(i+1))
		if err != nil {
			return fmt.Errorf("seed queue: terminal %d: %w", i+1, err)
		}
		counters[i], terminals[i] = c, term.ID
	}

	// history
	now = now.In(motcua.ICT)
	g := &queueGen{rng: rand.New(rand.NewPCG(uint64(seed), 0x7175657565)), now: now, centre: centre, svcs: svcs, byCode: byCode,
		counters: counters, terminals: terminals, officers: officers, cal: calendar.Default()}
	first := calendar.DateOf(now.AddDate(-1, 0, 0))
	today := calendar.DateOf(now)
	intakes, err := db.CounterIntakes(ctx, centre, first.Time(), now)
	if err != nil {
		return err
	}
	byDay := map[string][]sqldb.CounterIntake{}
	for _, in := range intakes {
		k := calendar.DateOf(in.ReceivedAt).String()
		byDay[k] = append(byDay[k], in)
	}
	for day := first; !today.Before(day); day = day.AddDays(1) {
		if err := g.day(day, byDay[day.String()]); err != nil {
			return err
		}
	}
	if err := db.ImportQueue(ctx, g.tickets, g.ratings, today.String(), func(done, total int) { progress("queue", done, total) }); err != nil {
		return fmt.Errorf("seed queue: %w", err)
	}
	progress("queue", len(g.tickets), len(g.tickets))
	return nil
}

// queueGen simulates the demo centre's queue day by day.
type queueGen struct {
	rng       *rand.Rand
	now       time.Time
	centre    string
	svcs      []queue.Service
	byCode    map[string]int
	counters  []queue.Counter
	terminals []int64
	officers  []string
	cal       *calendar.Calendar

	tickets []queue.Ticket
	ratings []sqldb.ImportedRating
	days    int // working days simulated
}

// dayFactor weighs a day's volume: fewer tickets around Tết (late January to
// February), more in the weeks before it and in autumn, more on Mondays.
func dayFactor(day calendar.Date) float64 {
	f := 1.0
	switch day.Month {
	case time.January:
		f = 1.15
	case time.February:
		f = 0.7
	case time.September, time.October, time.November:
		f = 1.1
	}
	switch day.Weekday() {
	case time.Monday:
		f *= 1.15
	case time.Friday:
		f *= 0.9
	case time.Saturday:
		f *= 0.5 // a make-up working Saturday
	}
	return f
}

type simCounter struct {
	idx     int
	officer string
	svcs    map[int64]bool
	free    time.Time
}

// day simulates one working day: arrivals in the shifts, each open counter calling
// the best waiting ticket of its services (priority first, then the longest waiting)
// whenever it is free, within the shifts and up to demoOvertime after the last one to
// empty the queue. A past day is then closed: the tickets never called expire.
func (g *queueGen) day(day calendar.Date, intakes []sqldb.CounterIntake) error {
	shifts, err := g.cal.ShiftsOn(day)
	if err != nil {
		return err
	}
	if len(shifts) == 0 {
		return nil
	}
	at := func(c calendar.Clock) time.Time { return day.Time().Add(time.Duration(c) * time.Minute) }
	isToday := calendar.DateOf(g.now) == day
	if isToday && g.now.Before(at(shifts[0].Start)) {
		return nil
	}
	g.days++
	rng := g.rng
	// arrivals
	n := int(math.Round(float64(demoTicketsPerDay) * dayFactor(day) * (0.85 + 0.3*rng.Float64())))
	type arrival struct {
		at  time.Time
		svc int
	}
	arr := make([]arrival, 0, n)
	for range n {
		sh := shifts[0]
		if len(shifts) > 1 && rng.Float64() > demoTicketsPattern {
			sh = shifts[1+rng.IntN(len(shifts)-1)]
		}
		// peak a third of the way into the shift; none in its last quarter hour
		span := float64(sh.End-sh.Start-15) * float64(time.Minute)
		x := (rng.Float64() + rng.Float64() + rng.Float64()*0.5) / 2.5
		t := at(sh.Start).Add(time.Duration(x * span)).Add(-10 * time.Minute).Truncate(time.Second)
		if t.Before(at(sh.Start).Add(-10 * time.Minute)) {
			t = at(sh.Start).Add(-10 * time.Minute) // the doors open a little before the shift
		}
		u := rng.Float64()
		svc := len(demoServices) - 1
		for i, ds := range demoServices {
			if u < ds.share {
				svc = i
				break
			}
			u -= ds.share
		}
		arr = append(arr, arrival{t, svc})
	}
	sort.Slice(arr, func(i, j int) bool { return arr[i].at.Before(arr[j].at) })
	base := len(g.tickets)
	seqs := map[int]int{}
	for _, a := range arr {
		if isToday && a.at.After(g.now) {
			break
		}
		seqs[a.svc]++
		svc := &g.svcs[a.svc]
		t := queue.Ticket{ServiceID: svc.ID, ServiceCode: svc.Code, UnitCode: g.centre, Day: day.String(), Seq: seqs[a.svc], SeriesID: svc.ID,
			Number: queue.FormatNumber(svc.Code, seqs[a.svc]), Status: queue.Waiting, IssuedAt: a.at, QueuedAt: a.at, Version: 1}
		if demoServices[a.svc].priority {
			t.Priority = queue.Priorities[rng.IntN(len(queue.Priorities))]
		}
		g.tickets = append(g.tickets, t)
	}
	ts := g.tickets[base:]

	// counters on duty: six receptionists, rotated weekly; two counters closed
	week := day.Sub(calendar.Date{Year: 2000, Month: 1, Day: 3}) / 7
	closed := closedPairs[(day.Sub(calendar.Date{Year: 2000, Month: 1, Day: 3}))%len(closedPairs)]
	var open []*simCounter
	k := 0
	for i := range g.counters {
		if i+1 == closed[0] || i+1 == closed[1] || k >= len(g.officers) {
			continue
		}
		c := &simCounter{idx: i, officer: g.officers[(k+week)%len(g.officers)], svcs: map[int64]bool{}, free: at(shifts[0].Start)}
		for _, id := range g.counters[i].Services {
			c.svcs[id] = true
		}
		open = append(open, c)
		k++
	}
	end := at(shifts[len(shifts)-1].End)
	closeAt := end.Add(demoOvertime) // the counters stop calling
	next := 0                        // the next ticket not yet in the queue
	var waiting []int
	inShift := func(t time.Time) (time.Time, bool) {
		for _, sh := range shifts {
			if t.Before(at(sh.End)) {
				if t.Before(at(sh.Start)) {
					return at(sh.Start), false
				}
				return t, true
			}
		}
		return t, !t.Before(end) // overtime after the last shift
	}
	for len(open) > 0 {
		sort.Slice(open, func(i, j int) bool {
			return open[i].free.Before(open[j].free) || (open[i].free.Equal(open[j].free) && open[i].idx < open[j].idx)
		})
		c := open[0]
		t, ok := inShift(c.free)
		if !ok {
			c.free = t
			continue
		}
		if !t.Before(closeAt) {
			open = open[1:] // the centre has closed
			continue
		}
		for next < len(ts) && !ts[next].IssuedAt.After(t) {
			waiting = append(waiting, next)
			next++
		}
		best := -1
		for wi, ti := range waiting {
			tk := &ts[ti]
			if !c.svcs[tk.ServiceID] {
				continue
			}
			if best < 0 || queue.Before(tk, &ts[waiting[best]]) {
				best = wi
			}
		}
		if best < 0 {
			if next < len(ts) {
				c.free = maxTime(t.Add(time.Second), ts[next].IssuedAt)
			} else {
				open = open[1:] // nothing more for this counter today
			}
			continue
		}
		ti := waiting[best]
		waiting = append(waiting[:best], waiting[best+1:]...)
		tk := &ts[ti]
		call := t.Add(time.Duration(5+rng.IntN(20)) * time.Second)
		tk.CounterID, tk.Officer = g.counters[c.idx].ID, c.officer
		tk.CalledAt = ptrTime(call)
		if rng.Float64() < demoNoShow {
			fin := call.Add(time.Duration(120+rng.IntN(60)) * time.Second)
			tk.FinishedAt, tk.Status = ptrTime(fin), queue.NoShow
			c.free = fin
			continue
		}
		svc := demoServices[g.byCode[tk.ServiceCode]]
		start := call.Add(time.Duration(30+rng.IntN(60)) * time.Second)
		dur := time.Duration(float64(svc.median) * math.Exp(0.45*rng.NormFloat64()))
		dur = max(dur, 90*time.Second)
		fin := start.Add(dur).Truncate(time.Second)
		tk.StartedAt, tk.FinishedAt, tk.Status = ptrTime(start), ptrTime(fin), queue.Done
		c.free = fin.Add(time.Duration(10+rng.IntN(40)) * time.Second)
	}
	// dossiers received at the counter: linked to the ticket being served then
	for _, in := range intakes {
		for i := range ts {
			tk := &ts[i]
			if tk.Status == queue.Done && tk.DossierCode == "" && !in.ReceivedAt.Before(*tk.StartedAt) && in.ReceivedAt.Before(tk.FinishedAt.Add(demoLinkWindow)) {
				tk.DossierCode = in.Code
				break
			}
		}
	}
	// ratings pressed after the service
	for i := range ts {
		tk := &ts[i]
		if tk.Status != queue.Done || rng.Float64() >= demoRatedShare {
			continue
		}
		r := sqldb.ImportedRating{Ticket: base + i, Rating: rating.Rating{At: tk.FinishedAt.Add(time.Duration(5+rng.IntN(40)) * time.Second),
			Channel: rating.ChannelTerminal, CounterID: tk.CounterID, Officer: tk.Officer, UnitCode: g.centre, Reasons: []string{}}}
		for ci, c := range g.counters {
			if c.ID == tk.CounterID {
				r.TerminalID = g.terminals[ci]
			}
		}
		switch u := rng.Float64(); {
		case u < demoVerySatisfied:
			r.Level = rating.VerySatisfied
			if rng.IntN(3) == 0 {
				r.Reasons = []string{"fast"}
			}
		case u < demoVerySatisfied+demoSatisfied:
			r.Level = rating.Satisfied
			if rng.IntN(5) == 0 {
				r.Reasons = []string{"fast"}
			}
		default:
			r.Level = rating.Dissatisfied
			r.Reasons = []string{[]string{"waiting", "guidance", "attitude"}[rng.IntN(3)]}
		}
		if !r.At.After(g.now) {
			g.ratings = append(g.ratings, r)
		}
	}
	if isToday {
		g.cut(ts)
		return nil
	}
	// the day close of a past day: the tickets the counters did not reach expire
	closing := day.AddDays(1).String()
	for i := range ts {
		if tk := &ts[i]; tk.Status == queue.Waiting {
			if err := queue.Expire(tk, closing); err != nil {
				return fmt.Errorf("seed queue: %w", err)
			}
		}
	}
	return nil
}

// cut takes back from today's tickets what happens after now: a ticket not yet
// called is waiting, one called but not started is called, one started but not
// finished is being served.
func (g *queueGen) cut(ts []queue.Ticket) {
	after := func(p *time.Time) bool { return p != nil && p.After(g.now) }
	for i := range ts {
		t := &ts[i]
		switch {
		case after(t.CalledAt) || t.CalledAt == nil:
			t.Status, t.CalledAt, t.StartedAt, t.FinishedAt, t.CounterID, t.Officer, t.DossierCode = queue.Waiting, nil, nil, nil, 0, "", ""
		case after(t.StartedAt) || (t.Status == queue.NoShow && after(t.FinishedAt)):
			t.Status, t.StartedAt, t.FinishedAt, t.DossierCode = queue.Called, nil, nil, ""
		case after(t.FinishedAt):
			t.Status, t.FinishedAt, t.DossierCode = queue.Serving, nil, ""
		}
	}
}

func ptrTime(t time.Time) *time.Time { return &t }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
