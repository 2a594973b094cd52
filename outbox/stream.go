package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/motcua/motcua/sqldb"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Stream describes the JetStream stream the relay publishes to. The zero value means
// the defaults documented on each field.
type Stream struct {
	// Name of the stream (default "MOTCUA_DOSSIERS").
	Name string
	// Root is the first subject token (default sqldb.OutboxSubjectRoot, "motcua"); the
	// stream captures Root.*.dossier.>. A different root lets a test or a staging
	// instance share a NATS server with production.
	Root string
	// Duplicates is the deduplication window for Nats-Msg-Id (default 2h, at most MaxAge;
	// JetStream's own default is 2 min). A row republished after a relay crash is dropped within it;
	// later copies reach the connector, whose records are idempotent anyway.
	Duplicates time.Duration
	// MaxAge is how long messages stay, so that a consumer can replay (default 90 days).
	MaxAge time.Duration
	// Replicas for a clustered server (default 1).
	Replicas int
}

// withDefaults returns s with the defaults filled in.
func (s Stream) withDefaults() Stream {
	if s.Name == "" {
		s.Name = "MOTCUA_DOSSIERS"
	}
	if s.Root == "" {
		s.Root = sqldb.OutboxSubjectRoot
	}
	if s.Duplicates <= 0 {
		s.Duplicates = 2 * time.Hour
	}
	if s.MaxAge <= 0 {
		s.MaxAge = 90 * 24 * time.Hour
	}
	s.Duplicates = minDur(s.Duplicates, s.MaxAge) // the server refuses a longer window
	if s.Replicas <= 0 {
		s.Replicas = 1
	}
	return s
}

// Subjects returns the subject filter of the stream: <root>.*.dossier.>.
func (s Stream) Subjects() string { return s.withDefaults().Root + ".*.dossier.>" }

// Ensure creates the stream or updates it to s.
func (s Stream) Ensure(ctx context.Context, js jetstream.JetStream) (jetstream.Stream, error) {
	s = s.withDefaults()
	st, err := js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        s.Name,
		Description: "motcua dossier events (transactional outbox)",
		Subjects:    []string{s.Subjects()},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		MaxAge:      s.MaxAge,
		Duplicates:  s.Duplicates,
		Replicas:    s.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("ensure stream %s: %w", s.Name, err)
	}
	return st, nil
}

// Dial connects to the NATS server at url for a long-running process: it keeps
// reconnecting, also when the server is down at start.
func Dial(url, name string) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url, nats.Name(name), nats.MaxReconnects(-1), nats.ReconnectWait(2*time.Second),
		nats.RetryOnFailedConnect(true))
	if err != nil {
		return nil, nil, fmt.Errorf("connect nats %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, fmt.Errorf("jetstream %s: %w", url, err)
	}
	return nc, js, nil
}

// backoff returns the wait before attempt n (1-based) of an exponential backoff from
// min doubling to max, with ±20% jitter so several instances do not retry in step.
func backoff(n int, min, max time.Duration) time.Duration {
	d := min
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	d = minDur(d, max)
	j := time.Duration(float64(d) * 0.2 * (2*rnd() - 1))
	return d + j
}

func minDur(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

// sleep waits d or until ctx ends; it reports whether the wait was completed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
