package web

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/web/i18n"
)

// Problem is an RFC 9457 problem details document. Type is a stable URI per error
// code; Detail is translated into the request's language; Field names the offending
// input field.
type Problem struct {
	Type     string         `json:"type"`
	Title    string         `json:"title"`
	Status   int            `json:"status"`
	Detail   string         `json:"detail"`
	Code     string         `json:"code"`
	Field    string         `json:"field,omitempty"`
	Key      string         `json:"key,omitempty"`
	Params   map[string]any `json:"params,omitempty"`
	Details  any            `json:"details,omitempty"`
	Instance string         `json:"instance,omitempty"`
}

// statusOf maps application error codes to HTTP statuses, in one place.
var statusOf = map[string]int{
	motcua.EINVALID:       http.StatusBadRequest,
	motcua.EUNAUTHORIZED:  http.StatusUnauthorized,
	motcua.EFORBIDDEN:     http.StatusForbidden,
	motcua.ENOTFOUND:      http.StatusNotFound,
	motcua.ECONFLICT:      http.StatusConflict,
	motcua.EUNPROCESSABLE: http.StatusUnprocessableEntity,
	motcua.ETOOMANY:       http.StatusTooManyRequests,
	motcua.EUNAVAILABLE:   http.StatusServiceUnavailable,
	motcua.EINTERNAL:      http.StatusInternalServerError,
}

// ProblemTypeBase prefixes the stable problem type URIs.
const ProblemTypeBase = "https://motcua.dev/problems/"

// problemFor builds the problem document of err in lang. Internal errors show a
// generic message to the user; the full chain goes to the operator's log.
func problemFor(r *http.Request, lang string, err error) Problem {
	err = unavailableErr(r, err)
	code := motcua.ErrorCode(err)
	status := statusOf[code]
	p := Problem{Type: ProblemTypeBase + code, Status: status, Code: code, Title: i18n.T(lang, "error."+code, nil), Instance: r.URL.Path}
	if e := motcua.AsError(err); e != nil && code != motcua.EINTERNAL {
		p.Field, p.Key, p.Params, p.Details = e.Field, e.Message, e.Params, e.Details
		p.Detail = i18n.T(lang, e.Message, e.Params)
		if e.Field != "" {
			p.Detail = i18n.T(lang, "error.field", map[string]any{"field": e.Field, "message": p.Detail})
		}
	} else {
		p.Detail = i18n.T(lang, "error.internal_detail", nil)
	}
	return p
}

func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(r, langOf(r), err)
	if p.Status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		s.log.Debug("request refused", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if p.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	json.NewEncoder(w).Encode(p)
}

// writeJSON writes v with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil && !errors.Is(err, http.ErrHandlerTimeout) {
		slog.Debug("write json", "err", err)
	}
}
