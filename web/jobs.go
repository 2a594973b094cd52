package web

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/motcua/motcua/catalog/importer"
)

// Background jobs of the administration pages (catalogue imports).
//
// The registry is in memory and per instance: a job started on one instance can only
// be followed on that instance. Behind a load balancer the admin's job page must be
// polled on the same instance (sticky sessions, or a single admin instance); this is
// acceptable for an occasional administrative task, and a job lost to a restart is
// simply started again (an import is all or nothing).

// Job stages, in order.
const (
	jobQueued   = "queued"
	jobParsing  = "parsing"
	jobChecking = "checking"
	jobStoring  = "storing"
	jobDone     = "done"
	jobFailed   = "failed"
)

// jobTTL is how long a finished job stays visible.
const jobTTL = time.Hour

// maxJobs bounds the registry; the oldest finished jobs go first.
const maxJobs = 200

// importJob is the state of one catalogue import. Fields are guarded by mu; use
// snapshot to read them.
type importJob struct {
	mu sync.Mutex
	importJobState
}

// importJobState is a copy of a job's state, safe to read without locking.
type importJobState struct {
	ID       string
	Owner    string // username of who started it
	FileName string
	DryRun   bool
	Stage    string
	Done     int
	Total    int
	Rows     int
	Created  int
	Updated  int
	// Errors are the row errors (nothing stored); Failure is a whole-file or storage
	// error as an i18n key with params (nothing stored either).
	Errors        []importer.RowError
	Failure       string
	FailureParams map[string]any
	Started       time.Time
	Finished      time.Time
}

// Finished jobs are done or failed.
func (j importJobState) IsFinished() bool { return j.Stage == jobDone || j.Stage == jobFailed }

func (j *importJob) snapshot() importJobState {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := j.importJobState
	st.Errors = append([]importer.RowError(nil), j.Errors...)
	return st
}

func (j *importJob) update(fn func(st *importJobState)) {
	j.mu.Lock()
	defer j.mu.Unlock()
	fn(&j.importJobState)
}

// progress returns a progress callback that records done/total under stage.
func (j *importJob) progress(stage string) func(done, total int) {
	return func(done, total int) {
		j.update(func(st *importJobState) { st.Stage, st.Done, st.Total = stage, done, total })
	}
}

// jobRegistry holds the jobs of one Server.
type jobRegistry struct {
	mu   sync.Mutex
	jobs map[string]*importJob
	now  func() time.Time
	wg   sync.WaitGroup
}

func newJobRegistry() *jobRegistry {
	return &jobRegistry{jobs: map[string]*importJob{}, now: time.Now}
}

// jobs returns the server's import job registry.
func (s *Server) jobs() *jobRegistry { return s.jobReg }

// start registers a new job and runs fn for it in its own goroutine.
func (g *jobRegistry) start(owner, fileName string, dryRun bool, fn func(j *importJob)) *importJob {
	b := make([]byte, 16)
	rand.Read(b)
	j := &importJob{importJobState: importJobState{ID: hex.EncodeToString(b), Owner: owner, FileName: fileName,
		DryRun: dryRun, Stage: jobQueued, Started: g.now()}}
	g.mu.Lock()
	g.sweepLocked()
	g.jobs[j.ID] = j
	g.mu.Unlock()
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		defer func() {
			if p := recover(); p != nil {
				j.update(func(st *importJobState) { st.Stage, st.Failure = jobFailed, "error.internal_detail" })
			}
			j.update(func(st *importJobState) { st.Finished = g.now() })
		}()
		fn(j)
	}()
	return j
}

// get returns a job that has not expired.
func (g *jobRegistry) get(id string) (*importJob, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.sweepLocked()
	j, ok := g.jobs[id]
	return j, ok
}

// wait blocks until every running job has finished (tests, shutdown).
func (g *jobRegistry) wait() { g.wg.Wait() }

// sweepLocked drops finished jobs older than jobTTL, and the oldest finished jobs
// beyond maxJobs.
func (g *jobRegistry) sweepLocked() {
	now := g.now()
	var oldest *importJob
	var oldestAt time.Time
	for id, j := range g.jobs {
		st := j.snapshot()
		if st.Finished.IsZero() {
			continue // still running
		}
		if now.Sub(st.Finished) > jobTTL {
			delete(g.jobs, id)
			continue
		}
		if oldest == nil || st.Finished.Before(oldestAt) {
			oldest, oldestAt = j, st.Finished
		}
	}
	if len(g.jobs) >= maxJobs && oldest != nil {
		delete(g.jobs, oldest.ID)
	}
}
