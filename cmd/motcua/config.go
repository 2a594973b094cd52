package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/motcua/motcua/sqldb"
)

// dbFlags are the flags every command that opens the database shares.
type dbFlags struct {
	dsn string
}

func (f *dbFlags) register(fs *flag.FlagSet) {
	def := os.Getenv("MOTCUA_DB")
	fs.StringVar(&f.dsn, "db", def, "database: SQLite file path (default "+sqldb.DefaultSQLitePath+") or postgres://… (env MOTCUA_DB)")
}

func (f *dbFlags) isSQLite() bool {
	return !strings.HasPrefix(f.dsn, "postgres://") && !strings.HasPrefix(f.dsn, "postgresql://")
}

// open opens and migrates the database.
func (f *dbFlags) open(ctx context.Context, log *slog.Logger) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, f.dsn)
	if err != nil {
		return nil, err
	}
	n, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if n > 0 && log != nil {
		log.Info("database migrated", "applied", n, "engine", db.Dialect)
	}
	return db, nil
}

// newDBFlagSet returns a subcommand's flag set with the shared --db flag registered.
func newDBFlagSet(name string, stderr io.Writer) (*flag.FlagSet, *dbFlags) {
	fs := newFlagSet(name, stderr)
	dbf := &dbFlags{}
	dbf.register(fs)
	return fs, dbf
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("motcua "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses flags; -h prints usage and returns errUsage-free nil signal via ok=false.
func parse(fs *flag.FlagSet, args []string) (ok bool, err error) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return false, nil
		}
		return false, fmt.Errorf("%s: %w", fs.Name(), errUsage)
	}
	return true, nil
}

func newLogger(w io.Writer, level string, json bool) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: l}
	if json {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
