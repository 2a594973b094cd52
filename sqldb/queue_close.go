package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/queue"
)

// queueCloseBatch is how many tickets CloseDaysBefore closes per transaction: the
// audit's lock, which orders every writer, is held for one batch at a time.
const queueCloseBatch = 200

// queueClosePasses bounds how often CloseDaysBefore reads the open days again after
// tickets it meant to close were changed under it (by a counter, or another closer).
const queueClosePasses = 20

// openStatuses are the ticket statuses the day close ends (queue.Expire), as SQL.
const openStatuses = `('waiting', 'called', 'serving')`

// CloseDaysBefore closes the queue of every day before today (YYYY-MM-DD, normally
// the current ICT date): each ticket of such a day still waiting, called or being served
// becomes queue.Expired (queue.Expire, which records the status it had), with the audit
// entry ("ticket.expire", actor "system" unless ctx has one) and queue event ("expire")
// every other ticket transition writes, and its version incremented, so an officer's
// action still holding the old version fails with ECONFLICT. It returns how many
// tickets it closed. Today's tickets and terminal tickets are not touched.
//
// The days go oldest first, in transactions of at most 200 tickets. It is idempotent
// (a second run closes nothing) and safe on several instances at once: every ticket is
// changed by an update conditional on the version read (… WHERE id = ? AND version =
// ?), so of two closers, or of a closer and an officer, exactly one changes a given
// version and the other's update matches no row; such a ticket is read again, and
// closed if it is still open (e.g. the officer had just started serving it). On
// PostgreSQL a batch updates its rows first, in id order, and only then writes the
// audit entries (whose advisory lock orders the event ids) and the events: it never
// waits for a row while holding that lock, so it cannot deadlock with an officer, who
// updates one ticket and then audits.
func (s *QueueStore) CloseDaysBefore(ctx context.Context, today string) (int, error) {
	if _, err := time.Parse(time.DateOnly, today); err != nil {
		return 0, motcua.FieldError(motcua.EINVALID, "day", "queue.date_invalid")
	}
	closed := 0
	for pass := 0; ; pass++ {
		days, err := s.openDaysBefore(ctx, today)
		if err != nil {
			return closed, err
		}
		if len(days) == 0 {
			return closed, nil
		}
		if pass == queueClosePasses {
			return closed, fmt.Errorf("close queue: tickets of %s still open after %d passes (changed under the close each time)", days[0], pass)
		}
		for _, d := range days {
			for {
				n, full, err := s.closeBatch(ctx, d, today)
				closed += n
				if err != nil {
					return closed, fmt.Errorf("close queue day %s: %w", d, err)
				}
				if !full || n == 0 { // n == 0: all changed under us; the next pass reads again
					break
				}
			}
		}
	}
}

// openDaysBefore returns the days before today with tickets still open, oldest first.
func (s *QueueStore) openDaysBefore(ctx context.Context, today string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT day FROM queue_tickets WHERE status IN `+openStatuses+` AND day < $1 ORDER BY day`, today)
	if err != nil {
		return nil, fmt.Errorf("open queue days: %w", mapErr(err))
	}
	defer rows.Close()
	var days []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, fmt.Errorf("open queue days: %w", err)
		}
		days = append(days, d)
	}
	return days, rows.Err()
}

// closeBatch closes up to queueCloseBatch open tickets of day d in one transaction and
// returns how many it closed and whether it read a full batch (more may be left).
func (s *QueueStore) closeBatch(ctx context.Context, d, today string) (closed int, full bool, err error) {
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		closed, full = 0, false
		rows, err := tx.QueryContext(ctx, `SELECT `+ticketCols+ticketFrom+` WHERE t.day = $1 AND t.status IN `+openStatuses+`
			ORDER BY t.id LIMIT $2`, d, queueCloseBatch)
		if err != nil {
			return mapErr(err)
		}
		var ts []queue.Ticket
		for rows.Next() {
			t, err := scanTicket(rows)
			if err != nil {
				rows.Close()
				return err
			}
			ts = append(ts, t)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		full = len(ts) == queueCloseBatch
		// first the row updates (in id order), then the audit entries and events
		var done []*queue.Ticket
		for i := range ts {
			t := &ts[i]
			old := t.Version
			if err := queue.Expire(t, today); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE queue_tickets SET status = $2, expired_from = $3, version = $4 WHERE id = $1 AND version = $5`,
				t.ID, string(t.Status), string(t.ExpiredFrom), t.Version, old)
			if err != nil {
				return fmt.Errorf("expire ticket %d: %w", t.ID, mapErr(err))
			}
			if n, _ := res.RowsAffected(); n == 1 {
				done = append(done, t)
			} // else changed under us since it was read: the next pass reads it again
		}
		counters := map[int64]*queue.Counter{} // the counter that called a ticket, named in its event
		for _, t := range done {
			if err := s.db.audit(ctx, tx, "ticket."+string(queue.ActExpire), "queue_ticket", fmt.Sprint(t.ID), nil,
				map[string]any{"number": t.Number, "day": t.Day, "from": t.ExpiredFrom, "counter_id": t.CounterID}); err != nil {
				return err
			}
			c := counters[t.CounterID]
			if c == nil && t.CounterID != 0 {
				if c, err = getCounter(ctx, tx, t.CounterID, false); err != nil {
					return err
				}
				counters[t.CounterID] = c
			}
			if err := s.appendEvent(ctx, tx, string(queue.ActExpire), t, c); err != nil {
				return err
			}
		}
		closed = len(done)
		return nil
	})
	if err != nil {
		return 0, false, err
	}
	return closed, full, nil
}
