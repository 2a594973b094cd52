package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/motcua/motcua/e2e/browser"
)

// centre is the demo's public service centre (catalog/demo).
const centre = "000.00.25.H37"

// TestQueueKioskCounterBoardRating follows one citizen through the queue devices, each
// in its own browser: the kiosk issues a ticket; the display board, already open,
// receives the receptionist's call over Server-Sent Events and shows it without a
// reload; the receptionist starts and finishes the service at the counter page; the
// counter's rating tablet, set up with its terminal token, takes the citizen's press;
// the director's summary through the API counts it. A service and a counter of their
// own keep the scenario apart from the demo's queue.
func TestQueueKioskCounterBoardRating(t *testing.T) {
	needBrowser(t)
	s := startServer(t)
	adm := apiLogin(t, s.URL, admin)
	var svc struct{ ID int64 }
	if st := apiDo(t, s.URL, adm, "POST", "/api/v1/queue/services", map[string]any{"code": "Z", "name": "Thử nghiệm một cửa", "unit_code": centre}, &svc); st != 201 {
		t.Fatalf("create service: %d", st)
	}
	var ctr struct{ ID int64 }
	if st := apiDo(t, s.URL, adm, "POST", "/api/v1/queue/counters", map[string]any{"unit_code": centre, "number": 99, "services": []int64{svc.ID}}, &ctr); st != 201 {
		t.Fatalf("create counter: %d", st)
	}
	var term struct{ Token string }
	if st := apiDo(t, s.URL, adm, "POST", "/api/v1/queue/terminals", map[string]any{"counter_id": ctr.ID}, &term); st != 201 || term.Token == "" {
		t.Fatalf("create terminal: %d", st)
	}

	// the display board is open before anything happens
	board := s.page(t, "board")
	if st := board.Go("/board?unit="+centre, "board"); st != 200 {
		t.Fatalf("board: %d", st)
	}
	if !waitFor(board, `document.querySelector("[data-board]").dataset.connected === "1"`) {
		t.Fatal("the board did not connect to the event stream")
	}
	browser.Eval[bool](board, `(() => { window.__e2eNoReload = true; return true; })()`)

	// 1. the kiosk: a big button per service, then the printed ticket
	kiosk := s.page(t, "kiosk")
	if st := kiosk.Go("/kiosk?unit="+centre, "kiosk"); st != 200 {
		t.Fatalf("kiosk: %d", st)
	}
	contains(t, "kiosk", kiosk.Text("main"), "Thử nghiệm một cửa")
	if st := kiosk.ClickNav(`button[data-service-code="Z"]`, "kiosk-ticket"); st != 200 {
		t.Fatalf("ticket: %d", st)
	}
	number := kiosk.Text("[data-ticket-number]")
	if number != "Z001" {
		t.Fatalf("ticket number %q", number)
	}
	if !kiosk.Has(`img.qslip-qr[src^="data:image/png;base64,"]`) {
		t.Error("the ticket has no QR code")
	}
	contains(t, "ticket", kiosk.Text("main"), "Thời gian chờ dự kiến")

	// 2. the receptionist calls it at the counter page
	rc := s.page(t, "receptionist")
	login(t, rc, receptionist)
	counter := fmt.Sprintf("/counter/%d", ctr.ID)
	if st := rc.Go(counter, "counter"); st != 200 {
		t.Fatalf("counter: %d", st)
	}
	if st := rc.ClickNav("[data-call-next]", "counter-called"); st != 200 {
		t.Fatalf("call next: %d", st)
	}
	if got := rc.Text("[data-current-number]"); got != number {
		t.Fatalf("the counter calls %q, want %q", got, number)
	}

	// 3. the board shows the call without reloading, and announces it
	row := `[...document.querySelectorAll("[data-calls] tr")].find(r => r.querySelector(".board-num") && r.querySelector(".board-num").textContent === "` + number + `")`
	if !waitFor(board, row) {
		board.Shot("board-no-call")
		t.Fatalf("the board did not show %s (rows: %q)", number, board.Text("[data-calls]"))
	}
	board.Shot("board-called")
	if !browser.Eval[bool](board, `window.__e2eNoReload === true`) {
		t.Error("the board reloaded instead of updating live")
	}
	if first := browser.Eval[string](board, `document.querySelector("[data-calls] tr .board-num").textContent`); first != number {
		t.Errorf("the newest call is not on top: %q", first)
	}
	contains(t, "board row", browser.Eval[string](board, row+`.textContent`), "Quầy 99")
	contains(t, "announcement", board.Text("[data-announce]"), "Mời số "+number+" đến quầy số 99")

	// 4. start and finish the service
	if st := rc.ClickNav(`form[action$="/start"] button`, "counter-serving"); st != 200 {
		t.Fatalf("start: %d", st)
	}
	if st := rc.ClickNav(`form.counter-finish button[type=submit]`, "counter-finished"); st != 200 {
		t.Fatalf("finish: %d", st)
	}
	if !rc.Has("[data-call-next]") {
		t.Fatalf("the counter is not free after finishing: %q", rc.Text("main"))
	}

	// 5. the counter's tablet: set up once with the terminal token, then a press
	tablet := s.page(t, "tablet")
	if st := tablet.Go("/rate/setup?token="+term.Token, "tablet-setup"); st != 200 {
		t.Fatalf("tablet setup: %d", st)
	}
	if p := tablet.Path(); p != fmt.Sprintf("/rate/%d", ctr.ID) {
		t.Fatalf("tablet at %s", p)
	}
	if strings.Contains(tablet.Location(), term.Token) {
		t.Error("the terminal token stays in the address bar")
	}
	if n := browser.Eval[int](tablet, `document.querySelectorAll("button[data-level]").length`); n != 3 {
		t.Fatalf("%d level buttons", n)
	}
	tablet.Click(`input[name=reasons][value=fast]`)
	if st := tablet.ClickNav(`button[data-level="very_satisfied"]`, "tablet-thanks"); st != 200 {
		t.Fatalf("rate: %d", st)
	}
	contains(t, "thanks", tablet.Text("h1"), "Cảm ơn")

	// 6. the director's summary counts it
	dir := apiLogin(t, s.URL, director)
	var sum struct {
		Summary struct {
			Total  int
			Levels []struct {
				Code  string
				Count int
			}
		}
	}
	if st := apiDo(t, s.URL, dir, "GET", fmt.Sprintf("/api/v1/ratings/summary?counter=%d", ctr.ID), nil, &sum); st != 200 {
		t.Fatalf("summary: %d", st)
	}
	if sum.Summary.Total != 1 || sum.Summary.Levels[0].Code != "very_satisfied" || sum.Summary.Levels[0].Count != 1 {
		t.Fatalf("summary: %+v", sum.Summary)
	}
	// the demo's own ratings of the centre are there too
	if st := apiDo(t, s.URL, dir, "GET", "/api/v1/ratings/summary?from=2000-01-01&unit="+centre, nil, &sum); st != 200 || sum.Summary.Total < 1000 {
		t.Errorf("the demo year's ratings: %d, total %d", st, sum.Summary.Total)
	}
}
