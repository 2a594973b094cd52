// Package sqldb stores motcua's data in SQLite (modernc.org/sqlite, pure Go) or
// PostgreSQL (pgx v5 through database/sql). One SQL text serves both engines wherever
// possible ($N placeholders work on both); the few differences live in dialect.go.
// Every write runs in a transaction that also appends to the audit log.
package sqldb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/motcua/motcua"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Dialect names the storage engine.
type Dialect string

// Engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DB is an open database of either engine.
type DB struct {
	*sql.DB
	Dialect Dialect
	pool    *pgxpool.Pool
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// writeMu queues this process's SQLite write transactions in Go, so writers wait
	// their turn instead of sleeping in SQLite's busy handler. (Other processes on the
	// same file still meet busy_timeout.)
	writeMu sync.Mutex
	// rollupStmts are the SQLite rollup upserts prepared once (prepareRollupUpserts),
	// by table; nil until Migrate has run.
	rollupStmts atomic.Pointer[map[string]*sql.Stmt]
	// readStmts are the prepared reads of queryRowPrepared, by query text.
	readStmts sync.Map
}

// DefaultSQLitePath is where `go run ./cmd/motcua` keeps its database.
const DefaultSQLitePath = "data/motcua.db"

// Open opens the database named by dsn: "postgres://…" or "postgresql://…" for
// PostgreSQL, anything else is a SQLite file path (an optional "sqlite:" or "file:"
// prefix is stripped; "" means DefaultSQLitePath). It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	path = strings.TrimPrefix(strings.TrimPrefix(path, "sqlite:"), "file:")
	if path == "" {
		path = DefaultSQLitePath
	}
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", path, err)
		}
	}
	q := url.Values{}
	// busy_timeout must come before journal_mode so the mode switch itself waits.
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_time_format", "sqlite")
	q.Set("_txlock", "immediate")
	sdb, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	// One writer at a time is SQLite's model; readers run concurrently under WAL.
	sdb.SetMaxOpenConns(8)
	// Keep them all: database/sql keeps 2 idle by default, so under load connections
	// were closed and opened again — each reopening runs the pragmas, reloads the
	// schema and prepares its statements anew.
	sdb.SetMaxIdleConns(8)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{DB: sdb, Dialect: SQLite, Now: time.Now}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if cfg.MaxConns < 16 {
		cfg.MaxConns = 16
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	sdb := stdlib.OpenDBFromPool(pool)
	if err := sdb.PingContext(ctx); err != nil {
		sdb.Close()
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &DB{DB: sdb, Dialect: Postgres, pool: pool, Now: time.Now}, nil
}

// Close closes the database.
func (db *DB) Close() error {
	db.closeReadStmts()
	if m := db.rollupStmts.Swap(nil); m != nil {
		for _, st := range *m {
			st.Close()
		}
	}
	err := db.DB.Close()
	if db.pool != nil {
		db.pool.Close()
	}
	return err
}

// now returns the current time in UTC truncated to microseconds (PostgreSQL's
// precision), so values read back compare equal on both engines.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// Tx runs fn in a read-write transaction and commits it; on a serialization failure or
// a busy database it retries a few times. Errors from fn are returned unchanged.
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = db.tx1(ctx, fn)
		if err == nil || !retryable(err) || ctx.Err() != nil {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	return err
}

func (db *DB) tx1(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if db.Dialect == SQLite {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(fmt.Errorf("begin: %w", err))
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return mapErr(fmt.Errorf("commit: %w", err))
	}
	return nil
}

func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// mapErr turns engine errors into application errors where they mean something to
// the user: unique violations become ECONFLICT, foreign-key violations
// EUNPROCESSABLE, connection failures EUNAVAILABLE. The original stays in the chain
// for the operator's log.
func mapErr(err error) error {
	if err == nil || motcua.AsError(err) != nil {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return wrapApp(motcua.ECONFLICT, "db.duplicate", err)
		case "23503":
			return wrapApp(motcua.EUNPROCESSABLE, "db.reference_missing", err)
		}
		if strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P03" {
			return wrapApp(motcua.EUNAVAILABLE, "db.unavailable", err)
		}
		return err
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return wrapApp(motcua.ECONFLICT, "db.duplicate", err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return wrapApp(motcua.EUNPROCESSABLE, "db.reference_missing", err)
		}
		return err
	}
	if Unavailable(err) {
		return wrapApp(motcua.EUNAVAILABLE, "db.unavailable", err)
	}
	return err
}

// Unavailable reports whether err means the database cannot be reached right now
// (refused or lost connection, server shutting down or starting up, closed pool) as
// opposed to a fault of the statement: the request may succeed if retried later.
func Unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" || pe.Code == "57P03"
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	var op *net.OpError
	switch {
	case errors.As(err, &ce), errors.Is(err, sql.ErrConnDone), errors.Is(err, driver.ErrBadConn),
		errors.As(err, &op), errors.As(err, &ne),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	// pgx reports a connection lost mid-query as an unexpected EOF or a closed conn;
	// a deadline met while waiting for the server is a timeout.
	if pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "closed pool")
}

// appWrapped keeps the engine error in the chain behind an application error.
type appWrapped struct {
	app   *motcua.Error
	cause error
}

func (w *appWrapped) Unwrap() []error { return []error{w.app, w.cause} }
func (w *appWrapped) Error() string   { return w.app.Error() + ": " + w.cause.Error() }

func wrapApp(code, key string, cause error) error {
	return &appWrapped{app: &motcua.Error{Code: code, Message: key}, cause: cause}
}

// Ping reports whether the database answers, for /readyz.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}
