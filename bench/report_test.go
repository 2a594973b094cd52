package bench

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua/sqldb/sqldbtest"
)

var reportOut = flag.String("report-out", "", "TestReport: also write the Markdown table to this file")

// TestWorkloads runs every workload once with tiny counts on every configured engine,
// so `go test ./...` proves the benchmark code works without timing anything.
func TestWorkloads(t *testing.T) {
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			e := newEnv(t, d)
			t.Logf("lifecycle procedure %s (%s) at %s: %s, %s, %s", e.proc.Code, e.proc.Name, e.proc.UnitCode, e.receptionist, e.leader, e.processor)
			check := func(name string, want int, r result) {
				t.Helper()
				if err := r.err(); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if r.ops != want {
					t.Fatalf("%s: %d operations, want %d", name, r.ops, want)
				}
			}
			check("baseline", 3, e.baseline(3, 0))
			check("intake", clients(), e.intake(clients(), 0))
			check("lifecycle", 2, e.lifecycles(2, 0))
			check("hello", 4, e.hello(helloServer(t), 4, 0))
			codes, err := e.lookupCodes(2)
			if err != nil {
				t.Fatal(err)
			}
			check("lookup", 4, e.lookups(codes, 4, 0))
		})
	}
}

// TestReport runs every workload for -report-duration on every configured engine and
// prints a Markdown table (use -v to see it through `go test ./bench`, or
// -report-out FILE). It is skipped without -report.
//
//	go test ./bench -run TestReport -report -v
func TestReport(t *testing.T) {
	if !*reportFlag {
		t.Skip("run with -report")
	}
	dur := *reportDuration
	var b strings.Builder
	host, _ := os.Hostname()
	fmt.Fprintf(&b, "Measured %s on %s: %s/%s, %d CPUs, GOMAXPROCS %d, %s; %s per workload; HTTP workloads use %d concurrent clients over loopback; load average at start %s.\n\n",
		time.Now().Format("2006-01-02 15:04 MST"), host, runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), dur, clients(), loadavg())
	fmt.Fprintln(&b, "| engine | workload | clients | ok ops | errors | rate | p50 ms | p99 ms | ratio | target | met |")
	fmt.Fprintln(&b, "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|")
	row := func(engine, name string, n int, r result, unit, ratio, target, met string) {
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %d | %.0f %s | %.2f | %.2f | %s | %s | %s |\n",
			engine, name, n, r.ops, r.errs, r.rate(), unit, ms(r.pct(50)), ms(r.pct(99)), ratio, target, met)
	}
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	var notes []string
	note := func(r result, what string) {
		if r.errs > 0 {
			notes = append(notes, what+": "+r.err().Error())
		}
	}
	for _, d := range sqldbtest.Engines() {
		t.Run(string(d), func(t *testing.T) {
			e := newEnv(t, d)
			eng := fmt.Sprintf("%s (%s)", d, e.durability(t.Context()))
			notes = append(notes, fmt.Sprintf("%s lifecycle procedure: %s %q, resolved by %s (%s, %s), received and returned by %s at %s.",
				d, e.proc.Code, e.proc.Name, e.proc.UnitCode, e.leader, e.processor, e.receptionist, e.proc.Steps[0].UnitCode))

			base1 := e.baseline(0, dur)
			intake := e.intake(0, dur)
			life := e.lifecycles(0, dur)
			base2 := e.baseline(0, dur)
			if base1.ops == 0 || base2.ops == 0 {
				t.Fatalf("baseline: %v %v", base1.err(), base2.err())
			}
			// the baseline runs before and after the write workloads; the ratios use
			// their mean, so a drift of the disk during the run shows and is halved.
			base := (base1.rate() + base2.rate()) / 2

			codes, err := e.lookupCodes(500)
			if err != nil {
				t.Fatal(err)
			}
			hello := e.hello(helloServer(t), 0, dur)
			lookup := e.lookups(codes, 0, dur)
			if hello.ops == 0 {
				t.Fatalf("hello: %v", hello.err())
			}
			for _, x := range []struct {
				r    result
				what string
			}{{base1, "baseline before"}, {intake, "intake"}, {life, "lifecycle"}, {base2, "baseline after"}, {hello, "hello"}, {lookup, "lookup"}} {
				note(x.r, string(d)+" "+x.what)
			}

			ri, rl, rk := intake.rate()/base, life.rate()/base, lookup.rate()/hello.rate()
			row(eng, "baseline: 1-row durable commit (before)", 1, base1, "commits/s", "", "", "")
			row(eng, "baseline: 1-row durable commit (after)", 1, base2, "commits/s", "", "", "")
			row(eng, "intake `POST /api/v1/dossiers`", clients(), intake, "dossiers/s", fmt.Sprintf("%.3f ÷ baseline mean", ri), "≥ 0.5", yes(ri >= 0.5))
			row(eng, "full lifecycle (6 transitions)", clients(), life, "lifecycles/s", fmt.Sprintf("%.3f ÷ baseline mean", rl), "≥ 0.08", yes(rl >= 0.08))
			row(eng, "hello handler (baseline)", clients(), hello, "req/s", "", "", "")
			row(eng, "public lookup `GET /api/v1/public/dossiers/{code}`", clients(), lookup, "req/s", fmt.Sprintf("%.3f ÷ hello", rk), "≥ 0.4; p99 < 10 ms",
				yes(rk >= 0.4)+"; "+yes(lookup.pct(99) < 10*time.Millisecond))
		})
	}
	fmt.Fprintf(&b, "\nLoad average at end %s.\n", loadavg())
	for _, n := range notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	fmt.Println("\n" + b.String())
	if *reportOut != "" {
		if err := os.WriteFile(*reportOut, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// loadavg is the 1, 5 and 15-minute load average (Linux), or "unknown": other
// processes on the machine skew every figure, baselines included.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}
