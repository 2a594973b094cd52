package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/sqldb"
)

// runQueue is `motcua queue close-day [--before YYYY-MM-DD]`: the day close of the
// queue (sqldb.QueueStore.CloseDaysBefore), which the server also runs at start and
// after every midnight ICT.
func runQueue(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "close-day" {
		fmt.Fprintln(stderr, "usage: motcua queue close-day [--db DSN] [--before YYYY-MM-DD]")
		return errUsage
	}
	fs, dbf := newDBFlagSet("queue close-day", stderr)
	before := fs.String("before", "", "close the queue of every day before this date (ICT; default today: every past day). Tomorrow's date closes today's queue too: the citizens still waiting are told to come back")
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	today := time.Now().In(motcua.ICT).Format(time.DateOnly)
	if *before == "" {
		*before = today
	}
	d, err := time.ParseInLocation(time.DateOnly, *before, motcua.ICT)
	if err != nil {
		return fmt.Errorf("--before %q: want YYYY-MM-DD: %w", *before, errUsage)
	}
	if tomorrow := time.Now().In(motcua.ICT).AddDate(0, 0, 1).Format(time.DateOnly); d.Format(time.DateOnly) > tomorrow {
		return fmt.Errorf("--before %s: at most tomorrow (%s), which closes today's queue: %w", *before, tomorrow, errUsage)
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Queue().CloseDaysBefore(cliCtx(ctx), *before)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "closed %d queue tickets of the days before %s (expired: not served by the end of their day)\n", n, *before)
	return nil
}

// queueCloseDelay is how long after midnight ICT the server closes the past day's
// queue; queueCloseRetry how soon it tries again after a failure.
const (
	queueCloseDelay = time.Minute
	queueCloseRetry = 5 * time.Minute
)

// nextQueueClose returns when the day close after now runs: queueCloseDelay after
// the next midnight ICT.
func nextQueueClose(now time.Time) time.Time {
	t := now.In(motcua.ICT)
	midnight := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, motcua.ICT).AddDate(0, 0, 1)
	return midnight.Add(queueCloseDelay)
}

// queueCloser runs the day close of the queue in the background of `motcua serve`: at
// start (the server may have been down at midnight) and then shortly after every
// midnight ICT. Several instances may run it at once (CloseDaysBefore is safe for
// that). now and after are the clock; tests replace them.
type queueCloser struct {
	db    *sqldb.DB
	log   *slog.Logger
	now   func() time.Time
	after func(time.Duration) <-chan time.Time
	// ran, if not nil, receives the result of every run (tests).
	ran chan<- int
}

// start starts the closer and returns a function that stops it and waits for it.
func (c *queueCloser) start(ctx context.Context) (stop func()) {
	if c.now == nil {
		c.now = time.Now
	}
	if c.after == nil {
		c.after = time.After
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { c.run(ctx) })
	return func() {
		cancel()
		wg.Wait()
	}
}

func (c *queueCloser) run(ctx context.Context) {
	for {
		wait := queueCloseRetry
		today := c.now().In(motcua.ICT).Format(time.DateOnly)
		n, err := c.db.Queue().CloseDaysBefore(ctx, today) // audited as "system"
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			c.log.Error("queue day close failed; retrying", "before", today, "err", err, "retry_in", wait)
		default:
			if n > 0 {
				c.log.Info("queue day closed", "before", today, "expired_tickets", n)
			}
			now := c.now()
			wait = nextQueueClose(now).Sub(now)
		}
		if c.ran != nil {
			select {
			case c.ran <- n:
			case <-ctx.Done():
				return
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-c.after(wait):
		}
	}
}
