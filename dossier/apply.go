package dossier

import (
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// Apply folds event e into d: the only way a dossier changes. It checks that e is
// the next event (Seq = Version+1) and starts from d's state, and that the step it
// names exists in the plan; it performs no authorisation and no calendar arithmetic —
// those were done by Decide, and e carries their results. On error d is unchanged.
func Apply(d *Dossier, e Event) error {
	if e.Seq != d.Version+1 || e.From != d.State {
		return &motcua.Error{Code: motcua.ECONFLICT, Message: MsgEventOutOfOrder,
			Params: map[string]any{"seq": e.Seq, "version": d.Version, "from": string(e.From), "state": string(d.State)}}
	}
	bad := func(format string, args ...any) error {
		return &motcua.Error{Code: motcua.EINTERNAL, Message: MsgEventInvalid,
			Params: map[string]any{"seq": e.Seq, "detail": fmt.Sprintf(format, args...)}}
	}
	if !e.Action.Valid() || !e.To.Valid() {
		return bad("action %q to state %q", e.Action, e.To)
	}
	// Validate before mutating so that an error leaves d unchanged.
	plan := d.Plan
	if d.State == StateNew {
		if e.Data.Code == "" || e.Data.Applicant == nil || e.Data.Limit == nil || e.Data.ReturnMethod == nil {
			return bad("creation event without code, applicant, limit or return method")
		}
		plan = e.Data.Plan
	}
	if e.StepIndex >= len(plan) || e.StepIndex < -1 {
		return bad("step %d outside the plan", e.StepIndex)
	}
	if (e.Action == ActPostDelivered || e.Action == ActPostReturned || e.Action == ActSendByPost) && e.Data.Post == nil {
		return bad("%s without post data", e.Action)
	}
	at := e.At.In(calendar.ICT)
	data := e.Data

	if d.State == StateNew {
		*d = Dossier{
			Code: data.Code, ProcedureCode: data.ProcedureCode, ProcedureVersion: data.ProcedureVersion,
			ProcedureName: data.ProcedureName, FourOnSpot: data.FourOnSpot,
			UnitCode: data.ReceivingUnit, CurrentUnit: data.ReceivingUnit, Channel: data.Channel,
			Applicant: *data.Applicant, ReturnMethod: *data.ReturnMethod,
			Papers: []PaperReceived{}, Fees: append([]FeeLine{}, data.Fees...), Payments: []Payment{},
			Limit: *data.Limit, Plan: append([]PlannedStep(nil), data.Plan...), Steps: []StepRun{}, Step: -1,
			CreatedAt: at,
		}
		if e.Action == ActSubmitOnline {
			d.SubmittedAt = at
		}
	}
	d.Papers = append(d.Papers, data.Papers...)
	if data.Payment != nil {
		d.Payments = append(d.Payments, *data.Payment)
	}

	// Legal due: set when the clock starts, moved when a stop ends.
	if data.Due != nil {
		if d.ReceivedAt.IsZero() {
			d.ReceivedAt = at
		}
		d.DueAt = *data.Due
		d.DueExplanation = data.Explanation
		if data.Explanation != nil {
			d.CalendarVersions = mergeVersions(d.CalendarVersions, data.Explanation.Versions)
		}
	}

	// Clock stops.
	if data.Stop != nil {
		if data.Stop.To.IsZero() {
			d.Stops = append(d.Stops, *data.Stop)
		} else if n := len(d.Stops); n > 0 && d.Stops[n-1].To.IsZero() {
			d.Stops[n-1] = *data.Stop
		}
	}
	if e.To.Terminal() {
		if s := d.openStop(); s != nil {
			s.To = at
		}
	}

	// Step runs and the control slip.
	if data.ClosedStep != nil {
		for i := len(d.Steps) - 1; i >= 0; i-- {
			if d.Steps[i].Index == data.ClosedStep.Index && d.Steps[i].EndedAt.IsZero() {
				d.Steps[i] = *data.ClosedStep
				break
			}
		}
	}
	if e.StepIndex != d.Step {
		if e.StepIndex >= 0 {
			ps := d.Plan[e.StepIndex]
			if d.Step >= 0 {
				h := Handover{Seq: e.Seq, At: at, By: e.Actor, FromStep: d.Step, FromUnit: d.Plan[d.Step].UnitCode,
					FromRole: d.Plan[d.Step].Role, ToStep: e.StepIndex, ToUnit: ps.UnitCode, ToRole: ps.Role, Action: e.Action}
				if data.ClosedStep != nil {
					h.Outcome, h.StepDue = data.ClosedStep.Outcome, data.ClosedStep.Due
				}
				d.Handovers = append(d.Handovers, h)
			}
			d.Steps = append(d.Steps, StepRun{PlannedStep: ps, StartedAt: at, Due: e.StepDue})
			d.CurrentUnit = e.StepUnit
		}
		d.Step, d.StepDue = e.StepIndex, e.StepDue
	} else if e.StepIndex >= 0 && !e.StepDue.Equal(d.StepDue) {
		d.StepDue = e.StepDue
		if cur := d.Current(); cur != nil {
			cur.Due = e.StepDue
		}
	}

	switch e.Action {
	case ActRequestSupplement:
		d.Supplements = append(d.Supplements, SupplementRequest{At: at, By: e.Actor, UnitCode: e.UnitCode,
			StepIndex: d.Step, MissingPapers: data.MissingPapers, Reason: e.Reason})
		d.ResumeState = data.ResumeState
	case ActSuspend:
		d.ResumeState = data.ResumeState
	case ActSupplementReceived, ActResume:
		if n := len(d.Supplements); e.Action == ActSupplementReceived && n > 0 {
			d.Supplements[n-1].ReceivedAt = at
		}
		d.ResumeState = ""
	case ActTransfer:
		d.Assignee, d.Proposal = "", nil
	case ActAssign:
		d.Assignee = data.Assignee
	case ActProposeResult, ActProposeRefusal:
		p := *data.Proposal
		d.Proposal = &p
	case ActRejectProposal:
		d.Proposal = nil
	case ActApprove, ActRefuse:
		if data.Signature != nil {
			d.Signatures = append(d.Signatures, *data.Signature)
		}
		if e.To != StateInProcessing && d.Proposal != nil && data.Signature != nil {
			d.Result = &Result{Kind: d.Proposal.Kind, Summary: d.Proposal.Summary,
				DocumentSHA256: data.Signature.DocumentSHA256, SignedBy: e.Actor, SignedAt: at}
		}
		if data.Completion != nil && d.Completion == nil {
			c := *data.Completion
			d.Completion = &c
		}
		d.Assignee, d.Proposal = "", nil
	case ActApologize:
		if data.Apology != nil {
			d.Apologies = append(d.Apologies, *data.Apology)
		}
	case ActReturnResult:
		if data.Recipient != nil {
			r := *data.Recipient
			d.Recipient = &r
		}
		d.ReturnedAt = at
	case ActSendByPost, ActPostReturned:
		p := *data.Post
		d.Post = &p
	case ActPostDelivered:
		p := *data.Post
		d.Post = &p
		d.ReturnedAt = at
	}
	switch e.Action {
	case ActRefuseIntake, ActRefuse, ActWithdraw, ActCancel:
		d.ClosedReason, d.ClosedAt = e.Reason, at
		d.OverdueAtClose = data.Overdue
	case ActReturnResult, ActPostDelivered:
		d.ClosedAt = at
	}
	d.Timeline = append(d.Timeline, TimelineEntry{Seq: e.Seq, Action: e.Action, At: at, From: e.From, To: e.To,
		Actor: e.Actor, Role: e.Role, Unit: d.CurrentUnit})
	d.State = e.To
	d.Version = e.Seq
	d.UpdatedAt = at
	return nil
}

// Replay rebuilds a dossier from its events, in order (domain.md: the current state
// is derived from events and never edited).
func Replay(events []Event) (*Dossier, error) {
	d := &Dossier{}
	for _, e := range events {
		if err := Apply(d, e); err != nil {
			return nil, fmt.Errorf("dossier: replay event %d: %w", e.Seq, err)
		}
	}
	return d, nil
}

func mergeVersions(have, add []string) []string {
	seen := map[string]bool{}
	for _, v := range have {
		seen[v] = true
	}
	for _, v := range add {
		if !seen[v] {
			seen[v] = true
			have = append(have, v)
		}
	}
	return have
}
