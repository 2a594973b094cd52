package dossier

import (
	"regexp"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// Event is one change of a dossier: who did what, when, from which state to which,
// why, and with which documents (domain.md: "every change is an event with actor,
// time, reason and attachments"). Events are appended, never edited; the dossier is
// their fold (Replay). Seq is 1 for the first event and equals Dossier.Version after
// the event is applied. StepIndex, StepUnit and StepDue describe the step the dossier
// is at after the event (-1, "", zero when none). Data carries every value the event
// fixes, including the deadlines Decide computed with the calendar, so that Apply
// needs no calendar and a later calendar change never rewrites history.
type Event struct {
	Seq         int             `json:"seq"`
	Action      Action          `json:"action"`
	Actor       string          `json:"actor"`
	Role        motcua.Role     `json:"role"`
	UnitCode    string          `json:"unit_code"`
	At          time.Time       `json:"at"`
	From        State           `json:"from"`
	To          State           `json:"to"`
	Reason      string          `json:"reason,omitempty"`
	Data        EventData       `json:"data"`
	StepIndex   int             `json:"step_index"`
	StepUnit    string          `json:"step_unit,omitempty"`
	StepDue     time.Time       `json:"step_due,omitzero"`
	Attachments []AttachmentRef `json:"attachments,omitempty"`
}

// AttachmentRef points to a file kept in the content-addressed attachment store: a
// scanned paper, a signed result, a slip. SHA256 is the lowercase hex digest.
type AttachmentRef struct {
	SHA256      string `json:"sha256"`
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

var sha256RE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// ValidSHA256 reports whether s is a lowercase hex SHA-256 digest.
func ValidSHA256(s string) bool { return sha256RE.MatchString(s) }

// EventData is the action-specific payload of an event. Only the fields an action
// sets are present (JSON omitempty); the comments say which actions set each.
type EventData struct {
	// Dossier creation: submit_online, receive, refuse_intake from StateNew.
	Code             string             `json:"code,omitempty"`
	ProcedureCode    string             `json:"procedure_code,omitempty"`
	ProcedureVersion int                `json:"procedure_version,omitempty"`
	ProcedureName    string             `json:"procedure_name,omitempty"`
	FourOnSpot       bool               `json:"four_on_spot,omitempty"`
	ReceivingUnit    string             `json:"receiving_unit,omitempty"`
	Channel          catalog.Channel    `json:"channel,omitempty"`
	Applicant        *Applicant         `json:"applicant,omitempty"`
	ReturnMethod     *ReturnMethod      `json:"return_method,omitempty"`
	Fees             []FeeLine          `json:"fees,omitempty"`
	Limit            *catalog.TimeLimit `json:"limit,omitempty"`
	Plan             []PlannedStep      `json:"plan,omitempty"`

	// Papers received: receive, accept_online, supplement_received.
	Papers []PaperReceived `json:"papers,omitempty"`
	// Payment: receive, accept_online, pay.
	Payment *Payment `json:"payment,omitempty"`

	// Legal due: receive and accept_online (start of the clock); supplement_received
	// and resume (moved by the stops).
	Due         *time.Time            `json:"due,omitempty"`
	Explanation *calendar.Explanation `json:"explanation,omitempty"`

	// Stop: the stop opened (request_supplement, suspend, when the clock runs) or
	// closed (supplement_received, resume).
	Stop          *ClockStop `json:"stop,omitempty"`
	MissingPapers []string   `json:"missing_papers,omitempty"`
	// ResumeState: the state supplement_received and resume return to.
	ResumeState State `json:"resume_state,omitempty"`

	Assignee  string     `json:"assignee,omitempty"`
	Proposal  *Proposal  `json:"proposal,omitempty"`
	Signature *Signature `json:"signature,omitempty"`
	// Completion: the classification at the completion instant (approve to
	// result_ready, refuse).
	Completion *calendar.Classification `json:"completion,omitempty"`
	// ClosedStep: the step that ended with this event and its outcome.
	ClosedStep *StepRun `json:"closed_step,omitempty"`

	Apology   *Apology      `json:"apology,omitempty"`
	Recipient *Recipient    `json:"recipient,omitempty"`
	Post      *PostDelivery `json:"post,omitempty"`
	// Overdue: withdraw and cancel of a dossier already past its legal due.
	Overdue bool `json:"overdue,omitempty"`
}
