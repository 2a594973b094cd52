package dossier

import (
	"context"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// CalendarFor returns the calendar of a unit (the receiving unit's is used for every
// deadline of a dossier).
type CalendarFor func(ctx context.Context, unitCode string) (Calendar, error)

// Filter selects dossiers for the dossier book and the work lists.
type Filter struct {
	States []State
	// Unit limits to dossiers received at, held by or passing through a unit.
	Unit          string
	CurrentUnit   string
	ProcedureCode string
	Assignee      string
	// StepRole keeps dossiers whose current step is for that role.
	StepRole motcua.Role
	// DueBefore keeps dossiers whose legal due is before it; DueFrom those whose
	// legal due is at or after it (with both: due in [DueFrom, DueBefore)).
	DueBefore time.Time
	DueFrom   time.Time
	// Overdue keeps open dossiers past their legal due at Now.
	Overdue bool
	// Q matches the code or the applicant's name, ignoring case and diacritics.
	Q                        string
	ReceivedFrom, ReceivedTo time.Time
	Now                      time.Time
	Limit, Offset            int
	// CountLimit, when positive, caps the counting of the matches for lists that
	// only need to know there are many: the total is then exact up to
	// max(CountLimit, Offset+Limit), and that bound plus one means "more".
	CountLimit int
}

// Summary is one line of the dossier book.
type Summary struct {
	Code          string          `json:"code"`
	ProcedureCode string          `json:"procedure_code"`
	ProcedureName string          `json:"procedure_name"`
	UnitCode      string          `json:"unit_code"`
	CurrentUnit   string          `json:"current_unit"`
	Channel       catalog.Channel `json:"channel"`
	State         State           `json:"state"`
	Version       int             `json:"version"`
	Assignee      string          `json:"assignee,omitempty"`
	ApplicantName string          `json:"applicant_name"`
	ReceivedAt    *time.Time      `json:"received_at,omitempty"`
	DueAt         *time.Time      `json:"due_at,omitempty"`
	StepDue       *time.Time      `json:"step_due,omitempty"`
	Outcome       string          `json:"outcome,omitempty"`
	CompletedAt   *time.Time      `json:"completed_at,omitempty"`
	// StepRole is the role of the current step ("" when none); ProposalPending reports
	// a processor's proposal awaiting the leader's decision. The work lists sort the
	// leader's dossiers with them without loading each dossier.
	StepRole        motcua.Role `json:"step_role,omitempty"`
	ProposalPending bool        `json:"proposal_pending,omitempty"`
}

// Store persists dossiers as an append-only event log with projections for reading.
// Every method that writes runs in one transaction: the event, the projections and
// the audit entry are stored together or not at all.
type Store interface {
	// Create decides and stores the first event of a new dossier (receive,
	// submit_online or refuse_intake), allocating its code from the receiving unit's
	// daily sequence inside the same transaction, so codes have no gaps and no
	// duplicates.
	Create(ctx context.Context, cmd Command, actor motcua.Actor, p *catalog.Procedure, cal CalendarFor) (*Dossier, error)
	// Act decides and appends an event to an existing dossier. A command whose
	// Version is stale, or that loses a race with another officer, gets ECONFLICT.
	Act(ctx context.Context, code string, cmd Command, actor motcua.Actor, cal CalendarFor) (*Dossier, error)
	Get(ctx context.Context, code string) (*Dossier, error)
	Events(ctx context.Context, code string) ([]Event, error)
	List(ctx context.Context, f Filter) ([]Summary, int, error)
}
