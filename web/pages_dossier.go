package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/blob"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/slip"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/web/i18n"
)

// dossierPage is the data of the dossier page.
type dossierPage struct {
	D           *dossier.Dossier
	Procedure   *catalog.Procedure // nil when the procedure is gone from the catalogue
	Now         time.Time
	Overdue     bool
	Urgency     urgency
	LateUnits   []string
	Attachments []sqldb.DossierAttachment
	Slips       []slip.Kind
	Plan        []planRow
	Forms       []*actionForm
	// Done is the action just taken (flash and, after intake, the print buttons).
	Done  string
	units map[string]string
	users map[string]string
	lang  string
}

// planRow is one planned step with its latest run.
type planRow struct {
	dossier.PlannedStep
	Run     *dossier.StepRun
	Current bool
}

// actionForm is the form of one action the actor may take now.
type actionForm struct {
	Action         dossier.Action
	ReasonRequired bool
	Form           *staffForm
	Assignees      []auth.User
	Papers         []intakePaper
	Outstanding    int64
	// Open expands the form: the one just submitted with an error.
	Open bool
}

// Unit returns a unit's name (its code when unknown).
func (p *dossierPage) Unit(code string) string {
	if n, ok := p.units[code]; ok && n != "" {
		return n
	}
	return code
}

// User returns an officer's full name with the username.
func (p *dossierPage) User(username string) string {
	if n := p.users[username]; n != "" {
		return n + " (" + username + ")"
	}
	return username
}

// SkipReason names why a day was skipped.
func (p *dossierPage) SkipReason(r string) string {
	if r == "weekend" {
		return i18n.T(p.lang, "calendar.rest_day", nil)
	}
	return i18n.T(p.lang, "calendar.kind."+r, nil)
}

// DayLabel writes a date with its weekday: "14/03/2026 (Thứ Bảy)".
func (p *dossierPage) DayLabel(d calendar.Date) string {
	wd := [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}[d.Weekday()]
	return fmt.Sprintf("%02d/%02d/%04d (%s)", d.Day, int(d.Month), d.Year, i18n.T(p.lang, "calendar.wd."+wd, nil))
}

// Hours writes working minutes as hours ("1,5" in Vietnamese).
func (p *dossierPage) Hours(min int64) string { return formatHours(p.lang, int(min)) }

// Size writes a file size in KiB or MiB.
func (p *dossierPage) Size(n int64) string {
	s := strconv.FormatFloat(float64(n)/1024, 'f', 0, 64) + " KiB"
	if n >= 1<<20 {
		s = strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	}
	if p.lang == "vi" {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}

// PayMethods lists the payment methods the forms offer.
func (*actionForm) PayMethods() []string { return staffPayMethods }

// forms needing a file: the signed document or the draft.
func actionSigns(a dossier.Action) bool {
	return a == dossier.ActApprove || a == dossier.ActRefuse || a == dossier.ActProposeResult || a == dossier.ActProposeRefusal
}

func (s *Server) pageDossier(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	p, err := s.dossierPageData(r, d)
	if err != nil {
		return err
	}
	v := s.view(r, "dpage.title", p)
	v.Title = d.Code
	if done := r.URL.Query().Get("done"); dossier.Action(done).Valid() {
		p.Done = done
		v.Flash = i18n.T(v.Lang, "dpage.done", map[string]any{"action": i18n.T(v.Lang, "action."+done, nil), "code": d.Code})
	}
	return s.render(w, http.StatusOK, "dossier", v)
}

// dossierPageData gathers everything the dossier page shows.
func (s *Server) dossierPageData(r *http.Request, d *dossier.Dossier) (*dossierPage, error) {
	ctx := r.Context()
	a := motcua.ActorFrom(ctx)
	now := s.DB.Now()
	p := &dossierPage{D: d, Now: now, Overdue: d.Overdue(now), LateUnits: d.LateUnits(now), Slips: slip.Available(d),
		units: map[string]string{}, users: map[string]string{}, lang: langOf(r)}
	if pr, err := s.Catalog.GetProcedure(ctx, d.ProcedureCode); err == nil {
		p.Procedure = pr
	} else if motcua.ErrorCode(err) != motcua.ENOTFOUND {
		return nil, err
	}
	units, err := s.Catalog.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		p.units[u.Code] = u.Name
	}
	users, err := s.Users.ListUsers(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		p.users[u.Username] = u.FullName
	}
	if p.Attachments, err = s.DB.DossierAttachments(ctx, d.Code); err != nil {
		return nil, err
	}
	if !d.DueAt.IsZero() {
		p.Urgency = s.urgencyOf(r, d.UnitCode, d.State, d.DueAt, d.Completion != nil, now)
	}
	for i, st := range d.Plan {
		row := planRow{PlannedStep: st, Current: i == d.Step}
		for j := range d.Steps {
			if d.Steps[j].Index == i {
				row.Run = &d.Steps[j]
			}
		}
		p.Plan = append(p.Plan, row)
	}
	if !auth.Allowed(a, auth.DossierProcess) {
		return p, nil
	}
	for _, act := range dossier.AllowedActions(d, *a) {
		af := &actionForm{Action: act, Form: newStaffForm(p.lang, "a-"+string(act)+"-", nil), Outstanding: d.FeesOutstanding()}
		for _, rule := range dossier.RulesFor(act) {
			for _, st := range rule.From {
				if st == d.State && rule.ReasonRequired {
					af.ReasonRequired = true
				}
			}
		}
		if p.Procedure != nil {
			for i, pp := range p.Procedure.Papers {
				af.Papers = append(af.Papers, intakePaper{Index: i, Name: pp.Name, Mandatory: pp.Mandatory, Originals: pp.Originals, Copies: pp.Copies})
			}
		}
		f := af.Form
		switch act {
		case dossier.ActAssign:
			for _, u := range users {
				if u.Role == motcua.RoleProcessor && u.UnitCode == a.UnitCode && u.Active {
					af.Assignees = append(af.Assignees, u)
				}
			}
			f.values.Set("assignee", d.Assignee)
		case dossier.ActPay:
			f.values.Set("payment.amount", strconv.FormatInt(af.Outstanding, 10))
		case dossier.ActReturnResult:
			if d.Applicant.ProxyName != "" {
				f.values.Set("recipient.name", d.Applicant.ProxyName)
				f.values.Set("recipient.id_number", d.Applicant.ProxyID)
			} else if d.Applicant.Kind == dossier.ApplicantPerson {
				f.values.Set("recipient.name", d.Applicant.FullName)
				f.values.Set("recipient.id_number", d.Applicant.IDNumber)
			}
		case dossier.ActSendByPost:
			addr := d.ReturnMethod.Address
			if addr == "" {
				addr = d.Applicant.Address
			}
			f.values.Set("post_address", addr)
		case dossier.ActAcceptOnline, dossier.ActSupplementReceived:
			for _, pp := range af.Papers {
				f.values.Set(fmt.Sprintf("paper_%d_originals", pp.Index), strconv.Itoa(pp.Originals))
				f.values.Set(fmt.Sprintf("paper_%d_copies", pp.Index), strconv.Itoa(pp.Copies))
			}
		}
		p.Forms = append(p.Forms, af)
	}
	if len(p.Forms) == 1 {
		p.Forms[0].Open = true
	}
	return p, nil
}

// pageDossierAction applies one action from the dossier page's form, then goes back
// to the page with a flash. The hidden "version" makes a form shown before someone
// else's change fail with a clear message instead of acting on what the officer did
// not see.
func (s *Server) pageDossierAction(w http.ResponseWriter, r *http.Request) error {
	d, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	action := dossier.Action(r.PathValue("action"))
	if !action.Valid() {
		return motcua.Errorf(motcua.ENOTFOUND, "error.page_not_found")
	}
	lang := langOf(r)
	form := newStaffForm(lang, "a-"+string(action)+"-", r.PostForm)
	cmd := s.actionCommand(r, d, action, form)
	status, conflict, topMsg := http.StatusBadRequest, false, ""
	if form.HasErrors() && cmd.Version != nil && *cmd.Version != d.Version {
		status, conflict = http.StatusConflict, true // the form was filled in on an older dossier
	} else if !form.HasErrors() {
		nd, err := s.Dossiers.Act(r.Context(), d.Code, cmd, *motcua.ActorFrom(r.Context()), s.dossierCalendars)
		if err == nil {
			http.Redirect(w, r, s.afterDossierAction(w, r, nd, action, "/dossiers/"+url.PathEscape(nd.Code)+"?done="+string(action)), http.StatusSeeOther)
			return nil
		}
		e, st, ok := staffFormError(err)
		if !ok {
			return err
		}
		status = st
		switch {
		case e.Code == motcua.ECONFLICT && e.Message == dossier.MsgVersionStale:
			conflict = true
		case e.Code == motcua.ECONFLICT:
			topMsg = staffMessage(lang, e)
		default:
			form.setErr(actionField(e.Field), staffMessage(lang, e))
		}
	}
	for name, m := range form.errs {
		if !actionInputs[name] && !strings.HasPrefix(name, "paper_") {
			topMsg = m // a field the form has no place for: say it at the top
		}
	}
	fresh, err := s.loadDossier(r)
	if err != nil {
		return err
	}
	p, err := s.dossierPageData(r, fresh)
	if err != nil {
		return err
	}
	v := s.view(r, "dpage.title", p)
	v.Title = fresh.Code
	switch {
	case conflict:
		v.Error = i18n.T(lang, "dpage.conflict", nil)
	case topMsg != "":
		v.Error = topMsg
	default:
		v.Error = i18n.T(lang, "form.fix_errors", nil)
	}
	if !conflict {
		for _, af := range p.Forms {
			if af.Action == action {
				// keep what the officer typed; the version stays the one they saw
				form.values.Set("version", strconv.Itoa(fresh.Version))
				af.Form, af.Open = form, true
			}
		}
	}
	return s.render(w, status, "dossier", v)
}

// actionInputs are the fields the action forms show errors next to.
var actionInputs = map[string]bool{
	"reason": true, "assignee": true, "summary": true, "document": true, "appointment": true,
	"recipient.name": true, "recipient.id_number": true, "tracking_number": true, "post_address": true,
	"payment.method": true, "payment.receipt": true, "payment.amount": true, "papers": true,
	"missing_papers": true, "attachment": true,
}

// actionField maps a domain error's field to the input of the action form.
func actionField(f string) string {
	switch {
	case f == "document_sha256":
		return "document"
	case strings.HasPrefix(f, "attachments"):
		return "attachment"
	case strings.HasPrefix(f, "papers"):
		return "papers"
	case f == "payment":
		return "payment.method"
	case f == "recipient":
		return "recipient.name"
	}
	return f
}

// actionCommand builds the command of an action form, storing uploaded files.
// Problems with the form itself are recorded as field errors.
func (s *Server) actionCommand(r *http.Request, d *dossier.Dossier, action dossier.Action, form *staffForm) dossier.Command {
	f := r.PostForm
	msg := func(key string, params map[string]any) string { return i18n.T(form.lang, key, params) }
	cmd := dossier.Command{Action: action, Reason: f.Get("reason")}
	if v, err := strconv.Atoi(f.Get("version")); err == nil {
		cmd.Version = &v
	} else {
		form.setErr("version", msg("dpage.version_missing", nil))
	}
	switch action {
	case dossier.ActAssign:
		cmd.Assignee = f.Get("assignee")
	case dossier.ActProposeResult, dossier.ActProposeRefusal:
		cmd.Summary = f.Get("summary")
	case dossier.ActApprove, dossier.ActRefuse:
		cmd.DocumentSHA256 = strings.ToLower(strings.TrimSpace(f.Get("document_sha256")))
	case dossier.ActApologize:
		if v := strings.TrimSpace(f.Get("appointment")); v != "" {
			t, err := time.ParseInLocation("2006-01-02T15:04", v, motcua.ICT)
			if err != nil {
				form.setErr("appointment", msg("dossier.apology.appointment_invalid", nil))
			}
			cmd.Appointment = t
		}
	case dossier.ActReturnResult:
		cmd.Recipient = &dossier.Recipient{Name: f.Get("recipient.name"), IDNumber: f.Get("recipient.id_number")}
	case dossier.ActSendByPost:
		cmd.TrackingNumber, cmd.PostAddress = f.Get("tracking_number"), f.Get("post_address")
	case dossier.ActRequestSupplement:
		cmd.MissingPapers = append(cmd.MissingPapers, f["missing_papers"]...)
		for _, l := range strings.Split(f.Get("missing_papers_other"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				cmd.MissingPapers = append(cmd.MissingPapers, l)
			}
		}
	case dossier.ActAcceptOnline, dossier.ActSupplementReceived:
		var papers []catalog.Paper
		if p, err := s.Catalog.GetProcedure(r.Context(), d.ProcedureCode); err == nil {
			papers = p.Papers
		}
		cmd.Papers, _ = staffPapers(f, papers, form)
	}
	if action == dossier.ActPay || (action == dossier.ActAcceptOnline && f.Get("payment.method") != "") {
		pay := &dossier.Payment{Method: dossier.PaymentMethod(f.Get("payment.method")), Receipt: f.Get("payment.receipt")}
		if n, ok := parseAmount(f.Get("payment.amount")); ok && strings.TrimSpace(f.Get("payment.amount")) != "" {
			pay.Amount = n
		} else {
			form.setErr("payment.amount", msg("form.amount_invalid", nil))
		}
		cmd.Payment = pay
	}
	// files: the signed document or draft, and any other attachment
	for _, name := range []string{"document", "attachment"} {
		ref, ok, err := s.storeUpload(r, name)
		if err != nil {
			if e := motcua.AsError(err); e != nil && e.Code != motcua.EINTERNAL {
				form.setErr(name, staffMessage(form.lang, e))
			} else {
				s.log.Error("store upload", "err", err)
				form.setErr(name, msg("error.internal_detail", nil))
			}
			continue
		}
		if !ok {
			continue
		}
		cmd.Attachments = append(cmd.Attachments, dossier.AttachmentRef(ref))
		if name == "document" && actionSigns(action) {
			cmd.DocumentSHA256 = ref.SHA256
		}
	}
	return cmd
}

// storeUpload stores the file of the form field name, if one was sent, in the blob
// store and records it, returning its reference.
func (s *Server) storeUpload(r *http.Request, name string) (blob.Ref, bool, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File[name]) == 0 {
		return blob.Ref{}, false, nil
	}
	fh := r.MultipartForm.File[name][0]
	if fh.Filename == "" && fh.Size == 0 {
		return blob.Ref{}, false, nil // an empty file input
	}
	file, err := fh.Open()
	if err != nil {
		return blob.Ref{}, false, err
	}
	defer file.Close()
	ref, err := s.Blobs.Put(r.Context(), file, fh.Filename, fh.Header.Get("Content-Type"))
	if err != nil {
		return ref, false, err
	}
	if err := s.DB.RecordAttachment(r.Context(), ref); err != nil {
		return ref, false, err
	}
	return ref, true, nil
}

// staffPapers reads the papers checklist (paper_N, paper_N_originals, paper_N_copies
// per paper of the procedure, and one free line paper_extra). keys[i] is the input
// of the i-th paper returned.
func staffPapers(f url.Values, papers []catalog.Paper, form *staffForm) ([]dossier.PaperReceived, []string) {
	var out []dossier.PaperReceived
	var keys []string
	bad := i18n.T(form.lang, "form.count_invalid", nil)
	for i, pp := range papers {
		k := fmt.Sprintf("paper_%d", i)
		if f.Get(k) == "" {
			continue
		}
		o, ok1 := parseCount(f.Get(k + "_originals"))
		c, ok2 := parseCount(f.Get(k + "_copies"))
		if !ok1 || !ok2 {
			form.setErr(k, bad)
			continue
		}
		out = append(out, dossier.PaperReceived{Name: pp.Name, Originals: o, Copies: c})
		keys = append(keys, k)
	}
	if name := strings.TrimSpace(f.Get("paper_extra")); name != "" {
		o, ok1 := parseCount(f.Get("paper_extra_originals"))
		c, ok2 := parseCount(f.Get("paper_extra_copies"))
		if !ok1 || !ok2 {
			form.setErr("paper_extra", bad)
		} else {
			out = append(out, dossier.PaperReceived{Name: name, Originals: o, Copies: c})
			keys = append(keys, "paper_extra")
		}
	}
	return out, keys
}
