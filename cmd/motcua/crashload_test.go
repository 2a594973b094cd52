package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/queue"
)

// The mixed load of TestCrashMixedLoad: officers and kiosks that keep working while
// the server is killed and restarted under them. Every write the server acknowledged
// (a 2xx answer whose body arrived whole) is recorded, so that the checks can demand
// it after each crash. A request cut by the kill is retried on the next instance, as
// a real client does.

// errStopped ends a worker's operation when the load is over.
var errStopped = errors.New("load stopped")

// reply is one complete answer of the server.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// ackDossier is the newest acknowledged (or read) version of a dossier.
type ackDossier struct {
	version int
	state   dossier.State
	action  dossier.Action // the action that made version
}

// ackTicket is the furthest acknowledged status of a queue ticket.
type ackTicket struct {
	number string
	status queue.Status
}

// ticketRank orders the statuses a ticket passes through in the load.
var ticketRank = map[queue.Status]int{queue.Waiting: 0, queue.Called: 1, queue.Serving: 2, queue.Done: 3, queue.Expired: 4} // expired: closed by the day close (a run across midnight ICT)

// crashLoad drives the load against whichever instance is up and records what the
// server acknowledged.
type crashLoad struct {
	t     *testing.T
	rng   uint64 // the run's seed; worker w uses (rng, w)
	procs []string
	// queue fixtures created before the first kill
	serviceID int64
	counters  []int64
	terminals map[int64]string // counter id → device token

	client *http.Client

	mu       sync.Mutex
	cond     *sync.Cond
	base     string // "" while the server is down
	gen      int    // incremented at each start
	stop     bool
	tokens   map[string]string   // username → bearer token
	leaders  map[string]string   // unit → leader username
	procsBy  map[string][]string // unit → processor usernames
	dossiers map[string]*ackDossier
	tickets  map[int64]*ackTicket
	ratedTk  map[int64]bool  // tickets whose rating was acknowledged
	ratedDos map[string]bool // dossiers whose online rating was acknowledged
	acks     map[string]int  // acknowledged writes per kind, whole run
	roundAck int             // acknowledged writes since the last start
	resumed  int             // operations cut by a kill and completed after a restart
	stuck    map[string]bool // dossiers no demo user can move on (left alone)
	idNum    int
}

func newCrashLoad(t *testing.T, seed uint64) *crashLoad {
	l := &crashLoad{t: t, rng: seed, terminals: map[int64]string{},
		client:   &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DialContext: (&net.Dialer{Timeout: 2 * time.Second}).DialContext, MaxIdleConnsPerHost: 16}},
		tokens:   map[string]string{},
		leaders:  map[string]string{},
		procsBy:  map[string][]string{},
		dossiers: map[string]*ackDossier{}, tickets: map[int64]*ackTicket{},
		ratedTk: map[int64]bool{}, ratedDos: map[string]bool{}, acks: map[string]int{}, stuck: map[string]bool{}}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// up publishes the address of a freshly started instance to the workers.
func (l *crashLoad) up(base string) {
	l.mu.Lock()
	l.base, l.gen, l.roundAck = base, l.gen+1, 0
	l.cond.Broadcast()
	l.mu.Unlock()
}

// down tells the workers the server is gone (they wait for the next up).
func (l *crashLoad) down() {
	l.mu.Lock()
	l.base = ""
	l.mu.Unlock()
}

// finish asks the workers to stop after their current operation.
func (l *crashLoad) finish() {
	l.mu.Lock()
	l.stop = true
	l.cond.Broadcast()
	l.mu.Unlock()
}

// abort stops the workers at once, up or not (test clean-up).
func (l *crashLoad) abort() {
	l.mu.Lock()
	l.stop, l.base = true, ""
	l.cond.Broadcast()
	l.mu.Unlock()
}

func (l *crashLoad) stopped() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.stop
}

// current waits until an instance is up and returns its address and generation; ""
// once the load is stopped with no instance up (the test is ending).
func (l *crashLoad) current() (string, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.base == "" && !l.stop {
		l.cond.Wait()
	}
	return l.base, l.gen
}

// once sends one request to the current instance. An error means no complete answer:
// the connection failed or the kill cut the body.
func (l *crashLoad) once(method, path, token string, hdr map[string]string, body any) (reply, int, error) {
	base, gen := l.current()
	if base == "" {
		return reply{}, gen, errStopped
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return reply{}, gen, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, base+path, rd)
	if err != nil {
		return reply{}, gen, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := l.client.Do(req)
	if err != nil {
		return reply{}, gen, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return reply{}, gen, fmt.Errorf("body cut: %w", err)
	}
	if res.StatusCode/100 == 2 && strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") && !json.Valid(data) {
		return reply{}, gen, fmt.Errorf("body cut: invalid JSON %q", data)
	}
	return reply{status: res.StatusCode, header: res.Header, body: data}, gen, nil
}

// do sends a request until it gets a complete answer other than 503, waiting for the
// next instance when the server is down. interrupted reports that an earlier attempt
// may have reached the server (a non-idempotent write may then have been applied).
func (l *crashLoad) do(method, path, token string, hdr map[string]string, body any) (rep reply, interrupted bool, err error) {
	firstGen := -1
	for {
		if l.stopped() && firstGen < 0 {
			return reply{}, false, errStopped
		}
		rep, gen, err := l.once(method, path, token, hdr, body)
		if errors.Is(err, errStopped) {
			return reply{}, interrupted, err
		}
		if firstGen < 0 {
			firstGen = gen
		}
		if err == nil && rep.status != http.StatusServiceUnavailable {
			if interrupted && gen > firstGen && rep.status/100 == 2 {
				l.mu.Lock()
				l.resumed++
				l.mu.Unlock()
			}
			return rep, interrupted, nil
		}
		if err != nil {
			interrupted = true
			// the server is dying or dead: wait for the test to restart it
			time.Sleep(25 * time.Millisecond)
		} else {
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// ack records one acknowledged write of kind.
func (l *crashLoad) ack(kind string) {
	l.acks[kind]++
	l.roundAck++
}

// seeDossier records that version of dossier code, made by action, was acknowledged or
// read back (a committed version must survive every later crash).
func (l *crashLoad) seeDossier(code string, version int, state dossier.State, action dossier.Action, kind string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if kind != "" {
		l.ack(kind)
	}
	if a := l.dossiers[code]; a == nil || a.version < version {
		l.dossiers[code] = &ackDossier{version: version, state: state, action: action}
	}
}

func (l *crashLoad) seeTicket(id int64, number string, st queue.Status, kind string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if kind != "" {
		l.ack(kind)
	}
	a := l.tickets[id]
	if a == nil {
		a = &ackTicket{number: number, status: st}
		l.tickets[id] = a
	}
	if ticketRank[st] > ticketRank[a.status] {
		a.status = st
	}
}

func (l *crashLoad) errorf(format string, args ...any) {
	l.t.Helper()
	l.t.Errorf(format, args...)
}

// token returns the bearer token of a demo user, issued before the load (tokens live
// in the database and survive restarts; logging in ninety officers over HTTP would
// meet the login rate limit of one client address).
func (l *crashLoad) token(user string) (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if tok := l.tokens[user]; tok != "" {
		return tok, nil
	}
	return "", fmt.Errorf("no token for %s", user)
}

// ---- dossier desks

// desk is one receptionist at the centre: it receives dossiers and walks each of its
// dossiers through the lifecycle, acting as whichever demo officer the next action
// needs (leader assigns and approves or sends the proposal back, processor proposes,
// receptionist transfers and returns the result), always with If-Match.
func (l *crashLoad) desk(w int) {
	rng := rand.New(rand.NewPCG(l.rng, uint64(w)))
	rcpt := "motcua" + strconv.Itoa(w+1)
	var mine []string
	for !l.stopped() {
		var err error
		if len(mine) < 3 || rng.IntN(4) == 0 {
			var code string
			if code, err = l.receive(rng, rcpt); code != "" {
				mine = append(mine, code)
			}
		} else {
			i := rng.IntN(len(mine))
			var done bool
			if done, err = l.advance(rng, rcpt, mine[i]); done {
				mine = append(mine[:i], mine[i+1:]...)
			}
		}
		if err != nil && !errors.Is(err, errStopped) {
			l.errorf("desk %d: %v", w, err)
			return
		}
	}
}

// receive takes in one dossier at the counter.
func (l *crashLoad) receive(rng *rand.Rand, rcpt string) (string, error) {
	tok, err := l.token(rcpt)
	if err != nil {
		return "", err
	}
	l.mu.Lock()
	l.idNum++
	n := l.idNum
	l.mu.Unlock()
	body := map[string]any{
		"procedure_code": l.procs[rng.IntN(len(l.procs))],
		"applicant": map[string]any{"kind": "person", "full_name": "Người nộp thử " + strconv.Itoa(n),
			"id_number": fmt.Sprintf("020095%06d", n), "phone": "0912345678", "address": "Phường Đông Kinh, Lạng Sơn"},
		"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}},
	}
	rep, _, err := l.do("POST", "/api/v1/dossiers", tok, nil, body)
	if err != nil {
		return "", err
	}
	if rep.status != http.StatusCreated {
		return "", fmt.Errorf("receive: %d %s", rep.status, rep.body)
	}
	var d dossier.Dossier
	if err := json.Unmarshal(rep.body, &d); err != nil || d.Code == "" || rep.header.Get("ETag") != strconv.Quote(strconv.Itoa(d.Version)) {
		return "", fmt.Errorf("receive: answer %v %q", err, rep.body)
	}
	l.seeDossier(d.Code, d.Version, d.State, dossier.ActReceive, "receive")
	return d.Code, nil
}

// getDossier reads a dossier as the administrator and records the version read.
func (l *crashLoad) getDossier(code string) (*dossier.Dossier, error) {
	tok, err := l.token("admin")
	if err != nil {
		return nil, err
	}
	rep, _, err := l.do("GET", "/api/v1/dossiers/"+code, tok, nil, nil)
	if err != nil {
		return nil, err
	}
	var d dossier.Dossier
	if rep.status != 200 || json.Unmarshal(rep.body, &d) != nil {
		return nil, fmt.Errorf("get %s: %d %s", code, rep.status, rep.body)
	}
	return &d, nil
}

// lastAction returns the action of a dossier's newest event.
func (l *crashLoad) lastAction(code string) (dossier.Action, int, error) {
	tok, err := l.token("admin")
	if err != nil {
		return "", 0, err
	}
	rep, _, err := l.do("GET", "/api/v1/dossiers/"+code+"/events", tok, nil, nil)
	if err != nil {
		return "", 0, err
	}
	var evs struct{ Items []dossier.Event }
	if rep.status != 200 || json.Unmarshal(rep.body, &evs) != nil || len(evs.Items) == 0 {
		return "", 0, fmt.Errorf("events of %s: %d %s", code, rep.status, rep.body)
	}
	last := evs.Items[len(evs.Items)-1]
	return last.Action, last.Seq, nil
}

// officer returns the demo leader or a processor of unit.
func (l *crashLoad) officer(unit string, leader bool, rng *rand.Rand) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if leader {
		return l.leaders[unit]
	}
	if ps := l.procsBy[unit]; len(ps) > 0 {
		return ps[rng.IntN(len(ps))]
	}
	return ""
}

var hexDigest = strings.Repeat("ab", 32)

// advance takes the next action on dossier code; done reports that the dossier left
// the desk's hands (returned, refused, or stuck).
func (l *crashLoad) advance(rng *rand.Rand, rcpt, code string) (done bool, err error) {
	d, err := l.getDossier(code)
	if err != nil {
		return false, err
	}
	l.seeDossier(d.Code, d.Version, d.State, "", "")
	var user string
	var act dossier.Action
	body := map[string]any{}
	switch d.State {
	case dossier.StateReceived:
		user, act = rcpt, dossier.ActTransfer
	case dossier.StateInProcessing:
		switch {
		case d.Proposal != nil && d.Proposal.Kind == dossier.ProposeRefusal:
			user, act = l.officer(d.CurrentUnit, true, rng), dossier.ActRefuse
			body["reason"], body["document_sha256"] = "Hồ sơ không đủ điều kiện theo quy định", hexDigest
		case d.Proposal != nil && rng.IntN(5) == 0:
			user, act = l.officer(d.CurrentUnit, true, rng), dossier.ActRejectProposal
			body["reason"] = "Đề nghị bổ sung căn cứ pháp lý trong dự thảo"
		case d.Proposal != nil:
			user, act = l.officer(d.CurrentUnit, true, rng), dossier.ActApprove
			body["document_sha256"] = hexDigest
		case d.Assignee == "":
			user, act = l.officer(d.CurrentUnit, true, rng), dossier.ActAssign
			body["assignee"] = l.officer(d.CurrentUnit, false, rng)
		case rng.IntN(12) == 0:
			user, act = d.Assignee, dossier.ActProposeRefusal
			body["reason"] = "Không thuộc trường hợp được giải quyết"
		default:
			user, act = d.Assignee, dossier.ActProposeResult
			body["summary"] = "Dự thảo kết quả giải quyết"
		}
	case dossier.StateResultReady:
		user, act = rcpt, dossier.ActReturnResult
		body["recipient"] = map[string]string{"name": d.Applicant.FullName, "id_number": d.Applicant.IDNumber}
	default:
		return true, nil // returned or closed: nothing more to do
	}
	if user == "" || (act == dossier.ActAssign && body["assignee"] == "") {
		l.mu.Lock()
		l.stuck[code] = true
		l.mu.Unlock()
		return true, nil // a unit without demo officers: leave it
	}
	tok, err := l.token(user)
	if err != nil {
		return false, err
	}
	path := "/api/v1/dossiers/" + code + "/actions/" + string(act)
	ifMatch := map[string]string{"If-Match": strconv.Quote(strconv.Itoa(d.Version))}
	rep, interrupted, err := l.do("POST", path, tok, ifMatch, body)
	if err != nil {
		return false, err
	}
	switch {
	case rep.status == 200:
		var nd dossier.Dossier
		if err := json.Unmarshal(rep.body, &nd); err != nil || nd.Version != d.Version+1 {
			return false, fmt.Errorf("%s %s: version %d after %d: %v", act, code, nd.Version, d.Version, err)
		}
		l.seeDossier(code, nd.Version, nd.State, act, string(act))
		if act == dossier.ActReturnResult {
			if tk := rep.header.Get("X-Rating-Token"); tk != "" {
				return true, l.rateOnline(rng, code, tk)
			}
			return true, nil
		}
		if rng.IntN(8) == 0 { // the same command again, on the old version: refused
			rep2, interrupted2, err := l.do("POST", path, tok, ifMatch, body)
			if err != nil {
				return false, err
			}
			if rep2.status != http.StatusConflict && !interrupted2 {
				return false, fmt.Errorf("%s %s replayed on stale version %d: %d %s", act, code, d.Version, rep2.status, rep2.body)
			}
		}
		return nd.State == dossier.StateRefused, nil
	case rep.status == http.StatusConflict && interrupted:
		// an attempt cut by the kill may have been applied: then the dossier moved on
		// by exactly our action
		last, seq, err := l.lastAction(code)
		if err != nil {
			return false, err
		}
		if seq == d.Version+1 && last != act {
			return false, fmt.Errorf("%s %s: after a retried request the dossier's event #%d is %s", act, code, seq, last)
		}
		return false, nil
	default:
		return false, fmt.Errorf("%s %s (v%d, %s, as %s): %d %s", act, code, d.Version, d.State, user, rep.status, rep.body)
	}
}

// rateOnline gives the online rating of a returned dossier with its rating token.
func (l *crashLoad) rateOnline(rng *rand.Rand, code, token string) error {
	levels := []string{"very_satisfied", "satisfied", "dissatisfied"}
	rep, interrupted, err := l.do("POST", "/api/v1/ratings", "", nil,
		map[string]any{"level": levels[rng.IntN(len(levels))], "dossier_code": code, "token": token})
	if err != nil {
		return err
	}
	switch {
	case rep.status == http.StatusCreated || rep.status == 200:
		l.mu.Lock()
		l.ratedDos[code] = true
		l.ack("rating.online")
		l.mu.Unlock()
	case rep.status == http.StatusTooManyRequests:
	case rep.status == http.StatusConflict && interrupted: // the cut attempt was stored
	default:
		return fmt.Errorf("online rating of %s: %d %s", code, rep.status, rep.body)
	}
	return nil
}

// ---- queue counters

type counterState struct {
	Ticket *queue.Ticket `json:"ticket"`
}

// counter is the receptionist at one queue counter: it makes sure someone waits
// (kiosk tickets, or a priority ticket issued at the reception desk when the kiosk is
// rate-limited), calls the next number, serves and finishes, and the citizen rates
// the visit on the counter's terminal.
func (l *crashLoad) counter(w int, counterID int64, user string) {
	rng := rand.New(rand.NewPCG(l.rng, uint64(100+w)))
	for !l.stopped() {
		if err := l.counterStep(rng, counterID, user); err != nil {
			if !errors.Is(err, errStopped) {
				l.errorf("counter %d: %v", counterID, err)
			}
			return
		}
	}
}

func (l *crashLoad) issue(rng *rand.Rand, user string) error {
	var tok string
	body := map[string]any{"service_id": l.serviceID}
	if rng.IntN(3) == 0 {
		var err error
		if tok, err = l.token(user); err != nil {
			return err
		}
		body["priority"] = "elderly"
	}
	rep, _, err := l.do("POST", "/api/v1/queue/tickets", tok, nil, body)
	if err != nil {
		return err
	}
	switch rep.status {
	case http.StatusCreated:
		var tk struct { // web.PublicTicket
			ID     int64
			Number string
		}
		if err := json.Unmarshal(rep.body, &tk); err != nil || tk.ID == 0 {
			return fmt.Errorf("issue: %v %s", err, rep.body)
		}
		l.seeTicket(tk.ID, tk.Number, queue.Waiting, "ticket.issue")
	case http.StatusTooManyRequests: // the kiosk's limit per address
	default:
		return fmt.Errorf("issue: %d %s", rep.status, rep.body)
	}
	return nil
}

func (l *crashLoad) counterStep(rng *rand.Rand, id int64, user string) error {
	tok, err := l.token(user)
	if err != nil {
		return err
	}
	base := fmt.Sprintf("/api/v1/counters/%d", id)
	rep, _, err := l.do("GET", base, tok, nil, nil)
	if err != nil {
		return err
	}
	var st counterState
	if rep.status != 200 || json.Unmarshal(rep.body, &st) != nil {
		return fmt.Errorf("counter state: %d %s", rep.status, rep.body)
	}
	act, want := "call-next", queue.Called
	if t := st.Ticket; t != nil {
		l.seeTicket(t.ID, t.Number, t.Status, "")
		switch t.Status {
		case queue.Called:
			act, want = "start", queue.Serving
		case queue.Serving:
			act, want = "finish", queue.Done
		default:
			return fmt.Errorf("counter %d holds ticket %s in status %s", id, t.Number, t.Status)
		}
	} else if err := l.issue(rng, user); err != nil {
		return err
	}
	rep, _, err = l.do("POST", base+"/"+act, tok, nil, nil)
	if err != nil {
		return err
	}
	switch {
	case rep.status == 200:
		var after counterState
		if json.Unmarshal(rep.body, &after) != nil || after.Ticket == nil || after.Ticket.Status != want {
			return fmt.Errorf("%s: answer %s", act, rep.body)
		}
		l.seeTicket(after.Ticket.ID, after.Ticket.Number, want, "ticket."+act)
		if act == "finish" {
			return l.rateTerminal(rng, id, after.Ticket.ID)
		}
	case rep.status == http.StatusNotFound && act == "call-next": // nobody waits
	case rep.status == http.StatusConflict || rep.status == http.StatusNotFound:
		// a cut attempt was applied (busy counter, no current ticket): read it again
	default:
		return fmt.Errorf("%s: %d %s", act, rep.status, rep.body)
	}
	return nil
}

// rateTerminal is the citizen pressing a level on the counter's rating tablet.
func (l *crashLoad) rateTerminal(rng *rand.Rand, counterID, ticketID int64) error {
	if rng.IntN(4) == 0 {
		return nil // not everyone rates
	}
	levels := []string{"very_satisfied", "satisfied", "dissatisfied"}
	rep, interrupted, err := l.do("POST", "/api/v1/ratings", "", map[string]string{"X-Terminal-Token": l.terminals[counterID]},
		map[string]any{"level": levels[rng.IntN(len(levels))], "ticket_id": ticketID})
	if err != nil {
		return err
	}
	switch {
	case rep.status == http.StatusCreated || rep.status == 200:
		l.mu.Lock()
		l.ratedTk[ticketID] = true
		l.ack("rating.terminal")
		l.mu.Unlock()
	case rep.status == http.StatusConflict && interrupted:
	default:
		return fmt.Errorf("terminal rating of ticket %d: %d %s", ticketID, rep.status, rep.body)
	}
	return nil
}
