package sqldb

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
)

// queueImportBatch is how many tickets ImportQueue stores per transaction.
const queueImportBatch = 5000

// ImportedRating is a rating to import with the ticket it rates: Ticket is an index
// into the tickets given to ImportQueue (-1: a rating of Rating.DossierCode).
type ImportedRating struct {
	rating.Rating
	Ticket int
}

// ImportQueue stores queue history made elsewhere (the demo year of seed.DemoQueue, or
// a migration from another queue system): tickets with their final state and times
// (a past day's ticket left unserved should come closed, queue.Expired with its
// ExpiredFrom, as the day close would have left it),
// the ratings of some of them, and — for the tickets of day eventsDay ("" = none) —
// the board's event log (issue, call, start, finish, no_show in time order, with the
// waiting count of the service after each), so a display board opened that day shows
// the latest calls. The ids given to the tickets are written back into tickets[i].ID.
//
// Tickets are stored in batches of 5,000 per transaction with the ratings of those
// tickets (ratings must be ordered by Ticket), each batch with one audit entry
// ("queue.import", after {"tickets": n, "ratings": m}); the events go in a last
// transaction with its own entry. The daily series of every (service, day) imported
// is raised to the highest number, so live issue continues after it without a
// duplicate. progress, if not nil, is called after every batch.
func (db *DB) ImportQueue(ctx context.Context, tickets []queue.Ticket, ratings []ImportedRating, eventsDay string, progress func(done, total int)) error {
	for i := 1; i < len(ratings); i++ {
		if ratings[i].Ticket < ratings[i-1].Ticket && ratings[i].Ticket >= 0 {
			return motcua.Errorf(motcua.EINVALID, "import queue: ratings not ordered by ticket")
		}
	}
	ri := 0
	for ri < len(ratings) && ratings[ri].Ticket < 0 {
		ri++
	}
	dossierRatings := ratings[:ri]
	ticketRatings := ratings[ri:]
	next := 0
	total := len(tickets)
	for lo := 0; lo < total || (lo == 0 && len(dossierRatings) > 0); lo += queueImportBatch {
		hi := min(lo+queueImportBatch, total)
		err := db.Tx(ctx, func(tx *sql.Tx) error {
			ins, err := tx.PrepareContext(ctx, `INSERT INTO queue_tickets (service_id, unit_code, day, series_id, seq, hop, number, priority, prio, status,
				issued_at, queued_at, called_at, started_at, finished_at, counter_id, target_counter_id, officer, recalls, dossier_code, version, expired_from)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22) RETURNING id`)
			if err != nil {
				return fmt.Errorf("import queue: %w", mapErr(err))
			}
			defer ins.Close()
			last := map[[2]string]int{}
			for i := lo; i < hi; i++ {
				t := &tickets[i]
				if t.SeriesID == 0 {
					t.SeriesID = t.ServiceID
				}
				if t.Version == 0 {
					t.Version = 1
				}
				if err := ins.QueryRowContext(ctx, t.ServiceID, t.UnitCode, t.Day, t.SeriesID, t.Seq, t.Hop, t.Number, string(t.Priority), t.Priority.Rank(),
					string(t.Status), t.IssuedAt.UTC(), t.QueuedAt.UTC(), nullTimePtr(t.CalledAt), nullTimePtr(t.StartedAt), nullTimePtr(t.FinishedAt),
					nullID(t.CounterID), nullID(t.TargetCounterID), t.Officer, t.Recalls, t.DossierCode, t.Version, string(t.ExpiredFrom)).Scan(&t.ID); err != nil {
					return fmt.Errorf("import queue: ticket %s of %s: %w", t.Number, t.Day, mapErr(err))
				}
				k := [2]string{fmt.Sprint(t.SeriesID), t.Day}
				last[k] = max(last[k], t.Seq)
			}
			keys := make([][2]string, 0, len(last))
			for k := range last {
				keys = append(keys, k)
			}
			sort.Slice(keys, func(i, j int) bool { return keys[i][0]+keys[i][1] < keys[j][0]+keys[j][1] })
			for _, k := range keys {
				if _, err := tx.ExecContext(ctx, `INSERT INTO queue_sequences (service_id, day, last_seq) VALUES ($1, $2, $3)
					ON CONFLICT (service_id, day) DO UPDATE SET last_seq = CASE WHEN excluded.last_seq > queue_sequences.last_seq
						THEN excluded.last_seq ELSE queue_sequences.last_seq END`, k[0], k[1], last[k]); err != nil {
					return fmt.Errorf("import queue: sequence: %w", mapErr(err))
				}
			}
			rins, err := tx.PrepareContext(ctx, `INSERT INTO ratings (at, level, reasons, comment, channel, ticket_id, dossier_code, counter_id, terminal_id, officer, unit_code)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`)
			if err != nil {
				return fmt.Errorf("import queue: %w", mapErr(err))
			}
			defer rins.Close()
			n := 0
			put := func(r *ImportedRating) error {
				if r.Ticket >= 0 {
					r.TicketID = tickets[r.Ticket].ID
				}
				if r.Reasons == nil {
					r.Reasons = []string{}
				}
				reasons, _ := json.Marshal(r.Reasons)
				if _, err := rins.ExecContext(ctx, r.At.UTC(), r.Level, string(reasons), r.Comment, string(r.Channel), nullID(r.TicketID),
					nullable(r.DossierCode), nullID(r.CounterID), nullID(r.TerminalID), r.Officer, r.UnitCode); err != nil {
					return fmt.Errorf("import queue: rating: %w", mapErr(err))
				}
				n++
				return nil
			}
			if lo == 0 {
				for i := range dossierRatings {
					if err := put(&dossierRatings[i]); err != nil {
						return err
					}
				}
			}
			for ; next < len(ticketRatings) && ticketRatings[next].Ticket < hi; next++ {
				if err := put(&ticketRatings[next]); err != nil {
					return err
				}
			}
			id := "-"
			if hi > lo {
				id = fmt.Sprintf("%d..%d", tickets[lo].ID, tickets[hi-1].ID)
			}
			return db.audit(ctx, tx, "queue.import", "queue_ticket", id, nil, map[string]any{"tickets": hi - lo, "ratings": n})
		})
		if err != nil {
			return err
		}
		if progress != nil {
			progress(hi, total)
		}
		if total == 0 {
			break
		}
	}
	if eventsDay == "" {
		return nil
	}
	return db.importQueueEvents(ctx, tickets, eventsDay)
}

// importQueueEvents appends the event log of the tickets of day d.
func (db *DB) importQueueEvents(ctx context.Context, tickets []queue.Ticket, d string) error {
	type ev struct {
		at   time.Time
		kind string
		t    *queue.Ticket
		to   queue.Status
	}
	var evs []ev
	for i := range tickets {
		t := &tickets[i]
		if t.Day != d {
			continue
		}
		evs = append(evs, ev{t.IssuedAt, "issue", t, queue.Waiting})
		if t.CalledAt != nil {
			evs = append(evs, ev{*t.CalledAt, "call", t, queue.Called})
		}
		if t.StartedAt != nil {
			evs = append(evs, ev{*t.StartedAt, "start", t, queue.Serving})
		}
		if t.FinishedAt != nil && (t.Status == queue.Done || t.Status == queue.NoShow) {
			kind := "finish"
			if t.Status == queue.NoShow {
				kind = "no_show"
			}
			evs = append(evs, ev{*t.FinishedAt, kind, t, t.Status})
		}
	}
	if len(evs) == 0 {
		return nil
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
	return db.Tx(ctx, func(tx *sql.Tx) error {
		counters := map[int64]queue.Counter{}
		rows, err := tx.QueryContext(ctx, `SELECT id, number, name FROM queue_counters`)
		if err != nil {
			return fmt.Errorf("import queue events: %w", mapErr(err))
		}
		for rows.Next() {
			var c queue.Counter
			if err := rows.Scan(&c.ID, &c.Number, &c.Name); err != nil {
				rows.Close()
				return err
			}
			counters[c.ID] = c
		}
		rows.Close()
		// The audit entry first: its lock orders the event ids after any other writer's.
		if err := db.audit(ctx, tx, "queue.import", "queue_event", d, nil, map[string]any{"events": len(evs)}); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO queue_events (at, unit_code, kind, ticket_id, counter_id, body) VALUES ($1,$2,$3,$4,$5,$6)`)
		if err != nil {
			return fmt.Errorf("import queue events: %w", mapErr(err))
		}
		defer ins.Close()
		waiting := map[int64]int{}
		for _, e := range evs {
			t := e.t
			switch e.kind {
			case "issue":
				waiting[t.ServiceID]++
			case "call":
				waiting[t.ServiceID]--
			}
			qe := queue.Event{At: e.at.In(motcua.ICT), Kind: e.kind, UnitCode: t.UnitCode, TicketID: t.ID, Number: t.Number,
				ServiceID: t.ServiceID, ServiceCode: t.ServiceCode, Status: e.to, Waiting: waiting[t.ServiceID]}
			if e.kind != "issue" {
				c := counters[t.CounterID]
				qe.CounterID, qe.CounterNumber, qe.CounterName = c.ID, c.Number, c.Name
			}
			body, _ := json.Marshal(qe)
			if _, err := ins.ExecContext(ctx, qe.At.UTC(), qe.UnitCode, qe.Kind, t.ID, nullID(qe.CounterID), string(body)); err != nil {
				return fmt.Errorf("import queue events: %w", mapErr(err))
			}
		}
		return nil
	})
}

// CounterIntake is a dossier received at a unit's counter, and when.
type CounterIntake struct {
	Code       string
	ReceivedAt time.Time
}

// CounterIntakes returns the dossiers received at unit's counter (channel "counter")
// from ≤ received_at < to, in time order: what the demo links queue tickets to.
func (db *DB) CounterIntakes(ctx context.Context, unit string, from, to time.Time) ([]CounterIntake, error) {
	rows, err := db.QueryContext(ctx, `SELECT code, received_at FROM dossiers WHERE unit_code = $1 AND channel = 'counter'
		AND received_at >= $2 AND received_at < $3 ORDER BY received_at, code`, unit, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("counter intakes: %w", mapErr(err))
	}
	defer rows.Close()
	var out []CounterIntake
	for rows.Next() {
		var c CounterIntake
		if err := rows.Scan(&c.Code, &c.ReceivedAt); err != nil {
			return nil, err
		}
		c.ReceivedAt = c.ReceivedAt.In(motcua.ICT)
		out = append(out, c)
	}
	return out, rows.Err()
}

// RatingTokenState tells the public lookup page whether to offer the rating form of
// dossier code for token: valid is true when the token is the dossier's current one
// and not expired; rated when the dossier has been rated already (by any channel).
func (s *RatingStore) RatingTokenState(ctx context.Context, code, token string) (valid, rated bool, err error) {
	code, token = strings.TrimSpace(code), strings.TrimSpace(token)
	var one int
	switch err := s.db.QueryRowContext(ctx, `SELECT 1 FROM ratings WHERE dossier_code = $1`, code).Scan(&one); err {
	case nil:
		rated = true
	case sql.ErrNoRows:
	default:
		return false, false, fmt.Errorf("rating token: %w", mapErr(err))
	}
	if token == "" {
		return false, rated, nil
	}
	var hash string
	var expires time.Time
	switch err := s.db.QueryRowContext(ctx, `SELECT token_hash, expires_at FROM rating_tokens WHERE dossier_code = $1`, code).Scan(&hash, &expires); err {
	case nil:
	case sql.ErrNoRows:
		return false, rated, nil
	default:
		return false, rated, fmt.Errorf("rating token: %w", mapErr(err))
	}
	valid = subtle.ConstantTimeCompare([]byte(hash), []byte(auth.HashToken(token))) == 1 && s.db.now().Before(expires)
	return valid, rated, nil
}
