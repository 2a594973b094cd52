package calendar

import (
	"context"
	"time"
)

// StoredSchedule is a Government schedule as loaded into the database: every load is
// kept, the newest per year is in force. Dossiers record the version they used, so a
// later change never rewrites the due time of a dossier already received.
type StoredSchedule struct {
	Schedule
	ID       int64     `json:"id"`
	LoadedAt time.Time `json:"loaded_at"`
	LoadedBy string    `json:"loaded_by"`
}

// Store persists schedules and unit shifts. Writes are audited by the implementation.
type Store interface {
	// CurrentSchedules returns the newest loaded schedule of each year.
	CurrentSchedules(ctx context.Context) ([]StoredSchedule, error)
	// ScheduleHistory returns every loaded version of a year, oldest first.
	ScheduleHistory(ctx context.Context, year int) ([]StoredSchedule, error)
	// SaveSchedule stores a new version of a year's schedule (ECONFLICT if that year
	// already has this version string).
	SaveSchedule(ctx context.Context, s Schedule) (*StoredSchedule, error)
	// UnitShifts returns the unit's own weekly shifts, or nil when it inherits.
	UnitShifts(ctx context.Context, unitCode string) (*WeekShifts, error)
	// SetUnitShifts sets (or with nil clears) the unit's own weekly shifts.
	SetUnitShifts(ctx context.Context, unitCode string, w *WeekShifts) error
	// Revision changes whenever a schedule or shifts change, for caches.
	Revision(ctx context.Context) (int64, error)
}
