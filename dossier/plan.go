package dossier

import (
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
)

// Phase is the part of the lifecycle a planned step belongs to.
type Phase string

// Phases: intake at the receiving one-stop department, processing at the resolving
// units, return of the result at the receiving department.
const (
	PhaseIntake     Phase = "intake"
	PhaseProcessing Phase = "processing"
	PhaseReturn     Phase = "return"
)

// PlannedStep is one step of the internal process (quy trình nội bộ, adopted by the
// provincial People's Committee under Decree 118/2025/NĐ-CP) as it applies to this
// dossier: the unit resolved to a code, the phase, and for processing steps the
// segment, i.e. the index of the run of consecutive steps at one unit. Each segment is
// one stop of an inter-agency (liên thông) chain. Minutes 0 means the step has no due
// of its own (synthesised steps, or a step allotted no time).
type PlannedStep struct {
	Index    int         `json:"index"`
	Name     string      `json:"name"`
	UnitCode string      `json:"unit_code"`
	Role     motcua.Role `json:"role"`
	Minutes  int         `json:"minutes"`
	Phase    Phase       `json:"phase"`
	Segment  int         `json:"segment"` // -1 outside processing
}

// StepOutcome classifies a finished step against its own due.
type StepOutcome string

// Step outcomes. A step without a due, or of the return phase (the applicant's
// collection time is not the unit's), is not classified.
const (
	StepOnTime StepOutcome = "on_time"
	StepLate   StepOutcome = "late"
)

// StepRun is the actual run of a planned step: when it started, its due (its allotted
// working time counted from its start, extended by the clock stops inside it), when it
// ended and how it ended. Lateness of a dossier is attributed to the steps, and so to
// the units, whose runs are late (domain.md: "lateness is attributed to the step and
// unit where the time was lost").
type StepRun struct {
	PlannedStep
	StartedAt time.Time   `json:"started_at"`
	Due       time.Time   `json:"due,omitzero"`
	EndedAt   time.Time   `json:"ended_at,omitzero"`
	Outcome   StepOutcome `json:"outcome,omitempty"`
	// AheadMinutes is the working time from the end to the due: negative when late.
	AheadMinutes int64 `json:"ahead_minutes"`
}

// BuildPlan derives the plan of a dossier received at receivingUnit from the
// procedure's steps: the leading steps of the receptionist role are the intake phase
// and the trailing ones the return phase, both at the receiving unit; the steps in
// between are processing, each at its own unit (the procedure's unit when the step
// names none) — or, for a "4 tại chỗ" procedure, all at the receiving unit, which keeps
// the dossier. Consecutive processing steps at one unit form a segment. When the
// procedure has no processing steps, one synthesised step per unit of [procedure's
// unit] + Chain (consecutive duplicates merged) is used; missing intake or return
// steps are synthesised too. Synthesised steps have no minutes.
//
// A commune-level procedure is catalogued once for every commune (Decree
// 118/2025/NĐ-CP: each commune's one-stop department receives and resolves it), so its
// steps that name no unit, and its own unit, are the receiving commune.
func BuildPlan(p *catalog.Procedure, receivingUnit string) []PlannedStep {
	steps := p.Steps
	procUnit := p.UnitCode
	if p.Level == catalog.LevelCommune {
		procUnit = receivingUnit
	}
	a := 0
	for a < len(steps) && steps[a].Role == motcua.RoleReceptionist {
		a++
	}
	b := len(steps)
	for b > a && steps[b-1].Role == motcua.RoleReceptionist {
		b--
	}
	var plan []PlannedStep
	add := func(s catalog.Step, ph Phase, unit string) {
		plan = append(plan, PlannedStep{Name: s.Name, UnitCode: unit, Role: s.Role, Minutes: s.Minutes, Phase: ph, Segment: -1})
	}
	if a == 0 {
		add(catalog.Step{Name: "Tiếp nhận hồ sơ", Role: motcua.RoleReceptionist}, PhaseIntake, receivingUnit)
	}
	for _, s := range steps[:a] {
		add(s, PhaseIntake, receivingUnit)
	}
	if a == b {
		units := append([]string{procUnit}, p.Chain...)
		if p.FourOnSpot {
			units = []string{receivingUnit}
		}
		last := ""
		for _, u := range units {
			if u != last {
				add(catalog.Step{Name: "Giải quyết hồ sơ", Role: motcua.RoleProcessor}, PhaseProcessing, u)
				last = u
			}
		}
	}
	for _, s := range steps[a:b] {
		u := s.UnitCode
		if u == "" {
			u = procUnit
		}
		if p.FourOnSpot {
			u = receivingUnit
		}
		add(s, PhaseProcessing, u)
	}
	for _, s := range steps[b:] {
		add(s, PhaseReturn, receivingUnit)
	}
	if b == len(steps) {
		add(catalog.Step{Name: "Trả kết quả", Role: motcua.RoleReceptionist}, PhaseReturn, receivingUnit)
	}
	seg := -1
	for i := range plan {
		plan[i].Index = i
		if plan[i].Phase != PhaseProcessing {
			continue
		}
		if seg < 0 || plan[i-1].Phase != PhaseProcessing || plan[i-1].UnitCode != plan[i].UnitCode {
			seg++
		}
		plan[i].Segment = seg
	}
	return plan
}

// firstOf returns the index of the first planned step of phase ph, or -1.
func firstOf(plan []PlannedStep, ph Phase) int {
	for i, s := range plan {
		if s.Phase == ph {
			return i
		}
	}
	return -1
}

// segmentStart returns the index of the first step of processing segment seg, or -1.
func segmentStart(plan []PlannedStep, seg int) int {
	for i, s := range plan {
		if s.Phase == PhaseProcessing && s.Segment == seg {
			return i
		}
	}
	return -1
}

// nextForRole returns the step that takes over when responsibility inside the
// current processing segment passes to role: the next step of the same segment if its
// role is role, else the current step (the current step absorbs the time; the pointer
// never moves backwards).
func nextForRole(plan []PlannedStep, cur int, role motcua.Role) int {
	if cur < 0 || cur >= len(plan) || plan[cur].Role == role {
		return cur
	}
	if n := cur + 1; n < len(plan) && plan[n].Phase == PhaseProcessing && plan[n].Segment == plan[cur].Segment && plan[n].Role == role {
		return n
	}
	return cur
}
