package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
)

// CalendarStore returns the schedule and shift store backed by db.
func (db *DB) CalendarStore() calendar.Store { return calendarStore{db} }

type calendarStore struct{ db *DB }

var _ calendar.Store = calendarStore{}

func (s calendarStore) scanSchedules(rows *sql.Rows, err error) ([]calendar.StoredSchedule, error) {
	if err != nil {
		return nil, fmt.Errorf("schedules: %w", mapErr(err))
	}
	defer rows.Close()
	out := []calendar.StoredSchedule{}
	for rows.Next() {
		var st calendar.StoredSchedule
		var body string
		if err := rows.Scan(&st.ID, &body, &st.LoadedAt, &st.LoadedBy); err != nil {
			return nil, fmt.Errorf("schedules: %w", err)
		}
		sch, err := calendar.ParseSchedule([]byte(body))
		if err != nil {
			return nil, fmt.Errorf("schedule %d: stored body: %w", st.ID, err)
		}
		st.Schedule = sch
		st.LoadedAt = st.LoadedAt.In(motcua.ICT)
		out = append(out, st)
	}
	return out, rows.Err()
}

func (s calendarStore) CurrentSchedules(ctx context.Context) ([]calendar.StoredSchedule, error) {
	return s.scanSchedules(s.db.QueryContext(ctx, `SELECT id, body, loaded_at, loaded_by FROM calendar_schedules c
		WHERE id = (SELECT MAX(id) FROM calendar_schedules d WHERE d.year = c.year) ORDER BY year`))
}

func (s calendarStore) ScheduleHistory(ctx context.Context, year int) ([]calendar.StoredSchedule, error) {
	return s.scanSchedules(s.db.QueryContext(ctx, `SELECT id, body, loaded_at, loaded_by FROM calendar_schedules WHERE year = $1 ORDER BY id`, year))
}

func (s calendarStore) SaveSchedule(ctx context.Context, sch calendar.Schedule) (*calendar.StoredSchedule, error) {
	if err := sch.Validate(); err != nil {
		return nil, err
	}
	body, err := json.Marshal(sch)
	if err != nil {
		return nil, fmt.Errorf("save schedule %d: %w", sch.Year, err)
	}
	st := &calendar.StoredSchedule{Schedule: sch, LoadedAt: s.db.now(), LoadedBy: motcua.ActorName(ctx)}
	err = s.db.Tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO calendar_schedules (year, version, body, loaded_at, loaded_by) VALUES ($1,$2,$3,$4,$5) RETURNING id`,
			sch.Year, sch.Version, string(body), st.LoadedAt, st.LoadedBy).Scan(&st.ID)
		if err != nil {
			return fmt.Errorf("save schedule %d %s: %w", sch.Year, sch.Version, withField(mapErr(err), "version"))
		}
		if err := s.changed(ctx, tx, fmt.Sprintf("schedule %d %s", sch.Year, sch.Version)); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, "calendar.schedule", "schedule", fmt.Sprint(sch.Year), nil, sch)
	})
	if err != nil {
		return nil, err
	}
	st.LoadedAt = st.LoadedAt.In(motcua.ICT)
	return st, nil
}

func (s calendarStore) changed(ctx context.Context, tx *sql.Tx, what string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_changes (at, what) VALUES ($1, $2)`, s.db.now(), what); err != nil {
		return fmt.Errorf("calendar change: %w", mapErr(err))
	}
	return nil
}

func (s calendarStore) UnitShifts(ctx context.Context, unitCode string) (*calendar.WeekShifts, error) {
	var body string
	err := s.db.QueryRowContext(ctx, `SELECT shifts FROM unit_shifts WHERE unit_code = $1`, unitCode).Scan(&body)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("unit shifts %s: %w", unitCode, mapErr(err))
	}
	var w calendar.WeekShifts
	if err := json.Unmarshal([]byte(body), &w); err != nil {
		return nil, fmt.Errorf("unit shifts %s: %w", unitCode, err)
	}
	return &w, nil
}

func (s calendarStore) SetUnitShifts(ctx context.Context, unitCode string, w *calendar.WeekShifts) error {
	if w != nil {
		if err := w.Validate(); err != nil {
			return err
		}
	}
	return s.db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := getUnit(ctx, tx, unitCode); err != nil {
			return err
		}
		before, err := calendarStore{s.db}.unitShiftsTx(ctx, tx, unitCode)
		if err != nil {
			return err
		}
		if w == nil {
			_, err = tx.ExecContext(ctx, `DELETE FROM unit_shifts WHERE unit_code = $1`, unitCode)
		} else {
			body, _ := json.Marshal(w)
			_, err = tx.ExecContext(ctx, `INSERT INTO unit_shifts (unit_code, shifts, updated_at, updated_by) VALUES ($1,$2,$3,$4)
				ON CONFLICT (unit_code) DO UPDATE SET shifts = excluded.shifts, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
				unitCode, string(body), s.db.now(), motcua.ActorName(ctx))
		}
		if err != nil {
			return fmt.Errorf("set unit shifts %s: %w", unitCode, mapErr(err))
		}
		if err := s.changed(ctx, tx, "shifts "+unitCode); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, "calendar.shifts", "unit", unitCode, before, w)
	})
}

func (s calendarStore) unitShiftsTx(ctx context.Context, tx *sql.Tx, unitCode string) (any, error) {
	var body string
	err := tx.QueryRowContext(ctx, `SELECT shifts FROM unit_shifts WHERE unit_code = $1`, unitCode).Scan(&body)
	if err == sql.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("unit shifts %s: %w", unitCode, mapErr(err))
	}
	return json.RawMessage(body), nil
}

func (s calendarStore) Revision(ctx context.Context) (int64, error) {
	var rev sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM calendar_changes`).Scan(&rev); err != nil {
		return 0, fmt.Errorf("calendar revision: %w", mapErr(err))
	}
	return rev.Int64, nil
}
