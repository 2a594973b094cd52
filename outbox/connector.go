package outbox

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// DefaultDurable is the connector's durable consumer name.
const DefaultDurable = "national-portal"

// Connector reads the stream with a durable consumer and posts one Record per event to
// the national portal's endpoint. It acks a message only after the portal answered
// 2xx, retrying with exponential backoff in place (MaxAckPending 1), so each dossier's
// records arrive in order and none is lost; a message the portal rejects as malformed
// (400, 413, 422) or that cannot be decoded is terminated, logged and counted in
// Metrics.Dropped rather than blocking the stream forever.
//
// One connector processes one message at a time. Several instances may run (each app
// instance); the shared durable consumer hands the one pending message to one of them.
type Connector struct {
	JS     jetstream.JetStream
	Stream Stream
	// Durable consumer name (default DefaultDurable). A new name replays the stream from
	// its start.
	Durable string
	// URL of the portal endpoint and the bearer token sent with each post.
	URL, Token string
	Client     *http.Client // default: 30 s timeout
	// MinBackoff and MaxBackoff bound the wait between failed posts (default 1 s and
	// 1 min); AckWait is the consumer's ack wait (default 2 min; kept alive with
	// InProgress during retries).
	MinBackoff, MaxBackoff, AckWait time.Duration
	Applicant                       ApplicantMode // default ApplicantIdentified
	Metrics                         *Metrics
	Log                             *slog.Logger

	once sync.Once
}

func (c *Connector) init() {
	c.once.Do(func() {
		c.Stream = c.Stream.withDefaults()
		if c.Durable == "" {
			c.Durable = DefaultDurable
		}
		if c.Client == nil {
			c.Client = &http.Client{Timeout: 30 * time.Second}
		}
		if c.MinBackoff <= 0 {
			c.MinBackoff = time.Second
		}
		if c.MaxBackoff <= 0 {
			c.MaxBackoff = time.Minute
		}
		if c.AckWait <= 0 {
			c.AckWait = 2 * time.Minute
		}
		c.MaxBackoff = minDur(c.MaxBackoff, c.AckWait/2)
		if c.Applicant == "" {
			c.Applicant = ApplicantIdentified
		}
		if c.Metrics == nil {
			c.Metrics = &Metrics{}
		}
		if c.Log == nil {
			c.Log = slog.New(slog.DiscardHandler)
		}
	})
}

// consumerConfig is the durable consumer: every message from the start, explicit acks,
// one in flight (order), unlimited redeliveries.
func (c *Connector) consumerConfig() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       c.Durable,
		Description:   "motcua national portal connector",
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.AckWait,
		MaxAckPending: 1,
		MaxDeliver:    -1,
		FilterSubject: c.Stream.Subjects(),
	}
}

// Run consumes until ctx ends and returns nil then.
func (c *Connector) Run(ctx context.Context) error {
	c.init()
	var cons jetstream.Consumer
	for n := 1; ; n++ {
		var err error
		if _, err = c.Stream.Ensure(ctx, c.JS); err == nil {
			cons, err = c.JS.CreateOrUpdateConsumer(ctx, c.Stream.Name, c.consumerConfig())
			if err == nil {
				break
			}
			err = fmt.Errorf("consumer %s: %w", c.Durable, err)
		}
		if ctx.Err() != nil {
			return nil
		}
		c.Log.Warn("portal connector: stream not ready", "err", err)
		if !sleep(ctx, backoff(n, c.MinBackoff, c.MaxBackoff)) {
			return nil
		}
	}
	c.Log.Info("portal connector started", "consumer", c.Durable, "url", c.URL)
	fails := 0
	for ctx.Err() == nil {
		fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		batch, err := cons.Fetch(1, jetstream.FetchContext(fctx))
		if err == nil {
			for msg := range batch.Messages() {
				c.handle(ctx, msg)
			}
			err = batch.Error()
		}
		cancel()
		if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, jetstream.ErrNoMessages) || ctx.Err() != nil {
			fails = 0
			continue
		}
		fails++
		wait := backoff(fails, c.MinBackoff, c.MaxBackoff)
		c.Log.Warn("portal connector: fetch", "err", err, "retry_in", wait.Round(time.Millisecond))
		sleep(ctx, wait)
	}
	return nil
}

// handle posts one message until the portal accepts it, it is found unprocessable, or
// ctx ends (then it is nak'ed for redelivery).
func (c *Connector) handle(ctx context.Context, msg jetstream.Msg) {
	id, _ := strconv.ParseInt(msg.Headers().Get(jetstream.MsgIDHeader), 10, 64)
	rec, err := NewRecord(id, msg.Data(), c.Applicant)
	if err != nil {
		c.drop(msg, err)
		return
	}
	body, err := json.Marshal(rec)
	if err != nil {
		c.drop(msg, fmt.Errorf("encode record %s: %w", rec.IdempotencyKey, err))
		return
	}
	for attempt := 1; ; attempt++ {
		retryAfter, err := c.post(ctx, rec.IdempotencyKey, body)
		if err == nil {
			if err := msg.DoubleAck(ctx); err != nil {
				// The portal has the record; a redelivery will be deduplicated there.
				c.Log.Warn("portal connector: ack", "record", rec.IdempotencyKey, "err", err)
			}
			c.Metrics.Posted.Add(1)
			return
		}
		var perm *permanentError
		if errors.As(err, &perm) {
			c.drop(msg, err)
			return
		}
		if ctx.Err() != nil {
			_ = msg.Nak()
			return
		}
		c.Metrics.PostFailures.Add(1)
		wait := max(retryAfter, backoff(attempt, c.MinBackoff, c.MaxBackoff))
		wait = minDur(wait, c.AckWait/2)
		c.Log.Warn("portal connector: post failed", "record", rec.IdempotencyKey, "attempt", attempt, "err", err, "retry_in", wait.Round(time.Millisecond))
		_ = msg.InProgress() // restart the ack timer: we still own the message
		if !sleep(ctx, wait) {
			_ = msg.Nak()
			return
		}
	}
}

func (c *Connector) drop(msg jetstream.Msg, err error) {
	c.Metrics.Dropped.Add(1)
	c.Log.Error("portal connector: message dropped", "subject", msg.Subject(), "err", err)
	if err := msg.TermWithReason(truncate(err.Error(), 200)); err != nil {
		c.Log.Warn("portal connector: term", "err", err)
	}
}

// permanentError is a portal answer that retrying will not change.
type permanentError struct{ status int }

func (e *permanentError) Error() string {
	return fmt.Sprintf("portal rejected the record: HTTP %d", e.status)
}

// post sends body once. A 2xx is success; 400, 413 and 422 are permanent; anything
// else (network error, 401/403 while a token is being rotated, 408, 429, 5xx) is
// retried, after Retry-After seconds when the portal sends it.
func (c *Connector) post(ctx context.Context, key string, body []byte) (retryAfter time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.URL, bytes.NewReader(body))
	if err != nil { // a bad URL: retried (and logged) rather than dropping every record
		return 0, fmt.Errorf("post %s: %w", key, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.Client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("post %s: %w", key, err)
	}
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return 0, nil
	}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		retryAfter = time.Duration(s) * time.Second
	}
	switch resp.StatusCode {
	case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		return 0, fmt.Errorf("post %s: %w: %s", key, &permanentError{resp.StatusCode}, truncate(string(msg), 200))
	}
	return retryAfter, fmt.Errorf("post %s: HTTP %d: %s", key, resp.StatusCode, truncate(string(msg), 200))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
