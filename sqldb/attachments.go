package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/blob"
)

// DossierAttachment is a file linked to a dossier by one of its events.
type DossierAttachment struct {
	blob.Ref
	Kind    string    `json:"kind"` // the action that attached it
	AddedAt time.Time `json:"added_at"`
	AddedBy string    `json:"added_by"`
}

// RecordAttachment stores the metadata of an uploaded blob (idempotent: the same
// content uploaded twice keeps its first record).
func (db *DB) RecordAttachment(ctx context.Context, ref blob.Ref) error {
	return db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO attachments (sha256, name, size, content_type, created_at, created_by)
			VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (sha256) DO NOTHING`, ref.SHA256, ref.Name, ref.Size, ref.ContentType, db.now(), motcua.ActorName(ctx))
		if err != nil {
			return fmt.Errorf("record attachment %s: %w", ref.SHA256, mapErr(err))
		}
		return db.audit(ctx, tx, "attachment.upload", "attachment", ref.SHA256, nil, ref)
	})
}

// Attachment returns an attachment's metadata and who uploaded it first.
func (db *DB) Attachment(ctx context.Context, sha string) (blob.Ref, string, error) {
	ref := blob.Ref{SHA256: sha}
	var by string
	err := db.QueryRowContext(ctx, `SELECT name, size, content_type, created_by FROM attachments WHERE sha256 = $1`, sha).
		Scan(&ref.Name, &ref.Size, &ref.ContentType, &by)
	if err == sql.ErrNoRows {
		return ref, "", notFound("blob.not_found")
	} else if err != nil {
		return ref, "", fmt.Errorf("attachment %s: %w", sha, mapErr(err))
	}
	return ref, by, nil
}

// AttachmentDossiers returns the codes of the dossiers an attachment is linked to.
func (db *DB) AttachmentDossiers(ctx context.Context, sha string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT dossier_code FROM dossier_attachments WHERE sha256 = $1 ORDER BY dossier_code`, sha)
	if err != nil {
		return nil, fmt.Errorf("attachment %s dossiers: %w", sha, mapErr(err))
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

// DossierAttachments lists the files linked to a dossier.
func (db *DB) DossierAttachments(ctx context.Context, code string) ([]DossierAttachment, error) {
	rows, err := db.QueryContext(ctx, `SELECT a.sha256, da.name, a.size, a.content_type, da.kind, da.added_at, da.added_by
		FROM dossier_attachments da JOIN attachments a ON a.sha256 = da.sha256 WHERE da.dossier_code = $1 ORDER BY da.added_at, a.sha256`, code)
	if err != nil {
		return nil, fmt.Errorf("attachments of %s: %w", code, mapErr(err))
	}
	defer rows.Close()
	out := []DossierAttachment{}
	for rows.Next() {
		var a DossierAttachment
		if err := rows.Scan(&a.SHA256, &a.Name, &a.Size, &a.ContentType, &a.Kind, &a.AddedAt, &a.AddedBy); err != nil {
			return nil, fmt.Errorf("attachments of %s: %w", code, err)
		}
		a.AddedAt = a.AddedAt.In(motcua.ICT)
		out = append(out, a)
	}
	return out, rows.Err()
}
