package catalog

import "context"

// ProcedureFilter selects procedures for a listing. Q matches the code or the name,
// ignoring case and Vietnamese diacritics (vntext.Fold).
type ProcedureFilter struct {
	Q          string
	UnitCode   string
	FieldCode  string
	Level      Level
	Channel    Channel
	FourOnSpot *bool
	Active     *bool
	Limit      int // 1..500, default 50
	Offset     int
}

// ImportProgress is called while an import runs, with rows done and the total.
type ImportProgress func(done, total int)

// Store is the catalogue's persistence. Every write records an audit entry in the same
// transaction, naming the actor from the context.
type Store interface {
	ListUnits(ctx context.Context) ([]Unit, error)
	GetUnit(ctx context.Context, code string) (*Unit, error)
	CreateUnit(ctx context.Context, u *Unit) error
	UpdateUnit(ctx context.Context, u *Unit) error

	ListFields(ctx context.Context) ([]Field, error)
	CreateField(ctx context.Context, f *Field) error

	ListProcedures(ctx context.Context, f ProcedureFilter) ([]Procedure, int, error)
	GetProcedure(ctx context.Context, code string) (*Procedure, error)
	// CreateProcedure stores a new procedure at version 1.
	CreateProcedure(ctx context.Context, p *Procedure) error
	// UpdateProcedure replaces a procedure if its stored version equals p.Version, and
	// increments the version; ECONFLICT otherwise.
	UpdateProcedure(ctx context.Context, p *Procedure) error
	ProcedureHistory(ctx context.Context, code string) ([]ProcedureVersion, error)
	// ImportProcedures creates or updates all given procedures in one transaction:
	// either all are stored or none.
	ImportProcedures(ctx context.Context, ps []Procedure, progress ImportProgress) (created, updated int, err error)
}
