package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestFormatNumberLang(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		lang string
		want string
	}{
		{1234.5, 1, "en", "1,234.5"},
		{1234.5, 1, "vi", "1.234,5"},
		{1234.5, 1, "", "1.234,5"},
		{1234.5, 1, "fr", "1.234,5"},
		{1234.5, 1, "EN", "1,234.5"},
		{1234.5, 1, "en-GB", "1,234.5"},
		{1234.5, 1, "en_US", "1,234.5"},
		{1234.5, 1, "eng", "1.234,5"},
		{0, 0, "en", "0"},
		{999, 0, "en", "999"},
		{1000, 0, "en", "1,000"},
		{1234567.891, 2, "en", "1,234,567.89"},
		{-1234.5, 1, "en", "-1,234.5"},
		{-0.0001, 1, "en", "0.0"},
		{12, -3, "en", "12"},
		{0.1234567891, 9, "en", "0.123457"},
		{1e300, 0, "en", "1e+300"},
		{1.234e16, 0, "en", "1.23e+16"},
		{1.234e16, 0, "vi", "1,23e+16"},
		{math.NaN(), 0, "en", "–"},
		{math.Inf(1), 2, "en", "–"},
	}
	for _, tt := range tests {
		if got := FormatNumberLang(tt.v, tt.d, tt.lang); got != tt.want {
			t.Errorf("FormatNumberLang(%v, %d, %q) = %q, want %q", tt.v, tt.d, tt.lang, got, tt.want)
		}
		if tt.lang == "vi" {
			if got := FormatNumber(tt.v, tt.d); got != tt.want {
				t.Errorf("FormatNumber(%v, %d) = %q, want %q as in Vietnamese", tt.v, tt.d, got, tt.want)
			}
		}
	}
}

func TestFormatPercentLang(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		lang string
		want string
	}{
		{0.985, 1, "en", "98.5%"},
		{0.985, 1, "vi", "98,5%"},
		{0.985, 1, "", "98,5%"},
		{1, 1, "en", "100%"},
		{0, 1, "en", "0%"},
		{0.5, 2, "en", "50%"},
		{0.12345, 2, "en", "12.35%"},
		{0.1, 2, "en", "10%"},
		{12.5, 0, "en", "1,250%"},
		{12.345, 1, "en", "1,234.5%"},
		{-0.025, 1, "en", "-2.5%"},
		{math.NaN(), 1, "en", "–"},
	}
	for _, tt := range tests {
		if got := FormatPercentLang(tt.v, tt.d, tt.lang); got != tt.want {
			t.Errorf("FormatPercentLang(%v, %d, %q) = %q, want %q", tt.v, tt.d, tt.lang, got, tt.want)
		}
	}
}

// accessibleText returns the text of the root's <title> and <desc>.
func accessibleText(t *testing.T, out []byte) (title, desc string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	depth := 0
	var cur *string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return title, desc
		}
		if err != nil {
			t.Fatalf("invalid XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			cur = nil
			if depth == 1 && e.Name.Local == "title" {
				cur = &title
			}
			if depth == 1 && e.Name.Local == "desc" {
				cur = &desc
			}
			depth++
		case xml.EndElement:
			cur = nil
			depth--
		case xml.CharData:
			if cur != nil {
				*cur += string(e)
			}
		}
	}
}

func TestGeneratedDescriptions(t *testing.T) {
	bars := []BarItem{{"Justice", 0.025}, {"Construction", 0.081}, {"Missing", math.NaN()}}
	counts := []BarItem{{"Q1", 1234.5}, {"Q2", -560}}
	line := LineChart{Labels: []string{"Jan", "Feb"}, Series: []Series{{Name: "Received", Values: []float64{1234, math.NaN()}}}}
	share := ShareChart{
		Categories: []string{"Satisfied", "Dissatisfied"},
		Rows:       []ShareRow{{"All", []float64{1500, 500}}, {"None", []float64{0, 0}}},
	}
	withLang := func(lang string) (BarChart, BarChart, LineChart, ShareChart) {
		l, s := line, share
		l.Lang, s.Lang = lang, lang
		return BarChart{Bars: bars, Percent: true, Lang: lang}, BarChart{Bars: counts, Horizontal: true, Lang: lang}, l, s
	}
	enBar, enCounts, enLine, enShare := withLang("en")
	viBar, viCounts, viLine, viShare := withLang("vi")
	tests := []struct {
		name        string
		draw        func(io.Writer) error
		title, desc string
	}{
		{"en bar", func(w io.Writer) error { return Bar(w, enBar) }, "Chart", "Bar chart. Justice: 2.5%; Construction: 8.1%; Missing: –."},
		{"vi bar", func(w io.Writer) error { return Bar(w, viBar) }, "Biểu đồ", "Biểu đồ cột. Justice: 2,5%; Construction: 8,1%; Missing: –."},
		{"en horizontal", func(w io.Writer) error { return Bar(w, enCounts) }, "Chart", "Horizontal bar chart. Q1: 1,234.5; Q2: -560."},
		{"vi horizontal", func(w io.Writer) error { return Bar(w, viCounts) }, "Biểu đồ", "Biểu đồ thanh ngang. Q1: 1.234,5; Q2: -560."},
		{"en empty bar", func(w io.Writer) error { return Bar(w, BarChart{Title: "Late", Lang: "en"}) }, "Late", "Bar chart. No data."},
		{"en line", func(w io.Writer) error { return Line(w, enLine) }, "Chart", "Line chart. Received: Jan 1,234, Feb –."},
		{"vi line", func(w io.Writer) error { return Line(w, viLine) }, "Biểu đồ", "Biểu đồ đường. Received: Jan 1.234, Feb –."},
		{"en empty line", func(w io.Writer) error { return Line(w, LineChart{Lang: "en"}) }, "Chart", "Line chart. No data."},
		{"en share", func(w io.Writer) error { return Share(w, enShare) }, "Chart", "Proportion chart. All: Satisfied 1,500 (75%), Dissatisfied 500 (25%); None: No data."},
		{"vi share", func(w io.Writer) error { return Share(w, viShare) }, "Biểu đồ", "Biểu đồ tỷ lệ. All: Satisfied 1.500 (75%), Dissatisfied 500 (25%); None: Không có dữ liệu."},
		{"en empty share", func(w io.Writer) error { return Share(w, ShareChart{Lang: "en"}) }, "Chart", "Proportion chart. No data."},
		{"given desc kept", func(w io.Writer) error {
			return Bar(w, BarChart{Desc: "Tỷ lệ đúng hạn.", Bars: bars, Lang: "en"})
		}, "Chart", "Tỷ lệ đúng hạn."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.draw)
			check(t, out)
			title, desc := accessibleText(t, out)
			if title != tt.title || desc != tt.desc {
				t.Errorf("title %q, desc %q; want %q, %q", title, desc, tt.title, tt.desc)
			}
		})
	}
}

func TestDescriptionCut(t *testing.T) {
	barsOf := func(n int) []BarItem {
		out := make([]BarItem, n)
		for i := range out {
			out[i] = BarItem{"u" + strconv.Itoa(i), 1}
		}
		return out
	}
	lineOf := func(n int, lang string) LineChart {
		c := LineChart{Labels: make([]string, n), Series: []Series{{Name: "s", Values: make([]float64, n)}}, Lang: lang}
		for i := range c.Labels {
			c.Labels[i] = "p" + strconv.Itoa(i)
		}
		return c
	}
	tests := []struct {
		name string
		draw func(io.Writer) error
		want string // how the description ends
	}{
		{"en one item", func(w io.Writer) error { return Bar(w, BarChart{Bars: barsOf(maxDescItems + 1), Lang: "en"}) }, "u59: 1; … and 1 more item."},
		{"en items", func(w io.Writer) error { return Bar(w, BarChart{Bars: barsOf(maxDescItems + 2), Lang: "en"}) }, "u59: 1; … and 2 more items."},
		{"en many items", func(w io.Writer) error { return Bar(w, BarChart{Bars: barsOf(maxDescItems + 1500), Lang: "en"}) }, "; … and 1,500 more items."},
		{"vi items", func(w io.Writer) error { return Bar(w, BarChart{Bars: barsOf(maxDescItems + 1500)}) }, "; … và 1.500 mục khác."},
		{"no cut", func(w io.Writer) error { return Bar(w, BarChart{Bars: barsOf(maxDescItems), Lang: "en"}) }, "u58: 1; u59: 1."},
		{"en one period", func(w io.Writer) error { return Line(w, lineOf(maxDescItems+1, "en")) }, "p59 0, … and 1 more period."},
		{"en periods", func(w io.Writer) error { return Line(w, lineOf(maxDescItems+1234, "en")) }, "p59 0, … and 1,234 more periods."},
		{"vi periods", func(w io.Writer) error { return Line(w, lineOf(maxDescItems+1234, "")) }, "p59 0, … và 1.234 kỳ khác."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, desc := accessibleText(t, render(t, tt.draw))
			if !strings.HasSuffix(desc, tt.want) {
				t.Errorf("desc ends %q, want it to end %q", desc[max(0, len(desc)-60):], tt.want)
			}
		})
	}
}

// TestEnglishIsEnglish draws English charts of English data and checks that
// nothing Vietnamese is left: no Vietnamese fixed text and no character
// outside ASCII except the ellipsis and the dash drawn for a missing value.
func TestEnglishIsEnglish(t *testing.T) {
	charts := map[string]func(io.Writer) error{
		"bar": func(w io.Writer) error {
			return Bar(w, BarChart{Percent: true, Lang: "en", Bars: []BarItem{{"Justice", 0.025}, {"Finance", math.Inf(1)}, {"Department of Natural Resources and Environment", 0.5}}})
		},
		"horizontal": func(w io.Writer) error {
			return Bar(w, BarChart{Horizontal: true, Lang: "en", Bars: []BarItem{{"Q1", 123456.78}, {"Q2", -5600}}})
		},
		"empty bar": func(w io.Writer) error { return Bar(w, BarChart{Lang: "en"}) },
		"line": func(w io.Writer) error {
			labels := make([]string, 80)
			vals := make([]float64, 80)
			for i := range labels {
				labels[i] = "Day " + strconv.Itoa(i+1)
				vals[i] = 1000 + float64(i)*37.5
			}
			return Line(w, LineChart{Labels: labels, Series: []Series{{Name: "Received", Values: vals}}, Lang: "en"})
		},
		"empty line": func(w io.Writer) error { return Line(w, LineChart{Labels: []string{"a"}, Lang: "en"}) },
		"share": func(w io.Writer) error {
			return Share(w, ShareChart{Lang: "en", Categories: []string{"Yes", "No"}, Rows: []ShareRow{{"All", []float64{1234, 1}}, {"None", nil}}})
		},
		"empty share": func(w io.Writer) error { return Share(w, ShareChart{Lang: "en"}) },
	}
	viTexts := []string{vi.noData, vi.untitled, vi.bar, vi.hbar, vi.line, vi.share, " và ", "mục khác", "kỳ khác"}
	for name, draw := range charts {
		out := string(render(t, draw))
		check(t, []byte(out))
		for _, s := range viTexts {
			if strings.Contains(out, s) {
				t.Errorf("%s: English chart contains %q", name, s)
			}
		}
		for _, r := range out {
			if r > 0x7e && r != '…' && r != '–' {
				t.Errorf("%s: English chart contains %q", name, r)
				break
			}
		}
	}
}

// TestLangDefaultAndID checks that "vi" and an empty Lang draw the same bytes,
// and that the derived ids do not depend on the language.
func TestLangDefaultAndID(t *testing.T) {
	draws := []func(lang string) func(io.Writer) error{
		func(lang string) func(io.Writer) error {
			return func(w io.Writer) error { return Bar(w, BarChart{Bars: units, Percent: true, Lang: lang}) }
		},
		func(lang string) func(io.Writer) error {
			return func(w io.Writer) error {
				return Line(w, LineChart{Labels: []string{"a", "b"}, Series: []Series{{"x", []float64{1, 2}}}, Lang: lang})
			}
		},
		func(lang string) func(io.Writer) error {
			return func(w io.Writer) error {
				return Share(w, ShareChart{Categories: []string{"A"}, Rows: []ShareRow{{"x", []float64{1}}}, Lang: lang})
			}
		},
	}
	idOf := func(out []byte) string {
		s := string(out)
		i := strings.Index(s, `<title id="`)
		j := strings.Index(s[i:], `">`)
		return s[i : i+j]
	}
	for i, d := range draws {
		def, viOut, enOut := render(t, d("")), render(t, d("vi")), render(t, d("en"))
		if !bytes.Equal(def, viOut) {
			t.Errorf("chart %d: Lang \"vi\" and \"\" differ", i)
		}
		if bytes.Equal(def, enOut) {
			t.Errorf("chart %d: English output is the Vietnamese one", i)
		}
		if idOf(def) != idOf(enOut) {
			t.Errorf("chart %d: id %s in Vietnamese, %s in English", i, idOf(def), idOf(enOut))
		}
	}
}

func TestGoldenEnglish(t *testing.T) {
	depts := []BarItem{
		{"Department of Justice", 0.025},
		{"Department of Natural Resources and Environment", 0.081},
		{"Department of Construction", 0.043},
		{"Cao Loc District People's Committee", 0.012},
		{"Planning & Investment <old>", 0},
	}
	golden(t, "en_bar_vertical", render(t, func(w io.Writer) error {
		return Bar(w, BarChart{Title: "Late dossiers by unit", Percent: true, Bars: depts, Lang: "en"})
	}))
	golden(t, "en_bar_horizontal", render(t, func(w io.Writer) error {
		return Bar(w, BarChart{Title: "Late dossiers by unit", Percent: true, Horizontal: true, Bars: depts, Lang: "en"})
	}))
	golden(t, "en_bar_counts_negative", render(t, func(w io.Writer) error {
		return Bar(w, BarChart{Title: "Compared with the same period last year", Lang: "en",
			Bars: []BarItem{{"Q1", 1234.5}, {"Q2", -560}, {"Q3", 98765}, {"Q4", math.NaN()}}})
	}))
	golden(t, "en_line_months", render(t, func(w io.Writer) error {
		return Line(w, LineChart{
			Title:  "Dossiers received and resolved per month",
			Labels: []string{"01/2025", "02/2025", "03/2025", "04/2025", "05/2025", "06/2025"},
			Series: []Series{
				{Name: "Received", Values: []float64{1234, 980, 1502, 1610, 1420, 1733}},
				{Name: "Resolved", Values: []float64{1190, 1001, 1398, math.NaN(), 1455, 1688}},
			},
			Lang: "en",
		})
	}))
	golden(t, "en_line_percent", render(t, func(w io.Writer) error {
		return Line(w, LineChart{
			Title:    "On-time rate",
			Percent:  true,
			FitRange: true,
			Labels:   []string{"01/2025", "02/2025", "03/2025"},
			Series:   []Series{{Name: "Province", Values: []float64{0.985, 0.991, 0.978}}},
			Lang:     "en",
		})
	}))
	golden(t, "en_share", render(t, func(w io.Writer) error {
		return Share(w, ShareChart{
			Title:      "Satisfaction",
			Categories: []string{"Very satisfied", "Satisfied", "Dissatisfied"},
			Rows: []ShareRow{
				{Label: "Whole centre", Counts: []float64{6200, 3100, 700}},
				{Label: "Department of Justice", Counts: []float64{90, 9, 1}},
				{Label: "No ratings yet", Counts: []float64{0, 0, 0}},
			},
			Lang: "en",
		})
	}))
	golden(t, "en_empty_bar", render(t, func(w io.Writer) error { return Bar(w, BarChart{Title: "Empty", Lang: "en"}) }))
	golden(t, "en_empty_line", render(t, func(w io.Writer) error { return Line(w, LineChart{Lang: "en"}) }))
	golden(t, "en_empty_share", render(t, func(w io.Writer) error { return Share(w, ShareChart{Lang: "en"}) }))
}
