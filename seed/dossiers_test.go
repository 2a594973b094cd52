package seed

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// testNow is a Tuesday morning in March 2026: the year before it spans Tết 2025 (end of
// January) and Tết 2026 (mid-February).
var testNow = time.Date(2026, 3, 10, 10, 15, 0, 0, calendar.ICT)

// yearFigures are the figures of a demo year the reports show.
type yearFigures struct {
	n, resolved, late, early, onTime                         int
	counter, online, post                                    int
	supplement, refusedIntake, refused, withdrawn, cancelled int
	chains, postReturns, fourOnSpot, fourSameDay, apologies  int
	overdueNow                                               int
	open                                                     map[dossier.State]int
	lateUnits                                                map[string]int
	fields                                                   map[string]int
	feesPaid                                                 int64
}

func figures(t testing.TB, d *demo.Data, streams [][]dossier.Event, now time.Time) yearFigures {
	t.Helper()
	procs := map[string]*catalog.Procedure{}
	for i := range d.Procedures {
		procs[d.Procedures[i].Code] = &d.Procedures[i]
	}
	f := yearFigures{open: map[dossier.State]int{}, lateUnits: map[string]int{}, fields: map[string]int{}}
	for _, evs := range streams {
		x, err := dossier.Replay(evs)
		if err != nil {
			t.Fatal(err)
		}
		f.n++
		f.fields[procs[x.ProcedureCode].FieldCode]++
		switch x.Channel {
		case catalog.ChannelCounter:
			f.counter++
		case catalog.ChannelPost:
			f.post++
		default:
			f.online++
		}
		if len(x.Supplements) > 0 {
			f.supplement++
		}
		switch x.State {
		case dossier.StateRefusedIntake:
			f.refusedIntake++
		case dossier.StateRefused:
			f.refused++
		case dossier.StateWithdrawn:
			f.withdrawn++
		case dossier.StateCancelled:
			f.cancelled++
		}
		if !x.State.Terminal() {
			f.open[x.State]++
		}
		if x.Overdue(now) {
			f.overdueNow++
		}
		for _, s := range x.Signatures {
			if s.Kind == "partial_result" {
				f.chains++
				break
			}
		}
		for _, e := range evs {
			if e.Action == dossier.ActSendByPost {
				f.postReturns++
				break
			}
		}
		f.apologies += len(x.Apologies)
		f.feesPaid += x.FeesPaid()
		if x.FourOnSpot && x.Completion != nil && x.Result != nil && x.Result.Kind == dossier.ProposeResult {
			f.fourOnSpot++
			if calendar.DateOf(x.Completion.Completed) == calendar.DateOf(x.ReceivedAt) {
				f.fourSameDay++
			}
		}
		if c := x.Completion; c != nil {
			f.resolved++
			switch c.Outcome {
			case calendar.Late:
				f.late++
				for _, u := range x.LateUnits(now) {
					f.lateUnits[u]++
				}
			case calendar.Early:
				f.early++
			default:
				f.onTime++
			}
		}
	}
	return f
}

func (f yearFigures) String() string {
	pc := func(a, b int) string { return fmt.Sprintf("%d (%.2f%%)", a, 100*float64(a)/float64(max(b, 1))) }
	var b strings.Builder
	fmt.Fprintf(&b, "received %d: counter %s, online %s, post %s\n", f.n, pc(f.counter, f.n), pc(f.online, f.n), pc(f.post, f.n))
	fmt.Fprintf(&b, "resolved %d: early %s, on time %s, late %s; on-time rate %.2f%%\n", f.resolved, pc(f.early, f.resolved),
		pc(f.onTime, f.resolved), pc(f.late, f.resolved), 100*float64(f.early+f.onTime)/float64(max(f.resolved, 1)))
	fmt.Fprintf(&b, "supplement %s, refused at intake %s, refused %s, withdrawn %s, cancelled %d\n", pc(f.supplement, f.n),
		pc(f.refusedIntake, f.n), pc(f.refused, f.n), pc(f.withdrawn, f.n), f.cancelled)
	fmt.Fprintf(&b, "inter-agency %d, results by post %s, 4 tại chỗ %d (same day %s), apologies %d, fees paid %d đ\n",
		f.chains, pc(f.postReturns, f.n), f.fourOnSpot, pc(f.fourSameDay, f.fourOnSpot), f.apologies, f.feesPaid)
	fmt.Fprintf(&b, "open at now: %v, overdue now %d\n", f.open, f.overdueNow)
	type kv struct {
		k string
		v int
	}
	var lu []kv
	for k, v := range f.lateUnits {
		lu = append(lu, kv{k, v})
	}
	sort.Slice(lu, func(i, j int) bool { return lu[i].v > lu[j].v || lu[i].v == lu[j].v && lu[i].k < lu[j].k })
	fmt.Fprintf(&b, "late units: %v\n", lu)
	var fs []kv
	for k, v := range f.fields {
		fs = append(fs, kv{k, v})
	}
	sort.Slice(fs, func(i, j int) bool { return fs[i].v > fs[j].v || fs[i].v == fs[j].v && fs[i].k < fs[j].k })
	fmt.Fprintf(&b, "fields: %v", fs[:min(15, len(fs))])
	return b.String()
}

func TestDemoDossiersDeterministic(t *testing.T) {
	d := demo.Province(DefaultSeed)
	a, err := DemoDossiers(d, 7, testNow, 400)
	if err != nil {
		t.Fatal(err)
	}
	b, err := DemoDossiers(d, 7, testNow, 400)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if len(a) != 400 || !bytes.Equal(ja, jb) {
		t.Fatalf("same seed and now gave different streams (%d, %d)", len(a), len(b))
	}
	c, err := DemoDossiers(d, 8, testNow, 400)
	if err != nil {
		t.Fatal(err)
	}
	if jc, _ := json.Marshal(c); bytes.Equal(ja, jc) {
		t.Fatal("another seed gave the same streams")
	}
}

// TestDemoDossiersYear checks that every stream replays, codes are unique and follow
// the per-(unit, day) numbering, nothing happens after now, and the year's figures
// look like a real centre's.
func TestDemoDossiersYear(t *testing.T) {
	d := demo.Province(DefaultSeed)
	n := 10000 // about 6,000 in the last twelve months
	if raceEnabled {
		n = 2000 // the figures below are checked without -race
	}
	start := time.Now()
	streams, err := DemoDossiers(d, DefaultSeed, testNow, n)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("generated %d dossiers in %s", len(streams), time.Since(start).Round(time.Millisecond))
	if len(streams) != n {
		t.Fatalf("%d streams, want %d", len(streams), n)
	}
	procs := map[string]*catalog.Procedure{}
	for i := range d.Procedures {
		procs[d.Procedures[i].Code] = &d.Procedures[i]
	}
	codes := map[string]bool{}
	last := map[string]int{}
	first := calendar.DateOf(testNow).AddDays(-(DemoSpanDays - 1)).Time()
	var prev time.Time
	lastYear := calendar.DateOf(testNow).AddDays(-364).Time()
	var older, recent int // dossiers of the twelve months before the last twelve, and of the last
	for i, evs := range streams {
		x, err := dossier.Replay(evs)
		if err != nil {
			t.Fatalf("stream %d: %v", i, err)
		}
		if codes[x.Code] {
			t.Fatalf("duplicate code %s", x.Code)
		}
		codes[x.Code] = true
		c, err := dossier.ParseCode(x.Code)
		if err != nil {
			t.Fatal(err)
		}
		key := c.Unit + c.Day.String()
		if c.Seq != last[key]+1 {
			t.Fatalf("%s: sequence %d after %d", x.Code, c.Seq, last[key])
		}
		last[key] = c.Seq
		if at := evs[0].At; at.Before(prev) || at.Before(first) || c.Day != calendar.DateOf(at) {
			t.Fatalf("%s: first event at %s (previous %s)", x.Code, at, prev)
		} else {
			prev = at
		}
		if evs[0].At.Before(lastYear) {
			older++
		} else {
			recent++
		}
		for _, e := range evs {
			if e.At.After(testNow) {
				t.Fatalf("%s: %s at %s, after now", x.Code, e.Action, e.At)
			}
		}
		// A commune dossier is resolved by the commune that received it (and the units
		// of its chain), not by the catalogue's representative commune.
		if p := procs[x.ProcedureCode]; p.Level == catalog.LevelCommune {
			for _, s := range x.Plan {
				if s.Phase == dossier.PhaseProcessing && s.UnitCode != x.UnitCode && !slices.Contains(p.Chain, s.UnitCode) {
					t.Fatalf("%s received at %s: step %q at %s", x.Code, x.UnitCode, s.Name, s.UnitCode)
				}
			}
		}
		if x.Channel == catalog.ChannelCounter || x.Channel == catalog.ChannelPost {
			if ok, _ := calendar.Default().IsWorkingInstant(evs[0].At); !ok {
				t.Fatalf("%s received at %s, outside working hours", x.Code, evs[0].At)
			}
		}
	}
	// Two years, so that reports compare with the same period of the previous year.
	if g := float64(recent) / float64(older); g < 1.4 || g > 1.8 {
		t.Errorf("last twelve months %d dossiers, the twelve before %d: growth %.2f, want about %.1f", recent, older, g, demoYearGrowth)
	}
	f := figures(t, d, streams, testNow)
	t.Logf("demo year:\n%s", f)
	if raceEnabled {
		return // too few dossiers for the shares
	}
	share := func(a int) float64 { return float64(a) / float64(f.n) }
	between := func(what string, x, lo, hi float64) {
		t.Helper()
		if x < lo || x > hi {
			t.Errorf("%s = %.4f, want in [%.4f, %.4f]", what, x, lo, hi)
		}
	}
	between("counter share", share(f.counter), 0.50, 0.60)
	between("online share", share(f.online), 0.33, 0.41)
	between("post share", share(f.post), 0.05, 0.11)
	between("supplement share", share(f.supplement), 0.09, 0.15)
	between("refused at intake", share(f.refusedIntake), 0.004, 0.02)
	between("refused", share(f.refused), 0.001, 0.012)
	between("withdrawn", share(f.withdrawn), 0.0005, 0.01)
	between("late share of resolved", float64(f.late)/float64(f.resolved), 0.003, 0.025)
	for _, s := range []dossier.State{dossier.StateAwaitingIntake, dossier.StateReceived, dossier.StateInProcessing,
		dossier.StateWaitingSupplement, dossier.StateSuspended, dossier.StateResultReady, dossier.StateSentByPost} {
		if f.open[s] == 0 {
			t.Errorf("no open dossier in state %s", s)
		}
	}
	if f.overdueNow == 0 {
		t.Error("no dossier overdue now")
	}
	depts := 0
	for u := range f.lateUnits {
		if u != "" {
			depts++
		}
	}
	if depts < 3 {
		t.Errorf("late dossiers in %d units, want at least 3", depts)
	}
	if f.chains == 0 || f.postReturns == 0 || f.apologies == 0 || f.fourOnSpot == 0 {
		t.Errorf("inter-agency %d, post %d, apologies %d, 4 tại chỗ %d", f.chains, f.postReturns, f.apologies, f.fourOnSpot)
	}
	if float64(f.fourSameDay) < 0.8*float64(f.fourOnSpot) {
		t.Errorf("4 tại chỗ resolved the same day: %d of %d", f.fourSameDay, f.fourOnSpot)
	}
}

// TestDemoYearStore stores a small demo year in SQLite through DemoYear (catalogue
// only: the demo users' password hashing is slow) and checks the projections.
func TestDemoYearStore(t *testing.T) {
	db := sqldbtest.Open(t, sqldb.SQLite)
	d := demo.Province(DefaultSeed)
	storeCatalogue(t, db, d)
	var stages []string
	err := DemoYear(context.Background(), db, d, DefaultSeed, testNow, 300, func(stage string, done, total int) {
		if len(stages) == 0 || stages[len(stages)-1] != stage {
			stages = append(stages, stage)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(stages, ",") != "dossiers (generate),dossiers (store)" {
		t.Errorf("stages %v", stages)
	}
	_, total, err := db.Dossiers().List(context.Background(), dossier.Filter{})
	if err != nil || total != 300 {
		t.Fatalf("stored %d dossiers: %v", total, err)
	}
}

// storeCatalogue stores the demo units, fields and procedures.
func storeCatalogue(t testing.TB, db *sqldb.DB, d *demo.Data) {
	t.Helper()
	ctx := adminCtx()
	cs := db.Catalog()
	for i := range d.Units {
		if err := cs.CreateUnit(ctx, &d.Units[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i := range d.Fields {
		if err := cs.CreateField(ctx, &d.Fields[i]); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := cs.ImportProcedures(ctx, d.Procedures, nil); err != nil {
		t.Fatal(err)
	}
}

// TestDemoYearDefaultTiming generates and stores DemoDossierCount dossiers in SQLite
// and reports the time and the figures. It is slow: set MOTCUA_DEMO_TIMING=1.
func TestDemoYearDefaultTiming(t *testing.T) {
	if os.Getenv("MOTCUA_DEMO_TIMING") == "" {
		t.Skip("set MOTCUA_DEMO_TIMING=1 to time the default demo year")
	}
	db := sqldbtest.Open(t, sqldb.SQLite)
	d := demo.Province(DefaultSeed)
	storeCatalogue(t, db, d)
	now := time.Now()
	start := time.Now()
	streams, err := DemoDossiers(d, DefaultSeed, now, DemoDossierCount)
	if err != nil {
		t.Fatal(err)
	}
	gen := time.Since(start)
	if err := db.ImportDossiers(adminCtx(), streams, nil); err != nil {
		t.Fatal(err)
	}
	t.Logf("generate %s, store %s, total %s", gen.Round(time.Millisecond), (time.Since(start) - gen).Round(time.Millisecond),
		time.Since(start).Round(time.Millisecond))
	t.Logf("default demo year:\n%s", figures(t, d, streams, now))
}

func adminCtx() context.Context {
	return motcua.WithActor(context.Background(), &motcua.Actor{Username: "admin", Role: motcua.RoleAdmin})
}
