// Package bench measures motcua against the targets of perf.md. Every figure is a
// ratio to a baseline measured in the same run on the same machine, because absolute
// figures drift between runs and machines; nothing here asserts on timing.
//
// The workloads live in the package's tests:
//
//	go test -run '^$' -bench . ./bench/                  # Benchmark* with ratio metrics
//	go test ./bench -run TestReport -report               # every workload 5 s, Markdown table
//	go test ./bench -run TestReport -report -report-duration 10s
//
// Each runs on SQLite, and on PostgreSQL too when MOTCUA_TEST_POSTGRES holds a DSN
// (a fresh schema per run). Plain `go test ./bench` runs every workload once with tiny
// counts, to prove the code works. BENCHMARKS.md at the repository root holds the
// latest numbers.
package bench
