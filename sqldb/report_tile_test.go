package sqldb

import (
	"math/rand/v2"
	"testing"

	"github.com/motcua/motcua/calendar"
)

// coverage returns, for every day of [lo, hi], the signed number of spans covering it
// (an all-time span is counted apart: it covers every day).
func coverage(spans []span, lo, hi calendar.Date) map[calendar.Date]int {
	out := map[calendar.Date]int{}
	for d := lo; !hi.Before(d); d = d.AddDays(1) {
		for _, sp := range spans {
			if sp.grain == grainTotal {
				continue
			}
			if p := periodOf(sp.grain, d); p >= sp.lo && p <= sp.hi {
				if sp.neg {
					out[d]--
				} else {
					out[d]++
				}
			}
		}
	}
	return out
}

// TestTile checks that the signed spans of tile and tileBefore cover exactly the days
// asked, once, for fixed and random ranges, and that a rolling year reads a year,
// months and days rather than 365 days.
func TestTile(t *testing.T) {
	lo, hi := calendar.D(2022, 1, 1), calendar.D(2027, 12, 31)
	tests := []struct {
		from, to calendar.Date
		maxSpans int
	}{
		{calendar.D(2025, 3, 11), calendar.D(2026, 3, 10), 6},
		{calendar.D(2025, 1, 1), calendar.D(2025, 12, 31), 1},
		{calendar.D(2024, 12, 31), calendar.D(2026, 1, 1), 3},
		{calendar.D(2025, 2, 3), calendar.D(2025, 2, 3), 1},
		{calendar.D(2025, 2, 1), calendar.D(2025, 2, 28), 1},
		{calendar.D(2024, 2, 2), calendar.D(2024, 2, 29), 1},
		{calendar.D(2023, 6, 15), calendar.D(2026, 7, 20), 8},
		{calendar.D(2025, 3, 30), calendar.D(2025, 4, 2), 2},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		a := lo.AddDays(60 + rng.IntN(hi.Sub(lo)-120))
		b := a.AddDays(rng.IntN(900))
		if hi.AddDays(-40).Before(b) {
			b = hi.AddDays(-40)
		}
		if b.Before(a) {
			a, b = b, a
		}
		tests = append(tests, struct {
			from, to calendar.Date
			maxSpans int
		}{a, b, 8})
	}
	for _, tc := range tests {
		spans := tile(tc.from, tc.to)
		if len(spans) > tc.maxSpans {
			t.Errorf("tile(%s, %s): %d spans %v", tc.from, tc.to, len(spans), spans)
		}
		for d, n := range coverage(spans, lo, hi) {
			want := 0
			if !d.Before(tc.from) && !tc.to.Before(d) {
				want = 1
			}
			if n != want {
				t.Fatalf("tile(%s, %s) %v covers %s %d times", tc.from, tc.to, spans, d, n)
			}
		}
		for _, years := range [][2]int{{2022, 2027}, {2000, 2027}, {2024, 2100}} {
			before := tileBefore(tc.from, years[0], years[1])
			total := before[0].grain == grainTotal
			if total != (years[1]-tc.from.Year < tc.from.Year-years[0]) {
				t.Errorf("tileBefore(%s, %v) starts with %v", tc.from, years, before[0])
			}
			for d, n := range coverage(before, lo, hi) {
				want := 0
				if d.Before(tc.from) {
					want = 1
				}
				if total { // all time counts 1 everywhere, days from from on are subtracted
					want--
				}
				if n != want {
					t.Fatalf("tileBefore(%s, %v) %v covers %s %d times", tc.from, years, before, d, n)
				}
			}
		}
	}
	if got := tile(calendar.D(2025, 3, 11), calendar.D(2026, 3, 10)); !containsGrain(got, grainYear) {
		t.Errorf("a rolling year reads no year row: %v", got)
	}
}

func containsGrain(spans []span, g grain) bool {
	for _, sp := range spans {
		if sp.grain == g {
			return true
		}
	}
	return false
}
