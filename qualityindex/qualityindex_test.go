package qualityindex

import (
	"math"
	"strings"
	"testing"
)

// province is a period whose index was computed by hand, indicator by
// indicator; the expected points are in the comments of TestCompute.
var province = Inputs{
	ProceduresPublished: 40, ProceduresPublishedOnTime: 36,
	ProceduresToUpdate: 50, ProceduresUpdatedOnTime: 45,
	ProceduresPublic: 1000, ProceduresPublicComplete: 990,
	DossiersReceived: 10000, DossiersSynced: 9800,

	ResolvedEarly: 6000, ResolvedOnTime: 3500, ResolvedLate: 150,
	PendingWithinDeadline: 300, PendingOverdue: 50,

	ProceduresTotal: 1500, ProceduresOnline: 1200,
	DossiersFullOnlineEligible: 4000, DossiersFullOnline: 2000,
	DossiersOnline: 4500,

	ProceduresWithFees: 200, ProceduresWithFeesPayableOnline: 120,
	ProceduresWithFeeDossiers: 100, ProceduresWithOnlinePayments: 90,
	DossiersWithFees: 3000, DossiersPaidOnline: 1800,

	FeedbackReceived: 20, FeedbackHandledOnTime: 19, FeedbackUnsatisfied: 2,
	DossiersComplainedOrDisliked: 100,
	RatingsVerySatisfied:         600, RatingsSatisfied: 300, RatingsDissatisfied: 100,

	DossiersRequiringResultDocument: 8000, DossiersWithElectronicResult: 6000,
	DossiersDigitised:     7000,
	CertificationDossiers: 1000, CertificationElectronic: 250,
	DossiersReusingData:           4000,
	DossiersSharedToPersonalStore: 2500,
	ProceduresForCitizens:         800, ProceduresPopulationDataConnected: 400,
	DossiersUsingPopulationData: 5000,
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCompute(t *testing.T) {
	r := Compute(province)
	points := []struct {
		code string
		rate float64
		pts  float64
	}{
		{"1.1", 0.9, 5.4},   // 36/40 × 6
		{"1.2", 0.9, 3.6},   // 45/50 × 4
		{"1.3", 0.99, 1.98}, // 990/1000 × 2
		{"1.4", 0.98, 5.88}, // 9800/10000 × 6
		{"2.1", 0.98, 19.6}, // (6000+3500+300)/10000 × 20
		{"3.4", 0.5, 6},     // 2000/4000 × 12
		{"3.1", 0.8, 0},     // monitored
		{"3.3", 0.45, 0},    // monitored
		{"3.5", 0.6, 1.5},   // 60% < 80%: 0.6/0.8 × 2
		{"3.5b", 0.9, 2},    // 90% ≥ 80%: full
		{"3.6", 0.6, 3.6},   // 1800/3000 × 6
		{"5.2", 0.95, 5.7},  // 19/20 × 6
		{"5.3", 0.9, 5.4},   // (20-2)/20 × 6
		{"5.4", 0.97, 6},    // 100% − (200/10000 + 100/10000) = 97% ≥ 90%
		{"HL", 0.9, 0},      // monitored
		{"4.1", 0.75, 4.5},  // 6000/8000 × 6
		{"4.2", 0.7, 3.5},   // 70% < 80%: 0.7/0.8 × 4
		{"4.6", 0.25, 0.5},  // 250/1000 × 2
		{"4.3", 0.4, 1},     // 0.4/0.8 × 2
		{"4.4", 0.25, 1},    // 2500/10000 × 4
		{"4.5a", 0.5, 1},    // 400/800 × 2
		{"4.5b", 0.5, 1},    // 5000/10000 × 2
	}
	for _, p := range points {
		ind, ok := r.Indicator(p.code)
		if !ok {
			t.Errorf("indicator %s missing", p.code)
			continue
		}
		if !ind.Applicable || !near(ind.Rate, p.rate) || !near(ind.Points, p.pts) {
			t.Errorf("%s: applicable %v rate %v points %v, want rate %v points %v", p.code, ind.Applicable, ind.Rate, ind.Points, p.rate, p.pts)
		}
	}
	groups := map[GroupID][2]float64{ // points, max
		GroupTransparency:  {16.86, 18},
		GroupProgress:      {19.6, 20},
		GroupOnlineService: {6, 12},
		GroupOnlinePayment: {7.1, 10},
		GroupSatisfaction:  {17.1, 18},
		GroupDigitisation:  {12.5, 22},
	}
	for id, want := range groups {
		g, ok := r.Group(id)
		if !ok || !near(g.Points, want[0]) || g.MaxPoints != want[1] || g.ApplicableMax != want[1] {
			t.Errorf("group %s: %v/%v (applicable %v), want %v/%v", id, g.Points, g.MaxPoints, g.ApplicableMax, want[0], want[1])
		}
	}
	if !near(r.Points, 79.16) || r.MaxPoints != 100 || r.ApplicableMax != 100 || !near(r.Score100, 79.16) {
		t.Errorf("total %v / %v (applicable %v, score100 %v), want 79.16 / 100", r.Points, r.MaxPoints, r.ApplicableMax, r.Score100)
	}
	order := []GroupID{GroupTransparency, GroupProgress, GroupOnlineService, GroupOnlinePayment, GroupSatisfaction, GroupDigitisation}
	for i, g := range r.Groups {
		if g.ID != order[i] {
			t.Errorf("group %d is %s, want %s", i, g.ID, order[i])
		}
	}
}

func TestWorking(t *testing.T) {
	r := Compute(province)
	tests := []struct{ code, vi, en string }{
		{"2.1", "9.800 / 10.000 × 100% = 98%; điểm = 98% × 20 = 19,6", "9,800 / 10,000 × 100% = 98%; points = 98% × 20 = 19.6"},
		{"3.5", "120 / 200 × 100% = 60%; điểm = 60% × 2 / 80% = 1,5", "120 / 200 × 100% = 60%; points = 60% × 2 / 80% = 1.5"},
		{"3.5b", "90 / 100 × 100% = 90%; 90% ≥ 80% nên đạt tối đa 2 điểm", "90 / 100 × 100% = 90%; 90% ≥ 80% earns the maximum 2 points"},
		{"5.4", "100% − (200 / 10.000 + 100 / 10.000) = 97%; 97% ≥ 90% nên đạt tối đa 6 điểm", "100% − (200 / 10,000 + 100 / 10,000) = 97%; 97% ≥ 90% earns the maximum 6 points"},
		{"1.3", "990 / 1.000 × 100% = 99%; điểm = 99% × 2 = 1,98", "990 / 1,000 × 100% = 99%; points = 99% × 2 = 1.98"},
		{"3.3", "4.500 / 10.000 × 100% = 45%; chỉ số theo dõi, không tính điểm.", "4,500 / 10,000 × 100% = 45%; monitored, not scored."},
	}
	for _, tt := range tests {
		ind, _ := r.Indicator(tt.code)
		if ind.WorkingVI != tt.vi {
			t.Errorf("%s WorkingVI = %q, want %q", tt.code, ind.WorkingVI, tt.vi)
		}
		if ind.WorkingEN != tt.en {
			t.Errorf("%s WorkingEN = %q, want %q", tt.code, ind.WorkingEN, tt.en)
		}
	}
}

func TestZeroInputs(t *testing.T) {
	r := Compute(Inputs{})
	if r.Points != 0 || r.ApplicableMax != 0 || r.Score100 != 0 || r.MaxPoints != 100 {
		t.Fatalf("empty period: %+v", r)
	}
	for _, g := range r.Groups {
		if g.Points != 0 || g.ApplicableMax != 0 {
			t.Errorf("group %s scored on no data: %v/%v", g.ID, g.Points, g.ApplicableMax)
		}
		for _, ind := range g.Indicators {
			if ind.Applicable || ind.Rate != 0 || ind.Points != 0 || math.IsNaN(ind.Rate) {
				t.Errorf("%s applicable on no data: %+v", ind.Code, ind)
			}
			if !strings.Contains(ind.WorkingVI, "không áp dụng") || !strings.Contains(ind.WorkingEN, "not applicable") {
				t.Errorf("%s working = %q / %q", ind.Code, ind.WorkingVI, ind.WorkingEN)
			}
		}
	}
}

func TestPartialData(t *testing.T) {
	// Only the processing counts are known: 2.1 and 5.4 apply (20 + 6 points).
	r := Compute(Inputs{ResolvedEarly: 60, ResolvedOnTime: 38, ResolvedLate: 2})
	if r.ApplicableMax != 26 {
		t.Fatalf("applicable max = %v, want 26", r.ApplicableMax)
	}
	// 2.1: 98/100 × 20 = 19.6; 5.4: 100% − 2% = 98% ≥ 90% → 6.
	if !near(r.Points, 25.6) || !near(r.Score100, 98.46) {
		t.Errorf("points %v score100 %v, want 25.6 and 98.46 (25.6/26 × 100)", r.Points, r.Score100)
	}
}

func TestBadInputs(t *testing.T) {
	r := Compute(Inputs{
		DossiersReceived: 100, DossiersSynced: 150, // more synced than received
		ProceduresPublished: -5, ProceduresPublishedOnTime: 3, // negative denominator
		ResolvedLate: 10, DossiersComplainedOrDisliked: 20, // 5.4 below zero
		FeedbackReceived: 3, FeedbackUnsatisfied: 9,
	})
	sync, _ := r.Indicator("1.4")
	if sync.Rate != 1 || sync.Points != 6 || !strings.Contains(sync.WorkingVI, "tính 100%") {
		t.Errorf("capped indicator: %+v", sync)
	}
	pub, _ := r.Indicator("1.1")
	if pub.Applicable || pub.Denominator != 0 {
		t.Errorf("negative denominator applicable: %+v", pub)
	}
	sat, _ := r.Indicator("5.4")
	if !sat.Applicable || sat.Rate != 0 || sat.Points != 0 || sat.Numerator != 0 {
		t.Errorf("5.4 below zero: %+v", sat)
	}
	fb, _ := r.Indicator("5.3")
	if fb.Rate != 0 || fb.Numerator != 0 {
		t.Errorf("5.3 below zero: %+v", fb)
	}
}

func TestTableConsistency(t *testing.T) {
	total := 0.0
	seen := map[string]bool{}
	for _, g := range groupSpecs {
		sum := 0.0
		for _, s := range specs {
			if s.group == g.id {
				sum += s.max
			}
		}
		if sum != g.max {
			t.Errorf("group %s: indicators add up to %v, group maximum is %v", g.id, sum, g.max)
		}
		total += g.max
	}
	if total != 100 {
		t.Errorf("groups add up to %v, want 100", total)
	}
	for _, s := range specs {
		if seen[s.code] {
			t.Errorf("duplicate code %s", s.code)
		}
		seen[s.code] = true
		if s.nameVI == "" || s.nameEN == "" || s.formulaVI == "" || s.formulaEN == "" || s.basis == "" {
			t.Errorf("%s lacks a name, formula or basis", s.code)
		}
		if (s.num == nil || s.den == nil) && s.custom == nil {
			t.Errorf("%s has no formula function", s.code)
		}
		if s.max == 0 && s.threshold != 0 {
			t.Errorf("%s: monitored indicator with a threshold", s.code)
		}
	}
}
