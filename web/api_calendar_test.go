package web

import (
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

func TestCalendarAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		admin := e.tokens[motcua.RoleAdmin]

		var hol struct {
			Items []calendar.Holiday
		}
		e.do("GET", "/api/v1/calendar/holidays?year=2026", "", nil, &hol)
		var tet []string
		for _, h := range hol.Items {
			if strings.Contains(h.NameVI, "Tết Nguyên đán") {
				tet = append(tet, h.Date.String())
			}
		}
		if strings.Join(tet, ",") != "2026-02-16,2026-02-17,2026-02-18,2026-02-19,2026-02-20" {
			t.Fatalf("Tết 2026: %v", tet)
		}

		// Friday 13 Feb 2026 10:00 + 3 working days skips the Tết week: due Wed 25 Feb 10:00.
		var ex calendar.Explanation
		e.do("GET", "/api/v1/calendar/due?start=2026-02-13T10:00:00%2B07:00&amount=3&unit_of_time=working_days", "", nil, &ex)
		if want := time.Date(2026, 2, 25, 10, 0, 0, 0, motcua.ICT); !ex.Due.Equal(want) {
			t.Fatalf("due %v, want %v", ex.Due, want)
		}
		if len(ex.SkippedDays) < 5 {
			t.Fatalf("explanation lists %d skipped days", len(ex.SkippedDays))
		}
		e.problem("GET", "/api/v1/calendar/due?start=yesterday&amount=3", "", nil, 400)
		e.problem("GET", "/api/v1/calendar/due?start=2026-02-13T10:00:00%2B07:00&amount=-1", "", nil, 400)
		e.problem("GET", "/api/v1/calendar/holidays?year=abc", "", nil, 400)
		e.problem("GET", "/api/v1/calendar/holidays?year=2026&unit=999.99.99.H99", "", nil, 404)

		// An administrator loads an extra day off for 2027 (a new version); due times move.
		sch := calendar.Schedule{Year: 2027, Version: "2027.1", Source: "Thông báo thử nghiệm",
			Days: []calendar.ScheduleDay{{Date: calendar.D(2027, 3, 15), Kind: calendar.ScheduleOff, NameVI: "Nghỉ thử", NameEN: "Test day off"}}}
		before := dueOn(e, "2027-03-12T09:00:00%2B07:00")
		e.problem("PUT", "/api/v1/calendar/schedules/2027", e.tokens[motcua.RoleLeader], sch, 403)
		if res := e.do("PUT", "/api/v1/calendar/schedules/2027", admin, sch, nil); res.StatusCode != 201 {
			t.Fatalf("load schedule: %d", res.StatusCode)
		}
		after := dueOn(e, "2027-03-12T09:00:00%2B07:00")
		if !after.After(before) {
			t.Fatalf("schedule change did not move the due: %v → %v", before, after)
		}
		e.problem("PUT", "/api/v1/calendar/schedules/2027", admin, sch, 409) // same version twice
		sch.Year = 2028
		e.problem("PUT", "/api/v1/calendar/schedules/2027", admin, sch, 400) // year mismatch
		var hist struct{ History []calendar.StoredSchedule }
		e.do("GET", "/api/v1/calendar/schedules/2027", "", nil, &hist)
		if len(hist.History) != 1 || hist.History[0].LoadedBy != "u-admin" {
			t.Fatalf("history: %+v", hist)
		}

		// The centre opens on Saturday mornings: a Friday-afternoon dossier counts Saturday.
		shifts := calendar.DefaultWeekShifts()
		shifts.Days[time.Saturday] = []calendar.Shift{{Start: 7*60 + 30, End: 11*60 + 30}}
		if res := e.do("PUT", "/api/v1/units/"+tCenter+"/shifts", admin, shifts, nil); res.StatusCode != 200 {
			t.Fatalf("set shifts: %d", res.StatusCode)
		}
		var exc calendar.Explanation
		e.do("GET", "/api/v1/calendar/due?unit="+tCenter+"&start=2026-11-20T16:00:00%2B07:00&amount=4&unit_of_time=working_hours", "", nil, &exc)
		if want := time.Date(2026, 11, 21, 10, 30, 0, 0, motcua.ICT); !exc.Due.Equal(want) {
			t.Fatalf("Saturday centre due %v, want %v", exc.Due, want)
		}
		bad := map[string]any{"monday": []map[string]string{{"start": "11:00", "end": "08:00"}}, "makeup_as": "monday"}
		e.problem("PUT", "/api/v1/units/"+tCenter+"/shifts", admin, bad, 400)
		res, body := e.get("/api/v1/calendar/ical/2026.ics")
		if res.StatusCode != 200 || !strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Fatalf("ical: %d", res.StatusCode)
		}
	})
}

func dueOn(e *testEnv, start string) time.Time {
	var ex calendar.Explanation
	e.do("GET", "/api/v1/calendar/due?start="+start+"&amount=2", "", nil, &ex)
	return ex.Due
}

// TestScheduleChangeKeepsReceivedDue loads a schedule that adds a day off inside a
// received dossier's window: the dossier keeps its due time and records the calendar
// versions it used, while a new dossier gets the new due.
func TestScheduleChangeKeepsReceivedDue(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	clock := time.Date(2027, 3, 8, 9, 0, 0, 0, motcua.ICT)
	e.db.Now = func() time.Time { return clock }
	for _, r := range []motcua.Role{motcua.RoleReceptionist, motcua.RoleAdmin, motcua.RoleViewer} {
		e.tokens[r] = e.login("u-"+string(r), tPassword) // sessions made before the clock moved have expired
	}
	recv := map[string]any{"procedure_code": "1.004227",
		"applicant": map[string]any{"kind": "person", "full_name": "Hà Văn Sơn", "id_number": "020095000002", "phone": "0912000222", "address": "Lạng Sơn"},
		"papers":    []map[string]any{{"name": "Tờ khai", "originals": 1}}}
	var d1 dossierJSON
	e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d1)
	sch := calendar.Schedule{Year: 2027, Version: "2027.2", Source: "thử",
		Days: []calendar.ScheduleDay{{Date: calendar.D(2027, 3, 15), Kind: calendar.ScheduleOff, NameVI: "Nghỉ thêm", NameEN: "Extra day off"}}}
	if res := e.do("PUT", "/api/v1/calendar/schedules/2027", e.tokens[motcua.RoleAdmin], sch, nil); res.StatusCode != 201 {
		t.Fatalf("load: %d", res.StatusCode)
	}
	var again dossierJSON
	e.do("GET", "/api/v1/dossiers/"+d1.Code, e.tokens[motcua.RoleViewer], nil, &again)
	if !again.DueAt.Equal(d1.DueAt) {
		t.Fatalf("schedule change rewrote a received dossier's due: %v → %v", d1.DueAt, again.DueAt)
	}
	if len(again.CalendarVersions) == 0 {
		t.Fatal("no calendar versions recorded")
	}
	var d2 dossierJSON
	e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d2)
	if !d2.DueAt.After(d1.DueAt) || slicesEqual(d2.CalendarVersions, d1.CalendarVersions) {
		t.Fatalf("new dossier ignores the new schedule: %v %v", d2.DueAt, d2.CalendarVersions)
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, "|") == strings.Join(b, "|") }
