// Package seed fills a database with the demo province: units, fields, the procedure
// catalogue and demo users, so a newcomer sees a living centre on first start.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/sqldb"
)

// DemoPassword is the password of every demo user. It is printed at start-up; a real
// deployment creates its own users and never seeds demo data.
const DemoPassword = "motcua@2025"

// DefaultSeed makes the demo province reproducible.
const DefaultSeed = 20250701

// Progress reports a seeding stage and how far it is.
type Progress func(stage string, done, total int)

// Empty reports whether the database has no units yet (a fresh installation).
func Empty(ctx context.Context, db *sqldb.DB) (bool, error) {
	us, err := db.Catalog().ListUnits(ctx)
	if err != nil {
		return false, err
	}
	return len(us) == 0, nil
}

// Demo stores the demo province generated from seed. It refuses to run on a database
// that already holds units (ECONFLICT), so it never mixes demo and real data.
func Demo(ctx context.Context, db *sqldb.DB, seed int64, progress Progress) (*demo.Data, error) {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	empty, err := Empty(ctx, db)
	if err != nil {
		return nil, err
	}
	if !empty {
		return nil, motcua.Errorf(motcua.ECONFLICT, "seed.not_empty")
	}
	ctx = motcua.WithActor(ctx, &motcua.Actor{Username: "seed", Role: motcua.RoleAdmin})
	d := demo.Province(seed)
	cs := db.Catalog()
	for i := range d.Units {
		if err := cs.CreateUnit(ctx, &d.Units[i]); err != nil {
			return nil, fmt.Errorf("seed unit %s: %w", d.Units[i].Code, err)
		}
		progress("units", i+1, len(d.Units))
	}
	for i := range d.Fields {
		if err := cs.CreateField(ctx, &d.Fields[i]); err != nil {
			return nil, fmt.Errorf("seed field %s: %w", d.Fields[i].Code, err)
		}
	}
	progress("fields", len(d.Fields), len(d.Fields))
	if _, _, err := cs.ImportProcedures(ctx, d.Procedures, func(done, total int) { progress("procedures", done, total) }); err != nil {
		return nil, fmt.Errorf("seed procedures: %w", err)
	}
	users := make([]auth.User, len(d.Staff))
	for i, s := range d.Staff {
		users[i] = auth.User{Username: s.Username, FullName: s.FullName, Role: s.Role, UnitCode: s.UnitCode, Lang: "vi"}
	}
	if err := db.CreateUsersSamePassword(ctx, users, DemoPassword, func(done, total int) { progress("users", done, total) }); err != nil {
		return nil, fmt.Errorf("seed users: %w", err)
	}
	return d, nil
}

// Logins returns one demo login per role, for the start-up banner.
func Logins(d *demo.Data) []demo.StaffMember {
	seen := map[motcua.Role]bool{}
	var out []demo.StaffMember
	for _, s := range d.Staff {
		if !seen[s.Role] {
			seen[s.Role] = true
			out = append(out, s)
		}
	}
	return out
}

// DemoYear generates n demo dossiers received over the two years before now
// (DemoDossiers) and stores them (sqldb.DB.ImportDossiers), reporting the stages
// "dossiers (generate)" and "dossiers (store)". d is the catalogue Demo stored; the
// dossiers depend only on d, seed, now and n. DemoDossierCount is the default n.
func DemoYear(ctx context.Context, db *sqldb.DB, d *demo.Data, seed int64, now time.Time, n int, progress Progress) error {
	if progress == nil {
		progress = func(string, int, int) {}
	}
	ctx = motcua.WithActor(ctx, &motcua.Actor{Username: "seed", Role: motcua.RoleAdmin})
	progress("dossiers (generate)", 0, n)
	streams, err := demoDossiers(d, seed, now, n, DemoSpanDays, func(done, total int) { progress("dossiers (generate)", done, total) })
	if err != nil {
		return err
	}
	progress("dossiers (store)", 0, len(streams))
	if err := db.ImportDossiers(ctx, streams, func(done, total int) { progress("dossiers (store)", done, total) }); err != nil {
		return fmt.Errorf("seed dossiers: %w", err)
	}
	return nil
}
