package dossier

// Action is what an actor does to a dossier; each accepted action becomes one Event.
// The rules of each action are in Transitions.
type Action string

// Actions. The comments give the slip or record each produces and its legal source.
const (
	// ActSubmitOnline: the applicant submits on the public service portal (Decree
	// 118/2025/NĐ-CP, online intake); the dossier awaits an officer's check.
	ActSubmitOnline Action = "submit_online"
	// ActReceive: a one-stop officer receives a complete dossier at the counter or by
	// post, gives it its code and issues the receipt and appointment slip (Mẫu 01);
	// the time limit starts.
	ActReceive Action = "receive"
	// ActAcceptOnline: the officer accepts an online dossier after checking it; the
	// time limit starts then (receipt slip Mẫu 01 sent electronically).
	ActAcceptOnline Action = "accept_online"
	// ActRefuseIntake: the officer refuses to receive a dossier outside the
	// agency's competence or not eligible, with the reason (Mẫu 03).
	ActRefuseIntake Action = "refuse_intake"
	// ActRequestSupplement: the officer at intake, or the processor during appraisal,
	// asks for missing or incorrect papers (Mẫu 02); the reason lists them; the clock
	// stops when it runs.
	ActRequestSupplement Action = "request_supplement"
	// ActSupplementReceived: the one-stop officer receives the supplement; the
	// dossier returns to the state it came from and the clock restarts.
	ActSupplementReceived Action = "supplement_received"
	// ActTransfer: the one-stop department hands the dossier to the first resolving
	// unit (control slip Mẫu 05); a "4 tại chỗ" dossier stays at the centre.
	ActTransfer Action = "transfer"
	// ActAssign: a leader of the current unit assigns a processing officer.
	ActAssign Action = "assign"
	// ActProposeResult: the assigned processor submits a draft result for approval.
	ActProposeResult Action = "propose_result"
	// ActProposeRefusal: the assigned processor proposes to refuse, with the reason.
	ActProposeRefusal Action = "propose_refusal"
	// ActRejectProposal: the leader sends the proposal back to the processor.
	ActRejectProposal Action = "reject_proposal"
	// ActApprove: the leader approves and signs the result proposal; the dossier goes
	// to the next unit of an inter-agency chain or, at the last unit, becomes
	// result_ready — the completion instant.
	ActApprove Action = "approve"
	// ActRefuse: the leader approves and signs a refusal proposal; the written refusal
	// with its reason is returned to the applicant (Mẫu 03).
	ActRefuse Action = "refuse"
	// ActSuspend: a leader suspends processing with a reason; the clock stops.
	ActSuspend Action = "suspend"
	// ActResume: the leader resumes processing; the clock restarts.
	ActResume Action = "resume"
	// ActApologize: the unit at fault issues an apology with a new appointment (Mẫu
	// 04) for a dossier that is or will be late. The legal due does not change.
	ActApologize Action = "apologize"
	// ActPay: the one-stop officer records a payment of fees and charges.
	ActPay Action = "pay"
	// ActReturnResult: the result is handed over at the counter, recording who took it.
	ActReturnResult Action = "return_result"
	// ActSendByPost: the result is handed to the public postal service with its
	// tracking number.
	ActSendByPost Action = "send_by_post"
	// ActPostDelivered: the postal service reports delivery; the dossier is returned.
	ActPostDelivered Action = "post_delivered"
	// ActPostReturned: the postal service brings the result back undelivered; it
	// waits at the one-stop department again.
	ActPostReturned Action = "post_returned"
	// ActWithdraw: the applicant asks to withdraw the dossier; the officer records it
	// with the request's reason.
	ActWithdraw Action = "withdraw"
	// ActCancel: an administrator cancels a dossier entered in error, with a reason.
	// It never erases lateness: the event records whether the dossier was overdue.
	ActCancel Action = "cancel"
)

// Actions lists every action in lifecycle order.
var Actions = []Action{
	ActSubmitOnline, ActReceive, ActAcceptOnline, ActRefuseIntake, ActRequestSupplement,
	ActSupplementReceived, ActTransfer, ActAssign, ActProposeResult, ActProposeRefusal,
	ActRejectProposal, ActApprove, ActRefuse, ActSuspend, ActResume, ActApologize, ActPay,
	ActReturnResult, ActSendByPost, ActPostDelivered, ActPostReturned, ActWithdraw, ActCancel,
}

// Valid reports whether a is one of Actions.
func (a Action) Valid() bool {
	for _, x := range Actions {
		if x == a {
			return true
		}
	}
	return false
}
