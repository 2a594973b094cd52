package seed

import (
	"context"
	"testing"
	"time"

	"github.com/motcua/motcua/catalog/demo"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// queueFigures are what a demo queue year shows in the reports.
type queueFigures struct {
	tickets, ratings, linked int
	// openPast are the tickets of past days still waiting, called or serving (the day
	// close leaves none); expired, expiredDays the tickets closed at the end of their
	// day and their days; expiredCalled the expired ones that had been called
	openPast, expired, expiredDays, expiredCalled int
	closedByServer                                int // by CloseDaysBefore after the import
	levels                                        map[string]int
	today                                         queue.Stats
	calls                                         int
	nextNumber                                    string
}

func seedQueue(t *testing.T, now time.Time) (queueFigures, time.Duration) {
	t.Helper()
	ctx := context.Background()
	db := sqldbtest.Open(t, sqldb.SQLite)
	d := demo.Province(DefaultSeed)
	storeCatalogue(t, db, d)
	if err := DemoYear(ctx, db, d, DefaultSeed, now, 1500, nil); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now }
	start := time.Now()
	if err := DemoQueue(ctx, db, d, DefaultSeed, now, nil); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	f := queueFigures{levels: map[string]int{}}
	var err error
	for _, q := range []struct {
		sql string
		dst *int
	}{{`SELECT COUNT(*) FROM queue_tickets`, &f.tickets}, {`SELECT COUNT(*) FROM ratings`, &f.ratings},
		{`SELECT COUNT(*) FROM queue_tickets WHERE dossier_code <> ''`, &f.linked},
		{`SELECT COUNT(*) FROM queue_tickets WHERE status IN ('waiting', 'called', 'serving') AND day < '` + now.Format(time.DateOnly) + `'`, &f.openPast},
		{`SELECT COUNT(*) FROM queue_tickets WHERE status = 'expired' AND expired_from = 'waiting' AND called_at IS NULL`, &f.expired},
		{`SELECT COUNT(DISTINCT day) FROM queue_tickets WHERE status = 'expired'`, &f.expiredDays},
		{`SELECT COUNT(*) FROM queue_tickets WHERE status = 'expired' AND (expired_from <> 'waiting' OR called_at IS NOT NULL)`, &f.expiredCalled}} {
		if err := db.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	// what the server's day close finds: nothing, the past days are closed already
	if f.closedByServer, err = db.Queue().CloseDaysBefore(ctx, now.Format(time.DateOnly)); err != nil {
		t.Fatal(err)
	}
	groups, err := db.Ratings().RatingCounts(ctx, sqldb.RatingFilter{From: now.AddDate(-2, 0, 0), To: now.Add(time.Hour)}, "")
	if err != nil {
		t.Fatal(err)
	}
	f.levels = groups[0].Counts
	day := now.Format(time.DateOnly)
	ts, err := db.Queue().DayTickets(ctx, day, "")
	if err != nil {
		t.Fatal(err)
	}
	f.today = queue.ComputeStats(day, ts)
	calls, err := db.Queue().LatestCalls(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	f.calls = len(calls)
	// live issue continues the series after the imported numbers
	svcs, _ := db.Queue().ListServices(ctx, "")
	tk, err := db.Queue().Issue(adminCtx(), svcs[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	f.nextNumber = tk.Number
	rep, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK {
		t.Fatalf("audit chain broken: %+v", rep)
	}
	return f, took
}

func TestDemoQueue(t *testing.T) {
	if raceEnabled {
		t.Skip("a year of queue history is sequential generation and a bulk import; checked without -race (minutes under it)")
	}
	now := testNow // a Tuesday, 10:15
	f, took := seedQueue(t, now)
	t.Logf("demo queue in %s: %d tickets, %d ratings %v, %d tickets linked to dossiers, %d expired at the close of %d days; today: %d issued, %d served, %d no-shows, %d waiting, %d counters on the board; next A number %s",
		took.Round(time.Millisecond), f.tickets, f.ratings, f.levels, f.linked, f.expired, f.expiredDays, f.today.Issued, f.today.Served, f.today.NoShows, f.today.WaitingNow, f.calls, f.nextNumber)
	if f.tickets < 20000 || f.ratings < 3000 {
		t.Errorf("a thin year: %d tickets, %d ratings", f.tickets, f.ratings)
	}
	s := rating.Summarize(rating.DefaultScale(), f.levels)
	if vs := s.Levels[0].Percent; vs < 95 || vs > 97 {
		t.Errorf("very satisfied %.2f%%", vs)
	}
	if sa := s.Levels[1].Percent; sa < 2.8 || sa > 4.6 {
		t.Errorf("satisfied %.2f%%", sa)
	}
	if f.levels[rating.Dissatisfied] == 0 {
		t.Error("nobody dissatisfied")
	}
	if f.today.Issued == 0 || f.today.Served == 0 || f.today.WaitingNow == 0 || f.calls < 4 {
		t.Errorf("today at 10:15: %+v, %d calls on the board", f.today, f.calls)
	}
	if f.linked == 0 {
		t.Error("no ticket linked to a dossier received at the counter")
	}
	// past days are closed as the day close would have; today's queue stays live
	if f.openPast != 0 || f.closedByServer != 0 {
		t.Errorf("%d tickets of past days left open, %d closed by the server afterwards", f.openPast, f.closedByServer)
	}
	if f.expired == 0 || f.expiredDays == 0 || f.expired > f.tickets/50 || f.expiredCalled != 0 {
		t.Errorf("%d tickets expired (never called) on %d days, %d expired after a call, of %d tickets", f.expired, f.expiredDays, f.expiredCalled, f.tickets)
	}
	if f.today.Expired != 0 {
		t.Errorf("today's queue closed: %+v", f.today)
	}
	if f.nextNumber == "A001" {
		t.Errorf("live numbering restarted: %s", f.nextNumber)
	}
	if took > 5*time.Second {
		t.Logf("slow: %s (target < 5 s)", took)
	}
	// deterministic
	g, _ := seedQueue(t, now)
	if g.tickets != f.tickets || g.ratings != f.ratings || g.linked != f.linked || g.expired != f.expired || g.levels[rating.Dissatisfied] != f.levels[rating.Dissatisfied] {
		t.Errorf("not deterministic: %+v vs %+v", f, g)
	}
}
