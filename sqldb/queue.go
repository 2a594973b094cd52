package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/queue"
)

// QueueChannel is the PostgreSQL NOTIFY channel every queue write signals (payload:
// the unit code), so display boards connected to any instance learn of it at once.
const QueueChannel = "motcua_queue"

// QueueStore stores services, counters, tickets, the queue event log and rating
// terminals.
type QueueStore struct{ db *DB }

// Queue returns the queue store backed by db.
func (db *DB) Queue() *QueueStore { return &QueueStore{db} }

// day is the ICT date of t, the day of a number series.
func day(t time.Time) string { return t.In(motcua.ICT).Format(time.DateOnly) }

// ---- services and counters

func (s *QueueStore) checkUnit(ctx context.Context, tx *sql.Tx, code string) error {
	if _, err := getUnit(ctx, tx, code); err != nil {
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "unit_code", queue.MsgUnitInvalid)
		}
		return err
	}
	return nil
}

// CreateService stores a new service; its code is unique within the unit.
func (s *QueueStore) CreateService(ctx context.Context, svc *queue.Service) error {
	if err := svc.Validate(); err != nil {
		return err
	}
	svc.Active, svc.Counters = true, []int64{}
	fields, _ := json.Marshal(svc.Fields)
	procs, _ := json.Marshal(svc.Procedures)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkUnit(ctx, tx, svc.UnitCode); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO queue_services (code, name, unit_code, fields, procedures, active, created_at)
			VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id`, svc.Code, svc.Name, svc.UnitCode, string(fields), string(procs), true, s.db.now()).Scan(&svc.ID)
		if err != nil {
			return fmt.Errorf("create service %s: %w", svc.Code, withField(mapErr(err), "code"))
		}
		return s.db.audit(ctx, tx, "qservice.create", "queue_service", fmt.Sprint(svc.ID), nil, svc)
	})
}

const serviceCols = `id, code, name, unit_code, fields, procedures, active`

func scanService(sc interface{ Scan(...any) error }) (queue.Service, error) {
	var svc queue.Service
	var fields, procs string
	if err := sc.Scan(&svc.ID, &svc.Code, &svc.Name, &svc.UnitCode, &fields, &procs, &svc.Active); err != nil {
		return svc, err
	}
	svc.Fields, svc.Procedures, svc.Counters = []string{}, []string{}, []int64{}
	json.Unmarshal([]byte(fields), &svc.Fields)
	json.Unmarshal([]byte(procs), &svc.Procedures)
	return svc, nil
}

// ListServices returns the services of unit ("" = all), with their counters.
func (s *QueueStore) ListServices(ctx context.Context, unit string) ([]queue.Service, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+serviceCols+` FROM queue_services WHERE ($1 = '' OR unit_code = $1) ORDER BY unit_code, code`, unit)
	if err != nil {
		return nil, fmt.Errorf("list services: %w", mapErr(err))
	}
	out := []queue.Service{}
	idx := map[int64]int{}
	for rows.Next() {
		svc, err := scanService(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("list services: %w", err)
		}
		idx[svc.ID] = len(out)
		out = append(out, svc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	err = s.eachCounterService(ctx, "counter_id", func(c, sv int64) {
		if i, ok := idx[sv]; ok {
			out[i].Counters = append(out[i].Counters, c)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("list services: %w", err)
	}
	return out, nil
}

// eachCounterService calls fn for every counter–service link, ordered by orderBy
// (counter_id or service_id).
func (s *QueueStore) eachCounterService(ctx context.Context, orderBy string, fn func(counter, service int64)) error {
	links, err := s.db.QueryContext(ctx, `SELECT counter_id, service_id FROM queue_counter_services ORDER BY `+orderBy)
	if err != nil {
		return mapErr(err)
	}
	defer links.Close()
	for links.Next() {
		var c, sv int64
		if err := links.Scan(&c, &sv); err != nil {
			return err
		}
		fn(c, sv)
	}
	return links.Err()
}

// GetService returns one service.
func (s *QueueStore) GetService(ctx context.Context, id int64) (*queue.Service, error) {
	return getService(ctx, s.db, id)
}

func getService(ctx context.Context, q querier, id int64) (*queue.Service, error) {
	svc, err := scanService(q.QueryRowContext(ctx, `SELECT `+serviceCols+` FROM queue_services WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound(queue.MsgServiceNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("get service %d: %w", id, mapErr(err))
	}
	rows, err := q.QueryContext(ctx, `SELECT counter_id FROM queue_counter_services WHERE service_id = $1 ORDER BY counter_id`, id)
	if err != nil {
		return nil, fmt.Errorf("get service %d: %w", id, mapErr(err))
	}
	defer rows.Close()
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		svc.Counters = append(svc.Counters, c)
	}
	return &svc, rows.Err()
}

// CreateCounter stores a new counter with the services it calls (all of its unit).
func (s *QueueStore) CreateCounter(ctx context.Context, c *queue.Counter) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.Active = true
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.checkUnit(ctx, tx, c.UnitCode); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO queue_counters (unit_code, number, name, active, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			c.UnitCode, c.Number, c.Name, true, s.db.now()).Scan(&c.ID)
		if err != nil {
			return fmt.Errorf("create counter %d: %w", c.Number, withField(mapErr(err), "number"))
		}
		if err := s.linkServices(ctx, tx, c); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, "counter.create", "queue_counter", fmt.Sprint(c.ID), nil, c)
	})
}

// UpdateCounter changes a counter's name, services and active flag.
func (s *QueueStore) UpdateCounter(ctx context.Context, c *queue.Counter) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getCounter(ctx, tx, c.ID, false)
		if err != nil {
			return err
		}
		c.UnitCode = before.UnitCode
		if c.Number == 0 {
			c.Number = before.Number
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE queue_counters SET number=$2, name=$3, active=$4 WHERE id=$1`, c.ID, c.Number, c.Name, c.Active); err != nil {
			return fmt.Errorf("update counter %d: %w", c.ID, withField(mapErr(err), "number"))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM queue_counter_services WHERE counter_id = $1`, c.ID); err != nil {
			return fmt.Errorf("update counter %d: %w", c.ID, mapErr(err))
		}
		if err := s.linkServices(ctx, tx, c); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, "counter.update", "queue_counter", fmt.Sprint(c.ID), before, c)
	})
}

func (s *QueueStore) linkServices(ctx context.Context, tx *sql.Tx, c *queue.Counter) error {
	seen := map[int64]bool{}
	for _, id := range c.Services {
		if seen[id] {
			continue
		}
		seen[id] = true
		svc, err := getService(ctx, tx, id)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "services", queue.MsgServiceNotFound)
		} else if err != nil {
			return err
		}
		if svc.UnitCode != c.UnitCode {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "services", queue.MsgOtherUnit)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO queue_counter_services (counter_id, service_id) VALUES ($1,$2)`, c.ID, id); err != nil {
			return fmt.Errorf("link counter %d to service %d: %w", c.ID, id, mapErr(err))
		}
	}
	return nil
}

// ListCounters returns the counters of unit ("" = all), with their services.
func (s *QueueStore) ListCounters(ctx context.Context, unit string) ([]queue.Counter, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, unit_code, number, name, active FROM queue_counters WHERE ($1 = '' OR unit_code = $1) ORDER BY unit_code, number`, unit)
	if err != nil {
		return nil, fmt.Errorf("list counters: %w", mapErr(err))
	}
	out := []queue.Counter{}
	idx := map[int64]int{}
	for rows.Next() {
		var c queue.Counter
		if err := rows.Scan(&c.ID, &c.UnitCode, &c.Number, &c.Name, &c.Active); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list counters: %w", err)
		}
		c.Services = []int64{}
		idx[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list counters: %w", err)
	}
	err = s.eachCounterService(ctx, "service_id", func(c, sv int64) {
		if i, ok := idx[c]; ok {
			out[i].Services = append(out[i].Services, sv)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("list counters: %w", err)
	}
	return out, nil
}

// GetCounter returns one counter.
func (s *QueueStore) GetCounter(ctx context.Context, id int64) (*queue.Counter, error) {
	return getCounter(ctx, s.db, id, false)
}

// getCounter reads a counter; with lock, on PostgreSQL, it locks the row until the
// end of the transaction so actions on one counter run one at a time.
func getCounter(ctx context.Context, q querier, id int64, lock bool) (*queue.Counter, error) {
	var c queue.Counter
	qs := `SELECT id, unit_code, number, name, active FROM queue_counters WHERE id = $1`
	if lock {
		qs += ` FOR UPDATE`
	}
	err := q.QueryRowContext(ctx, qs, id).Scan(&c.ID, &c.UnitCode, &c.Number, &c.Name, &c.Active)
	if err == sql.ErrNoRows {
		return nil, notFound(queue.MsgCounterNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("get counter %d: %w", id, mapErr(err))
	}
	rows, err := q.QueryContext(ctx, `SELECT service_id FROM queue_counter_services WHERE counter_id = $1 ORDER BY service_id`, id)
	if err != nil {
		return nil, fmt.Errorf("get counter %d: %w", id, mapErr(err))
	}
	defer rows.Close()
	c.Services = []int64{}
	for rows.Next() {
		var sv int64
		if err := rows.Scan(&sv); err != nil {
			return nil, err
		}
		c.Services = append(c.Services, sv)
	}
	return &c, rows.Err()
}

// ---- tickets

const ticketCols = `t.id, t.service_id, s.code, t.unit_code, t.day, t.series_id, t.seq, t.hop, t.number, t.priority, t.status,
	t.issued_at, t.queued_at, t.called_at, t.started_at, t.finished_at, t.counter_id, t.target_counter_id, t.officer, t.recalls,
	t.dossier_code, t.transferred_from, t.transferred_to, t.expired_from, t.version`

const ticketFrom = ` FROM queue_tickets t JOIN queue_services s ON s.id = t.service_id`

func scanTicket(sc interface{ Scan(...any) error }) (queue.Ticket, error) {
	var t queue.Ticket
	var called, started, finished sql.NullTime
	var counter, target, from, to sql.NullInt64
	var prio, expiredFrom string
	err := sc.Scan(&t.ID, &t.ServiceID, &t.ServiceCode, &t.UnitCode, &t.Day, &t.SeriesID, &t.Seq, &t.Hop, &t.Number, &prio, &t.Status,
		&t.IssuedAt, &t.QueuedAt, &called, &started, &finished, &counter, &target, &t.Officer, &t.Recalls,
		&t.DossierCode, &from, &to, &expiredFrom, &t.Version)
	if err != nil {
		return t, err
	}
	t.Priority, t.ExpiredFrom = queue.Priority(prio), queue.Status(expiredFrom)
	t.IssuedAt, t.QueuedAt = t.IssuedAt.In(motcua.ICT), t.QueuedAt.In(motcua.ICT)
	ptr := func(n sql.NullTime) *time.Time {
		if !n.Valid {
			return nil
		}
		v := n.Time.In(motcua.ICT)
		return &v
	}
	t.CalledAt, t.StartedAt, t.FinishedAt = ptr(called), ptr(started), ptr(finished)
	t.CounterID, t.TargetCounterID, t.TransferredFrom, t.TransferredTo = counter.Int64, target.Int64, from.Int64, to.Int64
	return t, nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// GetTicket returns one ticket.
func (s *QueueStore) GetTicket(ctx context.Context, id int64) (*queue.Ticket, error) {
	return getTicket(ctx, s.db, id)
}

func getTicket(ctx context.Context, q querier, id int64) (*queue.Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx, `SELECT `+ticketCols+ticketFrom+` WHERE t.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound(queue.MsgTicketNotFound)
	} else if err != nil {
		return nil, fmt.Errorf("get ticket %d: %w", id, mapErr(err))
	}
	return &t, nil
}

func (s *QueueStore) insertTicket(ctx context.Context, tx *sql.Tx, t *queue.Ticket) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO queue_tickets (service_id, unit_code, day, series_id, seq, hop, number, priority, prio, status,
		issued_at, queued_at, target_counter_id, dossier_code, transferred_from, version)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16) RETURNING id`,
		t.ServiceID, t.UnitCode, t.Day, t.SeriesID, t.Seq, t.Hop, t.Number, string(t.Priority), t.Priority.Rank(), string(t.Status),
		t.IssuedAt.UTC(), t.QueuedAt.UTC(), nullID(t.TargetCounterID), t.DossierCode, nullID(t.TransferredFrom), t.Version).Scan(&t.ID)
	if err != nil {
		return fmt.Errorf("insert ticket %s: %w", t.Number, mapErr(err))
	}
	return nil
}

func (s *QueueStore) updateTicket(ctx context.Context, tx *sql.Tx, t *queue.Ticket, oldVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE queue_tickets SET status=$2, called_at=$3, started_at=$4, finished_at=$5, counter_id=$6,
		officer=$7, recalls=$8, dossier_code=$9, transferred_to=$10, version=$11, expired_from=$13 WHERE id=$1 AND version=$12`,
		t.ID, string(t.Status), nullTimePtr(t.CalledAt), nullTimePtr(t.StartedAt), nullTimePtr(t.FinishedAt), nullID(t.CounterID),
		t.Officer, t.Recalls, t.DossierCode, nullID(t.TransferredTo), t.Version, oldVersion, string(t.ExpiredFrom))
	if err != nil {
		return fmt.Errorf("update ticket %d: %w", t.ID, mapErr(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return motcua.Errorf(motcua.ECONFLICT, "%s", queue.MsgTransition)
	}
	return nil
}

// Issue takes the next number of service svcID's series for today: the same gapless
// technique as dossier codes (one upserted counter row per service and day, whose row
// lock orders concurrent issuers on every instance), so numbers are never duplicated
// or skipped; a rolled-back transaction also rolls back its number.
func (s *QueueStore) Issue(ctx context.Context, svcID int64, prio queue.Priority) (*queue.Ticket, error) {
	if !prio.Valid() {
		return nil, motcua.FieldError(motcua.EINVALID, "priority", queue.MsgPriorityInvalid)
	}
	var t queue.Ticket
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		svc, err := getService(ctx, tx, svcID)
		if err != nil {
			return err
		}
		if !svc.Active {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "service_id", queue.MsgServiceInactive)
		}
		now := s.db.now()
		d := day(now)
		var seq int
		if err := tx.QueryRowContext(ctx, `INSERT INTO queue_sequences (service_id, day, last_seq) VALUES ($1, $2, 1)
			ON CONFLICT (service_id, day) DO UPDATE SET last_seq = queue_sequences.last_seq + 1 RETURNING last_seq`, svc.ID, d).Scan(&seq); err != nil {
			return fmt.Errorf("allocate number of service %d: %w", svc.ID, mapErr(err))
		}
		t = queue.Ticket{ServiceID: svc.ID, ServiceCode: svc.Code, UnitCode: svc.UnitCode, Day: d, Seq: seq, SeriesID: svc.ID,
			Number: queue.FormatNumber(svc.Code, seq), Priority: prio, Status: queue.Waiting, IssuedAt: now, QueuedAt: now, Version: 1}
		if err := s.insertTicket(ctx, tx, &t); err != nil {
			return err
		}
		if err := s.db.audit(ctx, tx, "ticket.issue", "queue_ticket", fmt.Sprint(t.ID), nil,
			map[string]any{"number": t.Number, "service_id": svc.ID, "priority": prio}); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, "issue", &t, nil)
	})
	if err != nil {
		return nil, err
	}
	t.IssuedAt, t.QueuedAt = t.IssuedAt.In(motcua.ICT), t.QueuedAt.In(motcua.ICT)
	return &t, nil
}

// Current returns the ticket the counter is calling or serving, or nil.
func (s *QueueStore) Current(ctx context.Context, counterID int64) (*queue.Ticket, error) {
	return current(ctx, s.db, counterID)
}

func current(ctx context.Context, q querier, counterID int64) (*queue.Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx, `SELECT `+ticketCols+ticketFrom+`
		WHERE t.counter_id = $1 AND t.status IN ('called', 'serving') ORDER BY t.called_at DESC, t.id DESC LIMIT 1`, counterID))
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("current ticket of counter %d: %w", counterID, mapErr(err))
	}
	return &t, nil
}

// CallNext calls the next ticket for counter counterID by officer: among today's
// waiting tickets of the counter's services (or transferred to this counter),
// priority first, then the longest waiting. A counter still calling or serving a
// ticket is ECONFLICT queue.counter_busy; an empty queue ENOTFOUND queue.no_waiting.
//
// Two counters calling at once never get the same ticket: on PostgreSQL the
// candidate is taken with SELECT … FOR UPDATE SKIP LOCKED (the other counter skips it
// and takes the next), on SQLite immediate transactions run one at a time.
func (s *QueueStore) CallNext(ctx context.Context, counterID int64, officer string) (*queue.Ticket, error) {
	var t *queue.Ticket
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		c, err := getCounter(ctx, tx, counterID, s.db.Dialect == Postgres)
		if err != nil {
			return err
		}
		cur, err := current(ctx, tx, counterID)
		if err != nil {
			return err
		}
		if cur != nil {
			return &motcua.Error{Code: motcua.ECONFLICT, Message: queue.MsgCounterBusy, Params: map[string]any{"number": cur.Number}, Details: cur}
		}
		now := s.db.now()
		qs := `SELECT t.id FROM queue_tickets t WHERE t.status = 'waiting' AND t.day = $1
			AND (t.target_counter_id = $2 OR (t.target_counter_id IS NULL AND t.service_id IN
				(SELECT service_id FROM queue_counter_services WHERE counter_id = $2)))
			ORDER BY t.prio DESC, t.issued_at, t.id LIMIT 1`
		if s.db.Dialect == Postgres {
			qs += ` FOR UPDATE SKIP LOCKED`
		}
		var id int64
		err = tx.QueryRowContext(ctx, qs, day(now), c.ID).Scan(&id)
		if err == sql.ErrNoRows {
			return motcua.Errorf(motcua.ENOTFOUND, "%s", queue.MsgNoWaiting)
		} else if err != nil {
			return fmt.Errorf("call next at counter %d: %w", counterID, mapErr(err))
		}
		if t, err = getTicket(ctx, tx, id); err != nil {
			return err
		}
		old := t.Version
		if err := queue.Apply(t, queue.ActCall, now.In(motcua.ICT), c.ID, officer); err != nil {
			return err
		}
		if err := s.updateTicket(ctx, tx, t, old); err != nil {
			return err
		}
		if err := s.db.audit(ctx, tx, "ticket.call", "queue_ticket", fmt.Sprint(t.ID), nil,
			map[string]any{"number": t.Number, "counter_id": c.ID}); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, "call", t, c)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// ActOptions are the extras of an action: the dossier received while serving
// (finish), and the target of a transfer (a service, or a counter).
type ActOptions struct {
	DossierCode string
	ToService   int64
	ToCounter   int64
}

// Act performs a (recall, start, finish, no_show, transfer) on ticket ticketID (0 =
// the counter's current ticket) at counter counterID. It returns the ticket and, for
// a transfer, the new ticket that continues it.
func (s *QueueStore) Act(ctx context.Context, counterID, ticketID int64, a queue.Action, officer string, opt ActOptions) (t, next *queue.Ticket, err error) {
	if a == queue.ActCall {
		return nil, nil, motcua.FieldError(motcua.EINVALID, "action", queue.MsgTransition)
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		next = nil
		c, err := getCounter(ctx, tx, counterID, s.db.Dialect == Postgres)
		if err != nil {
			return err
		}
		if ticketID == 0 {
			if t, err = current(ctx, tx, counterID); err != nil {
				return err
			} else if t == nil {
				return motcua.Errorf(motcua.ENOTFOUND, "%s", queue.MsgNoCurrent)
			}
		} else if t, err = getTicket(ctx, tx, ticketID); err != nil {
			return err
		}
		now := s.db.now().In(motcua.ICT)
		old := t.Version
		if err := queue.Apply(t, a, now, c.ID, officer); err != nil {
			return err
		}
		audit := map[string]any{"number": t.Number, "counter_id": c.ID}
		switch a {
		case queue.ActFinish:
			if code := strings.TrimSpace(opt.DossierCode); code != "" {
				var one int
				if err := tx.QueryRowContext(ctx, `SELECT 1 FROM dossiers WHERE code = $1`, code).Scan(&one); err == sql.ErrNoRows {
					return motcua.FieldError(motcua.EUNPROCESSABLE, "dossier_code", queue.MsgDossierNotFound)
				} else if err != nil {
					return fmt.Errorf("check dossier %s: %w", code, mapErr(err))
				}
				t.DossierCode = code
				audit["dossier_code"] = code
			}
		case queue.ActTransfer:
			n, err := s.transfer(ctx, tx, t, c, opt, now)
			if err != nil {
				return err
			}
			next = n
			t.TransferredTo = n.ID
			audit["to_ticket"], audit["to_service"], audit["to_counter"] = n.ID, n.ServiceID, n.TargetCounterID
		}
		if err := s.updateTicket(ctx, tx, t, old); err != nil {
			return err
		}
		if err := s.db.audit(ctx, tx, "ticket."+string(a), "queue_ticket", fmt.Sprint(t.ID), nil, audit); err != nil {
			return err
		}
		return s.appendEvent(ctx, tx, string(a), t, c)
	})
	if err != nil {
		return nil, nil, err
	}
	return t, next, nil
}

func (s *QueueStore) transfer(ctx context.Context, tx *sql.Tx, t *queue.Ticket, c *queue.Counter, opt ActOptions, now time.Time) (*queue.Ticket, error) {
	if (opt.ToService == 0) == (opt.ToCounter == 0) {
		return nil, motcua.FieldError(motcua.EINVALID, "service_id", queue.MsgTransferTarget)
	}
	var svc *queue.Service
	if opt.ToService != 0 {
		sv, err := getService(ctx, tx, opt.ToService)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "service_id", queue.MsgServiceNotFound)
		} else if err != nil {
			return nil, err
		}
		switch {
		case sv.UnitCode != c.UnitCode:
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "service_id", queue.MsgOtherUnit)
		case sv.ID == t.ServiceID:
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "service_id", queue.MsgTransferSame)
		case !sv.Active:
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "service_id", queue.MsgServiceInactive)
		}
		svc = sv
	} else {
		to, err := getCounter(ctx, tx, opt.ToCounter, false)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "counter_id", queue.MsgCounterNotFound)
		} else if err != nil {
			return nil, err
		}
		switch {
		case to.UnitCode != c.UnitCode:
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "counter_id", queue.MsgOtherUnit)
		case to.ID == c.ID:
			return nil, motcua.FieldError(motcua.EUNPROCESSABLE, "counter_id", queue.MsgTransferSame)
		}
	}
	n := queue.Continuation(t, svc, opt.ToCounter, now)
	if err := s.insertTicket(ctx, tx, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

// Position is where a waiting ticket stands: how many are called before it and the
// estimated wait.
type Position struct {
	Ahead       int
	Wait        time.Duration
	CounterName string
	CounterNum  int
}

// Position computes the position of t (see queue.EstimateWait); for a called ticket
// it names the counter.
func (s *QueueStore) Position(ctx context.Context, t *queue.Ticket) (Position, error) {
	var p Position
	if t.CounterID != 0 {
		if c, err := getCounter(ctx, s.db, t.CounterID, false); err == nil {
			p.CounterName, p.CounterNum = c.Name, c.Number
		}
	}
	if t.Status != queue.Waiting {
		return p, nil
	}
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM queue_tickets WHERE status = 'waiting' AND day = $1 AND service_id = $2
		AND COALESCE(target_counter_id, 0) = $3 AND (prio > $4 OR (prio = $4 AND (issued_at < $5 OR (issued_at = $5 AND id < $6))))`,
		t.Day, t.ServiceID, t.TargetCounterID, t.Priority.Rank(), t.IssuedAt.UTC(), t.ID).Scan(&p.Ahead)
	if err != nil {
		return p, fmt.Errorf("position of ticket %d: %w", t.ID, mapErr(err))
	}
	counters := 1
	if t.TargetCounterID == 0 {
		if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM queue_counter_services l JOIN queue_counters c ON c.id = l.counter_id
			WHERE l.service_id = $1 AND c.active = $2`, t.ServiceID, true).Scan(&counters); err != nil {
			return p, fmt.Errorf("position of ticket %d: %w", t.ID, mapErr(err))
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT called_at, finished_at FROM queue_tickets
		WHERE service_id = $1 AND status = 'done' AND called_at IS NOT NULL AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 20`, t.ServiceID)
	if err != nil {
		return p, fmt.Errorf("position of ticket %d: %w", t.ID, mapErr(err))
	}
	defer rows.Close()
	var recent []time.Duration
	for rows.Next() {
		var a, b time.Time
		if err := rows.Scan(&a, &b); err != nil {
			return p, err
		}
		recent = append(recent, b.Sub(a))
	}
	p.Wait = queue.EstimateWait(p.Ahead+1, recent, counters)
	return p, rows.Err()
}

// DayTickets returns the tickets of one day (YYYY-MM-DD) of unit ("" = all), in id order.
func (s *QueueStore) DayTickets(ctx context.Context, d, unit string) ([]queue.Ticket, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+ticketCols+ticketFrom+` WHERE t.day = $1 AND ($2 = '' OR t.unit_code = $2) ORDER BY t.id`, d, unit)
	if err != nil {
		return nil, fmt.Errorf("tickets of %s: %w", d, mapErr(err))
	}
	defer rows.Close()
	out := []queue.Ticket{}
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("tickets of %s: %w", d, err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ---- events

// appendEvent appends a queue event inside tx and, on PostgreSQL, NOTIFYs
// QueueChannel (delivered at commit). It must run after db.audit: the audit's
// transaction-scoped advisory lock orders writers, so event ids are assigned in
// commit order and a poller reading "id > last" never misses a late commit. The
// waiting count is of the ticket's day, except for the day close ("expire" of a past
// day's ticket), whose count is today's: what a board showing it must keep.
func (s *QueueStore) appendEvent(ctx context.Context, tx *sql.Tx, kind string, t *queue.Ticket, c *queue.Counter) error {
	now := s.db.now()
	ev := queue.Event{At: now.In(motcua.ICT), Kind: kind, UnitCode: t.UnitCode, TicketID: t.ID, Number: t.Number,
		ServiceID: t.ServiceID, ServiceCode: t.ServiceCode, Status: t.Status, Recalls: t.Recalls}
	if c != nil {
		ev.CounterID, ev.CounterNumber, ev.CounterName = c.ID, c.Number, c.Name
	}
	d := t.Day
	if kind == string(queue.ActExpire) {
		d = day(now)
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM queue_tickets WHERE status = 'waiting' AND service_id = $1 AND day = $2`,
		t.ServiceID, d).Scan(&ev.Waiting); err != nil {
		return fmt.Errorf("queue event: %w", mapErr(err))
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("queue event: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO queue_events (at, unit_code, kind, ticket_id, counter_id, body) VALUES ($1,$2,$3,$4,$5,$6)`,
		ev.At.UTC(), ev.UnitCode, kind, t.ID, nullID(ev.CounterID), string(body)); err != nil {
		return fmt.Errorf("queue event: %w", mapErr(err))
	}
	if s.db.Dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, $2)`, QueueChannel, ev.UnitCode); err != nil {
			return fmt.Errorf("queue notify: %w", mapErr(err))
		}
	}
	return nil
}

// EventsAfter returns up to limit queue events with id > after, of unit ("" = all),
// in id order.
func (s *QueueStore) EventsAfter(ctx context.Context, after int64, unit string, limit int) ([]queue.Event, error) {
	if limit <= 0 || limit > 1000 {
		limit = 500
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, body FROM queue_events WHERE id > $1 AND ($2 = '' OR unit_code = $2) ORDER BY id LIMIT $3`, after, unit, limit)
	if err != nil {
		return nil, fmt.Errorf("queue events: %w", mapErr(err))
	}
	defer rows.Close()
	out := []queue.Event{}
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("queue events: %w", err)
		}
		var ev queue.Event
		if err := json.Unmarshal([]byte(body), &ev); err != nil {
			return nil, fmt.Errorf("queue event %d: %w", id, err)
		}
		ev.ID = id
		out = append(out, ev)
	}
	return out, rows.Err()
}

// LastEventID returns the id of the newest queue event (0 if none).
func (s *QueueStore) LastEventID(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM queue_events`).Scan(&id); err != nil {
		return 0, fmt.Errorf("last queue event: %w", mapErr(err))
	}
	return id.Int64, nil
}

// LatestCalls returns, per counter of unit ("" = all), the newest call or recall
// event of today: what a display board shows when it connects.
func (s *QueueStore) LatestCalls(ctx context.Context, unit string) ([]queue.Event, error) {
	now := s.db.now().In(motcua.ICT)
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, motcua.ICT)
	rows, err := s.db.QueryContext(ctx, `SELECT e.id, e.body FROM queue_events e JOIN (
			SELECT counter_id, MAX(id) AS id FROM queue_events WHERE kind IN ('call', 'recall') AND at >= $1 AND ($2 = '' OR unit_code = $2)
			GROUP BY counter_id) m ON m.id = e.id ORDER BY e.id DESC`, start.UTC(), unit)
	if err != nil {
		return nil, fmt.Errorf("latest calls: %w", mapErr(err))
	}
	defer rows.Close()
	out := []queue.Event{}
	for rows.Next() {
		var id int64
		var body string
		if err := rows.Scan(&id, &body); err != nil {
			return nil, fmt.Errorf("latest calls: %w", err)
		}
		var ev queue.Event
		if err := json.Unmarshal([]byte(body), &ev); err != nil {
			return nil, fmt.Errorf("latest calls: %w", err)
		}
		ev.ID = id
		out = append(out, ev)
	}
	return out, rows.Err()
}

// WaitingCounts returns today's number of waiting tickets per service id of unit.
func (s *QueueStore) WaitingCounts(ctx context.Context, unit string) (map[int64]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT service_id, COUNT(*) FROM queue_tickets WHERE status = 'waiting' AND day = $1
		AND ($2 = '' OR unit_code = $2) GROUP BY service_id`, day(s.db.now()), unit)
	if err != nil {
		return nil, fmt.Errorf("waiting counts: %w", mapErr(err))
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// Listen LISTENs on channel over a connection taken out of the pool and calls fn
// once when listening starts (so the caller can catch up) and then for every
// notification, until ctx ends or the connection fails; it returns the error (nil
// when ctx ended). On SQLite it returns errors.ErrUnsupported at once.
func (db *DB) Listen(ctx context.Context, channel string, fn func()) error {
	if db.pool == nil {
		return errors.ErrUnsupported
	}
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("listen %s: %w", channel, err)
	}
	conn := pc.Hijack() // a LISTENing connection must not go back to the pool
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+pgx.Identifier{channel}.Sanitize()); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("listen %s: %w", channel, err)
	}
	fn()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("listen %s: %w", channel, err)
		}
		fn()
	}
}

// ---- rating terminals

// Terminal is a rating tablet bound to one counter.
type Terminal struct {
	ID        int64      `json:"id"`
	CounterID int64      `json:"counter_id"`
	UnitCode  string     `json:"unit_code"`
	Name      string     `json:"name"`
	CreatedAt time.Time  `json:"created_at"`
	CreatedBy string     `json:"created_by"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// CreateTerminal creates a rating terminal for a counter and returns its secret
// token, shown once; only the token's hash is stored.
func (s *QueueStore) CreateTerminal(ctx context.Context, counterID int64, name string) (string, *Terminal, error) {
	name = strings.TrimSpace(name)
	if len([]rune(name)) > 200 {
		return "", nil, motcua.FieldError(motcua.EINVALID, "name", queue.MsgNameRequired)
	}
	token, hash := auth.NewToken()
	term := &Terminal{CounterID: counterID, Name: name, CreatedAt: s.db.now().In(motcua.ICT), CreatedBy: motcua.ActorName(ctx)}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		c, err := getCounter(ctx, tx, counterID, false)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "counter_id", queue.MsgCounterNotFound)
		} else if err != nil {
			return err
		}
		term.UnitCode = c.UnitCode
		if term.Name == "" {
			term.Name = c.Name
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO queue_terminals (counter_id, name, token_hash, created_at, created_by) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			counterID, term.Name, hash, term.CreatedAt.UTC(), term.CreatedBy).Scan(&term.ID); err != nil {
			return fmt.Errorf("create terminal: %w", mapErr(err))
		}
		return s.db.audit(ctx, tx, "terminal.create", "queue_terminal", fmt.Sprint(term.ID), nil, term)
	})
	if err != nil {
		return "", nil, err
	}
	return token, term, nil
}

const terminalCols = `t.id, t.counter_id, c.unit_code, t.name, t.created_at, t.created_by, t.revoked_at`

func scanTerminal(sc interface{ Scan(...any) error }) (Terminal, error) {
	var t Terminal
	var rev sql.NullTime
	err := sc.Scan(&t.ID, &t.CounterID, &t.UnitCode, &t.Name, &t.CreatedAt, &t.CreatedBy, &rev)
	t.CreatedAt = t.CreatedAt.In(motcua.ICT)
	if rev.Valid {
		r := rev.Time.In(motcua.ICT)
		t.RevokedAt = &r
	}
	return t, err
}

// ListTerminals returns the terminals of unit ("" = all).
func (s *QueueStore) ListTerminals(ctx context.Context, unit string) ([]Terminal, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+terminalCols+` FROM queue_terminals t JOIN queue_counters c ON c.id = t.counter_id
		WHERE ($1 = '' OR c.unit_code = $1) ORDER BY t.id`, unit)
	if err != nil {
		return nil, fmt.Errorf("list terminals: %w", mapErr(err))
	}
	defer rows.Close()
	out := []Terminal{}
	for rows.Next() {
		t, err := scanTerminal(rows)
		if err != nil {
			return nil, fmt.Errorf("list terminals: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// GetTerminal returns one terminal.
func (s *QueueStore) GetTerminal(ctx context.Context, id int64) (*Terminal, error) {
	t, err := scanTerminal(s.db.QueryRowContext(ctx, `SELECT `+terminalCols+` FROM queue_terminals t JOIN queue_counters c ON c.id = t.counter_id WHERE t.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("rating.terminal_invalid")
	} else if err != nil {
		return nil, fmt.Errorf("get terminal %d: %w", id, mapErr(err))
	}
	return &t, nil
}

// RevokeTerminal revokes a terminal's token.
func (s *QueueStore) RevokeTerminal(ctx context.Context, id int64) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE queue_terminals SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, s.db.now())
		if err != nil {
			return fmt.Errorf("revoke terminal %d: %w", id, mapErr(err))
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return notFound("rating.terminal_invalid")
		}
		return s.db.audit(ctx, tx, "terminal.revoke", "queue_terminal", fmt.Sprint(id), nil, nil)
	})
}

// TerminalByToken returns the live terminal of a token, or EUNAUTHORIZED
// rating.terminal_invalid.
func (s *QueueStore) TerminalByToken(ctx context.Context, token string) (*Terminal, error) {
	t, err := scanTerminal(s.db.QueryRowContext(ctx, `SELECT `+terminalCols+` FROM queue_terminals t JOIN queue_counters c ON c.id = t.counter_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL`, auth.HashToken(token)))
	if err == sql.ErrNoRows {
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "rating.terminal_invalid")
	} else if err != nil {
		return nil, fmt.Errorf("terminal: %w", mapErr(err))
	}
	return &t, nil
}
