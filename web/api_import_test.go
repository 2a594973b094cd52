package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/catalog/importer"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

func TestImportAPI(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		admin := e.tokens[motcua.RoleAdmin]
		ps := []catalog.Procedure{testProcedure("1.000301"), testProcedure("1.000302")}
		ps[1].Name = "Cấp lại Phiếu lý lịch tư pháp"
		var good bytes.Buffer
		if err := importer.Write(&good, importer.FormatCSV, ps); err != nil {
			t.Fatal(err)
		}
		bad := bytes.Replace(good.Bytes(), []byte("province"), []byte("galaxy"), 1)

		// a bad row: 422 listing the row and column, nothing stored
		p := e.uploadProblem(admin, "procs.csv", bad, 422)
		rows, _ := p.Details.([]any)
		if len(rows) != 1 || rows[0].(map[string]any)["column"] != "level" || rows[0].(map[string]any)["row"] != float64(2) {
			t.Fatalf("row errors: %+v", p.Details)
		}
		var list page[catalog.Procedure]
		e.do("GET", "/api/v1/procedures", admin, nil, &list)
		if list.Total != 1 {
			t.Fatalf("partial import: %d", list.Total)
		}
		// the good file imports both rows; only admins may
		e.uploadProblem(e.tokens[motcua.RoleLeader], "procs.csv", good.Bytes(), 403)
		res, body := e.upload(admin, "procs.csv", good.Bytes())
		if res.StatusCode != 200 || body["created"] != float64(2) {
			t.Fatalf("import: %d %v", res.StatusCode, body)
		}
		// a legacy .xls is refused with a clear message
		p = e.uploadProblem(admin, "old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), 400)
		if p.Key != "import.xls_unsupported" {
			t.Fatalf("xls: %+v", p)
		}
	})
}

func (e *testEnv) upload(token, name string, data []byte) (*http.Response, map[string]any) {
	e.t.Helper()
	return e.uploadTo("/api/v1/procedures/import", token, name, data)
}

// uploadTo posts a file as the multipart field "file".
func (e *testEnv) uploadTo(path, token, name string, data []byte) (*http.Response, map[string]any) {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := noRedirect.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string]any{}
	jsonUnmarshal([]byte(readAll(res)), &out)
	return res, out
}

func (e *testEnv) uploadProblem(token, name string, data []byte, status int) Problem {
	e.t.Helper()
	res, out := e.upload(token, name, data)
	if res.StatusCode != status {
		e.t.Fatalf("upload %s: %d %v, want %d", name, res.StatusCode, out, status)
	}
	var p Problem
	jsonUnmarshal(mustJSON(out), &p)
	return p
}
