package auth

import (
	"strings"
	"testing"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("mật khẩu an toàn")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=1,p=2$") {
		t.Fatalf("unexpected hash format %q", h)
	}
	h2, _ := HashPassword("mật khẩu an toàn")
	if h == h2 {
		t.Fatal("same salt twice")
	}
	tests := []struct {
		hash, pw string
		ok       bool
	}{
		{h, "mật khẩu an toàn", true},
		{h, "mat khau an toan", false},
		{h, "", false},
		{"", "x", false},
		{"$argon2id$v=19$m=0,t=1,p=2$AAAA$AAAA", "x", false},
		{"$argon2i$v=19$m=65536,t=1,p=2$AAAA$AAAA", "x", false},
		{strings.Replace(h, "t=1", "t=99", 1), "mật khẩu an toàn", false},
	}
	for i, tt := range tests {
		if got := CheckPassword(tt.hash, tt.pw); got != tt.ok {
			t.Errorf("%d: CheckPassword = %v, want %v", i, got, tt.ok)
		}
	}
}

func TestValidatePassword(t *testing.T) {
	for pw, ok := range map[string]bool{"short": false, "12345678": true, strings.Repeat("x", 129): false} {
		if err := ValidatePassword(pw); (err == nil) != ok {
			t.Errorf("ValidatePassword(%q) = %v", pw, err)
		}
	}
}
