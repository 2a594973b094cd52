//go:build race

package bench

// raceEnabled reports a -race build: the smoke tests of the data-heavy benchmark
// harnesses (growth, pages, report rollups) skip — they seed the whole demo catalogue,
// minutes under the race detector, and check the harness, not concurrency; the
// concurrent HTTP workloads still run.
const raceEnabled = true
