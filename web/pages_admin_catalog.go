package web

import (
	"math"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/auth"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/web/i18n"
)

// Administration pages for the catalogue: units and procedures. Forms are plain HTML
// (they work without JavaScript); errors are shown next to the fields with the input
// kept, and nothing is stored while there is an error.

func init() {
	// allowed lets templates show links by permission: {{if allowed .Actor "catalog.write"}}.
	funcs["allowed"] = func(a *motcua.Actor, p string) bool { return auth.Allowed(a, auth.Permission(p)) }
}

// formRows is how many empty rows a repeating group gets below the existing ones.
const formRows = 3

// maxFormRows bounds the rows read from one repeating group.
const maxFormRows = 500

// adminHomeView is the administration start page.
type adminHomeView struct {
	CatalogWrite, UsersManage, CalendarWrite bool
}

func (s *Server) pageAdmin(w http.ResponseWriter, r *http.Request) error {
	a := motcua.ActorFrom(r.Context())
	v := adminHomeView{CatalogWrite: auth.Allowed(a, auth.CatalogWrite), UsersManage: auth.Allowed(a, auth.UsersManage),
		CalendarWrite: auth.Allowed(a, auth.CalendarWrite)}
	return s.render(w, http.StatusOK, "admin_home", s.view(r, "admin.title", v))
}

// formErrors are the messages shown next to fields, by field name, plus the summary.
type formErrors map[string]string

// fromError records a store or validation error under the section its field belongs
// to and returns the HTTP status to answer with; other errors are returned as they are.
func (fe formErrors) fromError(lang string, err error, sections map[string]string) (int, error) {
	e := motcua.AsError(err)
	code := motcua.ErrorCode(err)
	if e == nil || code == motcua.EINTERNAL || code == motcua.EUNAVAILABLE || code == motcua.EFORBIDDEN || code == motcua.EUNAUTHORIZED {
		return 0, err
	}
	msg := i18n.T(lang, e.Message, e.Params)
	field := e.Field
	if sec, ok := sections[field]; ok {
		field = sec
	} else if head, _, ok := strings.Cut(field, "."); ok {
		field = head
	}
	if field == "" {
		field = "_"
	}
	fe[field] = msg
	return statusOf[code], nil
}

// summary is the message shown at the top of a form with errors.
func (fe formErrors) summary(lang string) string {
	if len(fe) == 0 {
		return ""
	}
	if m, ok := fe["_"]; ok {
		return m
	}
	if m, ok := fe["version"]; ok {
		return m
	}
	return i18n.T(lang, "admin.form_has_errors", map[string]any{"n": len(fe)})
}

// ---- units ----

type unitNode struct {
	catalog.Unit
	Sub *unitTree
}

type unitTree struct {
	Lang    string
	CanEdit bool
	Nodes   []*unitNode
}

var unitKindOrder = map[catalog.UnitKind]int{catalog.UnitProvince: 0, catalog.UnitCenter: 1, catalog.UnitDepartment: 2,
	catalog.UnitVertical: 3, catalog.UnitCommune: 4, catalog.UnitBranch: 5}

// buildUnitTree arranges units under their parents: the province, then the centre,
// departments, vertical agencies and communes, each with its branches. A unit whose
// parent is unknown is shown at the top level.
func buildUnitTree(units []catalog.Unit, lang string, canEdit bool) *unitTree {
	byCode := map[string]bool{}
	for _, u := range units {
		byCode[u.Code] = true
	}
	children := map[string][]catalog.Unit{}
	for _, u := range units {
		p := u.ParentCode
		if !byCode[p] {
			p = ""
		}
		children[p] = append(children[p], u)
	}
	seen := map[string]bool{}
	var build func(parent string) *unitTree
	build = func(parent string) *unitTree {
		us := children[parent]
		if len(us) == 0 {
			return nil
		}
		sort.SliceStable(us, func(i, j int) bool {
			if a, b := unitKindOrder[us[i].Kind], unitKindOrder[us[j].Kind]; a != b {
				return a < b
			}
			return us[i].Code < us[j].Code
		})
		t := &unitTree{Lang: lang, CanEdit: canEdit}
		for _, u := range us {
			if seen[u.Code] {
				continue
			}
			seen[u.Code] = true
			t.Nodes = append(t.Nodes, &unitNode{Unit: u, Sub: build(u.Code)})
		}
		return t
	}
	t := build("")
	if t == nil {
		t = &unitTree{Lang: lang, CanEdit: canEdit}
	}
	return t
}

func (s *Server) pageAdminUnits(w http.ResponseWriter, r *http.Request) error {
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	lang := langOf(r)
	canEdit := auth.Allowed(motcua.ActorFrom(r.Context()), auth.CatalogWrite)
	v := s.view(r, "admin.units.title", map[string]any{"Tree": buildUnitTree(units, lang, canEdit), "Count": len(units), "CanEdit": canEdit})
	switch r.URL.Query().Get("ok") {
	case "created":
		v.Flash = i18n.T(lang, "admin.units.created", map[string]any{"code": r.URL.Query().Get("code")})
	case "updated":
		v.Flash = i18n.T(lang, "admin.units.updated", map[string]any{"code": r.URL.Query().Get("code")})
	}
	return s.render(w, http.StatusOK, "admin_units", v)
}

type unitFormView struct {
	New    bool
	U      catalog.Unit
	Kinds  []catalog.UnitKind
	Units  []catalog.Unit // parent candidates
	Errors formErrors
}

func (s *Server) renderUnitForm(w http.ResponseWriter, r *http.Request, status int, isNew bool, u catalog.Unit, errs formErrors) error {
	units, err := s.Catalog.ListUnits(r.Context())
	if err != nil {
		return err
	}
	var parents []catalog.Unit
	for _, x := range units {
		if isNew || x.Code != u.Code {
			parents = append(parents, x)
		}
	}
	if errs == nil {
		errs = formErrors{}
	}
	title := "admin.units.edit_title"
	if isNew {
		title = "admin.units.new_title"
	}
	v := s.view(r, title, unitFormView{New: isNew, U: u, Kinds: catalog.UnitKinds, Units: parents, Errors: errs})
	v.Error = errs.summary(v.Lang)
	return s.render(w, status, "admin_unit_form", v)
}

func (s *Server) pageAdminUnitNew(w http.ResponseWriter, r *http.Request) error {
	return s.renderUnitForm(w, r, http.StatusOK, true, catalog.Unit{Active: true, Kind: catalog.UnitDepartment}, nil)
}

func (s *Server) pageAdminUnitEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := s.Catalog.GetUnit(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.renderUnitForm(w, r, http.StatusOK, false, *u, nil)
}

func unitFromForm(r *http.Request) catalog.Unit {
	f := r.PostForm
	return catalog.Unit{
		Code:       strings.TrimSpace(f.Get("code")),
		Name:       strings.TrimSpace(f.Get("name")),
		ShortName:  strings.TrimSpace(f.Get("short_name")),
		Kind:       catalog.UnitKind(f.Get("kind")),
		ParentCode: strings.TrimSpace(f.Get("parent_code")),
		Address:    strings.TrimSpace(f.Get("address")),
		Active:     f.Get("active") != "",
	}
}

// pageAdminUnitSave creates (POST /admin/units) or updates (POST /admin/units/{code}) a unit.
func (s *Server) pageAdminUnitSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	code := r.PathValue("code")
	isNew := code == ""
	if !isNew {
		if _, err := s.Catalog.GetUnit(r.Context(), code); err != nil {
			return err
		}
	}
	u := unitFromForm(r)
	if !isNew {
		u.Code = code
	}
	check := u // Validate trims and may change the copy; the form keeps what was typed
	err := check.Validate()
	if err == nil {
		if isNew {
			err = s.Catalog.CreateUnit(r.Context(), &check)
		} else {
			err = s.Catalog.UpdateUnit(r.Context(), &check)
		}
	}
	if err != nil {
		errs := formErrors{}
		status, err := errs.fromError(langOf(r), err, nil)
		if err != nil {
			return err
		}
		return s.renderUnitForm(w, r, status, isNew, u, errs)
	}
	ok := "updated"
	if isNew {
		ok = "created"
	}
	http.Redirect(w, r, "/admin/units?ok="+ok+"&code="+url.QueryEscape(check.Code), http.StatusSeeOther)
	return nil
}

// ---- procedures ----

type adminProcListView struct {
	procedureListView
	CanEdit bool
}

func (s *Server) pageAdminProcedures(w http.ResponseWriter, r *http.Request) error {
	list, err := s.procedureList(r, false)
	if err != nil {
		return err
	}
	v := adminProcListView{procedureListView: list, CanEdit: auth.Allowed(motcua.ActorFrom(r.Context()), auth.CatalogWrite)}
	view := s.view(r, "admin.procedures.title", v)
	switch r.URL.Query().Get("ok") {
	case "created":
		view.Flash = i18n.T(view.Lang, "admin.procedures.created", map[string]any{"code": r.URL.Query().Get("code")})
	case "updated":
		view.Flash = i18n.T(view.Lang, "admin.procedures.updated", map[string]any{"code": r.URL.Query().Get("code")})
	}
	return s.render(w, http.StatusOK, "admin_procedures", view)
}

type limitRow struct {
	Channel catalog.Channel
	Amount  string
	Unit    catalog.TimeUnit
}

type feeRow struct{ Kind, Name, Amount, Note string }

type paperRow struct {
	Name, Originals, Copies string
	Mandatory               bool
}

type stepRow struct{ Name, Unit, Role, Hours string }

// procForm is the procedure form as typed, so it can be shown again with errors.
type procForm struct {
	New                             bool
	Code, Name, UnitCode, FieldCode string
	Level                           string
	Channels                        map[catalog.Channel]bool
	Limits                          []limitRow
	Fees                            []feeRow
	Papers                          []paperRow
	Result                          string
	FourOnSpot                      bool
	Chain                           string
	Steps                           []stepRow
	LegalBasis                      string
	Active                          bool
	Version                         int
	Errors                          formErrors
	Units                           []catalog.Unit
	Fields                          []catalog.Field
	Levels                          []catalog.Level
	AllChannels                     []catalog.Channel
	TimeUnits                       []catalog.TimeUnit
	FeeKinds                        []catalog.FeeKind
	Roles                           []motcua.Role
}

// formFromProcedure fills the form from a stored procedure.
func formFromProcedure(p *catalog.Procedure) *procForm {
	f := &procForm{Code: p.Code, Name: p.Name, UnitCode: p.UnitCode, FieldCode: p.FieldCode, Level: string(p.Level),
		Channels: map[catalog.Channel]bool{}, Result: p.Result, FourOnSpot: p.FourOnSpot, Chain: strings.Join(p.Chain, "\n"),
		LegalBasis: p.LegalBasis, Active: p.Active, Version: p.Version}
	for _, c := range p.Channels {
		f.Channels[c] = true
	}
	for _, c := range catalog.AllChannels {
		row := limitRow{Channel: c, Unit: catalog.WorkingDays}
		for _, l := range p.TimeLimits {
			if l.Channel == c {
				row.Amount, row.Unit = strconv.Itoa(l.Amount), l.Unit
			}
		}
		f.Limits = append(f.Limits, row)
	}
	for _, x := range p.Fees {
		f.Fees = append(f.Fees, feeRow{Kind: string(x.Kind), Name: x.Name, Amount: strconv.FormatInt(x.Amount, 10), Note: x.Note})
	}
	for _, x := range p.Papers {
		f.Papers = append(f.Papers, paperRow{Name: x.Name, Originals: strconv.Itoa(x.Originals), Copies: strconv.Itoa(x.Copies), Mandatory: x.Mandatory})
	}
	for _, x := range p.Steps {
		f.Steps = append(f.Steps, stepRow{Name: x.Name, Unit: x.UnitCode, Role: string(x.Role), Hours: editableHours(x.Minutes)})
	}
	return f
}

// editableHours writes minutes as exact hours for a form field (no rounding, so an
// unchanged form saves the same minutes).
func editableHours(min int) string {
	return strings.Replace(strconv.FormatFloat(float64(min)/60, 'f', -1, 64), ".", ",", 1)
}

// rowIndexes returns the sorted row numbers of a repeating group's fields
// (prefix.N.name) present in the form.
func rowIndexes(form url.Values, prefix string) []int {
	seen := map[int]bool{}
	for k := range form {
		rest, ok := strings.CutPrefix(k, prefix+".")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(n)
		if err == nil && i >= 0 && i < maxFormRows {
			seen[i] = true
		}
	}
	out := make([]int, 0, len(seen))
	for i := range seen {
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

func rowField(form url.Values, prefix string, i int, name string) string {
	return strings.TrimSpace(form.Get(prefix + "." + strconv.Itoa(i) + "." + name))
}

// formFromRequest reads the posted form. Blank rows are dropped.
func formFromRequest(r *http.Request) *procForm {
	form := r.PostForm
	f := &procForm{
		Code: strings.TrimSpace(form.Get("code")), Name: strings.TrimSpace(form.Get("name")),
		UnitCode: form.Get("unit_code"), FieldCode: form.Get("field_code"), Level: form.Get("level"),
		Channels: map[catalog.Channel]bool{}, Result: strings.TrimSpace(form.Get("result")),
		FourOnSpot: form.Get("four_on_spot") != "", Chain: strings.TrimSpace(form.Get("chain")),
		LegalBasis: strings.TrimSpace(form.Get("legal_basis")), Active: form.Get("active") != "",
	}
	f.Version, _ = strconv.Atoi(form.Get("version"))
	for _, c := range form["channels"] {
		f.Channels[catalog.Channel(c)] = true
	}
	for _, c := range catalog.AllChannels {
		f.Limits = append(f.Limits, limitRow{Channel: c, Amount: strings.TrimSpace(form.Get("limit." + string(c) + ".amount")),
			Unit: catalog.TimeUnit(form.Get("limit." + string(c) + ".unit"))})
	}
	for _, i := range rowIndexes(form, "fee") {
		row := feeRow{Kind: rowField(form, "fee", i, "kind"), Name: rowField(form, "fee", i, "name"),
			Amount: rowField(form, "fee", i, "amount"), Note: rowField(form, "fee", i, "note")}
		if row.Name != "" || row.Amount != "" || row.Note != "" {
			f.Fees = append(f.Fees, row)
		}
	}
	for _, i := range rowIndexes(form, "paper") {
		row := paperRow{Name: rowField(form, "paper", i, "name"), Originals: rowField(form, "paper", i, "originals"),
			Copies: rowField(form, "paper", i, "copies"), Mandatory: rowField(form, "paper", i, "mandatory") != ""}
		if row.Name != "" {
			f.Papers = append(f.Papers, row)
		}
	}
	for _, i := range rowIndexes(form, "step") {
		row := stepRow{Name: rowField(form, "step", i, "name"), Unit: rowField(form, "step", i, "unit"),
			Role: rowField(form, "step", i, "role"), Hours: rowField(form, "step", i, "hours")}
		if row.Name != "" || row.Unit != "" || row.Hours != "" {
			f.Steps = append(f.Steps, row)
		}
	}
	return f
}

// parseHours reads working hours ("8", "1,5", "1.5") as minutes.
func parseHours(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	h, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || h < 0 || math.IsNaN(h) || math.IsInf(h, 0) || h > 3650*8 {
		return 0, false
	}
	return int(math.Round(h * 60)), true
}

// splitCodes splits a list of unit codes on line breaks, commas, semicolons or spaces.
func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' || r == ' ' || r == '\t' })
}

// procedure converts the form to a procedure, recording cell-level problems (numbers
// that are not numbers) in errs by section.
func (f *procForm) procedure(lang string, errs formErrors) catalog.Procedure {
	p := catalog.Procedure{Code: f.Code, Name: f.Name, UnitCode: f.UnitCode, FieldCode: f.FieldCode, Level: catalog.Level(f.Level),
		Result: f.Result, FourOnSpot: f.FourOnSpot, Chain: splitCodes(f.Chain), LegalBasis: f.LegalBasis, Active: f.Active, Version: f.Version}
	rowErr := func(section string, n int, key string) {
		if _, ok := errs[section]; !ok {
			errs[section] = i18n.T(lang, "admin.row_error", map[string]any{"n": n, "message": i18n.T(lang, key, nil)})
		}
	}
	for _, c := range catalog.AllChannels {
		if f.Channels[c] {
			p.Channels = append(p.Channels, c)
		}
	}
	for _, l := range f.Limits {
		if l.Amount == "" {
			continue
		}
		n, err := strconv.Atoi(l.Amount)
		if err != nil {
			errs["time_limits"] = i18n.T(lang, "admin.procedures.limit_number", nil)
			continue
		}
		p.TimeLimits = append(p.TimeLimits, catalog.TimeLimit{Channel: l.Channel, Amount: n, Unit: l.Unit})
	}
	for i, x := range f.Fees {
		amount, ok := parseAmount(x.Amount)
		if !ok {
			rowErr("fees", i+1, "admin.procedures.fee_amount")
		}
		p.Fees = append(p.Fees, catalog.Fee{Kind: catalog.FeeKind(x.Kind), Name: x.Name, Amount: amount, Note: x.Note})
	}
	for i, x := range f.Papers {
		o, ok1 := parseCount(x.Originals)
		c, ok2 := parseCount(x.Copies)
		if !ok1 || !ok2 {
			rowErr("papers", i+1, "admin.procedures.paper_count")
		}
		p.Papers = append(p.Papers, catalog.Paper{Name: x.Name, Originals: o, Copies: c, Mandatory: x.Mandatory})
	}
	for i, x := range f.Steps {
		m, ok := parseHours(x.Hours)
		if !ok {
			rowErr("steps", i+1, "admin.procedures.step_hours")
		}
		if x.Name == "" {
			rowErr("steps", i+1, "catalog.name_length")
		}
		p.Steps = append(p.Steps, catalog.Step{Name: x.Name, UnitCode: x.Unit, Role: motcua.Role(x.Role), Minutes: m})
	}
	return p
}

// withOptions adds the select options and the empty rows for a render.
func (s *Server) withOptions(r *http.Request, f *procForm) error {
	var err error
	if f.Units, err = s.Catalog.ListUnits(r.Context()); err != nil {
		return err
	}
	if f.Fields, err = s.Catalog.ListFields(r.Context()); err != nil {
		return err
	}
	f.Levels = []catalog.Level{catalog.LevelProvince, catalog.LevelCommune, catalog.LevelCentral, catalog.LevelDistrict}
	f.AllChannels = catalog.AllChannels
	f.TimeUnits = []catalog.TimeUnit{catalog.WorkingDays, catalog.WorkingHours, catalog.CalendarDays}
	f.FeeKinds = []catalog.FeeKind{catalog.FeeCharge, catalog.FeeFee}
	f.Roles = motcua.Roles
	for range formRows {
		f.Fees = append(f.Fees, feeRow{Kind: string(catalog.FeeCharge)})
		f.Papers = append(f.Papers, paperRow{Originals: "1", Copies: "0", Mandatory: true})
		f.Steps = append(f.Steps, stepRow{})
	}
	if f.Errors == nil {
		f.Errors = formErrors{}
	}
	if f.Channels == nil {
		f.Channels = map[catalog.Channel]bool{}
	}
	if len(f.Limits) == 0 {
		for _, c := range catalog.AllChannels {
			f.Limits = append(f.Limits, limitRow{Channel: c, Unit: catalog.WorkingDays})
		}
	}
	return nil
}

func (s *Server) renderProcForm(w http.ResponseWriter, r *http.Request, status int, f *procForm) error {
	if err := s.withOptions(r, f); err != nil {
		return err
	}
	title := "admin.procedures.edit_title"
	if f.New {
		title = "admin.procedures.new_title"
	}
	v := s.view(r, title, f)
	if !f.New {
		v.Title = i18n.T(v.Lang, title, map[string]any{"code": f.Code})
	}
	v.Error = f.Errors.summary(v.Lang)
	return s.render(w, status, "admin_procedure_form", v)
}

func (s *Server) pageAdminProcedureNew(w http.ResponseWriter, r *http.Request) error {
	f := &procForm{New: true, Level: string(catalog.LevelProvince), Active: true,
		Channels: map[catalog.Channel]bool{catalog.ChannelCounter: true}}
	return s.renderProcForm(w, r, http.StatusOK, f)
}

func (s *Server) pageAdminProcedureEdit(w http.ResponseWriter, r *http.Request) error {
	p, err := s.Catalog.GetProcedure(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return s.renderProcForm(w, r, http.StatusOK, formFromProcedure(p))
}

// procedureSections maps error fields to the form section they are shown in.
var procedureSections = map[string]string{
	"unit_code": "unit_code", "field_code": "field_code", "time_limits": "time_limits", "chain": "chain",
	"fees": "fees", "papers": "papers", "steps": "steps", "result": "result", "legal_basis": "legal_basis",
}

// pageAdminProcedureSave creates (POST /admin/procedures) or updates
// (POST /admin/procedures/{code}, with the version the form was loaded at).
func (s *Server) pageAdminProcedureSave(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	code := r.PathValue("code")
	f := formFromRequest(r)
	f.New = code == ""
	if !f.New {
		if _, err := s.Catalog.GetProcedure(r.Context(), code); err != nil {
			return err
		}
		f.Code = code
	}
	lang := langOf(r)
	f.Errors = formErrors{}
	p := f.procedure(lang, f.Errors)
	if len(f.Errors) > 0 {
		return s.renderProcForm(w, r, http.StatusBadRequest, f)
	}
	err := p.Validate()
	if err == nil {
		if f.New {
			err = s.Catalog.CreateProcedure(r.Context(), &p)
		} else {
			err = s.Catalog.UpdateProcedure(r.Context(), &p)
		}
	}
	if err != nil {
		status, err := f.Errors.fromError(lang, err, procedureSections)
		if err != nil {
			return err
		}
		return s.renderProcForm(w, r, status, f)
	}
	ok := "updated"
	if f.New {
		ok = "created"
	}
	http.Redirect(w, r, "/admin/procedures?ok="+ok+"&code="+url.QueryEscape(p.Code), http.StatusSeeOther)
	return nil
}

// versionRow is one version of a procedure with what changed since the one before.
type versionRow struct {
	catalog.ProcedureVersion
	Changes []string
}

func (s *Server) pageAdminProcedureHistory(w http.ResponseWriter, r *http.Request) error {
	hs, err := s.Catalog.ProcedureHistory(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	lang := langOf(r)
	rows := make([]versionRow, len(hs))
	for i := range hs {
		rows[i].ProcedureVersion = hs[i]
		if i == 0 {
			rows[i].Changes = []string{i18n.T(lang, "admin.history.created", nil)}
			continue
		}
		rows[i].Changes = procedureChanges(lang, &hs[i-1].Procedure, &hs[i].Procedure)
	}
	slices.Reverse(rows)
	last := hs[len(hs)-1].Procedure
	v := s.view(r, "admin.history.title", map[string]any{"P": last, "Versions": rows,
		"CanEdit": auth.Allowed(motcua.ActorFrom(r.Context()), auth.CatalogWrite)})
	v.Title = i18n.T(v.Lang, "admin.history.title", map[string]any{"code": last.Code})
	return s.render(w, http.StatusOK, "admin_procedure_history", v)
}

// procedureChanges describes in words what changed from a to b: "old → new" for short
// values, counts for lists.
func procedureChanges(lang string, a, b *catalog.Procedure) []string {
	var out []string
	scalar := func(label, x, y string) {
		if x != y {
			out = append(out, i18n.T(lang, "admin.history.changed_value", map[string]any{"field": i18n.T(lang, label, nil),
				"old": shorten(x), "new": shorten(y)}))
		}
	}
	list := func(label string, x, y any, nx, ny int) {
		if !reflect.DeepEqual(x, y) {
			key := "admin.history.changed_list"
			if nx == ny {
				key = "admin.history.changed_items"
			}
			out = append(out, i18n.T(lang, key, map[string]any{"field": i18n.T(lang, label, nil), "old": nx, "new": ny}))
		}
	}
	yesNo := func(v bool) string {
		if v {
			return i18n.T(lang, "common.yes", nil)
		}
		return i18n.T(lang, "common.no", nil)
	}
	scalar("procedures.name", a.Name, b.Name)
	scalar("procedures.unit", a.UnitCode, b.UnitCode)
	scalar("procedures.field", a.FieldCode, b.FieldCode)
	scalar("procedure.level", string(a.Level), string(b.Level))
	list("procedure.channels", a.Channels, b.Channels, len(a.Channels), len(b.Channels))
	list("procedure.time_limit", a.TimeLimits, b.TimeLimits, len(a.TimeLimits), len(b.TimeLimits))
	list("procedure.fees", a.Fees, b.Fees, len(a.Fees), len(b.Fees))
	list("procedure.papers", a.Papers, b.Papers, len(a.Papers), len(b.Papers))
	scalar("procedure.result", a.Result, b.Result)
	scalar("procedure.four_on_spot_short", yesNo(a.FourOnSpot), yesNo(b.FourOnSpot))
	list("procedure.chain", a.Chain, b.Chain, len(a.Chain), len(b.Chain))
	list("procedure.steps", a.Steps, b.Steps, len(a.Steps), len(b.Steps))
	scalar("procedure.legal_basis", a.LegalBasis, b.LegalBasis)
	scalar("admin.active", yesNo(a.Active), yesNo(b.Active))
	if len(out) == 0 {
		out = append(out, i18n.T(lang, "admin.history.no_change", nil))
	}
	return out
}

func shorten(s string) string {
	r := []rune(s)
	if len(r) > 80 {
		return string(r[:79]) + "…"
	}
	if s == "" {
		return "—"
	}
	return s
}
