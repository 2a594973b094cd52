package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
)

// QueueBroker fans the queue event log out to this instance's display-board
// subscribers (Server-Sent Events). It reads new rows of queue_events, which every
// instance writes in the same transaction as each call, recall, …: it polls every
// Poll interval, wakes at once after a local write, and on PostgreSQL also LISTENs on
// sqldb.QueueChannel, which every write NOTIFYs, so a call made on another instance
// reaches this one's boards within milliseconds.
//
// Each event is encoded once, as a complete SSE frame (queueFrame), however many
// boards follow it; every subscriber writes the same bytes. Subscribers are indexed
// by unit, so publishing an event touches only the boards of its unit and those
// following every unit.
//
// A subscriber too slow to keep up (its buffer of 256 events full) is dropped: its
// channel is closed, the SSE stream ends and the browser reconnects with
// Last-Event-ID, replaying what it missed from the table. Nothing is lost.
type QueueBroker struct {
	store *sqldb.QueueStore
	db    *sqldb.DB
	log   *slog.Logger
	poll  time.Duration

	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	wake   chan struct{}
	done   chan struct{}

	mu     sync.Mutex
	subs   map[string]map[*queueSub]struct{} // unit ("" = every unit) → subscribers
	last   int64
	closed bool
}

type queueSub struct {
	unit string
	ch   chan *queueFrame
}

// queueFrame is one queue event encoded as a Server-Sent Events frame ("id:",
// "event:", "data:" lines and the blank line ending it). It is shared, read-only,
// by every subscriber the event goes to.
type queueFrame struct {
	id   int64
	unit string
	data []byte
}

// sseField makes s safe as the value of an SSE field: a line break would end the
// field (and could forge another), so CR and LF become spaces.
func sseField(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// encodeQueueFrame encodes ev as the SSE frame every board receives: "id:" the
// event id, "event:" its kind, "data:" the queue.Event as one line of JSON.
func encodeQueueFrame(ev *queue.Event) (*queueFrame, error) {
	data, err := json.Marshal(ev)
	if err != nil {
		return nil, fmt.Errorf("encode queue event %d: %w", ev.ID, err)
	}
	b := make([]byte, 0, len(data)+len(ev.Kind)+48)
	b = append(b, "id: "...)
	b = strconv.AppendInt(b, ev.ID, 10)
	b = append(b, "\nevent: "...)
	b = append(b, sseField(ev.Kind)...)
	b = append(b, "\ndata: "...)
	b = append(b, data...)
	b = append(b, "\n\n"...)
	return &queueFrame{id: ev.ID, unit: ev.UnitCode, data: b}, nil
}

// DefaultQueuePoll is how often the broker polls queue_events.
const DefaultQueuePoll = 200 * time.Millisecond

func newQueueBroker(db *sqldb.DB, log *slog.Logger, poll time.Duration) *QueueBroker {
	if poll <= 0 {
		poll = DefaultQueuePoll
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &QueueBroker{store: db.Queue(), db: db, log: log, poll: poll, ctx: ctx, cancel: cancel,
		wake: make(chan struct{}, 1), done: make(chan struct{}), subs: map[string]map[*queueSub]struct{}{}}
}

// start launches the broker's goroutines once, on the first subscriber.
func (b *QueueBroker) start() {
	b.once.Do(func() {
		go b.run()
	})
}

// Subscribe registers a subscriber to the events of unit ("" = all) and starts the
// broker if needed. The returned channel carries the events' encoded frames and is
// closed when the subscriber is dropped or the broker closes; cancel unregisters it.
func (b *QueueBroker) Subscribe(unit string) (<-chan *queueFrame, func()) {
	sub := &queueSub{unit: unit, ch: make(chan *queueFrame, 256)}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		close(sub.ch)
		return sub.ch, func() {}
	}
	set := b.subs[unit]
	if set == nil {
		set = map[*queueSub]struct{}{}
		b.subs[unit] = set
	}
	set[sub] = struct{}{}
	b.mu.Unlock()
	b.start()
	return sub.ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		b.drop(sub)
	}
}

// drop unregisters sub and closes its channel, once; b.mu must be held.
func (b *QueueBroker) drop(sub *queueSub) {
	set := b.subs[sub.unit]
	if _, ok := set[sub]; !ok {
		return
	}
	delete(set, sub)
	if len(set) == 0 {
		delete(b.subs, sub.unit)
	}
	close(sub.ch)
}

// Wake makes the broker read the table now (after a write on this instance).
func (b *QueueBroker) Wake() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// Close stops the broker and ends every subscription. The lead wires it into
// Server.Shutdown (through Server.CloseQueue); it is safe to call more than once and
// on a broker that never started.
func (b *QueueBroker) Close() {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	for _, set := range b.subs {
		for sub := range set {
			close(sub.ch)
		}
	}
	clear(b.subs)
	b.mu.Unlock()
	b.cancel()
	started := true
	b.once.Do(func() { started = false })
	if started {
		<-b.done
	}
}

func (b *QueueBroker) run() {
	defer close(b.done)
	// Start from the newest event: subscribers replay older ones themselves.
	for {
		last, err := b.store.LastEventID(b.ctx)
		if err == nil {
			b.mu.Lock()
			b.last = last
			b.mu.Unlock()
			break
		}
		b.log.Warn("queue broker: last event id", "err", err)
		if !b.sleep(time.Second) {
			return
		}
	}
	listening := make(chan struct{})
	go func() {
		defer close(listening)
		b.listen()
	}()
	defer func() { <-listening }()
	t := time.NewTicker(b.poll)
	defer t.Stop()
	for {
		select {
		case <-b.ctx.Done():
			return
		case <-t.C:
		case <-b.wake:
		}
		b.fetch()
	}
}

func (b *QueueBroker) sleep(d time.Duration) bool {
	select {
	case <-b.ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}

// listen keeps a LISTEN connection open on PostgreSQL, reconnecting after failures.
func (b *QueueBroker) listen() {
	for b.ctx.Err() == nil {
		err := b.db.Listen(b.ctx, sqldb.QueueChannel, b.Wake)
		if errors.Is(err, errors.ErrUnsupported) || b.ctx.Err() != nil {
			return
		}
		b.log.Warn("queue broker: listen", "err", err)
		if !b.sleep(time.Second) {
			return
		}
	}
}

// fetch reads the events after the last one seen and publishes them.
func (b *QueueBroker) fetch() {
	for b.ctx.Err() == nil {
		b.mu.Lock()
		last := b.last
		b.mu.Unlock()
		evs, err := b.store.EventsAfter(b.ctx, last, "", 500)
		if err != nil {
			if b.ctx.Err() == nil {
				b.log.Warn("queue broker: read events", "err", err)
			}
			return
		}
		if len(evs) == 0 {
			return
		}
		b.publish(evs)
		if len(evs) < 500 {
			return
		}
	}
}

// publish encodes each event once and hands its frame to the subscribers of its unit
// and to those of every unit, in event order.
func (b *QueueBroker) publish(evs []queue.Event) {
	frames := make([]*queueFrame, 0, len(evs))
	for i := range evs {
		f, err := encodeQueueFrame(&evs[i])
		if err != nil { // cannot happen for a queue.Event; skip it rather than stall
			b.log.Error("queue broker", "err", err)
			continue
		}
		frames = append(frames, f)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	all := b.subs[""]
	for _, f := range frames {
		b.send(b.subs[f.unit], f)
		if f.unit != "" {
			b.send(all, f)
		}
	}
	if n := evs[len(evs)-1].ID; n > b.last {
		b.last = n
	}
}

// send hands f to every subscriber of set, dropping those whose buffer is full (they
// reconnect and replay); b.mu must be held.
func (b *QueueBroker) send(set map[*queueSub]struct{}, f *queueFrame) {
	for sub := range set {
		select {
		case sub.ch <- f:
		default: // too slow: drop it; the client reconnects and replays
			b.drop(sub)
		}
	}
}

// queueState is the per-Server state of the queue routes; see Server.queue.
type queueState struct {
	broker     *QueueBroker
	issueRate  *rateLimiter
	onlineRate *rateLimiter
}

func newQueueState(s *Server) *queueState {
	return &queueState{
		broker:     newQueueBroker(s.DB, s.log, DefaultQueuePoll),
		issueRate:  newRateLimiter(30, time.Minute),
		onlineRate: newRateLimiter(20, time.Minute),
	}
}

// queue returns the server's queue state. The broker in it starts only with its first
// subscriber.
func (s *Server) queue() *queueState { return s.queueSt }

// CloseQueue stops the queue event broker and ends every board's event stream; the
// Server must not serve queue routes afterwards. Shutdown calls it.
func (s *Server) CloseQueue() { s.queueSt.broker.Close() }

// SetQueueOptions sets the broker's poll interval (before the first board connects)
// and how many kiosk tickets and online ratings one client address may make per
// minute (defaults 200 ms, 30, 20; zero keeps a value). Tests and load tests use it.
func (s *Server) SetQueueOptions(poll time.Duration, issuePerMinute, onlinePerMinute int) {
	st := s.queue()
	if poll > 0 {
		st.broker.poll = poll
	}
	if issuePerMinute > 0 {
		st.issueRate = newRateLimiter(issuePerMinute, time.Minute)
	}
	if onlinePerMinute > 0 {
		st.onlineRate = newRateLimiter(onlinePerMinute, time.Minute)
	}
}
