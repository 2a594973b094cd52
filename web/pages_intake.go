package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/web/i18n"
)

// staffForm carries a form back into a re-rendered page: what the user typed and
// the message of each field the server refused, keyed by the field path the domain
// names in *motcua.Error.Field ("applicant.id_number", "payment.amount", …). The
// input names of the staff forms are those same paths, so an error lands next to the
// input it is about.
type staffForm struct {
	lang   string
	prefix string // prefix of element ids, so several forms can share a page
	values url.Values
	errs   map[string]string
	focus  string // the first field in error, which gets autofocus
}

func newStaffForm(lang, prefix string, values url.Values) *staffForm {
	if values == nil {
		values = url.Values{}
	}
	return &staffForm{lang: lang, prefix: prefix, values: values, errs: map[string]string{}}
}

// staffField is one input as the templates draw it (see the "input" template).
type staffField struct {
	Name, ID, Label, Type, Value, Err, Hint, Autocomplete, InputMode string
	Required, Focus                                                  bool
}

// setErr records the message of a field error; the first one gets the focus.
func (f *staffForm) setErr(name, msg string) {
	if _, ok := f.errs[name]; ok {
		return
	}
	f.errs[name] = msg
	if f.focus == "" {
		f.focus = name
	}
}

// ID is the element id of the input named name.
func (f *staffForm) ID(name string) string {
	r := strings.NewReplacer(".", "-", "[", "-", "]", "", "_", "-")
	return r.Replace(f.prefix + name)
}

// V returns the submitted value of name.
func (f *staffForm) V(name string) string { return f.values.Get(name) }

// Is reports whether name was submitted with value v (radio buttons, selects).
func (f *staffForm) Is(name, v string) bool { return f.values.Get(name) == v }

// Checked reports whether the checkbox name was ticked.
func (f *staffForm) Checked(name string) bool { return f.values.Get(name) != "" }

// Err returns the message of the field name ("" when it is fine).
func (f *staffForm) Err(name string) string { return f.errs[name] }

// Focus reports whether name is the first field in error.
func (f *staffForm) Focus(name string) bool { return f.focus == name }

// HasErrors reports whether any field is in error.
func (f *staffForm) HasErrors() bool { return len(f.errs) > 0 }

// F describes the input name with the label key; typ is an input type or
// "textarea"; opts are "required", "numeric", "autocomplete=…" and "hint=<key>".
func (f *staffForm) F(name, labelKey, typ string, opts ...string) staffField {
	fl := staffField{Name: name, ID: f.ID(name), Label: i18n.T(f.lang, labelKey, nil), Type: typ,
		Value: f.values.Get(name), Err: f.errs[name], Focus: f.focus == name}
	for _, o := range opts {
		switch {
		case o == "required":
			fl.Required = true
		case o == "numeric":
			fl.InputMode = "numeric"
		case strings.HasPrefix(o, "autocomplete="):
			fl.Autocomplete = strings.TrimPrefix(o, "autocomplete=")
		case strings.HasPrefix(o, "hint="):
			fl.Hint = i18n.T(f.lang, strings.TrimPrefix(o, "hint="), nil)
		}
	}
	return fl
}

// staffMessage is the translated message of an application error, without the
// field name (the page shows it next to the field).
func staffMessage(lang string, e *motcua.Error) string {
	return i18n.T(lang, e.Message, e.Params)
}

// staffFormError reports whether err is one a form shows next to its fields (the user
// can correct it) rather than an error page, and its HTTP status.
func staffFormError(err error) (*motcua.Error, int, bool) {
	e := motcua.AsError(err)
	if e == nil {
		return nil, 0, false
	}
	switch e.Code {
	case motcua.EINVALID, motcua.EUNPROCESSABLE, motcua.ECONFLICT:
		return e, statusOf[e.Code], true
	}
	return nil, 0, false
}

// intakePaper is one line of the papers checklist.
type intakePaper struct {
	Index     int
	Name      string
	Mandatory bool
	Originals int
	Copies    int
}

// intakeFee is one fee line with its exemption inputs.
type intakeFee struct {
	Index  int
	Kind   catalog.FeeKind
	Name   string
	Amount int64
}

type intakeView struct {
	Q       string
	Results []catalog.Procedure
	Total   int
	// P is the chosen procedure; the form is shown when it is set.
	P        *catalog.Procedure
	Papers   []intakePaper
	Fees     []intakeFee
	FeeTotal int64
	Channels []catalog.Channel
	Form     *staffForm
}

// PayMethods lists the payment methods the forms offer.
func (*intakeView) PayMethods() []string { return staffPayMethods }

var staffPayMethods = []string{string(dossier.PayCash), string(dossier.PayBankTransfer), string(dossier.PayOnline)}

// pageIntake is the counter intake screen: a procedure search (?q=), then the
// intake form of the chosen procedure (?procedure=CODE).
func (s *Server) pageIntake(w http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	code := strings.TrimSpace(r.URL.Query().Get("procedure"))
	iv := &intakeView{Q: q, Form: newStaffForm(lang, "f-", nil)}
	if code != "" {
		p, err := s.Catalog.GetProcedure(r.Context(), code)
		if err != nil {
			return err
		}
		if !p.Active {
			return motcua.FieldError(motcua.EUNPROCESSABLE, "procedure_code", dossier.MsgProcedureInactive)
		}
		s.fillIntake(iv, p)
		iv.Form.values.Set("applicant.kind", string(dossier.ApplicantPerson))
		iv.Form.values.Set("channel", string(iv.Channels[0]))
		iv.Form.values.Set("return_method.kind", string(dossier.ReturnCounter))
		for _, pp := range iv.Papers {
			iv.Form.values.Set(fmt.Sprintf("paper_%d_originals", pp.Index), strconv.Itoa(pp.Originals))
			iv.Form.values.Set(fmt.Sprintf("paper_%d_copies", pp.Index), strconv.Itoa(pp.Copies))
		}
		return s.render(w, http.StatusOK, "intake", s.view(r, "intake.title", iv))
	}
	if q != "" {
		if len(q) > 200 {
			return motcua.FieldError(motcua.EINVALID, "q", "request.too_long")
		}
		ps, total, err := s.Catalog.ListProcedures(r.Context(), catalog.ProcedureFilter{Q: q, Active: ptr(true), Limit: 30})
		if err != nil {
			return err
		}
		iv.Results, iv.Total = ps, total
	}
	return s.render(w, http.StatusOK, "intake", s.view(r, "intake.title", iv))
}

// fillIntake sets the procedure's papers, fees and the intake channels it allows.
func (s *Server) fillIntake(iv *intakeView, p *catalog.Procedure) {
	iv.P = p
	iv.Papers, iv.Fees, iv.Channels, iv.FeeTotal = nil, nil, nil, 0
	for i, pp := range p.Papers {
		iv.Papers = append(iv.Papers, intakePaper{Index: i, Name: pp.Name, Mandatory: pp.Mandatory, Originals: pp.Originals, Copies: pp.Copies})
	}
	for i, f := range p.Fees {
		iv.Fees = append(iv.Fees, intakeFee{Index: i, Kind: f.Kind, Name: f.Name, Amount: f.Amount})
		iv.FeeTotal += f.Amount
	}
	for _, c := range []catalog.Channel{catalog.ChannelCounter, catalog.ChannelPost} {
		if p.Allows(c) {
			iv.Channels = append(iv.Channels, c)
		}
	}
	if len(iv.Channels) == 0 { // the domain refuses it with a clear message
		iv.Channels = []catalog.Channel{catalog.ChannelCounter}
	}
}

// pageIntakeSubmit receives (or refuses) a dossier from the intake form. A refused
// input re-renders the form with the user's values and the message next to the
// field; nothing is stored.
func (s *Server) pageIntakeSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	lang := langOf(r)
	form := newStaffForm(lang, "f-", r.PostForm)
	iv := &intakeView{Form: form}
	code := strings.TrimSpace(r.PostFormValue("procedure"))
	if code == "" {
		return motcua.FieldError(motcua.EINVALID, "procedure_code", "request.required")
	}
	p, err := s.Catalog.GetProcedure(r.Context(), code)
	if err != nil {
		return err
	}
	s.fillIntake(iv, p)
	cmd, paperKeys := intakeCommand(r.PostForm, p, form)
	rerender := func(status int) error {
		v := s.view(r, "intake.title", iv)
		v.Error = i18n.T(lang, "form.fix_errors", nil)
		for name, m := range form.errs {
			if !intakeInputs[name] && !strings.HasPrefix(name, "paper_") {
				v.Error = m // a field the form has no place for: say it at the top
			}
		}
		return s.render(w, status, "intake", v)
	}
	if form.HasErrors() {
		return rerender(http.StatusBadRequest)
	}
	d, err := s.Dossiers.Create(r.Context(), cmd, *motcua.ActorFrom(r.Context()), p, s.dossierCalendars)
	if err != nil {
		e, status, ok := staffFormError(err)
		if !ok {
			return err
		}
		form.setErr(intakeField(e.Field, paperKeys), staffMessage(lang, e))
		return rerender(status)
	}
	http.Redirect(w, r, "/dossiers/"+url.PathEscape(d.Code)+"?done="+string(cmd.Action), http.StatusSeeOther)
	return nil
}

// intakeCommand builds the intake command from the form. Values the form itself
// cannot read (a count that is not a number) are recorded as field errors.
// paperKeys[i] is the input of the command's i-th paper.
func intakeCommand(f url.Values, p *catalog.Procedure, form *staffForm) (dossier.Command, []string) {
	cmd := dossier.Command{Action: dossier.ActReceive}
	if f.Get("action") == string(dossier.ActRefuseIntake) {
		cmd.Action = dossier.ActRefuseIntake
	}
	cmd.Reason = f.Get("reason")
	cmd.Channel = catalog.Channel(f.Get("channel"))
	cmd.Applicant = &dossier.Applicant{
		Kind: dossier.ApplicantKind(f.Get("applicant.kind")), FullName: f.Get("applicant.full_name"),
		IDNumber: f.Get("applicant.id_number"), Phone: f.Get("applicant.phone"), Email: f.Get("applicant.email"),
		Address: f.Get("applicant.address"), ProxyName: f.Get("applicant.proxy_name"), ProxyID: f.Get("applicant.proxy_id"),
	}
	cmd.ReturnMethod = &dossier.ReturnMethod{Kind: dossier.ReturnKind(f.Get("return_method.kind")), Address: f.Get("return_method.address")}
	msg := func(key string) string { return i18n.T(form.lang, key, nil) }
	var keys []string
	cmd.Papers, keys = staffPapers(f, p.Papers, form)
	for i := range p.Fees {
		if f.Get(fmt.Sprintf("fee_%d_exempt", i)) != "" {
			cmd.Exemptions = append(cmd.Exemptions, dossier.FeeExemption{Index: i, Reason: f.Get(fmt.Sprintf("fee_%d_reason", i))})
		}
	}
	if m := f.Get("payment.method"); m != "" && cmd.Action == dossier.ActReceive {
		pay := &dossier.Payment{Method: dossier.PaymentMethod(m), Receipt: f.Get("payment.receipt")}
		if n, ok := parseAmount(f.Get("payment.amount")); ok && strings.TrimSpace(f.Get("payment.amount")) != "" {
			pay.Amount = n
		} else {
			form.setErr("payment.amount", msg("form.amount_invalid"))
		}
		cmd.Payment = pay
	}
	return cmd, keys
}

// intakeInputs are the fields the intake form shows errors next to.
var intakeInputs = map[string]bool{
	"applicant.kind": true, "applicant.full_name": true, "applicant.id_number": true, "applicant.phone": true,
	"applicant.email": true, "applicant.address": true, "applicant.proxy_name": true, "applicant.proxy_id": true,
	"channel": true, "return_method.kind": true, "return_method.address": true, "papers": true, "exemptions": true,
	"payment.method": true, "payment.receipt": true, "payment.amount": true, "reason": true,
}

// intakeField maps a domain error's field to the form input it is about.
func intakeField(f string, paperKeys []string) string {
	switch {
	case f == "":
		return "form"
	case strings.HasPrefix(f, "papers["):
		var i int
		if _, err := fmt.Sscanf(f, "papers[%d]", &i); err == nil && i >= 0 && i < len(paperKeys) {
			return paperKeys[i]
		}
		return "papers"
	case strings.HasPrefix(f, "exemptions"):
		return "exemptions"
	case f == "procedure_code":
		return "form"
	case f == "applicant":
		return "applicant.full_name"
	case f == "payment":
		return "payment.method"
	}
	return f
}
