package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua/sqldb"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Message headers the relay sets besides Nats-Msg-Id (= the outbox id).
const (
	HeaderOutboxID  = "Motcua-Outbox-Id"
	HeaderDossier   = "Motcua-Dossier"
	HeaderSeq       = "Motcua-Seq"
	HeaderEventType = "Motcua-Event-Type"
)

// Relay publishes the outbox to JetStream. Run it in every app instance: on
// PostgreSQL the instances share the rows (FOR UPDATE SKIP LOCKED); on SQLite there is
// one process anyway.
type Relay struct {
	DB     *sqldb.DB
	JS     jetstream.JetStream
	Stream Stream
	// Batch is how many rows one round claims (default 100); Poll how long to wait
	// when a round found fewer (default 250ms).
	Batch int
	Poll  time.Duration
	// PublishTimeout bounds one publish and its acknowledgement (default 5s).
	PublishTimeout time.Duration
	// MinBackoff and MaxBackoff bound the exponential wait after failures, both for a
	// failed row (its next_attempt_at) and for the relay when nothing could be
	// published (default 500ms and 1 min).
	MinBackoff, MaxBackoff time.Duration
	// Retention: published rows older than this are deleted hourly (default 7 days;
	// negative keeps them).
	Retention time.Duration
	Metrics   *Metrics
	Log       *slog.Logger

	once sync.Once
}

func (r *Relay) init() {
	r.once.Do(func() {
		r.Stream = r.Stream.withDefaults()
		if r.Batch <= 0 {
			r.Batch = 100
		}
		if r.Poll <= 0 {
			r.Poll = 250 * time.Millisecond
		}
		if r.PublishTimeout <= 0 {
			r.PublishTimeout = 5 * time.Second
		}
		if r.MinBackoff <= 0 {
			r.MinBackoff = 500 * time.Millisecond
		}
		if r.MaxBackoff <= 0 {
			r.MaxBackoff = time.Minute
		}
		if r.Retention == 0 {
			r.Retention = 7 * 24 * time.Hour
		}
		if r.Metrics == nil {
			r.Metrics = &Metrics{}
		}
		if r.Log == nil {
			r.Log = slog.New(slog.DiscardHandler)
		}
	})
}

// Run ensures the stream exists, then publishes rows until ctx ends; it returns nil
// then. Failures are logged, counted and retried with backoff; Run does not give up.
func (r *Relay) Run(ctx context.Context) error {
	r.init()
	for n := 1; ; n++ {
		if _, err := r.Stream.Ensure(ctx, r.JS); err == nil {
			break
		} else if ctx.Err() != nil {
			return nil
		} else {
			r.Log.Warn("outbox relay: stream not ready", "err", err)
		}
		if !sleep(ctx, backoff(n, r.MinBackoff, r.MaxBackoff)) {
			return nil
		}
	}
	r.Log.Info("outbox relay started", "stream", r.Stream.Name, "subjects", r.Stream.Subjects())
	var fails int
	var lastStatus, lastPrune time.Time
	for {
		b, err := r.RunOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if time.Since(lastStatus) > 5*time.Second {
			r.refreshLag(ctx)
			lastStatus = time.Now()
		}
		if r.Retention > 0 && time.Since(lastPrune) > time.Hour {
			if n, err := r.DB.PruneOutbox(ctx, time.Now().Add(-r.Retention)); err != nil {
				r.Log.Warn("outbox relay: prune", "err", err)
			} else if n > 0 {
				r.Log.Info("outbox relay: pruned published rows", "rows", n)
			}
			lastPrune = time.Now()
		}
		var wait time.Duration
		switch {
		case err != nil || (b.Published == 0 && b.Failed > 0):
			// The database or the broker is down: wait, longer each time.
			fails++
			wait = backoff(fails, r.MinBackoff, r.MaxBackoff)
			r.Log.Warn("outbox relay: round failed", "err", errors.Join(append([]error{err}, b.Errors...)...), "retry_in", wait.Round(time.Millisecond))
		case b.Claimed == r.Batch:
			fails = 0
			continue // more may be waiting
		default:
			fails = 0
			if b.Failed > 0 {
				r.Log.Warn("outbox relay: some rows failed", "failed", b.Failed, "err", errors.Join(b.Errors...))
			}
			wait = r.Poll
		}
		if !sleep(ctx, wait) {
			return nil
		}
	}
}

// RunOnce publishes one batch of rows and records the outcome.
func (r *Relay) RunOnce(ctx context.Context) (sqldb.OutboxBatch, error) {
	r.init()
	b, err := r.DB.RelayOutbox(ctx, r.Batch, r.publish, func(attempts int) time.Duration {
		return backoff(attempts, r.MinBackoff, r.MaxBackoff)
	})
	r.Metrics.Published.Add(int64(b.Published))
	r.Metrics.PublishFailures.Add(int64(b.Failed))
	if b.LastPublishedID > r.Metrics.LastPublishedID.Load() {
		r.Metrics.LastPublishedID.Store(b.LastPublishedID)
	}
	if err != nil {
		return b, fmt.Errorf("outbox relay: %w", err)
	}
	return b, nil
}

func (r *Relay) refreshLag(ctx context.Context) {
	st, err := r.DB.OutboxStatus(ctx)
	if err != nil {
		r.Log.Warn("outbox relay: status", "err", err)
		return
	}
	r.Metrics.Unpublished.Store(st.Unpublished)
	r.Metrics.OldestAgeMillis.Store(int64(st.OldestAgeSeconds * 1000))
	if st.LastPublishedID > r.Metrics.LastPublishedID.Load() {
		r.Metrics.LastPublishedID.Store(st.LastPublishedID)
	}
}

// publish publishes rows concurrently (they belong to distinct dossiers).
func (r *Relay) publish(ctx context.Context, rows []sqldb.OutboxRow) []error {
	errs := make([]error, len(rows))
	var wg sync.WaitGroup
	for i := range rows {
		wg.Go(func() { errs[i] = r.publishOne(ctx, rows[i]) })
	}
	wg.Wait()
	return errs
}

// publishOne publishes one row with Nats-Msg-Id = its id and waits for the ack.
func (r *Relay) publishOne(ctx context.Context, row sqldb.OutboxRow) error {
	subject := row.Subject
	if r.Stream.Root != sqldb.OutboxSubjectRoot {
		subject = r.Stream.Root + strings.TrimPrefix(subject, sqldb.OutboxSubjectRoot)
	}
	id := strconv.FormatInt(row.ID, 10)
	msg := nats.NewMsg(subject)
	msg.Data = row.Payload
	msg.Header.Set(HeaderOutboxID, id)
	msg.Header.Set(HeaderDossier, row.Aggregate)
	msg.Header.Set(HeaderSeq, strconv.Itoa(row.Seq))
	msg.Header.Set(HeaderEventType, row.EventType)
	pctx, cancel := context.WithTimeout(ctx, r.PublishTimeout)
	defer cancel()
	ack, err := r.JS.PublishMsg(pctx, msg, jetstream.WithMsgID(id), jetstream.WithExpectStream(r.Stream.Name))
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("publish %s: %w", subject, context.Canceled)
		}
		return fmt.Errorf("publish %s: %w", subject, err)
	}
	if ack.Duplicate {
		r.Metrics.Duplicates.Add(1)
	}
	return nil
}
