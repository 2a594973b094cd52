package dossier

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// fixtures returns one dossier in each state and processing sub-state.
func fixtures(t *testing.T) map[string]*Dossier {
	t.Helper()
	out := map[string]*Dossier{"new": {}}
	snap := func(name string, h *harness) {
		b, _ := json.Marshal(h.d)
		var d Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		out[name] = &d
	}
	h := newHarness(t, simpleProc())
	h.do(Command{Action: ActSubmitOnline, UnitCode: centre, Channel: catalog.ChannelOnlineFull, Applicant: person()}, citizen, jul(14, 8, 0))
	snap("awaiting_intake", h)
	h.do(Command{Action: ActAcceptOnline}, rcpt, jul(14, 8, 30))
	snap("received", h)
	h.do(Command{Action: ActTransfer}, rcpt, jul(14, 9, 0))
	snap("in_processing/unassigned", h)
	h.do(Command{Action: ActAssign, Assignee: proc0.Username}, lead0, jul(14, 9, 10))
	snap("in_processing/assigned", h)
	h.do(Command{Action: ActRequestSupplement, Reason: "Thiếu giấy tờ"}, proc0, jul(14, 9, 20))
	snap("waiting_supplement", h)
	h.do(Command{Action: ActSupplementReceived}, rcpt, jul(14, 9, 30))
	h.do(Command{Action: ActSuspend, Reason: "Chờ giám định"}, lead0, jul(14, 9, 40))
	snap("suspended", h)
	h.do(Command{Action: ActResume}, lead0, jul(14, 9, 50))
	h.do(Command{Action: ActProposeRefusal, Reason: "Không đủ điều kiện"}, proc0, jul(14, 10, 0))
	snap("in_processing/refusal_proposed", h)
	h.do(Command{Action: ActRejectProposal, Reason: "Xem lại"}, lead0, jul(14, 10, 10))
	h.do(Command{Action: ActProposeResult}, proc0, jul(14, 10, 20))
	snap("in_processing/result_proposed", h)
	h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, jul(14, 10, 30))
	snap("result_ready", h)
	h.do(Command{Action: ActSendByPost, TrackingNumber: "EE123456789VN"}, rcpt, jul(14, 11, 0))
	snap("sent_by_post", h)
	h.do(Command{Action: ActPostDelivered}, rcpt, jul(15, 11, 0))
	snap("returned", h)
	h.checkReplay()

	r := newHarness(t, simpleProc())
	r.do(Command{Action: ActRefuseIntake, Reason: "Không thuộc thẩm quyền", Applicant: person()}, rcpt, jul(14, 8, 0))
	snap("refused_intake", r)
	r = newHarness(t, simpleProc())
	r.toProcessing(jul(14, 8, 0))
	r.do(Command{Action: ActProposeRefusal, Reason: "Không đủ điều kiện"}, proc0, jul(14, 10, 0))
	r.do(Command{Action: ActRefuse, Reason: "Không đủ điều kiện", DocumentSHA256: docHash}, lead0, jul(14, 11, 0))
	snap("refused", r)
	r = newHarness(t, simpleProc())
	r.do(receiveCmd(), rcpt, jul(14, 8, 0))
	r.do(Command{Action: ActWithdraw, Reason: "Xin rút"}, rcpt, jul(14, 9, 0))
	snap("withdrawn", r)
	r = newHarness(t, simpleProc())
	r.do(receiveCmd(), rcpt, jul(14, 8, 0))
	r.do(Command{Action: ActCancel, Reason: "Nhập nhầm"}, admin, jul(14, 9, 0))
	snap("cancelled", r)
	return out
}

var allRoles = append(append([]motcua.Role{}, motcua.Roles...), RoleApplicant)

// actorFor returns an actor of role placed where the action's rule for d's state
// wants it (the assignee for a processor).
func actorFor(d *Dossier, a Action, role motcua.Role) motcua.Actor {
	act := motcua.Actor{Username: "user." + string(role), Role: role, UnitCode: d.CurrentUnit}
	if d.State == StateNew {
		act.UnitCode = centre
	}
	for _, r := range RulesFor(a) {
		if r.from(d.State) && r.allows(role) {
			switch r.Scope {
			case ScopeReceiving:
				act.UnitCode = d.UnitCode
				if d.State == StateNew {
					act.UnitCode = centre
				}
			case ScopeAny:
				act.UnitCode = ""
			}
			break
		}
	}
	if role == motcua.RoleProcessor && d.Assignee != "" {
		act.Username = d.Assignee
	}
	return act
}

// TestTransitionTableGenerated checks every (state, action, role) cell against the
// table: an action not listed from the state is a conflict carrying the allowed
// actions, a role not listed is forbidden, a listed cell is allowed exactly when
// AllowedActions says so, and the wrong unit is forbidden.
func TestTransitionTableGenerated(t *testing.T) {
	fx := fixtures(t)
	for name, d := range fx {
		env := Env{Procedure: simpleProc(), Calendar: calendarDefault()}
		for _, a := range Actions {
			for _, role := range allRoles {
				actor := actorFor(d, a, role)
				cell := fmt.Sprintf("%s/%s/%s", name, a, role)
				env.Code = ""
				if d.State == StateNew {
					u := actor.UnitCode
					if a == ActSubmitOnline {
						u = centre
					}
					env.Code = FormatCodeAt(u, jul(21, 9, 0), 1)
				}
				_, err := Decide(d, Command{Action: a, UnitCode: centre}, actor, jul(21, 9, 0), env)
				me := motcua.AsError(err)
				allowed := slices.Contains(AllowedActions(d, actor), a)
				var fromOK, roleOK bool
				var scope Scope
				for _, r := range RulesFor(a) {
					if r.from(d.State) {
						fromOK = true
						if r.allows(role) {
							roleOK, scope = true, r.Scope
						}
					}
				}
				denied := me != nil && (me.Message == MsgTransitionInvalid || me.Code == motcua.EFORBIDDEN)
				switch {
				case !fromOK:
					if me == nil || me.Code != motcua.ECONFLICT || me.Message != MsgTransitionInvalid {
						t.Errorf("%s: want ECONFLICT transition_invalid, got %v", cell, err)
					} else if !slices.Equal(me.Details.([]Action), AllowedActions(d, actor)) {
						t.Errorf("%s: details %v, want %v", cell, me.Details, AllowedActions(d, actor))
					}
				case !roleOK:
					if me == nil || me.Code != motcua.EFORBIDDEN || me.Message != MsgRoleForbidden {
						t.Errorf("%s: want EFORBIDDEN role, got %v", cell, err)
					}
				default:
					if allowed == denied {
						t.Errorf("%s: AllowedActions says %v but Decide returned %v", cell, allowed, err)
					}
					if allowed && scope != ScopeAny && d.State != StateNew {
						other := actor
						other.UnitCode = "H99"
						_, err := Decide(d, Command{Action: a}, other, jul(21, 9, 0), env)
						if me := motcua.AsError(err); me == nil || me.Message != MsgUnitForbidden {
							t.Errorf("%s from another unit: want EFORBIDDEN unit, got %v", cell, err)
						}
					}
				}
				if allowed && role == motcua.RoleViewer || allowed && role == motcua.RoleDirector {
					t.Errorf("%s: read-only role allowed", cell)
				}
			}
		}
	}
}

// TestAllowedActionsKeyCells are hand-written expectations for the cells that matter.
func TestAllowedActionsKeyCells(t *testing.T) {
	fx := fixtures(t)
	other0 := motcua.Actor{Username: "chuyen.vien.khac", Role: motcua.RoleProcessor, UnitCode: u0}
	director := motcua.Actor{Username: "giam.doc", Role: motcua.RoleDirector}
	viewer := motcua.Actor{Username: "thanh.tra", Role: motcua.RoleViewer, UnitCode: u0}
	rcptOther := motcua.Actor{Username: "tn.xa", Role: motcua.RoleReceptionist, UnitCode: "H37.99"}
	A := func(as ...Action) []Action { return as }
	tests := []struct {
		fixture string
		actor   motcua.Actor
		want    []Action
	}{
		{"new", rcpt, A(ActReceive, ActRefuseIntake)},
		{"new", citizen, A(ActSubmitOnline)},
		{"new", lead0, A()},
		{"awaiting_intake", rcpt, A(ActAcceptOnline, ActRefuseIntake, ActRequestSupplement, ActPay, ActWithdraw)},
		{"awaiting_intake", rcptOther, A()},
		{"awaiting_intake", citizen, A()},
		{"received", rcpt, A(ActRequestSupplement, ActTransfer, ActPay, ActWithdraw)},
		{"received", lead0, A()},
		{"in_processing/unassigned", lead0, A(ActAssign, ActSuspend, ActApologize)},
		{"in_processing/unassigned", proc0, A(ActApologize)},
		{"in_processing/unassigned", lead1, A()},
		{"in_processing/unassigned", rcpt, A(ActPay, ActWithdraw)},
		{"in_processing/assigned", proc0, A(ActRequestSupplement, ActProposeResult, ActProposeRefusal, ActApologize)},
		{"in_processing/assigned", other0, A(ActApologize)},
		{"in_processing/assigned", lead0, A(ActAssign, ActSuspend, ActApologize)},
		{"in_processing/result_proposed", lead0, A(ActRejectProposal, ActApprove, ActSuspend, ActApologize)},
		{"in_processing/result_proposed", proc0, A(ActApologize)},
		{"in_processing/refusal_proposed", lead0, A(ActRejectProposal, ActRefuse, ActSuspend, ActApologize)},
		{"in_processing/assigned", admin, A(ActCancel)},
		{"in_processing/assigned", director, A()},
		{"in_processing/assigned", viewer, A()},
		{"waiting_supplement", rcpt, A(ActSupplementReceived, ActPay, ActWithdraw)},
		{"waiting_supplement", proc0, A(ActApologize)},
		{"suspended", lead0, A(ActResume, ActApologize)},
		{"result_ready", rcpt, A(ActPay, ActReturnResult, ActSendByPost)},
		{"result_ready", admin, A(ActCancel)},
		{"result_ready", lead0, A()},
		{"sent_by_post", rcpt, A(ActPostDelivered, ActPostReturned)},
		{"sent_by_post", admin, A()},
		{"returned", rcpt, A()},
		{"returned", admin, A()},
		{"refused_intake", rcpt, A()},
		{"refused", admin, A()},
		{"withdrawn", rcpt, A()},
		{"cancelled", admin, A()},
	}
	for _, tc := range tests {
		d := fx[tc.fixture]
		if d == nil {
			t.Fatalf("no fixture %q", tc.fixture)
		}
		if got := AllowedActions(d, tc.actor); !slices.Equal(got, tc.want) {
			t.Errorf("%s by %s (%s@%s): allowed %v, want %v", tc.fixture, tc.actor.Username, tc.actor.Role, tc.actor.UnitCode, got, tc.want)
		}
	}
}

func TestDecideErrors(t *testing.T) {
	fx := fixtures(t)
	env := Env{Calendar: calendarDefault()}
	ver := func(v int) *int { return &v }
	tests := []struct {
		name    string
		fixture string
		cmd     Command
		actor   motcua.Actor
		code    string
		msg     string
		field   string
	}{
		{"unknown action", "received", Command{Action: "approve_all"}, rcpt, motcua.EINVALID, MsgActionInvalid, "action"},
		{"wrong state", "received", Command{Action: ActApprove, DocumentSHA256: docHash}, lead0, motcua.ECONFLICT, MsgTransitionInvalid, ""},
		{"wrong role", "received", Command{Action: ActTransfer}, lead0, motcua.EFORBIDDEN, MsgRoleForbidden, ""},
		{"wrong unit", "received", Command{Action: ActTransfer}, motcua.Actor{Username: "x", Role: motcua.RoleReceptionist, UnitCode: u1}, motcua.EFORBIDDEN, MsgUnitForbidden, ""},
		{"no unit", "received", Command{Action: ActTransfer}, motcua.Actor{Username: "x", Role: motcua.RoleReceptionist}, motcua.EFORBIDDEN, MsgUnitForbidden, ""},
		{"not assignee", "in_processing/assigned", Command{Action: ActProposeResult}, motcua.Actor{Username: "khac", Role: motcua.RoleProcessor, UnitCode: u0}, motcua.EFORBIDDEN, MsgNotAssignee, ""},
		{"not assigned yet", "in_processing/unassigned", Command{Action: ActProposeResult}, proc0, motcua.ECONFLICT, MsgTransitionInvalid, ""},
		{"missing reason", "received", Command{Action: ActWithdraw, Reason: "  "}, rcpt, motcua.EINVALID, MsgReasonRequired, "reason"},
		{"stale version", "received", Command{Action: ActTransfer, Version: ver(1)}, rcpt, motcua.ECONFLICT, MsgVersionStale, ""},
		{"no hash", "in_processing/result_proposed", Command{Action: ActApprove, DocumentSHA256: "abc"}, lead0, motcua.EINVALID, MsgDocumentHashInvalid, "document_sha256"},
		{"no assignee", "in_processing/unassigned", Command{Action: ActAssign}, lead0, motcua.EINVALID, MsgAssigneeRequired, "assignee"},
		{"no recipient", "result_ready", Command{Action: ActReturnResult}, rcpt, motcua.EINVALID, MsgRecipientInvalid, "recipient.name"},
		{"bad recipient id", "result_ready", Command{Action: ActReturnResult, Recipient: &Recipient{Name: "Lê Văn C", IDNumber: "12345"}}, rcpt, motcua.EINVALID, MsgRecipientInvalid, "recipient.id_number"},
		{"overpay", "received", Command{Action: ActPay, Payment: &Payment{Method: PayCash, Receipt: "BL1", Amount: 150_001}}, rcpt, motcua.EUNPROCESSABLE, MsgPaymentExceeds, "payment.amount"},
		{"bad attachment", "received", Command{Action: ActTransfer, Attachments: []AttachmentRef{{SHA256: "xyz", Name: "a.pdf"}}}, rcpt, motcua.EINVALID, MsgAttachmentInvalid, "attachments[0]"},
		{"time before last event", "received", Command{Action: ActTransfer}, rcpt, motcua.ECONFLICT, MsgTimeBeforeLastEvent, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := fx[tc.fixture]
			now := jul(21, 9, 0)
			if tc.msg == MsgTimeBeforeLastEvent {
				now = jul(1, 9, 0)
			}
			_, err := Decide(d, tc.cmd, tc.actor, now, env)
			me := motcua.AsError(err)
			if me == nil || me.Code != tc.code || me.Message != tc.msg || me.Field != tc.field {
				t.Fatalf("got %v, want %s %s field %q", err, tc.code, tc.msg, tc.field)
			}
			if tc.msg == MsgTransitionInvalid {
				want := AllowedActions(d, tc.actor)
				if got, _ := me.Details.([]Action); !slices.Equal(got, want) {
					t.Errorf("details = %v, want %v", me.Details, want)
				}
			}
		})
	}
	// The hand-checked Details of one cell.
	_, err := Decide(fx["received"], Command{Action: ActApprove}, rcpt, jul(21, 9, 0), env)
	if got := motcua.AsError(err).Details.([]Action); !slices.Equal(got, []Action{ActRequestSupplement, ActTransfer, ActPay, ActWithdraw}) {
		t.Errorf("details for a receptionist on a received dossier = %v", got)
	}
}

func TestTableShape(t *testing.T) {
	seen := map[Action]bool{}
	for _, r := range Transitions {
		seen[r.Action] = true
		if len(r.From) == 0 || len(r.To) == 0 || len(r.Roles) == 0 || r.Scope == "" {
			t.Errorf("%s: incomplete rule %+v", r.Action, r)
		}
		for _, s := range r.From {
			if s.Terminal() {
				t.Errorf("%s starts from terminal state %s", r.Action, s)
			}
		}
		for _, s := range r.To {
			if !s.Valid() {
				t.Errorf("%s leads to invalid state %q", r.Action, s)
			}
		}
		for _, role := range r.Roles {
			if role == motcua.RoleViewer || role == motcua.RoleDirector {
				t.Errorf("%s allowed to read-only role %s", r.Action, role)
			}
		}
	}
	for _, a := range Actions {
		if !seen[a] {
			t.Errorf("action %s has no rule", a)
		}
	}
}
