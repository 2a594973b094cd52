package sqldb_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

const (
	centre = "000.00.01.H37"
	dept   = "000.00.11.H37"
)

var (
	rcpt  = motcua.Actor{Username: "motcua1", Role: motcua.RoleReceptionist, UnitCode: centre}
	rcpt2 = motcua.Actor{Username: "motcua2", Role: motcua.RoleReceptionist, UnitCode: centre}
	lead  = motcua.Actor{Username: "stp.lanhdao", Role: motcua.RoleLeader, UnitCode: dept}
	proc  = motcua.Actor{Username: "stp.chuyenvien", Role: motcua.RoleProcessor, UnitCode: dept}
)

func calFor(context.Context, string) (dossier.Calendar, error) { return calendar.Default(), nil }

// dossierProcedure is a 5-working-day procedure of the department, received and
// returned at the centre.
func dossierProcedure(t *testing.T, db *sqldb.DB) *catalog.Procedure {
	t.Helper()
	seedCatalog(t, db)
	p := sampleProcedure("1.001193", "Cấp Phiếu lý lịch tư pháp")
	p.TimeLimits = []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 5, Unit: catalog.WorkingDays}}
	p.Steps = []catalog.Step{
		{Name: "Tiếp nhận", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
		{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 240},
		{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 900},
		{Name: "Phê duyệt", Role: motcua.RoleLeader, Minutes: 450},
		{Name: "Trả kết quả", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
	}
	if err := db.Catalog().CreateProcedure(adminCtx(), &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

func receiveCmd(name string) dossier.Command {
	return dossier.Command{Action: dossier.ActReceive,
		Applicant: &dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: name, IDNumber: "020095001234", Phone: "0912345678", Address: "Phường Đông Kinh, Lạng Sơn"},
		Papers:    []dossier.PaperReceived{{Name: "Tờ khai", Originals: 1}}}
}

func TestDossierCodesUnderConcurrency(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		const n = 50
		codes := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				d, err := db.Dossiers().Create(ctx, receiveCmd(fmt.Sprintf("Người nộp %d", i)), rcpt, p, calFor)
				errs[i] = err
				if err == nil {
					codes[i] = d.Code
				}
			}(i)
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		sort.Strings(codes)
		day := calendar.DateOf(time.Now().In(motcua.ICT))
		for i, c := range codes {
			if want := dossier.FormatCode(centre, day, i+1); c != want {
				t.Fatalf("code %d = %s, want %s (gap or duplicate)", i, c, want)
			}
		}
	})
}

func TestDossierRaceOneWins(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		d, err := db.Dossiers().Create(ctx, receiveCmd("Hoàng Thị Lan"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		v := d.Version
		var wg sync.WaitGroup
		results := make([]error, 2)
		for i, a := range []motcua.Actor{rcpt, rcpt2} {
			wg.Add(1)
			go func(i int, a motcua.Actor) {
				defer wg.Done()
				_, results[i] = db.Dossiers().Act(ctx, d.Code, dossier.Command{Action: dossier.ActTransfer, Version: &v}, a, calFor)
			}(i, a)
		}
		wg.Wait()
		ok, conflict := 0, 0
		for _, err := range results {
			switch motcua.ErrorCode(err) {
			case "":
				ok++
			case motcua.ECONFLICT:
				conflict++
			default:
				t.Fatalf("unexpected error %v", err)
			}
		}
		if ok != 1 || conflict != 1 {
			t.Fatalf("ok=%d conflict=%d, want exactly one winner", ok, conflict)
		}
		evs, _ := db.Dossiers().Events(ctx, d.Code)
		if len(evs) != 2 {
			t.Fatalf("%d events", len(evs))
		}
	})
}

func TestDossierFlowAndProjection(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		clock := time.Date(2026, 2, 13, 9, 0, 0, 0, motcua.ICT) // Friday before Tết 2026
		db.Now = func() time.Time { return clock }
		ds := db.Dossiers()
		d, err := ds.Create(ctx, receiveCmd("Lường Văn Đức"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		// 5 working days from Fri 13 Feb 09:00 skip the Tết week (16–20 Feb): Fri 27 Feb 09:00
		if want := time.Date(2026, 2, 27, 9, 0, 0, 0, motcua.ICT); !d.DueAt.Equal(want) {
			t.Fatalf("due %v, want %v", d.DueAt, want)
		}
		step := func(dt time.Duration, a motcua.Actor, cmd dossier.Command) {
			t.Helper()
			clock = clock.Add(dt)
			var err error
			if d, err = ds.Act(ctx, d.Code, cmd, a, calFor); err != nil {
				t.Fatalf("%s: %v", cmd.Action, err)
			}
		}
		step(time.Hour, rcpt, dossier.Command{Action: dossier.ActTransfer})
		step(time.Hour, lead, dossier.Command{Action: dossier.ActAssign, Assignee: proc.Username})
		// a wrong officer is refused and nothing changes
		if _, err := ds.Act(ctx, d.Code, dossier.Command{Action: dossier.ActApprove, DocumentSHA256: "ab"}, proc, calFor); motcua.ErrorCode(err) == "" {
			t.Fatal("processor approved")
		}
		step(time.Hour, proc, dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện cấp phiếu"})
		step(time.Hour, lead, dossier.Command{Action: dossier.ActApprove, DocumentSHA256: "5f2b51e8e8e3c1bd0a1c4a1d0ff3b2f6c1f0f0a8b5a9e4d3c2b1a0f9e8d7c6b5"})
		step(time.Hour, rcpt, dossier.Command{Action: dossier.ActReturnResult, Recipient: &dossier.Recipient{Name: "Lường Văn Đức", IDNumber: "020095001234"}})
		if d.State != dossier.StateReturned || d.Completion == nil || d.Completion.Outcome != calendar.Early {
			t.Fatalf("state %s completion %+v", d.State, d.Completion)
		}
		got, err := ds.Get(ctx, d.Code)
		if err != nil || got.Version != d.Version || got.State != d.State {
			t.Fatalf("projection: %v %+v", err, got)
		}
		evs, _ := ds.Events(ctx, d.Code)
		replayed, err := dossier.Replay(evs)
		if err != nil || replayed.Version != len(evs) || !replayed.DueAt.Equal(d.DueAt) {
			t.Fatalf("replay: %v", err)
		}
		// the dossier book finds it without diacritics; state filter works
		list, n, err := ds.List(ctx, dossier.Filter{Q: "luong van duc"})
		if err != nil || n != 1 || list[0].Code != d.Code || list[0].ProcedureName == "" {
			t.Fatalf("list q: %v %d %+v", err, n, list)
		}
		if _, n, _ := ds.List(ctx, dossier.Filter{States: []dossier.State{dossier.StateReceived}}); n != 0 {
			t.Fatalf("state filter: %d", n)
		}
		if _, n, _ := ds.List(ctx, dossier.Filter{Unit: dept}); n != 1 {
			t.Fatalf("unit filter (passing through): %d", n)
		}
		// events cannot be edited
		if _, err := db.ExecContext(ctx, `UPDATE dossier_events SET reason = 'x'`); err == nil {
			t.Fatal("event updated")
		}
		if rep, err := db.VerifyAudit(ctx); err != nil || !rep.OK {
			t.Fatalf("audit: %+v %v", rep, err)
		}
	})
}

func TestDossierRefusedCommandLeavesNoTrace(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		p := dossierProcedure(t, db)
		ctx := context.Background()
		bad := receiveCmd("Nguyễn Văn A")
		bad.Applicant.IDNumber = "12"
		if _, err := db.Dossiers().Create(ctx, bad, rcpt, p, calFor); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad applicant: %v", err)
		}
		d, err := db.Dossiers().Create(ctx, receiveCmd("Nguyễn Văn B"), rcpt, p, calFor)
		if err != nil {
			t.Fatal(err)
		}
		// the refused command consumed no number: the next one is 0001
		day := calendar.DateOf(time.Now().In(motcua.ICT))
		if d.Code != dossier.FormatCode(centre, day, 1) {
			t.Fatalf("code %s: a refused intake left a gap", d.Code)
		}
	})
}
