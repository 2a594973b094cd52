package sqldb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
)

// rebuildBatch is how many dossiers RebuildReports and VerifyReports replay at a time.
const rebuildBatch = 1000

// rebuildState is the report_state row present while the rollups must be rebuilt.
const rebuildState = "rebuild"

// RebuildReports recomputes every rollup level from the event log: it empties them,
// then replays every dossier's events (dossier.Apply) and stores the sum of their
// contributions, one transaction per batch of 1,000 dossiers; progress, if not nil, is
// called after each batch with the dossiers done and the total.
//
// While it runs, report_state holds a 'rebuild' row with a token of this run: a
// rebuild interrupted half-way leaves it, and the next Migrate (every `motcua` command
// and `motcua serve` runs it) starts the rebuild again; a second rebuild started
// meanwhile takes the row over, and the first then stops with ECONFLICT instead of
// adding its batches to the second's tables.
//
// It must run while intake is paused (server stopped or no dossier actions): an event
// stored by another instance while it runs may be counted twice (its diff applied and
// then its dossier replayed) or missed (its diff applied to a table emptied after it).
// `motcua report rebuild` opens the database itself and says so.
func (db *DB) RebuildReports(ctx context.Context, progress func(done, total int)) error {
	var total int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&total); err != nil {
		return fmt.Errorf("rebuild reports: %w", mapErr(err))
	}
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Errorf("rebuild reports: token: %w", err)
	}
	token := hex.EncodeToString(b[:])
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		for _, l := range rollupLevels {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+l.table); err != nil {
				return fmt.Errorf("rebuild reports: empty %s: %w", l.table, mapErr(err))
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO report_state (name, value) VALUES ($1, $2)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, rebuildState, token); err != nil {
			return fmt.Errorf("rebuild reports: state: %w", mapErr(err))
		}
		return db.audit(ctx, tx, "report.rebuild", "report", "rollups", nil, map[string]any{"dossiers": total})
	})
	if err != nil {
		return err
	}
	last, done := "", 0
	for {
		codes, err := dossierCodesAfter(ctx, db, last, rebuildBatch)
		if err != nil {
			return fmt.Errorf("rebuild reports: %w", err)
		}
		err = db.Tx(ctx, func(tx *sql.Tx) error {
			var cur string
			if err := tx.QueryRowContext(ctx, `SELECT value FROM report_state WHERE name = $1`, rebuildState).Scan(&cur); err != nil && err != sql.ErrNoRows {
				return fmt.Errorf("rebuild reports: state: %w", mapErr(err))
			}
			if cur != token {
				return motcua.Errorf(motcua.ECONFLICT, "rebuild reports: another rebuild started meanwhile; it goes on alone")
			}
			if len(codes) == 0 {
				_, err := tx.ExecContext(ctx, `DELETE FROM report_state WHERE name = $1`, rebuildState)
				return mapErr(err)
			}
			ds, err := replayRange(ctx, tx, codes[0], codes[len(codes)-1])
			if err != nil {
				return err
			}
			return db.applyReportCells(ctx, tx, dossierContributions(ds))
		})
		if err != nil || len(codes) == 0 {
			return err
		}
		last, done = codes[len(codes)-1], done+len(codes)
		if progress != nil {
			progress(done, max(total, done))
		}
	}
}

// finishReportRebuild runs RebuildReports when report_state asks for it: after
// migration 0008 on a database that already held dossiers, or after a rebuild that
// did not end. Migrate calls it last, under its lock.
func (db *DB) finishReportRebuild(ctx context.Context) error {
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM report_state WHERE name = $1`, rebuildState).Scan(&n); err != nil {
		return fmt.Errorf("migrate: report state: %w", mapErr(err))
	}
	if n == 0 {
		return nil
	}
	if err := db.RebuildReports(ctx, nil); err != nil {
		return fmt.Errorf("migrate: rebuild the report rollups: %w", err)
	}
	return nil
}

// dossierCodesAfter returns up to n dossier codes after after, in order.
func dossierCodesAfter(ctx context.Context, q querier, after string, n int) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT code FROM dossiers WHERE code > $1 ORDER BY code LIMIT $2`, after, n)
	if err != nil {
		return nil, fmt.Errorf("dossier codes: %w", mapErr(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("dossier codes: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// replayRange replays the dossiers whose codes are in [first, last].
func replayRange(ctx context.Context, q querier, first, last string) ([]*dossier.Dossier, error) {
	rows, err := q.QueryContext(ctx, `SELECT dossier_code, body FROM dossier_events
		WHERE dossier_code >= $1 AND dossier_code <= $2 ORDER BY dossier_code, seq`, first, last)
	if err != nil {
		return nil, fmt.Errorf("replay: events: %w", mapErr(err))
	}
	defer rows.Close()
	var out []*dossier.Dossier
	var cur string
	var d *dossier.Dossier
	for rows.Next() {
		var code, body string
		if err := rows.Scan(&code, &body); err != nil {
			return nil, fmt.Errorf("replay: %w", err)
		}
		if code != cur || d == nil {
			cur, d = code, &dossier.Dossier{}
			out = append(out, d)
		}
		ev, err := decodeEvent(body)
		if err != nil {
			return nil, fmt.Errorf("replay %s: %w", code, err)
		}
		if err := dossier.Apply(d, ev); err != nil {
			return nil, fmt.Errorf("replay %s #%d: %w", code, ev.Seq, err)
		}
	}
	return out, rows.Err()
}

// VerifyReports recomputes every dossier's contribution from the event log and
// compares it with every stored rollup level, the field levels with each procedure
// filed under its field now; it returns the differences stored − recomputed (empty:
// consistent). A difference is keyed by its level's table and metric (Metric
// "rollup_month.received"), the first day of its period (Day), and the row's units,
// procedure (at the field levels the field code; empty at the levels with neither)
// and channel.
//
// It only reads, in one read-only transaction (a snapshot on both engines, so intake
// may go on), replaying 1,000 dossiers at a time; it holds the recomputed rows of
// every level in memory (about 300 bytes per stored rollup row).
func (db *DB) VerifyReports(ctx context.Context) (report.Cells, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if db.Dialect == Postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("verify reports: %w", mapErr(err))
	}
	defer tx.Rollback()
	fieldOf, err := procedureFields(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("verify reports: %w", err)
	}
	want := make([]rollupRows, len(rollupLevels))
	for i := range want {
		want[i] = rollupRows{}
	}
	for last := ""; ; {
		codes, err := dossierCodesAfter(ctx, tx, last, rebuildBatch)
		if err != nil {
			return nil, fmt.Errorf("verify reports: %w", err)
		}
		if len(codes) == 0 {
			break
		}
		ds, err := replayRange(ctx, tx, codes[0], codes[len(codes)-1])
		if err != nil {
			return nil, fmt.Errorf("verify reports: %w", err)
		}
		cells := dossierContributions(ds)
		for i, l := range rollupLevels {
			if err := want[i].add(l, cells, fieldOf); err != nil {
				return nil, fmt.Errorf("verify reports: %w", err)
			}
		}
		last = codes[len(codes)-1]
	}
	diff := report.Cells{}
	zero := make([]int64, len(report.Metrics))
	for i, l := range rollupLevels {
		d := make([]int64, len(report.Metrics))
		err := readLevel(ctx, tx, l, func(k rowKey, stored []int64) {
			w := want[i][k]
			if w == nil {
				w = zero
			}
			for j := range d {
				d[j] = stored[j] - w[j]
			}
			rowCells(diff, l, k, d, l.table+".")
			delete(want[i], k)
		})
		if err != nil {
			return nil, fmt.Errorf("verify reports: %w", err)
		}
		for k, w := range want[i] {
			for j := range d {
				d[j] = -w[j]
			}
			rowCells(diff, l, k, d, l.table+".")
		}
	}
	return diff, nil
}
