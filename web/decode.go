package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/motcua/motcua"
)

// MaxJSONBody limits request bodies of JSON endpoints (1 MiB).
const MaxJSONBody = 1 << 20

// decodeJSON reads one JSON object from the request body into v: unknown fields,
// trailing data, wrong types and oversized bodies are EINVALID errors naming the field.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return motcua.Errorf(motcua.EINVALID, "request.content_type")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return motcua.Errorf(motcua.EINVALID, "request.trailing_data")
	}
	if _, err := dec.Token(); err != io.EOF {
		return motcua.Errorf(motcua.EINVALID, "request.trailing_data")
	}
	return nil
}

func jsonError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	switch {
	case errors.As(err, &big):
		return &motcua.Error{Code: motcua.EINVALID, Message: "request.too_large", Params: map[string]any{"limit": big.Limit}}
	case errors.As(err, &syn):
		return &motcua.Error{Code: motcua.EINVALID, Message: "request.malformed_json", Params: map[string]any{"offset": syn.Offset}}
	case errors.As(err, &typ):
		return &motcua.Error{Code: motcua.EINVALID, Field: typ.Field, Message: "request.wrong_type", Params: map[string]any{"expected": typ.Type.String()}}
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return motcua.Errorf(motcua.EINVALID, "request.malformed_json")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &motcua.Error{Code: motcua.EINVALID, Field: f, Message: "request.unknown_field"}
	}
	return fmt.Errorf("decode json: %w", &motcua.Error{Code: motcua.EINVALID, Message: "request.malformed_json"})
}
