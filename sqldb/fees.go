package sqldb

import (
	"context"
	"fmt"
	"time"
)

// FeeTotal is the fees and charges of the dossiers one unit received in a period:
// what the procedures' fee lines owed (after exemptions) and what was collected.
type FeeTotal struct {
	UnitCode string `json:"unit_code"`
	UnitName string `json:"unit_name"`
	Dossiers int    `json:"dossiers"`
	Owed     int64  `json:"owed"`
	Paid     int64  `json:"paid"`
}

// FeeTotals sums fees per receiving unit over dossiers received in [from, to); unit
// "" means every unit.
func (db *DB) FeeTotals(ctx context.Context, from, to time.Time, unit string) ([]FeeTotal, error) {
	rows, err := db.QueryContext(ctx, `SELECT d.unit_code, COALESCE(u.name, ''), COUNT(*), COALESCE(SUM(d.fees_owed), 0), COALESCE(SUM(d.fees_paid), 0)
		FROM dossiers d LEFT JOIN units u ON u.code = d.unit_code
		WHERE d.received_at >= $1 AND d.received_at < $2 AND ($3 = '' OR d.unit_code = $3)
		GROUP BY d.unit_code, u.name ORDER BY d.unit_code`, from.UTC(), to.UTC(), unit)
	if err != nil {
		return nil, fmt.Errorf("fee totals: %w", mapErr(err))
	}
	defer rows.Close()
	out := []FeeTotal{}
	for rows.Next() {
		var f FeeTotal
		if err := rows.Scan(&f.UnitCode, &f.UnitName, &f.Dossiers, &f.Owed, &f.Paid); err != nil {
			return nil, fmt.Errorf("fee totals: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
