package sqldb

// The transactional outbox (design.md: "Events leave through a transactional outbox; a
// relay publishes them to NATS JetStream (subjects per province and event type) … at
// least once, consumers idempotent"). appendEvent writes one outbox row for every
// dossier event in the event's own transaction, so a row exists exactly when its event
// was committed: a rolled-back action leaves neither. The relay (package outbox) reads
// the rows back through RelayOutbox, publishes them and marks them published.
//
// Imports (ImportDossiers: the demo year, or a migration from another system) write no
// outbox rows unless the context carries WithOutboxImport: a portal must not receive
// 15,000 historic demo dossiers because a developer started the demo.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
)

// OutboxSubjectRoot is the first token of every subject the outbox writes:
// motcua.<province>.dossier.<action>.
const OutboxSubjectRoot = "motcua"

// OutboxMessage is the payload of one outbox row, published unchanged as the body of
// the NATS message: the event and the state of its dossier right after it, so that a
// subscriber (the national-portal connector) needs no access to the database.
// Personal data of the applicant is included in full — the national portal needs the
// applicant's identifiers to attach the dossier to their account — so the stream must
// be kept as private as the database (Decree 13/2023/NĐ-CP on personal data).
type OutboxMessage struct {
	Code     string        `json:"code"`
	Seq      int           `json:"seq"`
	Province string        `json:"province"`
	Event    dossier.Event `json:"event"`
	Dossier  OutboxDossier `json:"dossier"`
	Imported bool          `json:"imported,omitempty"`
}

// OutboxDossier is the part of a dossier's state after an event that subscribers need:
// what the national portal's dossier-sync record holds (see package outbox).
type OutboxDossier struct {
	ProcedureCode  string                      `json:"procedure_code"`
	ProcedureName  string                      `json:"procedure_name"`
	UnitCode       string                      `json:"unit_code"`
	CurrentUnit    string                      `json:"current_unit"`
	Channel        catalog.Channel             `json:"channel"`
	State          dossier.State               `json:"state"`
	Version        int                         `json:"version"`
	FourOnSpot     bool                        `json:"four_on_spot,omitempty"`
	Applicant      dossier.Applicant           `json:"applicant"`
	ReturnMethod   dossier.ReturnMethod        `json:"return_method"`
	SubmittedAt    time.Time                   `json:"submitted_at,omitzero"`
	ReceivedAt     time.Time                   `json:"received_at,omitzero"`
	DueAt          time.Time                   `json:"due_at,omitzero"`
	Appointment    time.Time                   `json:"appointment,omitzero"`
	StepDue        time.Time                   `json:"step_due,omitzero"`
	Completion     *calendar.Classification    `json:"completion,omitempty"`
	Result         *dossier.Result             `json:"result,omitempty"`
	ReturnedAt     time.Time                   `json:"returned_at,omitzero"`
	ClosedAt       time.Time                   `json:"closed_at,omitzero"`
	ClosedReason   string                      `json:"closed_reason,omitempty"`
	OverdueAtClose bool                        `json:"overdue_at_close,omitempty"`
	Fees           []dossier.FeeLine           `json:"fees,omitempty"`
	Payments       []dossier.Payment           `json:"payments,omitempty"`
	FeesOwed       int64                       `json:"fees_owed"`
	FeesPaid       int64                       `json:"fees_paid"`
	Supplements    []dossier.SupplementRequest `json:"supplements,omitempty"`
	Apologies      []dossier.Apology           `json:"apologies,omitempty"`
}

// provinceRE matches a level-1 agency code of Decision 20/2020/QĐ-TTg: a letter and two
// digits (H37 for Lạng Sơn; G… for central bodies).
var provinceRE = regexp.MustCompile(`^[A-Z][0-9]{2}$`)

// ProvinceOf returns the level-1 code in an agency identifier, the province of a
// provincial agency: the right-most dotted group shaped like H37 ("000.00.20.H37" and
// "H37.25.10" both give "H37"; Decision 20/2020/QĐ-TTg codes read right to left, the
// older form puts the province first). It returns "000" when there is none, so that the
// subject stays valid.
func ProvinceOf(unitCode string) string {
	groups := strings.Split(unitCode, ".")
	for i := len(groups) - 1; i >= 0; i-- {
		if provinceRE.MatchString(groups[i]) {
			return groups[i]
		}
	}
	return "000"
}

// OutboxSubject returns the subject of an event of a dossier received by unitCode:
// motcua.<province>.dossier.<action> (design.md: "subjects per province and event
// type").
func OutboxSubject(unitCode string, action dossier.Action) string {
	return OutboxSubjectRoot + "." + ProvinceOf(unitCode) + ".dossier." + string(action)
}

func newOutboxMessage(d *dossier.Dossier, ev dossier.Event) OutboxMessage {
	return OutboxMessage{
		Code: d.Code, Seq: ev.Seq, Province: ProvinceOf(d.UnitCode), Event: ev,
		Dossier: OutboxDossier{
			ProcedureCode: d.ProcedureCode, ProcedureName: d.ProcedureName, UnitCode: d.UnitCode,
			CurrentUnit: d.CurrentUnit, Channel: d.Channel, State: d.State, Version: d.Version,
			FourOnSpot: d.FourOnSpot, Applicant: d.Applicant, ReturnMethod: d.ReturnMethod,
			SubmittedAt: d.SubmittedAt, ReceivedAt: d.ReceivedAt, DueAt: d.DueAt, Appointment: d.Appointment(),
			StepDue: d.StepDue, Completion: d.Completion, Result: d.Result, ReturnedAt: d.ReturnedAt,
			ClosedAt: d.ClosedAt, ClosedReason: d.ClosedReason, OverdueAtClose: d.OverdueAtClose,
			Fees: d.Fees, Payments: d.Payments, FeesOwed: d.FeesOwed(), FeesPaid: d.FeesPaid(),
			Supplements: d.Supplements, Apologies: d.Apologies,
		},
	}
}

// enqueueOutbox writes the outbox row of event ev of dossier d (d as it is after ev)
// in tx, the transaction that appends the event.
func (db *DB) enqueueOutbox(ctx context.Context, tx *sql.Tx, d *dossier.Dossier, ev dossier.Event) error {
	return db.insertOutbox(ctx, tx, newOutboxMessage(d, ev))
}

func (db *DB) insertOutbox(ctx context.Context, tx *sql.Tx, m OutboxMessage) error {
	body, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("outbox %s #%d: encode: %w", m.Code, m.Seq, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO outbox (aggregate, seq, event_type, subject, payload, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, m.Code, m.Seq, "dossier."+string(m.Event.Action),
		OutboxSubject(m.Dossier.UnitCode, m.Event.Action), string(body), db.now()); err != nil {
		return fmt.Errorf("outbox %s #%d: %w", m.Code, m.Seq, mapErr(err))
	}
	return nil
}

type outboxImportKey struct{}

// WithOutboxImport returns a context under which ImportDossiers also writes to the
// outbox, for a migration of live dossiers from another one-stop system that the
// national portal must learn about. Each imported dossier then gets one row, for its
// last event with the state after it (the portal's record is a snapshot; replaying a
// dossier's whole history to it would be noise). Without it — the default, used by the
// demo year — imports write no outbox rows.
func WithOutboxImport(ctx context.Context) context.Context {
	return context.WithValue(ctx, outboxImportKey{}, true)
}

// outboxImport is ImportDossiers' outbox step for one replayed dossier d with its
// events evs: nothing unless ctx carries WithOutboxImport.
func (db *DB) outboxImport(ctx context.Context, tx *sql.Tx, d *dossier.Dossier, evs []dossier.Event) error {
	if on, _ := ctx.Value(outboxImportKey{}).(bool); !on || len(evs) == 0 {
		return nil
	}
	m := newOutboxMessage(d, evs[len(evs)-1])
	m.Imported = true
	return db.insertOutbox(ctx, tx, m)
}

// OutboxRow is one unpublished outbox row handed to the relay.
type OutboxRow struct {
	ID        int64
	Aggregate string // dossier code
	Seq       int
	EventType string
	Subject   string
	Payload   []byte
	CreatedAt time.Time
	Attempts  int // failed attempts so far
}

// OutboxPublisher publishes rows. The rows of one call belong to distinct dossiers, so
// they may be published concurrently. It returns one error per row, nil when the row
// was published (acknowledged by the broker).
type OutboxPublisher func(ctx context.Context, rows []OutboxRow) []error

// OutboxBatch reports one RelayOutbox call.
type OutboxBatch struct {
	Claimed, Published, Failed int
	LastPublishedID            int64
	// Errors are the publish errors of the failed rows.
	Errors []error
}

// outboxClaimSQL selects the rows that may be published now: unpublished, not waiting
// for a retry, and the first unpublished row of their dossier — so a dossier's event
// n+1 is never handed out before event n was published, by this relay or another.
const outboxClaimSQL = `SELECT id, aggregate, seq, event_type, subject, payload, created_at, attempts FROM outbox o
	WHERE o.published_at IS NULL AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= $1)
	AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.aggregate = o.aggregate AND p.published_at IS NULL AND p.id < o.id)
	ORDER BY o.id LIMIT $2`

// RelayOutbox claims up to limit publishable rows in id order, passes them to
// publish and records the outcome: published rows get published_at; failed ones
// attempts+1, last_error and next_attempt_at = now + retryIn(attempts). At most one
// row per dossier is claimed at a time (the head of its unpublished rows), which keeps
// each dossier's events in order across retries and relays.
//
// On PostgreSQL the rows are locked FOR UPDATE SKIP LOCKED in a transaction held
// across the publish, so several relays (several app instances) share the work and
// never publish the same row concurrently (PostgreSQL docs, SELECT "The Locking
// Clause": SKIP LOCKED "is not suitable for general purpose work, but can be used to
// avoid lock contention with multiple consumers accessing a queue-like table"). On
// SQLite there is one process: rows are read, published, then marked in a short write
// transaction, so the database's single writer is not held during network I/O.
//
// A row published whose mark is then lost (crash, failed commit) is published again
// later: the relay sets Nats-Msg-Id = id, which JetStream deduplicates within its
// window, and consumers are idempotent.
func (db *DB) RelayOutbox(ctx context.Context, limit int, publish OutboxPublisher, retryIn func(attempts int) time.Duration) (OutboxBatch, error) {
	if limit <= 0 {
		limit = 100
	}
	// Finish the bookkeeping of rows already handed to the broker even when ctx ends.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	now := db.now()
	if db.Dialect == Postgres {
		tx, err := db.BeginTx(bctx, nil)
		if err != nil {
			return OutboxBatch{}, fmt.Errorf("relay outbox: begin: %w", mapErr(err))
		}
		defer tx.Rollback()
		rows, err := claimOutbox(bctx, tx, outboxClaimSQL+` FOR UPDATE SKIP LOCKED`, now, limit)
		if err != nil || len(rows) == 0 {
			return OutboxBatch{}, err
		}
		b := db.recordOutbox(bctx, tx, rows, publish(ctx, rows), now, retryIn)
		if b.err != nil {
			return b.OutboxBatch, b.err
		}
		if err := tx.Commit(); err != nil {
			return b.OutboxBatch, fmt.Errorf("relay outbox: commit: %w", mapErr(err))
		}
		return b.OutboxBatch, nil
	}
	rows, err := claimOutbox(ctx, db, outboxClaimSQL, now, limit)
	if err != nil || len(rows) == 0 {
		return OutboxBatch{}, err
	}
	errs := publish(ctx, rows)
	var b recorded
	err = db.Tx(bctx, func(tx *sql.Tx) error {
		b = db.recordOutbox(bctx, tx, rows, errs, now, retryIn)
		return b.err
	})
	return b.OutboxBatch, err
}

func claimOutbox(ctx context.Context, q querier, query string, now time.Time, limit int) ([]OutboxRow, error) {
	rs, err := q.QueryContext(ctx, query, now, limit)
	if err != nil {
		return nil, fmt.Errorf("relay outbox: claim: %w", mapErr(err))
	}
	defer rs.Close()
	var out []OutboxRow
	for rs.Next() {
		var r OutboxRow
		var payload string
		if err := rs.Scan(&r.ID, &r.Aggregate, &r.Seq, &r.EventType, &r.Subject, &payload, &r.CreatedAt, &r.Attempts); err != nil {
			return nil, fmt.Errorf("relay outbox: claim: %w", err)
		}
		r.Payload = []byte(payload)
		out = append(out, r)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("relay outbox: claim: %w", mapErr(err))
	}
	return out, nil
}

type recorded struct {
	OutboxBatch
	err error
}

// recordOutbox stores the outcome of publishing rows (errs[i] for rows[i]). A row
// whose publish was cut short by the caller's context ending is left as it was.
func (db *DB) recordOutbox(ctx context.Context, tx *sql.Tx, rows []OutboxRow, errs []error, now time.Time, retryIn func(int) time.Duration) recorded {
	b := recorded{OutboxBatch: OutboxBatch{Claimed: len(rows)}}
	if len(errs) != len(rows) {
		b.err = fmt.Errorf("relay outbox: publisher returned %d results for %d rows", len(errs), len(rows))
		return b
	}
	var ok []any
	var ph []string
	for i, r := range rows {
		err := errs[i]
		if err == nil {
			ok = append(ok, r.ID)
			ph = append(ph, fmt.Sprintf("$%d", len(ok)+1))
			b.LastPublishedID = max(b.LastPublishedID, r.ID)
			continue
		}
		b.Failed++
		b.Errors = append(b.Errors, fmt.Errorf("outbox row %d (%s #%d): %w", r.ID, r.Aggregate, r.Seq, err))
		if errors.Is(err, context.Canceled) {
			continue
		}
		msg := err.Error()
		if len(msg) > 1000 {
			msg = msg[:1000]
		}
		var wait time.Duration
		if retryIn != nil {
			wait = retryIn(r.Attempts + 1)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3`,
			msg, now.Add(wait), r.ID); err != nil {
			b.err = fmt.Errorf("relay outbox: record failure of row %d: %w", r.ID, mapErr(err))
			return b
		}
	}
	if len(ok) > 0 {
		args := append([]any{now}, ok...)
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET published_at = $1, attempts = attempts + 1, last_error = '', next_attempt_at = NULL
			WHERE id IN (`+strings.Join(ph, ",")+`)`, args...); err != nil {
			b.err = fmt.Errorf("relay outbox: mark %d rows published: %w", len(ok), mapErr(err))
			return b
		}
	}
	b.Published = len(ok)
	return b
}

// OutboxStatus is the state of the outbox for `motcua outbox status` and the metrics.
type OutboxStatus struct {
	// Unpublished counts the rows not yet published (the relay's lag in events).
	Unpublished int64 `json:"unpublished"`
	// OldestUnpublished is when the oldest unpublished row was written (zero if none);
	// OldestAgeSeconds its age at the time of the call.
	OldestUnpublished time.Time `json:"oldest_unpublished,omitzero"`
	OldestAgeSeconds  float64   `json:"oldest_age_seconds"`
	// LastPublishedID is the highest published row id (0 if none), LastPublishedAt when
	// it was published.
	LastPublishedID int64     `json:"last_published_id"`
	LastPublishedAt time.Time `json:"last_published_at,omitzero"`
	// Failing counts unpublished rows with at least one failed attempt; LastError is the
	// error of the oldest of them.
	Failing   int64  `json:"failing"`
	LastError string `json:"last_error,omitempty"`
}

// OutboxStatus returns the outbox's lag and progress.
func (db *DB) OutboxStatus(ctx context.Context) (OutboxStatus, error) {
	var st OutboxStatus
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE published_at IS NULL`).Scan(&st.Unpublished); err != nil {
		return st, fmt.Errorf("outbox status: %w", mapErr(err))
	}
	if st.Unpublished > 0 {
		if err := db.QueryRowContext(ctx, `SELECT created_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1`).Scan(&st.OldestUnpublished); err != nil && err != sql.ErrNoRows {
			return st, fmt.Errorf("outbox status: oldest: %w", mapErr(err))
		}
		if !st.OldestUnpublished.IsZero() {
			st.OldestAgeSeconds = max(0, db.now().Sub(st.OldestUnpublished).Seconds())
		}
		if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM outbox WHERE published_at IS NULL AND attempts > 0`).Scan(&st.Failing); err != nil {
			return st, fmt.Errorf("outbox status: failing: %w", mapErr(err))
		}
		if st.Failing > 0 {
			if err := db.QueryRowContext(ctx, `SELECT last_error FROM outbox WHERE published_at IS NULL AND attempts > 0 ORDER BY id LIMIT 1`).Scan(&st.LastError); err != nil && err != sql.ErrNoRows {
				return st, fmt.Errorf("outbox status: last error: %w", mapErr(err))
			}
		}
	}
	var at sql.NullTime
	err := db.QueryRowContext(ctx, `SELECT id, published_at FROM outbox WHERE published_at IS NOT NULL ORDER BY id DESC LIMIT 1`).Scan(&st.LastPublishedID, &at)
	if err != nil && err != sql.ErrNoRows {
		return st, fmt.Errorf("outbox status: last published: %w", mapErr(err))
	}
	st.LastPublishedAt = at.Time
	return st, nil
}

// PruneOutbox deletes rows published before cutoff and returns how many. Ids are never
// reused (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so pruning cannot make a
// later row collide with an old Nats-Msg-Id.
func (db *DB) PruneOutbox(ctx context.Context, cutoff time.Time) (int64, error) {
	var n int64
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1`, cutoff.UTC())
		if err != nil {
			return fmt.Errorf("prune outbox: %w", mapErr(err))
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return n, err
}
