package importer

import (
	"strconv"
	"strings"

	"github.com/motcua/motcua/catalog"
)

// feeKinds maps folded fee kinds, English and Vietnamese, to kinds.
var feeKinds = map[string]catalog.FeeKind{
	"fee": catalog.FeeFee, "phi": catalog.FeeFee,
	"charge": catalog.FeeCharge, "le phi": catalog.FeeCharge,
}

// parseFees reads "charge:Lệ phí cấp phiếu:200000; fee:Phí thẩm định:50.000 đ:ghi chú":
// kind, name, amount in đồng and an optional note, separated by ":".
func parseFees(cell string) ([]catalog.Fee, *cellError) {
	var out []catalog.Fee
	for _, it := range items(cell) {
		parts := splitRaw(it, ":")
		if len(parts) < 3 || len(parts) > 4 {
			return nil, badCell(KeyFee, it)
		}
		kind, ok := lookup(feeKinds, parts[0])
		if !ok {
			return nil, badCell(KeyFeeKind, it)
		}
		amount, ok := parseMoney(parts[2])
		if !ok {
			return nil, badCell(KeyFeeAmount, it)
		}
		f := catalog.Fee{Kind: kind, Name: strings.TrimSpace(unescape(parts[1])), Amount: amount}
		if len(parts) == 4 {
			f.Note = strings.TrimSpace(unescape(parts[3]))
		}
		if f.Name == "" {
			return nil, badCell(KeyFee, it)
		}
		out = append(out, f)
	}
	return out, nil
}

// parseMoney reads a non-negative whole number of đồng: "200000", "200.000",
// "200,000" or "200 000", optionally followed by "đ", "đồng" or "VND".
func parseMoney(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	end := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) + 1
	switch fold(s[end:]) {
	case "", "d", "dong", "vnd":
	default:
		return 0, false
	}
	digits, ok := ungroup(strings.TrimSpace(s[:end]))
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil
}

// ungroup removes thousands separators from s, requiring one separator character
// (".", ",", space or no-break space) between groups of exactly three digits.
func ungroup(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	sep := rune(0)
	var b strings.Builder
	group := 0
	first := true
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
			group++
		case r == '.' || r == ',' || r == ' ' || r == '\u00a0':
			if (sep != 0 && r != sep) || group == 0 || group > 3 || (!first && group != 3) {
				return "", false
			}
			sep, group, first = r, 0, false
		default:
			return "", false
		}
	}
	if group == 0 || (!first && group != 3) {
		return "", false
	}
	return b.String(), true
}

// formatFees writes "kind:name:amount[:note]" items.
func formatFees(fs []catalog.Fee) string {
	s := make([]string, len(fs))
	for i, f := range fs {
		v := string(f.Kind) + ":" + escape(f.Name, ":") + ":" + strconv.FormatInt(f.Amount, 10)
		if f.Note != "" {
			v += ":" + escape(f.Note, ":")
		}
		s[i] = v
	}
	return joinItems(s)
}
