package demo

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

func TestValidAndConsistent(t *testing.T) {
	d := Province(42)
	units := map[string]catalog.Unit{}
	kinds := map[catalog.UnitKind]int{}
	for i := range d.Units {
		u := d.Units[i]
		if err := u.Validate(); err != nil {
			t.Errorf("unit %s: %v", u.Code, err)
		}
		if _, dup := units[u.Code]; dup {
			t.Errorf("duplicate unit code %s", u.Code)
		}
		if u.ParentCode != "" {
			if _, ok := units[u.ParentCode]; !ok {
				t.Errorf("unit %s: parent %s not listed before it", u.Code, u.ParentCode)
			}
		}
		if !strings.HasSuffix(u.Code, "."+ProvinceLetterCode) {
			t.Errorf("unit %s: not in the province's code tree", u.Code)
		}
		units[u.Code] = u
		kinds[u.Kind]++
	}
	fields := map[string]bool{}
	for i := range d.Fields {
		f := d.Fields[i]
		if err := f.Validate(); err != nil {
			t.Errorf("field %s: %v", f.Code, err)
		}
		if fields[f.Code] {
			t.Errorf("duplicate field %s", f.Code)
		}
		fields[f.Code] = true
	}
	codes := map[string]bool{}
	for i := range d.Procedures {
		p := d.Procedures[i]
		if err := p.Validate(); err != nil {
			t.Errorf("procedure %s %q: %v", p.Code, p.Name, err)
			continue
		}
		if codes[p.Code] {
			t.Errorf("duplicate procedure code %s", p.Code)
		}
		codes[p.Code] = true
		u, ok := units[p.UnitCode]
		switch {
		case !ok:
			t.Errorf("%s: unknown unit %s", p.Code, p.UnitCode)
		case !u.Active:
			t.Errorf("%s: inactive unit %s", p.Code, p.UnitCode)
		case (p.Level == catalog.LevelCommune) != (u.Kind == catalog.UnitCommune):
			t.Errorf("%s: level %s at unit kind %s", p.Code, p.Level, u.Kind)
		}
		if !fields[p.FieldCode] {
			t.Errorf("%s: unknown field %s", p.Code, p.FieldCode)
		}
		if len(p.Chain) > 0 && p.Chain[0] == p.UnitCode {
			t.Errorf("%s: chain starts with its own unit", p.Code)
		}
		for _, c := range p.Chain {
			if _, ok := units[c]; !ok {
				t.Errorf("%s: unknown chain unit %s", p.Code, c)
			}
		}
		if p.FourOnSpot && len(p.Chain) > 0 {
			t.Errorf("%s: 4 tại chỗ with an inter-agency chain", p.Code)
		}
		if n := len(p.Steps); n < 3 || n > 6 {
			t.Errorf("%s: %d steps", p.Code, n)
		}
		total := 0
		for _, s := range p.Steps {
			total += s.Minutes
			if s.UnitCode != "" {
				if _, ok := units[s.UnitCode]; !ok {
					t.Errorf("%s: step %q at unknown unit %s", p.Code, s.Name, s.UnitCode)
				}
			}
		}
		l, ok := p.Limit(catalog.ChannelCounter)
		if !ok || !p.Allows(catalog.ChannelCounter) {
			t.Errorf("%s: no counter channel or limit", p.Code)
			continue
		}
		if l.Unit != catalog.CalendarDays && total > BudgetMinutes(l.Amount, l.Unit) {
			t.Errorf("%s: steps take %d min, limit %d %s", p.Code, total, l.Amount, l.Unit)
		}
		if l.Amount < 1 {
			t.Errorf("%s: zero time limit", p.Code)
		}
	}
	if kinds[catalog.UnitDepartment] < 19 || kinds[catalog.UnitCommune] < 10 || kinds[catalog.UnitVertical] < 3 || kinds[catalog.UnitCenter] != 1 || kinds[catalog.UnitProvince] != 1 {
		t.Errorf("unit kinds: %v", kinds)
	}
	active := 0
	for _, u := range d.Units {
		if u.Kind == catalog.UnitDepartment && u.Active {
			active++
		}
	}
	if active < 15 {
		t.Errorf("%d active departments", active)
	}
}

func TestCounts(t *testing.T) {
	d := Province(42)
	var prov, comm, four, full, post, inactive, chain int
	for _, p := range d.Procedures {
		switch p.Level {
		case catalog.LevelProvince:
			prov++
		case catalog.LevelCommune:
			comm++
		}
		if p.FourOnSpot {
			four++
		}
		if p.Allows(catalog.ChannelOnlineFull) {
			full++
		}
		if p.Allows(catalog.ChannelPost) {
			post++
		}
		if !p.Active {
			inactive++
		}
		if len(p.Chain) > 0 {
			chain++
		}
	}
	n := len(d.Procedures)
	t.Logf("procedures %d: province %d, commune %d, 4 tại chỗ %d (%.1f%%), online_full %d, post %d, inactive %d, inter-agency %d; units %d, fields %d, staff %d",
		n, prov, comm, four, 100*float64(four)/float64(n), full, post, inactive, chain, len(d.Units), len(d.Fields), len(d.Staff))
	if prov < 1200 {
		t.Errorf("%d provincial procedures, want ≥ 1,200", prov)
	}
	if comm < 100 {
		t.Errorf("%d commune procedures, want ≥ 100", comm)
	}
	if share := float64(four) / float64(n); share < 0.15 || share > 0.35 {
		t.Errorf("4 tại chỗ share %.3f", share)
	}
	if full == 0 || post == 0 || chain == 0 {
		t.Errorf("online_full %d, post %d, inter-agency %d", full, post, chain)
	}
	if inactive == 0 || float64(inactive)/float64(n) > 0.06 {
		t.Errorf("%d inactive", inactive)
	}
}

func TestFourOnSpotShareAcrossSeeds(t *testing.T) {
	for seed := int64(0); seed < 20; seed++ {
		d := Province(seed)
		four := 0
		for _, p := range d.Procedures {
			if p.FourOnSpot {
				four++
			}
		}
		if share := float64(four) / float64(len(d.Procedures)); share < 0.15 || share > 0.35 {
			t.Errorf("seed %d: share %.3f", seed, share)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Province(42), Province(42)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Province(42) differs between calls")
	}
	c := Province(7)
	if reflect.DeepEqual(a, c) {
		t.Error("different seeds give identical data")
	}
	// The catalogue itself (codes, names, units) does not depend on the seed.
	if len(a.Procedures) != len(c.Procedures) {
		t.Fatalf("procedure counts differ: %d vs %d", len(a.Procedures), len(c.Procedures))
	}
	for i := range a.Procedures {
		if a.Procedures[i].Code != c.Procedures[i].Code || a.Procedures[i].Name != c.Procedures[i].Name {
			t.Fatalf("procedure %d differs across seeds", i)
		}
	}
	// No slice is shared between two results.
	a.Procedures[0].Papers[0].Name = "x"
	if b.Procedures[0].Papers[0].Name == "x" {
		t.Error("results share slices")
	}
}

func TestNFCAndText(t *testing.T) {
	d := Province(42)
	check := func(where, s string) {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%s: not NFC: %q", where, s)
		}
		if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
			t.Errorf("%s: stray spaces: %q", where, s)
		}
	}
	for _, u := range d.Units {
		check(u.Code, u.Name)
		check(u.Code, u.ShortName)
	}
	for _, f := range d.Fields {
		check(f.Code, f.Name)
	}
	names := map[string]bool{}
	for _, p := range d.Procedures {
		check(p.Code, p.Name)
		check(p.Code, p.Result)
		check(p.Code, p.LegalBasis)
		for _, x := range p.Papers {
			check(p.Code, x.Name)
		}
		for _, x := range p.Fees {
			check(p.Code, x.Name)
			check(p.Code, x.Note)
		}
		for _, s := range p.Steps {
			check(p.Code, s.Name)
		}
		key := p.UnitCode + "|" + p.Name
		if names[key] {
			t.Errorf("duplicate name at %s: %s", p.UnitCode, p.Name)
		}
		names[key] = true
		if p.Result == "" || p.LegalBasis == "" || len(p.Papers) == 0 {
			t.Errorf("%s: missing result, legal basis or papers", p.Code)
		}
	}
	for _, s := range d.Staff {
		check(s.Username, s.FullName)
	}
}

func TestStaff(t *testing.T) {
	d := Province(42)
	units := map[string]bool{}
	for _, u := range d.Units {
		units[u.Code] = true
	}
	roles := map[motcua.Role]int{}
	users := map[string]bool{}
	for _, s := range d.Staff {
		if users[s.Username] {
			t.Errorf("duplicate user %s", s.Username)
		}
		users[s.Username] = true
		if !s.Role.Valid() {
			t.Errorf("%s: role %q", s.Username, s.Role)
		}
		if s.UnitCode != "" && !units[s.UnitCode] {
			t.Errorf("%s: unknown unit %s", s.Username, s.UnitCode)
		}
		if s.UnitCode == "" && s.Role != motcua.RoleAdmin && s.Role != motcua.RoleDirector && s.Role != motcua.RoleViewer {
			t.Errorf("%s: role %s without unit", s.Username, s.Role)
		}
		for _, r := range s.Username {
			if r > 127 {
				t.Errorf("username %q not ASCII", s.Username)
				break
			}
		}
	}
	for _, s := range d.Staff {
		roles[s.Role]++
	}
	for _, r := range motcua.Roles {
		if roles[r] == 0 {
			t.Errorf("no user with role %s", r)
		}
	}
	for _, u := range []string{"admin", "giamdoc", "motcua1", "motcua2", "stp.lanhdao", "stp.chuyenvien", "thanhtra", "dongkinh.motcua"} {
		if !users[u] {
			t.Errorf("missing user %s", u)
		}
	}
	// Every unit that resolves procedures has a leader and a processor.
	has := map[string]map[motcua.Role]bool{}
	for _, s := range d.Staff {
		if has[s.UnitCode] == nil {
			has[s.UnitCode] = map[motcua.Role]bool{}
		}
		has[s.UnitCode][s.Role] = true
	}
	for _, p := range d.Procedures {
		if !has[p.UnitCode][motcua.RoleLeader] || !has[p.UnitCode][motcua.RoleProcessor] {
			t.Errorf("%s: unit %s has no leader or processor", p.Code, p.UnitCode)
			break
		}
	}
}

func TestFlagshipFourOnSpot(t *testing.T) {
	for _, seed := range []int64{1, 42} {
		d := Province(seed)
		for _, p := range d.Procedures {
			if (p.Code == "1.001193" || p.Code == "2.000815") && !p.FourOnSpot {
				t.Errorf("seed %d: %s is not 4 tại chỗ", seed, p.Code)
			}
		}
	}
}

func BenchmarkProvince(b *testing.B) {
	for b.Loop() {
		Province(42)
	}
}
