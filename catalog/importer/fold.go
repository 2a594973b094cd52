package importer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold returns the matching key of s: lower case, Vietnamese diacritics removed, đ
// mapped to d, and every run of characters other than letters and digits collapsed to
// one space, trimmed. So "Mã thủ tục", "ma_thu_tuc" and "MA THU TUC" all fold to
// "ma thu tuc", and "online_full" to "online full".
//
// It is a small local copy of what package vntext does, kept here so the importer has
// no dependency on it.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
		default:
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lookup returns the value of the folded s in aliases, a map keyed by folded words.
func lookup[T any](aliases map[string]T, s string) (T, bool) {
	v, ok := aliases[fold(s)]
	return v, ok
}
