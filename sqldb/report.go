package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
)

// The report rollups (migration 0004, package report): report_days holds the sum of
// every dossier's report.Contribution per cell, report_months the same per month
// without the procedure. Both change only in the transaction that stores a dossier
// event (Create, Act, ImportDossiers) or by RebuildReports, so a report is exact at
// every committed instant.

// upsertChunk is how many rows one upsert statement carries.
const upsertChunk = 250

// applyReportDiff adds to the rollups the change of d's contribution since before (nil
// for a new dossier), inside tx.
func (db *DB) applyReportDiff(ctx context.Context, tx *sql.Tx, before report.Cells, d *dossier.Dossier) error {
	return db.applyReportCells(ctx, tx, report.Diff(before, report.Contribution(d)))
}

// applyReportCells adds cells to both rollups with upserts
// (INSERT … ON CONFLICT … DO UPDATE SET value = value + excluded.value), rows in
// primary-key order and report_days before report_months, so that concurrent
// transactions lock rows in one order (PostgreSQL's deadlock 40P01, should one occur
// all the same, is retried by Tx).
func (db *DB) applyReportCells(ctx context.Context, tx *sql.Tx, cells report.Cells) error {
	if len(cells) == 0 {
		return nil
	}
	months := report.Cells{}
	for k, v := range cells {
		mk := k
		mk.Day, mk.Procedure = calendar.D(k.Day.Year, k.Day.Month, 1), ""
		months[mk] += v
	}
	months = months.NonZero()
	days := cells.Keys()
	var rows [][]any
	for _, k := range days {
		if v := cells[k]; v != 0 {
			rows = append(rows, []any{string(k.Metric), k.Day.String(), k.Unit, k.RecvUnit, k.Procedure, string(k.Channel), v})
		}
	}
	if err := upsertRows(ctx, tx, db.Dialect, `report_days (metric, day, unit, recv_unit, procedure_code, channel, value)`,
		`(metric, day, unit, recv_unit, procedure_code, channel)`, `report_days`, rows); err != nil {
		return err
	}
	rows = rows[:0]
	for _, k := range months.Keys() {
		rows = append(rows, []any{string(k.Metric), monthOf(k.Day), k.Unit, k.RecvUnit, string(k.Channel), months[k]})
	}
	return upsertRows(ctx, tx, db.Dialect, `report_months (metric, month, unit, recv_unit, channel, value)`,
		`(metric, month, unit, recv_unit, channel)`, `report_months`, rows)
}

func upsertRows(ctx context.Context, tx *sql.Tx, dialect Dialect, into, conflict, table string, rows [][]any) error {
	for lo := 0; lo < len(rows); lo += upsertChunk {
		chunk := rows[lo:min(lo+upsertChunk, len(rows))]
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
				if dialect == SQLite {
					sb.WriteByte('?') // SQLite looks $N up linearly: quadratic in a long statement
				} else {
					fmt.Fprintf(&sb, "$%d", len(args))
				}
			}
			sb.WriteByte(')')
		}
		sb.WriteString(" ON CONFLICT " + conflict + " DO UPDATE SET value = " + table + ".value + excluded.value")
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("report rollup %s: %w", table, mapErr(err))
		}
	}
	return nil
}

func monthOf(d calendar.Date) string { return d.String()[:7] }

// dossierContributions sums the contributions of ds.
func dossierContributions(ds []*dossier.Dossier) report.Cells {
	cells := report.Cells{}
	for _, d := range ds {
		cells.Add(report.Contribution(d))
	}
	return cells.NonZero()
}

// RebuildReports recomputes both rollups from the event log: it empties them, then
// replays every dossier's events (dossier.Replay) and stores the sum of their
// contributions, one transaction per batch of 500 dossiers; progress, if not nil, is
// called after each batch with the dossiers done and the total.
//
// It must run while intake is paused (server stopped or no dossier actions): an event
// stored by another instance while it runs may be counted twice (its diff applied and
// then its dossier replayed) or missed (its diff applied to a table emptied after it).
// `motcua report rebuild` opens the database itself and says so. If it stops half-way,
// run it again: it starts from empty tables each time.
func (db *DB) RebuildReports(ctx context.Context, progress func(done, total int)) error {
	var total int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&total); err != nil {
		return fmt.Errorf("rebuild reports: %w", mapErr(err))
	}
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		for _, t := range []string{"report_days", "report_months"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return fmt.Errorf("rebuild reports: empty %s: %w", t, mapErr(err))
			}
		}
		return db.audit(ctx, tx, "report.rebuild", "report", "rollups", nil, map[string]any{"dossiers": total})
	})
	if err != nil {
		return err
	}
	last, done := "", 0
	for {
		codes, err := db.dossierCodesAfter(ctx, last, importBatch)
		if err != nil {
			return err
		}
		if len(codes) == 0 {
			return nil
		}
		err = db.Tx(ctx, func(tx *sql.Tx) error {
			ds, err := replayRange(ctx, tx, codes[0], codes[len(codes)-1])
			if err != nil {
				return err
			}
			return db.applyReportCells(ctx, tx, dossierContributions(ds))
		})
		if err != nil {
			return err
		}
		last, done = codes[len(codes)-1], done+len(codes)
		if progress != nil {
			progress(done, max(total, done))
		}
	}
}

func (db *DB) dossierCodesAfter(ctx context.Context, after string, n int) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT code FROM dossiers WHERE code > $1 ORDER BY code LIMIT $2`, after, n)
	if err != nil {
		return nil, fmt.Errorf("rebuild reports: %w", mapErr(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
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
		return nil, fmt.Errorf("rebuild reports: events: %w", mapErr(err))
	}
	defer rows.Close()
	var out []*dossier.Dossier
	var cur string
	var d *dossier.Dossier
	for rows.Next() {
		var code, body string
		if err := rows.Scan(&code, &body); err != nil {
			return nil, err
		}
		if code != cur || d == nil {
			cur, d = code, &dossier.Dossier{}
			out = append(out, d)
		}
		ev, err := decodeEvent(body)
		if err != nil {
			return nil, fmt.Errorf("rebuild reports: %s: %w", code, err)
		}
		if err := dossier.Apply(d, ev); err != nil {
			return nil, fmt.Errorf("rebuild reports: replay %s #%d: %w", code, ev.Seq, err)
		}
	}
	return out, rows.Err()
}

// ReportRollups returns every nonzero stored cell: the day rollup, and the month
// rollup with Day the first of the month and no procedure (for tests and checks).
func (db *DB) ReportRollups(ctx context.Context) (days, months report.Cells, err error) {
	days, months = report.Cells{}, report.Cells{}
	rows, err := db.QueryContext(ctx, `SELECT metric, day, unit, recv_unit, procedure_code, channel, value FROM report_days WHERE value <> 0`)
	if err != nil {
		return nil, nil, fmt.Errorf("report rollups: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var k report.Key
		var day string
		var v int64
		if err := rows.Scan(&k.Metric, &day, &k.Unit, &k.RecvUnit, &k.Procedure, &k.Channel, &v); err != nil {
			return nil, nil, err
		}
		if k.Day, err = calendar.ParseDate(day); err != nil {
			return nil, nil, err
		}
		days[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows2, err := db.QueryContext(ctx, `SELECT metric, month, unit, recv_unit, channel, value FROM report_months WHERE value <> 0`)
	if err != nil {
		return nil, nil, fmt.Errorf("report rollups: %w", mapErr(err))
	}
	defer rows2.Close()
	for rows2.Next() {
		var k report.Key
		var month string
		var v int64
		if err := rows2.Scan(&k.Metric, &month, &k.Unit, &k.RecvUnit, &k.Channel, &v); err != nil {
			return nil, nil, err
		}
		if k.Day, err = calendar.ParseDate(month + "-01"); err != nil {
			return nil, nil, err
		}
		months[k] = v
	}
	return days, months, rows2.Err()
}

// span is a range of one rollup table: rows whose day (or month) column is in
// [lo, hi], an empty bound being open.
type span struct {
	months bool
	lo, hi string
}

// periodSpans splits [from, to] into the day ranges of its partial months and the
// range of its whole months (read from report_months), or one day range when months is
// false.
func periodSpans(from, to calendar.Date, months bool) []span {
	if !months {
		return []span{{lo: from.String(), hi: to.String()}}
	}
	first := calendar.D(from.Year, from.Month, 1)
	if from.Day != 1 {
		first = first.AddDays(40)
		first.Day = 1
	}
	next := calendar.D(to.Year, to.Month, 1).AddDays(40) // some day of the next month
	next.Day = 1
	lastEnd := next.AddDays(-1) // last day of to's month
	endMonth := calendar.D(to.Year, to.Month, 1)
	if to != lastEnd {
		endMonth = endMonth.AddDays(-1)
		endMonth.Day = 1
	}
	if endMonth.Before(first) {
		return []span{{lo: from.String(), hi: to.String()}}
	}
	var out []span
	if from.Before(first) {
		out = append(out, span{lo: from.String(), hi: first.AddDays(-1).String()})
	}
	out = append(out, span{months: true, lo: monthOf(first), hi: monthOf(endMonth)})
	after := endMonth.AddDays(40)
	after.Day = 1
	if !to.Before(after) {
		out = append(out, span{lo: after.String(), hi: to.String()})
	}
	return out
}

// beforeSpans are the ranges of every day before from: the whole months before from's
// month and the days of its month before it.
func beforeSpans(from calendar.Date, months bool) []span {
	if !months {
		return []span{{hi: from.AddDays(-1).String()}}
	}
	first := calendar.D(from.Year, from.Month, 1)
	out := []span{{months: true, hi: monthOf(first.AddDays(-1))}}
	if from.Day > 1 {
		out = append(out, span{lo: first.String(), hi: from.AddDays(-1).String()})
	}
	return out
}

// sumSpan sums the cells of one span that pass q's filters, grouped by q's grouping
// column, channel and metric (only metrics, if not nil), and calls fn per row.
func (db *DB) sumSpan(ctx context.Context, sp span, q report.Query, metrics []report.Metric, fn func(group string, ch catalog.Channel, m report.Metric, v int64)) error {
	table, col := "report_days", "day"
	if sp.months {
		table, col = "report_months", "month"
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if len(metrics) == 0 {
		metrics = report.Metrics // the primary key starts with the metric: name them all
	}
	{
		var ps []string
		for _, m := range metrics {
			ps = append(ps, arg(string(m)))
		}
		where = append(where, "metric IN ("+strings.Join(ps, ",")+")")
	}
	if sp.lo != "" {
		where = append(where, col+" >= "+arg(sp.lo))
	}
	if sp.hi != "" {
		where = append(where, col+" <= "+arg(sp.hi))
	}
	if q.Unit != "" {
		where = append(where, "unit = "+arg(q.Unit))
	}
	if q.RecvUnit != "" {
		where = append(where, "recv_unit = "+arg(q.RecvUnit))
	}
	if q.Channel != "" {
		where = append(where, "channel = "+arg(string(q.Channel)))
	}
	if q.Procedure != "" {
		where = append(where, "procedure_code = "+arg(q.Procedure))
	}
	if q.Field != "" {
		where = append(where, "procedure_code IN (SELECT code FROM procedures WHERE field_code = "+arg(q.Field)+")")
	}
	group := "''"
	switch q.GroupBy {
	case report.ByUnit:
		group = "unit"
	case report.ByProcedure, report.ByField:
		group = "procedure_code"
	case report.ByChannel:
		group = "channel"
	}
	sqlText := `SELECT ` + group + `, channel, metric, SUM(value) FROM ` + table
	if len(where) > 0 {
		sqlText += " WHERE " + strings.Join(where, " AND ")
	}
	if group == "''" {
		sqlText += ` GROUP BY channel, metric`
	} else {
		sqlText += ` GROUP BY ` + group + `, channel, metric`
	}
	rows, err := db.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return fmt.Errorf("report: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var g, ch, m string
		var v int64
		if err := rows.Scan(&g, &ch, &m, &v); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		fn(g, catalog.Channel(ch), report.Metric(m), v)
	}
	return rows.Err()
}

// ProcedureFields returns every procedure's field code (procedure code → field code),
// the map the field filter and grouping of the reports use.
func (db *DB) ProcedureFields(ctx context.Context) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT code, field_code FROM procedures`)
	if err != nil {
		return nil, fmt.Errorf("procedure fields: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var c, f string
		if err := rows.Scan(&c, &f); err != nil {
			return nil, err
		}
		out[c] = f
	}
	return out, rows.Err()
}

// ReportSummary computes the report of q from the rollups (report.Compute over the
// sums of the cells): for the period, the whole months from report_months and the
// partial ones from report_days; for the pending counts (carried over, pending and
// overdue at the end), the cumulative sums of every earlier day the same way. A filter
// or grouping by procedure or field reads report_days only (report_months has no
// procedure). It gives the same figures as report.Summarize over the contributions of
// every dossier.
func (db *DB) ReportSummary(ctx context.Context, q report.Query) (*report.Summary, error) {
	if !q.GroupBy.Valid() {
		return nil, motcua.FieldError(motcua.EINVALID, "group_by", "report.group_by_invalid")
	}
	if q.Channel != "" && !q.Channel.Valid() {
		return nil, motcua.FieldError(motcua.EINVALID, "channel", "report.channel_invalid")
	}
	if q.To.Before(q.From) {
		return nil, motcua.FieldError(motcua.EINVALID, "to", "request.date_order")
	}
	var fieldOf map[string]string
	if q.GroupBy == report.ByField {
		var err error
		if fieldOf, err = db.ProcedureFields(ctx); err != nil {
			return nil, err
		}
	}
	useMonths := !q.NeedsProcedure()
	groups := map[string]report.Sums{}
	at := func(g string) report.Sums {
		if fieldOf != nil {
			g = fieldOf[g]
		}
		s, ok := groups[g]
		if !ok {
			s = report.Sums{Before: report.Totals{}, Period: map[catalog.Channel]report.Totals{}, PrevYear: report.Totals{}}
			groups[g] = s
		}
		return s
	}
	for _, sp := range beforeSpans(q.From, useMonths) {
		if err := db.sumSpan(ctx, sp, q, report.CumulativeMetrics, func(g string, _ catalog.Channel, m report.Metric, v int64) {
			at(g).Before[m] += v
		}); err != nil {
			return nil, err
		}
	}
	for _, sp := range periodSpans(q.From, q.To, useMonths) {
		if err := db.sumSpan(ctx, sp, q, nil, func(g string, ch catalog.Channel, m report.Metric, v int64) {
			s := at(g)
			if s.Period[ch] == nil {
				s.Period[ch] = report.Totals{}
			}
			s.Period[ch][m] += v
		}); err != nil {
			return nil, err
		}
	}
	pyFrom, pyTo := report.PreviousYear(q.From, q.To)
	for _, sp := range periodSpans(pyFrom, pyTo, useMonths) {
		if err := db.sumSpan(ctx, sp, q, report.PrevYearMetrics,
			func(g string, _ catalog.Channel, m report.Metric, v int64) { at(g).PrevYear[m] += v }); err != nil {
			return nil, err
		}
	}
	return report.Assemble(q, groups), nil
}

// ReportLateUnits ranks the units by late rate over [from, to] (report.Rank): the
// dossiers resolved in the period that each unit handled and those late because of it
// (lateness attributed to the unit of the late step). unit, if not empty, keeps that
// unit's line only.
func (db *DB) ReportLateUnits(ctx context.Context, from, to calendar.Date, unit string) ([]report.UnitRank, error) {
	if to.Before(from) {
		return nil, motcua.FieldError(motcua.EINVALID, "to", "request.date_order")
	}
	q := report.Query{From: from, To: to, Unit: unit, GroupBy: report.ByUnit}
	per := map[string]report.Totals{}
	for _, sp := range periodSpans(from, to, true) {
		if err := db.sumSpan(ctx, sp, q, report.RankMetrics, func(g string, _ catalog.Channel, m report.Metric, v int64) {
			if per[g] == nil {
				per[g] = report.Totals{}
			}
			per[g][m] += v
		}); err != nil {
			return nil, err
		}
	}
	return report.Rank(per), nil
}

func decodeEvent(body string) (dossier.Event, error) {
	var ev dossier.Event
	if err := json.Unmarshal([]byte(body), &ev); err != nil {
		return ev, fmt.Errorf("decode event: %w", err)
	}
	return ev, nil
}
