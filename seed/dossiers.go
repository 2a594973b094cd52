package seed

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/vntext"
)

// DemoDossierCount is how many dossiers DemoYear generates by default, over two years
// (DemoSpanDays): about fifty a working day in the last twelve months, the order of a provincial centre with its communes in a small province
// (the seeds report 58,000 in six months for all of Lạng Sơn's centre; the demo keeps
// start-up fast). On the 2-core reference machine generation and the SQLite import
// together take well under 40 seconds.
const DemoDossierCount = 20000

// DemoSpanDays is how many days, ending today, the demo dossiers are received over: two
// years, so that every report of the last twelve months has the same period of the
// previous year to compare with ("so với cùng kỳ năm trước").
const DemoSpanDays = 730

// demoYearGrowth is how many times more dossiers the last twelve months receive than
// the twelve before them: centres report strong growth as procedures move to them and
// online (Lạng Sơn 2021: 3.2 times the first half of 2020, an exceptional year); the
// demo keeps a steadier 1.6.
const demoYearGrowth = 1.6

// Target shares of the demo year, from the seed articles: about 37% received online
// (Lạng Sơn, first half of 2021: 37.02%), the rest mostly at the counter and some by
// post; on-time rates of 99.7% (Sóc Trăng 2019: 99.68%), i.e. about 0.3–1.5% late,
// concentrated in a few agencies (Vĩnh Phúc 2018 names the departments with the most
// late dossiers); supplement requests for about one dossier in eight.
const (
	shareOnline = 0.37
	sharePost   = 0.08
	// nonWorkingDayWeight is the weight of a non-working day (online submissions only)
	// relative to an ordinary working day.
	nonWorkingDayWeight = 0.10
)

// DemoDossiers generates n dossiers received over the two years before now
// (DemoSpanDays; the last twelve months receive demoYearGrowth times as many as the
// twelve before), driving each
// one through its life with dossier.Decide and dossier.Apply — every event is accepted
// by the real rules, nothing is hand-crafted — and returns the event stream of each,
// ordered by time of receipt (submission for online dossiers). The result depends only
// on d, seed, now and n.
//
// The year is realistic rather than uniform: fewer dossiers in the Tết weeks, more
// before Tết and in autumn; receipt on working days in working hours (more in the
// morning), online submission at any hour with acceptance from the next working shift;
// a procedure mix dominated by civil status, certification, land, judicial records,
// driving licences and business registration; channels about 55% counter, 37% online
// and 8% post where the procedure offers them; "4 tại chỗ" dossiers resolved the same
// day; inter-agency chains; supplement requests with the clock stopped; refusals at
// intake and after appraisal, withdrawals, suspensions, apologies; late dossiers
// (about 1%) concentrated in four departments; results returned at the counter or by
// post; fees paid in cash, by transfer or online. Dossiers received in the last weeks
// are still open in every state at now.
//
// Provincial dossiers are received at the centre (the first step's unit); commune
// dossiers at a commune's one-stop department. Commune procedures are catalogued once
// with the first commune as their unit and steps without a unit; since dossier.BuildPlan
// puts such steps at the procedure's unit, each commune dossier is decided with a copy
// of the procedure whose unit is the receiving commune. Actors are the demo staff of the
// right role and unit; where the demo has none (the leaders and processors of most
// communes, and of the centre for "4 tại chỗ" dossiers, handled there by the officers
// the department seconds to the centre) the department's staff or names in the demo's
// pattern (<commune>.lanhdao, <commune>.chuyenvien) are used.
func DemoDossiers(d *demo.Data, seed int64, now time.Time, n int) ([][]dossier.Event, error) {
	return demoDossiers(d, seed, now, n, DemoSpanDays, nil)
}

// DemoDossiersOver is DemoDossiers over the given number of days ending at now (at
// least one): benchmarks build histories of many years from chunks of 365 days, which
// carry no growth between them.
func DemoDossiersOver(d *demo.Data, seed int64, now time.Time, n, days int) ([][]dossier.Event, error) {
	return demoDossiers(d, seed, now, n, max(1, days), nil)
}

// demoDossiers is DemoDossiers with a progress callback (called from one goroutine at
// a time, every few hundred dossiers).
func demoDossiers(d *demo.Data, seed int64, now time.Time, n, days int, progress func(done, total int)) ([][]dossier.Event, error) {
	if n <= 0 {
		return nil, nil
	}
	g, err := newGenerator(d, seed, now.In(calendar.ICT))
	if err != nil {
		return nil, err
	}
	arr, err := g.arrivals(n, days)
	if err != nil {
		return nil, err
	}
	streams := make([][]dossier.Event, len(arr))
	errs := make([]error, len(arr))
	workers := max(1, runtime.GOMAXPROCS(0))
	var next, done int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(arr) {
					return
				}
				streams[i], errs[i] = g.simulate(i, arr[i])
				mu.Lock()
				done++
				if progress != nil && (done%250 == 0 || done == len(arr)) {
					progress(done, len(arr))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return streams, nil
}

// ——— The generator: catalogue, staff, arrivals.

type generator struct {
	cal      *calendar.Calendar
	now      time.Time
	seed     int64
	centre   string
	procs    []*procInfo
	byCh     map[catalog.Channel]*weighted // procedures offering a channel (online: either online channel)
	communes []commune
	commW    *weighted
	staff    map[string]*unitStaff
	slow     map[string]float64 // unit → probability that a dossier is late there
}

// procInfo is one active procedure with what the generator needs to know about it.
type procInfo struct {
	p       *catalog.Procedure
	weight  float64
	commune bool
	org     float64 // probability that the applicant is an organisation
	online  []catalog.Channel
	post    bool
}

type commune struct {
	code, slug, place string // place: "Phường Đông Kinh, tỉnh Lạng Sơn"
	ward              bool
}

type unitStaff struct {
	receptionists, leaders, processors []string
}

// weighted draws indices with the given weights.
type weighted struct {
	cum []float64
	idx []int
}

func (w *weighted) add(i int, weight float64) {
	if weight <= 0 {
		return
	}
	t := weight
	if n := len(w.cum); n > 0 {
		t += w.cum[n-1]
	}
	w.cum = append(w.cum, t)
	w.idx = append(w.idx, i)
}

func (w *weighted) total() float64 {
	if len(w.cum) == 0 {
		return 0
	}
	return w.cum[len(w.cum)-1]
}

func (w *weighted) draw(rng *rand.Rand) int {
	x := rng.Float64() * w.total()
	return w.idx[sort.SearchFloat64s(w.cum, x)]
}

// slowUnits are the units where lateness concentrates, with the probability that a
// dossier passing through them is late there: the land registration office, the
// construction and agriculture-environment departments and home affairs — the kind
// of agencies the seeds name (Vĩnh Phúc 2018: home affairs, police, the People's
// Committee office; natural resources and environment among the steadily late).
var slowUnits = map[string]float64{
	"000.01.06.H37": 0.075, // Văn phòng Đăng ký đất đai
	"000.00.07.H37": 0.045, // Sở Xây dựng
	"000.00.06.H37": 0.05,  // Sở Nông nghiệp và Môi trường
	"000.00.02.H37": 0.045, // Sở Nội vụ
}

// otherLate is the probability of lateness at any other unit.
const otherLate = 0.0008

func newGenerator(d *demo.Data, seed int64, now time.Time) (*generator, error) {
	g := &generator{cal: calendar.Default(), now: now, seed: seed, staff: map[string]*unitStaff{},
		byCh: map[catalog.Channel]*weighted{}, slow: slowUnits}
	for _, u := range d.Units {
		switch u.Kind {
		case catalog.UnitCenter:
			g.centre = u.Code
		case catalog.UnitCommune:
			g.communes = append(g.communes, commune{code: u.Code, place: u.Address, ward: strings.HasPrefix(u.Address, "Phường")})
		}
	}
	if g.centre == "" || len(g.communes) == 0 {
		return nil, fmt.Errorf("seed: demo dossiers: the catalogue has no centre or no commune")
	}
	for _, s := range d.Staff {
		if s.UnitCode == "" {
			continue
		}
		st := g.staff[s.UnitCode]
		if st == nil {
			st = &unitStaff{}
			g.staff[s.UnitCode] = st
		}
		switch s.Role {
		case motcua.RoleReceptionist:
			st.receptionists = append(st.receptionists, s.Username)
		case motcua.RoleLeader:
			st.leaders = append(st.leaders, s.Username)
		case motcua.RoleProcessor:
			st.processors = append(st.processors, s.Username)
		}
	}
	// Communes: the slug of the demo logins, and leaders and processors in the demo's
	// pattern where the demo creates none.
	rng := rand.New(rand.NewPCG(uint64(seed), 0x636f6d6d756e65))
	g.commW = &weighted{}
	for i := range g.communes {
		c := &g.communes[i]
		st := g.staff[c.code]
		if st == nil || len(st.receptionists) == 0 {
			return nil, fmt.Errorf("seed: demo dossiers: commune %s has no receptionist", c.code)
		}
		c.slug = strings.TrimSuffix(st.receptionists[0], ".motcua")
		if len(st.leaders) == 0 {
			st.leaders = []string{c.slug + ".lanhdao"}
		}
		if len(st.processors) == 0 {
			st.processors = []string{c.slug + ".chuyenvien"}
		}
		w := 0.6 + rng.Float64()
		if c.ward {
			w = 3.5 + rng.Float64()
		}
		g.commW.add(i, w)
	}
	if st := g.staff[g.centre]; st == nil || len(st.receptionists) == 0 {
		return nil, fmt.Errorf("seed: demo dossiers: the centre has no receptionist")
	}
	for _, c := range []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull, catalog.ChannelPost} {
		g.byCh[c] = &weighted{}
	}
	for i := range d.Procedures {
		p := &d.Procedures[i]
		if !p.Active || !p.Allows(catalog.ChannelCounter) || len(p.Steps) == 0 {
			continue
		}
		pi := &procInfo{p: p, commune: p.Level == catalog.LevelCommune, weight: procWeight(p), org: orgShare(p)}
		if !pi.commune && !g.staffed(p) {
			continue
		}
		for _, c := range []catalog.Channel{catalog.ChannelOnlineFull, catalog.ChannelOnlinePartial} {
			if p.Allows(c) {
				pi.online = append(pi.online, c)
			}
		}
		pi.post = p.Allows(catalog.ChannelPost)
		k := len(g.procs)
		g.procs = append(g.procs, pi)
		g.byCh[catalog.ChannelCounter].add(k, pi.weight)
		if len(pi.online) > 0 {
			g.byCh[catalog.ChannelOnlineFull].add(k, pi.weight)
		}
		if pi.post {
			g.byCh[catalog.ChannelPost].add(k, pi.weight)
		}
	}
	if len(g.procs) == 0 || g.byCh[catalog.ChannelOnlineFull].total() == 0 || g.byCh[catalog.ChannelPost].total() == 0 {
		return nil, fmt.Errorf("seed: demo dossiers: no active procedure offers the counter, online and post channels")
	}
	return g, nil
}

// staffed reports whether every unit of a provincial procedure's plan has a leader and
// a processor among the demo staff (the centre borrows the department's).
func (g *generator) staffed(p *catalog.Procedure) bool {
	for _, s := range dossier.BuildPlan(p, g.centre) {
		if s.Phase != dossier.PhaseProcessing {
			continue
		}
		u := s.UnitCode
		if u == g.centre {
			u = p.UnitCode
		}
		st := g.staff[u]
		if st == nil || len(st.leaders) == 0 || len(st.processors) == 0 {
			return false
		}
	}
	return true
}

// procRule weighs the procedures whose field is field and whose name equals (exact) or
// starts with name ("" matches every name of the field).
type procRule struct {
	field, name string
	exact       bool
	w           float64
}

// procRules give the relative volumes: certification and civil status at the communes,
// land, judicial records, driving licences, business registration, social insurance
// and tax at the centre are the bulk of a centre's intake; every other procedure gets
// the tail weight.
var procRules = []procRule{
	{"CHUNG_THUC", "Chứng thực bản sao từ bản chính", false, 1100},
	{"CHUNG_THUC", "Chứng thực chữ ký", false, 260},
	{"CHUNG_THUC", "Chứng thực hợp đồng", false, 45},
	{"CHUNG_THUC", "Chứng thực văn bản", false, 20},
	{"CHUNG_THUC", "", false, 12},
	{"HO_TICH", "Đăng ký khai sinh", true, 230},
	{"HO_TICH", "Liên thông điện tử: đăng ký khai sinh", false, 170},
	{"HO_TICH", "Đăng ký khai tử", true, 45},
	{"HO_TICH", "Liên thông điện tử: đăng ký khai tử", false, 45},
	{"HO_TICH", "Đăng ký kết hôn", true, 75},
	{"HO_TICH", "Cấp Giấy xác nhận tình trạng hôn nhân", false, 160},
	{"HO_TICH", "Cấp bản sao trích lục hộ tịch", false, 120},
	{"HO_TICH", "Thay đổi, cải chính, bổ sung thông tin hộ tịch", true, 25},
	{"HO_TICH", "", false, 5},
	{"LY_LICH_TU_PHAP", "Cấp Phiếu lý lịch tư pháp cho công dân", false, 260},
	{"LY_LICH_TU_PHAP", "", false, 15},
	{"DUONG_BO", "Đổi giấy phép lái xe do ngành", false, 300},
	{"DUONG_BO", "Cấp lại giấy phép lái xe", false, 70},
	{"DUONG_BO", "Cấp giấy phép lái xe quốc tế", false, 35},
	{"DUONG_BO", "Đổi giấy phép lái xe", false, 12},
	{"DUONG_BO", "", false, 6},
	{"DAT_DAI", "Đăng ký biến động quyền sử dụng đất", false, 330},
	{"DAT_DAI", "Đăng ký biến động", false, 15},
	{"DAT_DAI", "Đăng ký thế chấp quyền sử dụng đất", false, 150},
	{"DAT_DAI", "Đăng ký thế chấp", false, 15},
	{"DAT_DAI", "Cấp đổi Giấy chứng nhận", false, 100},
	{"DAT_DAI", "Cung cấp thông tin, dữ liệu đất đai", false, 60},
	{"DAT_DAI", "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu cho hộ", false, 70},
	{"DAT_DAI", "Chuyển mục đích sử dụng đất đối với hộ", false, 45},
	{"DAT_DAI", "", false, 12},
	{"DANG_KY_DOANH_NGHIEP", "Đăng ký thành lập", false, 30},
	{"DANG_KY_DOANH_NGHIEP", "Đăng ký thay đổi", false, 9},
	{"DANG_KY_DOANH_NGHIEP", "", false, 4},
	{"HO_KINH_DOANH", "Đăng ký thành lập hộ kinh doanh", false, 70},
	{"HO_KINH_DOANH", "", false, 15},
	{"BAO_HIEM_XA_HOI", "Giải quyết hưởng bảo hiểm xã hội một lần", false, 45},
	{"BAO_HIEM_XA_HOI", "Giải quyết hưởng chế độ thai sản", false, 35},
	{"BAO_HIEM_XA_HOI", "Cấp lại, đổi, điều chỉnh thông tin trên sổ", false, 40},
	{"BAO_HIEM_XA_HOI", "Giải quyết hưởng lương hưu", false, 20},
	{"BAO_HIEM_XA_HOI", "", false, 10},
	{"THUE", "Khai lệ phí trước bạ", false, 45},
	{"THUE", "", false, 8},
	{"XUAT_NHAP_CANH", "Cấp hộ chiếu phổ thông", false, 70},
	{"XUAT_NHAP_CANH", "", false, 5},
	{"VIEC_LAM", "Giải quyết hưởng trợ cấp thất nghiệp", false, 90},
	{"VIEC_LAM", "", false, 6},
	{"BAO_TRO_XA_HOI", "", false, 14},
	{"NGUOI_CO_CONG", "", false, 8},
	{"CU_TRU", "", false, 10},
	{"QUAN_SU", "Đăng ký nghĩa vụ quân sự lần đầu", false, 35},
	{"QUAN_SU", "", false, 3},
}

// tailWeight is the weight of a procedure no rule names.
const tailWeight = 3

func procWeight(p *catalog.Procedure) float64 {
	if p.FieldCode == "XAY_DUNG" {
		switch {
		case p.Level == catalog.LevelCommune && strings.HasPrefix(p.Name, "Cấp giấy phép xây dựng mới"):
			return 45
		case p.Level == catalog.LevelCommune:
			return 8
		default:
			return 5
		}
	}
	for _, r := range procRules {
		if r.field != p.FieldCode {
			continue
		}
		if r.name == "" || (r.exact && p.Name == r.name) || (!r.exact && strings.HasPrefix(p.Name, r.name)) {
			return r.w
		}
	}
	return tailWeight
}

// orgFields are the fields whose applicants are mostly organisations, with the share.
var orgFields = map[string]float64{
	"DAU_TU": 0.9, "THUONG_MAI": 0.8, "HOA_CHAT": 0.95, "AN_TOAN_THUC_PHAM": 0.7, "DIEN": 0.9, "KHOANG_SAN": 0.95,
	"BUU_CHINH_VIEN_THONG": 0.9, "BAO_CHI_XUAT_BAN": 0.8, "XUC_TIEN_THUONG_MAI": 0.9, "TIEU_CHUAN_DO_LUONG": 0.8,
	"AN_TOAN_BUC_XA": 0.8, "TRANG_THIET_BI_Y_TE": 0.9, "LAO_DONG": 0.7, "HOP_TAC_XA": 0.9, "TO_CHUC_PHI_CP": 0.9,
	"XAY_DUNG": 0.5, "DANG_KY_DOANH_NGHIEP": 0.55, "MOI_TRUONG": 0.7, "TAI_NGUYEN_NUOC": 0.6, "GIAO_DUC": 0.5,
	"DUOC_PHAM": 0.5, "KHAM_CHUA_BENH": 0.4, "DU_LICH": 0.7, "THE_THAO": 0.5, "VAN_HOA": 0.4, "DAT_DAI": 0.08,
	"THUE": 0.3, "BAO_HIEM_XA_HOI": 0.15, "LAM_NGHIEP": 0.5, "CHAN_NUOI_THU_Y": 0.5, "TRONG_TROT": 0.3,
	"THUY_SAN": 0.4, "NHA_O": 0.5, "QUY_HOACH_KIEN_TRUC": 0.7, "DUONG_BO": 0.35,
	"TRAT_TU_XA_HOI": 0.8, "PHONG_CHAY": 0.9, "KHOA_HOC_CONG_NGHE": 0.8, "CONG_CHUNG": 0.6, "BO_TRO_TU_PHAP": 0.5,
}

func orgShare(p *catalog.Procedure) float64 {
	if p.Level == catalog.LevelCommune || strings.Contains(p.Name, "giấy phép lái xe") || strings.Contains(p.Name, "hộ chiếu") {
		return 0
	}
	return orgFields[p.FieldCode]
}

// arrival is one dossier's first contact: its time (submission for online dossiers),
// procedure, channel, receiving unit and code.
type arrival struct {
	at      time.Time
	proc    int
	channel catalog.Channel
	unit    string
	commune int // index in communes for a commune dossier, else -1
	code    string
}

// arrivals spreads n dossiers over the span days ending at now, by day weights
// (the older year's divided by demoYearGrowth), draws
// each one's time, channel, procedure and receiving unit, sorts them by time and
// numbers them per (unit, day) in that order.
func (g *generator) arrivals(n, span int) ([]arrival, error) {
	rng := rand.New(rand.NewPCG(uint64(g.seed), 0x61727269766c73))
	today := calendar.DateOf(g.now)
	first := today.AddDays(-(span - 1))
	lastYear := today.AddDays(-364)
	type dayW struct {
		day     calendar.Date
		working bool
		w       float64
	}
	var days []dayW
	var total, nonWorking float64
	for day := first; !today.Before(day); day = day.AddDays(1) {
		working, err := g.cal.IsWorkingDay(day)
		if err != nil {
			return nil, err
		}
		w := nonWorkingDayWeight * seasonWeight(day)
		if working {
			w = seasonWeight(day) * weekdayWeight(day)
		}
		if day == today {
			w *= g.elapsed(day, working)
		}
		if day.Before(lastYear) {
			w /= demoYearGrowth
		}
		days = append(days, dayW{day, working, w})
		total += w
		if !working {
			nonWorking += w
		}
	}
	if total <= 0 {
		return nil, fmt.Errorf("seed: demo dossiers: no time before %s", g.now)
	}
	// Working days: the procedure by its weight, then the channel among those it
	// offers, with probabilities such that the year's shares are shareOnline and
	// sharePost, every non-working-day dossier being online.
	nw := nonWorking / total
	var all, onW, postW float64
	for _, pi := range g.procs {
		all += pi.weight
		if len(pi.online) > 0 {
			onW += pi.weight
		}
		if pi.post {
			postW += pi.weight
		}
	}
	pOnline := math.Max(0, (shareOnline-nw)/(1-nw)) * all / onW
	pPost := sharePost / (1 - nw) * all / postW
	if pOnline+pPost > 0.95 {
		return nil, fmt.Errorf("seed: demo dossiers: too few procedures offer online and post channels")
	}
	// Largest-remainder apportionment of n to the days.
	counts := make([]int, len(days))
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(days))
	given := 0
	for i, d := range days {
		x := float64(n) * d.w / total
		counts[i] = int(x)
		given += counts[i]
		rems[i] = rem{i, x - float64(counts[i])}
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for k := 0; given < n; k++ {
		counts[rems[k%len(rems)].i]++
		given++
	}
	out := make([]arrival, 0, n)
	seq := map[string]int{}
	for i, d := range days {
		start := len(out)
		for k := 0; k < counts[i]; k++ {
			a := arrival{commune: -1, channel: catalog.ChannelCounter}
			if !d.working {
				a.proc = g.byCh[catalog.ChannelOnlineFull].draw(rng)
				a.channel = catalog.ChannelOnlineFull
			} else {
				a.proc = g.byCh[catalog.ChannelCounter].draw(rng)
				pi := g.procs[a.proc]
				switch r := rng.Float64(); {
				case r < pOnline && len(pi.online) > 0:
					a.channel = catalog.ChannelOnlineFull
				case r >= pOnline && r < pOnline+pPost && pi.post:
					a.channel = catalog.ChannelPost
				}
			}
			pi := g.procs[a.proc]
			if a.channel == catalog.ChannelOnlineFull {
				a.channel = pi.online[0]
				if len(pi.online) > 1 && rng.Float64() < 0.3 {
					a.channel = pi.online[1]
				}
			}
			a.unit = g.centre
			if pi.commune {
				a.commune = g.commW.draw(rng)
				a.unit = g.communes[a.commune].code
			}
			online := a.channel == catalog.ChannelOnlineFull || a.channel == catalog.ChannelOnlinePartial
			var err error
			if a.at, err = g.arrivalTime(rng, d.day, online); err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		day := out[start:]
		sort.SliceStable(day, func(a, b int) bool { return day[a].at.Before(day[b].at) })
		for k := range day {
			key := day[k].unit + "|" + d.day.String()
			seq[key]++
			day[k].code = dossier.FormatCode(day[k].unit, d.day, seq[key])
		}
	}
	return out, nil
}

// seasonWeight: fewer dossiers in the weeks around Tết, more in the weeks before it
// (papers done before the holiday) and in autumn.
func seasonWeight(day calendar.Date) float64 {
	w := 1.0
	switch day.Month {
	case time.September, time.October, time.November:
		w = 1.15
	case time.December:
		w = 1.1
	case time.July, time.August:
		w = 0.95
	}
	for _, y := range []int{day.Year - 1, day.Year, day.Year + 1} {
		tet, err := calendar.Tet(y)
		if err != nil {
			continue
		}
		switch k := day.Sub(tet); {
		case k >= -28 && k <= -8:
			w *= 1.35
		case k >= -7 && k <= 6:
			w *= 0.5
		case k >= 7 && k <= 20:
			w *= 0.7
		}
	}
	return w
}

func weekdayWeight(day calendar.Date) float64 {
	switch day.Weekday() {
	case time.Monday:
		return 1.15
	case time.Tuesday:
		return 1.05
	case time.Friday:
		return 0.9
	case time.Saturday, time.Sunday: // a make-up working day
		return 0.6
	}
	return 1
}

// elapsed returns the share of today's intake that happened before now: the working
// time elapsed on a working day, the hours elapsed otherwise.
func (g *generator) elapsed(day calendar.Date, working bool) float64 {
	if !working {
		return g.now.Sub(day.Time()).Hours() / 24
	}
	shifts, _ := g.cal.ShiftsOn(day)
	var all, done float64
	mins := float64(g.now.Sub(day.Time()) / time.Minute)
	for _, s := range shifts {
		a, b := float64(s.Start), float64(s.End)
		all += b - a
		done += math.Max(0, math.Min(b, mins)-a)
	}
	if all == 0 {
		return 0
	}
	// Online submissions arrive around the clock; count a little of the day for them.
	return math.Min(1, 0.9*done/all+0.1*mins/1440)
}

// onlineHours weighs the hour of the day of an online submission.
var onlineHours = [24]float64{0.2, 0.1, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.5, 1.7, 1.6, 1.4, 1, 1, 1.4, 1.5, 1.4, 1.1, 0.9, 1, 1.1, 1, 0.7, 0.4}

// arrivalTime draws the time of an arrival on day: online at any hour, weighted;
// counter and post in a shift, two thirds in the morning, peaking mid-shift. Today's
// arrivals are before now.
func (g *generator) arrivalTime(rng *rand.Rand, day calendar.Date, online bool) (time.Time, error) {
	shifts, err := g.cal.ShiftsOn(day)
	if err != nil {
		return time.Time{}, err
	}
	for try := 0; ; try++ {
		var t time.Time
		if online || len(shifts) == 0 {
			var sum float64
			for _, w := range onlineHours {
				sum += w
			}
			x, h := rng.Float64()*sum, 0
			for h < 23 && x > onlineHours[h] {
				x -= onlineHours[h]
				h++
			}
			t = day.Time().Add(time.Duration(h)*time.Hour + time.Duration(rng.IntN(3600))*time.Second)
		} else {
			s := shifts[0]
			if len(shifts) > 1 && rng.Float64() > 0.64 {
				s = shifts[len(shifts)-1]
			}
			span := float64(s.End-s.Start) * 60 // seconds
			off := span * (rng.Float64() + rng.Float64()) / 2
			t = day.Time().Add(time.Duration(s.Start)*time.Minute + time.Duration(off)*time.Second)
		}
		if !t.After(g.now) {
			return t, nil
		}
		if try > 200 {
			// Today with nearly no time elapsed: just before now.
			return g.now.Add(-time.Duration(1+rng.IntN(30)) * time.Minute), nil
		}
	}
}

// ——— Simulation of one dossier.

// sim drives one dossier through Decide and Apply.
type sim struct {
	g       *generator
	rng     *rand.Rand
	idx     int
	a       arrival
	pi      *procInfo
	proc    *catalog.Procedure // as decided: a commune procedure moved to the receiving commune
	d       *dossier.Dossier
	evs     []dossier.Event
	t       time.Time // instant of the last event
	stopped bool      // the next action would be after now
	err     error

	app       dossier.Applicant
	recipient dossier.Recipient
	rcpt      motcua.Actor // the receptionist handling the dossier
	four      bool
	lateUnit  string // the unit where the dossier is to be late, if any
	lateDone  bool
	plan      fate
}

// fate is what will happen to the dossier, drawn when it arrives.
type fate struct {
	refuseIntake, intakeSupplement, supplement, suspend, withdraw, cancel, refuse, reject bool
	abandon                                                                               bool // the applicant never brings the supplement
	returnPost, postReturned, payLater                                                    bool
}

func (g *generator) simulate(i int, a arrival) ([]dossier.Event, error) {
	s := &sim{g: g, idx: i, a: a, pi: g.procs[a.proc], d: &dossier.Dossier{}, t: a.at,
		rng: rand.New(rand.NewPCG(uint64(g.seed)^0x646f7373696572, uint64(i)+1))}
	s.proc = s.pi.p
	if s.pi.commune {
		cp := *s.pi.p
		cp.UnitCode = a.unit
		s.proc = &cp
	}
	s.four = s.proc.FourOnSpot
	st := g.staff[a.unit]
	s.rcpt = motcua.Actor{Username: pick(s.rng, st.receptionists), Role: motcua.RoleReceptionist, UnitCode: a.unit}
	s.draw()
	s.run()
	if s.err != nil {
		return nil, fmt.Errorf("seed: demo dossier %s (%s %s): %w", a.code, s.proc.Code, a.channel, s.err)
	}
	return s.evs, nil
}

// recentDays is how close to now a dossier counts as recent: recent dossiers are
// suspended more often and late more often at the slow units, so that a few are
// suspended, and a few overdue, at now (the backlog of a real centre).
const recentDays = 30

// draw decides the dossier's fate.
func (s *sim) draw() {
	r := s.rng
	online := s.online()
	f := &s.plan
	switch {
	case online:
		f.refuseIntake = r.Float64() < 0.016
		f.intakeSupplement = r.Float64() < 0.05
	case s.a.channel == catalog.ChannelPost:
		f.refuseIntake = r.Float64() < 0.005
		f.intakeSupplement = r.Float64() < 0.10
	default:
		f.refuseIntake = r.Float64() < 0.006
	}
	supp := 0.14
	if s.four {
		supp = 0.05
	}
	f.supplement = r.Float64() < supp
	f.abandon = f.supplement && r.Float64() < 0.02
	recent := s.g.now.Sub(s.a.at) < recentDays*24*time.Hour
	susp := 0.004
	if recent {
		susp = 0.035
	}
	f.suspend = !s.four && r.Float64() < susp
	f.withdraw = r.Float64() < 0.0022
	f.cancel = r.Float64() < 0.0005
	f.refuse = r.Float64() < 0.005
	f.reject = r.Float64() < 0.02
	switch {
	case s.a.channel == catalog.ChannelPost:
		f.returnPost = r.Float64() < 0.9
	case online:
		f.returnPost = r.Float64() < 0.22
	case !s.four:
		f.returnPost = r.Float64() < 0.08
	}
	f.postReturned = f.returnPost && r.Float64() < 0.04
	f.payLater = r.Float64() < 0.12
	// Lateness: at most one unit, among the units of the plan's processing segments.
	seen := map[string]bool{}
	for _, ps := range dossier.BuildPlan(s.proc, s.a.unit) {
		if ps.Phase != dossier.PhaseProcessing || seen[ps.UnitCode] || s.four {
			continue
		}
		seen[ps.UnitCode] = true
		p, ok := s.g.slow[ps.UnitCode]
		switch {
		case !ok:
			p = otherLate
		case recent:
			p *= 2
		}
		if r.Float64() < p {
			s.lateUnit = ps.UnitCode
			break
		}
	}
	s.app, s.recipient = s.applicant()
}

func (s *sim) online() bool {
	return s.a.channel == catalog.ChannelOnlineFull || s.a.channel == catalog.ChannelOnlinePartial
}

// do decides cmd by a at at and applies it. It returns false, doing nothing, when at is
// after now (the dossier stays as it is: the demo year ends there) or after an error.
func (s *sim) do(cmd dossier.Command, a motcua.Actor, at time.Time) bool {
	if s.stopped || s.err != nil {
		return false
	}
	if at.Before(s.t) {
		at = s.t
	}
	if at.After(s.g.now) {
		s.stopped = true
		return false
	}
	env := dossier.Env{Calendar: s.g.cal}
	if s.d.State == dossier.StateNew {
		env.Procedure, env.Code = s.proc, s.a.code
	}
	ev, err := dossier.Decide(s.d, cmd, a, at, env)
	if err != nil {
		s.err = fmt.Errorf("%s by %s at %s: %w (allowed: %v)", cmd.Action, a.Username, at.Format(time.RFC3339), err, dossier.AllowedActions(s.d, a))
		return false
	}
	if err := dossier.Apply(s.d, ev); err != nil {
		s.err = fmt.Errorf("apply %s: %w", cmd.Action, err)
		return false
	}
	s.evs = append(s.evs, ev)
	s.t = ev.At
	return true
}

// after returns the instant minutes of working time after the last event (the next
// working shift's start for 0 outside working hours).
func (s *sim) after(minutes float64) time.Time {
	d := time.Duration(math.Max(0, minutes)*60) * time.Second
	sd, err := s.g.cal.StepDues(s.t, []time.Duration{d})
	if err != nil {
		if s.err == nil {
			s.err = err
		}
		return s.t
	}
	return sd[0].Due
}

// left returns the working minutes from the last event to t (negative when t is
// before it).
func (s *sim) left(t time.Time) float64 {
	w, err := s.g.cal.WorkingTimeBetween(s.t, t)
	if err != nil && s.err == nil {
		s.err = err
	}
	return w.Minutes()
}

// uniform returns a number in [lo, hi).
func (s *sim) uniform(lo, hi float64) float64 { return lo + (hi-lo)*s.rng.Float64() }

// capped returns s.after(x), keeping a dossier not meant to be late before its legal
// due (the step allotments add up to less than the time limit, so this only trims the
// rare step that runs over).
func (s *sim) capped(x float64) time.Time {
	if !s.d.DueAt.IsZero() && s.d.Completion == nil && !(s.lateUnit != "" && s.lateUnit == s.d.CurrentUnit && !s.lateDone) {
		if lim := s.left(s.d.DueAt); lim > 0 && x > lim*0.98 {
			x = lim * s.uniform(0.5, 0.95)
		}
	}
	return s.after(x)
}

// stepTime returns the time of the next action at the current step: a share between lo
// and hi of the working time left to the step's due; sometimes (more often at the slow
// units) a little over it.
func (s *sim) stepTime(lo, hi float64) time.Time {
	left := 120.0
	if !s.d.StepDue.IsZero() {
		left = s.left(s.d.StepDue)
	}
	if left < 15 {
		left = s.uniform(10, 40)
	}
	x := left * s.uniform(lo, hi)
	over := 0.001
	if _, slow := s.g.slow[s.d.CurrentUnit]; slow {
		over = 0.035
	}
	if !s.four && s.rng.Float64() < over {
		x = left * s.uniform(1.05, 1.6)
	}
	return s.capped(x)
}

// quick returns the time of a "4 tại chỗ" action: lo–hi working minutes later.
func (s *sim) quick(lo, hi float64) time.Time { return s.capped(s.uniform(lo, hi)) }

func (s *sim) run() {
	if !s.intake() {
		return
	}
	if !s.transfer() {
		return
	}
	for s.d.State == dossier.StateInProcessing {
		if !s.segment() {
			return
		}
	}
	if s.d.State == dossier.StateResultReady {
		s.deliver()
	}
}

// intake: submission and acceptance online, or receipt at the counter or by post.
func (s *sim) intake() bool {
	f := &s.plan
	fees, exemptions := s.fees()
	owed := owedOf(fees)
	if s.online() {
		cmd := dossier.Command{Action: dossier.ActSubmitOnline, UnitCode: s.a.unit, Channel: s.a.channel,
			Applicant: &s.app, ReturnMethod: s.returnMethod(), Exemptions: exemptions, Papers: s.papers()}
		paidOnline := owed > 0 && !f.payLater && s.rng.Float64() < 0.8
		if paidOnline {
			cmd.Payment = &dossier.Payment{Method: dossier.PayOnline, Receipt: s.receipt(dossier.PayOnline), Amount: owed}
		}
		if !s.do(cmd, s.citizen(), s.a.at) {
			return false
		}
		// Checked from the next working shift: within the morning for the night's
		// submissions, within a few working hours otherwise.
		check := s.after(s.uniform(5, 200))
		if f.refuseIntake {
			s.do(dossier.Command{Action: dossier.ActRefuseIntake, Reason: pickS(s.rng, refuseOnlineReasons)}, s.rcpt, check)
			return false
		}
		if f.intakeSupplement {
			missing, reason := s.missing(true)
			if !s.do(dossier.Command{Action: dossier.ActRequestSupplement, Reason: reason, MissingPapers: missing}, s.rcpt, check) {
				return false
			}
			if !s.do(dossier.Command{Action: dossier.ActSupplementReceived, Papers: received(missing)}, s.rcpt, s.after(s.uniform(60, 1800))) {
				return false
			}
			check = s.after(s.uniform(5, 120))
		}
		cmd = dossier.Command{Action: dossier.ActAcceptOnline, Papers: s.papers()}
		if owed > 0 && !paidOnline && !f.payLater {
			cmd.Payment = &dossier.Payment{Method: dossier.PayBankTransfer, Receipt: s.receipt(dossier.PayBankTransfer), Amount: owed}
		}
		return s.do(cmd, s.rcpt, check)
	}
	if f.refuseIntake {
		s.do(dossier.Command{Action: dossier.ActRefuseIntake, Channel: s.a.channel, Applicant: &s.app, Reason: pickS(s.rng, refuseCounterReasons)}, s.rcpt, s.a.at)
		return false
	}
	cmd := dossier.Command{Action: dossier.ActReceive, Channel: s.a.channel, Applicant: &s.app, ReturnMethod: s.returnMethod(),
		Exemptions: exemptions, Papers: s.papers()}
	if owed > 0 && !f.payLater {
		m := dossier.PayCash
		if s.a.channel == catalog.ChannelPost || s.rng.Float64() < 0.22 {
			m = dossier.PayBankTransfer
		}
		cmd.Payment = &dossier.Payment{Method: m, Receipt: s.receipt(m), Amount: owed}
	}
	if !s.do(cmd, s.rcpt, s.a.at) {
		return false
	}
	if f.intakeSupplement {
		missing, reason := s.missing(false)
		if !s.do(dossier.Command{Action: dossier.ActRequestSupplement, Reason: reason, MissingPapers: missing}, s.rcpt, s.after(s.uniform(10, 240))) {
			return false
		}
		if !s.do(dossier.Command{Action: dossier.ActSupplementReceived, Papers: received(missing)}, s.rcpt, s.after(s.uniform(450, 3600))) {
			return false
		}
	}
	return true
}

// transfer hands the dossier to the first resolving unit: at once for "4 tại chỗ",
// else within the intake step; a dossier received after 15:00 goes the next morning
// when its intake step allows (the handover rule of the provinces' internal processes).
func (s *sim) transfer() bool {
	var at time.Time
	switch {
	case s.four:
		at = s.quick(2, 15)
	default:
		at = s.stepTime(0.05, 0.7)
		if s.t.Hour() >= 15 && !s.d.StepDue.IsZero() && calendar.DateOf(s.d.StepDue) != calendar.DateOf(s.t) {
			next := s.after(0)
			if calendar.DateOf(next) == calendar.DateOf(s.t) {
				next = s.afterDay()
			}
			if cand := next.Add(time.Duration(s.rng.IntN(40)) * time.Minute); !cand.After(s.d.StepDue) {
				at = cand
			}
		}
	}
	return s.do(dossier.Command{Action: dossier.ActTransfer}, s.rcpt, at)
}

// afterDay returns the start of the next working day after the last event's.
func (s *sim) afterDay() time.Time {
	sd, err := s.g.cal.StepDues(calendar.DateOf(s.t).Time().Add(23*time.Hour+59*time.Minute), []time.Duration{0})
	if err != nil {
		s.err = err
		return s.t
	}
	return sd[0].Due
}

// staffAt returns the leaders and processors acting at unit u for this dossier: at the
// centre ("4 tại chỗ"), the centre's own leaders and processors, or when it has none
// the officers the department seconds there.
func (s *sim) staffAt(u string) (leader, processor motcua.Actor) {
	src := u
	if st := s.g.staff[u]; u == s.g.centre && (st == nil || len(st.leaders) == 0 || len(st.processors) == 0) {
		src = s.pi.p.UnitCode
	}
	st := s.g.staff[src]
	return motcua.Actor{Username: pick(s.rng, st.leaders), Role: motcua.RoleLeader, UnitCode: u},
		motcua.Actor{Username: pick(s.rng, st.processors), Role: motcua.RoleProcessor, UnitCode: u}
}

// segment runs one unit's part: assignment, appraisal, the side paths drawn for the
// dossier (on the first unit), proposal and approval. It returns false when the
// dossier stops or ends.
func (s *sim) segment() bool {
	d, f := s.d, &s.plan
	u := d.CurrentUnit
	leader, proc := s.staffAt(u)
	firstSeg := d.Step >= 0 && d.Plan[d.Step].Segment == 0
	t := s.stepTime(0.05, 0.5)
	if s.four {
		t = s.quick(2, 15)
	}
	if !s.do(dossier.Command{Action: dossier.ActAssign, Assignee: proc.Username}, leader, t) {
		return false
	}
	if firstSeg && f.supplement {
		missing, reason := s.missing(false)
		if !s.do(dossier.Command{Action: dossier.ActRequestSupplement, Reason: reason, MissingPapers: missing}, proc, s.stepTime(0.1, 0.6)) {
			return false
		}
		if f.abandon {
			s.do(dossier.Command{Action: dossier.ActWithdraw, Reason: "Quá thời hạn bổ sung hồ sơ, người nộp có đơn xin rút hồ sơ"}, s.rcpt, s.after(s.uniform(6750, 13500)))
			return false
		}
		wait := 450 * math.Min(20, 0.3+s.rng.ExpFloat64()*3.5)
		if !s.do(dossier.Command{Action: dossier.ActSupplementReceived, Papers: received(missing)}, s.rcpt, s.after(wait)) {
			return false
		}
	}
	if firstSeg && f.suspend {
		if !s.do(dossier.Command{Action: dossier.ActSuspend, Reason: s.suspendReason()}, leader, s.stepTime(0.1, 0.5)) {
			return false
		}
		if !s.do(dossier.Command{Action: dossier.ActResume}, leader, s.after(450*s.uniform(2, 18))) {
			return false
		}
	}
	if firstSeg && f.withdraw {
		s.do(dossier.Command{Action: dossier.ActWithdraw, Reason: pickS(s.rng, withdrawReasons)}, s.rcpt, s.stepTime(0.1, 0.6))
		return false
	}
	if firstSeg && f.cancel {
		s.do(dossier.Command{Action: dossier.ActCancel, Reason: "Hồ sơ tiếp nhận trùng, đã tiếp nhận lại với mã hồ sơ khác"},
			motcua.Actor{Username: "admin", Role: motcua.RoleAdmin}, s.stepTime(0.1, 0.5))
		return false
	}
	if firstSeg && f.refuse {
		reason := s.refusalReason()
		if !s.do(dossier.Command{Action: dossier.ActProposeRefusal, Reason: reason}, proc, s.stepTime(0.2, 0.8)) {
			return false
		}
		s.do(dossier.Command{Action: dossier.ActRefuse, Reason: reason, DocumentSHA256: s.docHash("refusal")}, leader, s.stepTime(0.1, 0.6))
		return false
	}
	propose := dossier.Command{Action: dossier.ActProposeResult, Summary: s.summary()}
	switch {
	case s.four:
		t = s.quick(10, 60)
	case s.lateUnit == u && !s.lateDone:
		lim := math.Max(0, s.left(d.DueAt))
		extra := math.Min(6000, 20+s.rng.ExpFloat64()*900)
		if s.rng.Float64() < 0.6 {
			// The unit at fault apologises before the due, with a new appointment at the
			// end of a working day after the expected completion.
			by := leader
			if s.rng.Float64() < 0.3 {
				by = proc
			}
			at := s.after(lim * s.uniform(0.5, 0.95))
			appt := s.appointment(lim+extra+s.uniform(100, 900), d.DueAt)
			if !s.do(dossier.Command{Action: dossier.ActApologize, Reason: s.apologyReason(), Appointment: appt}, by, at) {
				return false
			}
			lim = math.Max(0, s.left(d.DueAt))
		}
		t = s.after(lim + extra)
		s.lateDone = true
	default:
		t = s.stepTime(0.15, 0.8)
	}
	if !s.do(propose, proc, t) {
		return false
	}
	if firstSeg && f.reject && !s.four {
		if !s.do(dossier.Command{Action: dossier.ActRejectProposal, Reason: pickS(s.rng, rejectReasons)}, leader, s.stepTime(0.05, 0.3)) {
			return false
		}
		if !s.do(propose, proc, s.stepTime(0.1, 0.4)) {
			return false
		}
	}
	t = s.stepTime(0.05, 0.6)
	if s.four {
		t = s.quick(5, 30)
	}
	return s.do(dossier.Command{Action: dossier.ActApprove, DocumentSHA256: s.docHash("result " + u)}, leader, t)
}

// appointment returns the end of the working day minutes of working time after the
// last event, and after due.
func (s *sim) appointment(minutes float64, due time.Time) time.Time {
	t := s.after(minutes)
	for i := 0; i < 30; i++ {
		day := calendar.DateOf(t)
		end := day.Time().Add(17 * time.Hour)
		if shifts, _ := s.g.cal.ShiftsOn(day); len(shifts) > 0 {
			end = day.Time().Add(time.Duration(shifts[len(shifts)-1].End) * time.Minute)
		}
		if end.After(due) {
			return end
		}
		t = end.Add(12 * time.Hour)
	}
	return due.Add(24 * time.Hour)
}

// deliver returns the result: by post (sometimes brought back undelivered and sent
// again), or at the counter when the applicant comes; outstanding fees are paid then.
func (s *sim) deliver() {
	f := &s.plan
	var at time.Time
	switch {
	case s.four && !f.returnPost:
		at = s.after(s.uniform(3, 60))
	case f.returnPost:
		at = s.after(s.uniform(30, 450))
	default:
		at = s.after(math.Min(450*25, 5+s.rng.ExpFloat64()*650))
	}
	if out := s.d.FeesOutstanding(); out > 0 {
		m := dossier.PayCash
		if s.rng.Float64() < 0.3 {
			m = dossier.PayBankTransfer
		}
		if !s.do(dossier.Command{Action: dossier.ActPay, Payment: &dossier.Payment{Method: m, Receipt: s.receipt(m), Amount: out}}, s.rcpt, at) {
			return
		}
	}
	if !f.returnPost {
		s.do(dossier.Command{Action: dossier.ActReturnResult, Recipient: &s.recipient}, s.rcpt, at)
		return
	}
	if !s.do(dossier.Command{Action: dossier.ActSendByPost, TrackingNumber: s.tracking()}, s.rcpt, at) {
		return
	}
	if f.postReturned {
		if !s.do(dossier.Command{Action: dossier.ActPostReturned, Reason: pickS(s.rng, postReturnReasons)}, s.rcpt, s.after(s.uniform(450, 1350))) {
			return
		}
		if !s.do(dossier.Command{Action: dossier.ActSendByPost, TrackingNumber: s.tracking()}, s.rcpt, s.after(s.uniform(60, 900))) {
			return
		}
	}
	s.do(dossier.Command{Action: dossier.ActPostDelivered}, s.rcpt, s.after(s.uniform(300, 1350)))
}

// ——— Payload: applicant, papers, fees, texts.

func (s *sim) citizen() motcua.Actor {
	h := sha256.Sum256([]byte(s.app.IDNumber))
	return motcua.Actor{Username: "vneid:" + hex.EncodeToString(h[:5]), Role: dossier.RoleApplicant}
}

func (s *sim) returnMethod() *dossier.ReturnMethod {
	if s.plan.returnPost {
		return &dossier.ReturnMethod{Kind: dossier.ReturnPost, Address: s.app.Address}
	}
	return &dossier.ReturnMethod{Kind: dossier.ReturnCounter}
}

// fees returns the fee lines and the exemptions: online dossiers are exempt from the
// charges the catalogue says are waived online.
func (s *sim) fees() ([]dossier.FeeLine, []dossier.FeeExemption) {
	var ex []dossier.FeeExemption
	if s.online() {
		for i, f := range s.proc.Fees {
			n := strings.ToLower(f.Note)
			if f.Amount > 0 && strings.Contains(n, "miễn") && (strings.Contains(n, "qua mạng") || strings.Contains(n, "trực tuyến")) {
				ex = append(ex, dossier.FeeExemption{Index: i, Reason: "Miễn lệ phí do nộp hồ sơ trực tuyến"})
			}
		}
	}
	lines, err := dossier.FeeLines(s.proc.Fees, ex)
	if err != nil {
		s.err = err
	}
	return lines, ex
}

func owedOf(lines []dossier.FeeLine) int64 {
	var t int64
	for _, l := range lines {
		t += l.Owed()
	}
	return t
}

// receipt returns a receipt (biên lai) number: the e-receipt series of the year and a
// number, or the payment platform's transaction number.
func (s *sim) receipt(m dossier.PaymentMethod) string {
	yy := s.a.at.Year() % 100
	switch m {
	case dossier.PayOnline:
		return fmt.Sprintf("PAYGOV%02d%010d", yy, s.rng.Int64N(1e10))
	case dossier.PayBankTransfer:
		return fmt.Sprintf("FT%02d%03d%08d", yy, s.a.at.YearDay(), s.rng.Int64N(1e8))
	}
	return fmt.Sprintf("BLP/%02dE-%07d", yy, s.idx+1)
}

// tracking returns a VNPost EMS item number with its UPU S10 check digit.
func (s *sim) tracking() string {
	n := s.rng.IntN(100_000_000)
	digits := fmt.Sprintf("%08d", n)
	weights := [8]int{8, 6, 4, 2, 3, 5, 9, 7}
	sum := 0
	for i, w := range weights {
		sum += int(digits[i]-'0') * w
	}
	c := 11 - sum%11
	switch c {
	case 10:
		c = 0
	case 11:
		c = 5
	}
	return fmt.Sprintf("E%c%s%dVN", "ELB"[s.rng.IntN(3)], digits, c)
}

func (s *sim) docHash(what string) string {
	h := sha256.Sum256([]byte(s.a.code + "|" + what + "|" + fmt.Sprint(len(s.evs))))
	return hex.EncodeToString(h[:])
}

// papers returns the papers handed in: the mandatory ones with their originals and
// copies, and some optional ones.
func (s *sim) papers() []dossier.PaperReceived {
	var out []dossier.PaperReceived
	for _, p := range s.proc.Papers {
		if p.Originals+p.Copies == 0 || (!p.Mandatory && s.rng.Float64() > 0.35) {
			continue
		}
		out = append(out, dossier.PaperReceived{Name: p.Name, Originals: p.Originals, Copies: p.Copies})
	}
	if len(out) == 0 {
		out = []dossier.PaperReceived{{Name: "Đơn đề nghị (theo mẫu)", Originals: 1}}
	}
	return out
}

// missing returns the papers a supplement request asks for and its reason.
func (s *sim) missing(online bool) ([]string, string) {
	var names []string
	for _, p := range s.proc.Papers {
		if p.Mandatory {
			names = append(names, p.Name)
		}
	}
	if len(names) == 0 {
		names = []string{"Tờ khai theo mẫu"}
	}
	k := 1
	if len(names) > 1 && s.rng.Float64() < 0.3 {
		k = 2
	}
	s.rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	issues := supplementIssues
	if online {
		issues = onlineSupplementIssues
	}
	issue := pickS(s.rng, issues)
	out := make([]string, k)
	for i := range out {
		out[i] = names[i] + " (" + lowerFirst(issue) + ")"
	}
	return out, "Đề nghị bổ sung, hoàn thiện hồ sơ: " + strings.Join(names[:k], "; ") + " — " + lowerFirst(issue) + "."
}

func received(missing []string) []dossier.PaperReceived {
	out := make([]dossier.PaperReceived, len(missing))
	for i, m := range missing {
		if j := strings.LastIndex(m, " ("); j > 0 {
			m = m[:j]
		}
		out[i] = dossier.PaperReceived{Name: m, Originals: 1}
	}
	return out
}

func (s *sim) summary() string {
	if s.proc.Result != "" {
		return "Hồ sơ đủ điều kiện giải quyết; dự thảo " + lowerFirst(s.proc.Result) + " trình lãnh đạo phê duyệt"
	}
	return "Hồ sơ đủ điều kiện giải quyết; trình lãnh đạo phê duyệt"
}

func (s *sim) refusalReason() string {
	if s.proc.FieldCode == "DAT_DAI" {
		return pickS(s.rng, landRefusalReasons)
	}
	return pickS(s.rng, refusalReasons)
}

func (s *sim) suspendReason() string {
	if s.proc.FieldCode == "DAT_DAI" {
		return "Chờ kết quả đo đạc, xác minh nguồn gốc và quá trình sử dụng đất"
	}
	return pickS(s.rng, suspendReasons)
}

func (s *sim) apologyReason() string {
	if s.proc.FieldCode == "DAT_DAI" {
		return pickS(s.rng, landApologyReasons)
	}
	return pickS(s.rng, apologyReasons)
}

var (
	refuseOnlineReasons = []string{
		"Hồ sơ nộp trực tuyến không đúng thủ tục hành chính cần thực hiện; đề nghị nộp lại đúng thủ tục",
		"Hồ sơ nộp trùng với hồ sơ đã được tiếp nhận trước đó",
		"Thành phần hồ sơ điện tử không đúng quy định, người nộp không bổ sung theo hướng dẫn",
		"Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận",
	}
	refuseCounterReasons = []string{
		"Thủ tục không thuộc thẩm quyền giải quyết của cơ quan tiếp nhận; đã hướng dẫn người nộp đến cơ quan có thẩm quyền",
		"Người yêu cầu không thuộc đối tượng thực hiện thủ tục hành chính theo quy định",
		"Yêu cầu đã được giải quyết trước đó, không thuộc trường hợp cấp lại",
	}
	supplementIssues = []string{
		"Bản sao chưa được chứng thực theo quy định",
		"Tờ khai chưa ghi đầy đủ thông tin, thiếu chữ ký của người đề nghị",
		"Thông tin trên giấy tờ không thống nhất với Cơ sở dữ liệu quốc gia về dân cư",
		"Giấy tờ đã hết thời hạn sử dụng",
		"Thiếu xác nhận của cơ quan có thẩm quyền",
	}
	onlineSupplementIssues = []string{
		"Bản chụp, bản quét giấy tờ không rõ nét",
		"Tệp đính kèm không đúng thành phần hồ sơ",
		"Tờ khai điện tử chưa ghi đầy đủ thông tin",
	}
	refusalReasons = []string{
		"Không đủ điều kiện theo quy định của pháp luật chuyên ngành",
		"Kết quả kiểm tra thực tế không đáp ứng điều kiện theo quy định",
		"Người đề nghị không thuộc đối tượng được giải quyết theo quy định",
	}
	landRefusalReasons = []string{
		"Thửa đất đang có tranh chấp, chưa đủ điều kiện đăng ký biến động",
		"Thửa đất thuộc khu vực đã có quyết định thu hồi đất",
		"Hợp đồng chuyển nhượng chưa được công chứng, chứng thực theo quy định",
	}
	withdrawReasons = []string{
		"Người nộp hồ sơ có đơn xin rút hồ sơ",
		"Tổ chức đề nghị rút hồ sơ để điều chỉnh nội dung đề nghị",
		"Người nộp hồ sơ đề nghị rút hồ sơ do thay đổi nhu cầu",
	}
	suspendReasons = []string{
		"Chờ kết quả xác minh của cơ quan có liên quan",
		"Chờ ý kiến thẩm định của cơ quan chuyên môn",
		"Tạm dừng theo đề nghị bằng văn bản của người nộp hồ sơ",
		"Chờ kết quả giám định",
	}
	rejectReasons = []string{
		"Dự thảo kết quả chưa đúng thể thức, đề nghị hoàn thiện lại",
		"Đề nghị rà soát lại căn cứ pháp lý trong dự thảo",
		"Đề nghị kiểm tra lại thông tin của người đề nghị trong dự thảo",
	}
	apologyReasons = []string{
		"Hồ sơ phải lấy ý kiến của cơ quan có liên quan nên chưa giải quyết được đúng hạn",
		"Phải kiểm tra, xác minh thêm thông tin trong hồ sơ",
		"Khối lượng hồ sơ tăng cao, công chức thụ lý chậm chuyển hồ sơ",
	}
	landApologyReasons = []string{
		"Phải đo đạc, kiểm tra thực địa thửa đất nên chưa trả kết quả đúng hạn",
		"Chờ cơ quan thuế xác định nghĩa vụ tài chính",
		"Phải xác minh nguồn gốc sử dụng đất với Ủy ban nhân dân cấp xã",
	}
	postReturnReasons = []string{
		"Không liên lạc được với người nhận",
		"Địa chỉ người nhận không chính xác",
		"Người nhận đi vắng, không có người nhận thay",
	}
)

// ——— People and organisations of Lạng Sơn.

var (
	// familyNames with weights: Kinh names and the Tày and Nùng names common in Lạng Sơn.
	familyNames = []struct {
		n string
		w float64
	}{
		{"Nguyễn", 12}, {"Hoàng", 12}, {"Nông", 9}, {"Lương", 7}, {"Vi", 6}, {"Hà", 5}, {"Lộc", 5}, {"Triệu", 4},
		{"Lê", 5}, {"Trần", 5}, {"Lăng", 3}, {"Chu", 3}, {"Mã", 3}, {"Bế", 3}, {"Dương", 3}, {"Phạm", 3},
		{"Đinh", 2}, {"Hứa", 2}, {"Lục", 2}, {"Đàm", 2}, {"Lành", 2}, {"Vy", 2}, {"Tô", 1.5}, {"Ma", 1},
		{"Đặng", 1.5}, {"Vũ", 1.5}, {"Đỗ", 1}, {"Bùi", 1}, {"Lý", 1}, {"Sầm", 0.5}, {"La", 1}, {"Chu", 1},
	}
	maleMiddle   = []string{"Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Thanh", "Tiến", "Ngọc", "Xuân", "Công", "Đình"}
	femaleMiddle = []string{"Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Kim", "Hải", "Bích"}
	maleGiven    = []string{"Hùng", "Tuấn", "Dũng", "Cường", "Hải", "Quân", "Long", "Thắng", "Phong", "Sơn", "Tùng", "Khánh", "Nam", "Bình", "Trung", "Việt", "Đức", "Huy", "Hoàng", "Thành", "Tâm", "Lâm", "Kiên", "Lợi", "Phúc", "Chiến", "Quyết", "Toàn", "Vinh", "Hiếu"}
	femaleGiven  = []string{"Lan", "Hương", "Mai", "Thảo", "Trang", "Linh", "Hà", "Huyền", "Nga", "Yến", "Phương", "Thủy", "Hằng", "Nhung", "Loan", "Vân", "Hoa", "Liên", "Duyên", "Hạnh", "Oanh", "Thúy", "Dung", "Ngân", "Quyên", "Thơm", "Xuân", "Hiền"}
	streets      = []string{"Trần Đăng Ninh", "Lê Lợi", "Bà Triệu", "Tam Thanh", "Lương Văn Tri", "Bắc Sơn", "Hùng Vương", "Ngô Quyền", "Tông Đản", "Phai Vệ", "Mỹ Sơn", "Văn Vỉ", "Chi Lăng", "Đinh Tiên Hoàng", "Lý Thái Tổ", "Nguyễn Du", "Lê Đại Hành", "Hoàng Văn Thụ", "Minh Khai", "Trần Hưng Đạo", "Phan Đình Phùng", "Quang Trung", "Lê Hồng Phong", "Tô Thị", "Đèo Giang", "Thân Thừa Quý", "Nguyễn Thái Học", "Ba Sơn"}
	villages     = []string{"Nà Pàn", "Khòn Pát", "Pác Cáp", "Bản Chu", "Nà Tòng", "Pò Mã", "Còn Quan", "Khau Ràng", "Nà Danh", "Bó Củng", "Nà Làng", "Phai Lầy", "Khuổi Khe", "Nà Sla", "Bản Mạ", "Pò Nhùng", "Nà Mò", "Khòn Chu", "Pắc Lạn", "Nà Thang", "Cốc Lùng", "Bản Chắt", "Nà Vường", "Pá Phấy", "Trung Tâm", "Đồng Tâm", "Tân Lập", "Hợp Thành"}
	// otherProvinces: places of origin (CCCD code) and addresses of applicants from
	// outside the province.
	otherProvinces = []struct{ code, addr string }{
		{"001", "Số 18 phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội"},
		{"004", "Tổ 7, Phường Thục Phán, tỉnh Cao Bằng"},
		{"019", "Số 45 đường Lương Ngọc Quyến, Phường Phan Đình Phùng, tỉnh Thái Nguyên"},
		{"024", "Số 12 đường Nguyễn Thị Lưu, Phường Bắc Giang, tỉnh Bắc Ninh"},
		{"022", "Tổ 3, khu 5, Phường Hồng Gai, tỉnh Quảng Ninh"},
		{"037", "Số 9 đường Trần Hưng Đạo, Phường Hoa Lư, tỉnh Ninh Bình"},
		{"079", "Số 120 đường Lê Văn Sỹ, Phường Nhiêu Lộc, Thành phố Hồ Chí Minh"},
	}
	mobilePrefixes = []string{"086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039", "088", "091", "094", "081", "082", "083", "084", "085", "089", "090", "093", "070", "076", "077", "078", "079", "092", "056", "058"}
	orgForms       = []string{"Công ty TNHH", "Công ty TNHH MTV", "Công ty Cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân"}
	orgTrades      = []string{"Thương mại và Dịch vụ", "Xây dựng", "Vận tải", "Đầu tư Phát triển", "Nông lâm sản", "Xuất nhập khẩu", "Dược phẩm", "Du lịch", "Khoáng sản", "Thực phẩm", "Tư vấn Xây dựng", "Logistics"}
	orgNames       = []string{"Hoàng Long", "Đồng Đăng", "Kỳ Lừa", "Tân Thanh", "Mẫu Sơn", "Xứ Lạng", "Chi Lăng", "Phú Lộc", "Hữu Nghị", "Bắc Sơn", "Hồng Phát", "Minh Khai", "Phương Nam", "Thành Đạt", "An Khang", "Nam Quan", "Việt Trung", "Tràng Định", "Lộc Bình", "Hưng Thịnh", "Na Dương", "Văn Lãng"}
)

type person struct {
	name, id string
	male     bool
}

// newPerson returns a person of age between lo and hi years at the dossier's arrival,
// with a valid 12-digit identification number: the province of birth (020 Lạng Sơn
// for most), the century-and-sex digit, the year of birth and six digits (Circular
// 07/2016/TT-BCA, kept by Circular 59/2021/TT-BCA).
func (s *sim) newPerson(lo, hi int, province string) person {
	r := s.rng
	male := r.IntN(2) == 0
	var w float64
	for _, f := range familyNames {
		w += f.w
	}
	x := r.Float64() * w
	fam := familyNames[len(familyNames)-1].n
	for _, f := range familyNames {
		if x < f.w {
			fam = f.n
			break
		}
		x -= f.w
	}
	var name string
	if male {
		name = fam + " " + pick(r, maleMiddle) + " " + pick(r, maleGiven)
	} else {
		name = fam + " " + pick(r, femaleMiddle) + " " + pick(r, femaleGiven)
	}
	born := s.a.at.Year() - lo - r.IntN(hi-lo+1)
	cs := 0 // 20th century male
	if born >= 2000 {
		cs = 2
	}
	if !male {
		cs++
	}
	id := fmt.Sprintf("%s%d%02d%06d", province, cs, born%100, r.IntN(1_000_000))
	return person{name: name, id: id, male: male}
}

// home returns a province code of birth and an address: in commune c (or a commune
// drawn by population) for most, elsewhere for a few.
func (s *sim) home(c int) (string, string) {
	r := s.rng
	if c < 0 && r.Float64() < 0.05 {
		o := otherProvinces[r.IntN(len(otherProvinces))]
		return o.code, o.addr
	}
	if c < 0 || r.Float64() < 0.08 {
		c = s.g.commW.draw(r)
	}
	prov := "020"
	if r.Float64() < 0.1 {
		prov = otherProvinces[r.IntN(len(otherProvinces))].code
	}
	cm := s.g.communes[c]
	if cm.ward {
		if r.Float64() < 0.5 {
			return prov, fmt.Sprintf("Số %d, đường %s, %s", 1+r.IntN(240), pick(r, streets), cm.place)
		}
		return prov, fmt.Sprintf("Tổ dân phố %d, %s", 1+r.IntN(20), cm.place)
	}
	return prov, "Thôn " + pick(r, villages) + ", " + cm.place
}

func (s *sim) mobile() string {
	return pick(s.rng, mobilePrefixes) + fmt.Sprintf("%07d", s.rng.IntN(10_000_000))
}

func (s *sim) email(name string) string {
	parts := strings.Fields(vntext.Fold(name))
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("%s%s%d@gmail.com", parts[len(parts)-1], strings.Join(parts[:len(parts)-1], ""), 1+s.rng.IntN(99))
}

// applicant returns the applicant and who collects the result at the counter.
func (s *sim) applicant() (dossier.Applicant, dossier.Recipient) {
	r := s.rng
	if r.Float64() < s.pi.org {
		return s.organisation()
	}
	lo, hi := 18, 75
	switch {
	case strings.Contains(s.proc.Name, "khai sinh"):
		lo, hi = 20, 42
	case strings.Contains(s.proc.Name, "kết hôn") || strings.Contains(s.proc.Name, "tình trạng hôn nhân"):
		lo, hi = 20, 45
	case strings.Contains(s.proc.Name, "lương hưu"):
		lo, hi = 55, 66
	}
	prov, addr := s.home(s.a.commune)
	p := s.newPerson(lo, hi, prov)
	a := dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: p.name, IDNumber: p.id, Address: addr}
	if r.Float64() < 0.93 {
		a.Phone = s.mobile()
	}
	if a.Phone == "" || r.Float64() < 0.3 {
		a.Email = s.email(p.name)
	}
	rec := dossier.Recipient{Name: p.name, IDNumber: p.id}
	if r.Float64() < 0.1 {
		proxy := s.newPerson(20, 60, "020")
		a.ProxyName, a.ProxyID = proxy.name, proxy.id
		rec = dossier.Recipient{Name: proxy.name, IDNumber: proxy.id}
	}
	return a, rec
}

// organisation returns an organisation of the province with a valid tax code (49…,
// Lạng Sơn's prefix) represented by a person who submits and collects.
func (s *sim) organisation() (dossier.Applicant, dossier.Recipient) {
	r := s.rng
	form := pick(r, orgForms)
	name := form + " " + pick(r, orgTrades) + " " + pick(r, orgNames)
	if form == "Hợp tác xã" {
		name = "Hợp tác xã " + pick(r, []string{"Nông nghiệp", "Dịch vụ Nông nghiệp", "Chè", "Hồi", "Vận tải"}) + " " + pick(r, orgNames)
	}
	var tax string
	for {
		d := fmt.Sprintf("490%06d", r.IntN(1_000_000))
		w := [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3}
		sum := 0
		for i := range w {
			sum += int(d[i]-'0') * w[i]
		}
		if c := 10 - sum%11; c < 10 {
			tax = d + fmt.Sprint(c)
			break
		}
	}
	_, addr := s.home(s.a.commune)
	rep := s.newPerson(25, 60, "020")
	a := dossier.Applicant{Kind: dossier.ApplicantOrganisation, FullName: name, IDNumber: tax, Address: addr,
		ProxyName: rep.name, ProxyID: rep.id}
	if r.Float64() < 0.5 {
		a.Phone = "0205" + fmt.Sprintf("%d%06d", 3+5*r.IntN(2), r.IntN(1_000_000))
	} else {
		a.Phone = s.mobile()
	}
	if r.Float64() < 0.6 {
		words := strings.Fields(vntext.Fold(name))
		a.Email = "vanphong." + strings.Join(words[len(words)-2:], "") + "@gmail.com"
	}
	return a, dossier.Recipient{Name: rep.name, IDNumber: rep.id}
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

func pickS(rng *rand.Rand, xs []string) string { return pick(rng, xs) }

// lowerFirst lowers the first letter of s.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}
