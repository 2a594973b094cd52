package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/tablexport"
	"github.com/motcua/motcua/web"
	"github.com/motcua/motcua/web/i18n"
)

// runReport prints the report figures of a period (`motcua report --from --to`, as
// JSON, CSV or an XLSX workbook), the official periodic report (`motcua report
// periodic`), or recomputes the rollups from the event log (`motcua report rebuild`).
func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "rebuild" {
		return runReportRebuild(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "verify" {
		return runReportVerify(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "periodic" {
		return runReportPeriodic(ctx, args[1:], stdout, stderr)
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
	out := reportOutputFlags(fs, "json: the figures; csv: every figure, JSON names as columns; xlsx: the report page's table")
	if ok, err := parse(fs, args); !ok {
		return err
	}
	if err := out.check("report"); err != nil {
		return err
	}
	q := report.Query{Unit: *unit, RecvUnit: *recvUnit, Procedure: *procedure, Field: *field,
		Channel: catalog.Channel(*channel), GroupBy: report.GroupBy(*groupBy)}
	var err error
	if q.From, q.To, err = reportDates("report", *from, *to); err != nil {
		return err
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
	return out.write(stdout, stderr, func(w io.Writer) error {
		switch out.format {
		case "csv":
			return writeReportCSV(w, sum)
		case "xlsx":
			name, err := web.ReportNamer(ctx, db.Catalog(), out.lang, sum.GroupBy)
			if err != nil {
				return err
			}
			tr := func(k string) string { return i18n.T(out.lang, k, nil) }
			return tablexport.WriteXLSX(w, report.SummaryTable(sum, out.lang, name, tr, time.Now()))
		}
		return writeJSON(w, sum)
	})
}

// runReportPeriodic prints the official periodic report ("Tình hình, kết quả giải
// quyết thủ tục hành chính", Circular 01/2020/TT-VPCP) of a period per unit or field:
// `motcua report periodic --from --to [--group-by unit|field] [--unit CODE]`.
func runReportPeriodic(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("report periodic", stderr)
	today := calendar.DateOf(time.Now())
	from := fs.String("from", calendar.D(today.Year, today.Month, 1).String(), "first day YYYY-MM-DD (default: first of this month)")
	to := fs.String("to", today.String(), "last day YYYY-MM-DD, inclusive (default: today)")
	unit := fs.String("unit", "", "only this resolving unit")
	groupBy := fs.String("group-by", "unit", "one line per unit or per field")
	out := reportOutputFlags(fs, "json: the report's lines; csv and xlsx: the form's table")
	if ok, err := parse(fs, args); !ok {
		return err
	}
	if err := out.check("report periodic"); err != nil {
		return err
	}
	q := report.Query{Unit: *unit, GroupBy: report.GroupBy(*groupBy)}
	if q.GroupBy != report.ByUnit && q.GroupBy != report.ByField {
		return fmt.Errorf("report periodic: --group-by must be unit or field: %w", errUsage)
	}
	var err error
	if q.From, q.To, err = reportDates("report periodic", *from, *to); err != nil {
		return err
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
	name, err := web.ReportNamer(ctx, db.Catalog(), out.lang, q.GroupBy)
	if err != nil {
		return err
	}
	p, err := report.NewPeriodic(sum, name, report.PeriodicTotal.In(out.lang))
	if err != nil {
		return err
	}
	return out.write(stdout, stderr, func(w io.Writer) error {
		switch out.format {
		case "csv":
			return tablexport.WriteCSV(w, p.Table(out.lang, time.Now()))
		case "xlsx":
			return tablexport.WriteXLSX(w, p.Table(out.lang, time.Now()))
		}
		return writeJSON(w, p)
	})
}

// reportOutput holds the output flags of the report commands: --format json|csv|xlsx,
// --output FILE and --lang vi|en (the language of the names and headers).
type reportOutput struct {
	format, output, lang string
}

func reportOutputFlags(fs *flag.FlagSet, formats string) *reportOutput {
	o := &reportOutput{}
	fs.StringVar(&o.format, "format", "json", "json, csv or xlsx ("+formats+")")
	fs.StringVar(&o.output, "output", "", "write to this file instead of standard output (xlsx needs it when standard output is a terminal)")
	fs.StringVar(&o.lang, "lang", "vi", "language of names and headers: vi or en")
	return o
}

func (o *reportOutput) check(cmd string) error {
	if o.format != "json" && o.format != "csv" && o.format != "xlsx" {
		return fmt.Errorf("%s: --format must be json, csv or xlsx: %w", cmd, errUsage)
	}
	if o.lang != "vi" && o.lang != "en" {
		return fmt.Errorf("%s: --lang must be vi or en: %w", cmd, errUsage)
	}
	return nil
}

// write runs fn on the output: the --output file (written whole or not at all: to a
// temporary file renamed at the end), else stdout — except an XLSX workbook, a binary
// file, which is not written to a terminal.
func (o *reportOutput) write(stdout, stderr io.Writer, fn func(io.Writer) error) error {
	if o.output == "" {
		if o.format == "xlsx" && isTerminal(stdout) {
			return fmt.Errorf("report: an xlsx workbook is binary: give --output FILE.xlsx or redirect standard output: %w", errUsage)
		}
		return fn(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(o.output), ".report-*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := fn(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("report: write %s: %w", o.output, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("report: write %s: %w", o.output, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp.Name(), o.output); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(stderr, "report written to %s\n", o.output)
	return nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// reportDates parses --from and --to.
func reportDates(cmd, from, to string) (calendar.Date, calendar.Date, error) {
	f, err := calendar.ParseDate(from)
	if err != nil {
		return f, f, fmt.Errorf("%s: --from: %w", cmd, err)
	}
	t, err := calendar.ParseDate(to)
	if err != nil {
		return f, t, fmt.Errorf("%s: --to: %w", cmd, err)
	}
	return f, t, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
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
