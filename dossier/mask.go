package dossier

import (
	"strings"
	"time"
	"unicode"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
)

// PublicDossier is what anyone holding a dossier code may see on the public lookup
// (design.md: /public/dossiers/{code}, masked personal data). It carries no ID number,
// phone, email, address, proxy, recipient, officer name or reason text: only the
// masked applicant name, the status, the appointment and a timeline of actions with
// their times and units (Decree 13/2023/NĐ-CP on personal data protection: disclose
// only what the purpose — following one's own dossier — needs). Unit names are left
// for the caller to fill (ResolveUnits).
type PublicDossier struct {
	Code          string          `json:"code"`
	ProcedureCode string          `json:"procedure_code"`
	ProcedureName string          `json:"procedure_name"`
	Applicant     string          `json:"applicant"`
	Channel       catalog.Channel `json:"channel"`
	State         State           `json:"state"`
	UnitCode      string          `json:"unit_code"`
	UnitName      string          `json:"unit_name,omitempty"`
	CurrentUnit   string          `json:"current_unit"`
	CurrentName   string          `json:"current_unit_name,omitempty"`
	SubmittedAt   time.Time       `json:"submitted_at,omitzero"`
	ReceivedAt    time.Time       `json:"received_at,omitzero"`
	// DueAt is the legal appointment; Appointment the one to show (a later apology's
	// new appointment, else DueAt).
	DueAt       time.Time        `json:"due_at,omitzero"`
	Appointment time.Time        `json:"appointment,omitzero"`
	Outcome     calendar.Outcome `json:"outcome,omitempty"`
	CompletedAt time.Time        `json:"completed_at,omitzero"`
	ReturnedAt  time.Time        `json:"returned_at,omitzero"`
	Timeline    []PublicEvent    `json:"timeline"`
}

// PublicEvent is one line of the public timeline.
type PublicEvent struct {
	Seq      int       `json:"seq"`
	Action   Action    `json:"action"`
	At       time.Time `json:"at"`
	State    State     `json:"state"`
	UnitCode string    `json:"unit_code"`
	UnitName string    `json:"unit_name,omitempty"`
}

// PublicView returns the public, masked view of d. The applicant's name is masked by
// MaskName for a person; an organisation's registered name is public (business
// registration) and shown. The timeline gives each event's action, time, resulting
// state and the unit the dossier was at afterwards, without the officer; payments are
// left out.
func PublicView(d *Dossier) PublicDossier {
	pv := PublicDossier{
		Code: d.Code, ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName,
		Applicant: MaskName(d.Applicant.FullName), Channel: d.Channel, State: d.State,
		UnitCode: d.UnitCode, CurrentUnit: d.CurrentUnit, SubmittedAt: d.SubmittedAt,
		ReceivedAt: d.ReceivedAt, DueAt: d.DueAt, Appointment: d.Appointment(),
		ReturnedAt: d.ReturnedAt, Timeline: []PublicEvent{},
	}
	if d.Applicant.Kind == ApplicantOrganisation {
		pv.Applicant = d.Applicant.FullName
	}
	if d.Completion != nil {
		pv.Outcome, pv.CompletedAt = d.Completion.Outcome, d.Completion.Completed
	}
	for _, t := range d.Timeline {
		if t.Action == ActPay {
			continue
		}
		pv.Timeline = append(pv.Timeline, PublicEvent{Seq: t.Seq, Action: t.Action, At: t.At, State: t.To, UnitCode: t.Unit})
	}
	return pv
}

// ResolveUnits fills the unit names from the unit codes with name (which returns ""
// for an unknown code).
func (p *PublicDossier) ResolveUnits(name func(code string) string) {
	p.UnitName, p.CurrentName = name(p.UnitCode), name(p.CurrentUnit)
	for i := range p.Timeline {
		p.Timeline[i].UnitName = name(p.Timeline[i].UnitCode)
	}
}

// MaskName masks a person's name for public display: each word keeps its first
// letter and the rest becomes asterisks, one per letter but at most three, so the
// length of long words is not shown: "Nguyễn Văn An" → "N*** V** A*". Anything that
// is not a letter or a space becomes '*' as well.
func MaskName(name string) string {
	words := strings.Fields(name)
	for i, w := range words {
		rs := []rune(w)
		first := rs[0]
		if !unicode.IsLetter(first) {
			first = '*'
		}
		words[i] = string(first) + strings.Repeat("*", min(len(rs)-1, 3))
	}
	return strings.Join(words, " ")
}
