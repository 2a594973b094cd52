package dossier

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

func TestCounterDossierEarly(t *testing.T) {
	h := newHarness(t, simpleProc())
	e := h.do(receiveCmd(), rcpt, jul(14, 9, 0))
	d := h.d
	if d.Code != "H37.25-250714-0042" || e.Data.Code != d.Code {
		t.Errorf("code = %q", d.Code)
	}
	if want := jul(17, 9, 0); !d.DueAt.Equal(want) {
		t.Fatalf("due = %s, want %s (3 working days after Monday 09:00)", d.DueAt, want)
	}
	if d.State != StateReceived || d.Step != 0 || d.CurrentUnit != centre || !d.StepDue.Equal(jul(14, 10, 0)) {
		t.Fatalf("after receive: state %s step %d unit %s step due %s", d.State, d.Step, d.CurrentUnit, d.StepDue)
	}
	if len(d.CalendarVersions) == 0 || d.DueExplanation == nil {
		t.Error("calendar versions and explanation not kept")
	}
	if d.FeesOwed() != 150_000 || d.FeesOutstanding() != 150_000 {
		t.Errorf("fees owed %d", d.FeesOwed())
	}
	h.do(Command{Action: ActPay, Payment: &Payment{Method: PayCash, Receipt: "BL-0001", Amount: 150_000}}, rcpt, jul(14, 9, 5))
	h.do(Command{Action: ActTransfer}, rcpt, jul(14, 9, 30))
	if d.State != StateInProcessing || d.CurrentUnit != u0 || d.Step != 1 {
		t.Fatalf("after transfer: %s %s step %d", d.State, d.CurrentUnit, d.Step)
	}
	h.do(Command{Action: ActAssign, Assignee: proc0.Username}, lead0, jul(14, 10, 0))
	h.do(Command{Action: ActProposeResult, Summary: "Đủ điều kiện cấp phép"}, proc0, jul(15, 10, 0))
	if d.Step != 3 || d.Proposal == nil || d.Proposal.Kind != ProposeResult {
		t.Fatalf("after propose: step %d proposal %+v", d.Step, d.Proposal)
	}
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, jul(15, 14, 0))
	if d.State != StateResultReady || d.CurrentUnit != centre || d.Plan[d.Step].Phase != PhaseReturn {
		t.Fatalf("after approve: %s at %s step %d", d.State, d.CurrentUnit, d.Step)
	}
	c := d.Completion
	if c == nil || c.Outcome != calendar.Early {
		t.Fatalf("completion = %+v, want early", c)
	}
	// Tue 14:00 → Thu 09:00: 180 + 450 + 90 working minutes.
	if c.AheadMinutes != 720 {
		t.Errorf("ahead = %d minutes, want 720", c.AheadMinutes)
	}
	if d.Result == nil || d.Result.DocumentSHA256 != docHash || d.Result.SignedBy != lead0.Username || len(d.Signatures) != 1 {
		t.Errorf("result %+v signatures %+v", d.Result, d.Signatures)
	}
	h.do(Command{Action: ActReturnResult, Recipient: &Recipient{Name: "Nguyễn Văn An", IDNumber: "037095001234"}}, rcpt, jul(16, 8, 0))
	if d.State != StateReturned || d.Step != -1 || d.ReturnedAt.IsZero() {
		t.Fatalf("after return: %s step %d", d.State, d.Step)
	}
	for _, r := range d.Steps {
		if r.Outcome == StepLate {
			t.Errorf("step %d %q late", r.Index, r.Name)
		}
		if r.EndedAt.IsZero() {
			t.Errorf("step %d still open", r.Index)
		}
	}
	if len(d.Handovers) != 4 {
		t.Errorf("handovers = %d, want 4 (intake→assign→appraise→approve→return)", len(d.Handovers))
	}
	if got := d.LateUnits(jul(20, 0, 0)); len(got) != 0 {
		t.Errorf("late units %v", got)
	}
	h.checkReplay()
}

func TestOnlineSundayNightStartsMonday(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.do(Command{Action: ActSubmitOnline, UnitCode: centre, Channel: catalog.ChannelOnlineFull, Applicant: person(),
		ReturnMethod: &ReturnMethod{Kind: ReturnPost, Address: "12 Trần Hưng Đạo, Ninh Bình"}}, citizen, jul(13, 21, 0))
	d := h.d
	if d.State != StateAwaitingIntake || !d.DueAt.IsZero() || d.Code != "H37.25-250713-0042" {
		t.Fatalf("after submit: %s due %s code %s", d.State, d.DueAt, d.Code)
	}
	// The officer (or the system's automatic acceptance) accepts on Sunday night.
	h.do(Command{Action: ActAcceptOnline}, rcpt, jul(13, 22, 0))
	ex := d.DueExplanation
	if ex == nil || !ex.EffectiveStart.Equal(jul(14, 7, 30)) || ex.StartMoved != calendar.StartNonWorkday {
		t.Fatalf("effective start = %+v", ex)
	}
	// Counting from Monday 07:30, 3 working days end on Wednesday 17:00.
	if want := jul(16, 17, 0); !d.DueAt.Equal(want) {
		t.Errorf("due = %s, want %s", d.DueAt, want)
	}
	if !d.ReceivedAt.Equal(jul(13, 22, 0)) || !d.SubmittedAt.Equal(jul(13, 21, 0)) {
		t.Errorf("received %s submitted %s", d.ReceivedAt, d.SubmittedAt)
	}
	if want := jul(14, 8, 30); !d.StepDue.Equal(want) {
		t.Errorf("intake step due = %s, want %s", d.StepDue, want)
	}
	h.checkReplay()
}

func TestSupplementMovesDueByStoppedWorkingTime(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	d := h.d
	oldDue, oldStepDue := d.DueAt, d.StepDue
	h.do(Command{Action: ActRequestSupplement, Reason: "Thiếu bản sao giấy chứng nhận", MissingPapers: []string{"Bản sao giấy chứng nhận"}}, proc0, jul(15, 10, 0))
	if d.State != StateWaitingSupplement || d.ResumeState != StateInProcessing || len(d.Stops) != 1 || !d.Stops[0].To.IsZero() {
		t.Fatalf("after request: %s resume %s stops %+v", d.State, d.ResumeState, d.Stops)
	}
	if d.ClockRunning() {
		t.Error("clock runs while waiting for a supplement")
	}
	h.do(Command{Action: ActSupplementReceived, Papers: []PaperReceived{{Name: "Bản sao giấy chứng nhận", Copies: 1}}}, rcpt, jul(16, 10, 0))
	if d.State != StateInProcessing || d.Assignee != proc0.Username {
		t.Fatalf("after supplement: %s assignee %q", d.State, d.Assignee)
	}
	// Stopped: Tue 10:00–17:00 (300 working minutes) + Wed 07:30–10:00 (150).
	const stopped = 450
	if got := d.Stops[0].AddedMinutes; got != stopped {
		t.Errorf("stop added %d minutes, want %d", got, stopped)
	}
	cal := calendar.Default()
	moved, _ := cal.WorkingMinutesBetween(oldDue, d.DueAt)
	if moved != stopped || !d.DueAt.Equal(jul(18, 9, 0)) {
		t.Errorf("due moved %d minutes to %s, want %d to Friday 09:00", moved, d.DueAt, stopped)
	}
	stepMoved, _ := cal.WorkingMinutesBetween(oldStepDue, d.StepDue)
	if stepMoved != stopped {
		t.Errorf("step due moved %d minutes, want %d", stepMoved, stopped)
	}
	if len(d.Supplements) != 1 || d.Supplements[0].ReceivedAt.IsZero() || d.Supplements[0].MissingPapers[0] != "Bản sao giấy chứng nhận" {
		t.Errorf("supplements %+v", d.Supplements)
	}
	if d.DueExplanation.StoppedMinutes != stopped {
		t.Errorf("explanation stopped %d", d.DueExplanation.StoppedMinutes)
	}
	h.checkReplay()
}

func TestSuspendResumeMovesDue(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	d := h.d
	h.fail(Command{Action: ActSuspend}, lead0, jul(14, 10, 0)) // no reason
	h.do(Command{Action: ActSuspend, Reason: "Chờ kết quả giám định"}, lead0, jul(14, 13, 30))
	h.do(Command{Action: ActResume}, lead0, jul(14, 17, 0))
	if d.State != StateInProcessing || d.Stops[0].AddedMinutes != 210 {
		t.Fatalf("state %s stops %+v", d.State, d.Stops)
	}
	// Thu 09:00 + 210 working minutes = 09:00→11:30 (150) + 13:30→14:30 (60).
	if !d.DueAt.Equal(jul(17, 14, 30)) {
		t.Errorf("due = %s, want Thursday 14:30", d.DueAt)
	}
	h.checkReplay()
}

// chainToLate runs an inter-agency dossier where U0 is on time and U1 takes three days
// for a one-day step.
func chainToLate(t *testing.T) *harness {
	h := newHarness(t, chainProc())
	h.do(receiveCmd(), rcpt, jul(14, 8, 0))
	h.do(Command{Action: ActTransfer}, rcpt, jul(14, 8, 30))
	h.do(Command{Action: ActAssign, Assignee: proc0.Username}, lead0, jul(14, 8, 45))
	h.do(Command{Action: ActProposeResult}, proc0, jul(14, 14, 0))
	h.do(Command{Action: ActApprove, DocumentSHA256: hashOf("part U0")}, lead0, jul(14, 14, 15))
	return h
}

func TestInterAgencyLateAttributedToSecondUnit(t *testing.T) {
	h := chainToLate(t)
	d := h.d
	if d.State != StateInProcessing || d.CurrentUnit != u1 || d.Assignee != "" || d.Proposal != nil {
		t.Fatalf("after U0 approval: %s at %s assignee %q", d.State, d.CurrentUnit, d.Assignee)
	}
	if d.Completion != nil {
		t.Fatal("classified before the last unit approved")
	}
	// U1's own step: 450 minutes from Mon 14:15 → Tue 14:15.
	if want := jul(15, 14, 15); !d.StepDue.Equal(want) {
		t.Errorf("U1 step due = %s, want %s", d.StepDue, want)
	}
	if d.Signatures[0].Kind != "partial_result" || d.Signatures[0].UnitCode != u0 {
		t.Errorf("signature %+v", d.Signatures[0])
	}
	// U0's leader can no longer act; U1's can.
	if me := h.fail(Command{Action: ActAssign, Assignee: "x"}, lead0, jul(15, 8, 0)); me.Code != motcua.EFORBIDDEN {
		t.Errorf("U0 leader assign after handover: %v", me)
	}
	h.do(Command{Action: ActAssign, Assignee: proc1.Username}, lead1, jul(15, 8, 0))
	h.do(Command{Action: ActProposeResult}, proc1, jul(17, 15, 0))
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead1, jul(17, 16, 0))
	if d.State != StateResultReady || d.CurrentUnit != centre {
		t.Fatalf("after U1 approval: %s at %s", d.State, d.CurrentUnit)
	}
	// Legal due: Mon 08:00 + 3 working days = Thu 08:00; completed Thu 16:00.
	if d.Completion.Outcome != calendar.Late || !d.Completion.Due.Equal(jul(17, 8, 0)) || d.Completion.AheadMinutes != -360 {
		t.Errorf("completion = %+v, want late by 360 minutes", d.Completion)
	}
	late := d.LateSteps(jul(17, 16, 0))
	if len(late) != 1 || late[0].UnitCode != u1 || late[0].Name != "Liên thông: U1 giải quyết" {
		t.Fatalf("late steps = %+v, want only U1's step", late)
	}
	if got := d.LateUnits(jul(17, 16, 0)); len(got) != 1 || got[0] != u1 {
		t.Errorf("late units = %v", got)
	}
	for _, r := range d.Steps {
		if r.UnitCode == u0 && r.Outcome != StepOnTime {
			t.Errorf("U0 step %q: %s", r.Name, r.Outcome)
		}
	}
	h.checkReplay()
}

func TestApologyKeepsLegalDueAndClassification(t *testing.T) {
	h := chainToLate(t)
	d := h.d
	h.do(Command{Action: ActAssign, Assignee: proc1.Username}, lead1, jul(15, 8, 0))
	due := d.DueAt
	// An appointment not after the legal due needs no apology.
	if me := h.fail(Command{Action: ActApologize, Reason: "x", Appointment: jul(16, 17, 0)}, lead1, jul(16, 10, 0)); me.Code != motcua.EUNPROCESSABLE {
		t.Errorf("apology before due: %v", me)
	}
	if me := h.fail(Command{Action: ActApologize, Reason: "x", Appointment: jul(18, 17, 0)}, lead0, jul(16, 10, 0)); me.Code != motcua.EFORBIDDEN {
		t.Errorf("apology by a unit not holding the dossier: %v", me)
	}
	h.do(Command{Action: ActApologize, Reason: "Chờ ý kiến cơ quan phối hợp", Appointment: jul(18, 17, 0)}, lead1, jul(16, 10, 0))
	if !d.DueAt.Equal(due) || !d.Appointment().Equal(jul(18, 17, 0)) || len(d.Apologies) != 1 || d.Apologies[0].UnitCode != u1 {
		t.Fatalf("after apology: due %s appointment %s apologies %+v", d.DueAt, d.Appointment(), d.Apologies)
	}
	h.do(Command{Action: ActProposeResult}, proc1, jul(17, 15, 0))
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead1, jul(17, 16, 0))
	// Completed before the new appointment, yet late against the legal due.
	if d.Completion.Outcome != calendar.Late || !d.Completion.Due.Equal(due) {
		t.Errorf("completion %+v, want late against %s", d.Completion, due)
	}
	pv := PublicView(d)
	if !pv.DueAt.Equal(due) || !pv.Appointment.Equal(jul(18, 17, 0)) || pv.Outcome != calendar.Late {
		t.Errorf("public view due %s appointment %s outcome %s", pv.DueAt, pv.Appointment, pv.Outcome)
	}
	h.checkReplay()
}

func TestCompletionAtDueMinuteIsOnTime(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	h.do(Command{Action: ActProposeResult}, proc0, jul(16, 9, 0))
	due := h.d.DueAt
	if !due.Equal(jul(17, 9, 0)) {
		t.Fatalf("due %s", due)
	}
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, due)
	if c := h.d.Completion; c.Outcome != calendar.OnTime || c.AheadMinutes != 0 {
		t.Errorf("completion at due = %+v, want on_time, 0 minutes", c)
	}
	// A minute later is late.
	h2 := newHarness(t, simpleProc())
	h2.toProcessing(jul(14, 9, 0))
	h2.do(Command{Action: ActProposeResult}, proc0, jul(16, 9, 0))
	h2.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, due.Add(time.Minute))
	if c := h2.d.Completion; c.Outcome != calendar.Late || c.AheadMinutes != -1 {
		t.Errorf("completion a minute after due = %+v, want late by 1", c)
	}
}

func TestRefusalFlow(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	d := h.d
	if me := h.fail(Command{Action: ActProposeRefusal}, proc0, jul(14, 11, 0)); me.Code != motcua.EINVALID || me.Field != "reason" {
		t.Errorf("refusal without reason: %v", me)
	}
	h.do(Command{Action: ActProposeRefusal, Reason: "Không đủ điều kiện theo Điều 5"}, proc0, jul(14, 11, 0))
	if me := h.fail(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, jul(14, 14, 0)); me.Code != motcua.ECONFLICT {
		t.Errorf("approve of a refusal proposal: %v", me)
	}
	h.do(Command{Action: ActRejectProposal, Reason: "Bổ sung căn cứ"}, lead0, jul(14, 14, 0))
	if d.Proposal != nil || d.State != StateInProcessing {
		t.Fatalf("after reject: %+v", d.Proposal)
	}
	h.do(Command{Action: ActProposeRefusal, Reason: "Không đủ điều kiện theo Điều 5 khoản 2"}, proc0, jul(14, 15, 0))
	h.do(Command{Action: ActRefuse, Reason: "Không đủ điều kiện theo Điều 5 khoản 2", DocumentSHA256: hashOf("refusal")}, lead0, jul(14, 16, 0))
	if d.State != StateRefused || d.Result.Kind != ProposeRefusal || d.Completion == nil || d.Step != -1 || d.ClosedReason == "" {
		t.Fatalf("after refuse: %s %+v", d.State, d.Result)
	}
	if got := AllowedActions(d, rcpt); len(got) != 0 {
		t.Errorf("actions after refusal: %v", got)
	}
	h.checkReplay()
}

func TestFourOnSpotStaysAtCentre(t *testing.T) {
	p := simpleProc()
	p.FourOnSpot = true
	h := newHarness(t, p)
	h.do(receiveCmd(), rcpt, jul(14, 9, 0))
	h.do(Command{Action: ActTransfer}, rcpt, jul(14, 9, 10))
	d := h.d
	if d.CurrentUnit != centre || d.State != StateInProcessing {
		t.Fatalf("4 tại chỗ transfer: at %s", d.CurrentUnit)
	}
	leadC := motcua.Actor{Username: "ld.ttpvhcc", Role: motcua.RoleLeader, UnitCode: centre}
	procC := motcua.Actor{Username: "cv.ttpvhcc", Role: motcua.RoleProcessor, UnitCode: centre}
	h.do(Command{Action: ActAssign, Assignee: procC.Username}, leadC, jul(14, 9, 15))
	h.do(Command{Action: ActProposeResult}, procC, jul(14, 10, 0))
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, leadC, jul(14, 10, 30))
	if d.State != StateResultReady || d.Completion.Outcome != calendar.Early {
		t.Fatalf("4 tại chỗ: %s %+v", d.State, d.Completion)
	}
	h.checkReplay()
}

func TestPostReturn(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	h.do(Command{Action: ActProposeResult}, proc0, jul(14, 11, 0))
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, jul(14, 14, 0))
	if me := h.fail(Command{Action: ActSendByPost, TrackingNumber: "x"}, rcpt, jul(14, 15, 0)); me.Field != "tracking_number" {
		t.Errorf("bad tracking: %v", me)
	}
	h.do(Command{Action: ActSendByPost, TrackingNumber: "ee123456789vn"}, rcpt, jul(14, 15, 0))
	d := h.d
	if d.State != StateSentByPost || d.Post.TrackingNumber != "EE123456789VN" || d.Post.Address != person().Address {
		t.Fatalf("sent: %s %+v", d.State, d.Post)
	}
	h.do(Command{Action: ActPostReturned, Reason: "Không liên lạc được người nhận"}, rcpt, jul(16, 9, 0))
	if d.State != StateResultReady || d.Post.Status != PostReturned {
		t.Fatalf("returned by post office: %s %+v", d.State, d.Post)
	}
	h.do(Command{Action: ActSendByPost, TrackingNumber: "EE123456790VN", PostAddress: "Số 5 Lê Lợi, Ninh Bình"}, rcpt, jul(16, 10, 0))
	h.do(Command{Action: ActPostDelivered}, rcpt, jul(17, 10, 0))
	if d.State != StateReturned || d.Post.Status != PostDelivered || !d.ReturnedAt.Equal(jul(17, 10, 0)) || d.Completion.Outcome != calendar.Early {
		t.Fatalf("delivered: %s %+v %+v", d.State, d.Post, d.Completion)
	}
	h.checkReplay()
}

func TestWithdrawAndCancelKeepLateness(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.toProcessing(jul(14, 9, 0))
	h.do(Command{Action: ActCancel, Reason: "Nhập trùng"}, admin, jul(18, 9, 0))
	d := h.d
	if d.State != StateCancelled || !d.OverdueAtClose {
		t.Fatalf("cancel of an overdue dossier: %s overdue %v", d.State, d.OverdueAtClose)
	}
	if got := d.LateUnits(jul(18, 9, 0)); len(got) != 1 || got[0] != u0 {
		t.Errorf("late units after cancel = %v, want [%s]", got, u0)
	}
	h2 := newHarness(t, simpleProc())
	h2.do(receiveCmd(), rcpt, jul(14, 9, 0))
	h2.do(Command{Action: ActRequestSupplement, Reason: "Thiếu tờ khai"}, rcpt, jul(14, 9, 10))
	h2.do(Command{Action: ActWithdraw, Reason: "Người nộp xin rút"}, rcpt, jul(15, 9, 0))
	if d := h2.d; d.State != StateWithdrawn || d.OverdueAtClose || d.Stops[0].To.IsZero() {
		t.Fatalf("withdraw: %s %+v", d.State, d.Stops)
	}
	h.checkReplay()
	h2.checkReplay()
}

func TestRefuseIntakeAtCounterAndOnline(t *testing.T) {
	h := newHarness(t, simpleProc())
	h.do(Command{Action: ActRefuseIntake, Reason: "Không thuộc thẩm quyền", Applicant: person()}, rcpt, jul(14, 9, 0))
	if d := h.d; d.State != StateRefusedIntake || d.Code == "" || !d.DueAt.IsZero() || d.UnitCode != centre {
		t.Fatalf("refused at counter: %+v", d)
	}
	h2 := newHarness(t, simpleProc())
	h2.do(Command{Action: ActSubmitOnline, UnitCode: centre, Channel: catalog.ChannelOnlineFull, Applicant: person()}, citizen, jul(14, 9, 0))
	h2.do(Command{Action: ActRequestSupplement, Reason: "Ảnh chụp tờ khai không rõ"}, rcpt, jul(14, 10, 0))
	if d := h2.d; len(d.Stops) != 0 {
		t.Errorf("a stop before the clock started: %+v", d.Stops)
	}
	h2.do(Command{Action: ActSupplementReceived}, rcpt, jul(14, 11, 0))
	if h2.d.State != StateAwaitingIntake {
		t.Fatalf("back to %s", h2.d.State)
	}
	h2.do(Command{Action: ActRefuseIntake, Reason: "Hồ sơ không hợp lệ"}, rcpt, jul(14, 14, 0))
	h.checkReplay()
	h2.checkReplay()
}
