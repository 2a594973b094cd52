package sqldb

import (
	"context"
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/report"
)

// ratingFilterOf is the rating filter of the days [from, to] (Vietnam time, both
// inclusive) and unit ("" = every unit).
func ratingFilterOf(from, to calendar.Date, unit string) RatingFilter {
	return RatingFilter{From: from.Time(), To: to.AddDays(1).Time(), Unit: unit}
}

// int64Counts converts RatingCounts' counts.
func int64Counts(c map[string]int) map[string]int64 {
	out := make(map[string]int64, len(c))
	for k, v := range c {
		out[k] = int64(v)
	}
	return out
}

// ReportSatisfaction returns the satisfaction figures of the ratings given on the
// days [from, to] (Vietnam time, both inclusive), of one unit (the unit a rating is
// attributed to: the terminal's unit, or the dossier's receiving unit for an online
// rating) or of all, on the configured scale (report.NewSatisfaction).
func (db *DB) ReportSatisfaction(ctx context.Context, from, to calendar.Date, unit string) (report.Satisfaction, error) {
	sc, err := db.Ratings().Scale(ctx)
	if err != nil {
		return report.Satisfaction{}, fmt.Errorf("report satisfaction: %w", err)
	}
	groups, err := db.Ratings().RatingCounts(ctx, ratingFilterOf(from, to, unit), "")
	if err != nil {
		return report.Satisfaction{}, fmt.Errorf("report satisfaction: %w", err)
	}
	counts := map[string]int64{}
	for _, g := range groups {
		for k, v := range g.Counts {
			counts[k] += int64(v)
		}
	}
	return report.NewSatisfaction(sc, counts), nil
}

// ReportSatisfactionByUnit is ReportSatisfaction split by the unit the ratings are
// attributed to, in unit code order; units without ratings are left out.
func (db *DB) ReportSatisfactionByUnit(ctx context.Context, from, to calendar.Date, unit string) ([]report.Satisfaction, error) {
	sc, err := db.Ratings().Scale(ctx)
	if err != nil {
		return nil, fmt.Errorf("report satisfaction by unit: %w", err)
	}
	groups, err := db.Ratings().RatingCounts(ctx, ratingFilterOf(from, to, unit), "unit")
	if err != nil {
		return nil, fmt.Errorf("report satisfaction by unit: %w", err)
	}
	out := []report.Satisfaction{}
	for _, g := range groups {
		s := report.NewSatisfaction(sc, int64Counts(g.Counts))
		s.Key = g.Key
		out = append(out, s)
	}
	return out, nil
}

// allProcedures returns every procedure of the catalogue, active or not.
func (db *DB) allProcedures(ctx context.Context) ([]catalog.Procedure, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+procCols+` FROM procedures ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("procedures: %w", mapErr(err))
	}
	defer rows.Close()
	var out []catalog.Procedure
	for rows.Next() {
		p, err := scanProcedure(rows)
		if err != nil {
			return nil, fmt.Errorf("procedures: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("procedures: %w", mapErr(err))
	}
	return out, nil
}

// unitKind returns the kind of unit code, "" when there is no such unit (or no unit).
func (db *DB) unitKind(ctx context.Context, code string) (catalog.UnitKind, error) {
	if code == "" {
		return "", nil
	}
	u, err := getUnit(ctx, db, code)
	if err != nil {
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			return "", nil
		}
		return "", fmt.Errorf("unit %s: %w", code, err)
	}
	return u.Kind, nil
}

// ProcedureCoverage returns how the active procedures of a scope are offered: "4 tại
// chỗ" (handled fully at the one-stop department) and online, with their shares
// (report.ProcedureCoverage). With no unit the scope is the procedures received at the
// provincial centre; with a unit, its procedures (report.InScope). The figures are
// those of the catalogue now: the catalogue keeps versions per procedure, not a
// dated history of the whole list.
func (db *DB) ProcedureCoverage(ctx context.Context, unit string) (report.ProcedureCoverage, error) {
	kind, err := db.unitKind(ctx, unit)
	if err != nil {
		return report.ProcedureCoverage{}, fmt.Errorf("procedure coverage: %w", err)
	}
	all, err := db.allProcedures(ctx)
	if err != nil {
		return report.ProcedureCoverage{}, fmt.Errorf("procedure coverage: %w", err)
	}
	var in []catalog.Procedure
	for i := range all {
		if report.InScope(&all[i], unit, kind) {
			in = append(in, all[i])
		}
	}
	return report.CoverageOf(unit, in), nil
}
