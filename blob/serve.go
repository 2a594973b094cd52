package blob

import (
	"net/http"
	"strings"

	"github.com/motcua/motcua"
)

// Serve writes the blob of ref as a download. The Content-Type is ref's stored
// (sniffed) type, or application/octet-stream if that is not an allowed type; the
// other headers keep a browser from sniffing, rendering or running the content:
// X-Content-Type-Options: nosniff, Content-Disposition: attachment with the name in
// RFC 5987 form, Content-Security-Policy: default-src 'none'; sandbox, and
// Cross-Origin-Resource-Policy: same-origin. Cache-Control is private, max-age=3600
// and the ETag is the quoted digest; Range, If-Range, If-None-Match and HEAD are
// handled by http.ServeContent.
//
// An unknown blob is answered with 404, a file whose size differs from ref.Size or
// that cannot be read with 500. Callers that render their own error pages should
// check Store.Stat first.
func Serve(w http.ResponseWriter, r *http.Request, s *Store, ref Ref) {
	f, err := s.open(ref.SHA256)
	if err != nil {
		if motcua.ErrorCode(err) == motcua.ENOTFOUND {
			http.Error(w, "not found", http.StatusNotFound)
		} else {
			http.Error(w, "internal error", http.StatusInternalServerError)
		}
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || (ref.Size > 0 && fi.Size() != ref.Size) {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}

	ctype := mediaType(ref.ContentType)
	if !Allowed(ctype) {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", ContentDisposition(nameOrDefault(SanitizeName(ref.Name), ctype)))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cache-Control", "private, max-age=3600")
	h.Set("ETag", `"`+ref.SHA256+`"`)
	http.ServeContent(w, r, "", fi.ModTime(), f)
}

// ContentDisposition returns an attachment Content-Disposition value for name: an
// ASCII fallback in filename (non-ASCII and quoting characters replaced with "_") and
// the exact UTF-8 name in filename* (RFC 5987 / RFC 6266).
func ContentDisposition(name string) string {
	var ascii strings.Builder
	for _, r := range name {
		if r < 0x20 || r >= 0x7f || r == '"' || r == '\\' || r == '%' {
			r = '_'
		}
		ascii.WriteRune(r)
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + encodeRFC5987(name)
}

// encodeRFC5987 percent-encodes every byte of s that is not an attr-char of RFC 5987.
func encodeRFC5987(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&0x0f])
	}
	return b.String()
}

func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
