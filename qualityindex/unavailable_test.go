package qualityindex_test

import (
	"slices"
	"testing"

	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/qualityindex"
)

// TestUnavailable checks that an indicator marked unavailable is not applicable and
// leaves the applicable maximum even though its denominator is known, and that the
// reason is shown in both languages.
func TestUnavailable(t *testing.T) {
	in := qualityindex.Inputs{DossiersReceived: 100, DossiersDigitised: 90, DossiersReusingData: 0}
	before := qualityindex.Compute(in)
	in.Unavailable = map[string]qualityindex.Unavailable{"4.3": {VI: "chưa có kho dữ liệu.", EN: "no data store."}}
	after := qualityindex.Compute(in)
	for _, c := range []struct {
		res        qualityindex.Result
		applicable bool
		working    string
	}{
		{before, true, "0 / 100 × 100% = 0%; điểm = 0% × 2 / 80% = 0"},
		{after, false, "Không áp dụng: chưa có kho dữ liệu."},
	} {
		ind, _ := c.res.Indicator("4.3")
		if ind.Applicable != c.applicable || ind.WorkingVI != c.working || ind.Points != 0 {
			t.Errorf("4.3: applicable %v, %q; want %v, %q", ind.Applicable, ind.WorkingVI, c.applicable, c.working)
		}
	}
	if ind, _ := after.Indicator("4.3"); ind.WorkingEN != "Not applicable: no data store." {
		t.Errorf("english reason %q", ind.WorkingEN)
	}
	if before.ApplicableMax-after.ApplicableMax != 2 || before.Points != after.Points {
		t.Errorf("applicable max %v → %v, points %v → %v", before.ApplicableMax, after.ApplicableMax, before.Points, after.Points)
	}
	if ind, _ := after.Indicator("4.2"); !ind.Applicable || ind.Points != 4 {
		t.Errorf("4.2 unaffected: %+v", ind)
	}
}

// TestMissingComponents checks the components of Art. 8(2) Decree 63/2010/NĐ-CP that
// the catalogue records.
func TestMissingComponents(t *testing.T) {
	full := catalog.Procedure{Code: "1.001193", Name: "Đăng ký khai sinh", UnitCode: "H37.01.01", Result: "Giấy khai sinh",
		Steps:      []catalog.Step{{Name: "Tiếp nhận"}},
		Channels:   []catalog.Channel{catalog.ChannelCounter},
		Papers:     []catalog.Paper{{Name: "Tờ khai"}},
		TimeLimits: []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 1, Unit: catalog.WorkingDays}}}
	for _, c := range []struct {
		name string
		edit func(p *catalog.Procedure)
		want []qualityindex.Component
	}{
		{"complete", func(*catalog.Procedure) {}, nil},
		{"no papers", func(p *catalog.Procedure) { p.Papers = nil }, []qualityindex.Component{qualityindex.CompPapers}},
		{"blank result and no steps", func(p *catalog.Procedure) { p.Result, p.Steps = "  ", nil },
			[]qualityindex.Component{qualityindex.CompSteps, qualityindex.CompResult}},
		{"nothing", func(p *catalog.Procedure) { *p = catalog.Procedure{} }, []qualityindex.Component{qualityindex.CompName, qualityindex.CompSteps,
			qualityindex.CompChannels, qualityindex.CompPapers, qualityindex.CompTimeLimit, qualityindex.CompAgency, qualityindex.CompResult}},
	} {
		p := full
		c.edit(&p)
		if got := qualityindex.MissingComponents(&p); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
