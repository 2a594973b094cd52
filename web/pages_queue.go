package web

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/queue"
	"github.com/motcua/motcua/rating"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/web/i18n"
	qrcode "github.com/skip2/go-qrcode"
)

// The queue and rating pages: the kiosk (take a number, print the ticket), the phone
// page a ticket's QR code opens, the counter page of the receptionist, the display
// board, the rating terminal at each counter, and the online rating of a returned
// dossier (the officer's code page and the form on the public lookup).
//
// The kiosk, board and rating terminal are full-screen devices: they render with their
// own frame (templates/queue_screen.html, no navigation), the other pages with the
// site's layout.

func init() {
	funcs["hm"] = func(t time.Time) string { return t.In(motcua.ICT).Format("15:04") }
	funcs["hmp"] = func(t *time.Time) string {
		if t == nil {
			return "—"
		}
		return t.In(motcua.ICT).Format("15:04")
	}
}

// Cookie names of the devices and the officer's code page.
const (
	terminalCookie   = "motcua_terminal"
	ratingCodeCookie = "motcua_rating_code"
)

// screens are the template sets of the full-screen pages (frame + page).
var screens struct {
	once sync.Once
	sets map[string]*template.Template
	err  error
}

func loadScreens() (map[string]*template.Template, error) {
	screens.once.Do(func() {
		screens.sets = map[string]*template.Template{}
		for _, name := range []string{"queue_kiosk", "queue_kiosk_ticket", "queue_board", "queue_rate"} {
			t, err := template.New("queue_screen.html").Funcs(funcs).ParseFS(templateFS, "templates/queue_screen.html", "templates/"+name+".html")
			if err != nil {
				screens.err = fmt.Errorf("parse template %s: %w", name, err)
				return
			}
			screens.sets[name] = t
		}
	})
	return screens.sets, screens.err
}

// renderScreen renders a full-screen page.
func (s *Server) renderScreen(w http.ResponseWriter, status int, name string, v *view) error {
	sets, err := loadScreens()
	if err != nil {
		return err
	}
	t, ok := sets[name]
	if !ok {
		return fmt.Errorf("render: no screen %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "queue_screen.html", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err = buf.WriteTo(w)
	return err
}

// qrDataURL encodes text as a QR code PNG in a data: URL (the CSP allows data: images).
func qrDataURL(text string) template.URL {
	png, err := qrcode.Encode(text, qrcode.Medium, 256)
	if err != nil {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
}

// errText is the message of err in the request's language.
func errText(r *http.Request, err error) (string, int) {
	p := problemFor(r, langOf(r), err)
	return p.Detail, p.Status
}

// unitChoice is a unit offered on the kiosk and board start screens.
type unitChoice struct{ Code, Name string }

// queueUnits lists the units that have queue services.
func (s *Server) queueUnits(r *http.Request) ([]unitChoice, error) {
	svcs, err := s.DB.Queue().ListServices(r.Context(), "")
	if err != nil {
		return nil, err
	}
	name := s.unitName(r.Context())
	var out []unitChoice
	for _, sv := range svcs {
		if len(out) == 0 || out[len(out)-1].Code != sv.UnitCode {
			out = append(out, unitChoice{sv.UnitCode, name(sv.UnitCode)})
		}
	}
	return out, nil
}

// ---- kiosk

type kioskService struct {
	queue.Service
	Waiting int
}

type kioskPage struct {
	Unit, UnitName string
	Units          []unitChoice
	Services       []kioskService
	Print          bool
}

func (s *Server) kioskData(r *http.Request, unit string) (*kioskPage, error) {
	p := &kioskPage{Unit: unit, Print: r.FormValue("print") == "1"}
	if unit == "" {
		var err error
		p.Units, err = s.queueUnits(r)
		return p, err
	}
	p.UnitName = s.unitName(r.Context())(unit)
	svcs, err := s.DB.Queue().ListServices(r.Context(), unit)
	if err != nil {
		return nil, err
	}
	counts, err := s.DB.Queue().WaitingCounts(r.Context(), unit)
	if err != nil {
		return nil, err
	}
	for _, sv := range svcs {
		if sv.Active && len(sv.Counters) > 0 {
			p.Services = append(p.Services, kioskService{sv, counts[sv.ID]})
		}
	}
	return p, nil
}

// pageKiosk is the touch screen where citizens take a number: one big button per
// service of the unit (?unit=), or the list of units.
func (s *Server) pageKiosk(w http.ResponseWriter, r *http.Request) error {
	p, err := s.kioskData(r, strings.TrimSpace(r.URL.Query().Get("unit")))
	if err != nil {
		return err
	}
	v := s.view(r, "queue.kiosk.title", p)
	if p.UnitName != "" {
		v.Title = p.UnitName
	}
	return s.renderScreen(w, http.StatusOK, "queue_kiosk", v)
}

// pageKioskIssue issues a ticket for the service pressed (a plain form: no session,
// so no CSRF token; the cross-origin protection still applies) and shows the ticket.
func (s *Server) pageKioskIssue(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	unit := strings.TrimSpace(r.PostFormValue("unit"))
	fail := func(err error) error {
		msg, status := errText(r, err)
		if status >= 500 {
			return err
		}
		p, perr := s.kioskData(r, unit)
		if perr != nil {
			return perr
		}
		v := s.view(r, "queue.kiosk.title", p)
		v.Error = msg
		return s.renderScreen(w, status, "queue_kiosk", v)
	}
	id, err := strconv.ParseInt(r.PostFormValue("service_id"), 10, 64)
	if err != nil || id <= 0 {
		return fail(motcua.FieldError(motcua.EINVALID, "service_id", queue.MsgServiceNotFound))
	}
	svc, err := s.DB.Queue().GetService(r.Context(), id)
	if err != nil {
		return fail(err)
	}
	if !s.queue().issueRate.Allow(clientIP(r)) {
		return fail(motcua.Errorf(motcua.ETOOMANY, "queue.rate_limited"))
	}
	t, err := s.DB.Queue().Issue(r.Context(), svc.ID, queue.PriorityNone)
	if err != nil {
		return fail(err)
	}
	s.queue().broker.Wake()
	next := fmt.Sprintf("/kiosk/tickets/%d", t.ID)
	if r.PostFormValue("print") == "1" {
		next += "?print=1"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

type ticketPage struct {
	T        publicTicket
	UnitName string
	QR       template.URL
	Link     string
	Print    bool
	Back     string
}

func (s *Server) ticketData(r *http.Request) (*ticketPage, *queue.Ticket, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, nil, motcua.Errorf(motcua.ENOTFOUND, "%s", queue.MsgTicketNotFound)
	}
	t, err := s.DB.Queue().GetTicket(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	pt, err := s.publicTicket(r.Context(), langOf(r), t)
	if err != nil {
		return nil, nil, err
	}
	link := fmt.Sprintf("%s/ve/%d", s.baseURL(r), t.ID)
	return &ticketPage{T: pt, UnitName: s.unitName(r.Context())(t.UnitCode), QR: qrDataURL(link), Link: link,
		Back: "/kiosk?unit=" + url.QueryEscape(t.UnitCode)}, t, nil
}

// pageKioskTicket is the ticket the kiosk prints on 80 mm paper (print CSS), then
// goes back to the services after a while.
func (s *Server) pageKioskTicket(w http.ResponseWriter, r *http.Request) error {
	p, _, err := s.ticketData(r)
	if err != nil {
		return err
	}
	p.Print = r.URL.Query().Get("print") == "1"
	if p.Print {
		p.Back += "&print=1"
	}
	v := s.view(r, "queue.ticket.title", p)
	v.Title = p.T.Number
	return s.renderScreen(w, http.StatusOK, "queue_kiosk_ticket", v)
}

// pagePhoneTicket is the page the ticket's QR code opens on the citizen's phone: the
// status and the people ahead, refreshed automatically. No personal data.
func (s *Server) pagePhoneTicket(w http.ResponseWriter, r *http.Request) error {
	p, t, err := s.ticketData(r)
	if err != nil {
		return err
	}
	if t.TransferredTo != 0 {
		http.Redirect(w, r, fmt.Sprintf("/ve/%d", t.TransferredTo), http.StatusSeeOther)
		return nil
	}
	v := s.view(r, "queue.ticket.title", p)
	v.Title = p.T.Number
	return s.render(w, http.StatusOK, "queue_ticket", v)
}

// ---- counter

type waitingGroup struct {
	Service queue.Service
	Tickets []queue.Ticket
}

type counterPage struct {
	Counter  *queue.Counter
	Current  *queue.Ticket
	Services map[int64]queue.Service
	Mine     []queue.Service // the counter's services
	Others   []queue.Service // transfer targets
	Counters []queue.Counter // transfer targets
	Waiting  []waitingGroup
	Now      time.Time
	Counts   int
	lang     string
}

// ServiceName names a service by id.
func (p *counterPage) ServiceName(id int64) string { return p.Services[id].Name }

// Priority names a ticket's priority category.
func (p *counterPage) Priority(pr queue.Priority) string {
	return i18n.T(p.lang, "queue.priority."+string(pr), nil)
}

// Waited is how long a ticket has waited, in whole minutes.
func (p *counterPage) Waited(t queue.Ticket) int { return int(p.Now.Sub(t.IssuedAt) / time.Minute) }

// Can reports whether action a is allowed on the current ticket.
func (p *counterPage) Can(a string) bool {
	if p.Current == nil {
		return false
	}
	return slices.Contains(queue.Allowed(p.Current.Status), queue.Action(a))
}

func (s *Server) counterData(r *http.Request, c *queue.Counter) (*counterPage, error) {
	ctx := r.Context()
	qs := s.DB.Queue()
	p := &counterPage{Counter: c, Services: map[int64]queue.Service{}, Now: s.DB.Now(), lang: langOf(r)}
	var err error
	if p.Current, err = qs.Current(ctx, c.ID); err != nil {
		return nil, err
	}
	svcs, err := qs.ListServices(ctx, c.UnitCode)
	if err != nil {
		return nil, err
	}
	mine := map[int64]bool{}
	for _, id := range c.Services {
		mine[id] = true
	}
	groups := map[int64]*waitingGroup{}
	for _, sv := range svcs {
		p.Services[sv.ID] = sv
		if mine[sv.ID] {
			p.Mine = append(p.Mine, sv)
			p.Waiting = append(p.Waiting, waitingGroup{Service: sv})
		} else if sv.Active {
			p.Others = append(p.Others, sv)
		}
	}
	for i := range p.Waiting {
		groups[p.Waiting[i].Service.ID] = &p.Waiting[i]
	}
	cs, err := qs.ListCounters(ctx, c.UnitCode)
	if err != nil {
		return nil, err
	}
	for _, o := range cs {
		if o.ID != c.ID && o.Active {
			p.Counters = append(p.Counters, o)
		}
	}
	ts, err := qs.DayTickets(ctx, p.Now.In(motcua.ICT).Format(time.DateOnly), c.UnitCode)
	if err != nil {
		return nil, err
	}
	var wait []queue.Ticket
	for _, t := range ts {
		if t.Status == queue.Waiting && ((t.TargetCounterID == 0 && mine[t.ServiceID]) || t.TargetCounterID == c.ID) {
			wait = append(wait, t)
		}
	}
	slices.SortFunc(wait, func(a, b queue.Ticket) int {
		if queue.Before(&a, &b) {
			return -1
		}
		return 1
	})
	for _, t := range wait {
		if g := groups[t.ServiceID]; g != nil {
			g.Tickets = append(g.Tickets, t)
		} else { // transferred to this counter from a service it does not call
			p.Waiting = append(p.Waiting, waitingGroup{Service: p.Services[t.ServiceID], Tickets: []queue.Ticket{t}})
			groups[t.ServiceID] = &p.Waiting[len(p.Waiting)-1]
		}
		p.Counts++
	}
	return p, nil
}

// pageCounters lists the counters of the officer's unit.
func (s *Server) pageCounters(w http.ResponseWriter, r *http.Request) error {
	unit, err := scopeUnit(r)
	if err != nil {
		return err
	}
	cs, err := s.DB.Queue().ListCounters(r.Context(), unit)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "queue_counters", s.view(r, "queue.counter.list_title", map[string]any{"Counters": cs, "Unit": unit}))
}

// pageCounter is the receptionist's counter: the current ticket with its actions and
// the waiting list of each of the counter's services.
func (s *Server) pageCounter(w http.ResponseWriter, r *http.Request) error {
	c, err := s.counterFor(r)
	if err != nil {
		return err
	}
	p, err := s.counterData(r, c)
	if err != nil {
		return err
	}
	v := s.view(r, "queue.counter.title", p)
	v.Title = c.Name
	if done := r.URL.Query().Get("done"); counterActions[done] != "" {
		v.Flash = i18n.T(v.Lang, "queue.counter.done."+counterActions[done], nil)
	}
	return s.render(w, http.StatusOK, "queue_counter", v)
}

// counterActions maps the path segment of a counter action to its name in keys.
var counterActions = map[string]string{
	"call-next": "call", "recall": "recall", "start": "start", "finish": "finish", "no-show": "no_show", "transfer": "transfer",
}

// pageCounterAction performs an action from the counter page's forms through the
// same storage calls as the API, then goes back to the counter page.
func (s *Server) pageCounterAction(w http.ResponseWriter, r *http.Request) error {
	act := r.PathValue("action")
	if counterActions[act] == "" {
		return motcua.Errorf(motcua.ENOTFOUND, "error.page_not_found")
	}
	c, err := s.counterFor(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	officer := motcua.ActorName(ctx)
	if act == "call-next" {
		_, err = s.DB.Queue().CallNext(ctx, c.ID, officer)
	} else {
		var ticket int64
		if v := r.PostFormValue("ticket_id"); v != "" {
			ticket, _ = strconv.ParseInt(v, 10, 64)
		}
		opt := sqldb.ActOptions{}
		if act == "finish" {
			opt.DossierCode = strings.TrimSpace(r.PostFormValue("dossier_code"))
		}
		if act == "transfer" {
			kind, id, _ := strings.Cut(r.PostFormValue("target"), ":")
			n, _ := strconv.ParseInt(id, 10, 64)
			switch kind {
			case "s":
				opt.ToService = n
			case "c":
				opt.ToCounter = n
			}
		}
		_, _, err = s.DB.Queue().Act(ctx, c.ID, ticket, queue.Action(counterActions[act]), officer, opt)
	}
	if err == nil {
		s.queue().broker.Wake()
		http.Redirect(w, r, fmt.Sprintf("/counter/%d?done=%s", c.ID, act), http.StatusSeeOther)
		return nil
	}
	msg, status := errText(r, err)
	if status >= 500 {
		return err
	}
	p, perr := s.counterData(r, c)
	if perr != nil {
		return perr
	}
	v := s.view(r, "queue.counter.title", p)
	v.Title, v.Error = c.Name, msg
	return s.render(w, status, "queue_counter", v)
}

// ---- display board

type boardPage struct {
	Unit, UnitName string
	Units          []unitChoice
	Calls          []queue.Event
	Services       []kioskService
	Events         string // the event stream to follow from the snapshot
}

// pageBoard is the display board of a unit (?unit=): the newest call of each counter,
// the waiting count of each service, updated live over Server-Sent Events.
func (s *Server) pageBoard(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	unit := strings.TrimSpace(r.URL.Query().Get("unit"))
	p := &boardPage{Unit: unit}
	v := s.view(r, "queue.board.title", p)
	if unit == "" {
		var err error
		if p.Units, err = s.queueUnits(r); err != nil {
			return err
		}
		return s.renderScreen(w, http.StatusOK, "queue_board", v)
	}
	qs := s.DB.Queue()
	last, err := qs.LastEventID(ctx)
	if err != nil {
		return err
	}
	if p.Calls, err = qs.LatestCalls(ctx, unit); err != nil {
		return err
	}
	k, err := s.kioskData(r, unit)
	if err != nil {
		return err
	}
	p.UnitName, p.Services = k.UnitName, k.Services
	p.Events = fmt.Sprintf("/api/v1/queue/events?unit=%s&last_event_id=%d", url.QueryEscape(unit), last)
	v.Title = p.UnitName
	return s.renderScreen(w, http.StatusOK, "queue_board", v)
}

// ---- rating terminal

type ratePage struct {
	Counter *queue.Counter
	Scale   rating.Scale
	Done    string // "", "thanks", "already", "nothing"
	Setup   bool   // the device is not set up
	lang    string
}

// LevelName names a level in the page's language.
func (p *ratePage) LevelName(l rating.Level) string {
	if p.lang == "en" && l.NameEn != "" {
		return l.NameEn
	}
	return l.Name
}

// ReasonName names a reason in the page's language.
func (p *ratePage) ReasonName(rs rating.Reason) string {
	if p.lang == "en" && rs.NameEn != "" {
		return rs.NameEn
	}
	return rs.Name
}

// terminalOf returns the rating terminal of the request's device cookie (only that:
// a user session is never looked at).
func (s *Server) terminalOf(r *http.Request) (*sqldb.Terminal, error) {
	c, err := r.Cookie(terminalCookie)
	if err != nil || c.Value == "" {
		return nil, motcua.Errorf(motcua.EUNAUTHORIZED, "%s", rating.MsgTerminalNeeded)
	}
	return s.DB.Queue().TerminalByToken(r.Context(), c.Value)
}

func (s *Server) rateCounter(r *http.Request) (*queue.Counter, error) {
	id, err := strconv.ParseInt(r.PathValue("counter"), 10, 64)
	if err != nil || id <= 0 {
		return nil, motcua.Errorf(motcua.ENOTFOUND, "%s", queue.MsgCounterNotFound)
	}
	return s.DB.Queue().GetCounter(r.Context(), id)
}

func (s *Server) renderRate(w http.ResponseWriter, r *http.Request, status int, p *ratePage, errMsg string) error {
	p.lang = langOf(r)
	if len(p.Scale.Levels) == 0 {
		sc, err := s.DB.Ratings().Scale(r.Context())
		if err != nil {
			return err
		}
		p.Scale = sc
	}
	v := s.view(r, "rating.terminal.title", p)
	v.Error = errMsg
	return s.renderScreen(w, status, "queue_rate", v)
}

// pageRateSetup binds the tablet to a terminal: the administrator creates the
// terminal (POST /api/v1/queue/terminals) and opens /rate/setup?token=… once on the
// tablet; the token is kept in an HttpOnly cookie and the address bar loses it.
func (s *Server) pageRateSetup(w http.ResponseWriter, r *http.Request) error {
	token := strings.TrimSpace(r.URL.Query().Get("token"))
	if token == "" {
		msg, _ := errText(r, motcua.FieldError(motcua.EINVALID, "token", rating.MsgTerminalNeeded))
		return s.renderRate(w, r, http.StatusBadRequest, &ratePage{Setup: true}, msg)
	}
	term, err := s.DB.Queue().TerminalByToken(r.Context(), token)
	if err != nil {
		msg, status := errText(r, err)
		if status >= 500 {
			return err
		}
		return s.renderRate(w, r, status, &ratePage{Setup: true}, msg)
	}
	http.SetCookie(w, &http.Cookie{Name: terminalCookie, Value: token, Path: "/rate", MaxAge: 400 * 24 * 3600, HttpOnly: true,
		Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, fmt.Sprintf("/rate/%d", term.CounterID), http.StatusSeeOther)
	return nil
}

// pageRate is the rating terminal's screen: three big buttons and the reasons; after
// a press, a thank-you screen that returns to it after a few seconds.
func (s *Server) pageRate(w http.ResponseWriter, r *http.Request) error {
	c, err := s.rateCounter(r)
	if err != nil {
		return err
	}
	term, err := s.terminalOf(r)
	if err != nil {
		msg, status := errText(r, err)
		if status >= 500 {
			return err
		}
		return s.renderRate(w, r, status, &ratePage{Counter: c, Setup: true}, msg)
	}
	if term.CounterID != c.ID {
		http.Redirect(w, r, fmt.Sprintf("/rate/%d", term.CounterID), http.StatusSeeOther)
		return nil
	}
	p := &ratePage{Counter: c}
	switch d := r.URL.Query().Get("done"); d {
	case "thanks", "already", "nothing":
		p.Done = d
	}
	return s.renderRate(w, r, http.StatusOK, p, "")
}

// pageRateSubmit takes a press on the terminal. Only the device cookie counts: the
// officer's session, if the tablet has one, is ignored, so the officer cannot rate.
// A repeated press is answered with the first rating (the store filters it).
func (s *Server) pageRateSubmit(w http.ResponseWriter, r *http.Request) error {
	c, err := s.rateCounter(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	term, err := s.terminalOf(r)
	if err == nil && term.CounterID != c.ID {
		err = motcua.Errorf(motcua.EFORBIDDEN, "%s", rating.MsgOtherCounter)
	}
	if err != nil {
		msg, status := errText(r, err)
		if status >= 500 {
			return err
		}
		return s.renderRate(w, r, status, &ratePage{Counter: c, Setup: true}, msg)
	}
	sc, err := s.DB.Ratings().Scale(r.Context())
	if err != nil {
		return err
	}
	level := strings.TrimSpace(r.PostFormValue("level"))
	rt := &rating.Rating{Level: level, Reasons: reasonsFor(sc, level, r.PostForm["reasons"])}
	_, _, err = s.DB.Ratings().SubmitTerminal(r.Context(), term, rt)
	done := "thanks"
	if err != nil {
		e := motcua.AsError(err)
		switch {
		case e != nil && e.Message == rating.MsgAlreadyRated:
			done = "already"
		case e != nil && e.Message == rating.MsgNothingToRate:
			done = "nothing"
		default:
			msg, status := errText(r, err)
			if status >= 500 {
				return err
			}
			return s.renderRate(w, r, status, &ratePage{Counter: c, Scale: sc}, msg)
		}
	}
	http.Redirect(w, r, fmt.Sprintf("/rate/%d?done=%s", c.ID, done), http.StatusSeeOther)
	return nil
}

// reasonsFor keeps the ticked reasons that the scale allows for level: a citizen who
// ticks "long wait" and then presses "very satisfied" is not refused.
func reasonsFor(sc rating.Scale, level string, ticked []string) []string {
	out := []string{}
	for _, code := range ticked {
		for _, rs := range sc.Reasons {
			if rs.Code == code && (len(rs.Levels) == 0 || slices.Contains(rs.Levels, level)) && !slices.Contains(out, code) {
				out = append(out, code)
			}
		}
	}
	return out
}

// ---- online rating of a returned dossier

// lookupRate is the rating part of the public lookup page.
type lookupRate struct {
	Token        string
	Valid, Rated bool
	Scale        rating.Scale
	lang         string
}

// LevelName names a level in the page's language.
func (p *lookupRate) LevelName(l rating.Level) string {
	if p.lang == "en" && l.NameEn != "" {
		return l.NameEn
	}
	return l.Name
}

// ReasonName names a reason in the page's language.
func (p *lookupRate) ReasonName(rs rating.Reason) string {
	if p.lang == "en" && rs.NameEn != "" {
		return rs.NameEn
	}
	return rs.Name
}

// lookupRating adds the rating form to the lookup page's data when the request
// carries a dossier's rating token (?rate=, from the code or QR given with the
// result) and, after a rating, the thanks.
func (s *Server) lookupRating(r *http.Request, data map[string]any) {
	pv, ok := data["D"].(*dossier.PublicDossier)
	if !ok || pv == nil {
		return
	}
	if r.URL.Query().Get("rated") == "1" {
		data["Rated"] = true
	}
	token := strings.TrimSpace(r.URL.Query().Get("rate"))
	if token == "" {
		return
	}
	valid, rated, err := s.DB.Ratings().RatingTokenState(r.Context(), pv.Code, token)
	if err != nil {
		s.log.Error("rating token state", "code", pv.Code, "err", err)
		return
	}
	sc, err := s.DB.Ratings().Scale(r.Context())
	if err != nil {
		s.log.Error("rating scale", "err", err)
		return
	}
	data["Rate"] = &lookupRate{Token: token, Valid: valid, Rated: rated, Scale: sc, lang: langOf(r)}
}

// pageLookupRate takes the online rating of a returned dossier from the lookup page,
// with the dossier's rating token. Staff sessions are refused, as on the API.
func (s *Server) pageLookupRate(w http.ResponseWriter, r *http.Request) error {
	code := strings.TrimSpace(r.PathValue("code"))
	if err := parseForm(w, r); err != nil {
		return err
	}
	pv, err := s.publicDossier(r, code)
	if err != nil {
		return err
	}
	sc, err := s.DB.Ratings().Scale(r.Context())
	if err != nil {
		return err
	}
	token := strings.TrimSpace(r.PostFormValue("token"))
	level := strings.TrimSpace(r.PostFormValue("level"))
	switch {
	case motcua.ActorFrom(r.Context()) != nil:
		err = motcua.Errorf(motcua.EFORBIDDEN, "%s", rating.MsgStaffRefused)
	case level == "":
		err = motcua.FieldError(motcua.EINVALID, "level", rating.MsgLevelRequired)
	case !s.queue().onlineRate.Allow(clientIP(r)):
		err = motcua.Errorf(motcua.ETOOMANY, "queue.rate_limited")
	default:
		rt := &rating.Rating{Level: level, Reasons: reasonsFor(sc, level, r.PostForm["reasons"]), Comment: r.PostFormValue("comment"), DossierCode: pv.Code}
		_, _, err = s.DB.Ratings().SubmitOnline(r.Context(), token, rt)
	}
	if err == nil {
		http.Redirect(w, r, "/tra-cuu/"+url.PathEscape(pv.Code)+"?rated=1", http.StatusSeeOther)
		return nil
	}
	msg, status := errText(r, err)
	if status >= 500 {
		return err
	}
	valid, rated, serr := s.DB.Ratings().RatingTokenState(r.Context(), pv.Code, token)
	if serr != nil {
		return serr
	}
	data := map[string]any{"Code": pv.Code, "D": pv, "Rate": &lookupRate{Token: token, Valid: valid, Rated: rated, Scale: sc, lang: langOf(r)}}
	v := s.view(r, "lookup.title", data)
	v.Error = msg
	return s.render(w, status, "lookup", v)
}

// afterDossierAction is called by the dossier action handlers (API and page) after a
// successful action. When the result has just been returned (return_result,
// post_delivered) it issues the dossier's online rating token: the API answers it in
// the X-Rating-Token header (and the lookup address in X-Rating-Link); for the page
// it is kept for a few minutes in a cookie scoped to the code page, and the returned
// address is that page (next otherwise). A failure to issue it is logged only: the
// return itself succeeded.
func (s *Server) afterDossierAction(w http.ResponseWriter, r *http.Request, d *dossier.Dossier, a dossier.Action, next string) string {
	if a != dossier.ActReturnResult && a != dossier.ActPostDelivered {
		return next
	}
	token, err := s.DB.IssueDossierRatingToken(r.Context(), d.Code)
	if err != nil {
		s.log.Warn("rating token", "code", d.Code, "err", err)
		return next
	}
	if next == "" {
		w.Header().Set("X-Rating-Token", token)
		w.Header().Set("X-Rating-Link", s.ratingLink(r, d.Code, token))
		return next
	}
	s.setRatingCodeCookie(w, d.Code, token)
	return "/dossiers/" + url.PathEscape(d.Code) + "/rating-code?done=" + string(a)
}

func (s *Server) ratingLink(r *http.Request, code, token string) string {
	return s.baseURL(r) + "/tra-cuu/" + url.PathEscape(code) + "?rate=" + url.QueryEscape(token)
}

func (s *Server) setRatingCodeCookie(w http.ResponseWriter, code, token string) {
	http.SetCookie(w, &http.Cookie{Name: ratingCodeCookie, Value: token, Path: "/dossiers/" + url.PathEscape(code) + "/rating-code",
		MaxAge: 600, HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode})
}

type ratingCodePage struct {
	D           *dossier.Dossier
	Token, Link string
	QR          template.URL
	Rated       bool
	CanIssue    bool
}

// pageRatingCode shows the officer the online rating code just issued for a returned
// dossier, to give to the applicant (printed or as a QR code to scan). The code is
// shown once; reloading offers to issue a new one (which replaces it).
func (s *Server) pageRatingCode(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	p := &ratingCodePage{D: d}
	if c, err := r.Cookie(ratingCodeCookie); err == nil && c.Value != "" {
		p.Token, p.Link = c.Value, s.ratingLink(r, d.Code, c.Value)
		p.QR = qrDataURL(p.Link)
		http.SetCookie(w, &http.Cookie{Name: ratingCodeCookie, Value: "", Path: "/dossiers/" + url.PathEscape(d.Code) + "/rating-code", MaxAge: -1,
			HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteStrictMode})
	}
	if _, p.Rated, err = s.DB.Ratings().RatingTokenState(r.Context(), d.Code, ""); err != nil {
		return err
	}
	p.CanIssue = d.State == dossier.StateReturned && !p.Rated
	v := s.view(r, "rating.code.title", p)
	if done := r.URL.Query().Get("done"); dossier.Action(done).Valid() {
		v.Flash = i18n.T(v.Lang, "dpage.done", map[string]any{"action": i18n.T(v.Lang, "action."+done, nil), "code": d.Code})
	}
	return s.render(w, http.StatusOK, "queue_rating_code", v)
}

// pageRatingCodeIssue issues a new rating code for a returned dossier.
func (s *Server) pageRatingCodeIssue(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if d.State != dossier.StateReturned {
		return motcua.Errorf(motcua.ECONFLICT, "rating.code_not_returned")
	}
	token, err := s.DB.IssueDossierRatingToken(r.Context(), d.Code)
	if err != nil {
		return err
	}
	s.setRatingCodeCookie(w, d.Code, token)
	http.Redirect(w, r, "/dossiers/"+url.PathEscape(d.Code)+"/rating-code", http.StatusSeeOther)
	return nil
}
