package sqldb_test

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/report/reporttest"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// storeDriver drives the reporttest province through the store, with db.Now set to
// each action's instant.
type storeDriver struct {
	db    *sqldb.DB
	procs map[string]*catalog.Procedure
}

func (s storeDriver) Create(at time.Time, cmd dossier.Command, a motcua.Actor, p *catalog.Procedure) (string, error) {
	s.db.Now = func() time.Time { return at }
	d, err := s.db.Dossiers().Create(context.Background(), cmd, a, s.procs[p.Code], calFor)
	if err != nil {
		return "", err
	}
	return d.Code, nil
}

func (s storeDriver) Act(at time.Time, code string, cmd dossier.Command, a motcua.Actor) error {
	s.db.Now = func() time.Time { return at }
	_, err := s.db.Dossiers().Act(context.Background(), code, cmd, a, calFor)
	return err
}

// storedCells replays every stored dossier and sums the contributions.
func storedCells(t *testing.T, db *sqldb.DB) report.Cells {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT code FROM dossiers`)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for rows.Next() {
		var c string
		rows.Scan(&c)
		codes = append(codes, c)
	}
	rows.Close()
	cells := report.Cells{}
	for _, c := range codes {
		evs, err := db.Dossiers().Events(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		d, err := dossier.Replay(evs)
		if err != nil {
			t.Fatal(err)
		}
		cells.Add(report.Contribution(d))
	}
	return cells.NonZero()
}

// monthsOf aggregates day cells into the month rollup's shape.
func monthsOf(days report.Cells) report.Cells {
	out := report.Cells{}
	for k, v := range days {
		k.Day.Day, k.Procedure = 1, ""
		out[k] += v
	}
	return out.NonZero()
}

// checkRollups checks that the stored rollups are the sum of every dossier's
// contribution, and returns them.
func checkRollups(t *testing.T, db *sqldb.DB) report.Cells {
	t.Helper()
	days, months, err := db.ReportRollups(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := storedCells(t, db)
	if diff := cmp.Diff(want, days); diff != "" {
		t.Fatalf("rollup_day_proc ≠ Σ contributions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(monthsOf(want), months); diff != "" {
		t.Fatalf("rollup_month ≠ Σ contributions by month (-want +got):\n%s", diff)
	}
	return days
}

// TestReportProvince drives the hand-worked province (reporttest) through the store on
// each engine, with the clock controlled, and checks every figure of every period
// read from the rollups, the rankings, and the rollups themselves.
func TestReportProvince(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		cs := db.Catalog()
		for _, u := range reporttest.Units() {
			if err := cs.CreateUnit(ctx, &u); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range reporttest.Fields() {
			if err := cs.CreateField(ctx, &f); err != nil {
				t.Fatal(err)
			}
		}
		procs := map[string]*catalog.Procedure{}
		for _, p := range reporttest.Procedures() {
			if err := cs.CreateProcedure(ctx, &p); err != nil {
				t.Fatal(err)
			}
			procs[p.Code] = &p
		}
		if err := reporttest.Run(storeDriver{db, procs}); err != nil {
			t.Fatal(err)
		}
		cells := checkRollups(t, db)
		for _, p := range reporttest.Periods {
			t.Run(p.Name, func(t *testing.T) {
				got, err := db.ReportSummary(context.Background(), p.Query)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(p.Want, got.Total); diff != "" {
					t.Errorf("figures (-want +got):\n%s", diff)
				}
				for _, g := range []report.GroupBy{report.ByUnit, report.ByField, report.ByProcedure, report.ByChannel} {
					q := p.Query
					q.GroupBy = g
					got, err := db.ReportSummary(context.Background(), q)
					if err != nil {
						t.Fatal(err)
					}
					if diff := cmp.Diff(report.Summarize(cells, q, reporttest.FieldOf), got); diff != "" {
						t.Errorf("group by %s (-memory +stored):\n%s", g, diff)
					}
				}
			})
		}
		for _, r := range reporttest.Rankings {
			got, err := db.ReportLateUnits(context.Background(), r.From, r.To, "")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r.Want, got); diff != "" {
				t.Errorf("ranking %s–%s (-want +got):\n%s", r.From, r.To, diff)
			}
		}
		if only, err := db.ReportLateUnits(context.Background(), calendar.D(2026, 2, 1), calendar.D(2026, 2, 28), reporttest.B); err != nil || len(only) != 1 || only[0].Unit != reporttest.B {
			t.Errorf("ranking of B only: %+v %v", only, err)
		}
		if _, err := db.ReportSummary(context.Background(), report.Query{From: calendar.D(2026, 2, 1), To: calendar.D(2026, 2, 1), GroupBy: "x"}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Errorf("bad group_by: %v", err)
		}
	})
}

// TestReportRebuildEqualsIncremental imports a demo year (ImportDossiers), drives a
// random mix of live lifecycles through Create and Act — new dossiers and the
// imported open ones: supplements, refusals, withdrawals, cancellations, payments,
// post — then checks that the rollups maintained event by event equal the sum of the
// replayed contributions, that RebuildReports gives exactly the same tables, and that
// summaries read through the month rollup agree with the in-memory evaluation.
func TestReportRebuildEqualsIncremental(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := adminCtx()
		d := demo.Province(seed.DefaultSeed)
		storeDemoCatalogue(t, db, d)
		now := time.Date(2026, 3, 10, 10, 0, 0, 0, calendar.ICT)
		streams, err := seed.DemoDossiers(d, 5, now, 700)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.ImportDossiers(ctx, streams, nil); err != nil {
			t.Fatal(err)
		}
		centre := ""
		var procs []*catalog.Procedure
		for _, u := range d.Units {
			if u.Kind == catalog.UnitCenter {
				centre = u.Code
			}
		}
		for i := range d.Procedures {
			p := &d.Procedures[i]
			if p.Active && p.Level == catalog.LevelProvince && len(p.Steps) > 0 && p.Steps[0].UnitCode == centre && p.Allows(catalog.ChannelCounter) {
				procs = append(procs, p)
			}
		}
		if len(procs) == 0 {
			t.Fatal("no provincial procedure received at the centre")
		}
		rng := rand.New(rand.NewPCG(7, 11))
		clock := now
		db.Now = func() time.Time { return clock }
		ds := db.Dossiers()

		var open []string
		rows, err := db.QueryContext(context.Background(), `SELECT code FROM dossiers WHERE state NOT IN ('returned','refused_intake','refused','withdrawn','cancelled') ORDER BY code`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var c string
			rows.Scan(&c)
			open = append(open, c)
		}
		rows.Close()
		applicant := &dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: "Lương Thị Hoa", IDNumber: "020095001234", Phone: "0912345678", Address: "Lạng Sơn"}
		rc := motcua.Actor{Username: "motcua1", Role: motcua.RoleReceptionist, UnitCode: centre}
		ok := map[dossier.Action]int{}
		for i := 0; i < 400; i++ {
			clock = clock.Add(time.Duration(5+rng.IntN(300)) * time.Minute)
			if len(open) == 0 || rng.IntN(5) == 0 {
				p := procs[rng.IntN(len(procs))]
				cmd := dossier.Command{Action: dossier.ActReceive, Applicant: applicant, Papers: []dossier.PaperReceived{{Name: "Tờ khai", Originals: 1}}}
				a := rc
				switch r := rng.IntN(10); {
				case r == 0:
					cmd.Action, cmd.Reason, cmd.Papers = dossier.ActRefuseIntake, "Không thuộc thẩm quyền", nil
				case r <= 3 && p.Allows(catalog.ChannelOnlineFull):
					cmd.Action, cmd.Channel, cmd.UnitCode = dossier.ActSubmitOnline, catalog.ChannelOnlineFull, centre
					a = motcua.Actor{Username: "vneid:1", Role: dossier.RoleApplicant}
				}
				nd, err := ds.Create(context.Background(), cmd, a, p, calFor)
				if err != nil {
					t.Fatalf("create: %v", err)
				}
				ok[cmd.Action]++
				if !nd.State.Terminal() {
					open = append(open, nd.Code)
				}
				continue
			}
			j := rng.IntN(len(open))
			cur, err := ds.Get(context.Background(), open[j])
			if err != nil {
				t.Fatal(err)
			}
			cmd, a := nextAction(rng, cur)
			nd, err := ds.Act(context.Background(), cur.Code, cmd, a, calFor)
			if err != nil {
				continue // an action the dossier's plan does not allow now
			}
			ok[cmd.Action]++
			if nd.State.Terminal() {
				open = append(open[:j], open[j+1:]...)
			}
		}
		for _, act := range []dossier.Action{dossier.ActReceive, dossier.ActTransfer, dossier.ActApprove, dossier.ActReturnResult, dossier.ActRequestSupplement, dossier.ActWithdraw} {
			if ok[act] == 0 {
				t.Errorf("the live mix never did %s: %v", act, ok)
			}
		}
		t.Logf("live actions: %v", ok)

		days := checkRollups(t, db)
		_, months, _ := db.ReportRollups(context.Background())
		var calls, lastDone, lastTotal int
		if err := db.RebuildReports(context.Background(), func(done, total int) { calls, lastDone, lastTotal = calls+1, done, total }); err != nil {
			t.Fatal(err)
		}
		days2, months2, err := db.ReportRollups(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(days, days2); diff != "" {
			t.Fatalf("rebuilt day rollups differ (-incremental +rebuilt):\n%s", diff)
		}
		if diff := cmp.Diff(months, months2); diff != "" {
			t.Fatalf("rebuilt month rollups differ (-incremental +rebuilt):\n%s", diff)
		}
		if calls < 1 || lastDone != lastTotal || lastTotal < 700 {
			t.Errorf("progress called %d times, last %d of %d", calls, lastDone, lastTotal)
		}

		// Stored summaries (read through the year and month levels) = in-memory evaluation.
		fields, err := db.ProcedureFields(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []report.Query{
			{From: calendar.D(2025, 4, 1), To: calendar.D(2026, 3, 31), GroupBy: report.ByUnit},
			{From: calendar.D(2025, 6, 17), To: calendar.D(2026, 2, 3), GroupBy: report.ByChannel},
			{From: calendar.D(2025, 9, 1), To: calendar.D(2025, 12, 31), RecvUnit: centre, GroupBy: report.ByField},
			{From: calendar.D(2026, 1, 5), To: calendar.D(2026, 3, 20), Channel: catalog.ChannelOnlineFull},
			{From: calendar.D(2025, 3, 11), To: calendar.D(2026, 3, 11), Field: d.Procedures[0].FieldCode},
		} {
			got, err := db.ReportSummary(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(report.Summarize(days, q, fields), got); diff != "" {
				t.Errorf("%+v (-memory +stored):\n%s", q, diff)
			}
			if got.Total.Received == 0 {
				t.Errorf("%+v: nothing received", q)
			}
		}
	})
}

// nextAction picks a plausible next command for d and the actor allowed to give it:
// the receptionist of the receiving unit, or the leader and processor of the current
// unit ("lead."/"proc." + unit).
func nextAction(rng *rand.Rand, d *dossier.Dossier) (dossier.Command, motcua.Actor) {
	rc := motcua.Actor{Username: "motcua1", Role: motcua.RoleReceptionist, UnitCode: d.UnitCode}
	lead := motcua.Actor{Username: "lead." + d.CurrentUnit, Role: motcua.RoleLeader, UnitCode: d.CurrentUnit}
	proc := motcua.Actor{Username: "proc." + d.CurrentUnit, Role: motcua.RoleProcessor, UnitCode: d.CurrentUnit}
	if d.Assignee != "" {
		proc.Username = d.Assignee
	}
	doc := "5f2b51e8e8e3c1bd0a1c4a1d0ff3b2f6c1f0f0a8b5a9e4d3c2b1a0f9e8d7c6b5"
	r := rng.IntN(100)
	if r < 3 && !d.State.Terminal() && d.State != dossier.StateSentByPost {
		return dossier.Command{Action: dossier.ActCancel, Reason: "Nhập sai"}, motcua.Actor{Username: "admin", Role: motcua.RoleAdmin}
	}
	if out := d.FeesOutstanding(); r < 10 && out > 0 {
		return dossier.Command{Action: dossier.ActPay, Payment: &dossier.Payment{Method: dossier.PayCash, Receipt: "BL-T", Amount: out}}, rc
	}
	switch d.State {
	case dossier.StateAwaitingIntake:
		return dossier.Command{Action: dossier.ActAcceptOnline}, rc
	case dossier.StateReceived:
		if r < 15 {
			return dossier.Command{Action: dossier.ActWithdraw, Reason: "Xin rút"}, rc
		}
		return dossier.Command{Action: dossier.ActTransfer}, rc
	case dossier.StateWaitingSupplement:
		return dossier.Command{Action: dossier.ActSupplementReceived, Papers: []dossier.PaperReceived{{Name: "Bổ sung", Copies: 1}}}, rc
	case dossier.StateSuspended:
		return dossier.Command{Action: dossier.ActResume}, lead
	case dossier.StateInProcessing:
		switch {
		case d.Proposal != nil && d.Proposal.Kind == dossier.ProposeRefusal:
			return dossier.Command{Action: dossier.ActRefuse, Reason: "Không đủ điều kiện", DocumentSHA256: doc}, lead
		case d.Proposal != nil:
			return dossier.Command{Action: dossier.ActApprove, DocumentSHA256: doc}, lead
		case d.Assignee == "":
			return dossier.Command{Action: dossier.ActAssign, Assignee: proc.Username}, lead
		case r < 20:
			return dossier.Command{Action: dossier.ActRequestSupplement, Reason: "Thiếu giấy tờ", MissingPapers: []string{"Bản sao"}}, proc
		case r < 25:
			return dossier.Command{Action: dossier.ActProposeRefusal, Reason: "Không đủ điều kiện"}, proc
		}
		return dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện"}, proc
	case dossier.StateResultReady:
		if r < 30 {
			return dossier.Command{Action: dossier.ActSendByPost, TrackingNumber: "EE123456789VN", PostAddress: "Số 5 Lê Lợi"}, rc
		}
		return dossier.Command{Action: dossier.ActReturnResult, Recipient: &dossier.Recipient{Name: "Lương Thị Hoa", IDNumber: "020095001234"}}, rc
	case dossier.StateSentByPost:
		return dossier.Command{Action: dossier.ActPostDelivered}, rc
	}
	return dossier.Command{Action: dossier.ActTransfer}, rc
}
