package web

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/web/i18n"
)

// The queue API: services and counters (admin), the kiosk's ticket issue and the
// public follow-up of a ticket, the counter's actions, the display board's snapshot
// and event stream (SSE), statistics, and rating terminals.

func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, motcua.FieldError(motcua.EINVALID, name, queue.MsgTicketNotFound)
	}
	return id, nil
}

// decodeOptionalJSON decodes a JSON body when there is one.
func decodeOptionalJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 || r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	return decodeJSON(w, r, v)
}

// scopeUnit resolves the ?unit= of a staff query: province-wide actors may ask for
// any unit or all (""); others get their own unit and may not ask for another.
func scopeUnit(r *http.Request) (string, error) {
	unit := strings.TrimSpace(r.URL.Query().Get("unit"))
	a := motcua.ActorFrom(r.Context())
	if a == nil || a.UnitCode == "" {
		return unit, nil
	}
	if unit != "" && unit != a.UnitCode {
		return "", motcua.Errorf(motcua.EFORBIDDEN, "%s", queue.MsgOtherUnit)
	}
	return a.UnitCode, nil
}

func requireScope(r *http.Request, unit string) error {
	if !auth.InScope(motcua.ActorFrom(r.Context()), unit) {
		return motcua.Errorf(motcua.EFORBIDDEN, "%s", queue.MsgOtherUnit)
	}
	return nil
}

// ---- services and counters

func (s *Server) apiQueueServices(w http.ResponseWriter, r *http.Request) error {
	svcs, err := s.DB.Queue().ListServices(r.Context(), strings.TrimSpace(r.URL.Query().Get("unit")))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": svcs})
	return nil
}

func (s *Server) apiQueueCreateService(w http.ResponseWriter, r *http.Request) error {
	var svc queue.Service
	if err := decodeJSON(w, r, &svc); err != nil {
		return err
	}
	if err := svc.Validate(); err != nil {
		return err
	}
	if err := requireScope(r, svc.UnitCode); err != nil {
		return err
	}
	if err := s.DB.Queue().CreateService(r.Context(), &svc); err != nil {
		return err
	}
	// No Location: there is no GET of one service; the list has it.
	writeJSON(w, http.StatusCreated, svc)
	return nil
}

func (s *Server) apiQueueCounters(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.DB.Queue().ListCounters(r.Context(), strings.TrimSpace(r.URL.Query().Get("unit")))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": cs})
	return nil
}

func (s *Server) apiQueueCreateCounter(w http.ResponseWriter, r *http.Request) error {
	var c queue.Counter
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	if err := requireScope(r, c.UnitCode); err != nil {
		return err
	}
	if err := s.DB.Queue().CreateCounter(r.Context(), &c); err != nil {
		return err
	}
	// No Location: there is no GET of one counter (only PUT); the list has it.
	writeJSON(w, http.StatusCreated, c)
	return nil
}

func (s *Server) apiQueueUpdateCounter(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var c queue.Counter
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	before, err := s.DB.Queue().GetCounter(r.Context(), id)
	if err != nil {
		return err
	}
	if err := requireScope(r, before.UnitCode); err != nil {
		return err
	}
	c.ID = id
	if err := s.DB.Queue().UpdateCounter(r.Context(), &c); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// ---- tickets

// publicTicket is what anyone may see of a ticket (the kiosk slip, a phone following
// it through the slip's QR code): no personal data, not even the priority category.
type publicTicket struct {
	ID          int64  `json:"id"`
	Number      string `json:"number"`
	ServiceID   int64  `json:"service_id"`
	ServiceCode string `json:"service_code"`
	ServiceName string `json:"service_name"`
	UnitCode    string `json:"unit_code"`
	Status      string `json:"status"`
	// StatusText is the translated status.
	StatusText    string     `json:"status_text"`
	Priority      bool       `json:"priority"`
	IssuedAt      time.Time  `json:"issued_at"`
	CalledAt      *time.Time `json:"called_at,omitempty"`
	CounterNumber int        `json:"counter_number,omitempty"`
	CounterName   string     `json:"counter_name,omitempty"`
	PeopleAhead   int        `json:"people_ahead"`
	WaitMinutes   int        `json:"estimated_wait_minutes"`
	TransferredTo int64      `json:"transferred_to,omitempty"`
}

func (s *Server) publicTicket(ctx context.Context, lang string, t *queue.Ticket) (publicTicket, error) {
	pos, err := s.DB.Queue().Position(ctx, t)
	if err != nil {
		return publicTicket{}, err
	}
	name := ""
	if svc, err := s.DB.Queue().GetService(ctx, t.ServiceID); err == nil {
		name = svc.Name
	}
	return publicTicket{ID: t.ID, Number: t.Number, ServiceID: t.ServiceID, ServiceCode: t.ServiceCode, ServiceName: name,
		UnitCode: t.UnitCode, Status: string(t.Status), StatusText: i18n.T(lang, "queue.status."+string(t.Status), nil),
		Priority: t.Priority != queue.PriorityNone, IssuedAt: t.IssuedAt, CalledAt: t.CalledAt,
		CounterNumber: pos.CounterNum, CounterName: pos.CounterName, PeopleAhead: pos.Ahead,
		WaitMinutes: int(pos.Wait / time.Minute), TransferredTo: t.TransferredTo}, nil
}

type issueRequest struct {
	ServiceID int64          `json:"service_id"`
	Priority  queue.Priority `json:"priority"`
}

// apiQueueIssue issues a ticket at the kiosk (public, limited per client address);
// priority tickets only at the reception desk (QueueOperate, own unit).
func (s *Server) apiQueueIssue(w http.ResponseWriter, r *http.Request) error {
	var req issueRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.ServiceID <= 0 {
		return motcua.FieldError(motcua.EINVALID, "service_id", queue.MsgServiceNotFound)
	}
	if !req.Priority.Valid() {
		return motcua.FieldError(motcua.EINVALID, "priority", queue.MsgPriorityInvalid)
	}
	a := motcua.ActorFrom(r.Context())
	staff := auth.Allowed(a, auth.QueueOperate)
	if req.Priority != queue.PriorityNone && !staff {
		return motcua.FieldError(motcua.EFORBIDDEN, "priority", "queue.priority_reception_only")
	}
	svc, err := s.DB.Queue().GetService(r.Context(), req.ServiceID)
	if err != nil {
		return err
	}
	if staff && req.Priority != queue.PriorityNone {
		if err := requireScope(r, svc.UnitCode); err != nil {
			return err
		}
	} else if !s.queue().issueRate.Allow(clientIP(r)) {
		return motcua.Errorf(motcua.ETOOMANY, "queue.rate_limited")
	}
	t, err := s.DB.Queue().Issue(r.Context(), svc.ID, req.Priority)
	if err != nil {
		return err
	}
	s.queue().broker.Wake()
	pt, err := s.publicTicket(r.Context(), langOf(r), t)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/queue/tickets/%d", t.ID))
	writeJSON(w, http.StatusCreated, pt)
	return nil
}

func (s *Server) apiQueueTicket(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return motcua.Errorf(motcua.ENOTFOUND, "%s", queue.MsgTicketNotFound)
	}
	t, err := s.DB.Queue().GetTicket(r.Context(), id)
	if err != nil {
		return err
	}
	pt, err := s.publicTicket(r.Context(), langOf(r), t)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, pt)
	return nil
}

// ---- counters

// counterFor loads the counter of the path and checks the officer's unit.
func (s *Server) counterFor(r *http.Request) (*queue.Counter, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "%s", queue.MsgCounterNotFound)
	}
	c, err := s.DB.Queue().GetCounter(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if err := requireScope(r, c.UnitCode); err != nil {
		return nil, err
	}
	return c, nil
}

// counterView is the answer of every counter action: the counter's ticket after the
// action, the ticket that continues it after a transfer, and today's waiting count
// of each of the counter's services.
type counterView struct {
	Counter      *queue.Counter `json:"counter"`
	Ticket       *queue.Ticket  `json:"ticket"`
	Continuation *queue.Ticket  `json:"continuation,omitempty"`
	Waiting      map[string]int `json:"waiting"` // service id → waiting tickets
}

func (s *Server) writeCounter(w http.ResponseWriter, r *http.Request, c *queue.Counter, t, next *queue.Ticket) error {
	counts, err := s.DB.Queue().WaitingCounts(r.Context(), c.UnitCode)
	if err != nil {
		return err
	}
	v := counterView{Counter: c, Ticket: t, Continuation: next, Waiting: map[string]int{}}
	for _, id := range c.Services {
		v.Waiting[strconv.FormatInt(id, 10)] = counts[id]
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) apiCounterState(w http.ResponseWriter, r *http.Request) error {
	c, err := s.counterFor(r)
	if err != nil {
		return err
	}
	t, err := s.DB.Queue().Current(r.Context(), c.ID)
	if err != nil {
		return err
	}
	return s.writeCounter(w, r, c, t, nil)
}

func (s *Server) apiCounterCallNext(w http.ResponseWriter, r *http.Request) error {
	c, err := s.counterFor(r)
	if err != nil {
		return err
	}
	t, err := s.DB.Queue().CallNext(r.Context(), c.ID, motcua.ActorName(r.Context()))
	if err != nil {
		return err
	}
	s.queue().broker.Wake()
	return s.writeCounter(w, r, c, t, nil)
}

type counterActionRequest struct {
	TicketID    int64  `json:"ticket_id"`
	DossierCode string `json:"dossier_code"`
	ServiceID   int64  `json:"service_id"`
	CounterID   int64  `json:"counter_id"`
}

// counterAction returns the handler of action a on the counter's current ticket (or
// the body's ticket_id).
func (s *Server) counterAction(a queue.Action) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		var req counterActionRequest
		if err := decodeOptionalJSON(w, r, &req); err != nil {
			return err
		}
		if req.DossierCode != "" && a != queue.ActFinish {
			return motcua.FieldError(motcua.EINVALID, "dossier_code", "request.unknown_field")
		}
		if (req.ServiceID != 0 || req.CounterID != 0) && a != queue.ActTransfer {
			return motcua.FieldError(motcua.EINVALID, "service_id", "request.unknown_field")
		}
		c, err := s.counterFor(r)
		if err != nil {
			return err
		}
		t, next, err := s.DB.Queue().Act(r.Context(), c.ID, req.TicketID, a, motcua.ActorName(r.Context()),
			sqldb.ActOptions{DossierCode: req.DossierCode, ToService: req.ServiceID, ToCounter: req.CounterID})
		if err != nil {
			return err
		}
		s.queue().broker.Wake()
		return s.writeCounter(w, r, c, t, next)
	}
}

// ---- board and events

// apiQueueBoard is the display board's snapshot: the newest call of each counter
// today, the waiting count of each service, and the id of the newest event, from
// which the board then follows GET /queue/events?last_event_id=.
func (s *Server) apiQueueBoard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unit := strings.TrimSpace(r.URL.Query().Get("unit"))
	last, err := s.DB.Queue().LastEventID(ctx)
	if err != nil {
		return err
	}
	calls, err := s.DB.Queue().LatestCalls(ctx, unit)
	if err != nil {
		return err
	}
	svcs, err := s.DB.Queue().ListServices(ctx, unit)
	if err != nil {
		return err
	}
	counts, err := s.DB.Queue().WaitingCounts(ctx, unit)
	if err != nil {
		return err
	}
	type svcWaiting struct {
		ID      int64  `json:"id"`
		Code    string `json:"code"`
		Name    string `json:"name"`
		Waiting int    `json:"waiting"`
	}
	out := []svcWaiting{}
	for _, sv := range svcs {
		if sv.Active {
			out = append(out, svcWaiting{sv.ID, sv.Code, sv.Name, counts[sv.ID]})
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"unit": unit, "calls": calls, "services": out, "last_event_id": last})
	return nil
}

// SSEHeartbeat is the interval of the comment lines that keep idle event streams
// (and the proxies between) open.
var SSEHeartbeat = 15 * time.Second

// apiQueueEvents streams the queue events (text/event-stream) of ?unit= (all units
// when empty): "id:" is the event id, "event:" the kind (issue, call, recall, start,
// finish, no_show, transfer, expire), "data:" the queue.Event as JSON. A reconnecting client
// sends Last-Event-ID (or ?last_event_id=, for the first connection after the board
// snapshot) and gets the missed events replayed from the table first. A comment line
// is sent every SSEHeartbeat. A client that does not accept text/event-stream gets a
// JSON page instead: the events after ?after= (default: none, just last_id), for
// polling from old TV browsers.
func (s *Server) apiQueueEvents(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	unit := strings.TrimSpace(q.Get("unit"))
	store := s.DB.Queue()
	if !strings.Contains(r.Header.Get("Accept"), "text/event-stream") {
		last, err := store.LastEventID(ctx)
		if err != nil {
			return err
		}
		after := last
		if v := q.Get("after"); v != "" {
			if after, err = strconv.ParseInt(v, 10, 64); err != nil || after < 0 {
				return &motcua.Error{Code: motcua.EINVALID, Field: "after", Message: "request.wrong_type", Params: map[string]any{"expected": "int64"}}
			}
		}
		evs, err := store.EventsAfter(ctx, after, unit, 500)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, map[string]any{"items": evs, "last_id": last})
		return nil
	}
	sent, err := lastEventID(r)
	if err != nil {
		return err
	}
	events, cancel := s.queue().broker.Subscribe(unit)
	defer cancel()

	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // the stream outlives the server's WriteTimeout
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := w.Write(sseRetry); err != nil {
		return nil
	}
	write := func(f *queueFrame) bool {
		if _, err := w.Write(f.data); err != nil {
			return false
		}
		sent = f.id
		return true
	}
	// Replay: everything after the client's last id, page by page. Events published
	// meanwhile are buffered in the subscription and skipped below if already sent.
	if sent >= 0 {
		for {
			evs, err := store.EventsAfter(ctx, sent, unit, 500)
			if err != nil {
				return nil
			}
			for i := range evs {
				f, err := encodeQueueFrame(&evs[i])
				if err != nil || !write(f) {
					return nil
				}
			}
			if len(evs) < 500 {
				break
			}
		}
	}
	if rc.Flush() != nil {
		return nil
	}
	hb := time.NewTicker(SSEHeartbeat)
	defer hb.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case f, ok := <-events:
			if !ok {
				return nil // dropped or shutting down: the client reconnects
			}
			// Write this frame and those already queued behind it (up to 64), then
			// flush once: a burst of events costs one flush per board.
			closed := false
			for n := 1; f != nil; n++ {
				if f.id > sent && !write(f) {
					return nil
				}
				f = nil
				if n == 64 {
					break
				}
				select {
				case next, open := <-events:
					f, closed = next, !open
				default:
				}
			}
			if rc.Flush() != nil || closed {
				return nil
			}
		case <-hb.C:
			if _, err := w.Write(ssePing); err != nil || rc.Flush() != nil {
				return nil
			}
		}
	}
}

// The constant lines of an event stream: the reconnection delay the browser should
// use (3 s), sent first, and the heartbeat comment.
var (
	sseRetry = []byte("retry: 3000\n\n")
	ssePing  = []byte(": ping\n\n")
)

// lastEventID reads the id of the last event a board has (header Last-Event-ID, sent
// by a reconnecting EventSource, or ?last_event_id= after the board snapshot): the
// stream replays every event after it. -1 when neither is given (no replay); a value
// that is not a non-negative integer is an EINVALID error on last_event_id.
func lastEventID(r *http.Request) (int64, error) {
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = r.URL.Query().Get("last_event_id")
	}
	if v == "" {
		return -1, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, &motcua.Error{Code: motcua.EINVALID, Field: "last_event_id", Message: "request.wrong_type", Params: map[string]any{"expected": "int64"}}
	}
	return n, nil
}

// ---- statistics

func (s *Server) apiQueueStats(w http.ResponseWriter, r *http.Request) error {
	unit, err := scopeUnit(r)
	if err != nil {
		return err
	}
	d := r.URL.Query().Get("date")
	if d == "" {
		d = time.Now().In(motcua.ICT).Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, d); err != nil {
		return motcua.FieldError(motcua.EINVALID, "date", "queue.date_invalid")
	}
	ts, err := s.DB.Queue().DayTickets(r.Context(), d, unit)
	if err != nil {
		return err
	}
	st := queue.ComputeStats(d, ts)
	writeJSON(w, http.StatusOK, map[string]any{"unit": unit, "stats": st})
	return nil
}

// ---- rating terminals

type terminalRequest struct {
	CounterID int64  `json:"counter_id"`
	Name      string `json:"name"`
}

// apiCreateTerminal creates a rating terminal for a counter; the token in the answer
// is shown once and goes into the tablet's configuration (header X-Terminal-Token).
func (s *Server) apiCreateTerminal(w http.ResponseWriter, r *http.Request) error {
	var req terminalRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if req.CounterID <= 0 {
		return motcua.FieldError(motcua.EINVALID, "counter_id", queue.MsgCounterNotFound)
	}
	c, err := s.DB.Queue().GetCounter(r.Context(), req.CounterID)
	if err != nil {
		return err
	}
	if err := requireScope(r, c.UnitCode); err != nil {
		return err
	}
	token, term, err := s.DB.Queue().CreateTerminal(r.Context(), req.CounterID, req.Name)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, map[string]any{"terminal": term, "token": token})
	return nil
}

func (s *Server) apiListTerminals(w http.ResponseWriter, r *http.Request) error {
	unit, err := scopeUnit(r)
	if err != nil {
		return err
	}
	ts, err := s.DB.Queue().ListTerminals(r.Context(), unit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": ts})
	return nil
}

func (s *Server) apiRevokeTerminal(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return motcua.Errorf(motcua.ENOTFOUND, "rating.terminal_invalid")
	}
	t, err := s.DB.Queue().GetTerminal(r.Context(), id)
	if err != nil {
		return err
	}
	if err := requireScope(r, t.UnitCode); err != nil {
		return err
	}
	if err := s.DB.Queue().RevokeTerminal(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
