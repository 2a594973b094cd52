package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/motcua/motcua/sqldb"
)

// `motcua backup` copies a SQLite database while the server runs: VACUUM INTO writes
// a consistent snapshot (one read transaction, so writers carry on under WAL) to a
// temporary file beside the target, which is checked (integrity, schema version,
// audit chain), synced and renamed into place. `motcua restore` checks a backup the
// same way and installs it as the database file. For PostgreSQL both print the
// pg_dump / pg_restore commands to use instead.

func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("backup", stderr)
	out := fs.String("out", "", "backup file to write (must not exist)")
	if ok, err := parse(fs, args); !ok {
		return err
	}
	if !dbf.isSQLite() {
		printPGGuidance(stdout, dbf.dsn, *out)
		return nil
	}
	if *out == "" {
		fmt.Fprintln(stderr, "usage: motcua backup --db FILE --out BACKUP")
		return errUsage
	}
	src := sqlitePath(dbf.dsn)
	if st, err := os.Stat(src); err != nil || st.Size() == 0 {
		return fmt.Errorf("backup: no database at %s", src)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("backup: %s already exists", *out)
	}
	db, err := sqldb.Open(ctx, src) // not migrated: a backup copies the file as it is
	if err != nil {
		return err
	}
	defer db.Close()
	version, err := db.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("backup: %s is not a motcua database: %w", src, err)
	}
	tmp := *out + ".partial"
	removeSQLite(tmp)
	if _, err := db.ExecContext(ctx, `VACUUM INTO $1`, tmp); err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	rep, err := checkBackup(ctx, tmp, version)
	if err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("backup: the copy failed its check: %w", err)
	}
	if err := syncAndRename(tmp, *out); err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s: schema version %d, %d audit entries, chain ok\n", src, *out, version, rep.Entries)
	fmt.Fprintf(stdout, "uploaded files are not in the database: copy the blobs directory (%s) as well\n",
		filepath.Join(filepath.Dir(src), "blobs"))
	return nil
}

func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("restore", stderr)
	from := fs.String("from", "", "backup file made by 'motcua backup'")
	force := fs.Bool("force", false, "replace a database that already holds data")
	if ok, err := parse(fs, args); !ok {
		return err
	}
	if !dbf.isSQLite() {
		printPGGuidance(stdout, dbf.dsn, *from)
		return fmt.Errorf("restore: PostgreSQL databases are restored with pg_restore (see above)")
	}
	if *from == "" {
		fmt.Fprintln(stderr, "usage: motcua restore --db FILE --from BACKUP [--force]")
		return errUsage
	}
	dst := sqlitePath(dbf.dsn)
	if st, err := os.Stat(*from); err != nil || st.Size() == 0 {
		return fmt.Errorf("restore: no backup at %s", *from)
	}
	nonEmpty, err := holdsData(ctx, dst)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if nonEmpty && !*force {
		return fmt.Errorf("restore: %s already holds data; stop the server and add --force to replace it", dst)
	}
	if dir := filepath.Dir(dst); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
	}
	// Work on a copy beside the target, so the backup itself is never modified and the
	// target is replaced in one rename.
	tmp := dst + ".restoring"
	removeSQLite(tmp)
	if err := copyFile(*from, tmp); err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	rep, err := checkBackup(ctx, tmp, -1)
	if err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("restore: %s failed its check, nothing restored: %w", *from, err)
	}
	db, err := sqldb.Open(ctx, tmp)
	if err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	applied, err := db.Migrate(ctx)
	if err == nil {
		rep.Version, err = db.SchemaVersion(ctx)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("restore: migrate: %w", err)
	}
	// A stale write-ahead log of the old database must not be replayed into the new one.
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dst + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			removeSQLite(tmp)
			return fmt.Errorf("restore: %w", err)
		}
	}
	if err := syncAndRename(tmp, dst); err != nil {
		removeSQLite(tmp)
		return fmt.Errorf("restore: %w", err)
	}
	fmt.Fprintf(stdout, "restored %s from %s: schema version %d (%d migrations applied), %d audit entries, chain ok\n",
		dst, *from, rep.Version, applied, rep.Entries)
	return nil
}

type backupReport struct {
	Version int
	Entries int
}

// checkBackup opens the SQLite file at path and checks its integrity, its schema
// version (equal to want unless want < 0; never newer than this binary knows) and the
// audit log's hash chain.
func checkBackup(ctx context.Context, path string, want int) (backupReport, error) {
	var rep backupReport
	db, err := sqldb.Open(ctx, path)
	if err != nil {
		return rep, err
	}
	defer db.Close()
	var ic string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&ic); err != nil {
		return rep, fmt.Errorf("integrity check: %w", err)
	}
	if ic != "ok" {
		return rep, fmt.Errorf("integrity check: %s", ic)
	}
	v, err := db.SchemaVersion(ctx)
	if err != nil {
		return rep, fmt.Errorf("not a motcua database: %w", err)
	}
	rep.Version = v
	if want >= 0 && v != want {
		return rep, fmt.Errorf("schema version %d, the database has %d", v, want)
	}
	ms, err := db.Migrations()
	if err != nil {
		return rep, err
	}
	if latest := ms[len(ms)-1].Version; v > latest {
		return rep, fmt.Errorf("schema version %d is newer than this motcua knows (%d): use a newer release", v, latest)
	} else if v == latest {
		// the migration bookkeeping is intact: migrating applies nothing
		if n, err := db.Migrate(ctx); err != nil || n != 0 {
			return rep, fmt.Errorf("migrate check: %d applied, %v", n, err)
		}
	}
	ar, err := db.VerifyAudit(ctx)
	if err != nil {
		return rep, fmt.Errorf("audit verify: %w", err)
	}
	if !ar.OK {
		return rep, fmt.Errorf("audit log broken at entry %d: %s", ar.BrokenAt, ar.Reason)
	}
	rep.Entries = ar.Entries
	return rep, nil
}

// holdsData reports whether the SQLite file at path exists and has stored anything
// (every write appends to the audit log). A missing, empty or only migrated file holds
// nothing.
func holdsData(ctx context.Context, path string) (bool, error) {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	if st.Size() == 0 {
		return false, nil
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return true, nil
	}
	defer db.Close()
	var tables int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'units')`).Scan(&tables); err != nil {
		return true, nil // unreadable: treat as data, --force decides
	}
	if tables < 2 {
		var any int
		db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'`).Scan(&any)
		return any > 0, nil
	}
	var rows int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM units)`).Scan(&rows); err != nil {
		return true, nil
	}
	return rows > 0, nil
}

// sqlitePath is the file a SQLite DSN names, as sqldb.Open reads it.
func sqlitePath(dsn string) string {
	p := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p == "" {
		p = sqldb.DefaultSQLitePath
	}
	return p
}

func removeSQLite(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// syncAndRename flushes tmp to disk and renames it to path, then syncs the directory
// so the rename survives a crash.
func syncAndRename(tmp, path string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// printPGGuidance prints the pg_dump and pg_restore commands for the database of dsn.
func printPGGuidance(w io.Writer, dsn, file string) {
	host, port, user, dbname, schema := "localhost", "5432", "postgres", "motcua", ""
	if u, err := url.Parse(dsn); err == nil {
		if h := u.Hostname(); h != "" {
			host = h
		}
		if p := u.Port(); p != "" {
			port = p
		}
		if n := u.User.Username(); n != "" {
			user = n
		}
		if d := strings.TrimPrefix(u.Path, "/"); d != "" {
			dbname = d
		}
		schema = u.Query().Get("search_path")
	}
	if file == "" {
		file = dbname + ".dump"
	}
	conn := fmt.Sprintf("-h %s -p %s -U %s", host, port, user)
	sch := ""
	if schema != "" {
		sch = " -n " + schema
	}
	restored := fmt.Sprintf("postgres://%s@%s:%s/%s_restored", user, host, port, dbname)
	if schema != "" {
		restored += "?search_path=" + url.QueryEscape(schema)
	}
	fmt.Fprintf(w, `motcua does not copy PostgreSQL databases itself: use PostgreSQL's own tools,
which take a consistent snapshot while the server runs.

Back up (custom format, compressed; the server may keep running):
  pg_dump %s -d %s%s -Fc -f %s

Check the dump lists its tables:
  pg_restore -l %s

Restore into a new, empty database (stop motcua first; then start it with --db pointing there):
  createdb %s %s_restored
  pg_restore %s -d %s_restored --no-owner --exit-on-error %s

Then check the audit chain:
  motcua audit verify --db '%s'

Uploaded files are kept outside the database (the blobs directory of --data-dir): copy it too.
`, conn, dbname, sch, file, file, conn, dbname, conn, dbname, file, restored)
}
