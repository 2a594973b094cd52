package slip

import (
	"strconv"
	"time"

	"github.com/motcua/motcua"
)

// dateTimeLayout is how slips write an instant: dd/mm/yyyy HH:MM in Vietnam time.
const dateTimeLayout = "02/01/2006 15:04"

// FormatTime writes t as "dd/mm/yyyy HH:MM" in Vietnam time (UTC+7, motcua.ICT), the
// form printed on every slip; the zero time gives "".
func FormatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(motcua.ICT).Format(dateTimeLayout)
}

// FormatMoney writes an amount of Vietnamese đồng with dots grouping thousands and the
// currency sign after a space, the Vietnamese convention: 1234567 → "1.234.567 đ".
func FormatMoney(n int64) string {
	neg := n < 0
	s := strconv.FormatInt(n, 10)
	if neg {
		s = s[1:]
	}
	b := make([]byte, 0, len(s)+len(s)/3+4)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, s[i])
	}
	out := string(b) + " đ"
	if neg {
		out = "-" + out
	}
	return out
}
