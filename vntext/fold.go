// Package vntext folds Vietnamese text into search keys so that "giay phep xay dung"
// finds "Giấy phép xây dựng", and sorts Vietnamese strings in dictionary order.
package vntext

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the search key of s: lower case, Vietnamese tone and vowel marks
// removed, đ/Đ mapped to d (they do not decompose under NFD), runs of white space and
// punctuation collapsed to one space, trimmed. Digits, letters and the characters
// ". - /" inside codes are kept so "1.004227" and "H37.25" fold to themselves.
func Fold(s string) string { return fold(s, true) }

// FoldWords is Fold without the code characters: every run of characters other than
// letters and digits becomes one space, so "Mã thủ tục", "ma_thu_tuc" and "MA-THU-TUC"
// all give "ma thu tuc". Column headers and keyword aliases are matched this way.
func FoldWords(s string) string { return fold(s, false) }

func fold(s string, keepCodeChars bool) string {
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
		case keepCodeChars && (r == '.' || r == '-' || r == '/'):
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

// Terms returns the folded words of s, for matching every word of a query.
func Terms(s string) []string {
	return strings.Fields(Fold(s))
}

// LikePattern escapes a folded term for use in SQL LIKE with ESCAPE '\'.
func LikePattern(term string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(term) + "%"
}
