package sqldb

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/rating"
)

// RatingStore stores the rating scale, ratings and online rating tokens.
type RatingStore struct{ db *DB }

// Ratings returns the rating store backed by db.
func (db *DB) Ratings() *RatingStore { return &RatingStore{db} }

// RatingTokenTTL is how long an online rating token stays valid after the result is
// returned.
const RatingTokenTTL = 30 * 24 * time.Hour

// TerminalRatingWindow is how long after the last action on a counter's ticket the
// counter's terminal may still rate it without naming it.
const TerminalRatingWindow = 30 * time.Minute

// Scale returns the configured scale, or rating.DefaultScale.
func (s *RatingStore) Scale(ctx context.Context) (rating.Scale, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT body FROM rating_scale WHERE id = 1`).Scan(&body)
	if err == sql.ErrNoRows {
		return rating.DefaultScale(), nil
	} else if err != nil {
		return rating.Scale{}, fmt.Errorf("rating scale: %w", mapErr(err))
	}
	var sc rating.Scale
	if err := json.Unmarshal([]byte(body), &sc); err != nil {
		return rating.Scale{}, fmt.Errorf("rating scale: %w", err)
	}
	return sc, nil
}

// SetScale replaces the scale. Existing ratings keep their level codes; summaries
// list levels no longer on the scale after the others.
func (s *RatingStore) SetScale(ctx context.Context, sc *rating.Scale) error {
	if err := sc.Validate(); err != nil {
		return err
	}
	body, _ := json.Marshal(sc)
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := s.Scale(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO rating_scale (id, body, updated_at, updated_by) VALUES (1, $1, $2, $3)
			ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			string(body), s.db.now(), motcua.ActorName(ctx)); err != nil {
			return fmt.Errorf("set rating scale: %w", mapErr(err))
		}
		return s.db.audit(ctx, tx, "ratings.scale", "rating_scale", "1", before, sc)
	})
}

const ratingCols = `id, at, level, reasons, comment, channel, ticket_id, dossier_code, counter_id, terminal_id, officer, unit_code`

func scanRating(sc interface{ Scan(...any) error }) (rating.Rating, error) {
	var r rating.Rating
	var reasons string
	var ticket, counter, terminal sql.NullInt64
	var dossier sql.NullString
	err := sc.Scan(&r.ID, &r.At, &r.Level, &reasons, &r.Comment, &r.Channel, &ticket, &dossier, &counter, &terminal, &r.Officer, &r.UnitCode)
	if err != nil {
		return r, err
	}
	r.At = r.At.In(motcua.ICT)
	r.Reasons = []string{}
	json.Unmarshal([]byte(reasons), &r.Reasons)
	r.TicketID, r.DossierCode, r.CounterID, r.TerminalID = ticket.Int64, dossier.String, counter.Int64, terminal.Int64
	return r, nil
}

func (s *RatingStore) existing(ctx context.Context, q querier, r *rating.Rating) (*rating.Rating, error) {
	var row *sql.Row
	if r.TicketID != 0 {
		row = q.QueryRowContext(ctx, `SELECT `+ratingCols+` FROM ratings WHERE ticket_id = $1`, r.TicketID)
	} else {
		row = q.QueryRowContext(ctx, `SELECT `+ratingCols+` FROM ratings WHERE dossier_code = $1`, r.DossierCode)
	}
	prev, err := scanRating(row)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("rating: %w", mapErr(err))
	}
	return &prev, nil
}

// SubmitTerminal stores a rating given on terminal term. The rating names a ticket
// of the terminal's counter or a dossier, or neither: then it rates the counter's
// newest ticket being served or served within TerminalRatingWindow. One rating per
// ticket or dossier: a repeated press within rating.RepeatWindow returns the first
// rating with created false; a later one is ECONFLICT rating.already_rated.
func (s *RatingStore) SubmitTerminal(ctx context.Context, term *Terminal, r *rating.Rating) (*rating.Rating, bool, error) {
	r.Channel, r.TerminalID, r.CounterID, r.UnitCode = rating.ChannelTerminal, term.ID, term.CounterID, term.UnitCode
	r.DossierCode = strings.TrimSpace(r.DossierCode)
	now := s.db.now()
	resolve := func(q querier) error {
		switch {
		case r.TicketID != 0 && r.DossierCode != "":
			return motcua.FieldError(motcua.EINVALID, "ticket_id", rating.MsgTargetRequired)
		case r.TicketID != 0:
			var counter sql.NullInt64
			var status, officer string
			err := q.QueryRowContext(ctx, `SELECT counter_id, status, officer FROM queue_tickets WHERE id = $1`, r.TicketID).Scan(&counter, &status, &officer)
			if err == sql.ErrNoRows || (err == nil && (counter.Int64 != term.CounterID || (status != "serving" && status != "done"))) {
				return motcua.FieldError(motcua.EUNPROCESSABLE, "ticket_id", rating.MsgOtherCounter)
			} else if err != nil {
				return fmt.Errorf("rating ticket: %w", mapErr(err))
			}
			r.Officer = officer
		case r.DossierCode != "":
			var one int
			if err := q.QueryRowContext(ctx, `SELECT 1 FROM dossiers WHERE code = $1`, r.DossierCode).Scan(&one); err == sql.ErrNoRows {
				return motcua.FieldError(motcua.EUNPROCESSABLE, "dossier_code", rating.MsgDossierNotFound)
			} else if err != nil {
				return fmt.Errorf("rating dossier: %w", mapErr(err))
			}
			// the officer at the counter now: the one of its newest ticket
			err := q.QueryRowContext(ctx, `SELECT officer FROM queue_tickets WHERE counter_id = $1 AND called_at IS NOT NULL ORDER BY called_at DESC LIMIT 1`,
				term.CounterID).Scan(&r.Officer)
			if err != nil && err != sql.ErrNoRows {
				return fmt.Errorf("rating officer: %w", mapErr(err))
			}
		default:
			err := q.QueryRowContext(ctx, `SELECT id, officer FROM queue_tickets WHERE counter_id = $1 AND status IN ('serving', 'done')
				AND COALESCE(finished_at, started_at) >= $2 ORDER BY COALESCE(started_at, called_at) DESC, id DESC LIMIT 1`,
				term.CounterID, now.Add(-TerminalRatingWindow)).Scan(&r.TicketID, &r.Officer)
			if err == sql.ErrNoRows {
				return motcua.Errorf(motcua.EUNPROCESSABLE, "%s", rating.MsgNothingToRate)
			} else if err != nil {
				return fmt.Errorf("rating ticket: %w", mapErr(err))
			}
		}
		return nil
	}
	return s.submit(ctx, r, now, resolve)
}

// SubmitOnline stores a rating of dossier r.DossierCode given online with the
// dossier's rating token (see IssueDossierRatingToken). A wrong or expired token is
// EUNAUTHORIZED rating.token_invalid.
func (s *RatingStore) SubmitOnline(ctx context.Context, token string, r *rating.Rating) (*rating.Rating, bool, error) {
	r.Channel, r.TicketID, r.TerminalID, r.CounterID = rating.ChannelOnline, 0, 0, 0
	r.DossierCode = strings.TrimSpace(r.DossierCode)
	now := s.db.now()
	resolve := func(q querier) error {
		var hash string
		var expires time.Time
		err := q.QueryRowContext(ctx, `SELECT token_hash, expires_at FROM rating_tokens WHERE dossier_code = $1`, r.DossierCode).Scan(&hash, &expires)
		if err == sql.ErrNoRows || (err == nil && (subtle.ConstantTimeCompare([]byte(hash), []byte(auth.HashToken(token))) != 1 || !now.Before(expires))) {
			return motcua.FieldError(motcua.EUNAUTHORIZED, "token", rating.MsgTokenInvalid)
		} else if err != nil {
			return fmt.Errorf("rating token: %w", mapErr(err))
		}
		if err := q.QueryRowContext(ctx, `SELECT unit_code FROM dossiers WHERE code = $1`, r.DossierCode).Scan(&r.UnitCode); err == sql.ErrNoRows {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "dossier_code", rating.MsgDossierNotFound)
		} else if err != nil {
			return fmt.Errorf("rating dossier: %w", mapErr(err))
		}
		err = q.QueryRowContext(ctx, `SELECT actor FROM dossier_events WHERE dossier_code = $1 AND action = 'return_result' ORDER BY seq DESC LIMIT 1`,
			r.DossierCode).Scan(&r.Officer)
		if err != nil && err != sql.ErrNoRows {
			return fmt.Errorf("rating officer: %w", mapErr(err))
		}
		return nil
	}
	return s.submit(ctx, r, now, resolve)
}

func (s *RatingStore) submit(ctx context.Context, r *rating.Rating, now time.Time, resolve func(querier) error) (*rating.Rating, bool, error) {
	sc, err := s.Scale(ctx)
	if err != nil {
		return nil, false, err
	}
	var out *rating.Rating
	created := false
	repeat := func(prev *rating.Rating) error {
		if rating.IsRepeat(prev, r.Channel, r.TerminalID, now) {
			out = prev
			return nil
		}
		return &motcua.Error{Code: motcua.ECONFLICT, Message: rating.MsgAlreadyRated, Details: map[string]any{"rating_id": prev.ID}}
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		out, created = nil, false
		if err := resolve(tx); err != nil {
			return err
		}
		if err := r.Check(sc); err != nil {
			return err
		}
		prev, err := s.existing(ctx, tx, r)
		if err != nil {
			return err
		} else if prev != nil {
			return repeat(prev)
		}
		r.At = now.In(motcua.ICT)
		reasons, _ := json.Marshal(r.Reasons)
		if err := tx.QueryRowContext(ctx, `INSERT INTO ratings (at, level, reasons, comment, channel, ticket_id, dossier_code, counter_id, terminal_id, officer, unit_code)
			VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING id`,
			now, r.Level, string(reasons), r.Comment, string(r.Channel), nullID(r.TicketID), nullable(r.DossierCode), nullID(r.CounterID),
			nullID(r.TerminalID), r.Officer, r.UnitCode).Scan(&r.ID); err != nil {
			return fmt.Errorf("insert rating: %w", mapErr(err))
		}
		out, created = r, true
		target := r.DossierCode
		if r.TicketID != 0 {
			target = fmt.Sprint("ticket ", r.TicketID)
		}
		return s.db.audit(ctx, tx, "ratings.submit", "rating", fmt.Sprint(r.ID), nil,
			map[string]any{"level": r.Level, "channel": r.Channel, "target": target, "terminal_id": r.TerminalID})
	})
	if motcua.ErrorCode(err) == motcua.ECONFLICT && motcua.AsError(err).Message == "db.duplicate" {
		// Two presses raced past the check on PostgreSQL: the loser sees the winner.
		prev, perr := s.existing(ctx, s.db, r)
		if perr != nil {
			return nil, false, perr
		} else if prev == nil {
			return nil, false, err
		}
		if err := repeat(prev); err != nil {
			return nil, false, err
		}
		return out, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return out, created, nil
}

// IssueDossierRatingToken issues the online rating token of dossier code, to be
// given to the applicant with the result (printed as a link or QR, or sent by SMS):
// random, only its hash stored, valid RatingTokenTTL; a new token replaces the
// previous one. A dossier already rated is ECONFLICT rating.already_rated.
func (db *DB) IssueDossierRatingToken(ctx context.Context, code string) (string, error) {
	code = strings.TrimSpace(code)
	token, hash := auth.NewToken()
	err := db.Tx(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM dossiers WHERE code = $1`, code).Scan(&one); err == sql.ErrNoRows {
			return notFound(rating.MsgDossierNotFound)
		} else if err != nil {
			return fmt.Errorf("rating token %s: %w", code, mapErr(err))
		}
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM ratings WHERE dossier_code = $1`, code).Scan(&one); err == nil {
			return motcua.Errorf(motcua.ECONFLICT, "%s", rating.MsgAlreadyRated)
		} else if err != sql.ErrNoRows {
			return fmt.Errorf("rating token %s: %w", code, mapErr(err))
		}
		now := db.now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO rating_tokens (dossier_code, token_hash, issued_at, expires_at) VALUES ($1,$2,$3,$4)
			ON CONFLICT (dossier_code) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at, expires_at = excluded.expires_at`,
			code, hash, now, now.Add(RatingTokenTTL)); err != nil {
			return fmt.Errorf("rating token %s: %w", code, mapErr(err))
		}
		return db.audit(ctx, tx, "ratings.token", "dossier", code, nil, nil)
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// RatingFilter selects ratings for a summary: From ≤ at < To, and optionally one
// unit, counter or officer.
type RatingFilter struct {
	From, To time.Time
	Unit     string
	Counter  int64
	Officer  string
}

// RatingGroup is the counts per level of one group (a unit, counter or officer).
type RatingGroup struct {
	Key    string
	Counts map[string]int
}

// RatingCounts returns the number of ratings per level matching f, grouped by
// groupBy ("" = one group with key "", "unit", "counter" or "officer"), in key order.
func (s *RatingStore) RatingCounts(ctx context.Context, f RatingFilter, groupBy string) ([]RatingGroup, error) {
	key := `''`
	switch groupBy {
	case "":
	case "unit":
		key = `unit_code`
	case "counter":
		key = `CAST(COALESCE(counter_id, 0) AS TEXT)`
	case "officer":
		key = `officer`
	default:
		return nil, motcua.FieldError(motcua.EINVALID, "group_by", rating.MsgGroupByInvalid)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+key+` AS k, level, COUNT(*) FROM ratings
		WHERE at >= $1 AND at < $2 AND ($3 = '' OR unit_code = $3) AND ($4 = 0 OR counter_id = $4) AND ($5 = '' OR officer = $5)
		GROUP BY k, level ORDER BY k, level`, f.From.UTC(), f.To.UTC(), f.Unit, f.Counter, f.Officer)
	if err != nil {
		return nil, fmt.Errorf("rating counts: %w", mapErr(err))
	}
	defer rows.Close()
	out := []RatingGroup{}
	for rows.Next() {
		var k, level string
		var n int
		if err := rows.Scan(&k, &level, &n); err != nil {
			return nil, fmt.Errorf("rating counts: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Key != k {
			out = append(out, RatingGroup{Key: k, Counts: map[string]int{}})
		}
		out[len(out)-1].Counts[level] = n
	}
	if groupBy == "" && len(out) == 0 {
		out = append(out, RatingGroup{Counts: map[string]int{}})
	}
	return out, rows.Err()
}
