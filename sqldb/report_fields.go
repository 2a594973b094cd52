package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/motcua/motcua/report"
)

// cellFields returns the field of every procedure of cells (procedure code → field
// code), read in tx: the field the field levels file the cells under. On PostgreSQL the
// procedure rows are read FOR SHARE, so that a concurrent catalogue update moving one
// of them to another field (moveProcedureField) waits for this transaction and then
// moves its cells too, or has committed before and its new field is the one read here.
// (SQLite has one writer at a time.)
func (db *DB) cellFields(ctx context.Context, tx *sql.Tx, cells report.Cells) (map[string]string, error) {
	var codes []string
	for k := range cells {
		codes = append(codes, k.Procedure)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	out := make(map[string]string, len(codes))
	for lo := 0; lo < len(codes); lo += upsertChunk {
		chunk := codes[lo:min(lo+upsertChunk, len(codes))]
		ph := make([]string, len(chunk))
		args := make([]any, len(chunk))
		for i, c := range chunk {
			ph[i], args[i] = "$"+strconv.Itoa(i+1), c
		}
		q := `SELECT code, field_code FROM procedures WHERE code IN (` + strings.Join(ph, ", ") + `) ORDER BY code`
		if db.Dialect == Postgres {
			q += ` FOR SHARE`
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("report rollup: procedure fields: %w", mapErr(err))
		}
		for rows.Next() {
			var c, f string
			if err := rows.Scan(&c, &f); err != nil {
				rows.Close()
				return nil, fmt.Errorf("report rollup: procedure fields: %w", err)
			}
			out[c] = f
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("report rollup: procedure fields: %w", mapErr(err))
		}
	}
	for _, c := range codes {
		if _, ok := out[c]; !ok {
			return nil, fmt.Errorf("report rollup: procedure %q is not in the catalogue", c)
		}
	}
	return out, nil
}

// moveProcedureField keeps the field levels right when procedure code moves from field
// from to field to, inside tx (the catalogue update's transaction, after the
// procedure row was updated and so locked): at every grain, the procedure's sums
// (its rows of the *_proc level, per period, units and channel) are subtracted from
// from's rows and added to to's, with upserts in primary-key order; from's rows left
// all 0 are deleted.
func (db *DB) moveProcedureField(ctx context.Context, tx *sql.Tx, code, from, to string) error {
	if from == to {
		return nil
	}
	cols := make([]string, len(report.Metrics))
	for i, m := range report.Metrics {
		cols[i] = metricCol(m)
	}
	for _, l := range rollupLevels {
		if l.dim != dimField {
			continue
		}
		src := levelOf(l.grain, dimProc).table
		for _, mv := range []struct {
			field string
			sign  string
		}{{from, "-"}, {to, ""}} {
			var sel, set strings.Builder
			for i, c := range cols {
				if i > 0 {
					sel.WriteString(", ")
					set.WriteString(", ")
				}
				sel.WriteString(mv.sign + db.Dialect.sumFunc() + "(" + c + ")")
				set.WriteString(c + " = " + l.table + "." + c + " + excluded." + c)
			}
			q := `INSERT INTO ` + l.table + ` (period, unit, recv_unit, field_code, channel, ` + strings.Join(cols, ", ") + `)
				SELECT period, unit, recv_unit, $2, channel, ` + sel.String() + ` FROM ` + src + `
				WHERE procedure_code = $1 GROUP BY period, unit, recv_unit, channel ORDER BY period, unit, recv_unit, channel
				ON CONFLICT (period, unit, recv_unit, field_code, channel) DO UPDATE SET ` + set.String()
			if _, err := tx.ExecContext(ctx, q, code, mv.field); err != nil {
				return fmt.Errorf("report rollup %s: move procedure %s from field %s to %s: %w", l.table, code, from, to, mapErr(err))
			}
		}
		q := `DELETE FROM ` + l.table + ` WHERE field_code = $1 AND ` + strings.Join(cols, " = 0 AND ") + ` = 0`
		if _, err := tx.ExecContext(ctx, q, from); err != nil {
			return fmt.Errorf("report rollup %s: empty rows of field %s: %w", l.table, from, mapErr(err))
		}
	}
	return nil
}
