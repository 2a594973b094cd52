package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/motcua/motcua/seed"
	"github.com/motcua/motcua/web"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("serve", stderr)
	addr := fs.String("addr", envOr("MOTCUA_ADDR", ":8080"), "listen address (env MOTCUA_ADDR)")
	demoFlag := fs.String("demo", envOr("MOTCUA_DEMO", "auto"), "seed the demo province into an empty database: auto (SQLite only), yes, no")
	demoDossiers := fs.Int("demo-dossiers", seed.DemoDossierCount, "how many dossiers the two demo years hold")
	logLevel := fs.String("log-level", envOr("MOTCUA_LOG_LEVEL", "info"), "log level: debug, info, warn, error")
	logJSON := fs.Bool("log-json", os.Getenv("MOTCUA_LOG_JSON") != "", "log as JSON")
	dataDir := fs.String("data-dir", os.Getenv("MOTCUA_DATA_DIR"), "directory for uploaded files (env MOTCUA_DATA_DIR; default: beside the SQLite file, else ./data)")
	baseURL := fs.String("base-url", os.Getenv("MOTCUA_BASE_URL"), "public address printed in QR codes (env MOTCUA_BASE_URL; default: the request's host)")
	secure := fs.Bool("secure-cookies", os.Getenv("MOTCUA_SECURE_COOKIES") != "", "mark cookies Secure (behind HTTPS)")
	var portalSync syncFlags // --nats, --portal-url: outbox.go
	portalSync.register(fs)
	if ok, err := parse(fs, args); !ok {
		return err
	}
	if err := portalSync.check(); err != nil {
		return err
	}
	log := newLogger(stderr, *logLevel, *logJSON)
	db, err := dbf.open(ctx, log)
	if err != nil {
		return err
	}
	defer db.Close()

	seedDemo := *demoFlag == "yes" || (*demoFlag == "auto" && dbf.isSQLite())
	var banner []string
	if seedDemo {
		empty, err := seed.Empty(ctx, db)
		if err != nil {
			return err
		}
		if empty {
			start := time.Now()
			fmt.Fprintln(stdout, "Đang tạo dữ liệu mẫu / seeding the demo province…")
			d, err := seed.Demo(ctx, db, seed.DefaultSeed, progressPrinter(stdout))
			if err != nil {
				return fmt.Errorf("seed demo: %w", err)
			}
			seededAt := time.Now()
			if err := seed.DemoYear(ctx, db, d, seed.DefaultSeed, seededAt, *demoDossiers, progressPrinter(stdout)); err != nil {
				return fmt.Errorf("seed demo dossiers: %w", err)
			}
			if err := seed.DemoQueue(ctx, db, d, seed.DefaultSeed, seededAt, progressPrinter(stdout)); err != nil {
				return fmt.Errorf("seed demo queue: %w", err)
			}
			log.Info("demo province seeded", "province", d.ProvinceName, "units", len(d.Units), "procedures", len(d.Procedures), "took", time.Since(start).Round(time.Millisecond))
			for _, s := range seed.Logins(d) {
				banner = append(banner, fmt.Sprintf("  %-14s %-28s %s", s.Role, s.Username, s.FullName))
			}
		} else {
			banner = append(banner, "  (demo users: see README.md; password "+seed.DemoPassword+")")
		}
	}

	if *dataDir == "" {
		*dataDir = "data"
		if dbf.isSQLite() && dbf.dsn != "" {
			*dataDir = filepath.Dir(strings.TrimPrefix(strings.TrimPrefix(dbf.dsn, "sqlite:"), "file:"))
		}
	}
	srv, err := web.New(db, *dataDir, log)
	if err != nil {
		return err
	}
	srv.Version = Version
	srv.SecureCookies = *secure
	srv.BaseURL = *baseURL
	stopSync, err := portalSync.start(ctx, db, log, srv.Registry())
	if err != nil {
		return err
	}
	defer stopSync() // after the HTTP shutdown below, before the database closes
	// the queue's day close: now, then shortly after every midnight ICT (queue.go)
	stopClose := (&queueCloser{db: db, log: log}).start(ctx)
	defer stopClose()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(stdout, "motcua %s listening on %s (database: %s)\n", Version, url, db.Dialect)
	if len(banner) > 0 {
		fmt.Fprintf(stdout, "Demo logins (password %q):\n", seed.DemoPassword)
		for _, b := range banner {
			fmt.Fprintln(stdout, b)
		}
	}
	hs.RegisterOnShutdown(srv.CloseQueue) // long-lived board streams end at once
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// progressPrinter prints a stage's progress on one line, updated in place.
func progressPrinter(w io.Writer) seed.Progress {
	last := ""
	lastPct := -1
	return func(stage string, done, total int) {
		pct := 100
		if total > 0 {
			pct = done * 100 / total
		}
		if stage == last && pct == lastPct {
			return
		}
		if stage != last && last != "" {
			fmt.Fprintln(w)
		}
		last, lastPct = stage, pct
		fmt.Fprintf(w, "\r  %-12s %3d%% (%d/%d)", stage, pct, done, total)
		if done == total {
			fmt.Fprintln(w)
			last = ""
		}
	}
}
