package bench

import (
	"flag"
	"testing"
	"time"

	"github.com/motcua/motcua/sqldb/sqldbtest"
)

var baselineDuration = flag.Duration("baseline-duration", 2*time.Second, "Benchmark*: how long the same-run baseline of each benchmark runs")

// The benchmarks below measure their baseline once per engine (for -baseline-duration)
// before the timed sub-benchmark, which then runs b.N operations from the workload's
// clients; each reports its rate, the ratio to the baseline, latency percentiles and
// the operations that failed ("errors", logged with the first failure). The rates
// count successful operations only.

// BenchmarkBaselineCommit is the denominator of the intake and lifecycle ratios: raw
// single-row durable INSERT transactions from one client.
func BenchmarkBaselineCommit(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		e := newEnv(b, d)
		if err := e.setupBaseline(b.Context()); err != nil {
			b.Fatal(err)
		}
		b.Run(string(d), func(b *testing.B) {
			r := measured(b, run(1, b.N, 0, func() error { return e.commitOne(b.Context()) }))
			b.ReportMetric(r.rate(), "commits/s")
			b.ReportMetric(ms(r.pct(99)), "p99-ms")
		})
	}
}

// BenchmarkIntake: POST /api/v1/dossiers over HTTP from GOMAXPROCS×4 clients, durable.
// ratio = dossiers/s ÷ baseline commits/s (target ≥ 0.5).
func BenchmarkIntake(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		e := newEnv(b, d)
		base := measured(b, e.baseline(0, *baselineDuration))
		b.Run(string(d), func(b *testing.B) {
			r := measured(b, e.intake(b.N, 0))
			b.ReportMetric(r.rate(), "dossiers/s")
			b.ReportMetric(base.rate(), "baseline-commits/s")
			b.ReportMetric(r.rate()/base.rate(), "ratio")
			b.ReportMetric(ms(r.pct(99)), "p99-ms")
		})
	}
}

// BenchmarkLifecycle: receive → transfer → assign → propose_result → approve →
// return_result over HTTP from GOMAXPROCS×4 clients. ratio = lifecycles/s ÷ baseline
// commits/s (target ≥ 0.08).
func BenchmarkLifecycle(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		e := newEnv(b, d)
		base := measured(b, e.baseline(0, *baselineDuration))
		b.Run(string(d), func(b *testing.B) {
			r := measured(b, e.lifecycles(b.N, 0))
			b.ReportMetric(r.rate(), "lifecycles/s")
			b.ReportMetric(6*r.rate(), "transitions/s")
			b.ReportMetric(base.rate(), "baseline-commits/s")
			b.ReportMetric(r.rate()/base.rate(), "ratio")
			b.ReportMetric(ms(r.pct(99)), "p99-ms")
		})
	}
}

// BenchmarkPublicLookup: anonymous GET /api/v1/public/dossiers/{code} from
// GOMAXPROCS×4 clients. ratio = lookups/s ÷ hello-handler req/s through the same
// client (target ≥ 0.4), p99-ms the lookup's 99th percentile (target < 10).
func BenchmarkPublicLookup(b *testing.B) {
	for _, d := range sqldbtest.Engines() {
		e := newEnv(b, d)
		codes, err := e.lookupCodes(500)
		if err != nil {
			b.Fatal(err)
		}
		hello := measured(b, e.hello(helloServer(b), 0, *baselineDuration))
		b.Run(string(d), func(b *testing.B) {
			r := measured(b, e.lookups(codes, b.N, 0))
			b.ReportMetric(r.rate(), "req/s")
			b.ReportMetric(hello.rate(), "hello-req/s")
			b.ReportMetric(r.rate()/hello.rate(), "ratio")
			b.ReportMetric(ms(r.pct(50)), "p50-ms")
			b.ReportMetric(ms(r.pct(99)), "p99-ms")
		})
	}
}

// measured reports r's failures on b (metric "errors" and the first one logged) and
// fails b when nothing succeeded.
func measured(b *testing.B, r result) result {
	b.Helper()
	if r.errs > 0 {
		b.ReportMetric(float64(r.errs), "errors")
		b.Log(r.err())
	}
	if r.ops == 0 {
		b.Fatalf("no operation succeeded: %v", r.err())
	}
	return r
}
