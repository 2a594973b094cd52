package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/report"
)

// runReport prints the report figures of a period (`motcua report --from --to`) or
// recomputes the rollups from the event log (`motcua report rebuild`).
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "rebuild" {
		return runReportRebuild(ctx, args[1:], stdout, stderr)
	}
	fs, dbf := newDBFlagSet("report", stderr)
	today := calendar.DateOf(time.Now())
	from := fs.String("from", calendar.D(today.Year, today.Month, 1).String(), "first day YYYY-MM-DD (default: first of this month)")
	to := fs.String("to", today.String(), "last day YYYY-MM-DD, inclusive (default: today)")
	unit := fs.String("unit", "", "only this resolving unit")
	recvUnit := fs.String("recv-unit", "", "only dossiers received at this unit")
	procedure := fs.String("procedure", "", "only this procedure code")
	field := fs.String("field", "", "only procedures of this field code")
	channel := fs.String("channel", "", "only this channel: counter, online_full, online_partial, post")
	groupBy := fs.String("group-by", "none", "unit, field, procedure, channel or none")
	format := fs.String("format", "json", "json or csv")
	if ok, err := parse(fs, args); !ok {
		return err
	}
	if *format != "json" && *format != "csv" {
		return fmt.Errorf("report: --format must be json or csv (xlsx comes with the report pages): %w", errUsage)
	}
	q := report.Query{Unit: *unit, RecvUnit: *recvUnit, Procedure: *procedure, Field: *field,
		Channel: catalog.Channel(*channel), GroupBy: report.GroupBy(*groupBy)}
	var err error
	if q.From, err = calendar.ParseDate(*from); err != nil {
		return fmt.Errorf("report: --from: %w", err)
	}
	if q.To, err = calendar.ParseDate(*to); err != nil {
		return fmt.Errorf("report: --to: %w", err)
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	sum, err := db.ReportSummary(ctx, q)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	return writeReportCSV(stdout, sum)
}

// writeReportCSV writes one row per group and a last "total" row; the columns are the
// JSON names of report.Figures, rates with two decimals and empty when undefined.
func writeReportCSV(w io.Writer, sum *report.Summary) error {
	cw := csv.NewWriter(w)
	t := reflect.TypeOf(report.Figures{})
	head := []string{"from", "to", string(sum.GroupBy)}
	for i := 0; i < t.NumField(); i++ {
		head = append(head, strings.Split(t.Field(i).Tag.Get("json"), ",")[0])
	}
	cw.Write(head)
	row := func(key string, f report.Figures) {
		rec := []string{sum.From.String(), sum.To.String(), key}
		v := reflect.ValueOf(f)
		for i := 0; i < v.NumField(); i++ {
			switch x := v.Field(i).Interface().(type) {
			case int64:
				rec = append(rec, strconv.FormatInt(x, 10))
			case float64:
				rec = append(rec, strconv.FormatFloat(x, 'f', 2, 64))
			case *float64:
				if x == nil {
					rec = append(rec, "")
				} else {
					rec = append(rec, strconv.FormatFloat(*x, 'f', 2, 64))
				}
			}
		}
		cw.Write(rec)
	}
	for _, g := range sum.Groups {
		row(g.Key, g.Figures)
	}
	row("total", sum.Total)
	cw.Flush()
	return cw.Error()
}

func runReportRebuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("report rebuild", stderr)
	if ok, err := parse(fs, args); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintln(stdout, "rebuilding the report rollups from the event log; pause intake (stop the server) until it ends")
	start := time.Now()
	pp := progressPrinter(stdout)
	if err := db.RebuildReports(cliCtx(ctx), func(done, total int) { pp("dossiers", done, total) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "report rollups rebuilt in %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
