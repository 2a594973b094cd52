package blob_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/blob"
)

func newStore(t *testing.T) *blob.Store {
	t.Helper()
	s, err := blob.Open(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// pdfOf returns a PDF-looking content of exactly n bytes (n >= 9).
func pdfOf(n int) []byte {
	b := bytes.Repeat([]byte("x"), n)
	copy(b, "%PDF-1.7\n")
	return b
}

func zipOf(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "<x/>")
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func docx(t *testing.T) []byte {
	return zipOf(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml")
}

func xlsx(t *testing.T) []byte {
	return zipOf(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml")
}

const signedXML = `<?xml version="1.0" encoding="UTF-8"?>
<HoSo xmlns="urn:motcua:ketqua" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
  <SoGiayPhep>123/GP</SoGiayPhep>
  <ds:Signature><ds:SignedInfo/><ds:SignatureValue>AAAA</ds:SignatureValue></ds:Signature>
</HoSo>`

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// files lists every regular file under the store's directory, relative to it.
func files(t *testing.T, s *blob.Store) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(s.Dir(), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(s.Dir(), p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func wantErr(t *testing.T, err error, code, key string) *motcua.Error {
	t.Helper()
	e := motcua.AsError(err)
	if e == nil || e.Code != code || e.Message != key {
		t.Fatalf("error = %v, want %s %s", err, code, key)
	}
	return e
}

func TestPutOpenRoundTrip(t *testing.T) {
	s := newStore(t)
	content := pdfOf(5000)
	ref, err := s.Put(context.Background(), bytes.NewReader(content), `C:\Users\an\..\Đơn đề nghị cấp phép.pdf`, "application/octet-stream")
	if err != nil {
		t.Fatal(err)
	}
	want := blob.Ref{SHA256: hashOf(content), Name: "Đơn đề nghị cấp phép.pdf", Size: 5000, ContentType: blob.TypePDF}
	if ref != want {
		t.Fatalf("ref = %+v, want %+v", ref, want)
	}
	rc, err := s.Open(ref.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rc)
	rc.Close()
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("read back %d bytes, err %v", len(got), err)
	}
	sha := ref.SHA256
	rel := filepath.Join(sha[:2], sha[2:4], sha)
	if fs := files(t, s); len(fs) != 1 || fs[0] != rel {
		t.Fatalf("files = %v, want [%s]", fs, rel)
	}
	fi, err := os.Stat(filepath.Join(s.Dir(), rel))
	if err != nil || fi.Mode().Perm() != 0o440 {
		t.Fatalf("blob file mode %v, err %v", fi.Mode(), err)
	}
	di, err := os.Stat(s.Dir())
	if err != nil || di.Mode().Perm()&^0o750 != 0 {
		t.Fatalf("store dir mode %v, err %v", di.Mode(), err)
	}
	info, err := s.Stat(sha)
	if err != nil || info.Size != 5000 || info.SHA256 != sha {
		t.Fatalf("Stat = %+v, %v", info, err)
	}
	if err := s.Verify(sha); err != nil {
		t.Fatal(err)
	}
}

func TestPutAllowedTypes(t *testing.T) {
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)
	jpeg := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), make([]byte, 100)...)
	tests := []struct {
		name, file, declared string
		content              []byte
		want                 string
		wantName             string
	}{
		{"pdf", "a.pdf", "", pdfOf(100), blob.TypePDF, "a.pdf"},
		{"pdf wrong name", "anh.png", "image/png", pdfOf(100), blob.TypePDF, "anh.png"},
		{"png", "a.png", "", png, blob.TypePNG, "a.png"},
		{"jpeg", "a.jpg", "", jpeg, blob.TypeJPEG, "a.jpg"},
		{"docx", "Tờ khai.docx", "", docx(t), blob.TypeDOCX, "Tờ khai.docx"},
		{"xlsx", "Bảng kê.XLSX", "", xlsx(t), blob.TypeXLSX, "Bảng kê.XLSX"},
		{"docx by declared type", "tokhai", blob.TypeDOCX, docx(t), blob.TypeDOCX, "tokhai"},
		{"xlsx named docx", "a.docx", "", xlsx(t), blob.TypeXLSX, "a.docx"},
		{"xml", "ketqua.xml", "text/xml", []byte(signedXML), blob.TypeXML, "ketqua.xml"},
		{"xml no name", "", "", []byte(signedXML), blob.TypeXML, "tai-lieu.xml"},
		{"xml with BOM", "a.xml", "", []byte("\xef\xbb\xbf" + signedXML), blob.TypeXML, "a.xml"},
		{"xml without declaration", "a.xml", "", []byte(`<HoSo><A>1</A></HoSo>`), blob.TypeXML, "a.xml"},
		{"xml without declaration by type", "hoso", "application/xml; charset=utf-8", []byte(`<HoSo/>`), blob.TypeXML, "hoso"},
		{"empty name", "../", "", pdfOf(100), blob.TypePDF, "tai-lieu.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			ref, err := s.Put(context.Background(), bytes.NewReader(tt.content), tt.file, tt.declared)
			if err != nil {
				t.Fatal(err)
			}
			if ref.ContentType != tt.want || ref.Name != tt.wantName {
				t.Fatalf("ref = %+v, want type %s name %q", ref, tt.want, tt.wantName)
			}
		})
	}
}

func TestPutSameContentTwice(t *testing.T) {
	s := newStore(t)
	content := docx(t)
	a, err := s.Put(context.Background(), bytes.NewReader(content), "a.docx", "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Put(context.Background(), bytes.NewReader(content), "b.docx", "")
	if err != nil {
		t.Fatal(err)
	}
	if a.SHA256 != b.SHA256 || a.Size != b.Size || b.Name != "b.docx" {
		t.Fatalf("refs %+v and %+v", a, b)
	}
	if fs := files(t, s); len(fs) != 1 {
		t.Fatalf("files = %v, want one", fs)
	}
}

func TestPutSizeLimit(t *testing.T) {
	s := newStore(t)
	s.MaxSize = 1000
	ctx := context.Background()
	if ref, err := s.Put(ctx, bytes.NewReader(pdfOf(1000)), "a.pdf", ""); err != nil || ref.Size != 1000 {
		t.Fatalf("exactly MaxSize: %+v, %v", ref, err)
	}
	_, err := s.Put(ctx, bytes.NewReader(pdfOf(1001)), "b.pdf", "")
	e := wantErr(t, err, motcua.EINVALID, blob.KeyTooLarge)
	if e.Params["max"] != int64(1000) {
		t.Fatalf("params = %v", e.Params)
	}
	if fs := files(t, s); len(fs) != 1 {
		t.Fatalf("files = %v, want only the first blob", fs)
	}

	// A limit below the sniffing window.
	s.MaxSize = 100
	if _, err := s.Put(ctx, bytes.NewReader(pdfOf(100)), "c.pdf", ""); err != nil {
		t.Fatal(err)
	}
	_, err = s.Put(ctx, bytes.NewReader(pdfOf(101)), "d.pdf", "")
	wantErr(t, err, motcua.EINVALID, blob.KeyTooLarge)
}

// endless is an unbounded PDF-looking stream that counts what was read from it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	if e.n == 0 {
		copy(p, "%PDF-1.7\n")
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestPutDefaultLimitStreams(t *testing.T) {
	s := newStore(t)
	ctx := context.Background()
	ref, err := s.Put(ctx, io.LimitReader(&endless{}, blob.DefaultMaxSize), "big.pdf", "")
	if err != nil || ref.Size != blob.DefaultMaxSize {
		t.Fatalf("20 MiB: %+v, %v", ref, err)
	}
	src := &endless{}
	_, err = s.Put(ctx, src, "endless.pdf", "")
	wantErr(t, err, motcua.EINVALID, blob.KeyTooLarge)
	if src.n > blob.DefaultMaxSize+64<<10 {
		t.Fatalf("read %d bytes of an endless upload", src.n)
	}
	if fs := files(t, s); len(fs) != 1 {
		t.Fatalf("files = %v", fs)
	}
}

func TestPutEmpty(t *testing.T) {
	s := newStore(t)
	_, err := s.Put(context.Background(), strings.NewReader(""), "a.pdf", "application/pdf")
	wantErr(t, err, motcua.EINVALID, blob.KeyEmpty)
}

func TestPutRefusesTypes(t *testing.T) {
	pad := "<!--" + strings.Repeat("x", 600) + "-->"
	tests := []struct {
		name, file, declared string
		content              []byte
	}{
		{"elf", "a.pdf", "application/pdf", append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 100)...)},
		{"mz exe", "a.pdf", "application/pdf", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 100)...)},
		{"shell script", "a.xml", "text/xml", []byte("#!/bin/sh\n<?xml version=\"1.0\"?><a/>\n")},
		{"html", "a.pdf", "application/pdf", []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")},
		{"html as xml", "a.xml", "text/xml", []byte("<html><body>hi</body></html>")},
		{"xhtml", "a.xml", "", []byte(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`)},
		{"html with BOM", "a.xml", "", []byte("\xef\xbb\xbf<html><script>alert(1)</script></html>")},
		{"svg", "a.xml", "", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)},
		{"svg no declaration", "a.svg", "image/svg+xml", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)},
		{"svg after 512 bytes", "a.xml", "", []byte(`<?xml version="1.0"?>` + pad + `<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		{"nested xhtml after 512 bytes", "a.xml", "", []byte(`<?xml version="1.0"?><a>` + pad + `<h:p xmlns:h="http://www.w3.org/1999/xhtml"/></a>`)},
		{"xml entities", "a.xml", "", []byte(`<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`)},
		{"xml stylesheet", "a.xml", "", []byte(`<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="x.xsl"?><a/>`)},
		{"malformed xml", "a.xml", "", []byte(`<?xml version="1.0"?><a><b></a>`)},
		{"xml deeply nested", "a.xml", "", []byte(`<?xml version="1.0"?>` + strings.Repeat("<a>", 300) + strings.Repeat("</a>", 300))},
		{"plain text", "a.txt", "text/plain", []byte("xin chào")},
		{"text claimed xml", "a.xml", "text/xml", []byte("xin chào")},
		{"gif", "a.gif", "", []byte("GIF89a\x01\x00\x01\x00")},
		{"zip", "a.zip", "application/zip", zipOf(t, "a.txt")},
		{"zip named docx", "a.docx", "", zipOf(t, "a.txt")},
		{"docm", "a.docx", "", zipOf(t, "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")},
		{"docx without content types", "a.docx", "", zipOf(t, "word/document.xml")},
		{"docx named pdf", "a.pdf", "application/pdf", docx(t)},
		{"truncated zip", "a.docx", "", docx(t)[:40]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			_, err := s.Put(context.Background(), bytes.NewReader(tt.content), tt.file, tt.declared)
			wantErr(t, err, motcua.EUNPROCESSABLE, blob.KeyTypeNotAllowed)
			if fs := files(t, s); len(fs) != 0 {
				t.Fatalf("files left behind: %v", fs)
			}
		})
	}
}

func TestPutCancelled(t *testing.T) {
	s := newStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	r := &cancelAfter{r: bytes.NewReader(pdfOf(1 << 20)), n: 64 << 10, cancel: cancel}
	_, err := s.Put(ctx, r, "a.pdf", "")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if fs := files(t, s); len(fs) != 0 {
		t.Fatalf("files left behind: %v", fs)
	}
}

// cancelAfter cancels its context once n bytes were read.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.n -= n; c.n <= 0 {
		c.cancel()
	}
	return n, err
}

func TestMalformedHashesNotFound(t *testing.T) {
	s := newStore(t)
	ref, err := s.Put(context.Background(), bytes.NewReader(pdfOf(100)), "a.pdf", "")
	if err != nil {
		t.Fatal(err)
	}
	// A file outside the layout that a traversal could reach.
	os.WriteFile(filepath.Join(filepath.Dir(s.Dir()), "secret"), []byte("secret"), 0o600)
	for _, sha := range []string{
		"", "../etc/passwd", "../secret", "..", "/etc/passwd",
		strings.ToUpper(ref.SHA256), ref.SHA256[:63], ref.SHA256[:10], ref.SHA256 + "0",
		ref.SHA256[:62] + "/.", ref.SHA256[:60] + "../x", " " + ref.SHA256[1:],
		hashOf([]byte("never stored")),
	} {
		if _, err := s.Open(sha); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("Open(%q) err = %v", sha, err)
		} else {
			wantErr(t, err, motcua.ENOTFOUND, blob.KeyNotFound)
		}
		if _, err := s.Stat(sha); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("Stat(%q) err = %v", sha, err)
		}
		if err := s.Verify(sha); motcua.ErrorCode(err) != motcua.ENOTFOUND {
			t.Errorf("Verify(%q) err = %v", sha, err)
		}
	}
}

func TestVerifyDetectsCorruption(t *testing.T) {
	s := newStore(t)
	content := pdfOf(4096)
	ref, err := s.Put(context.Background(), bytes.NewReader(content), "a.pdf", "")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(s.Dir(), ref.SHA256[:2], ref.SHA256[2:4], ref.SHA256)
	if err := os.Chmod(p, 0o640); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt([]byte("y"), 2000)
	f.Close()
	err = s.Verify(ref.SHA256)
	e := wantErr(t, err, motcua.EINTERNAL, blob.KeyCorrupt)
	if e.Params["sha256"] != ref.SHA256 {
		t.Fatalf("params = %v", e.Params)
	}
	// Storing the content again repairs the damaged copy.
	if _, err := s.Put(context.Background(), bytes.NewReader(content), "a.pdf", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(ref.SHA256); err != nil {
		t.Fatalf("after re-upload: %v", err)
	}
}

func TestConcurrentPutSameContent(t *testing.T) {
	s := newStore(t)
	content := pdfOf(200 << 10)
	const n = 20
	refs := make([]blob.Ref, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			refs[i], errs[i] = s.Put(context.Background(), bytes.NewReader(content), "a.pdf", "")
		})
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil || refs[i] != refs[0] {
			t.Fatalf("put %d: %+v, %v", i, refs[i], errs[i])
		}
	}
	if fs := files(t, s); len(fs) != 1 {
		t.Fatalf("files = %v, want one", fs)
	}
	if err := s.Verify(refs[0].SHA256); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	stale, fresh := filepath.Join(dir, ".tmp-1"), filepath.Join(dir, ".tmp-2")
	os.WriteFile(stale, []byte("x"), 0o600)
	os.WriteFile(fresh, []byte("x"), 0o600)
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	os.Chtimes(stale, old, old)
	if _, err := blob.Open(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temporary file kept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh temporary file removed: %v", err)
	}
}

func TestServe(t *testing.T) {
	s := newStore(t)
	content := pdfOf(1000)
	ref, err := s.Put(context.Background(), bytes.NewReader(content), "Giấy phép xây dựng (bản 2).pdf", "")
	if err != nil {
		t.Fatal(err)
	}
	get := func(ref blob.Ref, hdr ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/files/"+ref.SHA256, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		blob.Serve(w, req, s, ref)
		return w
	}

	w := get(ref)
	if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), content) {
		t.Fatalf("status %d, %d bytes", w.Code, w.Body.Len())
	}
	h := w.Result().Header
	for k, v := range map[string]string{
		"Content-Type":            "application/pdf",
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"Cache-Control":           "private, max-age=3600",
		"ETag":                    `"` + ref.SHA256 + `"`,
		"Accept-Ranges":           "bytes",
		"Content-Length":          "1000",
	} {
		if got := h.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	cd := h.Get("Content-Disposition")
	prefix := `attachment; filename="Gi_y ph_p x_y d_ng (b_n 2).pdf"; filename*=UTF-8''`
	if !strings.HasPrefix(cd, prefix) {
		t.Fatalf("Content-Disposition = %q", cd)
	}
	enc := strings.TrimPrefix(cd, prefix)
	if strings.ContainsAny(enc, " ()\"';") {
		t.Errorf("filename* not escaped: %q", enc)
	}
	if name, err := url.PathUnescape(enc); err != nil || name != ref.Name {
		t.Errorf("filename* decodes to %q, %v", name, err)
	}

	w = get(ref, "Range", "bytes=0-4")
	if w.Code != http.StatusPartialContent || w.Body.String() != "%PDF-" || w.Header().Get("Content-Range") != "bytes 0-4/1000" {
		t.Fatalf("range: status %d, body %q, Content-Range %q", w.Code, w.Body.String(), w.Header().Get("Content-Range"))
	}
	w = get(ref, "Range", "bytes=990-")
	if w.Code != http.StatusPartialContent || w.Body.Len() != 10 {
		t.Fatalf("suffix range: status %d, %d bytes", w.Code, w.Body.Len())
	}
	if w = get(ref, "If-None-Match", `"`+ref.SHA256+`"`); w.Code != http.StatusNotModified {
		t.Fatalf("If-None-Match: status %d", w.Code)
	}

	bad := ref
	bad.ContentType = "text/html"
	if w = get(bad); w.Header().Get("Content-Type") != "application/octet-stream" {
		t.Errorf("disallowed stored type served as %q", w.Header().Get("Content-Type"))
	}
	if w = get(blob.Ref{SHA256: "../../etc/passwd"}); w.Code != http.StatusNotFound {
		t.Errorf("malformed hash: status %d", w.Code)
	}
	if w = get(blob.Ref{SHA256: hashOf([]byte("nope"))}); w.Code != http.StatusNotFound {
		t.Errorf("unknown hash: status %d", w.Code)
	}
	wrongSize := ref
	wrongSize.Size = 999
	if w = get(wrongSize); w.Code != http.StatusInternalServerError {
		t.Errorf("size mismatch: status %d", w.Code)
	}
}
