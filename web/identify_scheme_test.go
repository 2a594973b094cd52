package web

import (
	"net/http"
	"testing"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// TestBearerSchemeCaseInsensitive: the authentication scheme name is case-insensitive
// (RFC 9110 §11.1), so "bearer" and "BEARER" are accepted; other schemes are refused.
func TestBearerSchemeCaseInsensitive(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		e := newTestEnv(t, db)
		tok := e.tokens[motcua.RoleLeader]
		for _, tc := range []struct {
			header string
			want   int
		}{
			{"Bearer " + tok, http.StatusOK},
			{"bearer " + tok, http.StatusOK},
			{"BEARER " + tok, http.StatusOK},
			{"Basic " + tok, http.StatusUnauthorized},
			{"Bearer", http.StatusUnauthorized},
		} {
			req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/dossiers", nil)
			req.Header.Set("Authorization", tc.header)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.want {
				t.Errorf("Authorization %.12q…: status %d, want %d", tc.header, res.StatusCode, tc.want)
			}
		}
	})
}
