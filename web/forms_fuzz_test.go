package web

import (
	"fmt"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// FuzzParseAmount: an accepted amount of đồng is non-negative and is what its digits
// say (the separators "." "," spaces and "đ" dropped), so writing it back with
// grouping reads the same number; anything with other characters is refused.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"200.000", "200 000 đ", "1,500,000đ", "", "  ", "-5", "12a", "9223372036854775807", "9223372036854775808", "đ", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseAmount(s)
		digits := strings.Map(func(r rune) rune {
			switch r {
			case '.', ',', ' ', '\u00a0', 'đ', 'Đ':
				return -1
			}
			return r
		}, strings.TrimSpace(s))
		if !ok {
			if v, err := strconv.ParseInt(digits, 10, 64); digits == "" || (err == nil && v >= 0) {
				t.Fatalf("parseAmount(%q) refused a valid amount", s)
			}
			return
		}
		if n < 0 {
			t.Fatalf("parseAmount(%q) = %d", s, n)
		}
		if v, err := strconv.ParseInt(digits, 10, 64); digits != "" && (err != nil || v != n) {
			t.Fatalf("parseAmount(%q) = %d: not the input's digits %q", s, n, digits)
		}
		grouped := groupThousands(n) + " đ"
		if m, ok := parseAmount(grouped); !ok || m != n {
			t.Fatalf("%d written as %q reads back as %d, %v", n, grouped, m, ok)
		}
	})
}

// groupThousands writes n with "." between groups of three digits, as the forms show
// amounts.
func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// FuzzParseCount: an accepted count of originals or copies is 0–100 and round-trips
// through its decimal form.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"0", "1", " 2 ", "100", "101", "-1", "", "1e2", "٣", "+7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseCount(s)
		if !ok {
			return
		}
		if n < 0 || n > 100 {
			t.Fatalf("parseCount(%q) = %d", s, n)
		}
		if m, ok := parseCount(strconv.Itoa(n)); !ok || m != n {
			t.Fatalf("parseCount(%q) = %d does not round-trip", s, n)
		}
		if strings.TrimSpace(s) == "" && n != 0 {
			t.Fatalf("empty count %q read as %d", s, n)
		}
	})
}

// FuzzParseHours: accepted working hours are 0 to 3,650 × 8 hours in minutes, and
// writing the minutes back as hours with a decimal comma reads the same minutes.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"8", "1,5", "1.5", "", "0", "-1", "NaN", "Inf", "29200", "29200.01", "1e3", "0x10", "1,5,5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := parseHours(s)
		if !ok {
			return
		}
		if m < 0 || m > 3650*8*60 {
			t.Fatalf("parseHours(%q) = %d minutes", s, m)
		}
		back := strings.Replace(strconv.FormatFloat(float64(m)/60, 'f', -1, 64), ".", ",", 1)
		if m2, ok := parseHours(back); !ok || m2 != m {
			t.Fatalf("parseHours(%q) = %d; %q reads %d, %v", s, m, back, m2, ok)
		}
	})
}

// FuzzParseForm: a urlencoded or multipart body (any content type, any bytes) either
// parses — and then every field posted in a well-formed urlencoded body is found —
// or is refused with EINVALID "request.malformed_form"; it never panics.
func FuzzParseForm(f *testing.F) {
	f.Add("application/x-www-form-urlencoded", "procedure=1.004227&full_name=Ho%C3%A0ng+V%C4%83n+Th%E1%BB%A5&papers=a&papers=b")
	f.Add("application/x-www-form-urlencoded", "a=%zz&b")
	f.Add("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\non\r\n--x--\r\n")
	f.Add("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n1,2\r\n--y")
	f.Add("multipart/form-data", "")
	f.Add("text/plain", "x=1")
	f.Fuzz(func(t *testing.T, ctype, body string) {
		if strings.ContainsAny(ctype, "\r\n\x00") {
			return
		}
		r := httptest.NewRequest("POST", "/intake", strings.NewReader(body))
		r.Header.Set("Content-Type", ctype)
		err := parseForm(httptest.NewRecorder(), r)
		if err != nil {
			if me := motcua.AsError(err); me == nil || me.Code != motcua.EINVALID || me.Message != "request.malformed_form" {
				t.Fatalf("parseForm(%q, %q): %v", ctype, body, err)
			}
			return
		}
		if r.Form == nil {
			t.Fatalf("parseForm(%q, %q) accepted without a form", ctype, body)
		}
		if strings.HasPrefix(ctype, "application/x-www-form-urlencoded") {
			want, err := url.ParseQuery(body)
			if err != nil {
				t.Fatalf("parseForm accepted %q, which does not parse: %v", body, err)
			}
			for k, vs := range want {
				if fmt.Sprint(r.PostForm[k]) != fmt.Sprint(vs) {
					t.Fatalf("field %q: %q, posted %q", k, r.PostForm[k], vs)
				}
			}
		}
	})
}
