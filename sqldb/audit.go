package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// AuditEntry is one record of the append-only audit log. Hash is the SHA-256 of the
// previous entry's hash and this entry's fields, so editing or deleting any entry
// breaks the chain from there on (`motcua audit verify`).
type AuditEntry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Action   string    `json:"action"`
	Entity   string    `json:"entity"`
	EntityID string    `json:"entity_id"`
	Before   string    `json:"before,omitempty"`
	After    string    `json:"after,omitempty"`
	PrevHash string    `json:"prev_hash"`
	Hash     string    `json:"hash"`
}

// genesisHash is the prev_hash of the first entry.
const genesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

func (e *AuditEntry) computeHash() string {
	h := sha256.New()
	for _, s := range []string{e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), e.Actor, e.Action, e.Entity, e.EntityID, e.Before, e.After} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// audit appends an entry inside tx. before/after are marshalled to JSON (nil → "").
// On PostgreSQL a transaction-scoped advisory lock orders concurrent appenders so
// the chain stays linear; SQLite's immediate transactions already serialise writers.
func (db *DB) audit(ctx context.Context, tx *sql.Tx, action, entity, entityID string, before, after any) error {
	e := AuditEntry{At: db.now(), Actor: motcua.ActorName(ctx), Action: action, Entity: entity, EntityID: entityID}
	var err error
	if e.Before, err = jsonText(before); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entityID, err)
	}
	if e.After, err = jsonText(after); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entityID, err)
	}
	if db.Dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7302)`); err != nil {
			return fmt.Errorf("audit lock: %w", mapErr(err))
		}
	}
	err = tx.QueryRowContext(ctx, `SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&e.PrevHash)
	if err == sql.ErrNoRows {
		e.PrevHash = genesisHash
	} else if err != nil {
		return fmt.Errorf("audit %s %s: last hash: %w", action, entityID, mapErr(err))
	}
	e.Hash = e.computeHash()
	_, err = tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		e.At, e.Actor, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash)
	if err != nil {
		return fmt.Errorf("audit %s %s: %w", action, entityID, mapErr(err))
	}
	return nil
}

func jsonText(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Entity   string
	EntityID string
	AfterID  int64
	Limit    int
}

// ListAudit returns audit entries in id order.
func (db *DB) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	rows, err := db.QueryContext(ctx, `SELECT id, at, actor, action, entity, entity_id, before, after, prev_hash, hash
		FROM audit_log WHERE id > $1 AND ($2 = '' OR entity = $2) AND ($3 = '' OR entity_id = $3)
		ORDER BY id LIMIT $4`, f.AfterID, f.Entity, f.EntityID, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", mapErr(err))
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After, &e.PrevHash, &e.Hash); err != nil {
			return nil, fmt.Errorf("list audit: %w", err)
		}
		e.At = e.At.In(motcua.ICT)
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditReport is the outcome of VerifyAudit.
type AuditReport struct {
	Entries  int    `json:"entries"`
	OK       bool   `json:"ok"`
	BrokenAt int64  `json:"broken_at,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// VerifyAudit walks the whole log and checks every link of the hash chain and every
// entry's own hash.
func (db *DB) VerifyAudit(ctx context.Context) (AuditReport, error) {
	var r AuditReport
	prev := genesisHash
	var lastID int64
	for {
		batch, err := db.ListAudit(ctx, AuditFilter{AfterID: lastID, Limit: 1000})
		if err != nil {
			return r, err
		}
		if len(batch) == 0 {
			break
		}
		for _, e := range batch {
			r.Entries++
			switch {
			case e.PrevHash != prev:
				r.BrokenAt, r.Reason = e.ID, "prev_hash does not match the previous entry (an entry was removed or altered)"
				return r, nil
			case e.computeHash() != e.Hash:
				r.BrokenAt, r.Reason = e.ID, "entry content does not match its hash (the entry was altered)"
				return r, nil
			}
			prev, lastID = e.Hash, e.ID
		}
	}
	r.OK = true
	return r, nil
}
