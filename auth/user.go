package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"regexp"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

var errPasswordLength = motcua.FieldError(motcua.EUNPROCESSABLE, "password", "auth.password_length")

// User is a staff account. Role is scoped to UnitCode ("" = the whole province, only
// for admin, director and viewer).
type User struct {
	ID        int64       `json:"id"`
	Username  string      `json:"username"`
	FullName  string      `json:"full_name"`
	Role      motcua.Role `json:"role"`
	UnitCode  string      `json:"unit_code,omitempty"`
	Lang      string      `json:"lang"`
	Active    bool        `json:"active"`
	CreatedAt time.Time   `json:"created_at"`
}

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,49}$`)

// Validate checks the user's fields.
func (u *User) Validate() error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.FullName = strings.TrimSpace(u.FullName)
	if u.Lang == "" {
		u.Lang = "vi"
	}
	switch {
	case !usernameRE.MatchString(u.Username):
		return motcua.FieldError(motcua.EINVALID, "username", "auth.username_invalid")
	case len([]rune(u.FullName)) > 200:
		return motcua.FieldError(motcua.EINVALID, "full_name", "catalog.name_length")
	case !u.Role.Valid():
		return motcua.FieldError(motcua.EINVALID, "role", "auth.role_invalid")
	case u.Lang != "vi" && u.Lang != "en":
		return motcua.FieldError(motcua.EINVALID, "lang", "auth.lang_invalid")
	case u.UnitCode == "" && NeedsUnit(u.Role):
		return motcua.FieldError(motcua.EUNPROCESSABLE, "unit_code", "auth.unit_required")
	}
	return nil
}

// NeedsUnit reports whether a role only makes sense inside one unit.
func NeedsUnit(r motcua.Role) bool {
	return r == motcua.RoleReceptionist || r == motcua.RoleProcessor || r == motcua.RoleLeader
}

// TokenKind separates API bearer tokens from web session cookies.
type TokenKind string

// Token kinds and their lifetimes.
const (
	TokenAPI TokenKind = "api"
	TokenWeb TokenKind = "web"

	APITokenTTL = 24 * time.Hour
	WebTokenTTL = 12 * time.Hour
)

// Session is a live token with its user.
type Session struct {
	TokenID   int64
	User      User
	Kind      TokenKind
	CSRF      string
	ExpiresAt time.Time
}

// NewToken returns a random secret token (shown once to the client) and the hash
// stored in the database; only the hash is kept, so a database leak exposes no token.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand: " + err.Error())
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken returns the stored form of a token.
func HashToken(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// Store persists users and tokens.
type Store interface {
	CreateUser(ctx context.Context, u *User, password string) error
	UpdateUser(ctx context.Context, u *User) error
	SetPassword(ctx context.Context, userID int64, password string) error
	GetUser(ctx context.Context, id int64) (*User, error)
	ListUsers(ctx context.Context) ([]User, error)
	// Authenticate checks username and password; EUNAUTHORIZED on any mismatch.
	Authenticate(ctx context.Context, username, password string) (*User, error)
	// CreateToken stores a new token for the user and returns the secret.
	CreateToken(ctx context.Context, userID int64, kind TokenKind) (token string, s *Session, err error)
	// Session returns the live session of a token: not expired, not revoked, user active.
	Session(ctx context.Context, token string) (*Session, error)
	RevokeToken(ctx context.Context, token string) error
}
