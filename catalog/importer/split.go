package importer

import (
	"strings"
)

// List cells hold items separated by ";" or line breaks, and an item may have parts
// separated by ":" (fees) or "|" (steps). A backslash before one of \ ; | : or a line
// break makes it literal text; a backslash before anything else is itself literal, so
// officers rarely need to think about it.

// specials are the characters a backslash escapes.
const specials = "\\;|:\n"

// itemSeps separate the items of a list cell.
const itemSeps = ";\n"

// splitRaw splits s at every unescaped rune in seps, keeping escapes in the parts.
func splitRaw(s, seps string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && strings.IndexByte(specials, s[i+1]) >= 0:
			i++
		case strings.IndexByte(seps, s[i]) >= 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// items splits a list cell into its raw items, trimmed, dropping empty ones.
func items(cell string) []string {
	var out []string
	for _, it := range splitRaw(cell, itemSeps) {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// unescape removes the backslash from every escape in s.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(specials, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// escape returns s with backslashes, item separators and the characters in extra
// escaped, so splitRaw and unescape give s back.
func escape(s, extra string) string {
	need := "\\" + itemSeps + extra
	if !strings.ContainsAny(s, need) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(need, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// joinItems joins written items with "; ".
func joinItems(its []string) string { return strings.Join(its, "; ") }
