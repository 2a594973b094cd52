package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
)

// Users returns the user and token store backed by db.
func (db *DB) Users() auth.Store { return userStore{db} }

type userStore struct{ db *DB }

var _ auth.Store = userStore{}

const userCols = `id, username, full_name, role, COALESCE(unit_code, ''), lang, active, created_at`

func scanUser(sc interface{ Scan(...any) error }) (auth.User, error) {
	var u auth.User
	err := sc.Scan(&u.ID, &u.Username, &u.FullName, &u.Role, &u.UnitCode, &u.Lang, &u.Active, &u.CreatedAt)
	u.CreatedAt = u.CreatedAt.In(motcua.ICT)
	return u, err
}

// userAudit is what the audit log records of a user: never the password hash.
func userAudit(u *auth.User) any {
	if u == nil {
		return nil
	}
	return map[string]any{"username": u.Username, "full_name": u.FullName, "role": u.Role, "unit_code": u.UnitCode, "active": u.Active, "lang": u.Lang}
}

func (s userStore) CreateUser(ctx context.Context, u *auth.User, password string) error {
	if err := u.Validate(); err != nil {
		return err
	}
	if err := auth.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	u.CreatedAt = s.db.now().In(motcua.ICT)
	u.Active = true
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if u.UnitCode != "" {
			if _, err := getUnit(ctx, tx, u.UnitCode); err != nil {
				if motcua.ErrorCode(err) == motcua.ENOTFOUND {
					return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "unit_code", Message: "catalog.unit.not_found", Params: map[string]any{"code": u.UnitCode}}
				}
				return err
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, password_hash, role, unit_code, lang, active, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			u.Username, u.FullName, hash, string(u.Role), nullable(u.UnitCode), u.Lang, u.Active, u.CreatedAt.UTC()).Scan(&u.ID)
		if err != nil {
			return fmt.Errorf("create user %s: %w", u.Username, withField(mapErr(err), "username"))
		}
		return s.db.audit(ctx, tx, "user.create", "user", u.Username, nil, userAudit(u))
	})
}

func (s userStore) UpdateUser(ctx context.Context, u *auth.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getUser(ctx, tx, u.ID)
		if err != nil {
			return err
		}
		if u.UnitCode != "" {
			if _, err := getUnit(ctx, tx, u.UnitCode); err != nil {
				if motcua.ErrorCode(err) == motcua.ENOTFOUND {
					return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "unit_code", Message: "catalog.unit.not_found", Params: map[string]any{"code": u.UnitCode}}
				}
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE users SET full_name=$2, role=$3, unit_code=$4, lang=$5, active=$6 WHERE id=$1`,
			u.ID, u.FullName, string(u.Role), nullable(u.UnitCode), u.Lang, u.Active)
		if err != nil {
			return fmt.Errorf("update user %d: %w", u.ID, mapErr(err))
		}
		u.Username, u.CreatedAt = before.Username, before.CreatedAt
		if !u.Active {
			// A deactivated user loses every session at once.
			if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at=$2 WHERE user_id=$1 AND revoked_at IS NULL`, u.ID, s.db.now()); err != nil {
				return fmt.Errorf("revoke tokens of %d: %w", u.ID, mapErr(err))
			}
		}
		return s.db.audit(ctx, tx, "user.update", "user", u.Username, userAudit(before), userAudit(u))
	})
}

func (s userStore) SetPassword(ctx context.Context, userID int64, password string) error {
	if err := auth.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := getUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash=$2 WHERE id=$1`, userID, hash); err != nil {
			return fmt.Errorf("set password %d: %w", userID, mapErr(err))
		}
		return s.db.audit(ctx, tx, "user.password", "user", u.Username, nil, nil)
	})
}

func getUser(ctx context.Context, q querier, id int64) (*auth.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("auth.user_not_found")
	} else if err != nil {
		return nil, fmt.Errorf("get user %d: %w", id, mapErr(err))
	}
	return &u, nil
}

func (s userStore) GetUser(ctx context.Context, id int64) (*auth.User, error) {
	return getUser(ctx, s.db, id)
}

func (s userStore) ListUsers(ctx context.Context) ([]auth.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY username`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", mapErr(err))
	}
	defer rows.Close()
	out := []auth.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// dummyHash is checked when the username is unknown, so the response time does not
// reveal which usernames exist. It is made on the first such login, not when the
// process starts: a hash costs 64 MiB and a tenth of a second, which every command
// and test binary importing sqldb would otherwise pay at start.
var dummyHash = sync.OnceValue(func() string {
	h, _ := auth.HashPassword("motcua-dummy-password")
	return h
})

func (s userStore) Authenticate(ctx context.Context, username, password string) (*auth.User, error) {
	var hash string
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id, password_hash FROM users WHERE username = $1 AND active = $2`, username, true).Scan(&id, &hash)
	if err == sql.ErrNoRows {
		auth.CheckPassword(dummyHash(), password)
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "auth.bad_credentials")
	} else if err != nil {
		return nil, fmt.Errorf("authenticate %s: %w", username, mapErr(err))
	}
	if !auth.CheckPassword(hash, password) {
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "auth.bad_credentials")
	}
	return getUser(ctx, s.db, id)
}

func (s userStore) CreateToken(ctx context.Context, userID int64, kind auth.TokenKind) (string, *auth.Session, error) {
	token, hash := auth.NewToken()
	csrf, _ := auth.NewToken()
	ttl := auth.APITokenTTL
	if kind == auth.TokenWeb {
		ttl = auth.WebTokenTTL
	}
	now := s.db.now()
	sess := &auth.Session{Kind: kind, CSRF: csrf, ExpiresAt: now.Add(ttl).In(motcua.ICT)}
	err := s.db.Tx(ctx, func(tx *sql.Tx) error {
		u, err := getUser(ctx, tx, userID)
		if err != nil {
			return err
		}
		sess.User = *u
		err = tx.QueryRowContext(ctx, `INSERT INTO tokens (token_hash, user_id, kind, csrf, created_at, expires_at) VALUES ($1,$2,$3,$4,$5,$6) RETURNING id`,
			hash, userID, string(kind), csrf, now, sess.ExpiresAt.UTC()).Scan(&sess.TokenID)
		if err != nil {
			return fmt.Errorf("create token for %d: %w", userID, mapErr(err))
		}
		return s.db.audit(ctx, tx, "auth.login", "user", u.Username, nil, map[string]any{"kind": kind, "token_id": sess.TokenID})
	})
	if err != nil {
		return "", nil, err
	}
	return token, sess, nil
}

func (s userStore) Session(ctx context.Context, token string) (*auth.Session, error) {
	var sess auth.Session
	var uid int64
	err := s.db.queryRowPrepared(ctx, `SELECT t.id, t.user_id, t.kind, t.csrf, t.expires_at FROM tokens t JOIN users u ON u.id = t.user_id
		WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 AND u.active = $3`,
		auth.HashToken(token), s.db.now(), true).Scan(&sess.TokenID, &uid, &sess.Kind, &sess.CSRF, &sess.ExpiresAt)
	if err == sql.ErrNoRows {
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "auth.session_invalid")
	} else if err != nil {
		return nil, fmt.Errorf("session: %w", mapErr(err))
	}
	sess.ExpiresAt = sess.ExpiresAt.In(motcua.ICT)
	u, err := getUser(ctx, s.db, uid)
	if err != nil {
		return nil, err
	}
	sess.User = *u
	return &sess, nil
}

func (s userStore) RevokeToken(ctx context.Context, token string) error {
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		var id, uid int64
		err := tx.QueryRowContext(ctx, `SELECT id, user_id FROM tokens WHERE token_hash = $1`, auth.HashToken(token)).Scan(&id, &uid)
		if err == sql.ErrNoRows {
			return motcua.Errorf(motcua.EUNAUTHORIZED, "auth.session_invalid")
		} else if err != nil {
			return fmt.Errorf("revoke token: %w", mapErr(err))
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, id, s.db.now()); err != nil {
			return fmt.Errorf("revoke token: %w", mapErr(err))
		}
		return s.db.audit(ctx, tx, "auth.logout", "token", fmt.Sprint(id), nil, nil)
	})
}

// CreateUsersSamePassword creates several users who share one password, hashing it
// once: the demo province's staff all use the published demo password, and hashing
// it hundreds of times would slow the first start for nothing. Real users are created
// one by one with their own salt (CreateUser).
func (db *DB) CreateUsersSamePassword(ctx context.Context, users []auth.User, password string, progress func(done, total int)) error {
	if err := auth.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	return db.Tx(ctx, func(tx *sql.Tx) error {
		for i := range users {
			u := &users[i]
			if err := u.Validate(); err != nil {
				return fmt.Errorf("user %s: %w", u.Username, err)
			}
			u.CreatedAt, u.Active = db.now().In(motcua.ICT), true
			err := tx.QueryRowContext(ctx, `INSERT INTO users (username, full_name, password_hash, role, unit_code, lang, active, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
				u.Username, u.FullName, hash, string(u.Role), nullable(u.UnitCode), u.Lang, u.Active, u.CreatedAt.UTC()).Scan(&u.ID)
			if err != nil {
				return fmt.Errorf("create user %s: %w", u.Username, withField(mapErr(err), "username"))
			}
			if err := db.audit(ctx, tx, "user.create", "user", u.Username, nil, userAudit(u)); err != nil {
				return err
			}
			if progress != nil {
				progress(i+1, len(users))
			}
		}
		return nil
	})
}
