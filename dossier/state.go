package dossier

// State is the top-level lifecycle state of a dossier (domain.md "Lifecycle", Decree
// 118/2025/NĐ-CP). Where a dossier is inside processing (the step, the unit, the
// assignee, a proposal awaiting approval) is kept in fields of Dossier, not in extra
// states.
type State string

// States. StateNew is the zero value: a dossier with no events yet.
const (
	StateNew               State = ""                   // no event yet
	StateAwaitingIntake    State = "awaiting_intake"    // submitted online, not yet accepted
	StateReceived          State = "received"           // received at the one-stop department, not yet transferred
	StateInProcessing      State = "in_processing"      // at a step of a resolving unit
	StateWaitingSupplement State = "waiting_supplement" // supplement requested (Mẫu 02); clock stopped
	StateSuspended         State = "suspended"          // suspended by a leader with a reason; clock stopped
	StateResultReady       State = "result_ready"       // result approved and signed, at the one-stop department
	StateSentByPost        State = "sent_by_post"       // result handed to the public postal service, not yet delivered
	StateReturned          State = "returned"           // result returned to the applicant (counter or post)
	StateRefusedIntake     State = "refused_intake"     // refused at intake (Mẫu 03)
	StateRefused           State = "refused"            // refused after appraisal, refusal signed
	StateWithdrawn         State = "withdrawn"          // withdrawn at the applicant's request
	StateCancelled         State = "cancelled"          // cancelled by an administrator
)

// States lists every state except StateNew, in lifecycle order.
var States = []State{
	StateAwaitingIntake, StateReceived, StateInProcessing, StateWaitingSupplement,
	StateSuspended, StateResultReady, StateSentByPost, StateReturned, StateRefusedIntake,
	StateRefused, StateWithdrawn, StateCancelled,
}

// Valid reports whether s is one of States.
func (s State) Valid() bool {
	for _, x := range States {
		if x == s {
			return true
		}
	}
	return false
}

// Terminal reports whether no action can follow s: returned, refused at intake,
// refused, withdrawn, cancelled.
func (s State) Terminal() bool {
	switch s {
	case StateReturned, StateRefusedIntake, StateRefused, StateWithdrawn, StateCancelled:
		return true
	}
	return false
}

// ClockStopped reports whether the legal time limit does not run in s: waiting for a
// supplement or suspended (Decree 118/2025/NĐ-CP; domain.md "Deadlines": the due moves by
// exactly the working time spent stopped).
func (s State) ClockStopped() bool {
	return s == StateWaitingSupplement || s == StateSuspended
}

// Pending reports whether a dossier in s is still being resolved: received and not yet
// completed, counting the stopped states (the "pending within deadline / overdue"
// figures of the reports).
func (s State) Pending() bool {
	switch s {
	case StateReceived, StateInProcessing, StateWaitingSupplement, StateSuspended:
		return true
	}
	return false
}
