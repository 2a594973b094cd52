package dossier

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// Units of the fixtures: the centre receives and returns; U0, U1, U2 resolve.
const (
	centre = "H37.25"
	u0     = "H37.10"
	u1     = "H37.20"
	u2     = "H37.30"
)

var (
	rcpt    = motcua.Actor{Username: "tiep.nhan", Role: motcua.RoleReceptionist, UnitCode: centre}
	lead0   = motcua.Actor{Username: "lanh.dao0", Role: motcua.RoleLeader, UnitCode: u0}
	proc0   = motcua.Actor{Username: "chuyen.vien0", Role: motcua.RoleProcessor, UnitCode: u0}
	lead1   = motcua.Actor{Username: "lanh.dao1", Role: motcua.RoleLeader, UnitCode: u1}
	proc1   = motcua.Actor{Username: "chuyen.vien1", Role: motcua.RoleProcessor, UnitCode: u1}
	admin   = motcua.Actor{Username: "quan.tri", Role: motcua.RoleAdmin}
	citizen = motcua.Actor{Username: "vneid:001", Role: RoleApplicant}
	docHash = hashOf("signed result")
)

func hashOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// jul returns day d of July 2025 at hh:mm Vietnam time. 14–18 July 2025 is a plain
// Monday–Friday week; 12–13 and 19–20 are weekends.
func jul(d, hh, mm int) time.Time { return time.Date(2025, time.July, d, hh, mm, 0, 0, calendar.ICT) }

func person() *Applicant {
	return &Applicant{Kind: ApplicantPerson, FullName: "Nguyễn Văn An", IDNumber: "037095001234",
		Phone: "0912345678", Email: "an.nguyen@example.vn", Address: "12 Trần Hưng Đạo, phường Hoa Lư, Ninh Bình",
		ProxyName: "Trần Thị Bình", ProxyID: "037190004321"}
}

// simpleProc: 3 working days, resolved by U0, steps of the usual internal process.
func simpleProc() *catalog.Procedure {
	return &catalog.Procedure{
		Code: "1.004227", Name: "Cấp giấy phép thử nghiệm", UnitCode: u0, FieldCode: "TEST", Level: catalog.LevelProvince,
		TimeLimits: []catalog.TimeLimit{
			{Channel: catalog.ChannelCounter, Amount: 3, Unit: catalog.WorkingDays},
			{Channel: catalog.ChannelOnlineFull, Amount: 3, Unit: catalog.WorkingDays},
		},
		Fees:     []catalog.Fee{{Kind: catalog.FeeCharge, Name: "Lệ phí cấp phép", Amount: 50_000}, {Kind: catalog.FeeFee, Name: "Phí thẩm định", Amount: 100_000}},
		Papers:   []catalog.Paper{{Name: "Tờ khai", Originals: 1, Mandatory: true}},
		Channels: []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull, catalog.ChannelPost},
		Steps: []catalog.Step{
			{Name: "Tiếp nhận", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
			{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 60},
			{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 600},
			{Name: "Phê duyệt", Role: motcua.RoleLeader, Minutes: 120},
			{Name: "Trả kết quả", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
		},
		Active: true, Version: 2,
	}
}

// chainProc: 3 working days, U0 then U1 (liên thông), each unit with its own steps.
func chainProc() *catalog.Procedure {
	p := simpleProc()
	p.Code = "2.000889"
	p.Chain = []string{u1}
	p.Steps = []catalog.Step{
		{Name: "Tiếp nhận", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 60},
		{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 30},
		{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 300},
		{Name: "Phê duyệt phần việc", Role: motcua.RoleLeader, Minutes: 30},
		{Name: "Liên thông: U1 giải quyết", UnitCode: u1, Role: motcua.RoleProcessor, Minutes: 450},
		{Name: "Trả kết quả", UnitCode: centre, Role: motcua.RoleReceptionist, Minutes: 30},
	}
	return p
}

// harness runs commands through Decide and Apply, checking that Decide never
// modifies the dossier.
type harness struct {
	t      *testing.T
	d      *Dossier
	events []Event
	proc   *catalog.Procedure
	seq    int
}

func newHarness(t *testing.T, p *catalog.Procedure) *harness {
	t.Helper()
	return &harness{t: t, d: &Dossier{}, proc: p}
}

func (h *harness) env(cmd Command, a motcua.Actor, at time.Time) Env {
	env := Env{Procedure: h.proc, Calendar: calendar.Default()}
	if h.d.State == StateNew {
		unit := a.UnitCode
		if cmd.Action == ActSubmitOnline {
			unit = cmd.UnitCode
		}
		h.seq++
		env.Code = FormatCodeAt(unit, at, 41+h.seq)
	}
	return env
}

func (h *harness) try(cmd Command, a motcua.Actor, at time.Time) (Event, error) {
	h.t.Helper()
	before, _ := json.Marshal(h.d)
	e, err := Decide(h.d, cmd, a, at, h.env(cmd, a, at))
	after, _ := json.Marshal(h.d)
	if !bytes.Equal(before, after) {
		h.t.Fatalf("Decide(%s) modified the dossier", cmd.Action)
	}
	return e, err
}

func (h *harness) do(cmd Command, a motcua.Actor, at time.Time) Event {
	h.t.Helper()
	e, err := h.try(cmd, a, at)
	if err != nil {
		h.t.Fatalf("%s by %s at %s: %v (details %v)", cmd.Action, a.Username, at.Format(time.RFC3339), err, detailsOf(err))
	}
	if err := Apply(h.d, e); err != nil {
		h.t.Fatalf("apply %s: %v", cmd.Action, err)
	}
	h.events = append(h.events, e)
	return e
}

// fail runs a command that must fail and returns its *motcua.Error.
func (h *harness) fail(cmd Command, a motcua.Actor, at time.Time) *motcua.Error {
	h.t.Helper()
	_, err := h.try(cmd, a, at)
	if err == nil {
		h.t.Fatalf("%s by %s: want an error, got none", cmd.Action, a.Username)
	}
	me := motcua.AsError(err)
	if me == nil {
		h.t.Fatalf("%s: error %v is not a *motcua.Error", cmd.Action, err)
	}
	return me
}

func detailsOf(err error) any {
	if me := motcua.AsError(err); me != nil {
		return me.Details
	}
	return nil
}

func receiveCmd() Command {
	return Command{Action: ActReceive, Applicant: person(),
		Papers: []PaperReceived{{Name: "Tờ khai", Originals: 1}, {Name: "Bản sao CCCD", Copies: 1}}}
}

// toProcessing receives at start and brings the dossier to U0's processor.
func (h *harness) toProcessing(start time.Time) {
	h.do(receiveCmd(), rcpt, start)
	h.do(Command{Action: ActTransfer}, rcpt, start.Add(30*time.Minute))
	h.do(Command{Action: ActAssign, Assignee: proc0.Username}, lead0, start.Add(45*time.Minute))
}

// checkReplay checks that replaying the events, also after a JSON round trip, gives
// the dossier built incrementally.
func (h *harness) checkReplay() {
	h.t.Helper()
	want, _ := json.Marshal(h.d)
	r, err := Replay(h.events)
	if err != nil {
		h.t.Fatal(err)
	}
	got, _ := json.Marshal(r)
	if !bytes.Equal(got, want) {
		h.t.Fatalf("replay differs from incremental apply:\n got %s\nwant %s", got, want)
	}
	raw, err := json.Marshal(h.events)
	if err != nil {
		h.t.Fatal(err)
	}
	var back []Event
	if err := json.Unmarshal(raw, &back); err != nil {
		h.t.Fatal(err)
	}
	r2, err := Replay(back)
	if err != nil {
		h.t.Fatal(err)
	}
	got2, _ := json.Marshal(r2)
	if !bytes.Equal(got2, want) {
		h.t.Fatalf("replay of JSON events differs:\n got %s\nwant %s", got2, want)
	}
}

func calendarDefault() Calendar { return calendar.Default() }
