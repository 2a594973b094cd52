package calendar

import (
	"context"
	"fmt"
	"sync"
)

// Provider builds the calendar of each unit and caches it until the store's revision
// changes (a schedule loaded or shifts edited, on any app instance). A unit's calendar
// has the province's holidays: the statutory ones, the embedded Government schedules
// and the schedules loaded by administrators (a loaded schedule replaces the embedded
// one of its year); and the weekly shifts of the unit, or of its nearest ancestor that
// has its own, or DefaultWeekShifts.
type Provider struct {
	Store Store
	// Parent returns the parent unit code of a unit ("" for the root).
	Parent func(ctx context.Context, unitCode string) (string, error)

	mu    sync.Mutex
	rev   int64
	base  *Calendar
	units map[string]*Calendar
}

// Province returns the calendar with the province's holidays and default shifts.
func (p *Provider) Province(ctx context.Context) (*Calendar, error) {
	if err := p.refresh(ctx); err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.base, nil
}

// ForUnit returns the calendar of unitCode ("" = the province).
func (p *Provider) ForUnit(ctx context.Context, unitCode string) (*Calendar, error) {
	if err := p.refresh(ctx); err != nil {
		return nil, err
	}
	p.mu.Lock()
	c, ok := p.units[unitCode]
	base, rev := p.base, p.rev
	p.mu.Unlock()
	if ok {
		return c, nil
	}
	if unitCode == "" {
		return base, nil
	}
	shifts, err := p.inheritedShifts(ctx, unitCode)
	if err != nil {
		return nil, err
	}
	c = base
	if shifts != nil {
		if c, err = base.WithShifts(*shifts); err != nil {
			return nil, fmt.Errorf("calendar of %s: %w", unitCode, err)
		}
	}
	p.mu.Lock()
	if p.rev == rev {
		p.units[unitCode] = c
	}
	p.mu.Unlock()
	return c, nil
}

func (p *Provider) inheritedShifts(ctx context.Context, unitCode string) (*WeekShifts, error) {
	code := unitCode
	for depth := 0; code != "" && depth < 20; depth++ {
		w, err := p.Store.UnitShifts(ctx, code)
		if err != nil {
			return nil, err
		}
		if w != nil {
			return w, nil
		}
		if code, err = p.Parent(ctx, code); err != nil {
			return nil, fmt.Errorf("calendar of %s: %w", unitCode, err)
		}
	}
	return nil, nil
}

// refresh rebuilds the base calendar when the store's revision moved.
func (p *Provider) refresh(ctx context.Context) error {
	rev, err := p.Store.Revision(ctx)
	if err != nil {
		return err
	}
	p.mu.Lock()
	fresh := p.base != nil && p.rev == rev
	p.mu.Unlock()
	if fresh {
		return nil
	}
	embedded, err := EmbeddedSchedules()
	if err != nil {
		return err
	}
	loaded, err := p.Store.CurrentSchedules(ctx)
	if err != nil {
		return err
	}
	byYear := map[int]Schedule{}
	for _, s := range embedded {
		byYear[s.Year] = s
	}
	for _, s := range loaded {
		byYear[s.Year] = s.Schedule
	}
	all := make([]Schedule, 0, len(byYear))
	for _, s := range byYear {
		all = append(all, s)
	}
	base, err := New(DefaultWeekShifts(), all...)
	if err != nil {
		return fmt.Errorf("calendar: build from loaded schedules: %w", err)
	}
	p.mu.Lock()
	p.base, p.rev, p.units = base, rev, map[string]*Calendar{}
	p.mu.Unlock()
	return nil
}
