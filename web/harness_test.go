package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/sqldb"
)

// noRedirect shows redirects (a page's answer to an anonymous user) as they are.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// testEnv is a running server over a fresh database with one user per role.
type testEnv struct {
	t      *testing.T
	db     *sqldb.DB
	srv    *Server
	ts     *httptest.Server
	tokens map[motcua.Role]string
}

const (
	tProvince = "000.00.00.H37"
	tCenter   = "000.00.01.H37"
	tDept     = "000.00.11.H37"
	tField    = "LLTP"
	tPassword = "mật-khẩu-thử"
)

func newTestEnv(t *testing.T, db *sqldb.DB) *testEnv {
	t.Helper()
	srv, err := New(db, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	e := &testEnv{t: t, db: db, srv: srv, tokens: map[motcua.Role]string{}}
	srv.loginRate = newRateLimiter(10000, time.Minute)
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(e.ts.Close)
	ctx := motcua.WithActor(context.Background(), &motcua.Actor{Username: "test", Role: motcua.RoleAdmin})
	cs := db.Catalog()
	for _, u := range []catalog.Unit{
		{Code: tProvince, Name: "UBND tỉnh Lạng Sơn", Kind: catalog.UnitProvince, Active: true},
		{Code: tCenter, Name: "Trung tâm Phục vụ hành chính công tỉnh", Kind: catalog.UnitCenter, ParentCode: tProvince, Active: true},
		{Code: tDept, Name: "Sở Tư pháp", Kind: catalog.UnitDepartment, ParentCode: tProvince, Active: true},
	} {
		if err := cs.CreateUnit(ctx, &u); err != nil {
			t.Fatal(err)
		}
	}
	if err := cs.CreateField(ctx, &catalog.Field{Code: tField, Name: "Lý lịch tư pháp"}); err != nil {
		t.Fatal(err)
	}
	p := testProcedure("1.004227")
	if err := cs.CreateProcedure(ctx, &p); err != nil {
		t.Fatal(err)
	}
	for _, r := range motcua.Roles {
		unit := ""
		if r == motcua.RoleReceptionist {
			unit = tCenter
		} else if auth.NeedsUnit(r) {
			unit = tDept
		}
		u := auth.User{Username: "u-" + string(r), FullName: "Người dùng " + string(r), Role: r, UnitCode: unit}
		if err := db.Users().CreateUser(ctx, &u, tPassword); err != nil {
			t.Fatal(err)
		}
		e.tokens[r] = e.login(u.Username, tPassword)
	}
	return e
}

func testProcedure(code string) catalog.Procedure {
	return catalog.Procedure{
		Code: code, Name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", UnitCode: tDept, FieldCode: tField,
		Level:      catalog.LevelProvince,
		TimeLimits: []catalog.TimeLimit{{Channel: catalog.ChannelCounter, Amount: 10, Unit: catalog.WorkingDays}},
		Fees:       []catalog.Fee{{Kind: catalog.FeeFee, Name: "Phí cung cấp thông tin lý lịch tư pháp", Amount: 200000}},
		Papers:     []catalog.Paper{{Name: "Tờ khai", Originals: 1, Mandatory: true}},
		Channels:   []catalog.Channel{catalog.ChannelCounter, catalog.ChannelOnlineFull},
		Result:     "Phiếu lý lịch tư pháp", Active: true,
		Steps: []catalog.Step{
			{Name: "Tiếp nhận hồ sơ", UnitCode: tCenter, Role: motcua.RoleReceptionist, Minutes: 60},
			{Name: "Phân công xử lý", Role: motcua.RoleLeader, Minutes: 240},
			{Name: "Thẩm định hồ sơ", Role: motcua.RoleProcessor, Minutes: 2700},
			{Name: "Phê duyệt kết quả", Role: motcua.RoleLeader, Minutes: 900},
			{Name: "Trả kết quả", UnitCode: tCenter, Role: motcua.RoleReceptionist, Minutes: 60},
		},
	}
}

func (e *testEnv) login(username, password string) string {
	e.t.Helper()
	var out struct{ Token string }
	res := e.do("POST", "/api/v1/auth/login", "", map[string]string{"username": username, "password": password}, &out)
	if res.StatusCode != 200 || out.Token == "" {
		e.t.Fatalf("login %s: status %d", username, res.StatusCode)
	}
	return out.Token
}

// do sends a JSON request (body marshalled unless it is a string or []byte) with an
// optional bearer token, decodes a JSON answer into out when non-nil, and returns
// the response with its body consumed.
func (e *testEnv) do(method, path, token string, body any, out any) *http.Response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, _ := json.Marshal(b)
		rd = bytes.NewReader(j)
	}
	req, _ := http.NewRequest(method, e.ts.URL+path, rd)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			e.t.Fatalf("%s %s: decode %q: %v", method, path, data, err)
		}
	}
	return res
}

// problem sends a request that must fail and returns its problem document.
func (e *testEnv) problem(method, path, token string, body any, wantStatus int) Problem {
	e.t.Helper()
	var p Problem
	res := e.do(method, path, token, body, &p)
	if res.StatusCode != wantStatus {
		e.t.Fatalf("%s %s: status %d (%+v), want %d", method, path, res.StatusCode, p, wantStatus)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/problem+json" {
		e.t.Fatalf("%s %s: content type %q", method, path, ct)
	}
	return p
}
