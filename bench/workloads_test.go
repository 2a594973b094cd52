package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcua/motcua/sqldb"
)

// result is what one workload run measured.
type result struct {
	ops     int // operations that succeeded
	errs    int // operations that failed (the run goes on; first holds the first)
	first   error
	elapsed time.Duration
	lat     []time.Duration // of the successful operations, sorted
}

// err is the first failure with the count of failures, or nil.
func (r result) err() error {
	if r.errs == 0 {
		return nil
	}
	return fmt.Errorf("%d of %d operations failed, the first: %w", r.errs, r.ops+r.errs, r.first)
}

// rate is operations per second.
func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.ops) / r.elapsed.Seconds()
}

// pct is the p-th percentile latency (nearest rank), 0 ≤ p ≤ 100.
func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	i := int(float64(len(r.lat))*p/100+0.5) - 1
	return r.lat[min(max(i, 0), len(r.lat)-1)]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// run calls op from n concurrent workers until count operations are done (count > 0)
// or, with count 0, until d has passed. Rates count successful operations over the
// whole elapsed time; failures are counted, not retried, and do not stop the run
// (a server that fails under load is a finding to report, not a reason to stop).
func run(n, count int, d time.Duration, op func() error) result {
	var (
		next atomic.Int64
		mu   sync.Mutex
		errs int
		frst error
		lats = make([][]time.Duration, n)
		wg   sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for w := range n {
		wg.Go(func() {
			var mine []time.Duration
			for {
				if count > 0 {
					if next.Add(1) > int64(count) {
						break
					}
				} else if !time.Now().Before(deadline) {
					break
				}
				t0 := time.Now()
				if err := op(); err != nil {
					mu.Lock()
					if errs++; frst == nil {
						frst = err
					}
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			lats[w] = mine
		})
	}
	wg.Wait()
	r := result{errs: errs, first: frst, elapsed: time.Since(start), lat: slices.Concat(lats...)}
	r.ops = len(r.lat)
	slices.Sort(r.lat)
	return r
}

// --- 1. baseline: raw durable single-row commits -----------------------------------

// baselinePayload is the row the baseline inserts, about the size of a small event.
var baselinePayload = strings.Repeat("hồ sơ một cửa ", 16)

// setupBaseline creates bench_rows in the bench database (same file or schema, same
// connection settings as the application: WAL and synchronous=FULL on SQLite).
func (e *env) setupBaseline(ctx context.Context) error {
	ddl := `CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)`
	if e.engine == sqldb.Postgres {
		ddl = `CREATE TABLE IF NOT EXISTS bench_rows (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload TEXT NOT NULL)`
	}
	_, err := e.db.ExecContext(ctx, ddl)
	return err
}

// commitOne is one durable transaction inserting one row.
func (e *env) commitOne(ctx context.Context) error {
	tx, err := e.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO bench_rows (payload) VALUES ($1)`, baselinePayload); err != nil {
		return err
	}
	return tx.Commit()
}

// baseline measures raw single-row durable commits per second from one client, the
// denominator of the intake and lifecycle ratios (perf.md measured it the same way).
func (e *env) baseline(count int, d time.Duration) result {
	ctx := context.Background()
	if err := e.setupBaseline(ctx); err != nil {
		return result{errs: 1, first: fmt.Errorf("baseline table: %w", err)}
	}
	return run(1, count, d, func() error { return e.commitOne(ctx) })
}

// durability describes the engine's commit settings, for the report.
func (e *env) durability(ctx context.Context) string {
	if e.engine == sqldb.Postgres {
		var sc, fs string
		e.db.QueryRowContext(ctx, `SHOW synchronous_commit`).Scan(&sc)
		e.db.QueryRowContext(ctx, `SHOW fsync`).Scan(&fs)
		return "synchronous_commit=" + sc + ", fsync=" + fs
	}
	var jm string
	var sync int
	conn, err := e.db.Conn(ctx)
	if err != nil {
		return "?"
	}
	defer conn.Close()
	conn.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&jm)
	conn.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync)
	return fmt.Sprintf("journal_mode=%s, synchronous=%s", jm, map[int]string{0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[sync])
}

// --- 2. intake, 3. lifecycle --------------------------------------------------------

// intake posts dossiers over HTTP from clients() concurrent clients.
func (e *env) intake(count int, d time.Duration) result {
	return run(clients(), count, d, func() error { _, err := e.receive(); return err })
}

// lifecycles runs whole lifecycles (6 transitions each) from clients() clients.
func (e *env) lifecycles(count int, d time.Duration) result {
	return run(clients(), count, d, e.lifecycle)
}

// --- 4. public lookup and its hello baseline ----------------------------------------

// helloJSON is the body of the hello handler, a plain net/http JSON answer.
const helloJSON = `{"message":"xin chào"}` + "\n"

// helloServer serves the hello handler over the same kind of loopback server.
func helloServer(tb testing.TB) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(helloJSON))
	}))
	tb.Cleanup(ts.Close)
	return ts
}

// get fetches url with the env's HTTP client and decodes the JSON answer into out:
// the lookup and the hello go through exactly this client path.
func (e *env) get(url string, out any) error {
	res, err := e.client.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != 200 {
		return fmt.Errorf("GET %s: %d %s", url, res.StatusCode, data)
	}
	return json.Unmarshal(data, out)
}

// hello measures GET of the hello handler from clients() clients with the env's HTTP
// client: the denominator of the lookup ratio.
func (e *env) hello(ts *httptest.Server, count int, d time.Duration) result {
	return run(clients(), count, d, func() error {
		var out struct {
			Message string `json:"message"`
		}
		return e.get(ts.URL+"/hello", &out)
	})
}

// lookupCodes receives n dossiers to look up.
func (e *env) lookupCodes(n int) ([]string, error) {
	codes := make([]string, 0, n)
	for range n {
		d, err := e.receive()
		if err != nil {
			return nil, err
		}
		codes = append(codes, d.Code)
	}
	return codes, nil
}

// lookups GETs /api/v1/public/dossiers/{code} anonymously, cycling through codes.
func (e *env) lookups(codes []string, count int, d time.Duration) result {
	var i atomic.Int64
	return run(clients(), count, d, func() error {
		code := codes[int(i.Add(1))%len(codes)]
		var out struct {
			Code string `json:"code"`
		}
		if err := e.get(e.ts.URL+"/api/v1/public/dossiers/"+code, &out); err != nil {
			return err
		}
		if out.Code != code {
			return fmt.Errorf("lookup %s answered %q", code, out.Code)
		}
		return nil
	})
}
