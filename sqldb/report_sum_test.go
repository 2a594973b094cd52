package sqldb_test

import (
	"testing"

	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestRollupSumOverflow: the aggregate that adds rollup cells (SUM on SQLite,
// rollup_sum on PostgreSQL) adds BIGINTs exactly and fails on overflow rather than
// returning a wrong or non-integer sum.
func TestRollupSumOverflow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		agg := "SUM"
		if db.Dialect == sqldb.Postgres {
			agg = "rollup_sum"
		}
		var got int64
		q := `SELECT ` + agg + `(x) FROM (SELECT CAST(9223372036854775806 AS BIGINT) AS x UNION ALL SELECT CAST(1 AS BIGINT) UNION ALL SELECT CAST(-5 AS BIGINT)) v`
		if err := db.QueryRowContext(t.Context(), q).Scan(&got); err != nil || got != 9223372036854775802 {
			t.Fatalf("sum = %d, %v; want 9223372036854775802", got, err)
		}
		q = `SELECT ` + agg + `(x) FROM (SELECT CAST(9223372036854775807 AS BIGINT) AS x UNION ALL SELECT CAST(1 AS BIGINT)) v`
		if err := db.QueryRowContext(t.Context(), q).Scan(&got); err == nil {
			t.Fatalf("overflowing sum = %d, want an error", got)
		}
	})
}
