package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
)

// importBatch is how many dossiers ImportDossiers stores per transaction.
const importBatch = 500

// ImportDossiers stores dossiers whose events were decided elsewhere (the demo year of
// seed.DemoYear, or a migration from another one-stop system): each stream is the
// complete event log of one dossier, in order. Every stream is replayed
// (dossier.Replay) and stored exactly as the live path stores it — the events in
// dossier_events, the dossiers projection and the dossier_steps rows — so nothing
// imported differs from a dossier handled through Create and Act. The daily sequence
// of every (unit, day) used is raised to the highest imported number, so live intake
// continues after the imported codes without duplicates.
//
// Streams are stored in batches of 500 dossiers per transaction, each batch with one
// audit entry ("dossier.import", entity_id "first..last" code, after {"count": n})
// rather than one per event; progress, if not nil, is called after every batch. A
// stream that does not replay, or a code already stored, fails the batch (ECONFLICT
// "db.duplicate" for a duplicate code) and stops the import; the batches committed
// before it stay.
func (db *DB) ImportDossiers(ctx context.Context, streams [][]dossier.Event, progress func(done, total int)) error {
	s := dossierStore{db}
	total := len(streams)
	for lo := 0; lo < total; lo += importBatch {
		hi := min(lo+importBatch, total)
		batch := streams[lo:hi]
		// Replay outside the transaction: it is pure and the slowest part.
		ds := make([]*dossier.Dossier, len(batch))
		for i, evs := range batch {
			if len(evs) == 0 {
				return motcua.Errorf(motcua.EINVALID, "import dossiers: stream %d has no events", lo+i+1)
			}
			d, err := dossier.Replay(evs)
			if err != nil {
				return fmt.Errorf("import dossiers: stream %d: %w", lo+i+1, err)
			}
			ds[i] = d
		}
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			last := map[seqKey]int{}
			for i, d := range ds {
				code, err := dossier.ParseCode(d.Code)
				if err != nil || code.String() != d.Code {
					return motcua.Errorf(motcua.EINVALID, "import dossiers: stream %d: invalid code %q", lo+i+1, d.Code)
				}
				k := seqKey{code.Unit, code.Day.String()}
				last[k] = max(last[k], code.Seq)
				if err := s.insertProjection(ctx, tx, d); err != nil {
					return err
				}
				for _, ev := range batch[i] {
					if err := s.insertEvent(ctx, tx, d.Code, ev); err != nil {
						return err
					}
					if err := s.linkAttachments(ctx, tx, d.Code, ev); err != nil {
						return err
					}
				}
				if err := s.writeSteps(ctx, tx, d); err != nil {
					return err
				}
				if err := db.outboxImport(ctx, tx, d, batch[i]); err != nil { // off unless sqldb.WithOutboxImport
					return err
				}
			}
			if err := raiseSequences(ctx, tx, last); err != nil {
				return err
			}
			if err := db.applyReportCells(ctx, tx, dossierContributions(ds)); err != nil {
				return err
			}
			return db.audit(ctx, tx, "dossier.import", "dossier", ds[0].Code+".."+ds[len(ds)-1].Code, nil,
				map[string]any{"count": len(ds)})
		})
		if err != nil {
			return err
		}
		if progress != nil {
			progress(hi, total)
		}
	}
	return nil
}

// seqKey is one daily sequence: a unit and a day written YYYY-MM-DD.
type seqKey struct{ unit, day string }

// raiseSequences sets each sequence's last number to at least the given one, in key
// order (so that concurrent importers lock rows in the same order).
func raiseSequences(ctx context.Context, tx *sql.Tx, last map[seqKey]int) error {
	keys := make([]seqKey, 0, len(last))
	for k := range last {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].unit != keys[j].unit {
			return keys[i].unit < keys[j].unit
		}
		return keys[i].day < keys[j].day
	})
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `INSERT INTO dossier_sequences (unit_code, day, last_seq) VALUES ($1, $2, $3)
			ON CONFLICT (unit_code, day) DO UPDATE SET last_seq = CASE WHEN excluded.last_seq > dossier_sequences.last_seq
				THEN excluded.last_seq ELSE dossier_sequences.last_seq END`, k.unit, k.day, last[k]); err != nil {
			return fmt.Errorf("import dossiers: sequence %s %s: %w", k.unit, k.day, mapErr(err))
		}
	}
	return nil
}
