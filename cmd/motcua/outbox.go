package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/motcua/motcua/outbox"
	"github.com/motcua/motcua/sqldb"
	"github.com/prometheus/client_golang/prometheus"
)

// runOutbox is `motcua outbox status [--json]`: the relay's lag.
func runOutbox(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "status" {
		fmt.Fprintln(stderr, "usage: motcua outbox status [--db DSN] [--json]")
		return errUsage
	}
	fs, dbf := newDBFlagSet("outbox status", stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	st, err := db.OutboxStatus(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		b, _ := json.Marshal(st)
		fmt.Fprintln(stdout, string(b))
		return nil
	}
	fmt.Fprintf(stdout, "unpublished:        %d\n", st.Unpublished)
	if st.Unpublished > 0 {
		age := time.Duration(st.OldestAgeSeconds * float64(time.Second)).Round(time.Second)
		fmt.Fprintf(stdout, "oldest unpublished: %s (%s ago)\n", st.OldestUnpublished.Local().Format(time.RFC3339), age)
	} else {
		fmt.Fprintln(stdout, "oldest unpublished: -")
	}
	if st.LastPublishedID > 0 {
		fmt.Fprintf(stdout, "last published id:  %d (%s)\n", st.LastPublishedID, st.LastPublishedAt.Local().Format(time.RFC3339))
	} else {
		fmt.Fprintln(stdout, "last published id:  -")
	}
	if st.Failing > 0 {
		fmt.Fprintf(stdout, "failing:            %d (last error: %s)\n", st.Failing, st.LastError)
	}
	return nil
}

// syncFlags configure the event stream to the national portal in `motcua serve`.
type syncFlags struct {
	nats, portalURL, portalToken, applicant string
}

func (f *syncFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.nats, "nats", os.Getenv("MOTCUA_NATS"), "NATS server with JetStream, e.g. nats://127.0.0.1:4222: publish dossier events from the outbox (env MOTCUA_NATS; default off)")
	fs.StringVar(&f.portalURL, "portal-url", os.Getenv("MOTCUA_PORTAL_URL"), "national portal dossier-sync endpoint; with --nats, post every event to it (env MOTCUA_PORTAL_URL)")
	fs.StringVar(&f.portalToken, "portal-token", os.Getenv("MOTCUA_PORTAL_TOKEN"), "bearer token for --portal-url (env MOTCUA_PORTAL_TOKEN, preferred: flags show in ps)")
	fs.StringVar(&f.applicant, "portal-applicant", envOr("MOTCUA_PORTAL_APPLICANT", string(outbox.ApplicantIdentified)), "applicant data sent to the portal: identified or masked")
}

// check validates the flags, before serve does any work.
func (f *syncFlags) check() error {
	if f.nats == "" && f.portalURL != "" {
		return errors.New("--portal-url needs --nats: the connector reads the event stream")
	}
	if m := outbox.ApplicantMode(f.applicant); m != outbox.ApplicantIdentified && m != outbox.ApplicantMasked {
		return fmt.Errorf("--portal-applicant %q: want identified or masked", f.applicant)
	}
	if f.portalURL != "" {
		if u, err := url.Parse(f.portalURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--portal-url %q: want an http(s) URL", f.portalURL)
		}
	}
	return nil
}

// start starts the relay (when --nats is set) and the portal connector (when
// --portal-url is set too), registers their metrics in reg, and returns a function that
// stops both and waits for them.
func (f *syncFlags) start(ctx context.Context, db *sqldb.DB, log *slog.Logger, reg prometheus.Registerer) (stop func(), err error) {
	if err := f.check(); err != nil {
		return nil, err
	}
	if f.nats == "" {
		return func() {}, nil
	}
	mode := outbox.ApplicantMode(f.applicant)
	nc, js, err := outbox.Dial(f.nats, "motcua "+Version)
	if err != nil {
		return nil, err
	}
	m := &outbox.Metrics{}
	if reg != nil {
		if err := reg.Register(m); err != nil {
			log.Warn("outbox metrics not registered", "err", err)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		(&outbox.Relay{DB: db, JS: js, Metrics: m, Log: log}).Run(ctx)
	})
	if f.portalURL != "" {
		wg.Go(func() {
			(&outbox.Connector{JS: js, URL: f.portalURL, Token: f.portalToken, Applicant: mode, Metrics: m, Log: log}).Run(ctx)
		})
	}
	log.Info("national portal sync started", "relay", true, "connector", f.portalURL != "")
	return func() {
		cancel()
		wg.Wait()
		nc.Close()
	}, nil
}
