package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Giấy phép xây dựng", "giay phep xay dung"},
		{"GIẤY PHÉP XÂY DỰNG", "giay phep xay dung"},
		{"Đăng ký khai sinh", "dang ky khai sinh"},
		{"  Sở Tư pháp,  tỉnh Lạng Sơn ", "so tu phap tinh lang son"},
		{"1.004227", "1.004227"},
		{"H37.25.10-250715-0042", "h37.25.10-250715-0042"},
		{"Người có công", "nguoi co cong"},
		{"Ủy ban nhân dân", "uy ban nhan dan"},
		// decomposed input (NFD) folds the same as precomposed
		{"Gia\u0301y", "giay"},
		{"<script>alert(1)</script>", "script alert 1 /script"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldWords(t *testing.T) {
	for in, want := range map[string]string{"Mã thủ tục": "ma thu tuc", "ma_thu_tuc": "ma thu tuc", "MA-THU-TUC": "ma thu tuc", "online_full": "online full", "1.004227": "1 004227"} {
		if got := FoldWords(in); got != want {
			t.Errorf("FoldWords(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTerms(t *testing.T) {
	got := strings.Join(Terms("Lý lịch  tư pháp"), "|")
	if got != "ly|lich|tu|phap" {
		t.Fatalf("Terms = %q", got)
	}
}

func TestLikePattern(t *testing.T) {
	if got := LikePattern(`a%b_c\`); got != `%a\%b\_c\\%` {
		t.Fatalf("LikePattern = %q", got)
	}
}

func TestCompare(t *testing.T) {
	// Vietnamese order: An < Ăn < Ba < Da < Đà
	want := []string{"An", "Ăn", "Ba", "Da", "Đà"}
	for i := 0; i < len(want)-1; i++ {
		if Compare(want[i], want[i+1]) >= 0 {
			t.Errorf("Compare(%q,%q) >= 0", want[i], want[i+1])
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Giấy phép xây dựng")
	f.Add("Đ\u0300")
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if !utf8.ValidString(k) {
			t.Fatalf("invalid utf8 from %q", s)
		}
		if Fold(k) != k {
			t.Fatalf("Fold not idempotent on %q: %q -> %q", s, k, Fold(k))
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("bad spacing %q", k)
		}
	})
}
