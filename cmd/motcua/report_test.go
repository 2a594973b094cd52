package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/report"
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
	from, to := today.AddDays(-400).String(), today.String()
	before := mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--group-by", "channel")
	var sum report.Summary
	if err := json.Unmarshal([]byte(before), &sum); err != nil {
		t.Fatalf("json: %v\n%s", err, before)
	}
	if sum.Total.Received < 250 || sum.Total.Resolved == 0 || len(sum.Groups) == 0 || sum.Total.OnTimeRate == nil {
		t.Fatalf("report: %+v", sum.Total)
	}
	csv := mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--format", "csv", "--group-by", "channel")
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != len(sum.Groups)+2 || !strings.HasPrefix(lines[0], "from,to,channel,carried_over,received,") || !strings.Contains(lines[len(lines)-1], ",total,") {
		t.Fatalf("csv:\n%s", csv)
	}
	if s := mustRun("report", "rebuild", "--db", dbPath); !strings.Contains(s, "rebuilt") {
		t.Fatalf("rebuild: %q", s)
	}
	if after := mustRun("report", "--db", dbPath, "--from", from, "--to", to, "--group-by", "channel"); after != before {
		t.Fatalf("figures changed by the rebuild:\n%s\n%s", before, after)
	}
	if err := run(ctx, []string{"report", "--db", dbPath, "--format", "xlsx"}, &out, &errOut); err == nil {
		t.Fatal("xlsx accepted")
	}
}
