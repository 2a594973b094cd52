package importer

import "github.com/motcua/motcua/vntext"

// fold returns the matching key of a header or keyword: lower case, Vietnamese
// diacritics removed, đ mapped to d, punctuation collapsed to one space, so "Mã thủ
// tục", "ma_thu_tuc" and "MA THU TUC" all fold to "ma thu tuc".
func fold(s string) string { return vntext.FoldWords(s) }

// lookup returns the value of the folded s in aliases, a map keyed by folded words.
func lookup[T any](aliases map[string]T, s string) (T, bool) {
	v, ok := aliases[fold(s)]
	return v, ok
}
