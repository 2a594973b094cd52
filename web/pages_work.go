package web

import (
	"context"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/web/i18n"
)

// Urgency levels of a dossier by the working time left before its legal due.
const (
	urgOK      = "ok"      // more than one working day left
	urgSoon    = "soon"    // due within one working day
	urgUrgent  = "urgent"  // two working hours or less
	urgOverdue = "overdue" // past the due
	urgStopped = "stopped" // the clock is stopped (supplement, suspension)
	urgDone    = "done"    // completed; lateness is fixed by the classification
)

// urgency is how close a dossier is to its legal due, in working time of the
// receiving unit's calendar. Pages show it as a coloured badge with its words, so
// the colour is never the only signal.
type urgency struct {
	Level   string
	Minutes int64 // working minutes left; negative when overdue
}

// Text is the badge's wording in lang.
func (u urgency) Text(lang string) string {
	if u.Level == "" {
		return ""
	}
	m := u.Minutes
	if m < 0 {
		m = -m
	}
	h := strconv.FormatFloat(float64(m)/60, 'f', 1, 64)
	h = strings.TrimSuffix(h, ".0")
	if lang == "vi" {
		h = strings.ReplaceAll(h, ".", ",")
	}
	return i18n.T(lang, "urgency."+u.Level, map[string]any{"h": h})
}

// urgencyOf classifies a due: overdue after it; urgent with two working hours or
// less left; soon when it falls within one working day from now; otherwise ok.
func (s *Server) urgencyOf(r *http.Request, unit string, st dossier.State, due time.Time, completed bool, now time.Time) urgency {
	return s.urgencyWith(r.Context(), map[string]*calendar.Calendar{}, unit, st, due, completed, now)
}

func (s *Server) urgencyWith(ctx context.Context, cals map[string]*calendar.Calendar, unit string, st dossier.State, due time.Time, completed bool, now time.Time) urgency {
	switch {
	case due.IsZero():
		return urgency{}
	case completed || st.Terminal() || st == dossier.StateResultReady || st == dossier.StateSentByPost:
		return urgency{Level: urgDone}
	case st.ClockStopped():
		return urgency{Level: urgStopped}
	}
	cal, ok := cals[unit]
	if !ok {
		c, err := s.Calendars.ForUnit(ctx, unit)
		if err != nil {
			s.log.Warn("calendar for urgency", "unit", unit, "err", err)
		}
		cal, cals[unit] = c, c
	}
	if cal == nil {
		if now.After(due) {
			return urgency{Level: urgOverdue, Minutes: int64(now.Sub(due) / -time.Minute)}
		}
		return urgency{Level: urgOK, Minutes: int64(due.Sub(now) / time.Minute)}
	}
	left, err := cal.WorkingMinutesBetween(now, due)
	if err != nil { // a due years away: plainly not urgent
		left = int64(due.Sub(now) / time.Minute)
	}
	switch {
	case now.After(due):
		return urgency{Level: urgOverdue, Minutes: min(left, 0)}
	case left <= 120:
		return urgency{Level: urgUrgent, Minutes: left}
	}
	if ex, err := cal.Due(now, 1, calendar.WorkingDays); err == nil && !due.After(ex.Due) {
		return urgency{Level: urgSoon, Minutes: left}
	}
	return urgency{Level: urgOK, Minutes: left}
}

// workRow is one dossier of a work list.
type workRow struct {
	dossier.Summary
	Urgency  urgency
	Proposal bool // a proposal awaits the leader
	StepLate bool // the current step is past its own due
}

// workGroup is one heading of the work list.
type workGroup struct {
	Key   string // i18n key of the heading
	Hint  string // i18n key of a line under it
	Rows  []workRow
	Total int
	// More links to the dossier book for the rest when the group is cut.
	More string
}

type workPage struct {
	Groups []*workGroup
	Count  int
	Scope  string
}

// workLimit caps each group of the work list; the book has the rest (a "more" link
// under the group). 100 rows keep a counter's four groups quick to render and read.
const workLimit = 100

// pageWork is "my work": the dossiers waiting for the actor, by role. Receptionists
// see their unit's dossiers to receive, transfer, complete or return; leaders the
// dossiers at their unit to assign or approve; processors those assigned to them;
// others the overdue dossiers of their scope.
func (s *Server) pageWork(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	a := motcua.ActorFrom(ctx)
	now := s.DB.Now()
	cals := map[string]*calendar.Calendar{}
	wp := &workPage{Scope: a.UnitCode}
	rows := func(f dossier.Filter) ([]workRow, int, error) {
		if f.Limit == 0 {
			f.Limit = workLimit
		}
		f.Now = now
		items, total, err := s.Dossiers.List(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		out := make([]workRow, 0, len(items))
		for _, sm := range items {
			row := workRow{Summary: sm, StepLate: sm.StepDue != nil && now.After(*sm.StepDue) && sm.State == dossier.StateInProcessing}
			if sm.DueAt != nil {
				row.Urgency = s.urgencyWith(ctx, cals, sm.UnitCode, sm.State, *sm.DueAt, sm.CompletedAt != nil, now)
			}
			out = append(out, row)
		}
		return out, total, nil
	}
	add := func(key, hint string, rs []workRow, total int, more string) {
		sortByDue(rs)
		if total <= len(rs) {
			more = ""
		}
		wp.Groups = append(wp.Groups, &workGroup{Key: key, Hint: hint, Rows: rs, Total: total, More: more})
		wp.Count += len(rs)
	}
	switch {
	case a.Role == motcua.RoleReceptionist && a.UnitCode != "":
		for _, st := range []dossier.State{dossier.StateAwaitingIntake, dossier.StateReceived, dossier.StateWaitingSupplement, dossier.StateResultReady} {
			rs, total, err := rows(dossier.Filter{States: []dossier.State{st}, Unit: a.UnitCode})
			if err != nil {
				return err
			}
			mine := rs[:0]
			for _, row := range rs {
				if row.UnitCode == a.UnitCode { // received here: this counter acts on it
					mine = append(mine, row)
				}
			}
			add("state."+string(st), "work.hint."+string(st), mine, total, "/book?status="+string(st))
		}
	case a.Role == motcua.RoleLeader && a.UnitCode != "":
		// the projection's step role and proposal flag sort them: no dossier is loaded
		rs, _, err := rows(dossier.Filter{States: []dossier.State{dossier.StateInProcessing}, CurrentUnit: a.UnitCode,
			StepRole: motcua.RoleLeader, Limit: 500})
		if err != nil {
			return err
		}
		var assign, approve []workRow
		for _, row := range rs {
			if row.ProposalPending {
				row.Proposal = true
				approve = append(approve, row)
			} else {
				assign = append(assign, row)
			}
		}
		add("work.to_assign", "work.hint.to_assign", assign, len(assign), "")
		add("work.to_approve", "work.hint.to_approve", approve, len(approve), "")
		sus, total, err := rows(dossier.Filter{States: []dossier.State{dossier.StateSuspended}, CurrentUnit: a.UnitCode})
		if err != nil {
			return err
		}
		add("state.suspended", "work.hint.suspended", sus, total, "/book?status=suspended")
	case a.Role == motcua.RoleProcessor && a.UnitCode != "":
		for _, st := range []dossier.State{dossier.StateInProcessing, dossier.StateWaitingSupplement, dossier.StateSuspended} {
			rs, total, err := rows(dossier.Filter{States: []dossier.State{st}, CurrentUnit: a.UnitCode, Assignee: a.Username})
			if err != nil {
				return err
			}
			for i := range rs {
				rs[i].Proposal = st == dossier.StateInProcessing && rs[i].ProposalPending
			}
			add("state."+string(st), "work.hint.mine."+string(st), rs, total, "")
		}
	default:
		rs, total, err := rows(dossier.Filter{States: []dossier.State{dossier.StateReceived, dossier.StateInProcessing, dossier.StateWaitingSupplement, dossier.StateSuspended},
			Unit: a.UnitCode, Overdue: true})
		if err != nil {
			return err
		}
		add("work.overdue", "work.hint.overdue", rs, total, "/book?overdue=true")
	}
	return s.render(w, http.StatusOK, "work", s.view(r, "work.title", wp))
}

// sortByDue puts the most urgent first; dossiers without a due go last.
func sortByDue(rs []workRow) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i].DueAt, rs[j].DueAt
		switch {
		case a == nil:
			return false
		case b == nil:
			return true
		}
		return a.Before(*b)
	})
}
