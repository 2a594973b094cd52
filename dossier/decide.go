package dossier

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// maxReasonLen bounds reasons and summaries, in runes.
const maxReasonLen = 4000

// Decide validates cmd by actor at instant now against the transition table and the
// dossier, and returns the event to append; it does not modify d (pass nil or a zero
// Dossier for a dossier not yet created). Errors are *motcua.Error:
//   - an unknown action: EINVALID, field "action";
//   - a stale cmd.Version, or now before the last event: ECONFLICT;
//   - an action not possible in the dossier's state or sub-state: ECONFLICT with
//     Message "dossier.transition_invalid" and Details the []Action the actor may take
//     now (AllowedActions);
//   - a role the table does not list, a unit other than the one the rule's Scope
//     requires, or a processor other than the assignee: EFORBIDDEN;
//   - a missing reason or malformed payload: EINVALID naming the field; a payload that
//     breaks a rule (an apology for a dossier that will not be late, a payment above
//     what is owed, a procedure not offered on the channel): EUNPROCESSABLE.
//
// Calendar errors are returned wrapped.
func Decide(d *Dossier, cmd Command, actor motcua.Actor, now time.Time, env Env) (Event, error) {
	if d == nil {
		d = &Dossier{}
	}
	if !cmd.Action.Valid() {
		return Event{}, invalid("action", MsgActionInvalid)
	}
	if cmd.Version != nil && *cmd.Version != d.Version {
		return Event{}, &motcua.Error{Code: motcua.ECONFLICT, Message: MsgVersionStale,
			Params: map[string]any{"version": d.Version}}
	}
	if d.State != StateNew && now.Before(d.UpdatedAt) {
		return Event{}, &motcua.Error{Code: motcua.ECONFLICT, Message: MsgTimeBeforeLastEvent}
	}
	rule, merr := check(d, cmd.Action, actor)
	if merr != nil {
		if merr.Code == motcua.ECONFLICT && merr.Message == MsgTransitionInvalid {
			merr.Details = AllowedActions(d, actor)
			merr.Params = map[string]any{"action": string(cmd.Action), "state": string(d.State)}
		}
		return Event{}, merr
	}
	reason := strings.TrimSpace(cmd.Reason)
	switch {
	case rule.ReasonRequired && reason == "":
		return Event{}, invalid("reason", MsgReasonRequired)
	case utf8.RuneCountInString(reason) > maxReasonLen || hasControlExceptNewline(reason):
		return Event{}, invalid("reason", MsgTextTooLong)
	}
	for i, a := range cmd.Attachments {
		if !ValidSHA256(a.SHA256) || a.Size < 0 || strings.TrimSpace(a.Name) == "" || len(a.Name) > 255 || len(a.ContentType) > 255 {
			return Event{}, invalid(fmt.Sprintf("attachments[%d]", i), MsgAttachmentInvalid)
		}
	}
	if env.Calendar == nil {
		return Event{}, errors.New("dossier: decide: no calendar in Env")
	}
	user := actor.Username
	if user == "" && actor.Role == RoleApplicant {
		user = "applicant"
	}
	e := Event{
		Seq: d.Version + 1, Action: cmd.Action, Actor: user, Role: actor.Role, UnitCode: actor.UnitCode,
		At: now.In(calendar.ICT), From: d.State, To: rule.To[0], Reason: reason,
		Attachments: append([]AttachmentRef(nil), cmd.Attachments...),
		StepIndex:   d.Step, StepUnit: d.stepUnit(), StepDue: d.StepDue,
	}
	if d.State == StateNew {
		e.StepIndex, e.StepUnit, e.StepDue = -1, "", time.Time{}
	}
	x := &decider{d: d, cmd: &cmd, actor: actor, env: env, cal: env.Calendar, e: &e}
	var err error
	switch cmd.Action {
	case ActSubmitOnline, ActReceive:
		err = x.create()
	case ActRefuseIntake:
		if d.State == StateNew {
			err = x.create()
		}
	case ActAcceptOnline:
		err = x.acceptOnline()
	case ActRequestSupplement, ActSuspend:
		err = x.stop()
	case ActSupplementReceived, ActResume:
		err = x.restart()
	case ActTransfer:
		err = x.move(segmentStart(d.Plan, 0))
	case ActAssign:
		err = x.assign()
	case ActProposeResult, ActProposeRefusal:
		err = x.propose()
	case ActRejectProposal:
		err = x.move(nextForRole(d.Plan, d.Step, motcua.RoleProcessor))
	case ActApprove, ActRefuse:
		err = x.approve()
	case ActApologize:
		err = x.apologize()
	case ActPay:
		err = x.pay()
	case ActReturnResult:
		err = x.returnResult()
	case ActSendByPost, ActPostDelivered, ActPostReturned:
		err = x.post()
	case ActWithdraw, ActCancel:
		e.Data.Overdue = d.Overdue(e.At)
		err = x.move(-1)
	}
	if err != nil {
		return Event{}, err
	}
	return e, nil
}

// AllowedActions returns the actions actor may take on d now, in the order of
// Actions, judged on state, role, unit and processing sub-state (not on the payload).
func AllowedActions(d *Dossier, actor motcua.Actor) []Action {
	if d == nil {
		d = &Dossier{}
	}
	out := []Action{}
	for _, a := range Actions {
		if _, err := check(d, a, actor); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// check finds the rule of Transitions that lets actor take action a on d.
func check(d *Dossier, a Action, actor motcua.Actor) (Rule, *motcua.Error) {
	var fromOK []Rule
	for _, r := range RulesFor(a) {
		if r.from(d.State) {
			fromOK = append(fromOK, r)
		}
	}
	if len(fromOK) == 0 {
		return Rule{}, &motcua.Error{Code: motcua.ECONFLICT, Message: MsgTransitionInvalid}
	}
	var first *motcua.Error
	for _, r := range fromOK {
		err := checkRule(d, r, actor)
		if err == nil {
			return r, nil
		}
		if first == nil || first.Message == MsgRoleForbidden {
			first = err
		}
	}
	return Rule{}, first
}

func checkRule(d *Dossier, r Rule, actor motcua.Actor) *motcua.Error {
	if !r.allows(actor.Role) {
		return &motcua.Error{Code: motcua.EFORBIDDEN, Message: MsgRoleForbidden,
			Params: map[string]any{"action": string(r.Action), "role": string(actor.Role)}}
	}
	forbidUnit := &motcua.Error{Code: motcua.EFORBIDDEN, Message: MsgUnitForbidden,
		Params: map[string]any{"action": string(r.Action)}}
	switch r.Scope {
	case ScopeReceiving:
		if actor.UnitCode == "" || (d.State != StateNew && actor.UnitCode != d.UnitCode) {
			return forbidUnit
		}
	case ScopeCurrent:
		if actor.UnitCode == "" || actor.UnitCode != d.CurrentUnit {
			return forbidUnit
		}
	}
	conflict := &motcua.Error{Code: motcua.ECONFLICT, Message: MsgTransitionInvalid}
	switch r.Guard {
	case GuardNoProposal:
		if d.Proposal != nil {
			return conflict
		}
	case GuardAssignee:
		if d.Proposal != nil || d.Assignee == "" {
			return conflict
		}
		if d.Assignee != actor.Username {
			return &motcua.Error{Code: motcua.EFORBIDDEN, Message: MsgNotAssignee}
		}
	case GuardProposal:
		if d.Proposal == nil {
			return conflict
		}
	case GuardResultProposal:
		if d.Proposal == nil || d.Proposal.Kind != ProposeResult {
			return conflict
		}
	case GuardRefusalProposal:
		if d.Proposal == nil || d.Proposal.Kind != ProposeRefusal {
			return conflict
		}
	}
	return nil
}

// decider holds the inputs of one Decide call.
type decider struct {
	d     *Dossier
	cmd   *Command
	actor motcua.Actor
	env   Env
	cal   Calendar
	e     *Event
}

// create fills the creation data of submit_online, receive and refuse_intake.
func (x *decider) create() error {
	p, cmd, e := x.env.Procedure, x.cmd, x.e
	if p == nil {
		return errors.New("dossier: decide: no procedure in Env")
	}
	if !p.Active {
		return unprocessable("procedure_code", MsgProcedureInactive)
	}
	unit := x.actor.UnitCode
	ch := cmd.Channel
	switch cmd.Action {
	case ActSubmitOnline:
		unit = strings.TrimSpace(cmd.UnitCode)
		if !catalog.ValidUnitCode(unit) {
			return invalid("unit_code", MsgUnitInvalid)
		}
		if ch != catalog.ChannelOnlineFull && ch != catalog.ChannelOnlinePartial {
			return invalid("channel", MsgChannelNotAllowed)
		}
	default:
		if ch == "" {
			ch = catalog.ChannelCounter
		}
		if ch != catalog.ChannelCounter && ch != catalog.ChannelPost {
			return invalid("channel", MsgChannelNotAllowed)
		}
	}
	if !p.Allows(ch) {
		return unprocessable("channel", MsgChannelNotAllowed)
	}
	limit, ok := p.Limit(ch)
	if !ok || !catalog.TimeUnit(limit.Unit).Valid() {
		return unprocessable("procedure_code", MsgNoTimeLimit)
	}
	limit.Channel = ch
	code, err := ParseCode(x.env.Code)
	if err != nil || code.Unit != unit || code.Day != calendar.DateOf(e.At) || code.String() != x.env.Code {
		return fmt.Errorf("dossier: decide: allocated code %q does not belong to unit %s on %s", x.env.Code, unit, calendar.DateOf(e.At))
	}
	if cmd.Applicant == nil {
		return invalid("applicant", MsgApplicantNameInvalid)
	}
	app := *cmd.Applicant
	if err := app.Validate(); err != nil {
		return err
	}
	rm := ReturnMethod{Kind: ReturnCounter}
	if cmd.ReturnMethod != nil {
		rm = *cmd.ReturnMethod
	}
	if err := rm.validate(); err != nil {
		return err
	}
	fees, err := FeeLines(p.Fees, cmd.Exemptions)
	if err != nil {
		return err
	}
	papers := append([]PaperReceived(nil), cmd.Papers...)
	if err := validatePapers("papers", papers); err != nil {
		return err
	}
	if cmd.Action == ActReceive && len(papers) == 0 {
		return invalid("papers", MsgPaperInvalid)
	}
	plan := BuildPlan(p, unit)
	lim := limit
	e.Data = EventData{
		Code: x.env.Code, ProcedureCode: p.Code, ProcedureVersion: p.Version, ProcedureName: p.Name,
		FourOnSpot: p.FourOnSpot, ReceivingUnit: unit, Channel: ch, Applicant: &app, ReturnMethod: &rm,
		Fees: fees, Limit: &lim, Plan: plan, Papers: papers,
	}
	if cmd.Action == ActRefuseIntake {
		return nil
	}
	if err := x.payment(fees, cmd.Payment, false); err != nil {
		return err
	}
	if cmd.Action == ActReceive {
		return x.startClock(plan, lim)
	}
	return nil
}

// payment validates an optional payment against the fees owed.
func (x *decider) payment(fees []FeeLine, p *Payment, required bool) error {
	if p == nil {
		if required {
			return invalid("payment", MsgPaymentInvalid)
		}
		return nil
	}
	var owed int64
	for _, f := range fees {
		owed += f.Owed()
	}
	owed -= x.d.FeesPaid()
	pay := *p
	if err := pay.validate(owed); err != nil {
		return err
	}
	pay.At = x.e.At
	x.e.Data.Payment = &pay
	return nil
}

// startClock starts the time limit at the event's instant: the legal due with its
// explanation, and the first intake step.
func (x *decider) startClock(plan []PlannedStep, limit catalog.TimeLimit) error {
	ex, err := legalDue(x.cal, x.e.At, limit, nil)
	if err != nil {
		return err
	}
	due := ex.Due
	x.e.Data.Due, x.e.Data.Explanation = &due, ex
	return x.moveIn(plan, firstOf(plan, PhaseIntake))
}

func (x *decider) acceptOnline() error {
	papers := append([]PaperReceived(nil), x.cmd.Papers...)
	if err := validatePapers("papers", papers); err != nil {
		return err
	}
	x.e.Data.Papers = papers
	if err := x.payment(x.d.Fees, x.cmd.Payment, false); err != nil {
		return err
	}
	return x.startClock(x.d.Plan, x.d.Limit)
}

// move closes the current step (classifying it) and opens step to, unless to is the
// current step. to < 0 leaves the dossier at no step.
func (x *decider) move(to int) error { return x.moveIn(x.d.Plan, to) }

func (x *decider) moveIn(plan []PlannedStep, to int) error {
	d, e := x.d, x.e
	if d.State != StateNew && to == d.Step {
		return nil
	}
	if cur := d.Current(); cur != nil && cur.EndedAt.IsZero() {
		fin, err := finishStep(x.cal, *cur, e.At)
		if err != nil {
			return err
		}
		e.Data.ClosedStep = &fin
	}
	if to < 0 {
		e.StepIndex, e.StepUnit, e.StepDue = -1, "", time.Time{}
		return nil
	}
	if to >= len(plan) {
		return fmt.Errorf("dossier: decide: step %d outside the plan of %d steps", to, len(plan))
	}
	due, err := stepDue(x.cal, e.At, plan[to].Minutes, nil)
	if err != nil {
		return err
	}
	e.StepIndex, e.StepUnit, e.StepDue = to, plan[to].UnitCode, due
	return nil
}

// stop opens a clock stop (request_supplement, suspend) when the clock runs.
func (x *decider) stop() error {
	d, e := x.d, x.e
	kind := StopSuspension
	if x.cmd.Action == ActRequestSupplement {
		kind = StopSupplement
		list, ok := cleanList(x.cmd.MissingPapers)
		if !ok {
			return invalid("missing_papers", MsgMissingPapers)
		}
		e.Data.MissingPapers = list
	}
	e.Data.ResumeState = d.State
	if d.ClockRunning() {
		e.Data.Stop = &ClockStop{Kind: kind, From: e.At, Reason: e.Reason, StepIndex: d.Step, UnitCode: d.CurrentUnit}
	}
	return nil
}

// restart ends the clock stop (supplement_received, resume), moves the legal due and
// the current step's due by the working time stopped, and returns the dossier to the
// state it was in.
func (x *decider) restart() error {
	d, e := x.d, x.e
	e.To = d.ResumeState
	if x.cmd.Action == ActSupplementReceived {
		papers := append([]PaperReceived(nil), x.cmd.Papers...)
		if err := validatePapers("papers", papers); err != nil {
			return err
		}
		e.Data.Papers = papers
	}
	e.Data.ResumeState = d.ResumeState
	open := d.openStop()
	if open == nil {
		return nil
	}
	closed := *open
	closed.To = e.At
	stops := append(append([]ClockStop(nil), d.Stops[:len(d.Stops)-1]...), closed)
	ex, err := legalDue(x.cal, d.ReceivedAt, d.Limit, stops)
	if err != nil {
		return err
	}
	for _, se := range ex.Stops {
		if se.From.Equal(closed.From) && se.To.Equal(closed.To) {
			closed.AddedMinutes = se.AddedMinutes
		}
	}
	due := ex.Due
	e.Data.Stop, e.Data.Due, e.Data.Explanation = &closed, &due, ex
	if cur := d.Current(); cur != nil {
		sd, err := stepDue(x.cal, cur.StartedAt, cur.Minutes, stepStops(stops, cur.Index))
		if err != nil {
			return err
		}
		e.StepDue = sd
	}
	return nil
}

func (x *decider) assign() error {
	a := strings.TrimSpace(x.cmd.Assignee)
	if a == "" || len(a) > 100 || hasControl(a) {
		return invalid("assignee", MsgAssigneeRequired)
	}
	x.e.Data.Assignee = a
	return x.move(nextForRole(x.d.Plan, x.d.Step, motcua.RoleProcessor))
}

func (x *decider) propose() error {
	cmd, e := x.cmd, x.e
	kind := ProposeResult
	if cmd.Action == ActProposeRefusal {
		kind = ProposeRefusal
	}
	sum := strings.TrimSpace(cmd.Summary)
	if utf8.RuneCountInString(sum) > maxReasonLen || hasControlExceptNewline(sum) {
		return invalid("summary", MsgTextTooLong)
	}
	if cmd.DocumentSHA256 != "" && !ValidSHA256(cmd.DocumentSHA256) {
		return invalid("document_sha256", MsgDocumentHashInvalid)
	}
	e.Data.Proposal = &Proposal{Kind: kind, By: e.Actor, At: e.At, Summary: sum, DocumentSHA256: cmd.DocumentSHA256}
	return x.move(nextForRole(x.d.Plan, x.d.Step, motcua.RoleLeader))
}

// approve signs the pending proposal: a refusal ends the dossier (refuse); a result
// goes to the next unit of the chain, or becomes ready at the last unit. The
// completion instant is classified against the legal due.
func (x *decider) approve() error {
	d, cmd, e := x.d, x.cmd, x.e
	if !ValidSHA256(cmd.DocumentSHA256) {
		return invalid("document_sha256", MsgDocumentHashInvalid)
	}
	if d.Step < 0 || d.Step >= len(d.Plan) || d.Plan[d.Step].Phase != PhaseProcessing {
		return fmt.Errorf("dossier: decide: %s at step %d, not a processing step", cmd.Action, d.Step)
	}
	sig := &Signature{Signer: e.Actor, UnitCode: x.actor.UnitCode, At: e.At, DocumentSHA256: cmd.DocumentSHA256, StepIndex: d.Step}
	e.Data.Signature = sig
	complete := func() error {
		c, err := x.cal.Classify(e.At, d.DueAt)
		if err != nil {
			return fmt.Errorf("dossier: classify: %w", err)
		}
		e.Data.Completion = &c
		return nil
	}
	if cmd.Action == ActRefuse {
		sig.Kind = "refusal"
		if err := complete(); err != nil {
			return err
		}
		return x.move(-1)
	}
	if next := segmentStart(d.Plan, d.Plan[d.Step].Segment+1); next >= 0 {
		sig.Kind = "partial_result"
		e.To = StateInProcessing
		return x.move(next)
	}
	sig.Kind = "result"
	e.To = StateResultReady
	if err := complete(); err != nil {
		return err
	}
	return x.move(firstOf(d.Plan, PhaseReturn))
}

// apologize records an apology slip (Mẫu 04) with a new appointment after the legal
// due: only a dossier that is or will be late needs one. DueAt is not changed.
func (x *decider) apologize() error {
	d, e := x.d, x.e
	at := x.cmd.Appointment
	switch {
	case at.IsZero() || !at.After(e.At):
		return invalid("appointment", MsgApologyAppointment)
	case d.DueAt.IsZero() || !at.After(d.DueAt):
		return unprocessable("appointment", MsgApologyNotLate)
	}
	e.To = d.State
	e.Data.Apology = &Apology{At: e.At, By: e.Actor, UnitCode: x.actor.UnitCode, Reason: e.Reason, Appointment: at.In(calendar.ICT)}
	return nil
}

func (x *decider) pay() error {
	x.e.To = x.d.State
	return x.payment(x.d.Fees, x.cmd.Payment, true)
}

func (x *decider) returnResult() error {
	if x.cmd.Recipient == nil {
		return invalid("recipient.name", MsgRecipientInvalid)
	}
	r := *x.cmd.Recipient
	if err := r.validate(); err != nil {
		return err
	}
	x.e.Data.Recipient = &r
	return x.move(-1)
}

func (x *decider) post() error {
	d, cmd, e := x.d, x.cmd, x.e
	if cmd.Action != ActSendByPost && d.Post == nil {
		return fmt.Errorf("dossier: decide: %s without a postal delivery", cmd.Action)
	}
	switch cmd.Action {
	case ActSendByPost:
		tn := strings.ToUpper(strings.TrimSpace(cmd.TrackingNumber))
		if !validTracking(tn) {
			return invalid("tracking_number", MsgTrackingInvalid)
		}
		addr := collapseSpaces(cmd.PostAddress)
		if addr == "" {
			addr = d.ReturnMethod.Address
		}
		if addr == "" {
			addr = d.Applicant.Address
		}
		if addr == "" || utf8.RuneCountInString(addr) > maxAddressLen || hasControl(addr) {
			return invalid("post_address", MsgReturnMethodInvalid)
		}
		e.Data.Post = &PostDelivery{TrackingNumber: tn, Address: addr, Status: PostSent, SentAt: e.At}
		return nil
	case ActPostDelivered:
		p := *d.Post
		p.Status, p.DeliveredAt = PostDelivered, e.At
		e.Data.Post = &p
		return x.move(-1)
	default: // ActPostReturned
		p := *d.Post
		p.Status = PostReturned
		e.Data.Post = &p
		return nil
	}
}

// validTracking accepts postal tracking numbers: 6–40 letters, digits and hyphens
// (VNPost item numbers look like EE123456789VN).
func validTracking(s string) bool {
	if len(s) < 6 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func hasControlExceptNewline(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\r' && r != '\t' && (r < 0x20 || r == 0x7f || r == utf8.RuneError) {
			return true
		}
	}
	return false
}

// stepUnit returns the unit of the current step, or "".
func (d *Dossier) stepUnit() string {
	if d.Step >= 0 && d.Step < len(d.Plan) {
		return d.Plan[d.Step].UnitCode
	}
	return ""
}
