package web

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog/importer"
)

// apiImportProcedures imports a CSV or XLSX catalogue, sent either as the "file" field
// of a multipart form or as the raw body (Content-Type text/csv or the XLSX type).
// All rows are checked first; any row error → 422 with every error in "details" and
// nothing stored. ?dry_run=true checks without storing.
func (s *Server) apiImportProcedures(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxImportBody)
	name, data, err := readUpload(r)
	if err != nil {
		return err
	}
	format, err := importer.DetectFormat(name, data)
	if err != nil {
		return err
	}
	ps, rowErrs, err := importer.Parse(bytes.NewReader(data), format, nil)
	if err != nil {
		return err
	}
	if err := importer.AsError(rowErrs); err != nil {
		return err
	}
	dry, _ := strconv.ParseBool(r.URL.Query().Get("dry_run"))
	if dry {
		writeJSON(w, http.StatusOK, map[string]any{"dry_run": true, "rows": len(ps)})
		return nil
	}
	created, updated, err := s.Catalog.ImportProcedures(r.Context(), ps, nil)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"rows": len(ps), "created": created, "updated": updated})
	return nil
}

// readUpload returns the uploaded file's name and content.
func readUpload(r *http.Request) (string, []byte, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		f, hdr, err := r.FormFile("file")
		if err != nil {
			if _, ok := err.(*http.MaxBytesError); ok {
				return "", nil, tooLarge()
			}
			return "", nil, motcua.FieldError(motcua.EINVALID, "file", "request.file_required")
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			return "", nil, tooLarge()
		}
		return hdr.Filename, data, nil
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return "", nil, tooLarge()
	}
	if len(data) == 0 {
		return "", nil, motcua.FieldError(motcua.EINVALID, "file", "request.file_required")
	}
	name := "upload"
	switch mt {
	case "text/csv":
		name += ".csv"
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		name += ".xlsx"
	}
	return name, data, nil
}

func tooLarge() error {
	return &motcua.Error{Code: motcua.EINVALID, Field: "file", Message: "request.too_large", Params: map[string]any{"limit": MaxImportBody}}
}
