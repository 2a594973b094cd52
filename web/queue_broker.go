package web

import (
	"context"
	"errors"
	"log/slog"
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
	subs   map[*queueSub]struct{}
	last   int64
	closed bool
}

type queueSub struct {
	unit string
	ch   chan queue.Event
}

// DefaultQueuePoll is how often the broker polls queue_events.
const DefaultQueuePoll = 200 * time.Millisecond

func newQueueBroker(db *sqldb.DB, log *slog.Logger, poll time.Duration) *QueueBroker {
	if poll <= 0 {
		poll = DefaultQueuePoll
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &QueueBroker{store: db.Queue(), db: db, log: log, poll: poll, ctx: ctx, cancel: cancel,
		wake: make(chan struct{}, 1), done: make(chan struct{}), subs: map[*queueSub]struct{}{}}
}

// start launches the broker's goroutines once, on the first subscriber.
func (b *QueueBroker) start() {
	b.once.Do(func() {
		go b.run()
	})
}

// Subscribe registers a subscriber to the events of unit ("" = all) and starts the
// broker if needed. The returned channel is closed when the subscriber is dropped or
// the broker closes; cancel unregisters it.
func (b *QueueBroker) Subscribe(unit string) (<-chan queue.Event, func()) {
	sub := &queueSub{unit: unit, ch: make(chan queue.Event, 256)}
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		close(sub.ch)
		return sub.ch, func() {}
	}
	b.subs[sub] = struct{}{}
	b.mu.Unlock()
	b.start()
	return sub.ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[sub]; ok {
			delete(b.subs, sub)
			close(sub.ch)
		}
	}
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
	for sub := range b.subs {
		delete(b.subs, sub)
		close(sub.ch)
	}
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

func (b *QueueBroker) publish(evs []queue.Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for sub := range b.subs {
		for _, ev := range evs {
			if sub.unit != "" && sub.unit != ev.UnitCode {
				continue
			}
			select {
			case sub.ch <- ev:
			default: // too slow: drop it; the client reconnects and replays
				delete(b.subs, sub)
				close(sub.ch)
			}
			if _, ok := b.subs[sub]; !ok {
				break
			}
		}
	}
	if n := evs[len(evs)-1].ID; n > b.last {
		b.last = n
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
