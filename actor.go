package motcua

import (
	"context"
	"time"
)

// Role is what a user may do. Every user has exactly one role, scoped to one unit
// (admins and directors may have an empty unit, meaning the whole province).
type Role string

// The roles of the one-stop system (design.md, "Interfaces that stay stable").
const (
	RoleAdmin        Role = "admin"        // configures catalogue, calendar, users
	RoleDirector     Role = "director"     // centre director, province leaders: read everything
	RoleReceptionist Role = "receptionist" // counter officer (công chức một cửa)
	RoleProcessor    Role = "processor"    // processing officer (chuyên viên)
	RoleLeader       Role = "leader"       // unit leader (lãnh đạo): assigns, approves, signs
	RoleViewer       Role = "viewer"       // read-only, e.g. inspectors
)

// Roles lists every role in a stable order.
var Roles = []Role{RoleAdmin, RoleDirector, RoleReceptionist, RoleProcessor, RoleLeader, RoleViewer}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// Actor is the authenticated user on whose behalf a request runs.
type Actor struct {
	UserID   int64
	Username string
	Role     Role
	UnitCode string // "" = whole province
	Lang     string // "vi" or "en"
}

type actorKey struct{}

// WithActor returns a context carrying a.
func WithActor(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor in ctx, or nil for an anonymous or system context.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// ActorName returns the username of the actor in ctx, or "system".
func ActorName(ctx context.Context) string {
	if a := ActorFrom(ctx); a != nil {
		return a.Username
	}
	return "system"
}

// ICT is Vietnam's time zone (UTC+7, no daylight saving). Times leave the system in
// it (API, pages, slips); they are stored in UTC.
var ICT = time.FixedZone("ICT", 7*3600)
