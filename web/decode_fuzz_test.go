package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/catalog"
	"github.com/motcua/motcua/dossier"
)

// FuzzDecodeJSON feeds arbitrary bodies to the request decoder for every kind of
// body the API accepts: it must never panic, and every failure must be an EINVALID
// problem (never a 500).
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"procedure_code":"1.004227","applicant":{"kind":"person"}}`, `[`, `{"a":1}`, `{"version":"x"}`,
		`{"code":"1.0","time_limits":[{"amount":1e99}]}`, "\x00", `{"papers":[{"originals":-1}]}{}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		targets := []any{&receiveRequest{}, &dossier.Command{}, &catalog.Procedure{}, &catalog.Unit{}, &loginRequest{}, &createUserRequest{}}
		for _, v := range targets {
			r := httptest.NewRequest("POST", "/api/v1/x", strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			err := decodeJSON(httptest.NewRecorder(), r, v)
			if err != nil && motcua.ErrorCode(err) != motcua.EINVALID {
				t.Fatalf("decode %T of %q: code %s (%v)", v, body, motcua.ErrorCode(err), err)
			}
		}
	})
}
