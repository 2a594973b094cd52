package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// deviceClient is a browser without a user session (a kiosk, a board, a tablet) that
// keeps cookies and does not follow redirects.
func deviceClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func mustContain(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Fatalf("%s lacks %q", what, w)
		}
	}
}

func countRatings(t *testing.T, db *sqldb.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), `SELECT COUNT(*) FROM ratings`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQueuePages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	t.Cleanup(e.srv.CloseQueue)
	a, b, c1, c2 := queueEnv(t, e)
	kiosk := deviceClient()

	// kiosk: the unit list, then the unit's services as big buttons
	st, body := e.page(kiosk, "/kiosk")
	if st != 200 || !strings.Contains(body, "/kiosk?unit="+tCenter) {
		t.Fatalf("kiosk units: %d", st)
	}
	st, body = e.page(kiosk, "/kiosk?unit="+tCenter)
	mustContain(t, "kiosk", body, `action="/kiosk"`, fmt.Sprintf(`name="service_id" value="%d"`, a.ID), "Lý lịch tư pháp", "Đất đai", "Mời chọn lĩnh vực", `lang="vi"`)
	if st != 200 || strings.Contains(body, "csrf_token") || strings.Contains(body, "<nav") {
		t.Fatalf("kiosk: %d (no session: no token; full screen: no navigation)", st)
	}
	// a press: a plain form post, no session and no token, then the ticket
	res, _ := e.post(kiosk, "/kiosk", url.Values{"unit": {tCenter}, "service_id": {fmt.Sprint(a.ID)}, "print": {"1"}})
	loc := res.Header.Get("Location")
	if res.StatusCode != 303 || !strings.HasPrefix(loc, "/kiosk/tickets/") || !strings.HasSuffix(loc, "?print=1") {
		t.Fatalf("issue: %d %s", res.StatusCode, loc)
	}
	e.post(kiosk, "/kiosk", url.Values{"unit": {tCenter}, "service_id": {fmt.Sprint(a.ID)}})
	st, body = e.page(kiosk, loc)
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/kiosk/tickets/"), "?print=1")
	mustContain(t, "ticket", body, `class="qslip"`, "data-autoprint", ">A001<", "Lý lịch tư pháp", "data:image/png;base64,", "/ve/"+id,
		"Thời gian chờ dự kiến", `http-equiv="refresh" content="30;url=/kiosk?unit=`+tCenter+`&amp;print=1"`)
	if st != 200 {
		t.Fatalf("ticket: %d", st)
	}
	if st, _ := e.page(kiosk, "/kiosk/tickets/999"); st != 404 {
		t.Fatalf("unknown ticket: %d", st)
	}
	// a form from another site is refused (cross-origin protection)
	req, _ := http.NewRequest("POST", e.ts.URL+"/kiosk", strings.NewReader(url.Values{"service_id": {fmt.Sprint(a.ID)}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res, _ := kiosk.Do(req); res.StatusCode != 403 {
		t.Fatalf("cross-site kiosk post: %d", res.StatusCode)
	}
	if res, body := e.post(kiosk, "/kiosk", url.Values{"unit": {tCenter}, "service_id": {"x"}}); res.StatusCode != 400 || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("bad service: %d", res.StatusCode)
	}

	// the phone page: status and people ahead, no personal data, refreshes itself
	st, body = e.page(kiosk, "/ve/"+id)
	mustContain(t, "phone", body, "Số thứ tự A001", "Đang chờ", `data-follow="/api/v1/queue/tickets/`+id+`"`, `http-equiv="refresh"`)
	if st != 200 || strings.Contains(body, "u-receptionist") {
		t.Fatalf("phone: %d", st)
	}

	// the counter: the receptionist calls, recalls, starts, finishes with a dossier code
	rc := e.browser("u-receptionist")
	cpath := fmt.Sprintf("/counter/%d", c1.ID)
	if _, body := rc.get("/counter"); !strings.Contains(body, `href="`+cpath+`"`) {
		t.Fatal("counter list")
	}
	res, body = rc.get(cpath)
	mustContain(t, "counter", body, "Gọi số tiếp theo", "Danh sách chờ (2)", ">A001<", ">A002<", `action="`+cpath+`/call-next"`)
	if res.StatusCode != 200 {
		t.Fatalf("counter: %d", res.StatusCode)
	}
	// no token, no action
	if res, err := rc.c.PostForm(e.ts.URL+cpath+"/call-next", url.Values{}); err != nil || res.StatusCode != 403 {
		t.Fatalf("call without CSRF token: %v %d", err, res.StatusCode)
	}
	if res, _ := rc.post(cpath+"/call-next", url.Values{}); res.StatusCode != 303 || res.Header.Get("Location") != cpath+"?done=call-next" {
		t.Fatalf("call next: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	_, body = rc.get(cpath + "?done=call-next")
	mustContain(t, "called", body, `data-current-number>A001<`, "Đã gọi số tiếp theo", "/recall", "/start", "/no-show", "/transfer", "Danh sách chờ (1)")
	rc.post(cpath+"/recall", url.Values{})
	rc.post(cpath+"/start", url.Values{})
	_, body = rc.get(cpath)
	mustContain(t, "serving", body, `name="dossier_code"`, `href="/intake"`, "Đang phục vụ")
	if res, body := rc.post(cpath+"/finish", url.Values{"dossier_code": {"000.00.01.H37-000000-0000"}}); res.StatusCode != 422 || !strings.Contains(body, "Không tìm thấy hồ sơ có mã này") {
		t.Fatalf("finish with an unknown dossier: %d", res.StatusCode)
	}
	if res, _ := rc.post(cpath+"/finish", url.Values{}); res.StatusCode != 303 {
		t.Fatalf("finish: %d", res.StatusCode)
	}
	if res, _ := rc.post(cpath+"/finish", url.Values{}); res.StatusCode != 404 {
		t.Fatalf("finish with nothing current: %d", res.StatusCode)
	}
	// transfer the next one to service B, then counter 2 calls it
	rc.post(cpath+"/call-next", url.Values{})
	if res, _ := rc.post(cpath+"/transfer", url.Values{"target": {fmt.Sprintf("s:%d", b.ID)}}); res.StatusCode != 303 {
		t.Fatalf("transfer: %d", res.StatusCode)
	}
	rc.post(fmt.Sprintf("/counter/%d/call-next", c2.ID), url.Values{})
	if cur, _ := e.db.Queue().Current(context.Background(), c2.ID); cur == nil || cur.Number != "A002" || cur.ServiceID != b.ID {
		t.Fatalf("after transfer counter 2 has %+v", cur)
	}
	// the phone page of the transferred ticket follows it
	t2, _ := e.db.Queue().Current(context.Background(), c2.ID)
	if res, _ := kiosk.Get(fmt.Sprintf("%s/ve/%d", e.ts.URL, t2.TransferredFrom)); res.StatusCode != 303 || res.Header.Get("Location") != fmt.Sprintf("/ve/%d", t2.ID) {
		t.Fatalf("phone after transfer: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// only queue operators
	pr := e.browser("u-processor")
	if res, _ := pr.get(cpath); res.StatusCode != 403 {
		t.Fatalf("processor at the counter: %d", res.StatusCode)
	}

	// the display board: latest calls per counter, waiting counts, live stream
	st, body = e.page(kiosk, "/board?unit="+tCenter)
	mustContain(t, "board", body, "data-board", `data-events="/api/v1/queue/events?unit=`+tCenter+`&amp;last_event_id=`, "Mời số {number} đến quầy số {counter}",
		`<noscript><meta http-equiv="refresh" content="10"></noscript>`, `data-counter="`+fmt.Sprint(c2.ID)+`"`, ">A002<", "Quầy 2", "/static/queue.js")
	if st != 200 || strings.Index(body, `data-counter="`+fmt.Sprint(c2.ID)+`"`) > strings.Index(body, `data-counter="`+fmt.Sprint(c1.ID)+`"`) {
		t.Fatalf("board: %d (newest call first)", st)
	}
	if st, body := e.page(kiosk, "/board"); st != 200 || !strings.Contains(body, "/board?unit="+tCenter) {
		t.Fatalf("board units: %d", st)
	}
}

func TestRatingTerminalPages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	t.Cleanup(e.srv.CloseQueue)
	a, _, c1, c2 := queueEnv(t, e)
	admin, rcp := e.tokens[motcua.RoleAdmin], e.tokens[motcua.RoleReceptionist]
	var term struct{ Token string }
	if res := e.do("POST", "/api/v1/queue/terminals", admin, map[string]any{"counter_id": c1.ID}, &term); res.StatusCode != 201 {
		t.Fatalf("terminal: %d", res.StatusCode)
	}
	ratePath := fmt.Sprintf("/rate/%d", c1.ID)
	tablet := deviceClient()
	// not set up yet
	if st, body := e.page(tablet, ratePath); st != 401 || !strings.Contains(body, "Thiết bị đánh giá chưa được cài đặt") {
		t.Fatalf("tablet not set up: %d", st)
	}
	if st, _ := e.page(tablet, "/rate/setup?token=forged"); st != 401 {
		t.Fatalf("forged setup: %d", st)
	}
	res, err := tablet.Get(e.ts.URL + "/rate/setup?token=" + term.Token)
	if err != nil || res.StatusCode != 303 || res.Header.Get("Location") != ratePath {
		t.Fatalf("setup: %v %d %s", err, res.StatusCode, res.Header.Get("Location"))
	}
	ck := res.Cookies()
	if len(ck) != 1 || ck[0].Name != terminalCookie || !ck[0].HttpOnly || ck[0].Path != "/rate" || ck[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("terminal cookie: %+v", ck)
	}
	st, body := e.page(tablet, ratePath)
	mustContain(t, "terminal", body, `name="level" value="very_satisfied"`, `name="level" value="satisfied"`, `name="level" value="dissatisfied"`,
		"Rất hài lòng", "Không hài lòng", `name="reasons" value="waiting"`, "Quầy 1")
	if st != 200 || strings.Contains(body, "csrf_token") {
		t.Fatalf("terminal: %d", st)
	}
	// the tablet of counter 1 opened at counter 2 goes back to its own counter
	if res, _ := tablet.Get(fmt.Sprintf("%s/rate/%d", e.ts.URL, c2.ID)); res.StatusCode != 303 || res.Header.Get("Location") != ratePath {
		t.Fatalf("other counter: %d", res.StatusCode)
	}
	// nothing served yet
	res, _ = e.post(tablet, ratePath, url.Values{"level": {"very_satisfied"}})
	if res.StatusCode != 303 || res.Header.Get("Location") != ratePath+"?done=nothing" {
		t.Fatalf("nothing to rate: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	// serve a citizen at counter 1
	var tk publicTicket
	e.do("POST", "/api/v1/queue/tickets", "", map[string]any{"service_id": a.ID}, &tk)
	for _, act := range []string{"call-next", "start", "finish"} {
		e.do("POST", fmt.Sprintf("/api/v1/counters/%d/%s", c1.ID, act), rcp, nil, nil)
	}

	// the officer's own session cannot rate: the page ignores it and wants the device
	off := e.browser("u-receptionist")
	if res, body := off.post(ratePath, url.Values{"level": {"dissatisfied"}}); res.StatusCode != 401 || !strings.Contains(body, "Cần mã thiết bị đánh giá") {
		t.Fatalf("officer session: %d", res.StatusCode)
	}
	req, _ := http.NewRequest("POST", e.ts.URL+ratePath, strings.NewReader("level=dissatisfied"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Bearer "+rcp)
	if res, err := noRedirect.Do(req); err != nil || res.StatusCode != 401 {
		t.Fatalf("officer bearer token: %v %d", err, res.StatusCode)
	}
	if n := countRatings(t, e.db); n != 0 {
		t.Fatalf("%d ratings after the officer's attempts", n)
	}

	// the citizen presses "very satisfied" having ticked "long wait" (not for that level: dropped)
	res, _ = e.post(tablet, ratePath, url.Values{"level": {"very_satisfied"}, "reasons": {"waiting", "fast"}})
	if res.StatusCode != 303 || res.Header.Get("Location") != ratePath+"?done=thanks" {
		t.Fatalf("rate: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	st, body = e.page(tablet, ratePath+"?done=thanks")
	mustContain(t, "thanks", body, "Cảm ơn Ông/Bà!", `data-return="`+ratePath+`"`, `<noscript><meta http-equiv="refresh" content="8;url=`+ratePath+`"></noscript>`)
	if st != 200 {
		t.Fatalf("thanks: %d", st)
	}
	// a repeated press is answered like the first; one rating
	if res, _ := e.post(tablet, ratePath, url.Values{"level": {"very_satisfied"}}); res.Header.Get("Location") != ratePath+"?done=thanks" {
		t.Fatalf("repeat: %s", res.Header.Get("Location"))
	}
	var level, reasons, officer string
	var ticketID int64
	if err := e.db.QueryRowContext(context.Background(), `SELECT level, reasons, officer, ticket_id FROM ratings`).Scan(&level, &reasons, &officer, &ticketID); err != nil {
		t.Fatal(err)
	}
	if level != "very_satisfied" || reasons != `["fast"]` || officer != "u-receptionist" || ticketID != tk.ID || countRatings(t, e.db) != 1 {
		t.Fatalf("rating: %s %s %s %d, %d rows", level, reasons, officer, ticketID, countRatings(t, e.db))
	}
	// the officer with the tablet's cookie and a session: only the device counts, and
	// the ticket is rated already (a different value is not taken)
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(e.ts.URL)
	jar.SetCookies(u, append(off.c.Jar.Cookies(u), &http.Cookie{Name: terminalCookie, Value: term.Token, Path: "/rate"}))
	both := &http.Client{Jar: jar, CheckRedirect: off.c.CheckRedirect}
	res, _ = e.post(both, ratePath, url.Values{"level": {"dissatisfied"}, "csrf_token": {off.csrf}})
	if res.StatusCode != 303 || countRatings(t, e.db) != 1 {
		t.Fatalf("session and device: %d, %d ratings", res.StatusCode, countRatings(t, e.db))
	}
}

func TestOnlineRatingPages(t *testing.T) {
	e := newTestEnv(t, sqldbtest.Open(t, sqldb.SQLite))
	t.Cleanup(e.srv.CloseQueue)
	// two dossiers with their results ready
	ready := func() string {
		var d dossierJSON
		recv := map[string]any{"procedure_code": "1.004227", "applicant": map[string]any{"kind": "person", "full_name": "Hoàng Văn Thụ",
			"id_number": "020095001234", "phone": "0912 345 678", "address": "Phường Lương Văn Tri, Lạng Sơn"},
			"papers": []map[string]any{{"name": "Tờ khai", "originals": 1}}}
		if res := e.do("POST", "/api/v1/dossiers", e.tokens[motcua.RoleReceptionist], recv, &d); res.StatusCode != 201 {
			t.Fatalf("receive: %d", res.StatusCode)
		}
		for _, s := range []struct {
			role   motcua.Role
			action string
			body   any
		}{{motcua.RoleReceptionist, "transfer", nil}, {motcua.RoleLeader, "assign", map[string]any{"assignee": "u-processor"}},
			{motcua.RoleProcessor, "propose_result", map[string]any{"summary": "Đủ điều kiện"}},
			{motcua.RoleLeader, "approve", map[string]any{"document_sha256": strings.Repeat("ab", 32)}}} {
			st, nd, p := e.act(s.role, d.Code, s.action, d.Version, s.body)
			if st != 200 {
				t.Fatalf("%s: %d %+v", s.action, st, p)
			}
			d = nd
		}
		return d.Code
	}
	apiCode, pageCode := ready(), ready()

	// API: the return answers the rating token in a header
	d, _ := e.db.Dossiers().Get(context.Background(), apiCode)
	req, _ := http.NewRequest("POST", e.ts.URL+"/api/v1/dossiers/"+apiCode+"/actions/return_result",
		strings.NewReader(`{"recipient":{"name":"Hoàng Văn Thụ","id_number":"020095001234"}}`))
	req.Header.Set("Authorization", "Bearer "+e.tokens[motcua.RoleReceptionist])
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", fmt.Sprintf("%q", fmt.Sprint(d.Version)))
	res, err := noRedirect.Do(req)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("return: %v %d", err, res.StatusCode)
	}
	res.Body.Close()
	token := res.Header.Get("X-Rating-Token")
	if token == "" || !strings.HasSuffix(res.Header.Get("X-Rating-Link"), "/tra-cuu/"+apiCode+"?rate="+token) {
		t.Fatalf("rating token headers: %v", res.Header)
	}

	// the public lookup with the token shows the form; without it, nothing
	citizen := deviceClient()
	_, body := e.page(citizen, "/tra-cuu/"+apiCode)
	if strings.Contains(body, "danh-gia") {
		t.Fatal("rating form without a token")
	}
	st, body := e.page(citizen, "/tra-cuu/"+apiCode+"?rate="+token)
	mustContain(t, "lookup form", body, `action="/tra-cuu/`+apiCode+`/danh-gia"`, `name="token" value="`+token+`"`, `name="level" value="very_satisfied"`, "Đánh giá mức độ hài lòng")
	if st != 200 {
		t.Fatalf("lookup: %d", st)
	}
	if _, body := e.page(citizen, "/tra-cuu/"+apiCode+"?rate=forged"); !strings.Contains(body, "Mã đánh giá không đúng hoặc đã hết hạn") || strings.Contains(body, "/danh-gia") {
		t.Fatal("forged token: form shown or no message")
	}
	// a wrong token is refused on submit too
	if res, body := e.post(citizen, "/tra-cuu/"+apiCode+"/danh-gia", url.Values{"token": {"forged"}, "level": {"satisfied"}}); res.StatusCode != 401 || !strings.Contains(body, "Mã đánh giá không đúng") {
		t.Fatalf("forged submit: %d", res.StatusCode)
	}
	// an officer's session cannot rate for the applicant
	off := e.browser("u-receptionist")
	if res, _ := off.post("/tra-cuu/"+apiCode+"/danh-gia", url.Values{"token": {token}, "level": {"dissatisfied"}}); res.StatusCode != 403 {
		t.Fatalf("officer online rating: %d", res.StatusCode)
	}
	res, _ = e.post(citizen, "/tra-cuu/"+apiCode+"/danh-gia", url.Values{"token": {token}, "level": {"satisfied"}, "reasons": {"fast", "late"}, "comment": {"Nhanh, đúng hẹn"}})
	if res.StatusCode != 303 || res.Header.Get("Location") != "/tra-cuu/"+apiCode+"?rated=1" {
		t.Fatalf("online rating: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if _, body := e.page(citizen, "/tra-cuu/"+apiCode+"?rated=1"); !strings.Contains(body, "Cảm ơn Ông/Bà đã đánh giá!") {
		t.Fatal("no thanks")
	}
	if _, body := e.page(citizen, "/tra-cuu/"+apiCode+"?rate="+token); !strings.Contains(body, "Hồ sơ này đã được đánh giá") || strings.Contains(body, "/danh-gia") {
		t.Fatal("rated dossier still offers the form")
	}
	var level, channel, officer, reasons string
	if err := e.db.QueryRowContext(context.Background(), `SELECT level, channel, officer, reasons FROM ratings WHERE dossier_code = $1`, apiCode).Scan(&level, &channel, &officer, &reasons); err != nil {
		t.Fatal(err)
	}
	if level != "satisfied" || channel != "online" || officer != "u-receptionist" || reasons != `["fast"]` {
		t.Fatalf("online rating: %s %s %s %s", level, channel, officer, reasons)
	}

	// page: after the return the officer sees the code once, with its QR
	rc := e.browser("u-receptionist")
	_, page := rc.get("/dossiers/" + pageCode)
	res, _ = rc.post("/dossiers/"+pageCode+"/actions/return_result", url.Values{"version": {versionOf(page)},
		"recipient.name": {"Hoàng Văn Thụ"}, "recipient.id_number": {"020095001234"}})
	next := res.Header.Get("Location")
	if res.StatusCode != 303 || next != "/dossiers/"+pageCode+"/rating-code?done=return_result" {
		t.Fatalf("return on the page: %d %s", res.StatusCode, next)
	}
	res, body = rc.get(next)
	tok := between(body, `data-token>`, "<")
	mustContain(t, "code page", body, "Đưa mã này cho người nộp hồ sơ", "data:image/png;base64,", "/tra-cuu/"+pageCode+"?rate="+tok, "Trả kết quả")
	if res.StatusCode != 200 || len(tok) < 40 {
		t.Fatalf("code page: %d %q", res.StatusCode, tok)
	}
	if valid, _, _ := e.db.Ratings().RatingTokenState(context.Background(), pageCode, tok); !valid {
		t.Fatal("the token shown is not valid")
	}
	// shown once: a reload offers a new code instead
	_, body = rc.get(next)
	if strings.Contains(body, tok) || !strings.Contains(body, "Cấp mã đánh giá mới") {
		t.Fatal("the code is shown again")
	}
	if res, _ := rc.post("/dossiers/"+pageCode+"/rating-code", url.Values{}); res.StatusCode != 303 {
		t.Fatalf("new code: %d", res.StatusCode)
	}
	_, body = rc.get("/dossiers/" + pageCode + "/rating-code")
	tok2 := between(body, `data-token>`, "<")
	if tok2 == "" || tok2 == tok {
		t.Fatalf("new code %q", tok2)
	}
	if valid, _, _ := e.db.Ratings().RatingTokenState(context.Background(), pageCode, tok); valid {
		t.Fatal("the old code still works")
	}
	// a dossier not returned gets no code
	other := ready()
	if res, _ := rc.post("/dossiers/"+other+"/rating-code", url.Values{}); res.StatusCode != 409 {
		t.Fatalf("code for an open dossier: %d", res.StatusCode)
	}
	if d, _ := e.db.Dossiers().Get(context.Background(), pageCode); d.State != dossier.StateReturned {
		t.Fatalf("state %s", d.State)
	}
	_ = queue.Waiting
}
