package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/motcua/motcua/report"
)

// errReportsDiffer is returned by `motcua report verify` when a rollup differs from
// the event log (exit status 1).
var errReportsDiffer = errors.New("report verify: the rollups differ from the event log; run `motcua report rebuild` with intake paused")

// runReportVerify recomputes every dossier's report contribution from the event log
// and compares it with every stored rollup level (`motcua report verify`). It only
// reads, from one snapshot, so intake may go on. It prints OK, or one line per
// differing cell — level.metric, period start, resolving unit, receiving unit,
// procedure, channel and stored − recomputed — and then fails.
func runReportVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dbf := newDBFlagSet("report verify", stderr)
	limit := fs.Int("limit", 100, "print at most this many differing cells (0: all)")
	if ok, err := parse(fs, args); !ok {
		return err
	}
	db, err := dbf.open(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	start := time.Now()
	diff, err := db.VerifyReports(ctx)
	if err != nil {
		return err
	}
	if len(diff) == 0 {
		fmt.Fprintf(stdout, "OK: the report rollups match the event log (checked in %s)\n", time.Since(start).Round(time.Millisecond))
		return nil
	}
	writeReportDiff(stdout, diff, *limit)
	return errReportsDiffer
}

// writeReportDiff prints the differing cells in key order, at most limit (0: all).
func writeReportDiff(w io.Writer, diff report.Cells, limit int) {
	keys := diff.Keys()
	fmt.Fprintf(w, "%d differing cells (stored − recomputed):\n", len(keys))
	for i, k := range keys {
		if limit > 0 && i == limit {
			fmt.Fprintf(w, "… %d more\n", len(keys)-limit)
			break
		}
		level, metric, _ := strings.Cut(string(k.Metric), ".")
		fmt.Fprintf(w, "%s\t%s\t%s\tunit=%s\trecv_unit=%s\tprocedure=%s\tchannel=%s\t%+d\n",
			level, metric, k.Day, k.Unit, k.RecvUnit, k.Procedure, k.Channel, diff[k])
	}
}
