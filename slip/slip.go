// Package slip renders the printable slips of a dossier as standalone HTML documents
// for printing on A4 paper or an 80 mm receipt printer, in Vietnamese (the default) or
// English.
//
// The slips follow the forms of Annex I of Circular 03/2025/TT-VPCP (guiding Decree
// 118/2025/NĐ-CP), which took over the classic forms of Circular 01/2018/TT-VPCP with a
// new numbering (source: the annex's list of forms as published with the circular):
//
//   - Mẫu số 01, giấy tiếp nhận hồ sơ và hẹn trả kết quả (KindReceipt; 01 in 2018);
//   - Mẫu số 02, phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (KindSupplement; 02);
//   - Mẫu số 03, phiếu từ chối tiếp nhận giải quyết hồ sơ (KindRefusal; 03);
//   - Mẫu số 04, văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết, the
//     successor of the 2018 Mẫu 04 "phiếu xin lỗi và hẹn lại ngày trả kết quả" whose
//     name and content (a new appointment) KindApology keeps, as motcua's apology
//     records a new appointment;
//   - Mẫu số 06, phiếu kiểm soát quá trình giải quyết hồ sơ (KindControl; 05 in 2018).
//
// Mẫu số 05 (thông báo dừng giải quyết hồ sơ) and 07 (sổ theo dõi hồ sơ) are not slips
// of one dossier printed here. The circulars design the forms for A5 paper and
// electronic use; motcua prints them on A4 or on an 80 mm roll, the paper of the
// counters' receipt printers.
//
// Every label comes from the i18n catalogue (keys "slip.…"); data (names, papers,
// reasons) is escaped by html/template. Dates are written dd/mm/yyyy HH:MM in Vietnam
// time and amounts as "1.234.567 đ". The documents carry no script. The style sheet is
// linked as /static/slip.css (the web layer serves CSS there, because the
// Content-Security-Policy allows only style sheets from the site itself) and repeated
// in a <style> element so that a slip saved to a file still prints properly.
package slip

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"time"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/calendar"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
	"github.com/motcua/motcua/web/i18n"
)

// Kind is a kind of slip.
type Kind string

// The kinds of slip, with the form of Circular 03/2025/TT-VPCP each follows.
const (
	// KindReceipt is the receipt and appointment slip (Mẫu 01), available once the
	// dossier was received (the time limit started).
	KindReceipt Kind = "receipt"
	// KindControl is the control slip (Mẫu 06; 05 of Circular 01/2018) listing every handover between steps,
	// available once the dossier was received.
	KindControl Kind = "control"
	// KindSupplement is the supplement request (Mẫu 02) of the latest request for
	// missing papers, available once a supplement was requested.
	KindSupplement Kind = "supplement"
	// KindRefusal is the refusal slip (Mẫu 03), available when the dossier was
	// refused at intake or after appraisal.
	KindRefusal Kind = "refusal"
	// KindApology is the apology slip with a new appointment (Mẫu 04) of the latest
	// apology, available once an apology was issued.
	KindApology Kind = "apology"
)

// Kinds returns every kind of slip, in the order of the lifecycle.
func Kinds() []Kind {
	return []Kind{KindReceipt, KindControl, KindSupplement, KindRefusal, KindApology}
}

// Papers a slip can be printed on.
const (
	// PaperA4 is A4 paper (210 × 297 mm), the default.
	PaperA4 = "a4"
	// Paper80mm is the 80 mm roll of a receipt printer.
	Paper80mm = "80mm"
)

// LookupPath is the path of the public lookup page of a dossier, relative to the
// site's base URL; the dossier code follows it. The receipt's QR code encodes
// BaseURL + LookupPath + code.
const LookupPath = "/tra-cuu/"

// Messages (i18n keys) of the errors Render returns.
const (
	// MsgNotApplicable: the slip does not apply to the dossier (e.g. an apology slip
	// of a dossier without apology). Params: kind.
	MsgNotApplicable = "slip.not_applicable"
	// MsgKindUnknown: no such kind of slip. Params: kind.
	MsgKindUnknown = "slip.kind_unknown"
	// MsgPaperInvalid: the paper is neither "a4" nor "80mm".
	MsgPaperInvalid = "slip.paper_invalid"
)

// Input is what Render needs to print a slip.
type Input struct {
	// Dossier is the dossier to print (required).
	Dossier *dossier.Dossier
	// Procedure is the dossier's procedure, when known: its result and legal basis
	// are printed on the receipt and refusal slips. It may be nil.
	Procedure *catalog.Procedure
	// UnitName returns a unit's name from its code ("" when unknown); nil or ""
	// prints the code.
	UnitName func(code string) string
	// UserName returns an officer's full name from the username ("" when unknown);
	// nil or "" prints the username.
	UserName func(username string) string
	// BaseURL is the public site's address, e.g. "https://motcua.ninhbinh.gov.vn",
	// for the lookup QR code of the receipt; when empty the receipt has no QR code.
	BaseURL string
	// Lang is the language, "vi" (default) or "en" (normalised by i18n.Lang).
	Lang string
	// Paper is PaperA4 (the default when empty) or Paper80mm.
	Paper string
	// Now is the printing time, written on the control slip.
	Now time.Time
}

// Render writes the slip of the given kind for in.Dossier to w as a complete HTML
// document. It returns a *motcua.Error: ENOTFOUND MsgKindUnknown for an unknown kind,
// EINVALID MsgPaperInvalid for an unknown paper, EUNPROCESSABLE MsgNotApplicable when
// the slip does not apply to the dossier (see the Kind constants). Nothing is written
// when an error is returned, except an error of w itself.
func Render(w io.Writer, kind Kind, in Input) error {
	paper := strings.ToLower(strings.TrimSpace(in.Paper))
	switch paper {
	case "":
		paper = PaperA4
	case PaperA4, Paper80mm:
	default:
		return motcua.FieldError(motcua.EINVALID, "paper", MsgPaperInvalid)
	}
	known := false
	for _, k := range Kinds() {
		known = known || k == kind
	}
	if !known {
		return &motcua.Error{Code: motcua.ENOTFOUND, Message: MsgKindUnknown, Params: map[string]any{"kind": string(kind)}}
	}
	d := in.Dossier
	if d == nil || !Applies(d, kind) {
		return &motcua.Error{Code: motcua.EUNPROCESSABLE, Message: MsgNotApplicable, Params: map[string]any{"kind": string(kind)}}
	}
	b := builder{in: in, d: d, lang: i18n.Lang(in.Lang)}
	v, err := b.view(kind, paper)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pages.ExecuteTemplate(&buf, "page", v); err != nil {
		return fmt.Errorf("slip: render %s: %w", kind, err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Applies reports whether a slip of kind can be printed for d: a receipt or control
// slip once the dossier was received (its time limit started), a supplement request
// once one was made, a refusal slip once the dossier was refused (at intake or after
// appraisal), an apology slip once one was issued.
func Applies(d *dossier.Dossier, kind Kind) bool {
	switch kind {
	case KindReceipt, KindControl:
		return !d.ReceivedAt.IsZero()
	case KindSupplement:
		return len(d.Supplements) > 0
	case KindRefusal:
		return d.State == dossier.StateRefusedIntake || d.State == dossier.StateRefused
	case KindApology:
		return len(d.Apologies) > 0
	}
	return false
}

// Available returns the kinds of slip that apply to d, in the order of Kinds.
func Available(d *dossier.Dossier) []Kind {
	var out []Kind
	for _, k := range Kinds() {
		if Applies(d, k) {
			out = append(out, k)
		}
	}
	return out
}

// LookupURL returns the public lookup address of a dossier code under baseURL.
func LookupURL(baseURL, code string) string {
	return strings.TrimRight(baseURL, "/") + LookupPath + url.PathEscape(code)
}

// view is the data of one slip document; everything is already formatted and
// translated, and the template only escapes it.
type view struct {
	Lang, Paper, Kind string
	Title, FormNo     string
	Issuer            string // unit issuing the slip
	DateLine          string
	Code              string
	Procedure         string
	ProcedureCode     string
	Applicant         applicant
	Contact           bool  // print the applicant's address, phone and email
	Rows              []row // labelled lines of the body
	Papers            []paperRow
	Fees              []feeRow
	FeesTotal         string
	FeesPaid          string
	Payments          []paymentRow
	Missing           []string
	Handovers         []handoverRow
	Texts             []string // paragraphs
	QR                template.URL
	Lookup            string
	Signs             []sign
}

type applicant struct {
	Name, Proxy, Address, Phone, Email string
}

type row struct{ Label, Value, Class string }

type paperRow struct {
	No              int
	Name            string
	Originals, Copy int
}

type feeRow struct{ Kind, Name, Amount, Note string }

type paymentRow struct{ Receipt, Method, Amount, At string }

type handoverRow struct {
	No                          int
	FromUnit, FromStep, FromWho string
	ToUnit, ToStep, ToWho       string
	At, Due, Outcome, Class     string
}

type sign struct{ Title, Note, Name string }

// builder turns a dossier into a view.
type builder struct {
	in   Input
	d    *dossier.Dossier
	lang string
}

func (b *builder) t(key string, kv ...any) string {
	var p map[string]any
	if len(kv) > 0 {
		p = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			p[fmt.Sprint(kv[i])] = kv[i+1]
		}
	}
	return i18n.T(b.lang, key, p)
}

func (b *builder) unit(code string) string {
	if code == "" {
		return ""
	}
	if b.in.UnitName != nil {
		if n := b.in.UnitName(code); n != "" {
			return n
		}
	}
	return code
}

func (b *builder) user(username string) string {
	if username == "" {
		return ""
	}
	if b.in.UserName != nil {
		if n := b.in.UserName(username); n != "" {
			return n
		}
	}
	return username
}

// dateLine writes the place-and-date line of a form for t ("Ngày 14 tháng 07 năm 2025").
func (b *builder) dateLine(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(motcua.ICT)
	return b.t("slip.date_line", "d", t.Format("02"), "m", t.Format("01"), "y", t.Format("2006"))
}

// actorOf returns the actor of the first timeline entry with one of the actions.
func (b *builder) actorOf(actions ...dossier.Action) string {
	for _, e := range b.d.Timeline {
		for _, a := range actions {
			if e.Action == a {
				return e.Actor
			}
		}
	}
	return ""
}

func (b *builder) view(kind Kind, paper string) (*view, error) {
	d := b.d
	v := &view{
		Lang: b.lang, Paper: paper, Kind: string(kind),
		Title: b.t("slip." + string(kind) + ".title"), FormNo: b.t("slip." + string(kind) + ".form"),
		Issuer: b.unit(d.UnitCode), Code: d.Code, Procedure: d.ProcedureName, ProcedureCode: d.ProcedureCode,
		Applicant: applicant{Name: d.Applicant.FullName, Proxy: d.Applicant.ProxyName, Address: d.Applicant.Address,
			Phone: d.Applicant.Phone, Email: d.Applicant.Email},
	}
	// Every slip but the control slip is addressed to the applicant and carries their
	// contact details, as the forms ask; the control slip travels with the file
	// between units and needs only the name. No slip prints an ID number.
	v.Contact = kind != KindControl
	if v.Procedure == "" && b.in.Procedure != nil {
		v.Procedure = b.in.Procedure.Name
	}
	switch kind {
	case KindReceipt:
		return v, b.receipt(v)
	case KindControl:
		b.control(v)
	case KindSupplement:
		b.supplement(v)
	case KindRefusal:
		b.refusal(v)
	case KindApology:
		b.apology(v)
	}
	return v, nil
}

// limitText writes the legal time limit ("3 ngày làm việc").
func (b *builder) limitText() string {
	l := b.d.Limit
	if l.Unit == "" {
		return ""
	}
	return b.t("unit_of_time."+string(l.Unit), "n", l.Amount)
}

func (b *builder) returnText() string {
	r := b.d.ReturnMethod
	if r.Kind == dossier.ReturnPost {
		return b.t("slip.return.post", "address", r.Address)
	}
	return b.t("slip.return.counter", "unit", b.unit(b.d.UnitCode))
}

// receipt fills the receipt and appointment slip (Mẫu 01).
func (b *builder) receipt(v *view) error {
	d := b.d
	v.DateLine = b.dateLine(d.ReceivedAt)
	for i, p := range d.Papers {
		v.Papers = append(v.Papers, paperRow{No: i + 1, Name: p.Name, Originals: p.Originals, Copy: p.Copies})
	}
	for _, f := range d.Fees {
		r := feeRow{Kind: b.t("fee_kind." + string(f.Kind)), Name: f.Name, Amount: FormatMoney(f.Amount)}
		if f.Exempt {
			r.Note = b.t("slip.fee_exempt", "reason", f.ExemptionReason)
		}
		v.Fees = append(v.Fees, r)
	}
	v.FeesTotal, v.FeesPaid = FormatMoney(d.FeesOwed()), FormatMoney(d.FeesPaid())
	for _, p := range d.Payments {
		v.Payments = append(v.Payments, paymentRow{Receipt: p.Receipt, Method: b.t("slip.pay_method." + string(p.Method)),
			Amount: FormatMoney(p.Amount), At: FormatTime(p.At)})
	}
	if b.in.Procedure != nil && b.in.Procedure.Result != "" {
		v.Rows = append(v.Rows, row{Label: b.t("slip.result_doc"), Value: b.in.Procedure.Result})
	}
	v.Rows = append(v.Rows,
		row{Label: b.t("slip.channel"), Value: b.t("channel." + string(d.Channel))},
		row{Label: b.t("slip.time_limit"), Value: b.limitText()},
		row{Label: b.t("slip.received_at"), Value: FormatTime(d.ReceivedAt)},
		row{Label: b.t("slip.due_at"), Value: FormatTime(d.DueAt), Class: "due"},
		row{Label: b.t("slip.return_method"), Value: b.returnText()},
	)
	if len(d.Apologies) > 0 {
		v.Rows = append(v.Rows, row{Label: b.t("slip.apology.new_appointment"), Value: FormatTime(d.Appointment()), Class: "due"})
	}
	if b.in.BaseURL != "" {
		v.Lookup = LookupURL(b.in.BaseURL, d.Code)
		png, err := qrcode.Encode(v.Lookup, qrcode.Medium, 256)
		if err != nil {
			return fmt.Errorf("slip: QR code: %w", err)
		}
		// The data URI is built here from PNG bytes; it carries no input text.
		v.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	}
	officer := b.actorOf(dossier.ActReceive, dossier.ActAcceptOnline)
	v.Rows = append(v.Rows, row{Label: b.t("slip.received_by"), Value: b.user(officer)})
	v.Signs = []sign{
		{Title: b.t("slip.sign.applicant"), Note: b.t("slip.sign.note"), Name: firstNonEmpty(d.Applicant.ProxyName, d.Applicant.FullName)},
		{Title: b.t("slip.sign.receiver"), Note: b.t("slip.sign.note"), Name: b.user(officer)},
	}
	return nil
}

// control fills the control slip (Mẫu 06): one line per handover between steps, the
// receiver of a handover being whoever handed the next step on (or the assignee of
// the step in progress, or the officer who returned the result).
func (b *builder) control(v *view) {
	d := b.d
	v.DateLine = b.dateLine(b.in.Now)
	v.Rows = []row{
		{Label: b.t("slip.received_at"), Value: FormatTime(d.ReceivedAt)},
		{Label: b.t("slip.due_at"), Value: FormatTime(d.DueAt), Class: "due"},
	}
	if len(d.Apologies) > 0 {
		v.Rows = append(v.Rows, row{Label: b.t("slip.apology.new_appointment"), Value: FormatTime(d.Appointment())})
	}
	stepName := func(i int) string {
		if i >= 0 && i < len(d.Plan) {
			return d.Plan[i].Name
		}
		return ""
	}
	returner := b.actorOf(dossier.ActReturnResult, dossier.ActSendByPost)
	for i, h := range d.Handovers {
		r := handoverRow{No: i + 1, FromUnit: b.unit(h.FromUnit), FromStep: stepName(h.FromStep), FromWho: b.user(h.By),
			ToUnit: b.unit(h.ToUnit), ToStep: stepName(h.ToStep), At: FormatTime(h.At), Due: FormatTime(h.StepDue)}
		for _, n := range d.Handovers[i+1:] {
			if n.FromStep == h.ToStep {
				r.ToWho = b.user(n.By)
				break
			}
		}
		if r.ToWho == "" && i == len(d.Handovers)-1 {
			switch {
			case h.ToStep == d.Step && h.ToRole == motcua.RoleProcessor:
				r.ToWho = b.user(d.Assignee)
			case h.ToStep < len(d.Plan) && d.Plan[h.ToStep].Phase == dossier.PhaseReturn:
				r.ToWho = b.user(returner)
			}
		}
		switch h.Outcome {
		case dossier.StepOnTime:
			r.Outcome, r.Class = b.t("slip.outcome.on_time"), "ok"
		case dossier.StepLate:
			r.Outcome, r.Class = b.t("slip.outcome.late"), "late"
		}
		v.Handovers = append(v.Handovers, r)
	}
	if c := d.Completion; c != nil {
		v.Rows = append(v.Rows,
			row{Label: b.t("slip.completed_at"), Value: FormatTime(c.Completed)},
			row{Label: b.t("slip.outcome"), Value: b.t("slip.outcome." + string(c.Outcome)), Class: outcomeClass(c.Outcome)})
	}
	if d.Result != nil {
		v.Rows = append(v.Rows, row{Label: b.t("slip.result"), Value: b.t("slip.result." + string(d.Result.Kind))})
	}
	if !d.ReturnedAt.IsZero() {
		v.Rows = append(v.Rows, row{Label: b.t("slip.returned_at"), Value: FormatTime(d.ReturnedAt)})
	}
	v.Signs = []sign{{Title: b.t("slip.sign.receiver"), Note: b.t("slip.sign.note"), Name: b.user(b.actorOf(dossier.ActReceive, dossier.ActAcceptOnline))}}
}

func outcomeClass(o calendar.Outcome) string {
	if o == calendar.Late {
		return "late"
	}
	return "ok"
}

// supplement fills the supplement request (Mẫu 02) of the latest request.
func (b *builder) supplement(v *view) {
	s := b.d.Supplements[len(b.d.Supplements)-1]
	v.Issuer = b.unit(firstNonEmpty(s.UnitCode, b.d.UnitCode))
	v.DateLine = b.dateLine(s.At)
	v.Missing = s.MissingPapers
	v.Rows = []row{
		{Label: b.t("slip.supplement.reason"), Value: s.Reason},
		{Label: b.t("slip.supplement.asked_by"), Value: b.user(s.By)},
		{Label: b.t("slip.supplement.asked_at"), Value: FormatTime(s.At)},
	}
	if !s.ReceivedAt.IsZero() {
		v.Rows = append(v.Rows, row{Label: b.t("slip.supplement.received_at"), Value: FormatTime(s.ReceivedAt)})
	}
	v.Texts = []string{b.t("slip.supplement.contact", "name", b.user(s.By), "unit", v.Issuer)}
	v.Signs = []sign{{Title: b.t("slip.sign.guide"), Note: b.t("slip.sign.note"), Name: b.user(s.By)}}
}

// refusal fills the refusal slip (Mẫu 03): at intake the receiving unit refuses; after
// appraisal the unit whose leader signed the refusal.
func (b *builder) refusal(v *view) {
	d := b.d
	issuer, signer := d.UnitCode, b.actorOf(dossier.ActRefuseIntake)
	if d.State == dossier.StateRefused {
		signer = b.actorOf(dossier.ActRefuse)
		for _, s := range d.Signatures {
			if s.Kind == "refusal" {
				issuer, signer = s.UnitCode, s.Signer
			}
		}
	}
	v.Issuer = b.unit(issuer)
	v.DateLine = b.dateLine(d.ClosedAt)
	if !d.ReceivedAt.IsZero() {
		v.Rows = append(v.Rows, row{Label: b.t("slip.received_at"), Value: FormatTime(d.ReceivedAt)})
	} else if !d.SubmittedAt.IsZero() {
		v.Rows = append(v.Rows, row{Label: b.t("slip.submitted_at"), Value: FormatTime(d.SubmittedAt)})
	}
	basis := ""
	if b.in.Procedure != nil {
		basis = b.in.Procedure.LegalBasis
	}
	if basis != "" {
		v.Texts = []string{b.t("slip.refusal.body_basis", "unit", v.Issuer, "basis", basis)}
	} else {
		v.Texts = []string{b.t("slip.refusal.body", "unit", v.Issuer)}
	}
	v.Rows = append(v.Rows,
		row{Label: b.t("slip.refusal.reason"), Value: d.ClosedReason, Class: "reason"},
		row{Label: b.t("slip.refusal.at"), Value: FormatTime(d.ClosedAt)})
	v.Signs = []sign{{Title: b.t("slip.sign.issuer"), Note: b.t("slip.sign.note"), Name: b.user(signer)}}
}

// apology fills the apology slip (Mẫu 04) of the latest apology, issued by the unit at
// fault. The legal due stays as it was; the slip gives the new appointment.
func (b *builder) apology(v *view) {
	d := b.d
	a := d.Apologies[len(d.Apologies)-1]
	v.Issuer = b.unit(firstNonEmpty(a.UnitCode, d.UnitCode))
	v.DateLine = b.dateLine(a.At)
	v.Rows = []row{
		{Label: b.t("slip.received_at"), Value: FormatTime(d.ReceivedAt)},
		{Label: b.t("slip.apology.original_due"), Value: FormatTime(d.DueAt)},
		{Label: b.t("slip.apology.unit"), Value: v.Issuer},
		{Label: b.t("slip.apology.reason"), Value: a.Reason, Class: "reason"},
		{Label: b.t("slip.apology.new_appointment"), Value: FormatTime(a.Appointment), Class: "due"},
	}
	v.Texts = []string{
		b.t("slip.apology.body", "unit", v.Issuer, "received", FormatTime(d.ReceivedAt), "due", FormatTime(d.DueAt)),
		b.t("slip.apology.sorry", "unit", v.Issuer, "appointment", FormatTime(a.Appointment)),
	}
	v.Signs = []sign{{Title: b.t("slip.sign.issuer"), Note: b.t("slip.sign.note"), Name: b.user(a.By)}}
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
