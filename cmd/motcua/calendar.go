package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/sqldb"
)

func runCalendar(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	usage := "usage: motcua calendar holidays --year YYYY [--unit CODE] [--json]\n" +
		"       motcua calendar due --start RFC3339 --amount N [--unit-of-time working_days|working_hours|calendar_days] [--unit CODE] [--json]\n" +
		"       motcua calendar load --version V FILE.json|FILE.ics"
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return errUsage
	}
	fs, dbf := newDBFlagSet("calendar "+args[0], stderr)
	year := fs.Int("year", time.Now().In(motcua.ICT).Year(), "year")
	unit := fs.String("unit", "", "unit code (default: the province calendar)")
	start := fs.String("start", "", "start instant, RFC 3339 (e.g. 2026-02-13T10:00:00+07:00)")
	amount := fs.Int("amount", 0, "time limit amount")
	uot := fs.String("unit-of-time", "working_days", "working_days, working_hours or calendar_days")
	version := fs.String("version", "", "schedule version (load)")
	asJSON := fs.Bool("json", false, "print JSON")
	if ok, err := parse(fs, args[1:]); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	prov := provider(db)
	switch args[0] {
	case "holidays":
		c, err := prov.ForUnit(ctx, *unit)
		if err != nil {
			return err
		}
		hs, err := c.Holidays(*year)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(hs)
		}
		for _, h := range hs {
			fmt.Fprintf(stdout, "%s  %-9s  %-14s  %s / %s\n", h.Date, h.Weekday, h.Kind, h.NameVI, h.NameEN)
		}
		return nil
	case "due":
		t, err := time.Parse(time.RFC3339, *start)
		if err != nil {
			return fmt.Errorf("--start: %w", err)
		}
		c, err := prov.ForUnit(ctx, *unit)
		if err != nil {
			return err
		}
		ex, err := c.Due(t, *amount, calendar.TimeUnit(*uot))
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(ex)
		}
		printExplanation(stdout, ex)
		return nil
	case "load":
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, usage)
			return errUsage
		}
		data, err := readLimited(fs.Arg(0), 1<<20)
		if err != nil {
			return err
		}
		var sch calendar.Schedule
		if strings.HasSuffix(strings.ToLower(fs.Arg(0)), ".ics") {
			sch, err = calendar.ParseICal(data, *version)
		} else {
			sch, err = calendar.ParseSchedule(data)
		}
		if err != nil {
			return err
		}
		if _, err := calendar.New(calendar.DefaultWeekShifts(), sch); err != nil {
			return err
		}
		st, err := db.CalendarStore().SaveSchedule(cliCtx(ctx), sch)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "loaded schedule %d version %s (%d days)\n", st.Year, st.Version, len(st.Days))
		return nil
	}
	fmt.Fprintln(stderr, usage)
	return errUsage
}

func provider(db *sqldb.DB) *calendar.Provider {
	cs := db.Catalog()
	return &calendar.Provider{Store: db.CalendarStore(), Parent: func(ctx context.Context, code string) (string, error) {
		u, err := cs.GetUnit(ctx, code)
		if err != nil {
			return "", err
		}
		return u.ParentCode, nil
	}}
}

func printExplanation(w io.Writer, ex *calendar.Explanation) {
	f := "Mon 02/01/2006 15:04"
	fmt.Fprintf(w, "start            %s\n", ex.Start.In(motcua.ICT).Format(f))
	if ex.StartMoved != "" {
		fmt.Fprintf(w, "counting starts  %s (%s)\n", ex.EffectiveStart.In(motcua.ICT).Format(f), ex.StartMoved)
	}
	fmt.Fprintf(w, "limit            %d %s\n", ex.Amount, ex.Unit)
	fmt.Fprintf(w, "due              %s\n", ex.Due.In(motcua.ICT).Format(f))
	for _, d := range append(ex.StartSkippedDays, ex.SkippedDays...) {
		name := d.NameVI
		if name == "" {
			name = string(d.Reason)
		}
		fmt.Fprintf(w, "  skipped        %s %-9s %s\n", d.Date, d.Weekday, name)
	}
	for _, d := range ex.MakeupDays {
		fmt.Fprintf(w, "  make-up day    %s %-9s %s\n", d.Date, d.Weekday, d.NameVI)
	}
	fmt.Fprintf(w, "rule             %s\n", ex.Rule)
	fmt.Fprintf(w, "calendar         %s\n", strings.Join(ex.Versions, ", "))
}
