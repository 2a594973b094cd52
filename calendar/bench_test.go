package calendar

import (
	"testing"
	"time"
)

// BenchmarkDue computes due times for limits of 1–60 working days from starts spread
// over the holiday seasons of 2023–2026 (Tết, 30/4–1/5, 2/9, New Year).
func BenchmarkDue(b *testing.B) {
	c := Default()
	var starts []time.Time
	for y := 2023; y <= 2026; y++ {
		tet, _ := Tet(y)
		for _, d := range []Date{tet.AddDays(-10), D(y, 4, 24), D(y, 8, 27), D(y, 12, 26)} {
			starts = append(starts, d.Time().Add(9*time.Hour+15*time.Minute), d.Time().Add(18*time.Hour))
		}
	}
	// Warm the per-year tables.
	for _, s := range starts {
		if _, err := c.Due(s, 60, WorkingDays); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Due(starts[i%len(starts)], 1+i%60, WorkingDays); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "dues/s")
}
