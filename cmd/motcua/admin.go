package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
	"github.com/motcua/motcua/seed"
)

// cliCtx marks writes made from the command line in the audit log.
func cliCtx(ctx context.Context) context.Context {
	name := "cli"
	if u := os.Getenv("USER"); u != "" {
		name = "cli:" + u
	}
	return motcua.WithActor(ctx, &motcua.Actor{Username: name, Role: motcua.RoleAdmin})
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("migrate", stderr)
	if ok, err := parse(fs, args); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "schema version %d (%s)\n", v, db.Dialect)
	return nil
}

func runSeed(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "demo" {
		fmt.Fprintln(stderr, "usage: motcua seed demo [--db DSN] [--seed N]")
		return errUsage
	}
	fs, dbf := newDBFlagSet("seed demo", stderr)
	n := fs.Int64("seed", seed.DefaultSeed, "random seed of the demo province")
	count := fs.Int("dossiers", seed.DemoDossierCount, "how many dossiers the two demo years hold (0: none)")
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := seed.Demo(ctx, db, *n, progressPrinter(stdout))
	if err != nil {
		return err
	}
	seededAt := time.Now()
	if err := seed.DemoYear(ctx, db, d, *n, seededAt, *count, progressPrinter(stdout)); err != nil {
		return err
	}
	if err := seed.DemoQueue(ctx, db, d, *n, seededAt, progressPrinter(stdout)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "seeded %s: %d units, %d fields, %d procedures, %d users (password %q), %d dossiers\n",
		d.ProvinceName, len(d.Units), len(d.Fields), len(d.Procedures), len(d.Staff), seed.DemoPassword, *count)
	return nil
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(stderr, "usage: motcua user add --username U --password P --role ROLE [--unit CODE] [--name NAME]")
		return errUsage
	}
	fs, dbf := newDBFlagSet("user add", stderr)
	username := fs.String("username", "", "login name")
	password := fs.String("password", "", "password (8–128 characters); '-' reads it from standard input")
	role := fs.String("role", "", "role: "+rolesList())
	unit := fs.String("unit", "", "unit code the role is scoped to")
	name := fs.String("name", "", "full name")
	lang := fs.String("lang", "vi", "language: vi or en")
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	pw := *password
	if pw == "-" {
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("read password: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	u := auth.User{Username: *username, FullName: *name, Role: motcua.Role(*role), UnitCode: *unit, Lang: *lang}
	if err := db.Users().CreateUser(cliCtx(ctx), &u, pw); err != nil {
		return fmt.Errorf("user add %s: %w", *username, err)
	}
	fmt.Fprintf(stdout, "created user %s (id %d, role %s)\n", u.Username, u.ID, u.Role)
	return nil
}

func rolesList() string {
	var s []string
	for _, r := range motcua.Roles {
		s = append(s, string(r))
	}
	return strings.Join(s, ", ")
}

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || args[0] != "procedures" {
		fmt.Fprintln(stderr, "usage: motcua import procedures [--dry-run] [--db DSN] FILE.csv|FILE.xlsx")
		return errUsage
	}
	fs, dbf := newDBFlagSet("import procedures", stderr)
	dry := fs.Bool("dry-run", false, "check the file without storing anything")
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: motcua import procedures [--dry-run] FILE")
		return errUsage
	}
	path := fs.Arg(0)
	data, err := readLimited(path, importer.MaxFileSize)
	if err != nil {
		return err
	}
	format, err := importer.DetectFormat(path, data)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	ps, rowErrs, err := importer.Parse(strings.NewReader(string(data)), format, func(done, total int) {
		fmt.Fprintf(stdout, "\r  checking %d/%d rows", done, total)
	})
	fmt.Fprintln(stdout)
	if err != nil {
		return fmt.Errorf("import %s: %w", path, err)
	}
	if len(rowErrs) > 0 {
		for _, e := range rowErrs {
			fmt.Fprintln(stderr, " ", e.Error())
		}
		return fmt.Errorf("import %s: %d errors, nothing imported", path, len(rowErrs))
	}
	if *dry {
		fmt.Fprintf(stdout, "%d rows are valid (dry run, nothing stored)\n", len(ps))
		return nil
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	created, updated, err := db.Catalog().ImportProcedures(cliCtx(ctx), ps, func(done, total int) {
		fmt.Fprintf(stdout, "\r  storing %d/%d", done, total)
	})
	fmt.Fprintln(stdout)
	if err != nil {
		return fmt.Errorf("import %s: nothing imported: %w", path, err)
	}
	fmt.Fprintf(stdout, "imported %d procedures: %d created, %d updated\n", len(ps), created, updated)
	return nil
}

func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("read %s: larger than %d bytes", path, limit)
	}
	return data, nil
}

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || args[0] != "procedures" {
		fmt.Fprintln(stderr, "usage: motcua export procedures [--db DSN] FILE.csv|FILE.xlsx")
		return errUsage
	}
	fs, dbf := newDBFlagSet("export procedures", stderr)
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	if fs.NArg() != 1 {
		return errUsage
	}
	path := fs.Arg(0)
	format := importer.FormatFromName(path)
	if format == importer.FormatAuto {
		return fmt.Errorf("export %s: the file name must end in .csv or .xlsx", path)
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	var all []catalog.Procedure
	for off := 0; ; off += 500 {
		ps, total, err := db.Catalog().ListProcedures(ctx, catalog.ProcedureFilter{Limit: 500, Offset: off})
		if err != nil {
			return err
		}
		all = append(all, ps...)
		if off+500 >= total {
			break
		}
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := importer.Write(f, format, all); err != nil {
		f.Close()
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d procedures to %s\n", len(all), path)
	return nil
}

func runAudit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: motcua audit verify [--db DSN]")
		return errUsage
	}
	fs, dbf := newDBFlagSet("audit verify", stderr)
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	rep, err := db.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(rep)
	fmt.Fprintln(stdout, string(b))
	if !rep.OK {
		return fmt.Errorf("audit log broken at entry %d: %s", rep.BrokenAt, rep.Reason)
	}
	return nil
}
