package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

func TestProcedureAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		admin := e.tokens[motcua.RoleAdmin]

		var list page[catalog.Procedure]
		e.do("GET", "/api/v1/procedures?q=ly+lich+tu+phap", e.tokens[motcua.RoleViewer], nil, &list)
		if list.Total != 1 || list.Items[0].Code != "1.004227" {
			t.Fatalf("search: %+v", list)
		}
		// public listing works without login
		if res := e.do("GET", "/api/v1/public/procedures?q=LÝ%20LỊCH", "", nil, &list); res.StatusCode != 200 || list.Total != 1 {
			t.Fatalf("public search: %d %+v", res.StatusCode, list)
		}

		p := testProcedure("2.000889")
		p.Name = "Cấp giấy phép xây dựng mới đối với công trình cấp III"
		var created catalog.Procedure
		if res := e.do("POST", "/api/v1/procedures", admin, p, &created); res.StatusCode != 201 || created.Version != 1 {
			t.Fatalf("create: %d %+v", res.StatusCode, created)
		}
		e.do("GET", "/api/v1/procedures?q=giay+phep+xay+dung", admin, nil, &list)
		if list.Total != 1 {
			t.Fatalf("diacritics-free search: %+v", list.Total)
		}

		// update with If-Match: current version wins once, the stale one gets 409
		created.Name += " (sửa)"
		var upd catalog.Procedure
		res := e.do("PUT", "/api/v1/procedures/2.000889", admin, created, &upd)
		if res.StatusCode != 200 || upd.Version != 2 || res.Header.Get("ETag") != `"2"` {
			t.Fatalf("update: %d %+v", res.StatusCode, upd)
		}
		pr := e.problem("PUT", "/api/v1/procedures/2.000889", admin, created, 409)
		if pr.Field != "version" || pr.Type != ProblemTypeBase+"conflict" {
			t.Fatalf("stale: %+v", pr)
		}
	})
}

// TestBadInput checks that every kind of bad input gets a clear problem naming the
// field, and that nothing is stored.
func TestBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		admin := e.tokens[motcua.RoleAdmin]
		good := testProcedure("1.000111")
		withField := func(mod func(m map[string]any)) string {
			m := map[string]any{}
			b := mustJSON(good)
			jsonUnmarshal(b, &m)
			mod(m)
			return string(mustJSON(m))
		}
		tests := []struct {
			name   string
			body   any
			status int
			field  string
			key    string
		}{
			{"malformed", `{"code": "1.0001`, 400, "", "request.malformed_json"},
			{"not an object", `[1,2]`, 400, "", ""},
			{"wrong type", withField(func(m map[string]any) { m["four_on_spot"] = "có" }), 400, "four_on_spot", "request.wrong_type"},
			{"unknown field", withField(func(m map[string]any) { m["owner"] = "x" }), 400, "owner", "request.unknown_field"},
			{"trailing", string(mustJSON(good)) + `{}`, 400, "", "request.trailing_data"},
			{"too large", `{"name":"` + strings.Repeat("a", MaxJSONBody) + `"}`, 400, "", "request.too_large"},
			{"bad code", withField(func(m map[string]any) { m["code"] = "1 004' OR 1=1" }), 400, "code", "catalog.procedure.code_invalid"},
			{"bad level", withField(func(m map[string]any) { m["level"] = "galaxy" }), 400, "level", "catalog.procedure.level_invalid"},
			{"no channel", withField(func(m map[string]any) { m["channels"] = []string{} }), 422, "channels", "catalog.procedure.no_channel"},
			{"negative fee", withField(func(m map[string]any) {
				m["fees"] = []map[string]any{{"kind": "fee", "name": "Phí", "amount": -5}}
			}), 400, "fees.amount", "catalog.procedure.amount_range"},
			{"unknown unit", withField(func(m map[string]any) { m["unit_code"] = "000.99.99.H37" }), 422, "unit_code", "catalog.unit.not_found"},
			{"duplicate", withField(func(m map[string]any) { m["code"] = "1.004227" }), 409, "code", "db.duplicate"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				p := e.problem("POST", "/api/v1/procedures", admin, tt.body, tt.status)
				if p.Field != tt.field || (tt.key != "" && p.Key != tt.key) || p.Detail == "" || p.Detail == p.Key {
					t.Fatalf("problem %+v, want field %q key %q", p, tt.field, tt.key)
				}
			})
		}
		var list page[catalog.Procedure]
		e.do("GET", "/api/v1/procedures", admin, nil, &list)
		if list.Total != 1 {
			t.Fatalf("bad input stored something: total %d", list.Total)
		}
		// HTML/SQL injection strings in names are stored verbatim, and rendered escaped
		evil := testProcedure("1.000222")
		evil.Name = `<script>alert("x")</script>'); DROP TABLE procedures; --`
		if res := e.do("POST", "/api/v1/procedures", admin, evil, nil); res.StatusCode != 201 {
			t.Fatalf("evil name: %d", res.StatusCode)
		}
		res, body := e.get("/procedures/1.000222")
		if res.StatusCode != 200 || strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
			t.Fatalf("page does not escape the name: %d", res.StatusCode)
		}
		// English problem details on request
		req := fmt.Sprintf("/api/v1/procedures/%s", "nope?lang=en")
		p := e.problem("GET", req, admin, nil, 404)
		if p.Detail != "Procedure not found." {
			t.Fatalf("english detail: %q", p.Detail)
		}
	})
}
