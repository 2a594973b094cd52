package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
)

// bulkBatch is how many dossiers BulkLoadDossiers stores per transaction.
const bulkBatch = 5000

// BulkLoadDossiers stores dossiers like ImportDossiers — the same rows in dossiers,
// dossier_events, dossier_attachments, dossier_steps, dossier_sequences, the outbox
// (when sqldb.WithOutboxImport) and the report rollups, and one "dossier.import" audit
// entry per 500 dossiers with the same entity id and count — but for loading millions
// of them (the benchmark provinces, a migration from another system): streams are
// replayed on every core, rows are written with multi-row INSERTs, 5,000 dossiers per
// transaction, and the rollups are upserted once per transaction from the summed
// contributions. progress, if not nil, is called after each transaction. A stream
// that does not replay or a code already stored fails its transaction and stops the
// load; the transactions committed before it stay.
func (db *DB) BulkLoadDossiers(ctx context.Context, streams [][]dossier.Event, progress func(done, total int)) error {
	total := len(streams)
	for lo := 0; lo < total; lo += bulkBatch {
		hi := min(lo+bulkBatch, total)
		batch := streams[lo:hi]
		ds, err := replayParallel(batch, lo)
		if err != nil {
			return err
		}
		if err := db.Tx(ctx, func(tx *sql.Tx) error { return db.bulkStore(ctx, tx, ds, batch, lo) }); err != nil {
			return err
		}
		if progress != nil {
			progress(hi, total)
		}
	}
	return nil
}

// replayParallel replays streams (numbered from first+1 in errors) on every core.
func replayParallel(streams [][]dossier.Event, first int) ([]*dossier.Dossier, error) {
	ds := make([]*dossier.Dossier, len(streams))
	errs := make([]error, len(streams))
	workers := max(1, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(streams); i += workers {
				if len(streams[i]) == 0 {
					errs[i] = motcua.Errorf(motcua.EINVALID, "import dossiers: stream %d has no events", first+i+1)
					continue
				}
				d, err := dossier.Replay(streams[i])
				if err != nil {
					errs[i] = fmt.Errorf("import dossiers: stream %d: %w", first+i+1, err)
				}
				ds[i] = d
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return ds, nil
}

// bulkStore writes one transaction of BulkLoadDossiers.
func (db *DB) bulkStore(ctx context.Context, tx *sql.Tx, ds []*dossier.Dossier, streams [][]dossier.Event, first int) error {
	last := map[seqKey]int{}
	var projections, events, attachments, steps [][]any
	for i, d := range ds {
		code, err := dossier.ParseCode(d.Code)
		if err != nil || code.String() != d.Code {
			return motcua.Errorf(motcua.EINVALID, "import dossiers: stream %d: invalid code %q", first+i+1, d.Code)
		}
		k := seqKey{code.Unit, code.Day.String()}
		last[k] = max(last[k], code.Seq)
		p, err := projection(d)
		if err != nil {
			return err
		}
		projections = append(projections, p)
		for _, ev := range streams[i] {
			body, err := json.Marshal(ev)
			if err != nil {
				return fmt.Errorf("encode event %s #%d: %w", d.Code, ev.Seq, err)
			}
			events = append(events, []any{d.Code, ev.Seq, string(ev.Action), ev.Actor, string(ev.Role), ev.UnitCode, ev.At.UTC(),
				string(ev.From), string(ev.To), ev.Reason, string(body)})
			for _, a := range ev.Attachments {
				attachments = append(attachments, []any{d.Code, a.SHA256, a.Name, string(ev.Action), ev.At.UTC(), ev.Actor})
			}
		}
		for j, r := range d.Steps {
			steps = append(steps, []any{d.Code, j, r.Index, r.UnitCode, string(r.Role), string(r.Phase),
				r.StartedAt.UTC(), nullTime(r.Due), nullTime(r.EndedAt), string(r.Outcome), r.AheadMinutes})
		}
	}
	if err := db.insertRows(ctx, tx, "dossiers ("+projectionCols+")", "", projections); err != nil {
		return fmt.Errorf("import dossiers: %w", withField(err, "procedure_code"))
	}
	if err := db.insertRows(ctx, tx, `dossier_events (dossier_code, seq, action, actor, role, unit_code, at, from_state, to_state, reason, body)`, "", events); err != nil {
		return fmt.Errorf("import dossiers: events: %w", err)
	}
	if err := db.insertRows(ctx, tx, `dossier_attachments (dossier_code, sha256, name, kind, added_at, added_by)`, " ON CONFLICT DO NOTHING", attachments); err != nil {
		return fmt.Errorf("import dossiers: attachments: %w", withField(err, "attachments"))
	}
	if err := db.insertRows(ctx, tx, `dossier_steps (dossier_code, run, step_index, unit_code, role, phase, started_at, due, ended_at, outcome, ahead_minutes)`, "", steps); err != nil {
		return fmt.Errorf("import dossiers: steps: %w", err)
	}
	for i, d := range ds {
		if err := db.outboxImport(ctx, tx, d, streams[i]); err != nil { // off unless sqldb.WithOutboxImport
			return err
		}
	}
	if err := raiseSequences(ctx, tx, last); err != nil {
		return err
	}
	if err := db.applyReportCells(ctx, tx, dossierContributions(ds)); err != nil {
		return err
	}
	for lo := 0; lo < len(ds); lo += importBatch { // the audit entries ImportDossiers writes
		hi := min(lo+importBatch, len(ds))
		if err := db.audit(ctx, tx, "dossier.import", "dossier", ds[lo].Code+".."+ds[hi-1].Code, nil,
			map[string]any{"count": hi - lo}); err != nil {
			return err
		}
	}
	return nil
}

// insertRows inserts rows into table (with its column list), each statement followed
// by suffix: on SQLite one prepared single-row statement per row (in-process, parsing
// is the cost), on PostgreSQL multi-row statements of at most about 8,000 parameters.
func (db *DB) insertRows(ctx context.Context, tx *sql.Tx, into, suffix string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if db.Dialect == SQLite {
		ph := strings.Repeat("?,", len(rows[0]))
		stmt, err := tx.PrepareContext(ctx, "INSERT INTO "+into+" VALUES ("+ph[:len(ph)-1]+")"+suffix)
		if err != nil {
			return mapErr(err)
		}
		defer stmt.Close()
		for _, r := range rows {
			if _, err := stmt.ExecContext(ctx, r...); err != nil {
				return mapErr(err)
			}
		}
		return nil
	}
	per := max(1, 8000/len(rows[0]))
	for lo := 0; lo < len(rows); lo += per {
		chunk := rows[lo:min(lo+per, len(rows))]
		var sb strings.Builder
		args := make([]any, 0, len(chunk)*len(chunk[0]))
		sb.WriteString("INSERT INTO " + into + " VALUES ")
		for i, r := range chunk {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteByte('(')
			for j, v := range r {
				if j > 0 {
					sb.WriteByte(',')
				}
				args = append(args, v)
				sb.WriteString("$" + strconv.Itoa(len(args)))
			}
			sb.WriteByte(')')
		}
		sb.WriteString(suffix)
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return mapErr(err)
		}
	}
	return nil
}
