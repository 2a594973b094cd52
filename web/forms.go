package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/motcua/motcua"
)

// parseForm reads a urlencoded or multipart form (32 MiB at most, 8 MiB of it in
// memory); the CSRF check may already have read it for browser sessions.
func parseForm(w http.ResponseWriter, r *http.Request) error {
	if r.MultipartForm != nil || r.PostForm != nil {
		return nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, 32<<20)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return motcua.Errorf(motcua.EINVALID, "request.malformed_form")
	}
	return nil
}

// parseAmount reads a whole, non-negative number of đồng written with or without
// grouping ("200.000", "200 000 đ"); an empty field is 0.
func parseAmount(s string) (int64, bool) {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '.', ',', ' ', '\u00a0', 'đ', 'Đ':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}

// parseCount reads a number of originals or copies (0–100; an empty field is 0).
func parseCount(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0 && n <= 100
}
