package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

func adminCtx() context.Context {
	return motcua.WithActor(context.Background(), &motcua.Actor{Username: "admin", Role: motcua.RoleAdmin})
}

// seedCatalog stores a tiny catalogue: province, centre, one department, one field.
func seedCatalog(t *testing.T, db *sqldb.DB) {
	t.Helper()
	ctx := adminCtx()
	cs := db.Catalog()
	for _, u := range []catalog.Unit{
		{Code: "000.00.00.H37", Name: "UBND tỉnh Lạng Sơn", Kind: catalog.UnitProvince, Active: true},
		{Code: "000.00.01.H37", Name: "Trung tâm Phục vụ hành chính công", Kind: catalog.UnitCenter, ParentCode: "000.00.00.H37", Active: true},
		{Code: "000.00.11.H37", Name: "Sở Tư pháp", Kind: catalog.UnitDepartment, ParentCode: "000.00.00.H37", Active: true},
	} {
		if err := cs.CreateUnit(ctx, &u); err != nil {
			t.Fatalf("create unit %s: %v", u.Code, err)
		}
	}
	if err := cs.CreateField(ctx, &catalog.Field{Code: "LLTP", Name: "Lý lịch tư pháp", NameEN: "Judicial records"}); err != nil {
		t.Fatal(err)
	}
}

func sampleProcedure(code, name string) catalog.Procedure {
	return catalog.Procedure{
		Code: code, Name: name, UnitCode: "000.00.11.H37", FieldCode: "LLTP", Level: catalog.LevelProvince,
		TimeLimits: []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 10, Unit: catalog.WorkingDays}},
		Fees:       []catalog.Fee{{Kind: catalog.FeeCharge, Name: "Phí cung cấp thông tin lý lịch tư pháp", Amount: 200000}},
		Papers:     []catalog.Paper{{Name: "Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp", Originals: 1, Mandatory: true}},
		Result:     "Phiếu lý lịch tư pháp",
		Channels:   []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull},
		Chain:      []string{},
		Steps: []catalog.Step{
			{Name: "Tiếp nhận", UnitCode: "000.00.01.H37", Role: motcua.RoleReceptionist, Minutes: 240},
			{Name: "Thẩm định", Role: motcua.RoleProcessor, Minutes: 2400},
		},
		LegalBasis: "Luật Lý lịch tư pháp 2009",
		Active:     true,
	}
}

func TestCatalogProcedures(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		seedCatalog(t, db)
		ctx := adminCtx()
		cs := db.Catalog()
		p := sampleProcedure("1.004227", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam")
		if err := cs.CreateProcedure(ctx, &p); err != nil {
			t.Fatal(err)
		}
		got, err := cs.GetProcedure(ctx, "1.004227")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(&p, got, cmpopts.EquateApproxTime(0)); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		// duplicate code → conflict naming the field
		dup := sampleProcedure("1.004227", "Khác")
		err = cs.CreateProcedure(ctx, &dup)
		if e := motcua.AsError(err); e == nil || e.Code != motcua.ECONFLICT || e.Field != "code" {
			t.Fatalf("duplicate: got %v", err)
		}
		// unknown unit → 422
		bad := sampleProcedure("1.000001", "Thủ tục đơn vị lạ")
		bad.UnitCode = "999.99.99.H99"
		if err := cs.CreateProcedure(ctx, &bad); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("unknown unit: got %v", err)
		}
		// search ignores case and diacritics
		for _, q := range []string{"ly lich tu phap", "LÝ LỊCH", "1.004227", "phieu   ly"} {
			ps, n, err := cs.ListProcedures(ctx, catalog.ProcedureFilter{Q: q})
			if err != nil || n != 1 || len(ps) != 1 {
				t.Errorf("search %q: n=%d err=%v", q, n, err)
			}
		}
		if _, n, _ := cs.ListProcedures(ctx, catalog.ProcedureFilter{Q: "xay dung"}); n != 0 {
			t.Errorf("search xay dung: n=%d", n)
		}
		if _, n, _ := cs.ListProcedures(ctx, catalog.ProcedureFilter{Q: "' OR 1=1 --"}); n != 0 {
			t.Errorf("search injection: n=%d", n)
		}
		// update with stale version → conflict; with current → version 2 and history
		upd := *got
		upd.Name = "Cấp Phiếu lý lịch tư pháp (sửa đổi)"
		upd.Version = 7
		if err := cs.UpdateProcedure(ctx, &upd); motcua.ErrorCode(err) != motcua.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		upd.Version = 1
		if err := cs.UpdateProcedure(ctx, &upd); err != nil {
			t.Fatal(err)
		}
		hist, err := cs.ProcedureHistory(ctx, "1.004227")
		if err != nil || len(hist) != 2 || hist[0].Procedure.Name != p.Name || hist[1].Version != 2 {
			t.Fatalf("history: %v %+v", err, hist)
		}
		rep, err := db.VerifyAudit(ctx)
		if err != nil || !rep.OK || rep.Entries < 6 {
			t.Fatalf("audit: %+v %v", rep, err)
		}
	})
}

func TestCatalogImportAllOrNothing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		seedCatalog(t, db)
		ctx := adminCtx()
		cs := db.Catalog()
		ps := []catalog.Procedure{sampleProcedure("1.000001", "Một"), sampleProcedure("1.000002", "Hai")}
		ps[1].FieldCode = "NOPE" // unknown field: the whole import fails
		if _, _, err := cs.ImportProcedures(ctx, ps, nil); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("import with bad row: %v", err)
		}
		if _, n, _ := cs.ListProcedures(ctx, catalog.ProcedureFilter{}); n != 0 {
			t.Fatalf("partial import stored %d", n)
		}
		ps[1].FieldCode = "LLTP"
		var calls int
		c, u, err := cs.ImportProcedures(ctx, ps, func(done, total int) { calls++ })
		if err != nil || c != 2 || u != 0 || calls == 0 {
			t.Fatalf("import: %d %d %v calls=%d", c, u, err, calls)
		}
		ps[0].Name = "Một (sửa)"
		if c, u, err = cs.ImportProcedures(ctx, ps[:1], nil); err != nil || c != 0 || u != 1 {
			t.Fatalf("re-import: %d %d %v", c, u, err)
		}
	})
}

func TestUnitsHierarchy(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		seedCatalog(t, db)
		ctx := adminCtx()
		cs := db.Catalog()
		// moving the province under its own child is a cycle
		prov, _ := cs.GetUnit(ctx, "000.00.00.H37")
		prov.ParentCode = "000.00.11.H37"
		if err := cs.UpdateUnit(ctx, prov); motcua.ErrorCode(err) != motcua.EUNPROCESSABLE {
			t.Fatalf("cycle: %v", err)
		}
		u := catalog.Unit{Code: "000.00.12.H37", Name: "<script>alert('x')</script>'; DROP TABLE units; --", Kind: catalog.UnitDepartment, ParentCode: "000.00.00.H37"}
		if err := cs.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
		got, err := cs.GetUnit(ctx, u.Code)
		if err != nil || got.Name != u.Name {
			t.Fatalf("injection string not stored verbatim: %v %q", err, got.Name)
		}
		us, _ := cs.ListUnits(ctx)
		if len(us) != 4 {
			t.Fatalf("units: %d", len(us))
		}
		if err := cs.CreateUnit(ctx, &catalog.Unit{Code: "bad code", Name: "x", Kind: catalog.UnitDepartment}); motcua.ErrorCode(err) != motcua.EINVALID {
			t.Fatalf("bad code: %v", err)
		}
	})
}

func TestAuditTamperDetected(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		seedCatalog(t, db)
		ctx := context.Background()
		// the product cannot edit the log: triggers refuse UPDATE and DELETE
		if _, err := db.ExecContext(ctx, `UPDATE audit_log SET actor = 'mallory' WHERE id = 2`); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Fatalf("update allowed: %v", err)
		}
		if _, err := db.ExecContext(ctx, `DELETE FROM audit_log WHERE id = 2`); err == nil {
			t.Fatal("delete allowed")
		}
		// someone with raw database access drops the trigger and edits an entry
		drop := `DROP TRIGGER audit_log_no_update`
		if db.Dialect == sqldb.Postgres {
			drop = `DROP TRIGGER audit_log_no_change ON audit_log`
		}
		if _, err := db.ExecContext(ctx, drop); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `UPDATE audit_log SET actor = 'mallory' WHERE id = 2`); err != nil {
			t.Fatal(err)
		}
		rep, err := db.VerifyAudit(ctx)
		if err != nil || rep.OK || rep.BrokenAt != 2 {
			t.Fatalf("tamper not detected: %+v %v", rep, err)
		}
	})
}
