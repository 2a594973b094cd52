package web

import (
	"net/http"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

func TestReportAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		clock := time.Date(2026, 3, 9, 8, 0, 0, 0, motcua.ICT) // Monday
		db.Now = func() time.Time { return clock }
		recv := map[string]any{
			"procedure_code": "1.004227",
			"applicant": map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ", "id_number": "020095001234",
				"phone": "0912345678", "address": "Phường Lương Văn Tri, Lạng Sơn"},
			"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}},
		}
		var d dossierJSON
		for i := 0; i < 2; i++ {
			if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d); res.StatusCode != 201 && res.StatusCode != 200 {
				t.Fatalf("receive: %d", res.StatusCode)
			}
		}
		clock = clock.Add(time.Hour)
		if st, _, p := e.act(motcua.RoleReceptionist, d.Code, "transfer", d.Version, nil); st != 200 {
			t.Fatalf("transfer: %d %+v", st, p)
		}

		// The director sees the province; grouped by unit the department has both.
		var sum report.Summary
		res := e.do("GET", "/api/v1/reports/summary?from=2026-03-01&to=2026-03-31&group_by=unit", e.tokens[motcua.RoleDirector], nil, &sum)
		if res.StatusCode != 200 || sum.Total.Received != 2 || sum.Total.Pending != 2 || len(sum.Groups) != 2 {
			t.Fatalf("summary: %d %+v", res.StatusCode, sum)
		}
		if sum.Total.FeesOwed != 400_000 || sum.Total.StepsOnTime != 1 || sum.Groups[0].Key != tCenter || sum.Groups[1].Key != tDept || sum.Groups[1].Received != 2 {
			t.Fatalf("figures: %+v", sum)
		}
		// A leader of the department sees it by default; another unit is forbidden.
		sum = report.Summary{}
		if res := e.do("GET", "/api/v1/reports/summary?from=2026-03-01&to=2026-03-31", e.tokens[motcua.RoleLeader], nil, &sum); res.StatusCode != 200 || sum.Total.Received != 2 {
			t.Fatalf("leader: %d %+v", res.StatusCode, sum.Total)
		}
		e.problem("GET", "/api/v1/reports/summary?unit="+tCenter, e.tokens[motcua.RoleLeader], nil, http.StatusForbidden)
		e.problem("GET", "/api/v1/reports/summary?group_by=year", e.tokens[motcua.RoleDirector], nil, http.StatusBadRequest)
		e.problem("GET", "/api/v1/reports/summary?from=2026-03-10&to=2026-03-01", e.tokens[motcua.RoleDirector], nil, http.StatusBadRequest)
		e.problem("GET", "/api/v1/reports/summary?from=10/03/2026", e.tokens[motcua.RoleDirector], nil, http.StatusBadRequest)
		e.problem("GET", "/api/v1/reports/summary", e.tokens[motcua.RoleReceptionist], nil, http.StatusForbidden)
		e.problem("GET", "/api/v1/reports/summary", "", nil, http.StatusUnauthorized)

		var ranks struct {
			From  string            `json:"from"`
			Items []report.UnitRank `json:"items"`
		}
		if res := e.do("GET", "/api/v1/reports/late-units?from=2026-03-01&to=2026-03-31", e.tokens[motcua.RoleDirector], nil, &ranks); res.StatusCode != 200 ||
			ranks.From != "2026-03-01" || len(ranks.Items) != 1 || ranks.Items[0].Unit != tCenter || ranks.Items[0].StepsOnTime != 1 {
			t.Fatalf("late units: %d %+v", res.StatusCode, ranks)
		}
	})
}
