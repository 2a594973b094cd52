package dossier

import (
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// Dossier is the current state of one dossier, derived only from its events (Replay);
// it is never edited directly (domain.md: "the current state is derived from events
// and never edited"). Storage may keep it as a projection for queries, rebuilt from
// the events.
type Dossier struct {
	Code             string `json:"code"`
	ProcedureCode    string `json:"procedure_code"`
	ProcedureVersion int    `json:"procedure_version"`
	ProcedureName    string `json:"procedure_name"`
	FourOnSpot       bool   `json:"four_on_spot"`
	// UnitCode is the receiving unit (the one-stop department that received the
	// dossier and returns the result); CurrentUnit the unit holding it now.
	UnitCode     string          `json:"unit_code"`
	CurrentUnit  string          `json:"current_unit"`
	Channel      catalog.Channel `json:"channel"`
	Applicant    Applicant       `json:"applicant"`
	ReturnMethod ReturnMethod    `json:"return_method"`
	Papers       []PaperReceived `json:"papers"`
	Fees         []FeeLine       `json:"fees"`
	Payments     []Payment       `json:"payments"`

	State   State `json:"state"`
	Version int   `json:"version"` // number of events applied

	SubmittedAt time.Time `json:"submitted_at,omitzero"` // online submission
	// ReceivedAt is when the time limit started: receipt at the counter or by post,
	// or acceptance of an online dossier.
	ReceivedAt time.Time         `json:"received_at,omitzero"`
	Limit      catalog.TimeLimit `json:"limit"`
	// DueAt is the legal appointment (ngày hẹn trả kết quả): the time limit counted
	// from ReceivedAt, moved only by clock stops. Apologies do not change it.
	DueAt            time.Time             `json:"due_at,omitzero"`
	DueExplanation   *calendar.Explanation `json:"due_explanation,omitempty"`
	CalendarVersions []string              `json:"calendar_versions,omitempty"`

	// Plan is the internal process the dossier follows, fixed when it was created;
	// Steps the runs of the steps started so far; Step the index in Plan of the
	// current step (-1 when none) and StepDue its due (zero when it has none).
	Plan    []PlannedStep `json:"plan"`
	Steps   []StepRun     `json:"steps"`
	Step    int           `json:"step"`
	StepDue time.Time     `json:"step_due,omitzero"`

	Assignee   string      `json:"assignee,omitempty"`
	Proposal   *Proposal   `json:"proposal,omitempty"`
	Signatures []Signature `json:"signatures,omitempty"`

	Supplements []SupplementRequest `json:"supplements,omitempty"`
	Stops       []ClockStop         `json:"stops,omitempty"`
	// ResumeState is the state a stopped dossier returns to.
	ResumeState State      `json:"resume_state,omitempty"`
	Apologies   []Apology  `json:"apologies,omitempty"`
	Handovers   []Handover `json:"handovers,omitempty"`

	// Completion is the classification at the completion instant (see the package
	// doc): set once by the approval that makes the result ready or by refuse, never
	// changed afterwards.
	Completion *calendar.Classification `json:"completion,omitempty"`
	Result     *Result                  `json:"result,omitempty"`
	Recipient  *Recipient               `json:"recipient,omitempty"`
	Post       *PostDelivery            `json:"post,omitempty"`
	ReturnedAt time.Time                `json:"returned_at,omitzero"`
	// ClosedReason is the reason of refuse_intake, refuse, withdraw or cancel;
	// OverdueAtClose records that a dossier withdrawn or cancelled was already past
	// its legal due, so that closing it hides no lateness.
	ClosedReason   string    `json:"closed_reason,omitempty"`
	OverdueAtClose bool      `json:"overdue_at_close,omitempty"`
	ClosedAt       time.Time `json:"closed_at,omitzero"`

	// Timeline is one entry per event, for lists and the public lookup without
	// loading the events.
	Timeline []TimelineEntry `json:"timeline"`

	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// TimelineEntry summarises one event: what happened, when, by whom, and the unit the
// dossier was at afterwards.
type TimelineEntry struct {
	Seq    int         `json:"seq"`
	Action Action      `json:"action"`
	At     time.Time   `json:"at"`
	From   State       `json:"from"`
	To     State       `json:"to"`
	Actor  string      `json:"actor"`
	Role   motcua.Role `json:"role"`
	Unit   string      `json:"unit"`
}

// ReturnKind is how the applicant wants the result.
type ReturnKind string

// Return kinds: at the one-stop counter, or by the public postal service (Decision
// 45/2016/QĐ-TTg on receiving dossiers and returning results through the public postal
// service).
const (
	ReturnCounter ReturnKind = "counter"
	ReturnPost    ReturnKind = "post"
)

// ReturnMethod is the applicant's choice of how to receive the result; Address is
// required for ReturnPost.
type ReturnMethod struct {
	Kind    ReturnKind `json:"kind"`
	Address string     `json:"address,omitempty"`
}

func (r *ReturnMethod) validate() error {
	r.Address = collapseSpaces(r.Address)
	switch {
	case r.Kind == "":
		r.Kind = ReturnCounter
	case r.Kind != ReturnCounter && r.Kind != ReturnPost:
		return motcua.FieldError(motcua.EINVALID, "return_method.kind", MsgReturnMethodInvalid)
	}
	if r.Kind == ReturnPost && (r.Address == "" || len([]rune(r.Address)) > maxAddressLen) {
		return motcua.FieldError(motcua.EINVALID, "return_method.address", MsgReturnMethodInvalid)
	}
	return nil
}

// ProposalKind is what a processor proposes.
type ProposalKind string

// Proposal kinds.
const (
	ProposeResult  ProposalKind = "result"
	ProposeRefusal ProposalKind = "refusal"
)

// Proposal is a processor's draft awaiting the leader's decision.
type Proposal struct {
	Kind    ProposalKind `json:"kind"`
	By      string       `json:"by"`
	At      time.Time    `json:"at"`
	Summary string       `json:"summary,omitempty"`
	// DocumentSHA256 is the hash of the draft document, when one is attached.
	DocumentSHA256 string `json:"document_sha256,omitempty"`
}

// Signature records a leader's approval and signature of a document: the result of
// one unit's part, the final result, or a refusal. The signed file itself lives in the
// attachment store; its SHA-256 (computed by the caller) ties the record to it.
type Signature struct {
	Signer         string    `json:"signer"`
	UnitCode       string    `json:"unit_code"`
	At             time.Time `json:"at"`
	DocumentSHA256 string    `json:"document_sha256"`
	Kind           string    `json:"kind"` // "result", "partial_result" (a unit of a chain) or "refusal"
	StepIndex      int       `json:"step_index"`
}

// Result is the outcome of a completed dossier.
type Result struct {
	Kind           ProposalKind `json:"kind"` // result or refusal
	Summary        string       `json:"summary,omitempty"`
	DocumentSHA256 string       `json:"document_sha256"`
	SignedBy       string       `json:"signed_by"`
	SignedAt       time.Time    `json:"signed_at"`
}

// Recipient is who took the result at the counter: the applicant or a person they
// authorised, with a 12-digit ID number.
type Recipient struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
}

func (r *Recipient) validate() error {
	r.Name = collapseSpaces(r.Name)
	r.IDNumber = stripSeparators(r.IDNumber, false)
	switch {
	case !validName(r.Name):
		return motcua.FieldError(motcua.EINVALID, "recipient.name", MsgRecipientInvalid)
	case !ValidCitizenID(r.IDNumber):
		return motcua.FieldError(motcua.EINVALID, "recipient.id_number", MsgRecipientInvalid)
	}
	return nil
}

// PostStatus is the state of a postal delivery of the result.
type PostStatus string

// Post statuses.
const (
	PostSent      PostStatus = "sent"
	PostDelivered PostStatus = "delivered"
	PostReturned  PostStatus = "returned" // brought back undelivered
)

// PostDelivery is the latest postal delivery of the result (Decision 45/2016/QĐ-TTg).
type PostDelivery struct {
	TrackingNumber string     `json:"tracking_number"`
	Address        string     `json:"address"`
	Status         PostStatus `json:"status"`
	SentAt         time.Time  `json:"sent_at"`
	DeliveredAt    time.Time  `json:"delivered_at,omitzero"`
}

// SupplementRequest is one request for missing papers (Mẫu 02): who asked, at which
// step, the list of papers, and when the supplement came.
type SupplementRequest struct {
	At            time.Time `json:"at"`
	By            string    `json:"by"`
	UnitCode      string    `json:"unit_code"`
	StepIndex     int       `json:"step_index"`
	MissingPapers []string  `json:"missing_papers"`
	Reason        string    `json:"reason"`
	ReceivedAt    time.Time `json:"received_at,omitzero"`
}

// StopKind is why the clock stopped.
type StopKind string

// Stop kinds.
const (
	StopSupplement StopKind = "supplement"
	StopSuspension StopKind = "suspension"
)

// ClockStop is one interval during which the time limit did not run (Decree
// 118/2025/NĐ-CP: the time taken to supplement the dossier is not counted; domain.md:
// the due moves by exactly the working time stopped, and the move is shown). To is
// zero while the stop lasts. AddedMinutes is the working time it added to the legal
// due, known when it ends.
type ClockStop struct {
	Kind         StopKind  `json:"kind"`
	From         time.Time `json:"from"`
	To           time.Time `json:"to,omitzero"`
	Reason       string    `json:"reason"`
	StepIndex    int       `json:"step_index"`
	UnitCode     string    `json:"unit_code"`
	AddedMinutes int64     `json:"added_minutes"`
}

// Apology is an apology slip with a new appointment (Mẫu 04), issued by the unit at
// fault. It never changes DueAt nor the classification.
type Apology struct {
	At          time.Time `json:"at"`
	By          string    `json:"by"`
	UnitCode    string    `json:"unit_code"`
	Reason      string    `json:"reason"`
	Appointment time.Time `json:"appointment"`
}

// Handover is one line of the control slip (Mẫu 05, phiếu kiểm soát quá trình giải
// quyết hồ sơ): the dossier passed from one step (unit, role) to the next, by whom and
// when, and whether the step handed over was on time.
type Handover struct {
	Seq      int         `json:"seq"`
	At       time.Time   `json:"at"`
	By       string      `json:"by"`
	FromStep int         `json:"from_step"`
	FromUnit string      `json:"from_unit"`
	FromRole motcua.Role `json:"from_role"`
	ToStep   int         `json:"to_step"`
	ToUnit   string      `json:"to_unit"`
	ToRole   motcua.Role `json:"to_role"`
	Outcome  StepOutcome `json:"outcome,omitempty"`
	StepDue  time.Time   `json:"step_due,omitzero"`
	Action   Action      `json:"action"`
}

// Current returns the run of the current step, or nil.
func (d *Dossier) Current() *StepRun {
	if d.Step < 0 || len(d.Steps) == 0 || d.Steps[len(d.Steps)-1].Index != d.Step {
		return nil
	}
	return &d.Steps[len(d.Steps)-1]
}

// openStop returns the stop in progress, or nil.
func (d *Dossier) openStop() *ClockStop {
	if n := len(d.Stops); n > 0 && d.Stops[n-1].To.IsZero() {
		return &d.Stops[n-1]
	}
	return nil
}

// ClockRunning reports whether the legal time limit has started and is not stopped
// and the dossier is not completed.
func (d *Dossier) ClockRunning() bool {
	return !d.DueAt.IsZero() && d.Completion == nil && !d.State.Terminal() && !d.State.ClockStopped()
}

// Overdue reports whether the dossier is not completed and now is after its legal
// due (pending overdue, "quá hạn"). A stopped clock is judged at the due as moved by
// the stops ended so far.
func (d *Dossier) Overdue(now time.Time) bool {
	return !d.DueAt.IsZero() && d.Completion == nil && !d.State.Terminal() && now.After(d.DueAt)
}

// Appointment returns the appointment to show the applicant: the latest apology's new
// appointment if any, else the legal due. Statistics always use DueAt.
func (d *Dossier) Appointment() time.Time {
	if n := len(d.Apologies); n > 0 {
		return d.Apologies[n-1].Appointment
	}
	return d.DueAt
}
