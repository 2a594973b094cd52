package calendar

import (
	"math/rand"
	"sync"
	"testing"
	"time"
)

// randomStart returns an instant in 2022–2027 at a random minute (sometimes with
// seconds), so that holiday seasons, shift boundaries and nights are all hit.
func randomStart(r *rand.Rand) time.Time {
	base := at(2022, 12, 1, 0, 0)
	t := base.Add(time.Duration(r.Intn(5*365*24*60)) * time.Minute)
	if r.Intn(4) == 0 {
		t = t.Add(time.Duration(r.Intn(60)) * time.Second)
	}
	return t
}

func TestProperties(t *testing.T) {
	c := Default()
	sat, _ := c.WithShifts(saturdayMorningShifts())
	r := rand.New(rand.NewSource(1))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for i := 0; i < n; i++ {
		s := randomStart(r)
		a, b := r.Intn(30), r.Intn(30)
		for _, unit := range []TimeUnit{WorkingDays, WorkingHours, CalendarDays} {
			for _, cal := range []*Calendar{c, sat} {
				e, err := cal.Due(s, a, unit)
				if err != nil {
					t.Fatal(err)
				}
				// due ≥ effective start ≥ start; the due is a working instant.
				if e.Due.Before(e.EffectiveStart) || e.EffectiveStart.Before(s) {
					t.Fatalf("%s %d %s: start %s effective %s due %s", s, a, unit, s, e.EffectiveStart, e.Due)
				}
				if ok, _ := cal.IsWorkingInstant(e.Due); !ok {
					t.Fatalf("%s %d %s: due %s not a working instant", s, a, unit, e.Due)
				}
				// Zero-length stops and stops after the due change nothing.
				stops := []Stop{{From: s, To: s}, {From: e.Due.Add(time.Hour), To: e.Due.Add(48 * time.Hour)}}
				e2, err := cal.DueWithStops(s, a, unit, stops)
				if err != nil || !e2.Due.Equal(e.Due) {
					t.Fatalf("%s %d %s: stops changed due %s → %s (%v)", s, a, unit, e.Due, e2.Due, err)
				}
			}
			if unit == CalendarDays {
				continue
			}
			// Additivity: a then b equals a+b, for working hours always and for working
			// days whenever all days have the same length (the default shifts).
			ea, _ := c.Due(s, a, unit)
			eab, _ := c.Due(ea.Due, b, unit)
			if b == 0 {
				eab = ea
			}
			eSum, _ := c.Due(s, a+b, unit)
			if !eab.Due.Equal(eSum.Due) {
				t.Fatalf("%s: %d then %d %s = %s, but %d = %s", s, a, b, unit, eab.Due, a+b, eSum.Due)
			}
			// The working time from effective start to due is exactly the amount.
			w, _ := c.WorkingTimeBetween(ea.EffectiveStart, ea.Due)
			per := time.Hour
			if unit == WorkingDays {
				per = 450 * time.Minute
			}
			if w != time.Duration(a)*per {
				t.Fatalf("%s %d %s: working time to due %s", s, a, unit, w)
			}
		}
		// A stop moves the due by exactly the working time inside it (from the
		// effective start, when it begins before the due).
		e, _ := c.Due(s, a+1, WorkingHours)
		from := e.EffectiveStart.Add(time.Duration(r.Intn(int(e.Due.Sub(e.EffectiveStart)/time.Minute)+1)) * time.Minute)
		if !from.Before(e.Due) {
			from = e.EffectiveStart
		}
		to := from.Add(time.Duration(r.Intn(10*24*60)) * time.Minute)
		es, err := c.DueWithStops(s, a+1, WorkingHours, []Stop{{From: from, To: to}})
		if err != nil {
			t.Fatal(err)
		}
		inside, _ := c.WorkingTimeBetween(from, to)
		moved, _ := c.WorkingTimeBetween(e.Due, es.Due)
		if moved != inside || es.StoppedTotal != inside {
			t.Fatalf("%s: stop %s–%s holds %s of working time but moved the due by %s", s, from, to, inside, moved)
		}
		// WorkingTimeBetween is antisymmetric.
		x, y := randomStart(r), randomStart(r)
		wxy, _ := c.WorkingTimeBetween(x, y)
		wyx, _ := c.WorkingTimeBetween(y, x)
		if wxy != -wyx {
			t.Fatalf("between %s and %s: %s vs %s", x, y, wxy, wyx)
		}
	}
}

// TestConcurrentUse computes dues from many goroutines on a fresh calendar whose year
// tables are built lazily (run with -race).
func TestConcurrentUse(t *testing.T) {
	ss, _ := EmbeddedSchedules()
	c, err := New(DefaultWeekShifts(), ss...)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rand.New(rand.NewSource(int64(g)))
			for i := 0; i < 200; i++ {
				if _, err := c.Due(at(2000+r.Intn(90), 1, 1, 0, 0).Add(time.Duration(r.Intn(365*24))*time.Hour), r.Intn(60), WorkingDays); err != nil {
					t.Error(err)
					return
				}
			}
		}(g)
	}
	wg.Wait()
}
