package web

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// dashScenario is a small province whose dashboard and public figures are known by
// hand. At the scenario's "now", Monday 9 March 2026 09:00:
//   - P was received on 4 March 2025 (the same period of the previous year) and is
//     still pending: overdue;
//   - O was received on 2 February 2026 and never transferred: overdue;
//   - L was received on 2 February 2026, transferred at once (the centre's step on
//     time) and assigned, appraised and approved this morning: resolved today, late,
//     the late step at the department; its result was returned this morning;
//   - B was received so that its legal due (10 working days) falls at 14:00 today;
//   - C1 and C2 were received at the counter this morning.
//
// Every applicant carries the same personal data, which no public answer may show.
type dashScenario struct {
	e     *testEnv
	clock *time.Time
	codes map[string]string
	// browsers are logged in before the clock is set back to 2026 (a session cookie
	// dated then would be expired for the client's real clock).
	browsers map[motcua.Role]*browser
}

var (
	dashNow       = time.Date(2026, 3, 9, 9, 0, 0, 0, motcua.ICT)
	dashApplicant = map[string]any{"kind": "person", "full_name": "Lường Thị Thanh Xuân", "id_number": "020188004321",
		"phone": "0987654321", "address": "Thôn Bản Mạ, xã Thụy Hùng, Lạng Sơn"}
	dashPersonal = []string{"Lường Thị Thanh Xuân", "Luong Thi", "020188004321", "0987654321", "0987 654 321", "Bản Mạ"}
)

func newDashScenario(t *testing.T, db *sqldb.DB) *dashScenario {
	t.Helper()
	e := newTestEnv(t, db)
	t.Cleanup(e.srv.CloseQueue)
	e.srv.lookupRate = newRateLimiter(10000, time.Minute)
	browsers := map[motcua.Role]*browser{}
	for _, r := range []motcua.Role{motcua.RoleDirector, motcua.RoleLeader, motcua.RoleReceptionist} {
		browsers[r] = e.browser("u-" + string(r))
	}
	clock := dashNow
	db.Now = func() time.Time { return clock }
	sc := &dashScenario{e: e, clock: &clock, codes: map[string]string{}, browsers: browsers}
	versions := map[string]int{}
	receive := func(name string, at time.Time) {
		t.Helper()
		clock = at
		var d dossierJSON
		body := map[string]any{"procedure_code": "1.004227", "applicant": dashApplicant, "papers": []map[string]any{{"name": "Tờ khai", "originals": 1}}}
		if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], body, &d); res.StatusCode != 201 {
			t.Fatalf("receive %s: %d", name, res.StatusCode)
		}
		sc.codes[name], versions[name] = d.Code, d.Version
	}
	act := func(name string, at time.Time, role motcua.Role, action string, body any) {
		t.Helper()
		clock = at
		st, d, p := e.act(role, sc.codes[name], action, versions[name], body)
		if st != 200 {
			t.Fatalf("%s %s as %s: %d %+v", name, action, role, st, p)
		}
		versions[name] = d.Version
	}
	receive("P", time.Date(2025, 3, 4, 9, 0, 0, 0, motcua.ICT))
	receive("O", time.Date(2026, 2, 2, 9, 0, 0, 0, motcua.ICT))
	receive("L", time.Date(2026, 2, 2, 9, 5, 0, 0, motcua.ICT))
	act("L", time.Date(2026, 2, 2, 9, 30, 0, 0, motcua.ICT), motcua.RoleReceptionist, "transfer", nil)
	receive("B", dueTodayStart(t, e))
	receive("C1", time.Date(2026, 3, 9, 7, 40, 0, 0, motcua.ICT))
	receive("C2", time.Date(2026, 3, 9, 7, 50, 0, 0, motcua.ICT))
	act("L", time.Date(2026, 3, 9, 8, 0, 0, 0, motcua.ICT), motcua.RoleLeader, "assign", map[string]any{"assignee": "u-processor"})
	act("L", time.Date(2026, 3, 9, 8, 10, 0, 0, motcua.ICT), motcua.RoleProcessor, "propose_result", map[string]any{"summary": "Đủ điều kiện"})
	act("L", time.Date(2026, 3, 9, 8, 20, 0, 0, motcua.ICT), motcua.RoleLeader, "approve", map[string]any{"document_sha256": strings.Repeat("cd", 32)})
	act("L", time.Date(2026, 3, 9, 8, 30, 0, 0, motcua.ICT), motcua.RoleReceptionist, "return_result",
		map[string]any{"recipient": map[string]any{"name": dashApplicant["full_name"], "id_number": dashApplicant["id_number"]}})

	// the queue this morning: three tickets for service A, the first being served
	clock = time.Date(2026, 3, 9, 8, 40, 0, 0, motcua.ICT)
	a, _, c1, _ := queueEnv(t, e)
	for i := 0; i < 3; i++ {
		if res := e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID}, nil); res.StatusCode != 201 {
			t.Fatalf("ticket: %d", res.StatusCode)
		}
	}
	clock = clock.Add(5 * time.Minute)
	for _, step := range []string{"call-next", "start"} {
		if res := e.do("POST", fmt.Sprintf("/api/v1/counters/%d/%s", c1.ID, step), e.tokens[motcua.RoleReceptionist], nil, nil); res.StatusCode != 200 {
			t.Fatalf("%s: %d", step, res.StatusCode)
		}
	}
	// ratings today: three very satisfied, one dissatisfied
	ctx := context.Background()
	for _, lv := range []string{rating.VerySatisfied, rating.VerySatisfied, rating.VerySatisfied, rating.Dissatisfied} {
		if _, err := db.ExecContext(ctx, `INSERT INTO ratings (at, level, channel, counter_id, officer, unit_code) VALUES ($1,$2,'terminal',$3,'u-receptionist',$4)`,
			clock.UTC(), lv, c1.ID, tCenter); err != nil {
			t.Fatal(err)
		}
	}
	clock = dashNow
	return sc
}

// dueTodayStart finds the receiving instant whose due, 10 working days later, falls at
// 14:00 on the scenario's day (the search reads the working calendar, Tết included).
func dueTodayStart(t *testing.T, e *testEnv) time.Time {
	t.Helper()
	for d := 1; d < 40; d++ {
		start := time.Date(2026, 3, 9-d, 14, 0, 0, 0, motcua.ICT)
		var ex calendar.Explanation
		e.do("GET", "/api/v1/calendar/due?start="+url.QueryEscape(start.Format(time.RFC3339))+"&amount=10&unit_of_time=working_days", "", nil, &ex)
		if ex.Due.Equal(time.Date(2026, 3, 9, 14, 0, 0, 0, motcua.ICT)) {
			return start
		}
	}
	t.Fatal("no start gives a due at 14:00 on 9 March")
	return time.Time{}
}

func TestDashboardFigures(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		sc := newDashScenario(t, db)
		e := sc.e
		var d dashboard
		if res := e.do("GET", "/api/v1/reports/dashboard", e.tokens[motcua.RoleDirector], nil, &d); res.StatusCode != 200 {
			t.Fatalf("dashboard: %d", res.StatusCode)
		}
		want := dashToday{Received: 2, ReceivedCounter: 2, Resolved: 1, ResolvedLate: 1, Returned: 1,
			Pending: 5, PendingWithinDeadline: 2} // P, O, B, C1, C2 pending; B's due falls today
		if d.Unit != "" || d.Day != calendar.D(2026, 3, 9) || d.Today != want {
			t.Errorf("today = %+v, want %+v", d.Today, want)
		}
		if d.OverdueNow != 2 || d.DueToday != 1 {
			t.Errorf("overdue now %d (want 2: P, O), due today %d (want 1: B)", d.OverdueNow, d.DueToday)
		}
		// the late step was the department's: the dossier counts against it
		if len(d.LateUnits) != 1 || d.LateUnits[0].Unit != tDept || d.LateUnits[0].Handled != 1 || d.LateUnits[0].Late != 1 ||
			*d.LateUnits[0].LateRate != 100 || d.LateFrom != calendar.D(2026, 3, 1) {
			t.Errorf("late units: %+v", d.LateUnits)
		}
		if len(d.Daily) != dashDays || d.Daily[0].Day != calendar.D(2026, 2, 8) || d.Daily[dashDays-1] != (dashDay{Day: d.Day, Received: 2, Resolved: 1}) {
			t.Errorf("daily: first %+v last %+v", d.Daily[0], d.Daily[len(d.Daily)-1])
		}
		if len(d.Monthly) != dashMonths || d.Monthly[0].Month != "2025-04" || d.Monthly[11].Month != "2026-03" ||
			d.Monthly[11].Resolved != 1 || d.Monthly[11].Late != 1 || *d.Monthly[11].OnTimeRate != 0 || d.Monthly[10].OnTimeRate != nil {
			t.Errorf("monthly: %+v", d.Monthly)
		}
		q := d.Queue
		if q.Issued != 3 || q.Waiting != 2 || len(q.Services) != 2 || q.Services[0].Code != "A" || q.Services[0].Waiting != 2 ||
			q.Services[0].Issued != 3 || len(q.Counters) != 2 || q.Counters[0].Current != "A001" || q.Counters[0].Called != 1 || q.MedianWaitSec != 300 {
			t.Errorf("queue: %+v", q)
		}
		if d.Ratings.Total != 4 || d.Ratings.Positive.Percent != 75 {
			t.Errorf("ratings: %+v", d.Ratings)
		}
		// the counts match the dossier book the cards link to
		var book struct{ Total int }
		e.do("GET", "/api/v1/dossiers?overdue=true&status="+statusList(openStates), e.tokens[motcua.RoleDirector], nil, &book)
		if book.Total != d.OverdueNow {
			t.Errorf("book overdue %d, dashboard %d", book.Total, d.OverdueNow)
		}

		// the next morning nothing is received yet; B is overdue now
		*sc.clock = time.Date(2026, 3, 10, 8, 0, 0, 0, motcua.ICT)
		d = dashboard{}
		e.do("GET", "/api/v1/reports/dashboard", e.tokens[motcua.RoleDirector], nil, &d)
		if d.Today.Received != 0 || d.OverdueNow != 3 || d.DueToday != 0 || d.Queue.Issued != 0 || d.Ratings.Total != 0 {
			t.Errorf("next day: %+v overdue %d due %d", d.Today, d.OverdueNow, d.DueToday)
		}
	})
}

func TestDashboardScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		sc := newDashScenario(t, db)
		e := sc.e
		// the department's leader sees the department only
		var d dashboard
		if res := e.do("GET", "/api/v1/reports/dashboard", e.tokens[motcua.RoleLeader], nil, &d); res.StatusCode != 200 || d.Unit != tDept || d.UnitName != "Sở Tư pháp" {
			t.Fatalf("leader: %d %+v", res.StatusCode, d.Unit)
		}
		if d.Today.Received != 2 || len(d.LateUnits) != 1 || d.LateUnits[0].Unit != tDept || d.Queue.Issued != 0 || d.Ratings.Total != 0 {
			t.Errorf("leader's figures: today %+v late %+v queue %+v ratings %d", d.Today, d.LateUnits, d.Queue, d.Ratings.Total)
		}
		var book struct{ Total int }
		e.do("GET", "/api/v1/dossiers?overdue=true&status="+statusList(openStates), e.tokens[motcua.RoleLeader], nil, &book)
		if book.Total != d.OverdueNow {
			t.Errorf("leader: book overdue %d, dashboard %d", book.Total, d.OverdueNow)
		}
		e.problem("GET", "/api/v1/reports/dashboard?unit="+tCenter, e.tokens[motcua.RoleLeader], nil, http.StatusForbidden)
		// the director may look at one unit
		d = dashboard{}
		e.do("GET", "/api/v1/reports/dashboard?unit="+tCenter, e.tokens[motcua.RoleDirector], nil, &d)
		if d.Unit != tCenter || d.Today.Received != 0 || d.Queue.Issued != 3 || d.Ratings.Total != 4 {
			t.Errorf("director on the centre: %+v queue %d ratings %d", d.Today, d.Queue.Issued, d.Ratings.Total)
		}
		// a receptionist has no report.read: refused on the page, the fragment and the API
		e.problem("GET", "/api/v1/reports/dashboard", e.tokens[motcua.RoleReceptionist], nil, http.StatusForbidden)
		rc := sc.browsers[motcua.RoleReceptionist]
		for _, p := range []string{"/dashboard", "/dashboard/live"} {
			res, body := rc.get(p)
			wantStatus(t, "receptionist "+p, res, body, http.StatusForbidden)
		}
		_, home := rc.get("/me")
		if strings.Contains(home, `href="/dashboard"`) {
			t.Error("the receptionist's menu links the dashboard")
		}
		// anonymous: to the login page
		if res, _ := e.get("/dashboard"); res.Request.URL.Path != "/login" {
			t.Errorf("anonymous dashboard ends at %s", res.Request.URL)
		}
		// a leader's page and fragment show the department's figures; another unit is refused
		lb := sc.browsers[motcua.RoleLeader]
		res, body := lb.get("/dashboard")
		wantStatus(t, "leader page", res, body, http.StatusOK)
		wantText(t, "leader page", body, "Bảng điều hành · Sở Tư pháp", `data-live="/dashboard/live"`)
		if strings.Contains(body, `id="d-unit"`) {
			t.Error("a unit-bound leader is offered other units")
		}
		res, body = lb.get("/dashboard?unit=" + tCenter)
		wantStatus(t, "leader on another unit", res, body, http.StatusForbidden)
	})
}

// figureOf returns the number in the element carrying data-figure="name".
func figureOf(t *testing.T, page, name string) string {
	t.Helper()
	m := regexp.MustCompile(`data-figure="` + name + `">([^<]*)<`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no figure %q in the page", name)
	}
	return html.UnescapeString(m[1])
}

func TestDashboardPage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		sc := newDashScenario(t, db)
		e := sc.e
		b := sc.browsers[motcua.RoleDirector]
		res, body := b.get("/dashboard")
		wantStatus(t, "dashboard", res, body, http.StatusOK)
		wantText(t, "dashboard", body, "Bảng điều hành", "Hồ sơ đang quá hạn", "Đến hạn trong hôm nay", `href="/dashboard">Điều hành</a>`,
			`<svg xmlns="http://www.w3.org/2000/svg"`, "Tỷ lệ giải quyết đúng hạn 12 tháng qua", "Sở Tư pháp: 100%",
			`<script src="/static/dashboard.js" defer></script>`, `<noscript><meta http-equiv="refresh" content="60"></noscript>`,
			`href="/book?due_before=2026-03-09&due_from=2026-03-09T09%3A00%3A00%2B07%3A00&status=received%2Cin_processing"`, `id="d-unit"`)
		// The book behind the "due later today" card lists exactly the card's dossiers.
		lres, list := b.get("/api/v1/dossiers?due_before=2026-03-09&due_from=2026-03-09T09%3A00%3A00%2B07%3A00&status=received%2Cin_processing")
		wantStatus(t, "due today list", lres, list, http.StatusOK)
		wantText(t, "due today list", list, `"total":1`)
		for name, want := range map[string]string{"received": "2", "resolved": "1", "returned": "1", "overdue": "2", "due-today": "1", "within": "2"} {
			if got := figureOf(t, body, name); got != want {
				t.Errorf("card %s = %q, want %q", name, got, want)
			}
		}
		// the live fragment: the same cards, no layout; a dossier received meanwhile shows up
		*sc.clock = time.Date(2026, 3, 9, 9, 30, 0, 0, motcua.ICT)
		var d dossierJSON
		e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], map[string]any{"procedure_code": "1.004227",
			"applicant": dashApplicant, "papers": []map[string]any{{"name": "Tờ khai", "originals": 1}}}, &d)
		res, frag := b.get("/dashboard/live")
		wantStatus(t, "live", res, frag, http.StatusOK)
		if strings.Contains(frag, "<html") || strings.Contains(frag, "<nav") || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("the fragment is a whole page or cacheable:\n%.300s", frag)
		}
		if got := figureOf(t, frag, "received"); got != "3" {
			t.Errorf("live received = %q, want 3", got)
		}
		wantText(t, "live", frag, "Số liệu lúc 09/03/2026 09:30")
		// English
		res, en := b.get("/dashboard?lang=en")
		wantStatus(t, "dashboard en", res, en, http.StatusOK)
		wantText(t, "dashboard en", en, "Director's dashboard", "Dossiers overdue now", "Due later today", "On-time rate, last 12 months")
		if strings.Contains(en, "Hồ sơ đang quá hạn") {
			t.Error("English page shows Vietnamese")
		}
	})
}

func TestTransparencyPublic(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		sc := newDashScenario(t, db)
		e := sc.e
		noPersonal := func(what, body string) {
			t.Helper()
			for _, s := range append(dashPersonal, sc.codes["L"], sc.codes["P"], "u-receptionist", "u-processor", "Người dùng") {
				if strings.Contains(html.UnescapeString(body), s) {
					t.Errorf("%s shows %q", what, s)
				}
			}
		}
		res, page := e.get("/minh-bach?period=2026-03")
		wantStatus(t, "public page", res, page, http.StatusOK)
		noPersonal("public page", page)
		wantText(t, "public page", page, "Công khai kết quả giải quyết thủ tục hành chính · tháng 3/2026", "Từ 01/03/2026 đến 09/03/2026",
			"kỳ đang diễn ra", "Sở Tư pháp: 100% (1/1 hồ sơ)", "Cùng kỳ năm trước: 1 (gấp 2 lần)", "/api/v1/public/reports/units.csv?period=2026-03",
			`<option value="2026-Q1">quý I/2026</option>`, `<option value="2026">năm 2026</option>`, `max="2026-03"`)
		for name, want := range map[string]string{"received": "2", "resolved": "1", "on-time-rate": "0%", "pending-overdue": "3", "satisfied": "75%"} {
			if got := figureOf(t, page, name); got != want {
				t.Errorf("public %s = %q, want %q", name, got, want)
			}
		}

		// open data: JSON and CSV carry the page's numbers
		var rep transparency
		res = e.do("GET", "/api/v1/public/reports/units.json?period=2026-03", "", nil, &rep)
		if res.StatusCode != 200 || rep.Period.From != calendar.D(2026, 3, 1) || rep.Period.To != calendar.D(2026, 3, 9) || rep.Period.Complete {
			t.Fatalf("json: %d %+v", res.StatusCode, rep.Period)
		}
		if rep.Total.Received != 2 || rep.Total.ReceivedPreviousYear != 1 || *rep.Total.ReceivedRatio != 2 || rep.Total.PendingOverdue != 3 {
			t.Errorf("json total: %+v", rep.Total)
		}
		if len(rep.LateUnits) != 1 || rep.LateUnits[0].Unit != tDept || len(rep.Months) != 6 || rep.Months[5] != "2026-03" || rep.Months[0] != "2025-10" {
			t.Errorf("json late units %+v months %v", rep.LateUnits, rep.Months)
		}
		var dept *pubUnit
		for i := range rep.Units {
			if rep.Units[i].Unit == tDept {
				dept = &rep.Units[i]
			}
		}
		if dept == nil || dept.Received != 2 || dept.Resolved != 1 || dept.ResolvedLate != 1 || *dept.LateRate != 100 ||
			dept.PendingOverdue != 3 || dept.Handled != 1 || dept.LateAttributed != 1 {
			t.Fatalf("json department: %+v", dept)
		}
		req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/public/reports/units.csv?period=2026-03", nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw := readAll(res)
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") || !strings.HasPrefix(res.Header.Get("Cache-Control"), "public, max-age=") {
			t.Fatalf("csv: %d %v", res.StatusCode, res.Header)
		}
		noPersonal("csv", raw)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, "\uFEFF"))).ReadAll()
		if err != nil || len(rows) != len(rep.Units)+1 || strings.Join(rows[0], ",") != strings.Join(openDataColumns, ",") {
			t.Fatalf("csv rows: %v %q", err, raw)
		}
		col := map[string]int{}
		for i, c := range rows[0] {
			col[c] = i
		}
		for _, r := range rows[1:] {
			if r[col["unit_code"]] != tDept {
				continue
			}
			for name, want := range map[string]string{"received": "2", "resolved": "1", "resolved_late": "1", "late_rate": "100", "on_time_rate": "0",
				"pending_overdue": "3", "late_attributed": "1", "unit_name": "Sở Tư pháp", "period": "2026-03", "to": "2026-03-09"} {
				if r[col[name]] != want {
					t.Errorf("csv %s = %q, want %q", name, r[col[name]], want)
				}
			}
			// the same row on the page
			row := between(page, `<tr data-unit="`+tDept+`">`, `</tr>`)
			if !strings.Contains(row, `<td class="num">`+r[col["received"]]+`</td><td class="num">`+r[col["resolved"]]+`</td>`) {
				t.Errorf("page row %q differs from the CSV %v", row, r)
			}
		}

		// caching: the same ETag answers 304
		etag := res.Header.Get("ETag")
		req.Header.Set("If-None-Match", etag)
		res, _ = http.DefaultClient.Do(req)
		res.Body.Close()
		if etag == "" || res.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match %s: %d", etag, res.StatusCode)
		}
		// a closed period is cached longer; a bad or future period is refused
		res, _ = e.get("/api/v1/public/reports/units.json?period=2026-Q1")
		if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=300" {
			t.Errorf("running quarter: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
		}
		res, _ = e.get("/api/v1/public/reports/units.json?period=2025")
		if res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=3600" {
			t.Errorf("closed year: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
		}
		for _, bad := range []string{"2026-13", "2026-04", "1999", "march"} {
			if p := e.problem("GET", "/api/v1/public/reports/units.csv?period="+bad, "", nil, 400); p.Field != "period" {
				t.Errorf("period %s: %+v", bad, p)
			}
		}
		res, page = e.get("/minh-bach?period=2027")
		wantStatus(t, "future period page", res, page, http.StatusBadRequest)
		wantText(t, "future period page", page, "Kỳ báo cáo không hợp lệ")

		// English
		res, page = e.get("/minh-bach?period=2026-Q1&lang=en")
		wantStatus(t, "public page en", res, page, http.StatusOK)
		wantText(t, "public page en", page, "Public results of administrative procedures · quarter I/2026", `<option value="2026-Q1" selected>quarter I/2026</option>`, "Agencies with the highest late rates", "Open data")

		// rate limited like the public lookup
		e.srv.lookupRate = newRateLimiter(2, time.Minute)
		e.get("/minh-bach")
		e.get("/api/v1/public/reports/units.json")
		e.problem("GET", "/api/v1/public/reports/units.csv", "", nil, http.StatusTooManyRequests)
	})
}

func TestParsePeriod(t *testing.T) {
	today := calendar.D(2026, 3, 9)
	tests := []struct {
		in               string
		kind, key        string
		from, to         calendar.Date
		complete, failed bool
	}{
		{"", periodMonth, "2026-03", calendar.D(2026, 3, 1), today, false, false},
		{"2026-02", periodMonth, "2026-02", calendar.D(2026, 2, 1), calendar.D(2026, 2, 28), true, false},
		{"2024-02", periodMonth, "2024-02", calendar.D(2024, 2, 1), calendar.D(2024, 2, 29), true, false},
		{" 2025-q4 ", periodQuarter, "2025-Q4", calendar.D(2025, 10, 1), calendar.D(2025, 12, 31), true, false},
		{"2026-Q1", periodQuarter, "2026-Q1", calendar.D(2026, 1, 1), today, false, false},
		{"2025", periodYear, "2025", calendar.D(2025, 1, 1), calendar.D(2025, 12, 31), true, false},
		{"2026", periodYear, "2026", calendar.D(2026, 1, 1), today, false, false},
		{"2026-04", "", "", calendar.Date{}, calendar.Date{}, false, true},
		{"2026-Q2", "", "", calendar.Date{}, calendar.Date{}, false, true},
		{"2026-00", "", "", calendar.Date{}, calendar.Date{}, false, true},
		{"2026-Q5", "", "", calendar.Date{}, calendar.Date{}, false, true},
		{"1999", "", "", calendar.Date{}, calendar.Date{}, false, true},
		{"2026-3", "", "", calendar.Date{}, calendar.Date{}, false, true},
		{"tháng 3", "", "", calendar.Date{}, calendar.Date{}, false, true},
	}
	for _, tt := range tests {
		p, err := parsePeriod(tt.in, today)
		if tt.failed {
			if e := motcua.AsError(err); e == nil || e.Code != motcua.EINVALID || e.Field != "period" {
				t.Errorf("parsePeriod(%q) = %+v, %v; want a period error", tt.in, p, err)
			}
			continue
		}
		if err != nil || p.Kind != tt.kind || p.Key != tt.key || p.From != tt.from || p.To != tt.to || p.Complete != tt.complete {
			t.Errorf("parsePeriod(%q) = %+v, %v", tt.in, p, err)
		}
	}
}

func TestPeriodLabel(t *testing.T) {
	today := calendar.D(2026, 12, 31)
	tests := []struct{ key, vi, en string }{
		{"2026-03", "tháng 3/2026", "month 3/2026"},
		{"2026-Q3", "quý III/2026", "quarter III/2026"},
		{"2025", "năm 2025", "year 2025"},
	}
	for _, tt := range tests {
		p, err := parsePeriod(tt.key, today)
		if err != nil || p.Label("vi") != tt.vi || p.Label("en") != tt.en {
			t.Errorf("%s: %q / %q (%v)", tt.key, p.Label("vi"), p.Label("en"), err)
		}
	}
}

func TestYearMonth(t *testing.T) {
	tests := []struct {
		m     yearMonth
		n     int
		want  string
		last  calendar.Date
		label string
	}{
		{yearMonth{2026, 3}, 0, "2026-03", calendar.D(2026, 3, 31), "T3/2026"},
		{yearMonth{2026, 3}, -11, "2025-04", calendar.D(2025, 4, 30), "T4/2025"},
		{yearMonth{2026, 1}, -1, "2025-12", calendar.D(2025, 12, 31), "T12/2025"},
		{yearMonth{2025, 12}, 1, "2026-01", calendar.D(2026, 1, 31), "T1/2026"},
		{yearMonth{2024, 3}, -1, "2024-02", calendar.D(2024, 2, 29), "T2/2024"},
		{yearMonth{2026, 5}, -29, "2023-12", calendar.D(2023, 12, 31), "T12/2023"},
	}
	for _, tt := range tests {
		got := tt.m.Add(tt.n)
		if got.String() != tt.want || got.Last() != tt.last || got.Label("vi") != tt.label {
			t.Errorf("%v.Add(%d) = %v (last %v, %q)", tt.m, tt.n, got, got.Last(), got.Label("vi"))
		}
	}
	if from, to, ok := (yearMonth{2026, 3}).clip(calendar.D(2026, 3, 9)); !ok || from != calendar.D(2026, 3, 1) || to != calendar.D(2026, 3, 9) {
		t.Errorf("clip to today: %v %v %v", from, to, ok)
	}
	if _, _, ok := (yearMonth{2026, 4}).clip(calendar.D(2026, 3, 9)); ok {
		t.Error("a month not begun is clipped as if it had")
	}
}

func TestSpread(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		rates []*float64
		want  *float64
	}{
		{nil, nil},
		{[]*float64{nil, f(8.16), nil}, nil},
		{[]*float64{f(8.16), f(8.9), nil, f(10.08)}, f(1.92)},
		{[]*float64{f(0), f(0)}, f(0)},
		{[]*float64{f(28.73), f(21.64)}, f(7.09)},
	}
	for _, tt := range tests {
		got := spread(tt.rates)
		if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
			t.Errorf("spread(%v) = %v, want %v", tt.rates, got, tt.want)
		}
	}
}

func TestFiguresFormat(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	vi, en := figures{"vi"}, figures{"en"}
	tests := []struct{ got, want string }{
		{vi.N(1234567), "1.234.567"},
		{en.N(1234567), "1,234,567"},
		{vi.Pct(f(99.68)), "99,68%"},
		{en.Pct(f(99.68)), "99.68%"},
		{vi.Pct(nil), "–"},
		{vi.Pct(f(100)), "100%"},
		{vi.Ratio(f(3.2)), "3,2 lần"},
		{en.Ratio(f(3.2)), "3.2×"},
		{vi.Points(f(1.92)), "1,92 điểm %"},
		{vi.Minutes(90), "1,5"},
		{vi.D(calendar.D(2026, 3, 9)), "09/03/2026"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestEtagMatch(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"x", "abc"`, true},
		{`*`, true},
		{`"abd"`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := etagMatch(tt.header, `"abc"`); got != tt.want {
			t.Errorf("etagMatch(%q) = %v", tt.header, got)
		}
	}
}

// TestDashboardJSONShape checks that the JSON the API documents has the names the
// OpenAPI schema gives.
func TestDashboardJSONShape(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]any `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]any{"Dashboard": dashboard{}, "DashboardToday": dashToday{}, "PublicReport": transparency{},
		"PublicUnitFigures": pubUnit{}, "PublicTotal": pubTotal{}, "PublicMonthlyLate": pubMonthly{}, "DashboardQueue": dashQueue{}} {
		b, _ := json.Marshal(v)
		var m map[string]any
		json.Unmarshal(b, &m)
		props := doc.Components.Schemas[name].Properties
		for k := range m {
			if _, ok := props[k]; !ok {
				t.Errorf("%s: JSON field %q not in the OpenAPI schema", name, k)
			}
		}
		for k := range props {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: schema property %q not in the JSON", name, k)
			}
		}
	}
}
