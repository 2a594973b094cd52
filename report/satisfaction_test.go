package report_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/report"
)

func satPct(v float64) *float64 { return &v }

// TestSatisfactionSeeds reproduces the published shares ("rất hài lòng … đạt 96,29%;
// hài lòng đạt 3,69%", seed 000; "99,71%" of 5,841 ratings, seed 003) and checks the
// classes on a scale with a neutral level and with a level no longer on the scale.
func TestSatisfactionSeeds(t *testing.T) {
	neutral := rating.DefaultScale()
	neutral.Levels = append(neutral.Levels[:2:2], rating.Level{Code: "neutral", Name: "Bình thường", NameEn: "Neutral"}, neutral.Levels[2])
	for _, c := range []struct {
		name                  string
		scale                 rating.Scale
		counts                map[string]int64
		vs, s, d, total       int64
		vsPct, sPct, dPct, ok *float64
	}{
		{"seed 000, 10 000 ratings", rating.DefaultScale(), map[string]int64{rating.VerySatisfied: 9629, rating.Satisfied: 369, rating.Dissatisfied: 2},
			9629, 369, 2, 10000, satPct(96.29), satPct(3.69), satPct(0.02), satPct(99.98)},
		{"seed 000, fewest ratings giving the shares", rating.DefaultScale(), map[string]int64{rating.VerySatisfied: 3266, rating.Satisfied: 125, rating.Dissatisfied: 1},
			3266, 125, 1, 3392, satPct(96.29), satPct(3.69), satPct(0.03), satPct(99.97)},
		{"seed 003, 5 841 ratings", rating.DefaultScale(), map[string]int64{rating.VerySatisfied: 5000, rating.Satisfied: 824, rating.Dissatisfied: 17},
			5000, 824, 17, 5841, satPct(85.6), satPct(14.11), satPct(0.29), satPct(99.71)},
		{"neutral and retired levels are not satisfied", neutral, map[string]int64{rating.VerySatisfied: 2, "neutral": 1, "old_level": 1},
			2, 0, 2, 4, satPct(50), satPct(0), satPct(50), satPct(50)},
		{"no ratings", rating.DefaultScale(), nil, 0, 0, 0, 0, nil, nil, nil, nil},
		{"negative counts are zero", rating.DefaultScale(), map[string]int64{rating.Satisfied: -3, rating.Dissatisfied: 1}, 0, 0, 1, 1, satPct(0), satPct(0), satPct(100), satPct(0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := report.NewSatisfaction(c.scale, c.counts)
			if got.VerySatisfied != c.vs || got.Satisfied != c.s || got.Dissatisfied != c.d || got.Total != c.total {
				t.Errorf("counts %d/%d/%d of %d, want %d/%d/%d of %d", got.VerySatisfied, got.Satisfied, got.Dissatisfied, got.Total, c.vs, c.s, c.d, c.total)
			}
			if diff := cmp.Diff([]*float64{c.vsPct, c.sPct, c.dPct, c.ok},
				[]*float64{got.VerySatisfiedShare, got.SatisfiedShare, got.DissatisfiedShare, got.SatisfiedOrBetterShare}); diff != "" {
				t.Errorf("shares (-want +got):\n%s", diff)
			}
			var sum int64
			for _, l := range got.Levels {
				sum += l.Count
			}
			if sum != got.Total {
				t.Errorf("levels add up to %d, total %d", sum, got.Total)
			}
			// The combined share is rating.Summarize's positive share.
			ints := map[string]int{}
			for k, v := range c.counts {
				ints[k] = int(max(v, 0))
			}
			if pos := rating.Summarize(c.scale, ints).Positive; got.Total > 0 && pos.Percent != *got.SatisfiedOrBetterShare {
				t.Errorf("satisfied or better %v, rating summary positive %v", *got.SatisfiedOrBetterShare, pos.Percent)
			}
		})
	}
	got := report.NewSatisfaction(neutral, map[string]int64{"old_level": 1})
	if n := len(got.Levels); n != 5 || got.Levels[4].Code != "old_level" || got.Levels[4].Class != report.ClassDissatisfied {
		t.Errorf("retired level listed last: %+v", got.Levels)
	}
}

// TestProcedureCoverage checks the "4 tại chỗ" and online counts, the scopes, and the
// seeds' 20% target: 277 of 1,385 procedures is exactly 20%.
func TestProcedureCoverage(t *testing.T) {
	proc := func(code, unit string, level catalog.Level, four, active bool, ch ...catalog.Channel) catalog.Procedure {
		return catalog.Procedure{Code: code, UnitCode: unit, Level: level, FourOnSpot: four, Active: active, Channels: ch}
	}
	const dept, commune, other = "000.00.11.H37", "H37.01.01", "H37.01.02"
	ps := []catalog.Procedure{
		proc("1.000001", dept, catalog.LevelProvince, true, true, catalog.ChannelCounter),
		proc("1.000002", dept, catalog.LevelProvince, false, true, catalog.ChannelCounter, catalog.ChannelOnlinePartial, catalog.ChannelOnlineFull),
		proc("1.000003", dept, catalog.LevelProvince, false, true, catalog.ChannelOnlinePartial),
		proc("1.000004", dept, catalog.LevelProvince, true, false, catalog.ChannelOnlineFull),
		proc("1.000005", commune, catalog.LevelCommune, true, true, catalog.ChannelCounter),
		proc("1.000006", "000.00.12.H37", catalog.LevelCentral, false, true, catalog.ChannelCounter),
	}
	for _, c := range []struct {
		unit string
		kind catalog.UnitKind
		want report.ProcedureCoverage
	}{
		{"", "", report.ProcedureCoverage{Procedures: 4, FourOnSpot: 1, FourOnSpotShare: satPct(25), OnlineFull: 1, OnlinePartial: 1, Online: 2,
			OnlineFullShare: satPct(25), OnlineShare: satPct(50)}},
		{dept, catalog.UnitDepartment, report.ProcedureCoverage{Unit: dept, Procedures: 3, FourOnSpot: 1, FourOnSpotShare: satPct(33.33), OnlineFull: 1,
			OnlinePartial: 1, Online: 2, OnlineFullShare: satPct(33.33), OnlineShare: satPct(66.67)}},
		{other, catalog.UnitCommune, report.ProcedureCoverage{Unit: other, Procedures: 1, FourOnSpot: 1, FourOnSpotShare: satPct(100),
			OnlineFullShare: satPct(0), OnlineShare: satPct(0)}},
		{"H37.99", catalog.UnitBranch, report.ProcedureCoverage{Unit: "H37.99"}},
	} {
		var in []catalog.Procedure
		for i := range ps {
			if report.InScope(&ps[i], c.unit, c.kind) {
				in = append(in, ps[i])
			}
		}
		if diff := cmp.Diff(c.want, report.CoverageOf(c.unit, in)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", c.unit, diff)
		}
	}
	if c := report.NewProcedureCoverage("", 1385, 277, 0, 0); *c.FourOnSpotShare != 20 {
		t.Errorf("277 of 1,385: %v%%", *c.FourOnSpotShare)
	}
	if c := report.NewProcedureCoverage("", 1385, 276, 0, 0); *c.FourOnSpotShare >= 20 {
		t.Errorf("276 of 1,385 reaches the target: %v%%", *c.FourOnSpotShare)
	}
}
