package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestMultiInstance runs three instances of the binary on one PostgreSQL schema and
// drives dossier intakes and queue ticket issues through all of them, the clients
// retrying on the next instance when one fails; one instance is killed with SIGKILL
// mid-run. No dossier code or ticket number is duplicated or skipped: each unit's
// codes of a day and each service's numbers of a day run 1…N, and every acknowledged
// one is stored.
func TestMultiInstance(t *testing.T) {
	if os.Getenv(sqldbtest.PostgresEnv) == "" {
		t.Skipf("%s not set", sqldbtest.PostgresEnv)
	}
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dsn := sqldbtest.DSN(t, sqldb.Postgres)
	// the first instance seeds; the others start on the seeded schema
	insts := []*instance{startInstance(t, bin, "--db", dsn, "--demo", "yes", "--demo-dossiers", "50")}
	for i := 0; i < 2; i++ {
		insts = append(insts, startInstance(t, bin, "--db", dsn, "--demo", "no"))
	}
	base0 := insts[0].base
	admin := apiLogin(t, base0, "admin", seed.DemoPassword)
	rtok := apiLogin(t, base0, "motcua1", seed.DemoPassword) // sessions live in the database: valid on every instance
	var me struct {
		User struct {
			UnitCode string `json:"unit_code"`
		}
	}
	getJSON(t, insts[1].base+"/api/v1/auth/me", rtok, &me)
	if me.User.UnitCode == "" {
		t.Fatal("the receptionist has no unit")
	}
	var procs struct{ Items []struct{ Code string } }
	getJSON(t, base0+"/api/v1/procedures?channel=counter&level=province&active=true&limit=20", admin, &procs)
	// a fresh queue service of the receptionist's centre, set up through the API
	var svc struct {
		ID   int64
		Code string
	}
	if st := postJSON(t, insts[2].base+"/api/v1/queue/services", admin,
		map[string]any{"code": "ZZ", "name": "Dịch vụ thử nhiều máy chủ", "unit_code": me.User.UnitCode}, &svc); st != 201 {
		t.Fatalf("create queue service: %d", st)
	}

	client := &http.Client{Timeout: 20 * time.Second}
	// send tries the request on instance start, then the next ones, until one answers
	// 2xx; it returns the decoded answer's raw body and the attempts made.
	send := func(start int, path, body string, out any) (int, error) {
		var last error
		for attempt := 0; attempt < 12; attempt++ {
			in := insts[(start+attempt)%len(insts)]
			req, _ := http.NewRequest("POST", in.base+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+rtok)
			req.Header.Set("Content-Type", "application/json")
			res, err := client.Do(req)
			if err != nil {
				last = err
				time.Sleep(50 * time.Millisecond)
				continue
			}
			data, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == 201 {
				return attempt + 1, json.Unmarshal(data, out)
			}
			last = fmt.Errorf("%s: %d %s", in.base, res.StatusCode, data)
			if res.StatusCode != 503 {
				return attempt + 1, last
			}
			time.Sleep(50 * time.Millisecond)
		}
		return 12, last
	}

	var mu sync.Mutex
	codes := map[string]int{}   // acknowledged dossier code → times acknowledged
	tickets := map[string]int{} // acknowledged ticket number → times
	retried := 0
	const perWorker = 60
	var wg sync.WaitGroup
	for w := 0; w < 6; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < perWorker; i++ {
				start := (w + i) % len(insts)
				if w%2 == 0 { // intake at the centre
					n := w*1000 + i
					body := fmt.Sprintf(`{"procedure_code":%q,"applicant":{"kind":"person","full_name":"Người nộp %d","id_number":"020095%06d","phone":"0912345678","address":"Lạng Sơn"},"papers":[{"name":"Tờ khai","originals":1}]}`,
						procs.Items[n%len(procs.Items)].Code, n, n)
					var d struct{ Code string }
					attempts, err := send(start, "/api/v1/dossiers", body, &d)
					if err != nil {
						t.Errorf("intake %d: %v", n, err)
						return
					}
					mu.Lock()
					codes[d.Code]++
					retried += attempts - 1
					mu.Unlock()
				} else { // the reception desk issues a priority ticket (no kiosk rate limit)
					var tk struct{ Number string }
					attempts, err := send(start, "/api/v1/queue/tickets", fmt.Sprintf(`{"service_id":%d,"priority":"elderly"}`, svc.ID), &tk)
					if err != nil {
						t.Errorf("ticket: %v", err)
						return
					}
					mu.Lock()
					tickets[tk.Number]++
					retried += attempts - 1
					mu.Unlock()
				}
			}
		}(w)
	}
	// kill one instance mid-run
	waitFor(t, 60*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(codes)+len(tickets) >= perWorker*2 })
	insts[2].kill()
	mu.Lock()
	atKill := len(codes) + len(tickets)
	mu.Unlock()
	wg.Wait()
	t.Logf("%d dossiers and %d tickets acknowledged (%d before the kill), %d retries", len(codes), len(tickets), atKill, retried)
	if len(codes)+len(tickets) <= atKill {
		t.Fatal("nothing was acknowledged after the kill")
	}
	if t.Failed() {
		return
	}
	for c, n := range codes {
		if n > 1 {
			t.Errorf("dossier code %s acknowledged %d times", c, n)
		}
	}
	for c, n := range tickets {
		if n > 1 {
			t.Errorf("ticket number %s issued %d times", c, n)
		}
	}

	// the stored codes of each unit and day run 1…N, and every acknowledged one is there
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	days := map[string]bool{}
	for c := range codes {
		if _, err := dossier.ParseCode(c); err != nil {
			t.Fatalf("acknowledged code %q: %v", c, err)
		}
		days[c[:strings.LastIndexByte(c, '-')]] = true // UNIT-YYMMDD
	}
	for prefix := range days {
		rows, err := db.Query(`SELECT code FROM dossiers WHERE code LIKE $1`, prefix+"-%")
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]bool{}
		var seqs []int
		for rows.Next() {
			var c string
			rows.Scan(&c)
			pc, err := dossier.ParseCode(c)
			if err != nil {
				t.Fatalf("stored code %q: %v", c, err)
			}
			stored[c] = true
			seqs = append(seqs, pc.Seq)
		}
		rows.Close()
		checkConsecutive(t, "dossier codes "+prefix, seqs)
		for c := range codes {
			if strings.HasPrefix(c, prefix+"-") && !stored[c] {
				t.Errorf("acknowledged dossier %s is not stored", c)
			}
		}
	}
	rows, err := db.Query(`SELECT number, seq FROM queue_tickets WHERE service_id = $1`, svc.ID)
	if err != nil {
		t.Fatal(err)
	}
	storedT := map[string]bool{}
	var seqs []int
	for rows.Next() {
		var num string
		var seq int
		rows.Scan(&num, &seq)
		storedT[num] = true
		seqs = append(seqs, seq)
	}
	rows.Close()
	checkConsecutive(t, "ticket numbers", seqs)
	for num := range tickets {
		if !storedT[num] {
			t.Errorf("issued ticket %s is not stored", num)
		}
	}
	var rep struct{ OK bool }
	getJSON(t, base0+"/api/v1/audit/verify", admin, &rep)
	if !rep.OK {
		t.Error("audit chain broken")
	}
}

// checkConsecutive fails unless seqs is exactly 1…len(seqs) in some order.
func checkConsecutive(t *testing.T, what string, seqs []int) {
	t.Helper()
	sort.Ints(seqs)
	for i, s := range seqs {
		if s != i+1 {
			t.Errorf("%s: sequence %v… is not 1…%d (position %d holds %d)", what, seqs[:min(len(seqs), 20)], len(seqs), i, s)
			return
		}
	}
}

func postJSON(t *testing.T, url, token string, body, out any) int {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	if out != nil {
		json.Unmarshal(data, out)
	}
	if res.StatusCode >= 300 {
		t.Logf("POST %s: %d %s", url, res.StatusCode, data)
	}
	return res.StatusCode
}
