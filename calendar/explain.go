package calendar

import (
	"fmt"
	"time"
)

// Explanation is the account of one due-time computation, stored with a dossier and
// shown to officers and applicants (domain.md: "every computed due time must be
// explainable: which days were skipped and why"). It is JSON-friendly; instants are
// RFC 3339 in +07:00, dates YYYY-MM-DD.
type Explanation struct {
	Start  time.Time `json:"start"`
	Amount int       `json:"amount"`
	Unit   TimeUnit  `json:"unit"`
	// EffectiveStart is where counting began; StartMoved says why it differs from
	// Start ("" when it does not).
	EffectiveStart time.Time   `json:"effective_start"`
	StartMoved     StartReason `json:"start_moved,omitempty"`
	// StartSkippedDays are the non-working days between Start and EffectiveStart.
	StartSkippedDays []SkippedDay `json:"start_skipped_days,omitempty"`
	// DueWithoutStops is the due before any clock stop; Due the final due time.
	DueWithoutStops time.Time `json:"due_without_stops"`
	Due             time.Time `json:"due"`
	// LastDay is, for calendar_days, the last day of the limit before Civil Code 2015
	// art. 148(5) moves the end past non-working days.
	LastDay *Date `json:"last_day,omitempty"`
	// SkippedDays are the non-working days strictly between the effective start's
	// date and the due's date (for calendar_days: only those after LastDay, which moved
	// the end; the days inside the limit are counted).
	SkippedDays []SkippedDay `json:"skipped_days"`
	// MakeupDays are the make-up working days (làm bù) between the effective start
	// and the due, inclusive, that were counted as working days.
	MakeupDays []ScheduledDay `json:"makeup_days"`
	// Stops and their effect.
	Stops          []StopEffect  `json:"stops,omitempty"`
	StoppedTotal   time.Duration `json:"-"`
	StoppedMinutes int64         `json:"stopped_minutes"`
	// Rule is the counting rule applied, Legal its sources.
	Rule  string   `json:"rule"`
	Legal []string `json:"legal"`
	// Shifts are the weekly shifts used; Versions the calendar versions used: the
	// statutory rules and each Government schedule of the years spanned.
	Shifts   WeekShifts `json:"shifts"`
	Versions []string   `json:"calendar_versions"`
}

// DayReason says why a day is not a working day.
type DayReason string

// Reasons a day is skipped. The first three are the HolidayKind values.
const (
	ReasonHoliday     DayReason = DayReason(KindHoliday)
	ReasonInLieu      DayReason = DayReason(KindInLieu)
	ReasonScheduleOff DayReason = DayReason(KindScheduleOff)
	ReasonWeekend     DayReason = "weekend" // weekly rest day of the unit (no shifts that weekday)
)

// SkippedDay is one non-working day and why.
type SkippedDay struct {
	Date    Date      `json:"date"`
	Weekday string    `json:"weekday"`
	Reason  DayReason `json:"reason"`
	NameVI  string    `json:"name_vi"`
	NameEN  string    `json:"name_en"`
	Source  string    `json:"source,omitempty"`
}

// ScheduledDay is a make-up working day used by a computation.
type ScheduledDay struct {
	Date    Date   `json:"date"`
	Weekday string `json:"weekday"`
	NameVI  string `json:"name_vi"`
	NameEN  string `json:"name_en"`
	Source  string `json:"source,omitempty"`
}

// StopEffect is one clock stop and the time it added to the due.
type StopEffect struct {
	From         time.Time     `json:"from"`
	To           time.Time     `json:"to"`
	Reason       string        `json:"reason,omitempty"`
	Added        time.Duration `json:"-"`
	AddedMinutes int64         `json:"added_minutes"`
	AddedText    string        `json:"added,omitempty"`
	Note         string        `json:"note,omitempty"`
}

var weekdayVI = [7]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// skipped describes day dn if it is not a working day.
func (c *Calendar) skipped(dn int) (SkippedDay, bool, error) {
	shifts, info, err := c.shiftsOn(dn)
	if err != nil || len(shifts) > 0 {
		return SkippedDay{}, false, err
	}
	d := fromDayNumber(dn)
	wd := d.Weekday()
	sd := SkippedDay{Date: d, Weekday: wd.String()}
	switch info.kind {
	case KindHoliday, KindInLieu, KindScheduleOff:
		sd.Reason, sd.NameVI, sd.NameEN, sd.Source = DayReason(info.kind), info.nameVI, info.nameEN, info.source
	default:
		sd.Reason = ReasonWeekend
		sd.NameVI = "Nghỉ hằng tuần (" + weekdayVI[wd] + ")"
		sd.NameEN = "Weekly rest day (" + wd.String() + ")"
	}
	return sd, true, nil
}

// explain fills the day lists and versions of e from its start, effective start and due.
func (c *Calendar) explain(e *Explanation) error {
	startDN, _ := dayOf(e.Start)
	effDN, _ := dayOf(e.EffectiveStart)
	dueDN, _ := dayOf(e.Due)
	for dn := startDN; dn < effDN; dn++ {
		sd, ok, err := c.skipped(dn)
		if err != nil {
			return err
		}
		if ok {
			e.StartSkippedDays = append(e.StartSkippedDays, sd)
		}
	}
	from := effDN + 1
	if e.LastDay != nil {
		from = max(from, e.LastDay.dayNumber())
	}
	e.SkippedDays = []SkippedDay{}
	for dn := from; dn < dueDN; dn++ {
		sd, ok, err := c.skipped(dn)
		if err != nil {
			return err
		}
		if ok {
			e.SkippedDays = append(e.SkippedDays, sd)
		}
	}
	e.MakeupDays = []ScheduledDay{}
	for dn := effDN; dn <= dueDN; dn++ {
		info, err := c.prov.info(dn)
		if err != nil {
			return err
		}
		if info.kind == KindMakeupWorkday {
			d := fromDayNumber(dn)
			e.MakeupDays = append(e.MakeupDays, ScheduledDay{Date: d, Weekday: d.Weekday().String(), NameVI: info.nameVI, NameEN: info.nameEN, Source: info.source})
		}
	}
	e.Versions = []string{"rules:" + RulesVersion}
	for y := fromDayNumber(startDN).Year; y <= fromDayNumber(dueDN).Year; y++ {
		if s := c.prov.schedules[y]; s != nil {
			e.Versions = append(e.Versions, fmt.Sprintf("schedule:%d:%s", y, s.Version))
		}
	}
	return nil
}
