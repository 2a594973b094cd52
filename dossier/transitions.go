package dossier

import "github.com/motcua/motcua"

// RoleApplicant is the role of an applicant acting through the public service portal
// (or the portal connector on their behalf). It is not a staff role of motcua.Roles:
// only the public submission endpoint may build an actor with it.
const RoleApplicant motcua.Role = "applicant"

// Scope says which unit the actor must belong to for an action.
type Scope string

// Scopes.
const (
	// ScopeAny: no unit check (the applicant; a province-wide administrator).
	ScopeAny Scope = "any"
	// ScopeReceiving: the actor's unit must be the dossier's receiving unit (the
	// one-stop department that received it and returns the result). For an action
	// that creates the dossier, the actor's unit becomes the receiving unit and must
	// not be empty.
	ScopeReceiving Scope = "receiving"
	// ScopeCurrent: the actor's unit must be the dossier's current unit (the unit of
	// the step the dossier is at).
	ScopeCurrent Scope = "current"
)

// Guard is a condition on the processing sub-state checked after the state, role and
// unit.
type Guard string

// Guards.
const (
	GuardNone Guard = ""
	// GuardNoProposal: no proposal awaits approval.
	GuardNoProposal Guard = "no_proposal"
	// GuardAssignee: the actor is the assigned processor and no proposal awaits
	// approval (the processor cannot act on a file the leader holds).
	GuardAssignee Guard = "assignee"
	// GuardProposal: some proposal awaits approval.
	GuardProposal Guard = "proposal"
	// GuardResultProposal: a result proposal awaits approval.
	GuardResultProposal Guard = "result_proposal"
	// GuardRefusalProposal: a refusal proposal awaits approval.
	GuardRefusalProposal Guard = "refusal_proposal"
)

// Rule is one row of the transition table: the action may be taken from any state of
// From, by any role of Roles whose unit satisfies Scope, when Guard holds; the dossier
// then is in one of To (To[0] normally; the others are listed where the outcome depends
// on the dossier: supplement_received and resume return to the state the clock stopped
// in, approve stays in_processing when an inter-agency chain goes on). An action may
// have several rows (request_supplement at intake and during processing).
type Rule struct {
	Action         Action        `json:"action"`
	From           []State       `json:"from"`
	To             []State       `json:"to"`
	Roles          []motcua.Role `json:"roles"`
	ReasonRequired bool          `json:"reason_required"`
	Scope          Scope         `json:"scope"`
	Guard          Guard         `json:"guard,omitempty"`
	// StopsClock / RestartsClock mark the actions that open and close a clock stop.
	StopsClock    bool `json:"stops_clock,omitempty"`
	RestartsClock bool `json:"restarts_clock,omitempty"`
}

var (
	rolesRcpt   = []motcua.Role{motcua.RoleReceptionist}
	rolesLeader = []motcua.Role{motcua.RoleLeader}
	rolesProc   = []motcua.Role{motcua.RoleProcessor}

	// openStates are the states of a dossier not yet completed.
	openStates = []State{StateAwaitingIntake, StateReceived, StateInProcessing, StateWaitingSupplement, StateSuspended}
)

// Transitions is the transition table of the dossier lifecycle (Decree
// 118/2025/NĐ-CP; domain.md "Lifecycle"). Decide and AllowedActions read it; nothing
// else decides what may happen to a dossier. There is deliberately no action that
// moves a due time back or clears a late classification (domain.md: never build a way
// to reset a late dossier).
var Transitions = []Rule{
	{Action: ActSubmitOnline, From: []State{StateNew}, To: []State{StateAwaitingIntake},
		Roles: []motcua.Role{RoleApplicant}, Scope: ScopeAny},
	{Action: ActReceive, From: []State{StateNew}, To: []State{StateReceived},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActAcceptOnline, From: []State{StateAwaitingIntake}, To: []State{StateReceived},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActRefuseIntake, From: []State{StateNew, StateAwaitingIntake}, To: []State{StateRefusedIntake},
		Roles: rolesRcpt, Scope: ScopeReceiving, ReasonRequired: true},
	{Action: ActRequestSupplement, From: []State{StateAwaitingIntake, StateReceived}, To: []State{StateWaitingSupplement},
		Roles: rolesRcpt, Scope: ScopeReceiving, ReasonRequired: true, StopsClock: true},
	{Action: ActRequestSupplement, From: []State{StateInProcessing}, To: []State{StateWaitingSupplement},
		Roles: rolesProc, Scope: ScopeCurrent, Guard: GuardAssignee, ReasonRequired: true, StopsClock: true},
	{Action: ActSupplementReceived, From: []State{StateWaitingSupplement},
		To:    []State{StateInProcessing, StateReceived, StateAwaitingIntake},
		Roles: rolesRcpt, Scope: ScopeReceiving, RestartsClock: true},
	{Action: ActTransfer, From: []State{StateReceived}, To: []State{StateInProcessing},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActAssign, From: []State{StateInProcessing}, To: []State{StateInProcessing},
		Roles: rolesLeader, Scope: ScopeCurrent, Guard: GuardNoProposal},
	{Action: ActProposeResult, From: []State{StateInProcessing}, To: []State{StateInProcessing},
		Roles: rolesProc, Scope: ScopeCurrent, Guard: GuardAssignee},
	{Action: ActProposeRefusal, From: []State{StateInProcessing}, To: []State{StateInProcessing},
		Roles: rolesProc, Scope: ScopeCurrent, Guard: GuardAssignee, ReasonRequired: true},
	{Action: ActRejectProposal, From: []State{StateInProcessing}, To: []State{StateInProcessing},
		Roles: rolesLeader, Scope: ScopeCurrent, Guard: GuardProposal, ReasonRequired: true},
	{Action: ActApprove, From: []State{StateInProcessing}, To: []State{StateResultReady, StateInProcessing},
		Roles: rolesLeader, Scope: ScopeCurrent, Guard: GuardResultProposal},
	{Action: ActRefuse, From: []State{StateInProcessing}, To: []State{StateRefused},
		Roles: rolesLeader, Scope: ScopeCurrent, Guard: GuardRefusalProposal, ReasonRequired: true},
	{Action: ActSuspend, From: []State{StateInProcessing}, To: []State{StateSuspended},
		Roles: rolesLeader, Scope: ScopeCurrent, ReasonRequired: true, StopsClock: true},
	{Action: ActResume, From: []State{StateSuspended}, To: []State{StateInProcessing},
		Roles: rolesLeader, Scope: ScopeCurrent, RestartsClock: true},
	{Action: ActApologize, From: []State{StateReceived, StateInProcessing, StateWaitingSupplement, StateSuspended},
		To:    []State{StateReceived, StateInProcessing, StateWaitingSupplement, StateSuspended},
		Roles: []motcua.Role{motcua.RoleLeader, motcua.RoleProcessor}, Scope: ScopeCurrent, ReasonRequired: true},
	{Action: ActPay, From: []State{StateAwaitingIntake, StateReceived, StateInProcessing, StateWaitingSupplement, StateSuspended, StateResultReady},
		To:    []State{StateAwaitingIntake, StateReceived, StateInProcessing, StateWaitingSupplement, StateSuspended, StateResultReady},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActReturnResult, From: []State{StateResultReady}, To: []State{StateReturned},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActSendByPost, From: []State{StateResultReady}, To: []State{StateSentByPost},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActPostDelivered, From: []State{StateSentByPost}, To: []State{StateReturned},
		Roles: rolesRcpt, Scope: ScopeReceiving},
	{Action: ActPostReturned, From: []State{StateSentByPost}, To: []State{StateResultReady},
		Roles: rolesRcpt, Scope: ScopeReceiving, ReasonRequired: true},
	{Action: ActWithdraw, From: openStates, To: []State{StateWithdrawn},
		Roles: rolesRcpt, Scope: ScopeReceiving, ReasonRequired: true},
	{Action: ActCancel, From: append(append([]State{}, openStates...), StateResultReady), To: []State{StateCancelled},
		Roles: []motcua.Role{motcua.RoleAdmin}, Scope: ScopeAny, ReasonRequired: true},
}

// RulesFor returns the rows of Transitions for action a.
func RulesFor(a Action) []Rule {
	var out []Rule
	for _, r := range Transitions {
		if r.Action == a {
			out = append(out, r)
		}
	}
	return out
}

// from reports whether r may start from s.
func (r Rule) from(s State) bool {
	for _, x := range r.From {
		if x == s {
			return true
		}
	}
	return false
}

// allows reports whether r lets role act.
func (r Rule) allows(role motcua.Role) bool {
	for _, x := range r.Roles {
		if x == role {
			return true
		}
	}
	return false
}
