package dossier

import (
	"time"

	"github.com/motcua/motcua/catalog"
)

// Command is a request to take an action on a dossier. Reason and Attachments apply to
// every action; the other fields only to the actions named in their comments, and are
// ignored otherwise.
type Command struct {
	Action Action `json:"action"`
	// Version, when set, must equal the dossier's version (the HTTP If-Match): a
	// stale version is an ECONFLICT "dossier.version_stale".
	Version     *int            `json:"version,omitempty"`
	Reason      string          `json:"reason,omitempty"`
	Attachments []AttachmentRef `json:"attachments,omitempty"`

	// submit_online: the receiving unit (the one-stop department the portal routes
	// the dossier to). receive and refuse_intake use the actor's unit.
	UnitCode string `json:"unit_code,omitempty"`
	// submit_online (online_full or online_partial), receive (counter, the default,
	// or post).
	Channel catalog.Channel `json:"channel,omitempty"`
	// submit_online, receive, refuse_intake from StateNew.
	Applicant    *Applicant     `json:"applicant,omitempty"`
	ReturnMethod *ReturnMethod  `json:"return_method,omitempty"`
	Exemptions   []FeeExemption `json:"exemptions,omitempty"`
	// receive (at least one), accept_online, submit_online, supplement_received.
	Papers []PaperReceived `json:"papers,omitempty"`
	// receive, accept_online, submit_online (online), pay (required).
	Payment *Payment `json:"payment,omitempty"`
	// request_supplement: the papers asked for (Mẫu 02); optional when the reason
	// lists them.
	MissingPapers []string `json:"missing_papers,omitempty"`
	// assign: the processor's username.
	Assignee string `json:"assignee,omitempty"`
	// propose_result, propose_refusal: a summary of the draft.
	Summary string `json:"summary,omitempty"`
	// approve, refuse (required); propose_* (optional): SHA-256 of the signed
	// document or draft, computed by the caller over the stored file.
	DocumentSHA256 string `json:"document_sha256,omitempty"`
	// apologize: the new appointment (Mẫu 04).
	Appointment time.Time `json:"appointment,omitzero"`
	// return_result: who took the result.
	Recipient *Recipient `json:"recipient,omitempty"`
	// send_by_post: the tracking number, and the address when it differs from the
	// return method's.
	TrackingNumber string `json:"tracking_number,omitempty"`
	PostAddress    string `json:"post_address,omitempty"`
}

// Env is what Decide needs from outside the dossier. Procedure (the current version
// of the dossier's procedure) and Code (the code storage allocated: the receiving
// unit's next sequence number of the day of now, see FormatCode) are needed only by the
// actions that create a dossier (submit_online, receive, refuse_intake from StateNew);
// later actions use the plan and time limit fixed in the dossier. Calendar is the
// working calendar of the receiving unit; it is used for the legal due and for every
// step's due.
type Env struct {
	Procedure *catalog.Procedure
	Calendar  Calendar
	Code      string
}
