package dossier

import (
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/demo"
)

// TestDemoProceduresRunToTheEnd walks a dossier of every active demo procedure
// through its whole plan — every unit of an inter-agency chain assigning, proposing
// and approving in turn — and checks the plan, the step dues and the replay.
func TestDemoProceduresRunToTheEnd(t *testing.T) {
	data := demo.Province(1)
	n, chains := 0, 0
	for i := range data.Procedures {
		p := &data.Procedures[i]
		if !p.Active || !p.Allows(catalog.ChannelCounter) {
			continue
		}
		n++
		recv := p.UnitCode
		if len(p.Steps) > 0 && p.Steps[0].UnitCode != "" {
			recv = p.Steps[0].UnitCode
		}
		plan := BuildPlan(p, recv)
		segs := 0
		for _, s := range plan {
			if s.Phase == PhaseProcessing {
				segs = max(segs, s.Segment+1)
			}
		}
		if plan[0].Phase != PhaseIntake || plan[len(plan)-1].Phase != PhaseReturn || segs == 0 {
			t.Fatalf("%s: plan %+v", p.Code, plan)
		}
		if len(p.Chain) > 0 {
			chains++
			if segs < 2 {
				t.Errorf("%s: inter-agency procedure with %d segments", p.Code, segs)
			}
		}
		h := newHarness(t, p)
		at := jul(14, 9, 0)
		next := func() time.Time { at = at.Add(10 * time.Minute); return at }
		r := motcua.Actor{Username: "tn", Role: motcua.RoleReceptionist, UnitCode: recv}
		h.do(receiveCmd(), r, at)
		h.do(Command{Action: ActTransfer}, r, next())
		approvals := 0
		for h.d.State == StateInProcessing {
			u := h.d.CurrentUnit
			l := motcua.Actor{Username: "ld@" + u, Role: motcua.RoleLeader, UnitCode: u}
			pr := motcua.Actor{Username: "cv@" + u, Role: motcua.RoleProcessor, UnitCode: u}
			h.do(Command{Action: ActAssign, Assignee: pr.Username}, l, next())
			h.do(Command{Action: ActProposeResult}, pr, next())
			h.do(Command{Action: ActApprove, DocumentSHA256: docHash}, l, next())
			approvals++
			if approvals > 20 {
				t.Fatalf("%s: no end", p.Code)
			}
		}
		if h.d.State != StateResultReady || approvals != segs || h.d.Completion == nil {
			t.Fatalf("%s: state %s after %d approvals of %d segments", p.Code, h.d.State, approvals, segs)
		}
		h.do(Command{Action: ActReturnResult, Recipient: &Recipient{Name: "Nguyễn Văn An", IDNumber: "037095001234"}}, r, next())
		for _, run := range h.d.Steps {
			if run.Minutes > 0 && run.Due.IsZero() {
				t.Errorf("%s: step %d has minutes but no due", p.Code, run.Index)
			}
		}
		h.checkReplay()
	}
	if n < 100 || chains == 0 {
		t.Fatalf("walked %d procedures, %d chains", n, chains)
	}
}
