package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
	"github.com/motcua/motcua/web"
)

var (
	reportFlag     = flag.Bool("report", false, "TestReport: run every workload for -report-duration and print a Markdown table")
	reportDuration = flag.Duration("report-duration", 5*time.Second, "TestReport: how long each workload runs")
	clientsFlag    = flag.Int("clients", 0, "concurrent HTTP clients of the intake, lifecycle, hello and lookup workloads (0 = GOMAXPROCS × 4)")
)

func TestMain(m *testing.M) {
	// Cheap password hashes keep seeding the ~200 demo users and logging in fast; no
	// workload measures logins, and the cost is stored in each hash.
	auth.ArgonMemory = 64
	os.Exit(m.Run())
}

// clients is the concurrency of the HTTP workloads: GOMAXPROCS × 4 unless -clients.
func clients() int {
	if *clientsFlag > 0 {
		return *clientsFlag
	}
	return runtime.GOMAXPROCS(0) * 4
}

// env is a running server (web.New over the seeded demo province) on a fresh database
// of one engine, with the logins the workloads need.
type env struct {
	engine sqldb.Dialect
	db     *sqldb.DB
	srv    *web.Server
	ts     *httptest.Server
	client *http.Client

	// the lifecycle: a provincial procedure received at the centre and resolved by
	// one department (assign, appraise, approve), and the users who act on it.
	proc                            *catalog.Procedure
	receptionist, leader, processor string
	tokens                          map[string]string // username → API token

	n atomic.Int64 // applicant counter, so every dossier differs
}

// newEnv migrates a fresh database of engine d, seeds the demo province and serves it
// over a real loopback HTTP server. Everything is released at tb's cleanup.
func newEnv(tb testing.TB, d sqldb.Dialect) *env {
	tb.Helper()
	ctx := context.Background()
	db, err := sqldb.Open(ctx, sqldbtest.DSN(tb, d))
	if err != nil {
		tb.Fatalf("open %s: %v", d, err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate %s: %v", d, err)
	}
	if _, err := seed.Demo(ctx, db, seed.DefaultSeed, nil); err != nil {
		tb.Fatalf("seed %s: %v", d, err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	srv, err := web.New(db, tb.TempDir(), log)
	if err != nil {
		tb.Fatal(err)
	}
	// One loopback address makes every request: lift the per-address limits (the
	// exported knob for load tests) so the lookup measures the lookup, not the 429.
	srv.SetRateLimits(1_000_000, 1_000_000_000)
	ts := httptest.NewServer(srv.Handler())
	tb.Cleanup(ts.Close)
	tr := &http.Transport{MaxIdleConns: 1024, MaxIdleConnsPerHost: 1024, MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}
	tb.Cleanup(tr.CloseIdleConnections)
	e := &env{engine: d, db: db, srv: srv, ts: ts, client: &http.Client{Transport: tr, Timeout: time.Minute}, tokens: map[string]string{}}
	if err := e.pickLifecycle(ctx); err != nil {
		tb.Fatal(err)
	}
	for _, u := range []string{e.receptionist, e.leader, e.processor} {
		tok, err := e.login(u)
		if err != nil {
			tb.Fatal(err)
		}
		e.tokens[u] = tok
	}
	return e
}

// pickLifecycle chooses, from the stored demo catalogue, the first active provincial
// procedure (by code) that the centre receives at the counter and one department
// resolves with the plan receptionist → leader → processor → leader → receptionist,
// where the department has a demo leader ("<prefix>.lanhdao") and processor
// ("<prefix>.chuyenvien"); the receptionist is "motcua1" at the centre.
func (e *env) pickLifecycle(ctx context.Context) error {
	users, err := e.db.Users().ListUsers(ctx)
	if err != nil {
		return err
	}
	byUnit := map[string]map[motcua.Role]string{}
	center := ""
	for _, u := range users {
		if u.Username == "motcua1" {
			center = u.UnitCode
		}
		if !u.Active || u.UnitCode == "" {
			continue
		}
		if byUnit[u.UnitCode] == nil {
			byUnit[u.UnitCode] = map[motcua.Role]string{}
		}
		want := map[motcua.Role]string{motcua.RoleLeader: ".lanhdao", motcua.RoleProcessor: ".chuyenvien"}[u.Role]
		if want != "" && strings.HasSuffix(u.Username, want) {
			byUnit[u.UnitCode][u.Role] = u.Username
		}
	}
	if center == "" {
		return fmt.Errorf("demo receptionist motcua1 not found")
	}
	active := true
	wantRoles := []motcua.Role{motcua.RoleReceptionist, motcua.RoleLeader, motcua.RoleProcessor, motcua.RoleLeader, motcua.RoleReceptionist}
	for offset := 0; ; offset += 500 {
		ps, total, err := e.db.Catalog().ListProcedures(ctx, catalog.ProcedureFilter{Level: catalog.LevelProvince, Channel: catalog.ChannelCounter, Active: &active, Limit: 500, Offset: offset})
		if err != nil {
			return err
		}
		for i := range ps {
			p := &ps[i]
			staff := byUnit[p.UnitCode]
			if p.FourOnSpot || len(p.Chain) > 0 || !p.Allows(catalog.ChannelCounter) || len(p.Steps) != len(wantRoles) ||
				staff[motcua.RoleLeader] == "" || staff[motcua.RoleProcessor] == "" {
				continue
			}
			ok := true
			for j, s := range p.Steps {
				inDept := s.UnitCode == "" || s.UnitCode == p.UnitCode
				if s.Role != wantRoles[j] || (s.Role == motcua.RoleReceptionist) == inDept {
					ok = false
				}
			}
			if ok {
				full, err := e.db.Catalog().GetProcedure(ctx, p.Code)
				if err != nil {
					return err
				}
				e.proc, e.receptionist = full, "motcua1"
				e.leader, e.processor = staff[motcua.RoleLeader], staff[motcua.RoleProcessor]
				return nil
			}
		}
		if offset+len(ps) >= total || len(ps) == 0 {
			return fmt.Errorf("no demo procedure with a one-department leader/processor plan")
		}
	}
}

func (e *env) login(username string) (string, error) {
	var out struct{ Token string }
	st, err := e.call("POST", "/api/v1/auth/login", "", "", map[string]string{"username": username, "password": seed.DemoPassword}, &out)
	if err != nil {
		return "", err
	}
	if st != 200 || out.Token == "" {
		return "", fmt.Errorf("login %s: status %d", username, st)
	}
	return out.Token, nil
}

// call sends one JSON request over the loopback connection pool and decodes a JSON
// answer into out when non-nil. A status that is not 2xx is returned with the body
// in the error.
func (e *env) call(method, path, token, ifMatch string, body, out any) (int, error) {
	var rd io.Reader
	if body != nil {
		j, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		return 0, err
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if ifMatch != "" {
		req.Header.Set("If-Match", ifMatch)
	}
	res, err := e.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return res.StatusCode, err
	}
	if res.StatusCode/100 != 2 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: decode: %w", method, path, err)
		}
	}
	return res.StatusCode, nil
}

// intakeBody is a counter intake of the lifecycle procedure for the n-th applicant.
func (e *env) intakeBody(n int64) map[string]any {
	papers := []map[string]any{}
	for _, p := range e.proc.Papers {
		if p.Mandatory {
			papers = append(papers, map[string]any{"name": p.Name, "originals": max(p.Originals, 1), "copies": p.Copies})
		}
	}
	if len(papers) == 0 {
		papers = append(papers, map[string]any{"name": "Tờ khai", "originals": 1})
	}
	return map[string]any{
		"procedure_code": e.proc.Code,
		"applicant": map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ " + strconv.FormatInt(n, 10),
			"id_number": fmt.Sprintf("020095%06d", n%1_000_000), "phone": "0912345678", "address": "Phường Lương Văn Tri, Lạng Sơn"},
		"papers": papers,
	}
}

// dossierRef is the part of a dossier answer the workloads follow.
type dossierRef struct {
	Code    string `json:"code"`
	Version int    `json:"version"`
	State   string `json:"state"`
}

// receive posts one intake and returns the new dossier.
func (e *env) receive() (dossierRef, error) {
	var d dossierRef
	_, err := e.call("POST", "/api/v1/dossiers", e.tokens[e.receptionist], "", e.intakeBody(e.n.Add(1)), &d)
	return d, err
}

// act posts one action with If-Match and advances d.
func (e *env) act(d *dossierRef, user, action string, body any) error {
	if body == nil {
		body = map[string]any{}
	}
	var nd dossierRef
	if _, err := e.call("POST", "/api/v1/dossiers/"+d.Code+"/actions/"+action, e.tokens[user], strconv.Quote(strconv.Itoa(d.Version)), body, &nd); err != nil {
		return err
	}
	*d = nd
	return nil
}

// lifecycle takes one dossier from intake to the returned result: receive, transfer,
// assign, propose_result, approve, return_result (six transitions over HTTP).
func (e *env) lifecycle() error {
	d, err := e.receive()
	if err != nil {
		return err
	}
	steps := []struct {
		user, action string
		body         any
	}{
		{e.receptionist, "transfer", nil},
		{e.leader, "assign", map[string]any{"assignee": e.processor}},
		{e.processor, "propose_result", map[string]any{"summary": "Đủ điều kiện"}},
		{e.leader, "approve", map[string]any{"document_sha256": strings.Repeat("ab", 32)}},
		{e.receptionist, "return_result", map[string]any{"recipient": map[string]any{"name": "Hoàng Văn Thụ", "id_number": "020095001234"}}},
	}
	for _, s := range steps {
		if err := e.act(&d, s.user, s.action, s.body); err != nil {
			return err
		}
	}
	if d.State != "returned" {
		return fmt.Errorf("lifecycle of %s ended in %s", d.Code, d.State)
	}
	return nil
}
