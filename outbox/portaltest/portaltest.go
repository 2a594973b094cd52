// Package portaltest is a test double of the national public service portal's
// dossier-sync endpoint: an httptest.Server that checks the bearer token, records every
// outbox.Record it accepts, deduplicates by idempotency key (dossier code and seq) the
// way the real portal must, notices records of a dossier arriving out of order, and can
// be told to fail the next N requests.
package portaltest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/motcua/motcua/outbox"
)

// Portal is the double. Its fields are read through its methods.
type Portal struct {
	*httptest.Server
	token string

	mu         sync.Mutex
	records    []outbox.Record // accepted, in arrival order
	seen       map[string]bool // idempotency keys
	last       map[string]int  // last seq accepted per dossier
	requests   int
	duplicates int
	failed     int
	failNext   int
	failStatus int
	problems   []string
	changed    chan struct{}
}

// New starts a portal that requires "Authorization: Bearer token" (none if token is
// empty). It is closed at the test's cleanup by the caller (p.Close).
func New(token string) *Portal {
	p := &Portal{token: token, seen: map[string]bool{}, last: map[string]int{}, changed: make(chan struct{})}
	p.Server = httptest.NewServer(http.HandlerFunc(p.serve))
	return p
}

// FailNext makes the next n requests fail with status (503 when 0).
func (p *Portal) FailNext(n, status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if status == 0 {
		status = http.StatusServiceUnavailable
	}
	p.failNext, p.failStatus = n, status
}

func (p *Portal) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests++
	if r.Method != http.MethodPost {
		http.Error(w, "method", http.StatusMethodNotAllowed)
		return
	}
	if p.token != "" && r.Header.Get("Authorization") != "Bearer "+p.token {
		http.Error(w, "token", http.StatusUnauthorized)
		return
	}
	if p.failNext > 0 {
		p.failNext--
		p.failed++
		http.Error(w, "told to fail", p.failStatus)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	var rec outbox.Record
	if err := json.Unmarshal(body, &rec); err != nil || rec.HoSo.MaHoSo == "" || rec.Seq <= 0 {
		http.Error(w, "bad record", http.StatusUnprocessableEntity)
		return
	}
	key := fmt.Sprintf("%s#%d", rec.HoSo.MaHoSo, rec.Seq)
	if rec.IdempotencyKey != key || r.Header.Get("Idempotency-Key") != key {
		p.problems = append(p.problems, fmt.Sprintf("idempotency key %q / header %q, want %q", rec.IdempotencyKey, r.Header.Get("Idempotency-Key"), key))
	}
	w.Header().Set("Content-Type", "application/json")
	if p.seen[key] {
		p.duplicates++
		fmt.Fprint(w, `{"error_code":0,"duplicate":true}`)
		return
	}
	if last := p.last[rec.HoSo.MaHoSo]; rec.Seq < last {
		p.problems = append(p.problems, fmt.Sprintf("%s: seq %d after %d", rec.HoSo.MaHoSo, rec.Seq, last))
	} else if last > 0 && rec.Seq != last+1 {
		p.problems = append(p.problems, fmt.Sprintf("%s: seq %d after %d (gap)", rec.HoSo.MaHoSo, rec.Seq, last))
	}
	p.seen[key] = true
	p.last[rec.HoSo.MaHoSo] = max(p.last[rec.HoSo.MaHoSo], rec.Seq)
	p.records = append(p.records, rec)
	close(p.changed)
	p.changed = make(chan struct{})
	fmt.Fprint(w, `{"error_code":0}`)
}

// Records returns the accepted records in arrival order.
func (p *Portal) Records() []outbox.Record {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]outbox.Record(nil), p.records...)
}

// Stats returns how many requests came, how many were repeats of an accepted record
// and how many the double failed on purpose.
func (p *Portal) Stats() (requests, duplicates, failed int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests, p.duplicates, p.failed
}

// Problems returns order and key violations seen.
func (p *Portal) Problems() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// WaitFor waits until at least n records were accepted or timeout passes, and reports
// whether they were.
func (p *Portal) WaitFor(n int, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		p.mu.Lock()
		got, ch := len(p.records), p.changed
		p.mu.Unlock()
		if got >= n {
			return true
		}
		select {
		case <-ch:
		case <-deadline:
			return false
		}
	}
}

// WaitRequests waits until at least n requests arrived (accepted, failed or repeats).
func (p *Portal) WaitRequests(n int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if r, _, _ := p.Stats(); r >= n {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}
