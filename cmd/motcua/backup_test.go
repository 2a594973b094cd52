package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/sqldb"
)

// TestBackupRestoreOnline backs up a running server's SQLite database while a
// receptionist keeps receiving dossiers, restores the copy into a new file and checks
// that every dossier acknowledged before the backup started is there and the audit
// chain holds. A backup whose audit chain was tampered with is refused.
func TestBackupRestoreOnline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "live.db")
	var out syncBuffer
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"--addr", "127.0.0.1:0", "--db", dbPath, "--demo-dossiers", "100"}, &out, &syncBuffer{})
	}()
	base := waitListening(t, &out, errc, 180*time.Second) // seeding is slow under -race
	tok := apiLogin(t, base, "admin", seed.DemoPassword)
	rtok := apiLogin(t, base, "motcua1", seed.DemoPassword)
	var procs struct{ Items []struct{ Code string } }
	getJSON(t, base+"/api/v1/procedures?channel=counter&level=province&active=true&limit=20", tok, &procs)
	if len(procs.Items) == 0 {
		t.Fatal("no procedure to receive")
	}

	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	writerDone := make(chan struct{})
	go func() { // the receptionist keeps receiving dossiers during the backup
		defer close(writerDone)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			code, status := intake(base, rtok, procs.Items[i%len(procs.Items)].Code, i)
			if status != 201 {
				t.Errorf("intake during backup: %d", status)
				return
			}
			mu.Lock()
			acked = append(acked, code)
			mu.Unlock()
		}
	}()
	waitFor(t, 20*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= 30 })
	mu.Lock()
	before := append([]string(nil), acked...)
	mu.Unlock()

	backup := filepath.Join(dir, "backup", "motcua-backup.db")
	os.MkdirAll(filepath.Dir(backup), 0o750)
	var bout, berr bytes.Buffer
	if err := run(ctx, []string{"backup", "--db", dbPath, "--out", backup}, &bout, &berr); err != nil {
		t.Fatalf("backup: %v\n%s", err, berr.String())
	}
	if !strings.Contains(bout.String(), "chain ok") {
		t.Fatalf("backup output: %s", bout.String())
	}
	waitFor(t, 20*time.Second, func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= len(before)+10 })
	close(stop)
	<-writerDone
	if _, err := os.Stat(backup + ".partial"); !os.IsNotExist(err) {
		t.Fatal("temporary file left behind")
	}
	if err := run(ctx, []string{"backup", "--db", dbPath, "--out", backup}, &bout, &berr); err == nil {
		t.Fatal("backup overwrote an existing file")
	}

	// restore into a new path
	restored := filepath.Join(dir, "restored", "motcua.db")
	bout.Reset()
	if err := run(ctx, []string{"restore", "--db", restored, "--from", backup}, &bout, &berr); err != nil {
		t.Fatalf("restore: %v\n%s", err, berr.String())
	}
	// the live database holds data: restoring over it needs --force
	if err := run(ctx, []string{"restore", "--db", dbPath, "--from", backup}, &bout, &berr); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("restore over a database with data: %v", err)
	}
	db, err := sqldb.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range before {
		if _, err := db.Dossiers().Get(ctx, code); err != nil {
			t.Errorf("dossier %s, acknowledged before the backup, is not in the restore: %v", code, err)
		}
	}
	var n int
	db.QueryRowContext(ctx, `SELECT COUNT(*) FROM dossiers`).Scan(&n)
	db.Close()
	if n < 100+len(before) {
		t.Fatalf("restore holds %d dossiers, want at least %d", n, 100+len(before))
	}
	bout.Reset()
	if err := run(ctx, []string{"audit", "verify", "--db", restored}, &bout, &berr); err != nil || !strings.Contains(bout.String(), `"ok":true`) {
		t.Fatalf("audit verify of the restore: %v %s", err, bout.String())
	}
	// --force replaces it
	if err := run(ctx, []string{"restore", "--db", restored, "--from", backup, "--force"}, &bout, &berr); err != nil {
		t.Fatalf("restore --force: %v", err)
	}

	// a backup whose audit log was altered is refused, and nothing is written
	tampered := filepath.Join(dir, "tampered.db")
	if err := copyFile(backup, tampered); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", tampered)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET actor = 'mallory' WHERE id = 5`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	raw.Close()
	other := filepath.Join(dir, "other.db")
	if err := run(ctx, []string{"restore", "--db", other, "--from", tampered}, &bout, &berr); err == nil || !strings.Contains(err.Error(), "audit") {
		t.Fatalf("restore of a tampered backup: %v", err)
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Fatal("a refused restore left a database behind")
	}
	cancel()
	<-errc
}

// TestBackupPostgresGuidance: for PostgreSQL, backup prints the pg_dump and
// pg_restore commands for the DSN's host and database and writes nothing.
func TestBackupPostgresGuidance(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pg.dump")
	var bout, berr bytes.Buffer
	err := run(context.Background(), []string{"backup", "--db", "postgres://motcua@db.example.vn:5433/motcua_ls?sslmode=disable", "--out", out}, &bout, &berr)
	if err != nil {
		t.Fatalf("backup on PostgreSQL: %v", err)
	}
	s := bout.String()
	for _, want := range []string{"pg_dump -h db.example.vn -p 5433 -U motcua -d motcua_ls -Fc -f " + out, "pg_restore ", "motcua_ls_restored"} {
		if !strings.Contains(s, want) {
			t.Errorf("guidance lacks %q:\n%s", want, s)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("backup on PostgreSQL wrote a file")
	}
}

// intake receives one dossier at the counter and returns its code and the status.
func intake(base, token, procedure string, i int) (string, int) {
	body := fmt.Sprintf(`{"procedure_code":%q,"applicant":{"kind":"person","full_name":"Người nộp %d","id_number":"020095%06d","phone":"0912345678","address":"Lạng Sơn"},"papers":[{"name":"Tờ khai","originals":1}]}`,
		procedure, i, i%1000000)
	req, _ := http.NewRequest("POST", base+"/api/v1/dossiers", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := httpClient.Do(req)
	if err != nil {
		return "", 0
	}
	defer res.Body.Close()
	var d struct{ Code string }
	json.NewDecoder(res.Body).Decode(&d)
	return d.Code, res.StatusCode
}

// httpClient gives every request of the fault tests a deadline.
var httpClient = &http.Client{Timeout: 30 * time.Second}

func waitFor(t *testing.T, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitListening is waitURL with a longer start-up allowance.
func waitListening(t *testing.T, out interface{ String() string }, errc <-chan error, d time.Duration) string {
	t.Helper()
	for deadline := time.Now().Add(d); time.Now().Before(deadline); {
		if m := urlRE.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-errc:
			t.Fatalf("server stopped: %v\n%s", err, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("server did not start:\n%s", out.String())
	return ""
}
