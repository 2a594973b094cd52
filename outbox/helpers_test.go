package outbox_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/outbox"
	"github.com/motcua/motcua/sqldb"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

const (
	province = "000.00.00.H37"
	centre   = "000.00.01.H37"
	dept     = "000.00.11.H37"
)

var (
	rcpt = motcua.Actor{Username: "motcua1", Role: motcua.RoleReceptionist, UnitCode: centre}
	lead = motcua.Actor{Username: "stp.lanhdao", Role: motcua.RoleLeader, UnitCode: dept}
	proc = motcua.Actor{Username: "stp.chuyenvien", Role: motcua.RoleProcessor, UnitCode: dept}
)

func adminCtx() context.Context {
	return motcua.WithActor(context.Background(), &motcua.Actor{Username: "admin", Role: motcua.RoleAdmin})
}

func calFor(context.Context, string) (dossier.Calendar, error) { return calendar.Default(), nil }

// fixture is a database with a tiny catalogue: one procedure of five steps, received and
// returned at the centre.
type fixture struct {
	t  *testing.T
	db *sqldb.DB
	p  *catalog.Procedure
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	ctx := adminCtx()
	cs := db.Catalog()
	for _, u := range []catalog.Unit{
		{Code: province, Name: "UBND tỉnh Lạng Sơn", Kind: catalog.UnitProvince, Active: true},
		{Code: centre, Name: "Trung tâm Phục vụ hành chính công", Kind: catalog.UnitCenter, ParentCode: province, Active: true},
		{Code: dept, Name: "Sở Tư pháp", Kind: catalog.UnitDepartment, ParentCode: province, Active: true},
	} {
		if err := cs.CreateUnit(ctx, &u); err != nil {
			t.Fatalf("create unit %s: %v", u.Code, err)
		}
	}
	if err := cs.CreateField(ctx, &catalog.Field{Code: "LLTP", Name: "Lý lịch tư pháp", NameEN: "Judicial records"}); err != nil {
		t.Fatal(err)
	}
	p := catalog.Procedure{
		Code: "1.001193", Name: "Cấp Phiếu lý lịch tư pháp", UnitCode: dept, FieldCode: "LLTP", Level: catalog.LevelProvince,
		TimeLimits: []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 5, Unit: catalog.WorkingDays}},
		Fees:       []catalog.Fee{{Kind: catalog.FeeCharge, Name: "Phí cung cấp thông tin lý lịch tư pháp", Amount: 200000}},
		Papers:     []catalog.Paper{{Name: "Tờ khai", Originals: 1, Mandatory: true}},
		Result:     "Phiếu lý lịch tư pháp", Channels: []catalog.Channel{catalog.ChannelCounter}, Chain: []string{},
		Steps: []catalog.Step{
			{Name: "Tiếp nhận", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
			{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 240},
			{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 900},
			{Name: "Phê duyệt", Role: motcua.RoleLeader, Minutes: 450},
			{Name: "Trả kết quả", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
		},
		LegalBasis: "Luật Lý lịch tư pháp 2009", Active: true,
	}
	if err := cs.CreateProcedure(ctx, &p); err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, db: db, p: &p}
}

// receive creates n dossiers and returns their codes.
func (f *fixture) receive(n int) []string {
	f.t.Helper()
	var codes []string
	for i := range n {
		cmd := dossier.Command{Action: dossier.ActReceive,
			Applicant: &dossier.Applicant{Kind: dossier.ApplicantPerson, FullName: fmt.Sprintf("Nguyễn Văn Số %d", i),
				IDNumber: "020095001234", Phone: "0912345678", Address: "Phường Đông Kinh, Lạng Sơn"},
			Papers: []dossier.PaperReceived{{Name: "Tờ khai", Originals: 1}}}
		d, err := f.db.Dossiers().Create(context.Background(), cmd, rcpt, f.p, calFor)
		if err != nil {
			f.t.Fatal(err)
		}
		codes = append(codes, d.Code)
	}
	return codes
}

// flow is the rest of a dossier's life after receipt: seq 2…6.
var flow = []struct {
	actor motcua.Actor
	cmd   dossier.Command
}{
	{rcpt, dossier.Command{Action: dossier.ActTransfer}},
	{lead, dossier.Command{Action: dossier.ActAssign, Assignee: proc.Username}},
	{proc, dossier.Command{Action: dossier.ActProposeResult, Summary: "Đủ điều kiện"}},
	{lead, dossier.Command{Action: dossier.ActApprove, DocumentSHA256: "5f2b51e8e8e3c1bd0a1c4a1d0ff3b2f6c1f0f0a8b5a9e4d3c2b1a0f9e8d7c6b5"}},
	{rcpt, dossier.Command{Action: dossier.ActReturnResult, Recipient: &dossier.Recipient{Name: "Nguyễn Văn An", IDNumber: "020095001234"}}},
}

// act applies flow steps [from, to) to every dossier, dossiers concurrently.
func (f *fixture) act(codes []string, from, to int) {
	f.t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, len(codes))
	for i, code := range codes {
		wg.Go(func() {
			for _, s := range flow[from:to] {
				if _, err := f.db.Dossiers().Act(context.Background(), code, s.cmd, s.actor, calFor); err != nil {
					errs[i] = fmt.Errorf("%s %s: %w", code, s.cmd.Action, err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			f.t.Fatal(err)
		}
	}
}

func connect(t *testing.T, url string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	nc, js, err := outbox.Dial(url, t.Name())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	return nc, js
}

// start runs fn in a goroutine; the returned function cancels it and waits for it.
func start(t *testing.T, fn func(ctx context.Context) error) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- fn(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run: %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Error("did not stop within 20 s")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitUntil polls cond every 20 ms until it holds or timeout passes.
func waitUntil(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func unpublished(t *testing.T, db *sqldb.DB) int64 {
	st, err := db.OutboxStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st.Unpublished
}
