package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// MinutesPerWorkingDay is the working time of one working day with the default shifts
// 07:30–11:30 and 13:30–17:00.
const MinutesPerWorkingDay = 450

// lim is a time limit.
type lim struct {
	n int
	u catalog.TimeUnit
}

func wd(n int) lim { return lim{n, catalog.WorkingDays} }
func wh(n int) lim { return lim{n, catalog.WorkingHours} }
func cd(n int) lim { return lim{n, catalog.CalendarDays} }

// BudgetMinutes is the working time, in minutes, that the internal steps of a
// procedure may use for a limit of amount in unit: 450 per working day, 60 per working
// hour; a calendar-day limit is counted as five working days per seven calendar days.
func BudgetMinutes(amount int, unit catalog.TimeUnit) int {
	switch unit {
	case catalog.WorkingHours:
		return amount * 60
	case catalog.CalendarDays:
		return amount * 5 * MinutesPerWorkingDay / 7
	default:
		return amount * MinutesPerWorkingDay
	}
}

// kind is one hand-written procedure kind.
type kind struct {
	code   string
	name   string
	unit   string // unit key
	field  string
	level  catalog.Level // "" = province
	lim    lim
	fees   []catalog.Fee
	papers []catalog.Paper
	result string
	ch     string // channel letters: c counter, f online_full, p online_partial, o online (full or partial, by seed), b post
	four   bool   // candidate for "4 tại chỗ"
	chain  []string
	legal  string
	fixed  bool // keep active and keep the channels as written
}

// pp is a mandatory paper, op an optional one.
func pp(name string, originals, copies int) catalog.Paper {
	return catalog.Paper{Name: name, Originals: originals, Copies: copies, Mandatory: true}
}

func op(name string, originals, copies int) catalog.Paper {
	return catalog.Paper{Name: name, Originals: originals, Copies: copies, Mandatory: false}
}

// charge is a lệ phí line, fee a phí line.
func charge(name string, amount int64) catalog.Fee {
	return catalog.Fee{Kind: catalog.FeeCharge, Name: name, Amount: amount}
}

func fee(name string, amount int64) catalog.Fee {
	return catalog.Fee{Kind: catalog.FeeFee, Name: name, Amount: amount}
}

func feeNote(kind catalog.FeeKind, name string, amount int64, note string) catalog.Fee {
	return catalog.Fee{Kind: kind, Name: name, Amount: amount, Note: note}
}

// builder accumulates the catalogue.
type builder struct {
	rng    *rand.Rand
	units  []catalog.Unit
	byKey  map[string]catalog.Unit
	procs  []catalog.Procedure
	codes  map[string]bool
	names  map[string]bool // unit code + name, to skip duplicate variants
	nextP  int             // next generated provincial code 1.09xxxx
	nextC  int             // next generated commune code 2.09xxxx
	meta   []procMeta
	center string
}

func newBuilder(rng *rand.Rand) *builder {
	units, byKey := buildUnits()
	return &builder{
		rng: rng, units: units, byKey: byKey,
		codes: map[string]bool{}, names: map[string]bool{},
		nextP: 90001, nextC: 90001, center: byKey["TTPVHCC"].Code,
	}
}

func (b *builder) unitCode(key string) string {
	u, ok := b.byKey[key]
	if !ok {
		panic("demo: unknown unit key " + key) // programming error in the tables; the tests cover every table
	}
	return u.Code
}

// genCode returns the next generated code for the level.
func (b *builder) genCode(level catalog.Level) string {
	if level == catalog.LevelCommune {
		b.nextC++
		return fmt.Sprintf("2.%06d", b.nextC-1)
	}
	b.nextP++
	return fmt.Sprintf("1.%06d", b.nextP-1)
}

// add turns a kind into a procedure and appends it. It returns false when an identical
// name already exists for the unit (a family variant that repeats a core kind).
func (b *builder) add(k kind) bool {
	level := k.level
	if level == "" {
		level = catalog.LevelProvince
	}
	unit := b.unitCode(k.unit)
	nameKey := unit + "|" + k.name
	if b.names[nameKey] {
		return false
	}
	code := k.code
	if code == "" {
		code = b.genCode(level)
	}
	if b.codes[code] {
		panic("demo: duplicate procedure code " + code)
	}
	b.codes[code] = true
	b.names[nameKey] = true

	chain := make([]string, 0, len(k.chain))
	for _, c := range k.chain {
		chain = append(chain, b.unitCode(c))
	}
	p := catalog.Procedure{
		Code: code, Name: k.name, UnitCode: unit, FieldCode: k.field, Level: level,
		TimeLimits: []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: k.lim.n, Unit: k.lim.u}},
		Fees:       append([]catalog.Fee{}, k.fees...),
		Papers:     append([]catalog.Paper{}, k.papers...),
		Result:     k.result,
		Channels:   b.channels(k.ch),
		FourOnSpot: false,
		Chain:      chain,
		LegalBasis: k.legal,
		Active:     true,
		Version:    1,
		UpdatedAt:  catalogueDate,
	}
	if !k.fixed && b.rng.IntN(100) < 3 {
		p.Active = false
	}
	b.procs = append(b.procs, p)
	b.meta = append(b.meta, procMeta{four: k.four && len(chain) == 0, fixed: k.fixed})
	return true
}

// channels turns channel letters into channels; the counter is always offered.
func (b *builder) channels(s string) []catalog.Channel {
	out := []catalog.Channel{catalog.ChannelCounter}
	seen := map[catalog.Channel]bool{catalog.ChannelCounter: true}
	put := func(c catalog.Channel) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, r := range s {
		switch r {
		case 'f':
			put(catalog.ChannelOnlineFull)
		case 'p':
			put(catalog.ChannelOnlinePartial)
		case 'o':
			if b.rng.IntN(100) < 45 {
				put(catalog.ChannelOnlineFull)
			} else {
				put(catalog.ChannelOnlinePartial)
			}
		case 'b':
			put(catalog.ChannelPost)
		}
	}
	return out
}

// procMeta is what finish needs to know about each procedure beyond the catalogue.
type procMeta struct {
	four  bool
	fixed bool
}

// FourOnSpotShare is the share of procedures the demo marks "4 tại chỗ": the seeds
// report targets of 20% and 30%.
const FourOnSpotShare = 0.25

// finish chooses the "4 tại chỗ" procedures among the candidates and builds every
// procedure's internal steps.
func (b *builder) finish() {
	// Fixed candidates (the flagship procedures: birth registration, certified copies,
	// driving licence exchange…) are always "4 tại chỗ"; the rest of the quota is drawn
	// from the other candidates.
	want := int(FourOnSpotShare * float64(len(b.procs)))
	var cand []int
	for i, m := range b.meta {
		switch {
		case m.four && m.fixed:
			b.procs[i].FourOnSpot = true
			want--
		case m.four:
			cand = append(cand, i)
		}
	}
	b.rng.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	want = max(0, min(want, len(cand)))
	for _, i := range cand[:want] {
		b.procs[i].FourOnSpot = true
	}
	for i := range b.procs {
		b.procs[i].Steps = b.steps(&b.procs[i])
	}
}

// steps builds the internal process: receipt, (assignment), appraisal, the units of an
// inter-agency chain, approval and return. Provincial dossiers are received and
// returned at the centre; commune dossiers at the commune's one-stop department. The
// minutes add up to at most the time limit (BudgetMinutes).
func (b *builder) steps(p *catalog.Procedure) []catalog.Step {
	l := p.TimeLimits[0]
	budget := BudgetMinutes(l.Amount, l.Unit)
	recv := b.center
	where := "Trung tâm Phục vụ hành chính công"
	if p.Level == catalog.LevelCommune {
		recv = ""
		where = "Bộ phận Một cửa cấp xã"
	}
	pct := func(x float64) int { return int(float64(budget) * x) }
	if p.FourOnSpot {
		appraise := 0.45 + b.rng.Float64()*0.15
		return []catalog.Step{
			{Name: "Tiếp nhận, kiểm tra hồ sơ tại " + where, UnitCode: recv, Role: motcua.RoleReceptionist, Minutes: pct(0.10)},
			{Name: "Thẩm định hồ sơ tại chỗ (4 tại chỗ)", Role: motcua.RoleProcessor, Minutes: pct(appraise)},
			{Name: "Phê duyệt, ký kết quả tại chỗ", Role: motcua.RoleLeader, Minutes: pct(0.15)},
			{Name: "Trả kết quả tại " + where, UnitCode: recv, Role: motcua.RoleReceptionist, Minutes: pct(0.05)},
		}
	}
	receive := min(pct(0.08), MinutesPerWorkingDay)
	ret := min(pct(0.04), MinutesPerWorkingDay/2)
	approve := pct(0.10 + b.rng.Float64()*0.05)
	steps := []catalog.Step{{Name: "Tiếp nhận, kiểm tra hồ sơ và chuyển cơ quan giải quyết", UnitCode: recv, Role: motcua.RoleReceptionist, Minutes: receive}}
	assign := 0
	if len(p.Chain) == 0 {
		assign = pct(0.04)
		steps = append(steps, catalog.Step{Name: "Phân công thụ lý hồ sơ", Role: motcua.RoleLeader, Minutes: assign})
	}
	chainEach := 0
	if len(p.Chain) > 0 {
		chainEach = pct(0.30 / float64(len(p.Chain)))
	}
	used := receive + ret + approve + assign + chainEach*len(p.Chain)
	appraise := int(float64(budget)*(0.85+b.rng.Float64()*0.1)) - used
	if appraise < 0 {
		appraise = 0
	}
	steps = append(steps, catalog.Step{Name: "Thẩm định hồ sơ, dự thảo kết quả", Role: motcua.RoleProcessor, Minutes: appraise})
	for _, c := range p.Chain {
		name := "Liên thông: " + b.shortName(c) + " giải quyết phần việc thuộc thẩm quyền"
		if c == p.UnitCode {
			name = "Liên thông: chuyển lại " + b.shortName(c) + " hoàn thiện kết quả"
		}
		steps = append(steps, catalog.Step{Name: name, UnitCode: c, Role: motcua.RoleProcessor, Minutes: chainEach})
	}
	steps = append(steps,
		catalog.Step{Name: "Phê duyệt, ký kết quả", Role: motcua.RoleLeader, Minutes: approve},
		catalog.Step{Name: "Trả kết quả cho tổ chức, cá nhân", UnitCode: recv, Role: motcua.RoleReceptionist, Minutes: ret},
	)
	return steps
}

func (b *builder) shortName(code string) string {
	for _, u := range b.units {
		if u.Code == code {
			if u.ShortName != "" {
				return u.ShortName
			}
			return u.Name
		}
	}
	return code
}

// lowerFirst lowers the first letter of s ("Giấy phép" → "giấy phép").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// upperFirst raises the first letter of s.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// join joins non-empty parts with a space.
func join(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
