// Package queue is the domain of the queue-number system of a one-stop centre: the
// services a citizen picks at the kiosk (each with its own daily number series, A001,
// B001, …), the counters that call them, and the tickets with their state machine
//
//	waiting → called → serving → done
//	               ↘ no_show     ↘ transferred
//	called → called (recall), called → transferred
//	waiting, called, serving → expired (the day close, see Expire)
//
// It is pure: no storage, no clock of its own. sqldb persists it; web serves it.
//
// End of the day. Tickets are numbered per service and day and only today's are
// called, so a ticket still waiting, called or being served when its day ends can never
// be served: the centre closes the queue at the end of the working day, the citizens
// not served are asked to come back another day, and the day's figures become final.
// The day close (Expire, run by the server after every midnight ICT and by `motcua
// queue close-day`) ends every such ticket of a past day as Expired, recording in
// ExpiredFrom the state it was in, so statistics can tell the citizens who were never
// called from those called or being served when the day ended.
//
// Priority. Vietnamese law gives some citizens priority when they deal with public
// services. The categories here are the ones the issue names, with the sources that
// were checked while writing this package:
//   - người cao tuổi: a Vietnamese citizen aged 60 or over (Law on the Elderly
//     39/2009/QH12, art. 2), who has a right to priority when using services (same
//     law; see vass.gov.vn, "Quyền được ưu tiên khi sử dụng một số dịch vụ của người
//     cao tuổi");
//   - người khuyết tật: persons with disabilities (Law on Persons with Disabilities
//     51/2010/QH12);
//   - phụ nữ mang thai, người có công với cách mạng: listed with the two above among the
//     priority groups of e.g. the Law on Medical Examination and Treatment 2023
//     (art. 3(2)) and of the priority-card scheme at the Da Nang one-stop centre
//     (war invalids, sick soldiers, the elderly, pregnant women, persons with
//     disabilities; among several priority citizens the earlier arrival goes first);
//   - người có con nhỏ dưới 36 tháng tuổi: people with a child under 36 months, as the
//     brief asks. NOT verified: no text of Decree 118/2025/NĐ-CP's article on priority
//     at the One-Stop Department was found in the search corpus; the list must be
//     checked against it before go-live.
//
// All priority categories rank the same: a priority ticket is called before any
// ordinary ticket, and among tickets of the same rank the one waiting longest first.
// The category is recorded (for statistics) but never shown on public screens.
package queue

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/motcua/motcua"
)

// Status is the state of a ticket.
type Status string

// Ticket states.
const (
	Waiting     Status = "waiting"     // issued, in the queue
	Called      Status = "called"      // shown on the board, the citizen walks to the counter
	Serving     Status = "serving"     // the officer is serving the citizen
	Done        Status = "done"        // served
	NoShow      Status = "no_show"     // called and did not come
	Transferred Status = "transferred" // sent to another service or counter (a new ticket continues it)
	Expired     Status = "expired"     // its day ended before it was served (the day close; see Expire)
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Waiting, Called, Serving, Done, NoShow, Transferred, Expired}

// Terminal reports whether no action leaves s: done, no_show, transferred, expired.
// Every other status is closed as Expired by the close of the ticket's day.
func (s Status) Terminal() bool { return s == Done || s == NoShow || s == Transferred || s == Expired }

// Priority is a legal priority category; "" is an ordinary ticket.
type Priority string

// Priority categories (see the package comment for the legal sources).
const (
	PriorityNone     Priority = ""
	PriorityElderly  Priority = "elderly"  // người cao tuổi (từ đủ 60 tuổi)
	PriorityDisabled Priority = "disabled" // người khuyết tật
	PriorityPregnant Priority = "pregnant" // phụ nữ mang thai
	PriorityInfant   Priority = "infant"   // người có con nhỏ dưới 36 tháng tuổi
	PriorityMerit    Priority = "merit"    // người có công với cách mạng
)

// Priorities lists the priority categories.
var Priorities = []Priority{PriorityElderly, PriorityDisabled, PriorityPregnant, PriorityInfant, PriorityMerit}

// Valid reports whether p is "" or one of Priorities.
func (p Priority) Valid() bool {
	if p == PriorityNone {
		return true
	}
	for _, x := range Priorities {
		if x == p {
			return true
		}
	}
	return false
}

// Rank is the calling rank: 1 for any priority category, 0 otherwise.
func (p Priority) Rank() int {
	if p == PriorityNone {
		return 0
	}
	return 1
}

// Message keys.
const (
	MsgServiceCode      = "queue.service_code_invalid"
	MsgNameRequired     = "queue.name_required"
	MsgUnitInvalid      = "queue.unit_invalid"
	MsgCounterNumber    = "queue.counter_number_invalid"
	MsgPriorityInvalid  = "queue.priority_invalid"
	MsgTransition       = "queue.transition_invalid"
	MsgServiceNotFound  = "queue.service_not_found"
	MsgCounterNotFound  = "queue.counter_not_found"
	MsgTicketNotFound   = "queue.ticket_not_found"
	MsgServiceInactive  = "queue.service_inactive"
	MsgCounterBusy      = "queue.counter_busy"
	MsgNoWaiting        = "queue.no_waiting"
	MsgNoCurrent        = "queue.no_current"
	MsgTransferTarget   = "queue.transfer_target_required"
	MsgTransferSame     = "queue.transfer_same"
	MsgOtherUnit        = "queue.other_unit"
	MsgDossierNotFound  = "queue.dossier_not_found"
	MsgTicketNotCounter = "queue.ticket_other_counter"
	MsgListTooLong      = "queue.list_too_long"
	MsgDayOpen          = "queue.day_open"
)

// Service is what a citizen picks at the kiosk: a group of fields or procedures with
// its own number series (Code "A" numbers A001, A002, …) within one unit.
type Service struct {
	ID         int64    `json:"id"`
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	UnitCode   string   `json:"unit_code"`
	Fields     []string `json:"fields"`
	Procedures []string `json:"procedures"`
	// Counters are the ids of the counters that call this service (read-only here;
	// set through the counters' Services).
	Counters []int64 `json:"counters"`
	Active   bool    `json:"active"`
}

var serviceCodeRE = regexp.MustCompile(`^[A-Z]{1,2}$`)

// Validate normalises and checks s.
func (s *Service) Validate() error {
	s.Code = strings.ToUpper(strings.TrimSpace(s.Code))
	s.Name = strings.TrimSpace(s.Name)
	s.UnitCode = strings.TrimSpace(s.UnitCode)
	if s.Fields == nil {
		s.Fields = []string{}
	}
	if s.Procedures == nil {
		s.Procedures = []string{}
	}
	switch {
	case !serviceCodeRE.MatchString(s.Code):
		return motcua.FieldError(motcua.EINVALID, "code", MsgServiceCode)
	case s.Name == "" || len([]rune(s.Name)) > 200:
		return motcua.FieldError(motcua.EINVALID, "name", MsgNameRequired)
	case s.UnitCode == "":
		return motcua.FieldError(motcua.EINVALID, "unit_code", MsgUnitInvalid)
	case len(s.Fields) > 200:
		return motcua.FieldError(motcua.EINVALID, "fields", MsgListTooLong)
	case len(s.Procedures) > 2000:
		return motcua.FieldError(motcua.EINVALID, "procedures", MsgListTooLong)
	}
	return nil
}

// Counter is a service desk (quầy) with its number in the unit and the services it
// calls.
type Counter struct {
	ID       int64   `json:"id"`
	UnitCode string  `json:"unit_code"`
	Number   int     `json:"number"`
	Name     string  `json:"name"`
	Services []int64 `json:"services"`
	Active   bool    `json:"active"`
}

// Validate normalises and checks c.
func (c *Counter) Validate() error {
	c.Name = strings.TrimSpace(c.Name)
	c.UnitCode = strings.TrimSpace(c.UnitCode)
	if c.Services == nil {
		c.Services = []int64{}
	}
	if c.Name == "" {
		c.Name = fmt.Sprintf("Quầy %d", c.Number)
	}
	switch {
	case c.Number < 1 || c.Number > 999:
		return motcua.FieldError(motcua.EINVALID, "number", MsgCounterNumber)
	case len([]rune(c.Name)) > 200:
		return motcua.FieldError(motcua.EINVALID, "name", MsgNameRequired)
	case c.UnitCode == "":
		return motcua.FieldError(motcua.EINVALID, "unit_code", MsgUnitInvalid)
	case len(c.Services) > 100:
		return motcua.FieldError(motcua.EINVALID, "services", MsgListTooLong)
	}
	return nil
}

// FormatNumber returns the printed number of the seq-th ticket of a service's series:
// the service code and at least three digits ("A001", "A999", "A1000").
func FormatNumber(code string, seq int) string { return fmt.Sprintf("%s%03d", code, seq) }

// Ticket is one queue number. A transfer ends a ticket as Transferred and continues
// it as a new ticket (same Number, Hop+1) in the target service or for the target
// counter, so every ticket row has one queue and one history.
type Ticket struct {
	ID          int64    `json:"id"`
	ServiceID   int64    `json:"service_id"`
	ServiceCode string   `json:"service_code"`
	UnitCode    string   `json:"unit_code"`
	Day         string   `json:"day"` // YYYY-MM-DD in ICT: the series' day
	Seq         int      `json:"seq"` // position in the series of SeriesID on Day
	SeriesID    int64    `json:"series_id"`
	Hop         int      `json:"hop"` // 0 for an issued ticket, n after n transfers
	Number      string   `json:"number"`
	Priority    Priority `json:"priority,omitempty"`
	Status      Status   `json:"status"`
	// IssuedAt is when the citizen took the number; QueuedAt when this ticket joined
	// its current queue (IssuedAt, or the transfer time). The waiting order uses
	// IssuedAt, so a transferred citizen keeps their place.
	IssuedAt        time.Time  `json:"issued_at"`
	QueuedAt        time.Time  `json:"queued_at"`
	CalledAt        *time.Time `json:"called_at,omitempty"`
	StartedAt       *time.Time `json:"started_at,omitempty"`
	FinishedAt      *time.Time `json:"finished_at,omitempty"`
	CounterID       int64      `json:"counter_id,omitempty"`        // the counter that called it
	TargetCounterID int64      `json:"target_counter_id,omitempty"` // only this counter may call it
	Officer         string     `json:"officer,omitempty"`
	Recalls         int        `json:"recalls"`
	DossierCode     string     `json:"dossier_code,omitempty"`
	TransferredFrom int64      `json:"transferred_from,omitempty"`
	TransferredTo   int64      `json:"transferred_to,omitempty"`
	// ExpiredFrom is, for an Expired ticket, the status it had when its day was closed
	// (waiting, called or serving); "" otherwise.
	ExpiredFrom Status `json:"expired_from,omitempty"`
	Version     int    `json:"version"`
}

// Action is something done to a ticket at a counter.
type Action string

// Actions.
const (
	ActCall     Action = "call"
	ActRecall   Action = "recall"
	ActStart    Action = "start"
	ActFinish   Action = "finish"
	ActNoShow   Action = "no_show"
	ActTransfer Action = "transfer"
	// ActExpire is the day close (Expire): the system's action, never a counter's.
	ActExpire Action = "expire"
)

// CounterActions are the actions an officer takes at a counter, in a stable order.
var CounterActions = []Action{ActCall, ActRecall, ActStart, ActFinish, ActNoShow, ActTransfer}

// transitions is the state machine: action → from states → to state.
var transitions = map[Action]struct {
	from []Status
	to   Status
}{
	ActCall:     {[]Status{Waiting}, Called},
	ActRecall:   {[]Status{Called}, Called},
	ActStart:    {[]Status{Called}, Serving},
	ActFinish:   {[]Status{Serving}, Done},
	ActNoShow:   {[]Status{Called}, NoShow},
	ActTransfer: {[]Status{Called, Serving}, Transferred},
	ActExpire:   {[]Status{Waiting, Called, Serving}, Expired},
}

// Allowed returns the counter actions (CounterActions) allowed from s, in a stable
// order: none from a terminal status. The day close (ActExpire) is not listed: no
// officer can take it.
func Allowed(s Status) []Action {
	var out []Action
	for _, a := range CounterActions {
		for _, f := range transitions[a].from {
			if f == s {
				out = append(out, a)
			}
		}
	}
	return out
}

// Apply performs counter action a on t at now by officer at counter: it checks the
// transition and sets the state and timestamps. An action not allowed from t's state
// is ECONFLICT queue.transition_invalid with the allowed actions as Details; ActExpire
// (not a counter action: see Expire) and unknown actions are EINVALID.
func Apply(t *Ticket, a Action, now time.Time, counterID int64, officer string) error {
	tr, ok := transitions[a]
	if !ok || a == ActExpire {
		return motcua.FieldError(motcua.EINVALID, "action", MsgTransition)
	}
	allowed := false
	for _, f := range tr.from {
		allowed = allowed || f == t.Status
	}
	if !allowed {
		return &motcua.Error{Code: motcua.ECONFLICT, Message: MsgTransition,
			Params: map[string]any{"action": string(a), "status": string(t.Status)}, Details: map[string]any{"allowed": Allowed(t.Status)}}
	}
	if a != ActCall && t.CounterID != counterID {
		return motcua.Errorf(motcua.ECONFLICT, "%s", MsgTicketNotCounter)
	}
	n := now
	switch a {
	case ActCall:
		t.CalledAt, t.CounterID, t.Officer = &n, counterID, officer
	case ActRecall:
		t.CalledAt = &n
		t.Recalls++
	case ActStart:
		t.StartedAt = &n
		t.Officer = officer
	case ActFinish, ActNoShow, ActTransfer:
		t.FinishedAt = &n
	}
	t.Status = tr.to
	t.Version++
	return nil
}

// Expire closes t at the end of its day: a ticket of day D still waiting, called or
// being served when the day close runs after D (before is the first day not closed,
// normally today; t.Day < before) becomes Expired, with ExpiredFrom its status then.
// The citizen is asked to come back: no action leaves Expired. A ticket being served
// is not marked Done (the officer did not finish it, and the close time is not when
// the service ended) and keeps no end time: FinishedAt stays nil, and the close is
// dated by its audit entry and queue event. A terminal ticket is ECONFLICT
// queue.transition_invalid; a ticket of day before or later is ECONFLICT
// queue.day_open, both without change.
func Expire(t *Ticket, before string) error {
	if t.Day >= before {
		return &motcua.Error{Code: motcua.ECONFLICT, Message: MsgDayOpen, Params: map[string]any{"day": t.Day}}
	}
	tr := transitions[ActExpire]
	if !slices.Contains(tr.from, t.Status) {
		return &motcua.Error{Code: motcua.ECONFLICT, Message: MsgTransition,
			Params: map[string]any{"action": string(ActExpire), "status": string(t.Status)}, Details: map[string]any{"allowed": Allowed(t.Status)}}
	}
	t.ExpiredFrom, t.Status = t.Status, tr.to
	t.Version++
	return nil
}

// Continuation returns the ticket that continues t after a transfer to service svc
// (or, with targetCounter > 0, to that counter within t's service): same number and
// series, next hop, waiting again from now.
func Continuation(t *Ticket, svc *Service, targetCounter int64, now time.Time) Ticket {
	n := Ticket{ServiceID: t.ServiceID, ServiceCode: t.ServiceCode, UnitCode: t.UnitCode, Day: t.Day, Seq: t.Seq,
		SeriesID: t.SeriesID, Hop: t.Hop + 1, Number: t.Number, Priority: t.Priority, Status: Waiting,
		IssuedAt: t.IssuedAt, QueuedAt: now, TargetCounterID: targetCounter, TransferredFrom: t.ID, DossierCode: t.DossierCode, Version: 1}
	if svc != nil {
		n.ServiceID, n.ServiceCode, n.UnitCode = svc.ID, svc.Code, svc.UnitCode
	}
	return n
}

// Before reports whether a is called before b: priority first, then the longest
// waiting (earliest issue), then the lower id. Storage uses the same order in SQL.
func Before(a, b *Ticket) bool {
	if ra, rb := a.Priority.Rank(), b.Priority.Rank(); ra != rb {
		return ra > rb
	}
	if !a.IssuedAt.Equal(b.IssuedAt) {
		return a.IssuedAt.Before(b.IssuedAt)
	}
	return a.ID < b.ID
}

// DefaultServiceTime is assumed when a service has no recent history.
const DefaultServiceTime = 5 * time.Minute

// EstimateWait estimates how long a citizen with ahead people before them waits:
// ahead × the median of the recent service durations (call to finish) ÷ the number
// of open counters calling the service, rounded up to whole minutes.
func EstimateWait(ahead int, recent []time.Duration, counters int) time.Duration {
	if ahead <= 0 {
		return 0
	}
	if counters < 1 {
		counters = 1
	}
	per := DefaultServiceTime
	if len(recent) > 0 {
		per = time.Duration(Quantile(recent, 0.5))
	}
	d := time.Duration(int64(per) * int64(ahead) / int64(counters))
	return (d + time.Minute - 1).Truncate(time.Minute)
}

// Event is one record of the append-only queue event log: what the boards show.
type Event struct {
	ID            int64     `json:"id"`
	At            time.Time `json:"at"`
	Kind          string    `json:"kind"` // issue, call, recall, start, finish, no_show, transfer, expire
	UnitCode      string    `json:"unit_code"`
	TicketID      int64     `json:"ticket_id"`
	Number        string    `json:"number"`
	ServiceID     int64     `json:"service_id"`
	ServiceCode   string    `json:"service_code"`
	CounterID     int64     `json:"counter_id,omitempty"`
	CounterNumber int       `json:"counter_number,omitempty"`
	CounterName   string    `json:"counter_name,omitempty"`
	Status        Status    `json:"status"`
	Recalls       int       `json:"recalls,omitempty"`
	// Waiting is the number of tickets waiting in the ticket's service after the event.
	Waiting int `json:"waiting"`
}
