package sqldb

import (
	"context"
	"database/sql"
)

// queryRowPrepared runs a frequent single-row read outside any transaction (a public
// lookup's dossier, a request's session) through a statement prepared once per DB. On
// SQLite, in-process, parsing a statement costs about as much as a primary-key read;
// database/sql prepares the statement on each connection the first time it is used
// there and reuses it after. PostgreSQL needs no help: pgx caches the prepared
// statement of each query text per connection. It must not be called inside a
// transaction (preparing may take a pool connection). An error, including a failed
// prepare, is reported by the Row's Scan.
func (db *DB) queryRowPrepared(ctx context.Context, query string, args ...any) *sql.Row {
	if db.Dialect != SQLite {
		return db.QueryRowContext(ctx, query, args...)
	}
	if st, ok := db.readStmts.Load(query); ok {
		return st.(*sql.Stmt).QueryRowContext(ctx, args...)
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return db.QueryRowContext(ctx, query, args...)
	}
	if prev, loaded := db.readStmts.LoadOrStore(query, st); loaded {
		st.Close()
		st = prev.(*sql.Stmt)
	}
	return st.QueryRowContext(ctx, args...)
}

// closeReadStmts closes the statements of queryRowPrepared.
func (db *DB) closeReadStmts() {
	db.readStmts.Range(func(k, st any) bool {
		st.(*sql.Stmt).Close()
		db.readStmts.Delete(k)
		return true
	})
}
