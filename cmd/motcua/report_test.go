package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/seed"
)

func TestReportCLI(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "report.db")
	ctx := context.Background()
	var out, errOut bytes.Buffer
	mustRun := func(args ...string) string {
		t.Helper()
		out.Reset()
		errOut.Reset()
		if err := run(ctx, args, &out, &errOut); err != nil {
			t.Fatalf("motcua %s: %v\n%s", strings.Join(args, " "), err, errOut.String())
		}
		return out.String()
	}
	mustRun("seed", "demo", "--db", dbPath, "--dossiers", "300")
	today := calendar.DateOf(time.Now())
	from, to := today.AddDays(-(seed.DemoSpanDays + 5)).String(), today.String() // the whole demo
	before := mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--group-by", "channel")
	var sum report.Summary
	if err := json.Unmarshal([]byte(before), &sum); err != nil {
		t.Fatalf("json: %v\n%s", err, before)
	}
	if sum.Total.Received < 250 || sum.Total.Resolved == 0 || len(sum.Groups) == 0 || sum.Total.OnTimeRate == nil {
		t.Fatalf("report: %+v", sum.Total)
	}
	flat := mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--format", "csv", "--group-by", "channel")
	lines := strings.Split(strings.TrimSpace(flat), "\n")
	if len(lines) != len(sum.Groups)+2 || !strings.HasPrefix(lines[0], "from,to,channel,carried_over,received,") || !strings.Contains(lines[len(lines)-1], ",total,") {
		t.Fatalf("csv:\n%s", flat)
	}
	if s := mustRun("report", "rebuild", "--db", dbPath); !strings.Contains(s, "rebuilt") {
		t.Fatalf("rebuild: %q", s)
	}
	if after := mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--group-by", "channel"); after != before {
		t.Fatalf("figures changed by the rebuild:\n%s\n%s", before, after)
	}

	// xlsx: to a non-terminal stdout, and to --output; the total line has the JSON's numbers
	total := sum.Total
	checkTotal := func(data []byte, lang, totalName string) {
		t.Helper()
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("xlsx: %v", err)
		}
		rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if len(r) > 14 && r[0] == totalName {
				if r[2] != strconv.FormatInt(total.Received, 10) || r[7] != strconv.FormatInt(total.Resolved, 10) || r[12] != strconv.FormatInt(total.Pending, 10) {
					t.Fatalf("%s total row %q, want received %d resolved %d pending %d", lang, r, total.Received, total.Resolved, total.Pending)
				}
				return
			}
		}
		t.Fatalf("%s: no total row %q in %q", lang, totalName, rows)
	}
	checkTotal([]byte(mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--group-by", "channel", "--format", "xlsx")), "vi", "Tổng cộng")
	file := filepath.Join(t.TempDir(), "bao-cao.xlsx")
	mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--group-by", "unit", "--format", "xlsx", "--lang", "en", "--output", file)
	if out.Len() != 0 || !strings.Contains(errOut.String(), "report written to "+file) {
		t.Fatalf("--output wrote to stdout (%d bytes) or said %q", out.Len(), errOut.String())
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	checkTotal(data, "en", "Total")

	// the periodic report: JSON, CSV and XLSX with the same totals as the summary
	var per report.Periodic
	if err := json.Unmarshal([]byte(mustRun("report", "periodic", "--db", dbPath, "--from", from, "--to", to, "--group-by", "field")), &per); err != nil {
		t.Fatal(err)
	}
	pt := per.Total
	if per.GroupBy != report.ByField || len(per.Rows) == 0 || pt.ReceivedTotal != total.CarriedOver+total.Received || pt.Resolved != total.Resolved ||
		pt.PendingOverdue != total.PendingOverdue || pt.ReceivedOnline != total.ReceivedOnline || pt.Name != "Tổng cộng" {
		t.Fatalf("periodic %+v vs summary %+v", pt, total)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(mustRun("report", "periodic", "--db", dbPath, "--from", from, "--to", to, "--format", "csv", "--lang", "en"), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	last := recs[len(recs)-1]
	if !strings.HasPrefix(recs[0][2], "Dossiers to resolve - Total") || last[1] != "Total" || last[2] != strconv.FormatInt(pt.ReceivedTotal, 10) || last[6] != strconv.FormatInt(pt.Resolved, 10) {
		t.Fatalf("periodic csv: %q", recs)
	}
	pfile := filepath.Join(t.TempDir(), "dinh-ky.xlsx")
	mustRun("report", "periodic", "--db", dbPath, "--from", from, "--to", to, "--format", "xlsx", "--output", pfile)
	if f, err := excelize.OpenFile(pfile); err != nil {
		t.Fatal(err)
	} else if v, _ := f.GetCellValue(f.GetSheetName(0), "A1"); v != report.PeriodicTitle.VI {
		t.Fatalf("periodic xlsx title %q", v)
	}

	for _, bad := range [][]string{
		{"report", "--db", dbPath, "--format", "pdf"},
		{"report", "--db", dbPath, "--lang", "fr"},
		{"report", "periodic", "--db", dbPath, "--group-by", "channel"},
		{"report", "periodic", "--db", dbPath, "--from", "01/03/2026"},
	} {
		if err := run(ctx, bad, &out, &errOut); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
