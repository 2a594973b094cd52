package web

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
	"github.com/motcua/motcua/web/i18n"
)

// The catalogue import runs as a background job (see jobs.go): the form posts the
// file, the job parses and stores it with progress, and the job page shows a progress
// bar that refreshes itself until the result or the row errors are shown.

// importTimeout bounds one import job.
const importTimeout = 30 * time.Minute

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

type importColumn struct {
	importer.Column
	Help string
}

type importPageView struct {
	Columns []importColumn
	Max     int
	Errors  formErrors
}

func (s *Server) renderImportPage(w http.ResponseWriter, r *http.Request, status int, errs formErrors) error {
	lang := langOf(r)
	v := importPageView{Max: importer.MaxFileSize >> 20, Errors: errs}
	if v.Errors == nil {
		v.Errors = formErrors{}
	}
	for _, c := range importer.Columns() {
		v.Columns = append(v.Columns, importColumn{Column: c, Help: i18n.T(lang, "admin.import.col."+c.Key, nil)})
	}
	view := s.view(r, "admin.import.title", v)
	view.Error = v.Errors["file"]
	return s.render(w, status, "admin_import", view)
}

func (s *Server) pageAdminImport(w http.ResponseWriter, r *http.Request) error {
	return s.renderImportPage(w, r, http.StatusOK, nil)
}

// pageAdminImportStart checks the upload, starts the import job and redirects to its page.
func (s *Server) pageAdminImportStart(w http.ResponseWriter, r *http.Request) error {
	fail := func(err error) error {
		errs := formErrors{}
		status, err := errs.fromError(langOf(r), err, map[string]string{"": "file", "file": "file"})
		if err != nil {
			return err
		}
		errs["file"] = errs[firstKey(errs)]
		return s.renderImportPage(w, r, status, errs)
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		return fail(motcua.FieldError(motcua.EINVALID, "file", "request.file_required"))
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxImportBody)
	name, data, err := readUpload(r)
	if err != nil {
		return fail(err)
	}
	format, err := importer.DetectFormat(name, data)
	if err != nil {
		return fail(err)
	}
	dry := r.PostFormValue("dry_run") != ""
	// The job outlives the request: it gets a fresh context carrying only the actor
	// (for the audit log), not the request's cancellation.
	actor := *motcua.ActorFrom(r.Context())
	j := s.jobs().start(actor.Username, name, dry, func(j *importJob) {
		ctx, cancel := context.WithTimeout(motcua.WithActor(context.Background(), &actor), importTimeout)
		defer cancel()
		s.runImport(ctx, j, data, format)
	})
	http.Redirect(w, r, "/admin/import/jobs/"+j.ID, http.StatusSeeOther)
	return nil
}

func firstKey(m formErrors) string {
	for k := range m {
		return k
	}
	return ""
}

// runImport parses, checks and (unless dry) stores a catalogue file, recording
// progress and the outcome in j. Nothing is stored when there is any error.
func (s *Server) runImport(ctx context.Context, j *importJob, data []byte, format importer.Format) {
	failed := func(err error) {
		e := motcua.AsError(err)
		code := motcua.ErrorCode(err)
		j.update(func(st *importJobState) {
			st.Stage, st.Finished = jobFailed, time.Now()
			if e != nil && code != motcua.EINTERNAL {
				st.Failure, st.FailureParams = e.Message, e.Params
			} else {
				st.Failure = "error.internal_detail"
			}
		})
		if code == motcua.EINTERNAL || code == motcua.EUNAVAILABLE {
			s.log.Error("catalogue import failed", "job", j.ID, "err", err)
		}
	}
	j.progress(jobParsing)(0, 0)
	ps, rowErrs, err := importer.Parse(bytes.NewReader(data), format, j.progress(jobParsing))
	if err != nil {
		failed(err)
		return
	}
	if len(rowErrs) == 0 {
		j.progress(jobChecking)(0, len(ps))
		if rowErrs, err = s.checkImportRefs(ctx, ps); err != nil {
			failed(err)
			return
		}
		j.progress(jobChecking)(len(ps), len(ps))
	}
	if len(rowErrs) > 0 {
		j.update(func(st *importJobState) {
			st.Stage, st.Errors, st.Finished = jobFailed, rowErrs, time.Now()
			st.Failure, st.FailureParams = "import.rows_invalid", map[string]any{"count": len(rowErrs)}
		})
		return
	}
	if j.snapshot().DryRun {
		j.update(func(st *importJobState) { st.Stage, st.Rows, st.Finished = jobDone, len(ps), time.Now() })
		return
	}
	j.progress(jobStoring)(0, len(ps))
	created, updated, err := s.Catalog.ImportProcedures(ctx, ps, j.progress(jobStoring))
	if err != nil {
		failed(err)
		return
	}
	j.update(func(st *importJobState) {
		st.Stage, st.Done, st.Total, st.Finished = jobDone, len(ps), len(ps), time.Now()
		st.Rows, st.Created, st.Updated = len(ps), created, updated
	})
}

// checkImportRefs reports procedures naming a unit or field that does not exist, so
// the officer sees every such problem at once instead of the first one the store
// meets. Rows are not known after parsing, so each error names the procedure code.
func (s *Server) checkImportRefs(ctx context.Context, ps []catalog.Procedure) ([]importer.RowError, error) {
	units, err := s.Catalog.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	fields, err := s.Catalog.ListFields(ctx)
	if err != nil {
		return nil, err
	}
	haveUnit, haveField := map[string]bool{}, map[string]bool{}
	for _, u := range units {
		haveUnit[u.Code] = true
	}
	for _, f := range fields {
		haveField[f.Code] = true
	}
	var out []importer.RowError
	add := func(p *catalog.Procedure, column, value, key string) {
		params := map[string]any{"procedure": p.Code, "code": value}
		out = append(out, importer.RowError{Column: column, Value: value, Key: key,
			Message: i18n.T("en", key, params), MessageVI: i18n.T("vi", key, params)})
	}
	for i := range ps {
		p := &ps[i]
		if len(out) >= importer.MaxErrors {
			break
		}
		if !haveUnit[p.UnitCode] {
			add(p, "unit_code", p.UnitCode, "admin.import.unit_missing")
		}
		if !haveField[p.FieldCode] {
			add(p, "field_code", p.FieldCode, "admin.import.field_missing")
		}
		for _, c := range p.Chain {
			if !haveUnit[c] {
				add(p, "chain", c, "admin.import.unit_missing")
			}
		}
		for _, st := range p.Steps {
			if st.UnitCode != "" && !haveUnit[st.UnitCode] {
				add(p, "steps", st.UnitCode, "admin.import.unit_missing")
			}
		}
	}
	return out, nil
}

// jobJSON is the progress document polled by the job page's script.
type jobJSON struct {
	ID         string `json:"id"`
	Stage      string `json:"stage"`
	StageLabel string `json:"stage_label"`
	Done       int    `json:"done"`
	Total      int    `json:"total"`
	Finished   bool   `json:"finished"`
	DryRun     bool   `json:"dry_run"`
	Rows       int    `json:"rows"`
	Created    int    `json:"created"`
	Updated    int    `json:"updated"`
	ErrorCount int    `json:"error_count"`
	Message    string `json:"message,omitempty"`
}

type importJobView struct {
	importJobState
	StageLabel string
	Message    string
	JSONURL    string
}

// pageAdminImportJob shows a job (GET /admin/import/jobs/{id}) or, for an id ending
// in ".json", its progress as JSON.
func (s *Server) pageAdminImportJob(w http.ResponseWriter, r *http.Request) error {
	id, asJSON := strings.CutSuffix(r.PathValue("id"), ".json")
	j, ok := s.jobs().get(id)
	if !ok {
		return motcua.Errorf(motcua.ENOTFOUND, "admin.import.job_not_found")
	}
	st := j.snapshot()
	lang := langOf(r)
	label := i18n.T(lang, "admin.import.stage."+st.Stage, nil)
	msg := ""
	switch {
	case st.Stage == jobDone && st.DryRun:
		msg = i18n.T(lang, "admin.import.dry_ok", map[string]any{"rows": st.Rows})
	case st.Stage == jobDone:
		msg = i18n.T(lang, "admin.import.done", map[string]any{"rows": st.Rows, "created": st.Created, "updated": st.Updated})
	case st.Stage == jobFailed:
		msg = i18n.T(lang, st.Failure, st.FailureParams)
	}
	if asJSON {
		writeJSON(w, http.StatusOK, jobJSON{ID: st.ID, Stage: st.Stage, StageLabel: label, Done: st.Done, Total: st.Total,
			Finished: st.IsFinished(), DryRun: st.DryRun, Rows: st.Rows, Created: st.Created, Updated: st.Updated,
			ErrorCount: len(st.Errors), Message: msg})
		return nil
	}
	v := s.view(r, "admin.import.job_title", importJobView{importJobState: st, StageLabel: label, Message: msg,
		JSONURL: "/admin/import/jobs/" + st.ID + ".json"})
	switch st.Stage {
	case jobDone:
		v.Flash = msg
	case jobFailed:
		v.Error = msg
	}
	return s.render(w, http.StatusOK, "admin_import_job", v)
}

// pageAdminImportTemplate downloads the empty import sheet (template.csv / .xlsx).
func (s *Server) pageAdminImportTemplate(w http.ResponseWriter, r *http.Request) error {
	format := importer.FormatFromName(r.URL.Path)
	var buf bytes.Buffer
	if err := importer.WriteTemplate(&buf, format); err != nil {
		return err
	}
	return sendFile(w, "mau-nhap-thu-tuc."+string(format), format, buf.Bytes())
}

// pageAdminExport downloads the whole catalogue, inactive procedures included, in the
// shape the import reads (export.csv / .xlsx).
func (s *Server) pageAdminExport(w http.ResponseWriter, r *http.Request) error {
	format := importer.FormatFromName(r.URL.Path)
	var all []catalog.Procedure
	for offset := 0; ; {
		ps, total, err := s.Catalog.ListProcedures(r.Context(), catalog.ProcedureFilter{Limit: 500, Offset: offset})
		if err != nil {
			return err
		}
		all = append(all, ps...)
		offset += len(ps)
		if len(ps) == 0 || offset >= total {
			break
		}
	}
	var buf bytes.Buffer
	if err := importer.Write(&buf, format, all); err != nil {
		return err
	}
	name := "danh-muc-thu-tuc-" + time.Now().In(motcua.ICT).Format("20060102") + "." + string(format)
	return sendFile(w, name, format, buf.Bytes())
}

func sendFile(w http.ResponseWriter, name string, format importer.Format, data []byte) error {
	ct := "text/csv; charset=utf-8"
	if format == importer.FormatXLSX {
		ct = xlsxType
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	_, err := w.Write(data)
	return err
}
