package importer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/motcua/motcua/catalog"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Mã thủ tục":    "ma thu tuc",
		"ĐƯỜNG  đi":     "duong di",
		"online_full":   "online full",
		" Phí, lệ phí ": "phi le phi",
		"":              "",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range []string{"", "a", `a\b`, `\`, `\\;`, "a;b", "x:y|z", "hai\ndòng", `end\`} {
		for _, extra := range []string{"", ":", "|"} {
			sep := extra
			if sep == "" {
				sep = ";"
			}
			parts := splitRaw(escape(s, extra)+sep+"next", extra+itemSeps)
			if unescape(parts[0]) != s {
				t.Errorf("escape(%q, %q): got %q back", s, extra, unescape(parts[0]))
			}
		}
	}
	if got := unescape(`C:\hồ sơ\x`); got != `C:\hồ sơ\x` {
		t.Errorf("lone backslashes changed: %q", got)
	}
	if got := items(" a ;; b\\;c \n d;"); !cmp.Equal(got, []string{"a", `b\;c`, "d"}) {
		t.Errorf("items: %q", got)
	}
}

func TestParseMoney(t *testing.T) {
	good := map[string]int64{
		"0": 0, "200000": 200000, "200.000": 200000, "200,000": 200000, "1 500 000": 1500000,
		"1.500.000 đ": 1500000, "50.000đồng": 50000, "30000 VND": 30000, "12 VNĐ": 12,
	}
	for in, want := range good {
		if got, ok := parseMoney(in); !ok || got != want {
			t.Errorf("parseMoney(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "-5", "200.5", "2.00.000", "1,000.000", "abc", "đ", "99999999999999999999", "1e6", "12 USD"} {
		if got, ok := parseMoney(in); ok {
			t.Errorf("parseMoney(%q) = %d, want error", in, got)
		}
	}
}

func TestParseDuration(t *testing.T) {
	good := map[string]int{"": 0, "90": 90, "90m": 90, "90 phút": 90, "8h": 480, "1,5 giờ": 90, "1.5h": 90, "2d": 960, "0,5 ngày": 240}
	for in, want := range good {
		if got, ok := parseDuration(in); !ok || got != want {
			t.Errorf("parseDuration(%q) = %d, %v", in, got, ok)
		}
	}
	for _, in := range []string{"-5", "h", "8 weeks", "0.01m", "9999999999h"} {
		if got, ok := parseDuration(in); ok {
			t.Errorf("parseDuration(%q) = %d, want error", in, got)
		}
	}
}

func TestParsePapers(t *testing.T) {
	got, err := parsePapers("Tờ khai; Bản sao CCCD (1 bản sao); Đơn (Mẫu 01) (bản chính: 2, copies 3, optional); Sổ (bắt buộc); Giấy (bản sao)")
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.Paper{
		{Name: "Tờ khai", Originals: 1, Mandatory: true},
		{Name: "Bản sao CCCD", Copies: 1, Mandatory: true},
		{Name: "Đơn (Mẫu 01)", Originals: 2, Copies: 3},
		{Name: "Sổ", Originals: 1, Mandatory: true},
		{Name: "Giấy (bản sao)", Originals: 1, Mandatory: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
}

func TestTimeLimitsDefault(t *testing.T) {
	chans := []catalog.Channel{catalog.ChannelCounter, catalog.ChannelPost}
	got, err := parseTimeLimits("post: 20 ngày; 8 giờ", chans)
	if err != nil {
		t.Fatal(err)
	}
	want := []catalog.TimeLimit{
		{Channel: catalog.ChannelPost, Amount: 20, Unit: catalog.WorkingDays},
		{Channel: catalog.ChannelCounter, Amount: 8, Unit: catalog.WorkingHours},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
	if _, err := parseTimeLimits("3; 4", chans); err == nil || err.key != KeyTimeLimit {
		t.Fatal("two defaults accepted")
	}
	if _, err := parseTimeLimits("counter=1.5", chans); err == nil {
		t.Fatal("fraction accepted")
	}
}

func TestProtect(t *testing.T) {
	for _, s := range []string{"", "a", "=1", "'=1", "''=1", "'a", "''", "-", "+84", "@", "\tx"} {
		if got := unprotect(protect(s)); got != s {
			t.Errorf("unprotect(protect(%q)) = %q", s, got)
		}
	}
	for s, want := range map[string]string{"=1": "'=1", "a": "a", "'a": "'a", "'=1": "''=1"} {
		if got := protect(s); got != want {
			t.Errorf("protect(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestColumnsCoverHeaders(t *testing.T) {
	for i, c := range Columns() {
		for _, h := range []string{c.Key, c.Label, fold(c.Label)} {
			if got, ok := columnOf(h); !ok || got != i {
				t.Errorf("columnOf(%q) = %d, %v; want %d", h, got, ok, i)
			}
		}
	}
	for k := range messages {
		if m := messages[k]; m.en == "" || m.vi == "" {
			t.Errorf("message %s incomplete", k)
		}
	}
}
