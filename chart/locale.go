package chart

import (
	"fmt"
	"strings"
)

// locale is everything a chart writes differently in each language of the user
// interface: the marks that group thousands and separate decimals, and the fixed
// texts of the drawing and of the generated descriptions.
type locale struct {
	// group separates groups of three digits, decimal starts the decimals.
	group, decimal byte
	// noData is drawn, and described, where there is nothing to plot.
	noData string
	// untitled is the accessible name of a chart drawn without a title.
	untitled string
	// bar, hbar, line and share open a generated description: the kind of
	// chart, as a sentence.
	bar, hbar, line, share string
	// moreItems ends a <desc> cut at maxDescItems items and morePeriods a
	// series cut at maxDescItems periods; each is a format with one %s for the
	// number left out, in the singular and the plural form.
	moreItems, morePeriods [2]string
}

// vi is the Vietnamese locale, the default: "1.234,5", "98,5%".
var vi = &locale{
	group:       '.',
	decimal:     ',',
	noData:      "Không có dữ liệu",
	untitled:    "Biểu đồ",
	bar:         "Biểu đồ cột. ",
	hbar:        "Biểu đồ thanh ngang. ",
	line:        "Biểu đồ đường. ",
	share:       "Biểu đồ tỷ lệ. ",
	moreItems:   [2]string{"; … và %s mục khác", "; … và %s mục khác"},
	morePeriods: [2]string{"… và %s kỳ khác", "… và %s kỳ khác"},
}

// en is the English locale: "1,234.5", "98.5%".
var en = &locale{
	group:       ',',
	decimal:     '.',
	noData:      "No data",
	untitled:    "Chart",
	bar:         "Bar chart. ",
	hbar:        "Horizontal bar chart. ",
	line:        "Line chart. ",
	share:       "Proportion chart. ",
	moreItems:   [2]string{"; … and %s more item", "; … and %s more items"},
	morePeriods: [2]string{"… and %s more period", "… and %s more periods"},
}

// localeOf selects the locale for a user interface language: "en" (also
// "EN", "en-GB", "en_US") is English; anything else, the empty string
// included, is Vietnamese, the product's default language.
func localeOf(lang string) *locale {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	primary, _, _ = strings.Cut(primary, "_")
	if primary == "en" {
		return en
	}
	return vi
}

// more writes how many of a list were left out, with the count grouped the
// locale's way and the noun in the right number.
func (l *locale) more(forms [2]string, n int) string {
	f := forms[1]
	if n == 1 {
		f = forms[0]
	}
	return fmt.Sprintf(f, l.number(float64(n), 0))
}
