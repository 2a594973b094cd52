package sqldb_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/blob"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/qualityindex"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/report/reporttest"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// recordingDriver is a storeDriver that remembers the codes it created, in order.
type recordingDriver struct {
	storeDriver
	codes *[]string
}

func (r recordingDriver) Create(at time.Time, cmd dossier.Command, a motcua.Actor, p *catalog.Procedure) (string, error) {
	code, err := r.storeDriver.Create(at, cmd, a, p)
	if err == nil {
		*r.codes = append(*r.codes, code)
	}
	return code, err
}

// Extra catalogue of the quality scenario, beside reporttest's units and procedures.
const (
	qCommune = "H37.01.01"
	qP4      = "1.004000" // A, fee 50 000 đ, counter and partial online, no dossier components listed
	qP5      = "1.004001" // commune level, "4 tại chỗ", counter only, no fee
	qP6      = "1.004002" // A, inactive
)

// ignoreUnavailable compares Inputs without their Unavailable marks.
var ignoreUnavailable = cmpopts.IgnoreFields(qualityindex.Inputs{}, "Unavailable")

// buildQualityScenario stores reporttest's province with the extra catalogue, one more
// dossier (E1), ratings and a relay run, as described in TestQualityIndexInputs, and
// returns the dossier codes by name (D1… E1).
func buildQualityScenario(t *testing.T, db *sqldb.DB) map[string]string {
	t.Helper()
	ctx := adminCtx()
	cs := db.Catalog()
	units := append(reporttest.Units(), catalog.Unit{Code: qCommune, Name: "Phường Đông Kinh", Kind: catalog.UnitCommune,
		ParentCode: reporttest.Province, Active: true})
	for _, u := range units {
		if err := cs.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range reporttest.Fields() {
		if err := cs.CreateField(ctx, &f); err != nil {
			t.Fatal(err)
		}
	}
	ps := reporttest.Procedures()
	p4 := ps[0]
	p4.Code, p4.Name, p4.Papers = qP4, "Cấp bản sao Phiếu lý lịch tư pháp", []catalog.Paper{}
	p4.Fees = []catalog.Fee{{Kind: catalog.FeeFee, Name: "Phí cấp bản sao", Amount: 50_000}}
	p4.Channels = []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlinePartial}
	p4.TimeLimits = []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 5, Unit: catalog.WorkingDays},
		{Channel: catalog.ChannelOnlinePartial, Amount: 5, Unit: catalog.WorkingDays}}
	p5 := ps[2]
	p5.Code, p5.Name, p5.UnitCode, p5.Level = qP5, "Đăng ký khai sinh", qCommune, catalog.LevelCommune
	p5.Channels = []catalog.Channel{catalog.ChannelCounter}
	p5.TimeLimits = []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 1, Unit: catalog.WorkingDays}}
	for i := range p5.Steps {
		p5.Steps[i].UnitCode = ""
	}
	p6 := ps[0]
	p6.Code, p6.Name, p6.Active = qP6, "Thủ tục đã bãi bỏ", false
	procs := map[string]*catalog.Procedure{}
	for _, p := range append(ps, p4, p5, p6) {
		if err := cs.CreateProcedure(ctx, &p); err != nil {
			t.Fatalf("procedure %s: %v", p.Code, err)
		}
		procs[p.Code] = &p
	}
	var codes []string
	drv := recordingDriver{storeDriver{db, procs}, &codes}
	if err := reporttest.Run(drv); err != nil {
		t.Fatal(err)
	}
	names := []string{"D13", "D14", "D1", "D4", "D3", "D6", "D5", "D2", "D8", "D7", "D9", "D10", "D12", "D11"}
	if len(codes) != len(names) {
		t.Fatalf("%d dossiers created, want %d", len(codes), len(names))
	}
	byName := map[string]string{}
	for i, n := range names {
		byName[n] = codes[i]
	}

	// E1: received Mon 16 Mar 08:00 with the application form scanned at the counter,
	// approved Tue 17 Mar 10:00 (due Mon 23 Mar 08:00: early), returned Wed 18 Mar.
	scan := blob.Ref{SHA256: "0b1f6c2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b", Name: "to-khai.pdf", Size: 48_213,
		ContentType: "application/pdf"}
	if err := db.RecordAttachment(ctx, scan); err != nil {
		t.Fatal(err)
	}
	T := reporttest.T
	recv := dossier.Command{Action: dossier.ActReceive, Applicant: &dossier.Applicant{Kind: dossier.ApplicantPerson,
		FullName: "Nông Thị Hoa", IDNumber: "020195004321", Phone: "0987654321", Address: "Phường Tam Thanh, Lạng Sơn"},
		Papers: []dossier.PaperReceived{{Name: "Tờ khai", Originals: 1}}, Attachments: []dossier.AttachmentRef{dossier.AttachmentRef(scan)}}
	e1, err := drv.Create(T(2026, 3, 16, 8, 0), recv, reporttest.RcptC, procs[reporttest.P1])
	if err != nil {
		t.Fatal(err)
	}
	byName["E1"] = e1
	for _, s := range []struct {
		at  time.Time
		a   motcua.Actor
		cmd dossier.Command
	}{
		{T(2026, 3, 16, 8, 30), reporttest.RcptC, dossier.Command{Action: dossier.ActTransfer}},
		{T(2026, 3, 16, 9, 0), reporttest.LeadA, dossier.Command{Action: dossier.ActAssign, Assignee: reporttest.ProcA.Username}},
		{T(2026, 3, 17, 9, 0), reporttest.ProcA, dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện"}},
		{T(2026, 3, 17, 10, 0), reporttest.LeadA, dossier.Command{Action: dossier.ActApprove, DocumentSHA256: scan.SHA256}},
		{T(2026, 3, 18, 9, 0), reporttest.RcptC, dossier.Command{Action: dossier.ActReturnResult,
			Recipient: &dossier.Recipient{Name: "Nông Thị Hoa", IDNumber: "020195004321"}}},
	} {
		if err := drv.Act(s.at, e1, s.cmd, s.a); err != nil {
			t.Fatalf("E1 %s: %v", s.cmd.Action, err)
		}
	}

	// Ratings given online with each dossier's token, at the instant shown.
	for _, r := range []struct {
		dossier string
		at      time.Time
		level   string
	}{
		{"D1", T(2026, 2, 10, 11, 0), rating.VerySatisfied},
		{"D9", T(2026, 3, 3, 11, 5), rating.VerySatisfied},
		{"D10", T(2026, 3, 5, 10, 0), rating.Satisfied},
		{"D12", T(2026, 3, 5, 15, 0), rating.Dissatisfied},
		{"D8", T(2026, 3, 11, 10, 0), rating.Dissatisfied},
		{"E1", T(2026, 3, 18, 9, 30), rating.VerySatisfied},
		{"D7", T(2026, 3, 20, 14, 0), rating.Dissatisfied},
		{"D4", T(2026, 3, 31, 23, 59), rating.Satisfied},
		{"D2", T(2026, 4, 1, 0, 0), rating.Dissatisfied},
	} {
		at := r.at
		db.Now = func() time.Time { return at }
		tok, err := db.IssueDossierRatingToken(ctx, byName[r.dossier])
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.Ratings().SubmitOnline(ctx, tok, &rating.Rating{DossierCode: byName[r.dossier], Level: r.level}); err != nil {
			t.Fatalf("rate %s: %v", r.dossier, err)
		}
	}

	// The relay publishes every outbox row but D7's: its portal connection fails.
	db.Now = func() time.Time { return T(2026, 4, 2, 8, 0) }
	down := errors.New("portal unreachable")
	pub := func(_ context.Context, rows []sqldb.OutboxRow) []error {
		errs := make([]error, len(rows))
		for i, r := range rows {
			if r.Aggregate == byName["D7"] {
				errs[i] = down
			}
		}
		return errs
	}
	for i := 0; ; i++ {
		b, err := db.RelayOutbox(ctx, 100, pub, func(int) time.Duration { return 0 })
		if err != nil {
			t.Fatal(err)
		}
		if b.Published == 0 {
			break
		}
		if i > 50 {
			t.Fatal("relay does not drain")
		}
	}
	return byName
}

// TestQualityIndexInputs computes the Decision 766 inputs of March 2026 from
// reporttest's province plus: procedures P4 (A, fee, partial online, no dossier
// components: incomplete), P5 (commune level) and P6 (inactive); dossier E1 (P1,
// received 16 March with a scanned paper, resolved early, returned); ratings of D9
// and E1 very satisfied, D10 and D4 (31 March 23:59) satisfied, D12, D8 and D7
// dissatisfied in March, D1 in February and D2 on 1 April; every outbox row
// published except D7's.
//
// March by hand, whole province: received D7 D8 D9 D10 D12 E1 = 6, D8 online (full);
// resolved early D9 D10 E1, late D8, D7 pending and overdue; fee dossiers D7 D8 D10
// D12 E1 (all P1) with D8 paid online; results D8 D9 E1, all signed electronically;
// synchronised all but D7; digitised E1. Procedures active P1–P5: complete but P4,
// online P1–P4, with fees P1 and P4 (both online). Ratings in March 2 very
// satisfied, 2 satisfied, 3 dissatisfied; handled and disliked D8 and D7 (D12 was
// cancelled, so not handled).
func TestQualityIndexInputs(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		buildQualityScenario(t, db)
		ctx := context.Background()
		march := func(unit string) qualityindex.Inputs {
			t.Helper()
			in, err := db.QualityIndexInputs(ctx, calendar.D(2026, 3, 1), calendar.D(2026, 3, 31), unit)
			if err != nil {
				t.Fatal(err)
			}
			return in
		}
		want := qualityindex.Inputs{
			ProceduresPublic: 5, ProceduresPublicComplete: 4, DossiersReceived: 6, DossiersSynced: 5,
			ResolvedEarly: 3, ResolvedLate: 1, PendingOverdue: 1,
			ProceduresTotal: 5, ProceduresOnline: 4, DossiersFullOnlineEligible: 6, DossiersFullOnline: 1, DossiersOnline: 1,
			ProceduresWithFees: 2, ProceduresWithFeesPayableOnline: 2, ProceduresWithFeeDossiers: 1, ProceduresWithOnlinePayments: 1,
			DossiersWithFees: 5, DossiersPaidOnline: 1,
			DossiersComplainedOrDisliked: 2, RatingsVerySatisfied: 2, RatingsSatisfied: 2, RatingsDissatisfied: 3,
			DossiersRequiringResultDocument: 3, DossiersWithElectronicResult: 3, DossiersDigitised: 1,
		}
		if diff := cmp.Diff(want, march(""), ignoreUnavailable); diff != "" {
			t.Errorf("province (-want +got):\n%s", diff)
		}
		// Unit A resolves every P1 dossier (D9 is C's, "4 tại chỗ"); its catalogue is
		// P1, P2 and P4; the ratings are attributed to the receiving centre, not to A.
		wantA := qualityindex.Inputs{
			ProceduresPublic: 3, ProceduresPublicComplete: 2, DossiersReceived: 5, DossiersSynced: 4,
			ResolvedEarly: 2, ResolvedLate: 1, PendingOverdue: 1,
			ProceduresTotal: 3, ProceduresOnline: 3, DossiersFullOnlineEligible: 5, DossiersFullOnline: 1, DossiersOnline: 1,
			ProceduresWithFees: 2, ProceduresWithFeesPayableOnline: 2, ProceduresWithFeeDossiers: 1, ProceduresWithOnlinePayments: 1,
			DossiersWithFees: 5, DossiersPaidOnline: 1, DossiersComplainedOrDisliked: 2,
			DossiersRequiringResultDocument: 2, DossiersWithElectronicResult: 2, DossiersDigitised: 1,
		}
		if diff := cmp.Diff(wantA, march(reporttest.A), ignoreUnavailable); diff != "" {
			t.Errorf("unit A (-want +got):\n%s", diff)
		}
		// The centre: D9 only, and the centre's ratings; P3 is its one procedure.
		wantC := qualityindex.Inputs{
			ProceduresPublic: 1, ProceduresPublicComplete: 1, DossiersReceived: 1, DossiersSynced: 1, ResolvedEarly: 1,
			ProceduresTotal: 1, ProceduresOnline: 1, DossiersFullOnlineEligible: 1,
			RatingsVerySatisfied: 2, RatingsSatisfied: 2, RatingsDissatisfied: 3,
			DossiersRequiringResultDocument: 1, DossiersWithElectronicResult: 1,
		}
		if diff := cmp.Diff(wantC, march(reporttest.C), ignoreUnavailable); diff != "" {
			t.Errorf("unit C (-want +got):\n%s", diff)
		}

		// What the system does not hold is marked, with a reason in both languages.
		in := march("")
		var codes []string
		for code, u := range in.Unavailable {
			codes = append(codes, code)
			if u.VI == "" || u.EN == "" {
				t.Errorf("unavailable %s without a reason: %+v", code, u)
			}
		}
		slices.Sort(codes)
		if want := []string{"1.1", "1.2", "4.3", "4.4", "4.5a", "4.5b", "4.6", "5.2", "5.3"}; !slices.Equal(codes, want) {
			t.Errorf("unavailable %v, want %v", codes, want)
		}

		// The index of the province for March, indicator by indicator.
		res := qualityindex.Compute(in)
		for _, c := range []struct {
			code       string
			applicable bool
			num, den   int64
			points     float64
		}{
			{"1.1", false, 0, 0, 0}, {"1.2", false, 0, 0, 0},
			{"1.3", true, 4, 5, 1.6},  // 80% × 2
			{"1.4", true, 5, 6, 5},    // 5/6 × 6
			{"2.1", true, 3, 5, 12},   // 60% × 20
			{"3.4", true, 1, 6, 2},    // 1/6 × 12
			{"3.5", true, 2, 2, 2},    // ≥ 80%
			{"3.5b", true, 1, 1, 2},   // ≥ 80%
			{"3.6", true, 1, 5, 1.2},  // 20% × 6
			{"5.2", false, 0, 0, 0},   // no feedback register
			{"5.4", true, 1, 5, 1.33}, // 100% − (2/5 + 2/5) = 20%; 20/90 × 6
			{"HL", true, 4, 7, 0},     // monitored
			{"4.1", true, 3, 3, 6},
			{"4.2", true, 1, 6, 0.83}, // 16.67% / 80% × 4
			{"4.3", false, 0, 0, 0}, {"4.4", false, 0, 0, 0}, {"4.5b", false, 0, 0, 0}, {"4.6", false, 0, 0, 0},
		} {
			ind, ok := res.Indicator(c.code)
			if !ok {
				t.Fatalf("no indicator %s", c.code)
			}
			if ind.Applicable != c.applicable || ind.Numerator != c.num || ind.Denominator != c.den || ind.Points != c.points {
				t.Errorf("%s: applicable %v %d/%d points %v, want %v %d/%d %v", c.code, ind.Applicable, ind.Numerator, ind.Denominator,
					ind.Points, c.applicable, c.num, c.den, c.points)
			}
		}
		if res.Points != 33.96 || res.ApplicableMax != 66 || res.Score100 != 51.45 {
			t.Errorf("total %v of %v applicable, score %v; want 33.96 of 66, 51.45", res.Points, res.ApplicableMax, res.Score100)
		}

		// February, before E1: D14 D1 D3 D2 early or on time, D4 late, nothing
		// pending; received D1 D4 D3 D6 D2, all synchronised; rated in February D1;
		// D2, handled in February, was rated dissatisfied on 1 April and counts.
		in, err := db.QualityIndexInputs(ctx, calendar.D(2026, 2, 1), calendar.D(2026, 2, 28), "")
		if err != nil {
			t.Fatal(err)
		}
		if in.DossiersReceived != 5 || in.DossiersSynced != 5 || in.DossiersDigitised != 0 || in.ResolvedEarly != 3 || in.ResolvedOnTime != 1 ||
			in.ResolvedLate != 1 || in.RatingsVerySatisfied != 1 || in.RatingsDissatisfied != 0 || in.DossiersComplainedOrDisliked != 1 {
			t.Errorf("february: %+v", in)
		}
		if _, err := db.QualityIndexInputs(ctx, calendar.D(2026, 3, 2), calendar.D(2026, 3, 1), ""); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("reversed period: %v", err)
		}
	})
}

// TestReportSatisfactionAndCoverage checks the satisfaction figures of the scenario's
// ratings (period boundaries at midnight, Vietnam time; split by unit) and the
// procedure coverage of the centre, a department and a commune.
func TestReportSatisfactionAndCoverage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		buildQualityScenario(t, db)
		ctx := context.Background()
		pct := func(v float64) *float64 { return &v }
		s, err := db.ReportSatisfaction(ctx, calendar.D(2026, 3, 1), calendar.D(2026, 3, 31), "")
		if err != nil {
			t.Fatal(err)
		}
		sc := rating.DefaultScale()
		want := report.Satisfaction{Total: 7, VerySatisfied: 2, Satisfied: 2, Dissatisfied: 3,
			VerySatisfiedShare: pct(28.57), SatisfiedShare: pct(28.57), DissatisfiedShare: pct(42.86), SatisfiedOrBetterShare: pct(57.14),
			Levels: []report.LevelCount{
				{Code: rating.VerySatisfied, Name: sc.Levels[0].Name, NameEn: sc.Levels[0].NameEn, Positive: true, Class: report.ClassVerySatisfied, Count: 2, Share: pct(28.57)},
				{Code: rating.Satisfied, Name: sc.Levels[1].Name, NameEn: sc.Levels[1].NameEn, Positive: true, Class: report.ClassSatisfied, Count: 2, Share: pct(28.57)},
				{Code: rating.Dissatisfied, Name: sc.Levels[2].Name, NameEn: sc.Levels[2].NameEn, Class: report.ClassDissatisfied, Count: 3, Share: pct(42.86)},
			}}
		if diff := cmp.Diff(want, s); diff != "" {
			t.Errorf("march (-want +got):\n%s", diff)
		}
		// 1 April 00:00 belongs to April; one day holds D2's rating only.
		if s, err := db.ReportSatisfaction(ctx, calendar.D(2026, 4, 1), calendar.D(2026, 4, 1), ""); err != nil || s.Total != 1 || s.Dissatisfied != 1 || *s.DissatisfiedShare != 100 {
			t.Errorf("1 April: %+v %v", s, err)
		}
		if s, err := db.ReportSatisfaction(ctx, calendar.D(2026, 3, 1), calendar.D(2026, 3, 31), reporttest.A); err != nil || s.Total != 0 || s.VerySatisfiedShare != nil {
			t.Errorf("unit A has no ratings: %+v %v", s, err)
		}
		groups, err := db.ReportSatisfactionByUnit(ctx, calendar.D(2026, 2, 1), calendar.D(2026, 3, 31), "")
		if err != nil || len(groups) != 1 || groups[0].Key != reporttest.C || groups[0].Total != 8 || groups[0].VerySatisfied != 3 {
			t.Errorf("by unit: %+v %v", groups, err)
		}

		for _, c := range []struct {
			unit string
			want report.ProcedureCoverage
		}{
			// The centre receives P1–P4 (P5 is the communes', P6 inactive); P3 is "4 tại chỗ".
			{"", report.ProcedureCoverage{Procedures: 4, FourOnSpot: 1, FourOnSpotShare: pct(25), OnlineFull: 3, OnlinePartial: 1, Online: 4,
				OnlineFullShare: pct(75), OnlineShare: pct(100)}},
			{reporttest.A, report.ProcedureCoverage{Unit: reporttest.A, Procedures: 3, FourOnSpot: 0, FourOnSpotShare: pct(0), OnlineFull: 2,
				OnlinePartial: 1, Online: 3, OnlineFullShare: pct(66.67), OnlineShare: pct(100)}},
			{qCommune, report.ProcedureCoverage{Unit: qCommune, Procedures: 1, FourOnSpot: 1, FourOnSpotShare: pct(100),
				OnlineFullShare: pct(0), OnlineShare: pct(0)}},
			{"H37.99.99", report.ProcedureCoverage{Unit: "H37.99.99"}},
		} {
			got, err := db.ProcedureCoverage(ctx, c.unit)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, got); diff != "" {
				t.Errorf("coverage %q (-want +got):\n%s", c.unit, diff)
			}
		}
	})
}
