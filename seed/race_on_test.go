//go:build race

package seed

// raceEnabled reports a -race build: data-generation-heavy smoke tests shrink or skip
// (the race detector slows the generator ten-fold and finds nothing in its sequential
// code; the concurrent workloads still run).
const raceEnabled = true
