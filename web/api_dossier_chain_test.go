package web

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestInterAgencyDossier runs an inter-agency (liên thông) dossier through two
// departments over HTTP: a supplement at the first, the second department late. The
// dossier is late, and the lateness is attributed to the second department only.
func TestInterAgencyDossier(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		admin := e.tokens[motcua.RoleAdmin]
		const dept2 = "000.00.12.H37"
		ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "test", Role: motcua.RoleAdmin})
		if err := db.Catalog().CreateUnit(ctx, &catalog.Unit{Code: dept2, Name: "Sở Nông nghiệp và Môi trường", Kind: catalog.UnitDepartment, ParentCode: tProvince, Active: true}); err != nil {
			t.Fatal(err)
		}
		for _, u := range []map[string]any{
			{"username": "snnmt.lanhdao", "password": tPassword, "role": "leader", "unit_code": dept2, "full_name": "Lãnh đạo Sở NN&MT"},
			{"username": "snnmt.chuyenvien", "password": tPassword, "role": "processor", "unit_code": dept2, "full_name": "Chuyên viên Sở NN&MT"},
		} {
			if res := e.do("POST", "/api/v1/users", admin, u, nil); res.StatusCode != 201 {
				t.Fatalf("create user: %d", res.StatusCode)
			}
		}
		lead2 := motcua.Role("leader2")
		proc2 := motcua.Role("processor2")
		e.tokens[lead2] = e.login("snnmt.lanhdao", tPassword)
		e.tokens[proc2] = e.login("snnmt.chuyenvien", tPassword)

		p := testProcedure("2.000002")
		p.Name = "Thủ tục liên thông thử nghiệm"
		p.TimeLimits = []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 3, Unit: catalog.WorkingDays}}
		p.Chain = []string{dept2}
		p.Steps = []catalog.Step{
			{Name: "Tiếp nhận", UnitCode: tCenter, Role: motcua.RoleReceptionist, Minutes: 60},
			{Name: "Phân công", Role: motcua.RoleLeader, Minutes: 60},
			{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 300},
			{Name: "Phê duyệt", Role: motcua.RoleLeader, Minutes: 60},
			{Name: "Phân công", UnitCode: dept2, Role: motcua.RoleLeader, Minutes: 60},
			{Name: "Xác nhận", UnitCode: dept2, Role: motcua.RoleProcessor, Minutes: 240},
			{Name: "Phê duyệt", UnitCode: dept2, Role: motcua.RoleLeader, Minutes: 60},
			{Name: "Trả kết quả", UnitCode: tCenter, Role: motcua.RoleReceptionist, Minutes: 60},
		}
		if err := db.Catalog().CreateProcedure(ctx, &p); err != nil {
			t.Fatal(err)
		}
		clock := time.Date(2026, 4, 6, 8, 0, 0, 0, motcua.ICT) // Monday
		db.Now = func() time.Time { return clock }
		recv := map[string]any{"procedure_code": "2.000002",
			"applicant": map[string]any{"kind": "person", "full_name": "Lộc Thị Hoa", "id_number": "020195003333", "phone": "0345678901", "address": "Xã Chi Lăng"},
			"papers":    []map[string]any{{"name": "Đơn đề nghị", "originals": 1}}}
		var d dossierJSON
		if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d); res.StatusCode != 201 {
			t.Fatalf("receive: %d", res.StatusCode)
		}
		step := func(dt time.Duration, role motcua.Role, action string, body any) {
			t.Helper()
			clock = clock.Add(dt)
			st, nd, pr := e.act(role, d.Code, action, d.Version, body)
			if st != 200 {
				t.Fatalf("%s as %s: %d %+v", action, role, st, pr)
			}
			d = nd
		}
		sig := map[string]any{"document_sha256": "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
		step(30*time.Minute, motcua.RoleReceptionist, "transfer", nil)
		step(30*time.Minute, motcua.RoleLeader, "assign", map[string]any{"assignee": "u-processor"})
		step(time.Hour, motcua.RoleProcessor, "request_supplement", map[string]any{"reason": "Thiếu trích lục bản đồ"})
		clock = time.Date(2026, 4, 7, 9, 0, 0, 0, motcua.ICT)
		step(0, motcua.RoleReceptionist, "supplement_received", nil)
		step(2*time.Hour, motcua.RoleProcessor, "propose_result", map[string]any{"summary": "Đạt"})
		step(30*time.Minute, motcua.RoleLeader, "approve", sig)
		if d.CurrentUnit != dept2 || d.State != "in_processing" {
			t.Fatalf("after first unit: %s at %s", d.State, d.CurrentUnit)
		}
		step(30*time.Minute, lead2, "assign", map[string]any{"assignee": "snnmt.chuyenvien"})
		// the second department sits on it for three working days
		clock = time.Date(2026, 4, 10, 15, 0, 0, 0, motcua.ICT)
		step(0, proc2, "propose_result", map[string]any{"summary": "Xác nhận"})
		step(30*time.Minute, lead2, "approve", sig)
		if d.State != "result_ready" || d.Completion == nil || d.Completion.Outcome != "late" {
			t.Fatalf("completion: %s %+v", d.State, d.Completion)
		}
		var view struct {
			LateUnits []string `json:"late_units"`
		}
		e.do("GET", "/api/v1/dossiers/"+d.Code, e.tokens[motcua.RoleViewer], nil, &view)
		if !slices.Equal(view.LateUnits, []string{dept2}) {
			t.Fatalf("late units %v, want only %s", view.LateUnits, dept2)
		}
		// the apology is issued by the unit at fault; the dossier stays late
		// (apologies are possible only before completion; checked in the domain tests)
		step(time.Hour, motcua.RoleReceptionist, "return_result", map[string]any{"recipient": map[string]any{"name": "Lộc Thị Hoa", "id_number": "020195003333"}})
		if d.Completion.Outcome != "late" {
			t.Fatal("returning changed the classification")
		}
	})
}

func TestFeeTotals(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	clock := time.Date(2026, 5, 12, 9, 0, 0, 0, motcua.ICT)
	e.db.Now = func() time.Time { return clock }
	for i, pay := range []bool{true, false} {
		recv := map[string]any{"procedure_code": "1.004227",
			"applicant": map[string]any{"kind": "person", "full_name": "Triệu Văn Minh", "id_number": "020095000001", "phone": "0912000111", "address": "Lạng Sơn"},
			"papers":    []map[string]any{{"name": "Tờ khai", "originals": 1}}}
		if pay {
			recv["payment"] = map[string]any{"method": "cash", "amount": 200000, "receipt": "BL-0001"}
		}
		if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, nil); res.StatusCode != 201 {
			t.Fatalf("receive %d: %d", i, res.StatusCode)
		}
	}
	var out struct {
		Total struct{ Dossiers, Owed, Paid int64 }
	}
	e.do("GET", "/api/v1/fees/totals?from=2026-05-01&to=2026-05-31", e.tokens[motcua.RoleViewer], nil, &out)
	if out.Total.Dossiers != 2 || out.Total.Owed != 400000 || out.Total.Paid != 200000 {
		t.Fatalf("totals: %+v", out.Total)
	}
	e.problem("GET", "/api/v1/fees/totals?from=2026-05-31&to=2026-05-01", e.tokens[motcua.RoleViewer], nil, 400)
}

// TestOnlineSubmission hands over a dossier submitted on the national portal: it waits
// in "awaiting intake" with no clock until a counter officer accepts it.
func TestOnlineSubmission(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		body := map[string]any{"procedure_code": "1.004227", "unit_code": tCenter, "channel": "online_full",
			"applicant": map[string]any{"kind": "person", "full_name": "Vy Thị Hằng", "id_number": "020195008888", "phone": "0388123456", "address": "Xã Bình Gia"},
			"papers":    []map[string]any{{"name": "Tờ khai", "originals": 1}}}
		e.problem("POST", "/api/v1/dossiers/online", e.tokens[motcua.RoleReceptionist], body, 403)
		var d dossierJSON
		if res := e.do("POST", "/api/v1/dossiers/online", e.tokens[motcua.RoleAdmin], body, &d); res.StatusCode != 201 {
			t.Fatalf("submit online: %d", res.StatusCode)
		}
		if d.State != "awaiting_intake" || !d.DueAt.IsZero() {
			t.Fatalf("online dossier: %s due %v", d.State, d.DueAt)
		}
		st, nd, p := e.act(motcua.RoleReceptionist, d.Code, "accept_online", d.Version, nil)
		if st != 200 || nd.State != "received" || nd.DueAt.IsZero() {
			t.Fatalf("accept: %d %+v %s", st, p, nd.State)
		}
		body["unit_code"] = "000.99.99.H99"
		e.problem("POST", "/api/v1/dossiers/online", e.tokens[motcua.RoleAdmin], body, 422)
	})
}
