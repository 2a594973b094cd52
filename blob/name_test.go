package blob_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/motcua/motcua/blob"
)

func TestSanitizeName(t *testing.T) {
	long := strings.Repeat("Đ", 250)
	tests := []struct{ in, want string }{
		{"Đơn đề nghị cấp giấy phép xây dựng.pdf", "Đơn đề nghị cấp giấy phép xây dựng.pdf"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\Bình\Tờ khai.docx`, "Tờ khai.docx"},
		{"..", ""},
		{"/", ""},
		{"  .hidden.pdf. ", "hidden.pdf"},
		{"a\x00b\nc\td.pdf", "ab c d.pdf"},
		{"invoice\u202efdp.exe", "invoicefdp.exe"},
		{"a\u200bb.pdf", "ab.pdf"},
		{`a<b>:c"d|e?f*.xml`, "a_b__c_d_e_f_.xml"},
		{"bad\xffutf8.pdf", "badutf8.pdf"},
		{"many    spaces\u00a0here.pdf", "many spaces here.pdf"},
		{"Hoa\u0300 (NFD).pdf", "Hoa\u0300 (NFD).pdf"},
		{long + ".pdf", strings.Repeat("Đ", 196) + ".pdf"},
		{long, strings.Repeat("Đ", 200)},
	}
	for _, tt := range tests {
		if got := blob.SanitizeName(tt.in); got != tt.want {
			t.Errorf("SanitizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSanitizeName(f *testing.F) {
	for _, s := range []string{
		"Đơn đề nghị.pdf", "../../etc/passwd", `..\..\x`, "a\u202eb", " . ", "x\x00y",
		strings.Repeat("ă", 199) + " .pdf", strings.Repeat("a ", 150) + ".docx", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := blob.SanitizeName(in)
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8: %q", out)
		}
		if n := utf8.RuneCountInString(out); n > blob.MaxNameRunes {
			t.Fatalf("%d runes: %q", n, out)
		}
		if strings.ContainsAny(out, "/\\<>:\"|?*") {
			t.Fatalf("separator or reserved character in %q", out)
		}
		if out == "." || out == ".." || strings.HasPrefix(out, ".") || strings.HasSuffix(out, ".") ||
			strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ") {
			t.Fatalf("untrimmed: %q", out)
		}
		for _, r := range out {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || !unicode.IsPrint(r) && r != ' ' {
				t.Fatalf("character %U in %q", r, out)
			}
		}
		if again := blob.SanitizeName(out); again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		if cd := blob.ContentDisposition(out); strings.ContainsAny(cd, "\r\n") {
			t.Fatalf("header breaks line: %q", cd)
		}
	})
}
