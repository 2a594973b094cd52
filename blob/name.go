package blob

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxNameRunes is the longest file name SanitizeName returns, in runes.
const MaxNameRunes = 200

// DefaultName is the stem of the name given to a blob uploaded without a usable name.
const DefaultName = "tai-lieu"

// SanitizeName makes a client-supplied file name safe to store and to send back in a
// Content-Disposition header: it keeps the base name only (after the last / or \),
// drops invalid UTF-8, control and invisible formatting characters (such as the
// right-to-left override used to disguise "exe.pdf"), replaces the characters Windows
// forbids in names with "_", turns white space runs into one space, trims spaces and
// dots at both ends and cuts the result to MaxNameRunes runes, keeping the extension.
// Letters of any script, Vietnamese with its marks included, are kept as they are.
// The result may be empty; SanitizeName(SanitizeName(s)) == SanitizeName(s).
func SanitizeName(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	b.Grow(len(name))
	space := false
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), !unicode.IsPrint(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if strings.ContainsRune(`<>:"|?*`, r) {
			r = '_'
		}
		b.WriteRune(r)
	}
	s := strings.Trim(b.String(), " .")
	if utf8.RuneCountInString(s) <= MaxNameRunes {
		return s
	}
	rs := []rune(s)
	ext := []rune(path.Ext(s))
	if len(ext) < 2 || len(ext) > 16 {
		ext = nil
	}
	stem := strings.TrimRight(string(rs[:MaxNameRunes-len(ext)]), " .")
	return strings.Trim(stem+string(ext), " .")
}

// nameOrDefault returns name, or DefaultName with the extension of ctype when name is
// empty.
func nameOrDefault(name, ctype string) string {
	if name != "" {
		return name
	}
	return DefaultName + extFor(ctype)
}
