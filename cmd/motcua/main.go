// Command motcua runs the electronic one-stop system: `motcua` (or `motcua serve`)
// starts the web server; other subcommands migrate, seed, manage users, import the
// catalogue, verify the audit log and print the version. Run `motcua help`.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Version is set at build time with -ldflags "-X main.Version=…".
var Version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "motcua:", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "start the web server (default)", runServe},
		{"migrate", "apply database migrations", runMigrate},
		{"seed", "seed demo: fill an empty database with the demo province", runSeed},
		{"user", "user add: create a user", runUser},
		{"import", "import procedures FILE: import the catalogue from CSV or XLSX", runImport},
		{"export", "export procedures FILE: export the catalogue to CSV or XLSX", runExport},
		{"calendar", "calendar holidays|due|load: working calendar and deadlines", runCalendar},
		{"audit", "audit verify: check the audit log's hash chain", runAudit},
		{"report", "report [periodic|rebuild|verify]: period figures (--from --to --unit --format json|csv|xlsx --output FILE); the official periodic report; rebuild or check the rollups", runReport},
		{"outbox", "outbox status: events not yet published to NATS (lag)", runOutbox},
		{"queue", "queue close-day [--before DATE]: close the queue of past days (tickets not served expire)", runQueue},
		{"backup", "backup --out FILE: online copy of a SQLite database (pg_dump guidance for PostgreSQL)", runBackup},
		{"restore", "restore --from FILE: install a checked backup as the SQLite database", runRestore},
		{"version", "print the version", func(_ context.Context, _ []string, out, _ io.Writer) error {
			fmt.Fprintln(out, "motcua", Version)
			return nil
		}},
	}
}

// run dispatches to a subcommand; with no subcommand (or only flags) it serves.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (len(args[0]) > 0 && args[0][0] == '-' && args[0] != "-h" && args[0] != "--help") {
		return runServe(ctx, args, stdout, stderr)
	}
	if args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "motcua: unknown command %q\n\n", args[0])
	usage(stderr)
	return errUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: motcua [command] [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'motcua COMMAND --help' for a command's flags. The database is chosen by --db or MOTCUA_DB\n(a SQLite file path, default data/motcua.db, or postgres://…).")
}
