package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/report"
)

// The report rollups (migrations 0008 and 0010, package report): twelve tables hold
// the sum of every dossier's report.Contribution with one column per report.Metric,
// per day, month, year and all time, each keyed by the procedure, by its field or by
// neither (rollupLevels). They change only in the transaction that stores a dossier
// event (Create, Act, ImportDossiers, BulkLoadDossiers), by RebuildReports, or — the
// field levels — when a procedure moves to another field (moveProcedureField), so a
// report is exact at every committed instant. A report reads the coarsest periods that
// tile its range (tile), so a year over the whole province reads one year's rows, not
// 365 days of them.

// upsertChunk is how many rows one upsert statement carries.
const upsertChunk = 200

// grain is the length of a rollup period.
type grain int

// The grains of the rollups; the period column holds YYYYMMDD, YYYYMM, YYYY or, for
// all time, 0.
const (
	grainDay grain = iota
	grainMonth
	grainYear
	grainTotal
)

// dim is the catalogue key of a rollup level besides the units and the channel.
type dim int

// The dims: none, the procedure (migration 0008's *_proc tables) or the procedure's
// field (0010's *_field tables).
const (
	dimNone dim = iota
	dimProc
	dimField
)

// rollupLevel is one stored rollup table.
type rollupLevel struct {
	table string
	grain grain
	dim   dim
}

// rollupLevels are the rollup tables, in the order writers upsert them.
var rollupLevels = []rollupLevel{
	{"rollup_day_proc", grainDay, dimProc},
	{"rollup_day", grainDay, dimNone},
	{"rollup_day_field", grainDay, dimField},
	{"rollup_month_proc", grainMonth, dimProc},
	{"rollup_month", grainMonth, dimNone},
	{"rollup_month_field", grainMonth, dimField},
	{"rollup_year_proc", grainYear, dimProc},
	{"rollup_year", grainYear, dimNone},
	{"rollup_year_field", grainYear, dimField},
	{"rollup_total_proc", grainTotal, dimProc},
	{"rollup_total", grainTotal, dimNone},
	{"rollup_total_field", grainTotal, dimField},
}

// levelOf returns the table of grain g keyed by d.
func levelOf(g grain, d dim) rollupLevel {
	for _, l := range rollupLevels {
		if l.grain == g && l.dim == d {
			return l
		}
	}
	panic("sqldb: no rollup level") // rollupLevels holds every combination
}

// keyCols returns the key columns of l, in primary-key order.
func (l rollupLevel) keyCols() []string {
	switch l.dim {
	case dimProc:
		return []string{"period", "unit", "recv_unit", "procedure_code", "channel"}
	case dimField:
		return []string{"period", "unit", "recv_unit", "field_code", "channel"}
	}
	return []string{"period", "unit", "recv_unit", "channel"}
}

// dimCode returns the procedure or field code of k at l's dim ("" at dimNone).
func (l rollupLevel) dimCode(k rowKey) string {
	switch l.dim {
	case dimProc:
		return k.procedure
	case dimField:
		return k.field
	}
	return ""
}

// queryDim returns the levels a report query reads: those with the procedure when it
// filters or groups by procedure, else those with the field when it filters or groups
// by field (the field of a procedure is the one it has now at both levels), else those
// without either.
func queryDim(q report.Query) dim {
	switch {
	case q.Procedure != "" || q.GroupBy == report.ByProcedure:
		return dimProc
	case q.Field != "" || q.GroupBy == report.ByField:
		return dimField
	}
	return dimNone
}

// metricIndex maps each metric to its position in report.Metrics, the order of the
// value columns.
var metricIndex = func() map[report.Metric]int {
	m := make(map[report.Metric]int, len(report.Metrics))
	for i, x := range report.Metrics {
		m[x] = i
	}
	return m
}()

// metricCol returns the column of metric m: its name, which the migrations use as is.
// A name that is not a plain identifier (lower-case letters, digits, '_') would be
// quoted wrongly, so it panics (TestReportColumns checks every metric).
func metricCol(m report.Metric) string {
	for _, r := range string(m) {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			panic("sqldb: metric " + strconv.Quote(string(m)) + " is not a column name")
		}
	}
	return string(m)
}

// periodOf returns the period of day d at grain g (YYYYMMDD, YYYYMM or YYYY).
func periodOf(g grain, d calendar.Date) int {
	switch g {
	case grainTotal:
		return 0
	case grainYear:
		return d.Year
	case grainMonth:
		return d.Year*100 + int(d.Month)
	}
	return d.Year*10000 + int(d.Month)*100 + d.Day
}

// periodStart returns the first day of period p at grain g (the zero Date for all
// time).
func periodStart(g grain, p int) calendar.Date {
	switch g {
	case grainTotal:
		return calendar.Date{}
	case grainYear:
		return calendar.D(p, 1, 1)
	case grainMonth:
		return calendar.D(p/100, time.Month(p%100), 1)
	}
	return calendar.D(p/10000, time.Month(p/100%100), p%100)
}

// rowKey is the key of one rollup row (procedure empty but at the procedure levels,
// field empty but at the field levels).
type rowKey struct {
	period    int
	unit      string
	recvUnit  string
	procedure string
	field     string
	channel   catalog.Channel
}

func (a rowKey) less(b rowKey) bool {
	switch {
	case a.period != b.period:
		return a.period < b.period
	case a.unit != b.unit:
		return a.unit < b.unit
	case a.recvUnit != b.recvUnit:
		return a.recvUnit < b.recvUnit
	case a.procedure != b.procedure:
		return a.procedure < b.procedure
	case a.field != b.field:
		return a.field < b.field
	}
	return a.channel < b.channel
}

// rollupRows are rows of one level: key → one value per report.Metrics.
type rollupRows map[rowKey][]int64

// add adds the cells of c to the rows of level l; fieldOf maps each procedure of c to
// its field (needed at the field levels only).
func (rs rollupRows) add(l rollupLevel, c report.Cells, fieldOf map[string]string) error {
	for k, v := range c {
		i, ok := metricIndex[k.Metric]
		if !ok {
			return fmt.Errorf("report rollup: unknown metric %q", k.Metric)
		}
		rk := rowKey{period: periodOf(l.grain, k.Day), unit: k.Unit, recvUnit: k.RecvUnit, channel: k.Channel}
		switch l.dim {
		case dimProc:
			rk.procedure = k.Procedure
		case dimField:
			f, ok := fieldOf[k.Procedure]
			if !ok {
				return fmt.Errorf("report rollup %s: procedure %q has no field", l.table, k.Procedure)
			}
			rk.field = f
		}
		r := rs[rk]
		if r == nil {
			r = make([]int64, len(report.Metrics))
			rs[rk] = r
		}
		r[i] += v
	}
	return nil
}

// sortedNonZero returns the keys of the rows with a nonzero value, in primary-key
// order.
func (rs rollupRows) sortedNonZero() []rowKey {
	ks := make([]rowKey, 0, len(rs))
	for k, r := range rs {
		if slices.ContainsFunc(r, func(v int64) bool { return v != 0 }) {
			ks = append(ks, k)
		}
	}
	sort.Slice(ks, func(i, j int) bool { return ks[i].less(ks[j]) })
	return ks
}

// applyReportDiff adds to the rollups the change of d's contribution since before (nil
// for a new dossier), inside tx.
func (db *DB) applyReportDiff(ctx context.Context, tx *sql.Tx, before report.Cells, d *dossier.Dossier) error {
	return db.applyReportCells(ctx, tx, report.Diff(before, report.Contribution(d)))
}

// applyReportCells adds cells to every rollup level with upserts
// (INSERT … ON CONFLICT … DO UPDATE SET m = m + excluded.m), levels in rollupLevels
// order and rows in primary-key order, so that concurrent transactions lock rows in
// one order (PostgreSQL's deadlock 40P01, should one occur all the same, is retried by
// Tx). Rows whose values all cancel out at a level are not written. The field levels
// file each cell under its procedure's field as read in tx (cellFields).
func (db *DB) applyReportCells(ctx context.Context, tx *sql.Tx, cells report.Cells) error {
	if len(cells) == 0 {
		return nil
	}
	fieldOf, err := db.cellFields(ctx, tx, cells)
	if err != nil {
		return err
	}
	for _, l := range rollupLevels {
		rows := rollupRows{}
		if err := rows.add(l, cells, fieldOf); err != nil {
			return err
		}
		if err := upsertRollup(ctx, tx, db, l, rows); err != nil {
			return err
		}
	}
	return nil
}

// upsertClauses returns the two ends of an upsert into the table of l: "INSERT INTO
// t (key columns, metric columns)" and " ON CONFLICT (key) DO UPDATE SET m = t.m +
// excluded.m" for every metric; the VALUES go between them.
func upsertClauses(l rollupLevel) (insert, onConflict string) {
	cols := l.keyCols()
	var in, up strings.Builder
	in.WriteString("INSERT INTO " + l.table + " (" + strings.Join(cols, ", "))
	up.WriteString(" ON CONFLICT (" + strings.Join(cols, ", ") + ") DO UPDATE SET ")
	for i, m := range report.Metrics {
		c := metricCol(m)
		in.WriteString(", " + c)
		if i > 0 {
			up.WriteString(", ")
		}
		up.WriteString(c + " = " + l.table + "." + c + " + excluded." + c)
	}
	in.WriteString(")")
	return in.String(), up.String()
}

// upsertSQL returns the upsert of one row into the table of l, every value bound
// ("?" on SQLite, "$1…" on PostgreSQL).
func upsertSQL(dialect Dialect, l rollupLevel) string {
	insert, onConflict := upsertClauses(l)
	ph := make([]string, len(l.keyCols())+len(report.Metrics))
	for i := range ph {
		ph[i] = "?"
		if dialect == Postgres {
			ph[i] = "$" + strconv.Itoa(i+1)
		}
	}
	return insert + " VALUES (" + strings.Join(ph, ",") + ")" + onConflict
}

// rowArgs appends the values of row k of l (key columns, then one per metric) to args.
func rowArgs(args []any, l rollupLevel, k rowKey, vals []int64) []any {
	args = append(args, k.period, k.unit, k.recvUnit)
	if l.dim != dimNone {
		args = append(args, l.dimCode(k))
	}
	args = append(args, string(k.channel))
	for _, v := range vals {
		args = append(args, v)
	}
	return args
}

// prepareRollupUpserts prepares the single-row upsert of every rollup level once for
// the DB (SQLite; called by Migrate, when the tables exist and before any
// transaction of this process can hold a connection the preparing would wait for).
// database/sql prepares such a statement again on each connection the first time a
// transaction there uses it (tx.StmtContext) and reuses it after, so an event's
// twelve upserts are not parsed anew each time: parsing them was about a third of an
// intake's CPU.
func (db *DB) prepareRollupUpserts(ctx context.Context) error {
	if db.Dialect != SQLite || db.rollupStmts.Load() != nil {
		return nil
	}
	stmts := map[string]*sql.Stmt{}
	for _, l := range rollupLevels {
		st, err := db.PrepareContext(ctx, upsertSQL(SQLite, l))
		if err != nil {
			for _, st := range stmts {
				st.Close()
			}
			return fmt.Errorf("prepare report rollup %s: %w", l.table, mapErr(err))
		}
		stmts[l.table] = st
	}
	if !db.rollupStmts.CompareAndSwap(nil, &stmts) {
		for _, st := range stmts {
			st.Close()
		}
	}
	return nil
}

// pgUpserts are the PostgreSQL single-row upserts by table (upsertSQL).
var pgUpserts = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, l := range rollupLevels {
		m[l.table] = upsertSQL(Postgres, l)
	}
	return m
})

// upsertSmall is the most rows upsertRollup writes one statement per row on
// PostgreSQL (the statement's text is the same each time, so pgx prepares it once per
// connection); more rows go in multi-row statements.
const upsertSmall = 8

// upsertRollup adds rows to the table of l. On SQLite it runs the single-row upsert
// once per row (prepared once for the DB when Migrate ran, else for this transaction:
// in-process, parsing is the cost and binding is cheap). On PostgreSQL up to
// upsertSmall rows (an event's) go one statement per row whose text never changes, so
// pgx's statement cache prepares it once per connection; more (imports, rebuilds) go in
// multi-row statements of 200 rows, which save round trips, with the integers written
// as literals (only the codes are bound).
func upsertRollup(ctx context.Context, tx *sql.Tx, db *DB, l rollupLevel, rows rollupRows) error {
	keys := rows.sortedNonZero()
	if len(keys) == 0 {
		return nil
	}
	args := make([]any, 0, len(l.keyCols())+len(report.Metrics))
	switch {
	case db.Dialect == SQLite:
		var stmt *sql.Stmt
		if m := db.rollupStmts.Load(); m != nil && (*m)[l.table] != nil {
			stmt = tx.StmtContext(ctx, (*m)[l.table])
		} else {
			var err error
			if stmt, err = tx.PrepareContext(ctx, upsertSQL(SQLite, l)); err != nil {
				return fmt.Errorf("report rollup %s: %w", l.table, mapErr(err))
			}
		}
		defer stmt.Close()
		for _, k := range keys {
			if _, err := stmt.ExecContext(ctx, rowArgs(args[:0], l, k, rows[k])...); err != nil {
				return fmt.Errorf("report rollup %s: %w", l.table, mapErr(err))
			}
		}
		return nil
	case len(keys) <= upsertSmall:
		q := pgUpserts()[l.table]
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, q, rowArgs(args[:0], l, k, rows[k])...); err != nil {
				return fmt.Errorf("report rollup %s: %w", l.table, mapErr(err))
			}
		}
		return nil
	}
	head, tail := upsertClauses(l)
	for lo := 0; lo < len(keys); lo += upsertChunk {
		chunk := keys[lo:min(lo+upsertChunk, len(keys))]
		var sb strings.Builder
		sb.WriteString(head + " VALUES ")
		args := make([]any, 0, len(chunk)*len(l.keyCols()))
		arg := func(v string) {
			args = append(args, v)
			sb.WriteString("$" + strconv.Itoa(len(args)))
		}
		for i, k := range chunk {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString("(" + strconv.Itoa(k.period) + ",")
			arg(k.unit)
			sb.WriteByte(',')
			arg(k.recvUnit)
			sb.WriteByte(',')
			if l.dim != dimNone {
				arg(l.dimCode(k))
				sb.WriteByte(',')
			}
			arg(string(k.channel))
			for _, v := range rows[k] {
				sb.WriteString("," + strconv.FormatInt(v, 10))
			}
			sb.WriteByte(')')
		}
		sb.WriteString(tail)
		if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
			return fmt.Errorf("report rollup %s: %w", l.table, mapErr(err))
		}
	}
	return nil
}

// dossierContributions sums the contributions of ds.
func dossierContributions(ds []*dossier.Dossier) report.Cells {
	cells := report.Cells{}
	for _, d := range ds {
		cells.Add(report.Contribution(d))
	}
	return cells.NonZero()
}

// readLevel calls fn with every row of level l whose values are not all 0.
func readLevel(ctx context.Context, q querier, l rollupLevel, fn func(rowKey, []int64)) error {
	cols := l.keyCols()
	for _, m := range report.Metrics {
		cols = append(cols, metricCol(m))
	}
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+l.table)
	if err != nil {
		return fmt.Errorf("report rollups %s: %w", l.table, mapErr(err))
	}
	defer rows.Close()
	vals := make([]int64, len(report.Metrics))
	for rows.Next() {
		var k rowKey
		var ch string
		dest := []any{&k.period, &k.unit, &k.recvUnit}
		switch l.dim {
		case dimProc:
			dest = append(dest, &k.procedure)
		case dimField:
			dest = append(dest, &k.field)
		}
		dest = append(dest, &ch)
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("report rollups %s: %w", l.table, err)
		}
		k.channel = catalog.Channel(ch)
		if slices.ContainsFunc(vals, func(v int64) bool { return v != 0 }) {
			fn(k, vals)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report rollups %s: %w", l.table, err)
	}
	return nil
}

// rowCells adds the nonzero values of row k of level l to c, each cell keyed by the
// first day of the row's period and metric (prefix + metric name); at the field
// levels the cell's Procedure holds the field code.
func rowCells(c report.Cells, l rollupLevel, k rowKey, vals []int64, prefix string) {
	day := periodStart(l.grain, k.period)
	for i, v := range vals {
		if v != 0 {
			c[report.Key{Metric: report.Metric(prefix) + report.Metrics[i], Day: day, Unit: k.unit, RecvUnit: k.recvUnit,
				Procedure: l.dimCode(k), Channel: k.channel}] += v
		}
	}
}

// ReportRollups returns every nonzero stored cell of two levels: days, the finest
// (per day, with the procedure), and months (per month without the procedure, Day
// the first of the month and Procedure empty). Tests and checks compare them with the
// contributions; VerifyReports checks every level.
func (db *DB) ReportRollups(ctx context.Context) (days, months report.Cells, err error) {
	days, months = report.Cells{}, report.Cells{}
	if err := readLevel(ctx, db, levelOf(grainDay, dimProc), func(k rowKey, v []int64) {
		rowCells(days, levelOf(grainDay, dimProc), k, v, "")
	}); err != nil {
		return nil, nil, err
	}
	if err := readLevel(ctx, db, levelOf(grainMonth, dimNone), func(k rowKey, v []int64) {
		rowCells(months, levelOf(grainMonth, dimNone), k, v, "")
	}); err != nil {
		return nil, nil, err
	}
	return days, months, nil
}

// span is a range of periods [lo, hi] of one grain (lo 0: from the beginning), added
// to a sum or, when neg, subtracted from it.
type span struct {
	grain  grain
	lo, hi int
	neg    bool
}

// endOfMonth returns the last day of d's month.
func endOfMonth(d calendar.Date) calendar.Date {
	next := calendar.D(d.Year, d.Month, 28).AddDays(4) // some day of the next month
	return calendar.D(next.Year, next.Month, 1).AddDays(-1)
}

// The read cost of a month's and a year's rows, in days' rows: on the demo province a
// month holds the rows of 3 to 9 days, a year those of 2 to 3 months (a row exists per
// unit, receiving unit, channel and procedure active in the period).
const (
	monthCost = 5
	yearCost  = 12
)

// tile returns the spans whose signed sum is the sum over the days [from, to], reading
// as few rows as it can: whole years, whole months and days, and for a range that
// covers most of a month or a year, that month or year minus the days or months
// outside the range (a rolling year from 11 March: March minus its first ten days,
// then the rest of the year minus January and February, …).
func tile(from, to calendar.Date) []span {
	if to.Before(from) {
		return nil
	}
	day := func(a, b calendar.Date, neg bool) span {
		return span{grainDay, periodOf(grainDay, a), periodOf(grainDay, b), neg}
	}
	mi := func(d calendar.Date) int { return d.Year*12 + int(d.Month) - 1 } // month index
	first, last := mi(from), mi(to)
	fromEnd, toEnd := endOfMonth(from), endOfMonth(to)
	if first == last && (from.Day > 1 || to != toEnd) {
		return []span{day(from, to, false)}
	}
	var out []span
	if from.Day > 1 { // the days of from's month from from on
		if n := fromEnd.Day - from.Day + 1; from.Day-1+monthCost < n {
			out = append(out, day(calendar.D(from.Year, from.Month, 1), from.AddDays(-1), true))
		} else {
			out = append(out, day(from, fromEnd, false))
			first++
		}
	}
	if to != toEnd { // the days of to's month up to to
		if rest := toEnd.Day - to.Day; rest+monthCost < to.Day {
			out = append(out, day(to.AddDays(1), toEnd, true))
		} else {
			out = append(out, day(calendar.D(to.Year, to.Month, 1), to, false))
			last--
		}
	}
	return append(out, monthSpans(first, last)...)
}

// monthSpans returns the spans of the whole months [a, b] (month indexes year·12 +
// month − 1): whole years, and months — or, for most of a year, the year minus the
// months outside.
func monthSpans(a, b int) []span {
	if b < a {
		return nil
	}
	mp := func(i int) int { return (i/12)*100 + i%12 + 1 }
	ay, by := a/12, b/12
	if ay == by {
		k := b - a + 1
		if k == 12 {
			return []span{{grainYear, ay, ay, false}}
		}
		if yearCost+monthCost*(12-k) >= monthCost*k {
			return []span{{grainMonth, mp(a), mp(b), false}}
		}
		out := []span{{grainYear, ay, ay, false}}
		if a > ay*12 {
			out = append(out, span{grainMonth, mp(ay * 12), mp(a - 1), true})
		}
		if b < ay*12+11 {
			out = append(out, span{grainMonth, mp(b + 1), mp(ay*12 + 11), true})
		}
		return out
	}
	var out []span
	firstYear, lastYear := ay, by
	if a%12 != 0 {
		out = append(out, monthSpans(a, ay*12+11)...)
		firstYear++
	}
	if b%12 != 11 {
		out = append(out, monthSpans(by*12, b)...)
		lastYear--
	}
	if firstYear <= lastYear {
		out = append(out, span{grainYear, firstYear, lastYear, false})
	}
	return out
}

// tileBefore returns the spans of every day before from: the years before its year,
// then its year up to the day before it (tile) — or, when fewer years of rollups
// follow from's year than precede it (years [minYear, maxYear] hold rows), all time
// minus every day from from on.
func tileBefore(from calendar.Date, minYear, maxYear int) []span {
	if maxYear-from.Year < from.Year-minYear {
		out := []span{{grainTotal, 0, 0, false}}
		for _, sp := range tile(from, calendar.D(max(maxYear, from.Year), 12, 31)) {
			sp.neg = !sp.neg
			out = append(out, sp)
		}
		return out
	}
	out := []span{{grainYear, 0, from.Year - 1, false}}
	if jan1 := calendar.D(from.Year, 1, 1); from != jan1 {
		out = append(out, tile(jan1, from.AddDays(-1))...)
	}
	return out
}

// yearRange returns the first and last year with rollup rows (0, 0 when none).
func (db *DB) yearRange(ctx context.Context) (minYear, maxYear int, err error) {
	var lo, hi sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MIN(period), MAX(period) FROM rollup_year`).Scan(&lo, &hi); err != nil {
		return 0, 0, fmt.Errorf("report: years: %w", mapErr(err))
	}
	return int(lo.Int64), int(hi.Int64), nil
}

// sumPart is one part of a report query: the spans it sums and the metrics it needs.
type sumPart struct {
	spans   []span
	metrics []report.Metric // nil: all
}

// sumRow is one row of a report query: the part, the group and channel, and one sum per
// report.Metrics over the part's spans (those subtracted counted negative; 0 for the
// metrics the part does not need).
type sumRow struct {
	part    int
	group   string
	channel catalog.Channel
	vals    []int64
}

// queryFilter returns the conditions of q's filters on the levels keyed by d, binding
// values with arg.
func queryFilter(q report.Query, d dim, arg func(any) string) []string {
	var filter []string
	if q.Unit != "" {
		filter = append(filter, "unit = "+arg(q.Unit))
	}
	if q.RecvUnit != "" {
		filter = append(filter, "recv_unit = "+arg(q.RecvUnit))
	}
	if q.Channel != "" {
		filter = append(filter, "channel = "+arg(string(q.Channel)))
	}
	if q.Procedure != "" {
		filter = append(filter, "procedure_code = "+arg(q.Procedure))
	}
	if q.Field != "" {
		if d == dimField {
			filter = append(filter, "field_code = "+arg(q.Field))
		} else {
			filter = append(filter, "procedure_code IN (SELECT code FROM procedures WHERE field_code = "+arg(q.Field)+")")
		}
	}
	return filter
}

// sumFunc is the aggregate that adds rollup cells: SUM on SQLite (an integer sum of
// integers), rollup_sum on PostgreSQL (migration 0012: BIGINT in, BIGINT out, where
// SUM(bigint) goes through numeric and is about half as fast).
func (d Dialect) sumFunc() string {
	if d == Postgres {
		return "rollup_sum"
	}
	return "SUM"
}

// sumSQL returns the statement of sumParts in dialect dl and its arguments ("" when
// no span is left).
func sumSQL(dl Dialect, q report.Query, parts []sumPart) (string, []any) {
	d := queryDim(q)
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	filter := queryFilter(q, d, arg)
	group := "''"
	switch q.GroupBy {
	case report.ByUnit:
		group = "unit"
	case report.ByProcedure:
		group = "procedure_code"
	case report.ByField:
		group = "field_code"
		if d == dimProc { // grouped by field, filtered by procedure: mapped by the caller
			group = "procedure_code"
		}
	case report.ByChannel:
		group = "channel"
	}
	// Each span is one aggregate of its table (an index range), its sums negated when
	// the span is subtracted; the outer query adds the spans of each part, so one row
	// per part, group and channel comes back instead of one per span.
	var selects []string
	for pi, p := range parts {
		for _, sp := range p.spans {
			if sp.hi < sp.lo {
				continue
			}
			var sel strings.Builder
			sel.WriteString("SELECT " + strconv.Itoa(pi) + " AS part, " + group + " AS grp, channel AS ch")
			for i, m := range report.Metrics {
				switch {
				case p.metrics != nil && !slices.Contains(p.metrics, m):
					sel.WriteString(", CAST(0 AS BIGINT)")
				case sp.neg:
					sel.WriteString(", -" + dl.sumFunc() + "(" + metricCol(m) + ")")
				default:
					sel.WriteString(", " + dl.sumFunc() + "(" + metricCol(m) + ")")
				}
				sel.WriteString(" AS m" + strconv.Itoa(i))
			}
			where := append([]string{"period BETWEEN " + strconv.Itoa(sp.lo) + " AND " + strconv.Itoa(sp.hi)}, filter...)
			sel.WriteString(" FROM " + levelOf(sp.grain, d).table + " WHERE " + strings.Join(where, " AND "))
			if group == "''" || group == "channel" {
				sel.WriteString(" GROUP BY channel")
			} else {
				sel.WriteString(" GROUP BY " + group + ", channel")
			}
			selects = append(selects, sel.String())
		}
	}
	if len(selects) == 0 {
		return "", nil
	}
	var outer strings.Builder
	outer.WriteString("SELECT part, grp, ch")
	for i := range report.Metrics {
		outer.WriteString(", " + dl.sumFunc() + "(m" + strconv.Itoa(i) + ")")
	}
	outer.WriteString(" FROM (" + strings.Join(selects, " UNION ALL ") + ") spans GROUP BY part, grp, ch")
	return outer.String(), args
}

// sumParts sums the rollups over the spans of every part with q's filters, grouped by
// q's grouping column and the channel, in one statement (a UNION ALL of one aggregate
// per span, each an index range of its table), and calls fn per row.
func (db *DB) sumParts(ctx context.Context, q report.Query, parts []sumPart, fn func(sumRow)) error {
	stmt, args := sumSQL(db.Dialect, q, parts)
	if stmt == "" {
		return nil
	}
	var src querier = db
	if db.Dialect == Postgres {
		// The rollup rows of a report are a few thousand: starting parallel workers
		// (which the planner picks for the outer sum) or compiling it (JIT) costs more
		// than the whole query — 51.7 against 7.5 ms for a month and a half by channel
		// at 1M dossiers. Both are turned off for this read only.
		tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return fmt.Errorf("report: %w", mapErr(err))
		}
		defer tx.Rollback()
		for _, set := range []string{`SET LOCAL max_parallel_workers_per_gather = 0`, `SET LOCAL jit = off`} {
			if _, err := tx.ExecContext(ctx, set); err != nil {
				return fmt.Errorf("report: %w", mapErr(err))
			}
		}
		src = tx
	}
	rows, err := src.QueryContext(ctx, stmt, args...)
	if err != nil {
		return fmt.Errorf("report: %w", mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		r := sumRow{vals: make([]int64, len(report.Metrics))}
		var ch string
		dest := []any{&r.part, &r.group, &ch}
		for i := range r.vals {
			dest = append(dest, &r.vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("report: %w", err)
		}
		r.channel = catalog.Channel(ch)
		fn(r)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// addTotals adds the values of metrics (nil: all) to t.
func addTotals(t report.Totals, vals []int64, metrics []report.Metric) {
	if metrics == nil {
		metrics = report.Metrics
	}
	for _, m := range metrics {
		if v := vals[metricIndex[m]]; v != 0 {
			t[m] += v
		}
	}
}

// allZero reports whether every sum of s is 0.
func allZero(s report.Sums) bool {
	zero := func(t report.Totals) bool {
		for _, v := range t {
			if v != 0 {
				return false
			}
		}
		return true
	}
	for _, t := range s.Period {
		if !zero(t) {
			return false
		}
	}
	return zero(s.Before) && zero(s.PrevYear)
}

// anyNonZero reports whether one of metrics (nil: all) has a nonzero value in vals.
func anyNonZero(vals []int64, metrics []report.Metric) bool {
	if metrics == nil {
		return slices.ContainsFunc(vals, func(v int64) bool { return v != 0 })
	}
	return slices.ContainsFunc(metrics, func(m report.Metric) bool { return vals[metricIndex[m]] != 0 })
}

// ProcedureFields returns every procedure's field code (procedure code → field code),
// the map the field filter and grouping of the reports use.
func (db *DB) ProcedureFields(ctx context.Context) (map[string]string, error) {
	return procedureFields(ctx, db)
}

// procedureFields is ProcedureFields read through q (a transaction or the database).
func procedureFields(ctx context.Context, q querier) (map[string]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT code, field_code FROM procedures`)
	if err != nil {
		return nil, fmt.Errorf("procedure fields: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var c, f string
		if err := rows.Scan(&c, &f); err != nil {
			return nil, fmt.Errorf("procedure fields: %w", err)
		}
		out[c] = f
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("procedure fields: %w", mapErr(err))
	}
	return out, nil
}

// validQuery checks the grouping, channel and order of a report query.
func validQuery(q report.Query) error {
	if !q.GroupBy.Valid() {
		return motcua.FieldError(motcua.EINVALID, "group_by", "report.group_by_invalid")
	}
	if q.Channel != "" && !q.Channel.Valid() {
		return motcua.FieldError(motcua.EINVALID, "channel", "report.channel_invalid")
	}
	if q.To.Before(q.From) {
		return motcua.FieldError(motcua.EINVALID, "to", "request.date_order")
	}
	return nil
}

// ReportSummary computes the report of q from the rollups (report.Assemble over the
// sums of the cells): the period [From, To] tiled into whole years, whole months and
// days (tile), every day before From likewise for the pending counts (carried over,
// pending and overdue at the end: the cumulative metrics), and the same period of the
// previous year — all in one statement. A filter or grouping by procedure reads the
// levels with the procedure, one by field (and not by procedure) those with the field,
// others those with neither (queryDim). It gives the same figures as report.Summarize
// over the contributions of every dossier.
func (db *DB) ReportSummary(ctx context.Context, q report.Query) (*report.Summary, error) {
	if err := validQuery(q); err != nil {
		return nil, err
	}
	var fieldOf map[string]string
	if q.GroupBy == report.ByField && queryDim(q) == dimProc {
		var err error
		if fieldOf, err = db.ProcedureFields(ctx); err != nil {
			return nil, err
		}
	}
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
	minYear, maxYear, err := db.yearRange(ctx)
	if err != nil {
		return nil, err
	}
	pyFrom, pyTo := report.PreviousYear(q.From, q.To)
	parts := []sumPart{
		{spans: tileBefore(q.From, minYear, maxYear), metrics: report.CumulativeMetrics},
		{spans: tile(q.From, q.To)},
		{spans: tile(pyFrom, pyTo), metrics: report.PrevYearMetrics},
	}
	err = db.sumParts(ctx, q, parts, func(r sumRow) {
		if !anyNonZero(r.vals, parts[r.part].metrics) {
			return // as report.Summarize: a group only for the cells a part reads
		}
		s := at(r.group)
		switch r.part {
		case 0:
			addTotals(s.Before, r.vals, report.CumulativeMetrics)
		case 1:
			if s.Period[r.channel] == nil {
				s.Period[r.channel] = report.Totals{}
			}
			addTotals(s.Period[r.channel], r.vals, nil)
		case 2:
			addTotals(s.PrevYear, r.vals, report.PrevYearMetrics)
		}
	})
	if err != nil {
		return nil, err
	}
	// A group whose rows all cancelled out (seen in a month, but only on days outside
	// the period) has no cell in the period: report.Summarize has no line for it.
	for g, s := range groups {
		if allZero(s) {
			delete(groups, g)
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
	err := db.sumParts(ctx, q, []sumPart{{spans: tile(from, to), metrics: report.RankMetrics}}, func(r sumRow) {
		if !anyNonZero(r.vals, report.RankMetrics) {
			return
		}
		if per[r.group] == nil {
			per[r.group] = report.Totals{}
		}
		addTotals(per[r.group], r.vals, report.RankMetrics)
	})
	if err != nil {
		return nil, err
	}
	return report.Rank(per), nil
}

// ReportDaily returns the period totals of every day of [q.From, q.To] that has any,
// with q's filters (its grouping is ignored), from the day rollups: the series of a
// trend chart. A day without cells is absent from the map.
func (db *DB) ReportDaily(ctx context.Context, q report.Query) (map[calendar.Date]report.Totals, error) {
	if err := validQuery(q); err != nil {
		return nil, err
	}
	out := map[calendar.Date]report.Totals{}
	sp := span{grainDay, periodOf(grainDay, q.From), periodOf(grainDay, q.To), false}
	err := db.sumDays(ctx, q, sp, func(day calendar.Date, vals []int64) {
		t := out[day]
		if t == nil {
			t = report.Totals{}
			out[day] = t
		}
		addTotals(t, vals, nil)
	})
	if err != nil {
		return nil, err
	}
	for d, t := range out {
		if len(t) == 0 {
			delete(out, d)
		}
	}
	return out, nil
}

// sumDays sums the day level over sp with q's filters, one row per day.
func (db *DB) sumDays(ctx context.Context, q report.Query, sp span, fn func(calendar.Date, []int64)) error {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	d := queryDim(q)
	where := append([]string{"period BETWEEN " + strconv.Itoa(sp.lo) + " AND " + strconv.Itoa(sp.hi)}, queryFilter(q, d, arg)...)
	var sel strings.Builder
	sel.WriteString("SELECT period")
	for _, m := range report.Metrics {
		sel.WriteString(", " + db.Dialect.sumFunc() + "(" + metricCol(m) + ")")
	}
	stmt := sel.String() + " FROM " + levelOf(grainDay, d).table + " WHERE " + strings.Join(where, " AND ") + " GROUP BY period"
	rows, err := db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return fmt.Errorf("report daily: %w", mapErr(err))
	}
	defer rows.Close()
	vals := make([]int64, len(report.Metrics))
	for rows.Next() {
		var p int
		dest := []any{&p}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("report daily: %w", err)
		}
		fn(periodStart(grainDay, p), vals)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("report daily: %w", err)
	}
	return nil
}

func decodeEvent(body string) (dossier.Event, error) {
	var ev dossier.Event
	if err := json.Unmarshal([]byte(body), &ev); err != nil {
		return ev, fmt.Errorf("decode event: %w", err)
	}
	return ev, nil
}
