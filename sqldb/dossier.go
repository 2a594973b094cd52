package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/vntext"
)

// Dossiers returns the dossier store backed by db.
func (db *DB) Dossiers() dossier.Store { return dossierStore{db} }

type dossierStore struct{ db *DB }

var _ dossier.Store = dossierStore{}

// receivingUnit is the unit whose daily sequence numbers a new dossier.
func receivingUnit(cmd dossier.Command, actor motcua.Actor) string {
	if cmd.Action == dossier.ActSubmitOnline {
		return strings.TrimSpace(cmd.UnitCode)
	}
	return actor.UnitCode
}

func (s dossierStore) Create(ctx context.Context, cmd dossier.Command, actor motcua.Actor, p *catalog.Procedure, cals dossier.CalendarFor) (*dossier.Dossier, error) {
	unit := receivingUnit(cmd, actor)
	if !catalog.ValidUnitCode(unit) {
		return nil, motcua.FieldError(motcua.EINVALID, "unit_code", "dossier.unit_invalid")
	}
	cal, err := cals(ctx, unit)
	if err != nil {
		return nil, err
	}
	var d *dossier.Dossier
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		now := s.db.now().In(motcua.ICT)
		day := calendar.DateOf(now)
		var seq int
		err := tx.QueryRowContext(ctx, `INSERT INTO dossier_sequences (unit_code, day, last_seq) VALUES ($1, $2, 1)
			ON CONFLICT (unit_code, day) DO UPDATE SET last_seq = dossier_sequences.last_seq + 1 RETURNING last_seq`,
			unit, day.String()).Scan(&seq)
		if err != nil {
			return fmt.Errorf("allocate dossier number for %s: %w", unit, mapErr(err))
		}
		env := dossier.Env{Procedure: p, Calendar: cal, Code: dossier.FormatCode(unit, day, seq)}
		ev, err := dossier.Decide(nil, cmd, actor, now, env)
		if err != nil {
			return err
		}
		d = &dossier.Dossier{}
		if err := dossier.Apply(d, ev); err != nil {
			return fmt.Errorf("apply %s: %w", ev.Action, err)
		}
		if err := s.insertProjection(ctx, tx, d); err != nil {
			return err
		}
		if err := s.db.applyReportDiff(ctx, tx, nil, d); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, d, ev)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (s dossierStore) Act(ctx context.Context, code string, cmd dossier.Command, actor motcua.Actor, cals dossier.CalendarFor) (*dossier.Dossier, error) {
	// The calendar is looked up before the transaction: it may query the database, and
	// on SQLite a query on another connection while this one holds the write lock would
	// wait for it. The receiving unit, whose calendar a dossier uses, never changes.
	var unit string
	err := s.db.QueryRowContext(ctx, `SELECT unit_code FROM dossiers WHERE code = $1`, code).Scan(&unit)
	if err == sql.ErrNoRows {
		return nil, notFound("dossier.not_found")
	} else if err != nil {
		return nil, fmt.Errorf("act on %s: %w", code, mapErr(err))
	}
	cal, err := cals(ctx, unit)
	if err != nil {
		return nil, err
	}
	var d *dossier.Dossier
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		if s.db.Dialect == Postgres {
			// Serialise actions on one dossier; the (code, seq) key would also reject
			// the loser, but the lock turns a race into a clean version conflict.
			if _, err := tx.ExecContext(ctx, `SELECT 1 FROM dossiers WHERE code = $1 FOR UPDATE`, code); err != nil {
				return fmt.Errorf("lock dossier %s: %w", code, mapErr(err))
			}
		}
		events, err := s.events(ctx, tx, code)
		if err != nil {
			return err
		}
		if d, err = dossier.Replay(events); err != nil {
			return fmt.Errorf("replay dossier %s: %w", code, err)
		}
		now := s.db.now().In(motcua.ICT)
		if last := events[len(events)-1].At; now.Before(last) {
			now = last // clocks of several instances may differ slightly
		}
		ev, err := dossier.Decide(d, cmd, actor, now, dossier.Env{Calendar: cal})
		if err != nil {
			return err
		}
		oldVersion := d.Version
		before := report.Contribution(d)
		if err := dossier.Apply(d, ev); err != nil {
			return fmt.Errorf("apply %s to %s: %w", ev.Action, code, err)
		}
		if err := s.updateProjection(ctx, tx, d, oldVersion); err != nil {
			return err
		}
		if err := s.db.applyReportDiff(ctx, tx, before, d); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, d, ev)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (s dossierStore) appendEvent(ctx context.Context, tx *sql.Tx, d *dossier.Dossier, ev dossier.Event) error {
	if err := s.insertEvent(ctx, tx, d.Code, ev); err != nil {
		return err
	}
	if err := s.writeSteps(ctx, tx, d); err != nil {
		return err
	}
	if err := s.linkAttachments(ctx, tx, d.Code, ev); err != nil {
		return err
	}
	if err := s.db.enqueueOutbox(ctx, tx, d, ev); err != nil { // same transaction: sqldb/outbox.go
		return err
	}
	return s.db.audit(ctx, tx, "dossier."+string(ev.Action), "dossier", d.Code, nil,
		map[string]any{"seq": ev.Seq, "from": ev.From, "to": ev.To, "reason": ev.Reason, "unit": ev.UnitCode})
}

// insertEvent inserts one row of the event log of dossier code. A duplicate (code,
// seq) — another officer's event appended first — is ECONFLICT "dossier.version_stale".
func (s dossierStore) insertEvent(ctx context.Context, tx *sql.Tx, code string, ev dossier.Event) error {
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("encode event: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO dossier_events (dossier_code, seq, action, actor, role, unit_code, at, from_state, to_state, reason, body)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
		code, ev.Seq, string(ev.Action), ev.Actor, string(ev.Role), ev.UnitCode, ev.At.UTC(), string(ev.From), string(ev.To), ev.Reason, string(body))
	if err != nil {
		err = mapErr(err)
		if motcua.ErrorCode(err) == motcua.ECONFLICT {
			return &motcua.Error{Code: motcua.ECONFLICT, Message: dossier.MsgVersionStale}
		}
		return fmt.Errorf("append event %s #%d: %w", code, ev.Seq, err)
	}
	return nil
}

// linkAttachments links the attachments of event ev to dossier code.
func (s dossierStore) linkAttachments(ctx context.Context, tx *sql.Tx, code string, ev dossier.Event) error {
	for _, a := range ev.Attachments {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_attachments (dossier_code, sha256, name, kind, added_at, added_by)
			VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`, code, a.SHA256, a.Name, string(ev.Action), ev.At.UTC(), ev.Actor); err != nil {
			return fmt.Errorf("link attachment %s to %s: %w", a.SHA256, code, withField(mapErr(err), "attachments"))
		}
	}
	return nil
}

// projection holds the columns derived from a dossier.
func projection(d *dossier.Dossier) ([]any, error) {
	body, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("encode dossier %s: %w", d.Code, err)
	}
	var outcome, stepRole string
	var completed, ahead any
	if d.Step >= 0 && d.Step < len(d.Plan) {
		stepRole = string(d.Plan[d.Step].Role)
	}
	if d.Completion != nil {
		outcome = string(d.Completion.Outcome)
		completed = d.Completion.Completed.UTC()
		ahead = d.Completion.AheadMinutes
	}
	return []any{d.Code, d.ProcedureCode, d.ProcedureVersion, d.UnitCode, d.CurrentUnit, string(d.Channel), string(d.State), d.Version,
		d.Assignee, d.Applicant.FullName, d.Applicant.IDNumber, vntext.Fold(d.Code + " " + d.Applicant.FullName), d.FourOnSpot,
		nullTime(d.SubmittedAt), nullTime(d.ReceivedAt), nullTime(d.DueAt), d.Step, nullTime(d.StepDue), outcome, completed, ahead,
		nullTime(d.ReturnedAt), nullTime(d.ClosedAt), d.OverdueAtClose, d.FeesOwed(), d.FeesPaid(), string(body),
		d.CreatedAt.UTC(), d.UpdatedAt.UTC(), stepRole, d.Proposal != nil}, nil
}

const projectionCols = `code, procedure_code, procedure_version, unit_code, current_unit, channel, state, version,
	assignee, applicant_name, applicant_id, search_key, four_on_spot,
	submitted_at, received_at, due_at, step_index, step_due, outcome, completed_at, ahead_minutes,
	returned_at, closed_at, overdue_at_close, fees_owed, fees_paid, body, created_at, updated_at,
	step_role, proposal_pending`

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func (s dossierStore) insertProjection(ctx context.Context, tx *sql.Tx, d *dossier.Dossier) error {
	args, err := projection(d)
	if err != nil {
		return err
	}
	ph := make([]string, len(args))
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO dossiers (`+projectionCols+`) VALUES (`+strings.Join(ph, ",")+`)`, args...); err != nil {
		return fmt.Errorf("insert dossier %s: %w", d.Code, withField(mapErr(err), "procedure_code"))
	}
	return nil
}

func (s dossierStore) updateProjection(ctx context.Context, tx *sql.Tx, d *dossier.Dossier, oldVersion int) error {
	args, err := projection(d)
	if err != nil {
		return err
	}
	cols := strings.Split(projectionCols, ",")
	var sets []string
	for i, c := range cols[1:] {
		sets = append(sets, fmt.Sprintf("%s = $%d", strings.TrimSpace(c), i+2))
	}
	args = append(args, oldVersion)
	res, err := tx.ExecContext(ctx, `UPDATE dossiers SET `+strings.Join(sets, ", ")+fmt.Sprintf(` WHERE code = $1 AND version = $%d`, len(args)), args...)
	if err != nil {
		return fmt.Errorf("update dossier %s: %w", d.Code, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return &motcua.Error{Code: motcua.ECONFLICT, Message: dossier.MsgVersionStale}
	}
	return nil
}

func (s dossierStore) writeSteps(ctx context.Context, tx *sql.Tx, d *dossier.Dossier) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM dossier_steps WHERE dossier_code = $1`, d.Code); err != nil {
		return fmt.Errorf("steps of %s: %w", d.Code, mapErr(err))
	}
	for i, r := range d.Steps {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_steps (dossier_code, run, step_index, unit_code, role, phase, started_at, due, ended_at, outcome, ahead_minutes)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`, d.Code, i, r.Index, r.UnitCode, string(r.Role), string(r.Phase),
			r.StartedAt.UTC(), nullTime(r.Due), nullTime(r.EndedAt), string(r.Outcome), r.AheadMinutes); err != nil {
			return fmt.Errorf("steps of %s: %w", d.Code, mapErr(err))
		}
	}
	return nil
}

func (s dossierStore) events(ctx context.Context, q querier, code string) ([]dossier.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT body FROM dossier_events WHERE dossier_code = $1 ORDER BY seq`, code)
	if err != nil {
		return nil, fmt.Errorf("events of %s: %w", code, mapErr(err))
	}
	defer rows.Close()
	var out []dossier.Event
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("events of %s: %w", code, err)
		}
		var ev dossier.Event
		if err := json.Unmarshal([]byte(body), &ev); err != nil {
			return nil, fmt.Errorf("events of %s: decode: %w", code, err)
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("dossier.not_found")
	}
	return out, nil
}

func (s dossierStore) Events(ctx context.Context, code string) ([]dossier.Event, error) {
	return s.events(ctx, s.db, code)
}

func (s dossierStore) Get(ctx context.Context, code string) (*dossier.Dossier, error) {
	var body string
	err := s.db.queryRowPrepared(ctx, `SELECT body FROM dossiers WHERE code = $1`, code).Scan(&body)
	if err == sql.ErrNoRows {
		return nil, notFound("dossier.not_found")
	} else if err != nil {
		return nil, fmt.Errorf("get dossier %s: %w", code, mapErr(err))
	}
	var d dossier.Dossier
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		return nil, fmt.Errorf("get dossier %s: decode: %w", code, err)
	}
	return &d, nil
}

func (s dossierStore) List(ctx context.Context, f dossier.Filter) ([]dossier.Summary, int, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	if f.Limit > 1000 {
		f.Limit = 1000
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	// selective: a condition that keeps few dossiers and has its own index, so the
	// query starts from it; otherwise a unit's list starts from dossier_scope.
	selective := len(f.States) > 0 || f.CurrentUnit != "" || f.Assignee != "" || f.StepRole != "" ||
		!f.DueBefore.IsZero() || !f.DueFrom.IsZero() || f.Overdue || f.Q != ""
	if len(f.States) > 0 {
		var ps []string
		for _, st := range f.States {
			ps = append(ps, arg(string(st)))
		}
		where = append(where, "d.state IN ("+strings.Join(ps, ",")+")")
	}
	if f.CurrentUnit != "" {
		where = append(where, "d.current_unit = "+arg(f.CurrentUnit))
	}
	if f.ProcedureCode != "" {
		where = append(where, "d.procedure_code = "+arg(f.ProcedureCode))
	}
	if f.Assignee != "" {
		where = append(where, "d.assignee = "+arg(f.Assignee))
	}
	if f.StepRole != "" {
		where = append(where, "d.step_role = "+arg(string(f.StepRole)))
	}
	if !f.DueBefore.IsZero() {
		where = append(where, "d.due_at < "+arg(f.DueBefore.UTC()))
	}
	if !f.DueFrom.IsZero() {
		where = append(where, "d.due_at >= "+arg(f.DueFrom.UTC()))
	}
	if f.Overdue {
		now := f.Now
		if now.IsZero() {
			now = s.db.now()
		}
		where = append(where, "d.due_at < "+arg(now.UTC())+" AND d.completed_at IS NULL AND d.closed_at IS NULL")
	}
	if !f.ReceivedFrom.IsZero() {
		where = append(where, "d.received_at >= "+arg(f.ReceivedFrom.UTC()))
	}
	if !f.ReceivedTo.IsZero() {
		where = append(where, "d.received_at < "+arg(f.ReceivedTo.UTC()))
	}
	where = append(where, s.searchCond(vntext.Terms(f.Q), arg)...)
	// The unit filter (received at, held by or passing through the unit) is
	// dossier_scope (migration 0006): either the rows the query starts from, newest
	// first, or a primary-key probe for each dossier the other conditions keep.
	from, order := "dossiers d", "d.created_at DESC, d.code DESC"
	if f.Unit != "" {
		u := arg(f.Unit)
		if selective {
			where = append(where, "EXISTS (SELECT 1 FROM dossier_scope s WHERE s.unit_code = "+u+" AND s.code = d.code)")
		} else {
			// CROSS JOIN keeps SQLite's join order: the unit's index range drives
			join := "JOIN"
			if s.db.Dialect == SQLite {
				join = "CROSS JOIN"
			}
			from, order = "dossier_scope s "+join+" dossiers d ON d.code = s.code", "s.created_at DESC, s.code DESC"
			where = append([]string{"s.unit_code = " + u}, where...)
		}
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	count, countArgs := `SELECT COUNT(*) FROM `+from+cond, args
	switch {
	case f.Unit != "" && !selective && len(where) == 1:
		count = `SELECT COUNT(*) FROM dossier_scope s` + cond // an index range
	case f.CountLimit > 0 && len(where) > 0:
		// stop counting past the limit (or past the page asked for)
		countArgs = append(slices.Clip(args), max(f.CountLimit, f.Offset+f.Limit)+1)
		count = fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM %s%s LIMIT $%d) c`, from, cond, len(countArgs))
	}
	if err := s.db.QueryRowContext(ctx, count, countArgs...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list dossiers: %w", mapErr(err))
	}
	q := `SELECT l.code, l.procedure_code, COALESCE(p.name, ''), l.unit_code, l.current_unit, l.channel, l.state, l.version, l.assignee,
		l.applicant_name, l.received_at, l.due_at, l.step_due, l.outcome, l.completed_at, l.step_role, l.proposal_pending
		FROM (SELECT d.code, d.procedure_code, d.unit_code, d.current_unit, d.channel, d.state, d.version, d.assignee, d.applicant_name,
			d.received_at, d.due_at, d.step_due, d.outcome, d.completed_at, d.step_role, d.proposal_pending, d.created_at
			FROM ` + from + cond + ` ORDER BY ` + order + ` LIMIT ` + arg(f.Limit) + ` OFFSET ` + arg(f.Offset) + `) l
		LEFT JOIN procedures p ON p.code = l.procedure_code ORDER BY l.created_at DESC, l.code DESC`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list dossiers: %w", mapErr(err))
	}
	defer rows.Close()
	out := []dossier.Summary{}
	for rows.Next() {
		var sm dossier.Summary
		var recv, due, stepDue, done sql.NullTime
		if err := rows.Scan(&sm.Code, &sm.ProcedureCode, &sm.ProcedureName, &sm.UnitCode, &sm.CurrentUnit, &sm.Channel, &sm.State, &sm.Version,
			&sm.Assignee, &sm.ApplicantName, &recv, &due, &stepDue, &sm.Outcome, &done, &sm.StepRole, &sm.ProposalPending); err != nil {
			return nil, 0, fmt.Errorf("list dossiers: %w", err)
		}
		sm.ReceivedAt, sm.DueAt, sm.StepDue, sm.CompletedAt = localPtr(recv), localPtr(due), localPtr(stepDue), localPtr(done)
		out = append(out, sm)
	}
	return out, total, rows.Err()
}

// searchCond matches the folded terms anywhere in search_key (the code and the
// applicant's name without case or diacritics) through dossiers_search (migration
// 0006): on SQLite a trigram index that answers LIKE '%term%' itself, on PostgreSQL a
// narrow copy of the key whose scan is quick. On SQLite a term holding a LIKE
// wildcard keeps the escaped LIKE on the dossiers row (the index takes no ESCAPE).
func (s dossierStore) searchCond(terms []string, arg func(any) string) []string {
	if len(terms) == 0 {
		return nil
	}
	var likes []string
	if s.db.Dialect == SQLite {
		if slices.ContainsFunc(terms, func(t string) bool { return strings.ContainsAny(t, `%_\`) }) {
			for _, t := range terms {
				likes = append(likes, `d.search_key LIKE `+arg(vntext.LikePattern(t))+` ESCAPE '\'`)
			}
			return likes
		}
		for _, t := range terms {
			likes = append(likes, "search_key LIKE "+arg("%"+t+"%"))
		}
	} else {
		for _, t := range terms {
			likes = append(likes, `search_key LIKE `+arg(vntext.LikePattern(t))+` ESCAPE '\'`)
		}
	}
	return []string{"d.code IN (SELECT code FROM dossiers_search WHERE " + strings.Join(likes, " AND ") + ")"}
}

func localPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time.In(motcua.ICT)
	return &v
}
