package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/vntext"
)

// Catalog returns the catalogue store backed by db.
func (db *DB) Catalog() catalog.Store { return catalogStore{db} }

type catalogStore struct{ db *DB }

var _ catalog.Store = catalogStore{}

func notFound(key string) error { return motcua.Errorf(motcua.ENOTFOUND, "%s", key) }

// ---- units

const unitCols = `code, name, short_name, kind, COALESCE(parent_code, ''), address, active`

func scanUnit(sc interface{ Scan(...any) error }) (catalog.Unit, error) {
	var u catalog.Unit
	err := sc.Scan(&u.Code, &u.Name, &u.ShortName, &u.Kind, &u.ParentCode, &u.Address, &u.Active)
	return u, err
}

func (s catalogStore) ListUnits(ctx context.Context) ([]catalog.Unit, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+unitCols+` FROM units ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", mapErr(err))
	}
	defer rows.Close()
	out := []catalog.Unit{}
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, fmt.Errorf("list units: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

func (s catalogStore) GetUnit(ctx context.Context, code string) (*catalog.Unit, error) {
	return getUnit(ctx, s.db, code)
}

type querier interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

func getUnit(ctx context.Context, q querier, code string) (*catalog.Unit, error) {
	u, err := scanUnit(q.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units WHERE code = $1`, code))
	if err == sql.ErrNoRows {
		return nil, &motcua.Error{Code: motcua.ENOTFOUND, Message: "catalog.unit.not_found", Params: map[string]any{"code": code}}
	} else if err != nil {
		return nil, fmt.Errorf("get unit %s: %w", code, mapErr(err))
	}
	return &u, nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s catalogStore) CreateUnit(ctx context.Context, u *catalog.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if err := checkParent(ctx, tx, u); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO units (code, name, short_name, kind, parent_code, address, active, search_key)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			u.Code, u.Name, u.ShortName, u.Kind, nullable(u.ParentCode), u.Address, u.Active, vntext.Fold(u.Code+" "+u.Name+" "+u.ShortName))
		if err != nil {
			return fmt.Errorf("create unit %s: %w", u.Code, withField(mapErr(err), "code"))
		}
		return s.db.audit(ctx, tx, "unit.create", "unit", u.Code, nil, u)
	})
}

func checkParent(ctx context.Context, tx *sql.Tx, u *catalog.Unit) error {
	if u.ParentCode == "" {
		return nil
	}
	// Walk up from the parent: the unit itself must not appear (no cycles).
	code := u.ParentCode
	for depth := 0; code != ""; depth++ {
		if code == u.Code || depth > 20 {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "parent_code", "catalog.unit.parent_cycle")
		}
		p, err := getUnit(ctx, tx, code)
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "parent_code", "catalog.unit.parent_missing")
		} else if err != nil {
			return err
		}
		code = p.ParentCode
	}
	return nil
}

func (s catalogStore) UpdateUnit(ctx context.Context, u *catalog.Unit) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getUnit(ctx, tx, u.Code)
		if err != nil {
			return err
		}
		if err := checkParent(ctx, tx, u); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE units SET name=$2, short_name=$3, kind=$4, parent_code=$5, address=$6, active=$7, search_key=$8 WHERE code=$1`,
			u.Code, u.Name, u.ShortName, u.Kind, nullable(u.ParentCode), u.Address, u.Active, vntext.Fold(u.Code+" "+u.Name+" "+u.ShortName))
		if err != nil {
			return fmt.Errorf("update unit %s: %w", u.Code, mapErr(err))
		}
		return s.db.audit(ctx, tx, "unit.update", "unit", u.Code, before, u)
	})
}

// withField names the field of a conflict error (a duplicate code).
func withField(err error, field string) error {
	if e := motcua.AsError(err); e != nil && e.Field == "" {
		return &appWrapped{app: &motcua.Error{Code: e.Code, Message: e.Message, Field: field}, cause: err}
	}
	return err
}

// ---- fields

func (s catalogStore) ListFields(ctx context.Context) ([]catalog.Field, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT code, name, name_en FROM fields ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("list fields: %w", mapErr(err))
	}
	defer rows.Close()
	out := []catalog.Field{}
	for rows.Next() {
		var f catalog.Field
		if err := rows.Scan(&f.Code, &f.Name, &f.NameEN); err != nil {
			return nil, fmt.Errorf("list fields: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (s catalogStore) CreateField(ctx context.Context, f *catalog.Field) error {
	if err := f.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO fields (code, name, name_en) VALUES ($1, $2, $3)`, f.Code, f.Name, f.NameEN)
		if err != nil {
			return fmt.Errorf("create field %s: %w", f.Code, withField(mapErr(err), "code"))
		}
		return s.db.audit(ctx, tx, "field.create", "field", f.Code, nil, f)
	})
}

// ---- procedures

const procCols = `code, name, unit_code, field_code, level, time_limits, fees, papers, result, channels,
	four_on_spot, chain, steps, legal_basis, active, version, updated_at, updated_by`

func scanProcedure(sc interface{ Scan(...any) error }) (catalog.Procedure, error) {
	var p catalog.Procedure
	var limits, fees, papers, channels, chain, steps string
	err := sc.Scan(&p.Code, &p.Name, &p.UnitCode, &p.FieldCode, &p.Level, &limits, &fees, &papers, &p.Result, &channels,
		&p.FourOnSpot, &chain, &steps, &p.LegalBasis, &p.Active, &p.Version, &p.UpdatedAt, &p.UpdatedBy)
	if err != nil {
		return p, err
	}
	for _, x := range []struct {
		s string
		v any
	}{{limits, &p.TimeLimits}, {fees, &p.Fees}, {papers, &p.Papers}, {channels, &p.Channels}, {chain, &p.Chain}, {steps, &p.Steps}} {
		if err := json.Unmarshal([]byte(x.s), x.v); err != nil {
			return p, fmt.Errorf("procedure %s: decode: %w", p.Code, err)
		}
	}
	p.UpdatedAt = p.UpdatedAt.In(motcua.ICT)
	return p, nil
}

func (s catalogStore) ListProcedures(ctx context.Context, f catalog.ProcedureFilter) ([]catalog.Procedure, int, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	if f.Limit > 500 {
		f.Limit = 500
	}
	if f.Offset < 0 {
		f.Offset = 0
	}
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	for _, t := range vntext.Terms(f.Q) {
		where = append(where, `search_key LIKE `+arg(vntext.LikePattern(t))+` ESCAPE '\'`)
	}
	if f.UnitCode != "" {
		where = append(where, `unit_code = `+arg(f.UnitCode))
	}
	if f.FieldCode != "" {
		where = append(where, `field_code = `+arg(f.FieldCode))
	}
	if f.Level != "" {
		where = append(where, `level = `+arg(string(f.Level)))
	}
	if f.Channel != "" {
		where = append(where, `channels LIKE `+arg(`%"`+string(f.Channel)+`"%`))
	}
	if f.FourOnSpot != nil {
		where = append(where, `four_on_spot = `+arg(*f.FourOnSpot))
	}
	if f.Active != nil {
		where = append(where, `active = `+arg(*f.Active))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM procedures`+cond, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list procedures: %w", mapErr(err))
	}
	q := `SELECT ` + procCols + ` FROM procedures` + cond + ` ORDER BY code LIMIT ` + arg(f.Limit) + ` OFFSET ` + arg(f.Offset)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list procedures: %w", mapErr(err))
	}
	defer rows.Close()
	out := []catalog.Procedure{}
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list procedures: %w", err)
		}
		out = append(out, p)
	}
	return out, total, rows.Err()
}

func (s catalogStore) GetProcedure(ctx context.Context, code string) (*catalog.Procedure, error) {
	return getProcedure(ctx, s.db, code)
}

func getProcedure(ctx context.Context, q querier, code string) (*catalog.Procedure, error) {
	p, err := scanProcedure(q.QueryRowContext(ctx, `SELECT `+procCols+` FROM procedures WHERE code = $1`, code))
	if err == sql.ErrNoRows {
		return nil, notFound("catalog.procedure.not_found")
	} else if err != nil {
		return nil, fmt.Errorf("get procedure %s: %w", code, mapErr(err))
	}
	return &p, nil
}

func (s catalogStore) CreateProcedure(ctx context.Context, p *catalog.Procedure) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error { return s.createProcedure(ctx, tx, p) })
}

func (s catalogStore) createProcedure(ctx context.Context, tx *sql.Tx, p *catalog.Procedure) error {
	if err := checkProcedureRefs(ctx, tx, p); err != nil {
		return err
	}
	p.Version = 1
	p.UpdatedAt = s.db.now().In(motcua.ICT)
	p.UpdatedBy = motcua.ActorName(ctx)
	if err := s.writeProcedure(ctx, tx, p, true); err != nil {
		return err
	}
	return s.db.audit(ctx, tx, "procedure.create", "procedure", p.Code, nil, p)
}

func (s catalogStore) UpdateProcedure(ctx context.Context, p *catalog.Procedure) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		before, err := getProcedure(ctx, tx, p.Code)
		if err != nil {
			return err
		}
		return s.updateProcedure(ctx, tx, before, p)
	})
}

func (s catalogStore) updateProcedure(ctx context.Context, tx *sql.Tx, before, p *catalog.Procedure) error {
	if before.Version != p.Version {
		return &motcua.Error{Code: motcua.ECONFLICT, Field: "version", Message: "catalog.procedure.stale_version",
			Params: map[string]any{"current": before.Version}}
	}
	if err := checkProcedureRefs(ctx, tx, p); err != nil {
		return err
	}
	p.Version = before.Version + 1
	p.UpdatedAt = s.db.now().In(motcua.ICT)
	p.UpdatedBy = motcua.ActorName(ctx)
	if err := s.writeProcedure(ctx, tx, p, false); err != nil {
		return err
	}
	// The field report rollups file a procedure's figures under its field now.
	if err := s.db.moveProcedureField(ctx, tx, p.Code, before.FieldCode, p.FieldCode); err != nil {
		return err
	}
	return s.db.audit(ctx, tx, "procedure.update", "procedure", p.Code, before, p)
}

// checkProcedureRefs verifies the unit, field, chain and step units exist.
func checkProcedureRefs(ctx context.Context, tx *sql.Tx, p *catalog.Procedure) error {
	check := func(field, code string) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM units WHERE code = $1`, code).Scan(&n); err != nil {
			return fmt.Errorf("check unit %s: %w", code, mapErr(err))
		}
		if n == 0 {
			return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: field, Message: "catalog.unit.not_found", Params: map[string]any{"code": code}}
		}
		return nil
	}
	if err := check("unit_code", p.UnitCode); err != nil {
		return err
	}
	for _, c := range p.Chain {
		if err := check("chain", c); err != nil {
			return err
		}
	}
	for _, st := range p.Steps {
		if st.UnitCode != "" {
			if err := check("steps.unit_code", st.UnitCode); err != nil {
				return err
			}
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM fields WHERE code = $1`, p.FieldCode).Scan(&n); err != nil {
		return fmt.Errorf("check field %s: %w", p.FieldCode, mapErr(err))
	}
	if n == 0 {
		return &motcua.Error{Code: motcua.EUNPROCESSABLE, Field: "field_code", Message: "catalog.field.not_found", Params: map[string]any{"code": p.FieldCode}}
	}
	return nil
}

func (s catalogStore) writeProcedure(ctx context.Context, tx *sql.Tx, p *catalog.Procedure, insert bool) error {
	enc := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	key := vntext.Fold(p.Code + " " + p.Name)
	args := []any{p.Code, p.Name, p.UnitCode, p.FieldCode, string(p.Level), enc(p.TimeLimits), enc(p.Fees), enc(p.Papers),
		p.Result, enc(p.Channels), p.FourOnSpot, enc(p.Chain), enc(p.Steps), p.LegalBasis, p.Active, p.Version, p.UpdatedAt.UTC(), p.UpdatedBy, key}
	var q string
	if insert {
		q = `INSERT INTO procedures (` + procCols + `, search_key) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`
	} else {
		q = `UPDATE procedures SET name=$2, unit_code=$3, field_code=$4, level=$5, time_limits=$6, fees=$7, papers=$8, result=$9,
			channels=$10, four_on_spot=$11, chain=$12, steps=$13, legal_basis=$14, active=$15, version=$16, updated_at=$17,
			updated_by=$18, search_key=$19 WHERE code=$1`
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("write procedure %s: %w", p.Code, withField(mapErr(err), "code"))
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO procedure_versions (code, version, body, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5)`,
		p.Code, p.Version, enc(p), p.UpdatedAt.UTC(), p.UpdatedBy)
	if err != nil {
		return fmt.Errorf("write procedure %s version %d: %w", p.Code, p.Version, mapErr(err))
	}
	return nil
}

func (s catalogStore) ProcedureHistory(ctx context.Context, code string) ([]catalog.ProcedureVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version, body, changed_at, changed_by FROM procedure_versions WHERE code = $1 ORDER BY version`, code)
	if err != nil {
		return nil, fmt.Errorf("procedure history %s: %w", code, mapErr(err))
	}
	defer rows.Close()
	var out []catalog.ProcedureVersion
	for rows.Next() {
		var v catalog.ProcedureVersion
		var body string
		if err := rows.Scan(&v.Version, &body, &v.ChangedAt, &v.ChangedBy); err != nil {
			return nil, fmt.Errorf("procedure history %s: %w", code, err)
		}
		if err := json.Unmarshal([]byte(body), &v.Procedure); err != nil {
			return nil, fmt.Errorf("procedure history %s v%d: %w", code, v.Version, err)
		}
		v.ChangedAt = v.ChangedAt.In(motcua.ICT)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("catalog.procedure.not_found")
	}
	return out, nil
}

func (s catalogStore) ImportProcedures(ctx context.Context, ps []catalog.Procedure, progress catalog.ImportProgress) (created, updated int, err error) {
	for i := range ps {
		if err := ps[i].Validate(); err != nil {
			e := motcua.AsError(err)
			return 0, 0, &motcua.Error{Code: e.Code, Field: e.Field, Message: e.Message, Params: map[string]any{"row": i + 1, "code": ps[i].Code}}
		}
	}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for i := range ps {
			p := &ps[i]
			before, err := getProcedure(ctx, tx, p.Code)
			switch {
			case motcua.ErrorCode(err) == motcua.ENOTFOUND:
				err = s.createProcedure(ctx, tx, p)
				created++
			case err != nil:
			default:
				p.Version = before.Version
				err = s.updateProcedure(ctx, tx, before, p)
				updated++
			}
			if err != nil {
				return fmt.Errorf("import row %d (%s): %w", i+1, p.Code, err)
			}
			if progress != nil && (i%100 == 99 || i == len(ps)-1) {
				progress(i+1, len(ps))
			}
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}
