package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want string
	}{
		{0, 0, "0"},
		{1234, 0, "1.234"},
		{1234567.891, 2, "1.234.567,89"},
		{-1234.5, 1, "-1.234,5"},
		{-0.0001, 1, "0,0"},
		{999, 0, "999"},
		{1000, 0, "1.000"},
		{12, -3, "12"},
		{1e300, 0, "1e+300"},
		{1.234e16, 0, "1,23e+16"},
		{math.NaN(), 0, "–"},
		{math.Inf(-1), 0, "–"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.v, tt.d); got != tt.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want string
	}{
		{0.985, 1, "98,5%"},
		{1, 1, "100%"},
		{0, 1, "0%"},
		{0.5, 2, "50%"},
		{0.12345, 2, "12,35%"},
		{12.5, 0, "1.250%"},
		{math.NaN(), 1, "–"},
	}
	for _, tt := range tests {
		if got := FormatPercent(tt.v, tt.d); got != tt.want {
			t.Errorf("FormatPercent(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

func TestFormatTick(t *testing.T) {
	tests := []struct {
		lang    string
		v, step float64
		percent bool
		want    string
	}{
		{"vi", 0.05, 0.05, true, "5%"},
		{"vi", 0.025, 0.005, true, "2,5%"},
		{"vi", 2500, 500, false, "2.500"},
		{"vi", 0.4, 0.2, false, "0,4"},
		{"en", 0.05, 0.05, true, "5%"},
		{"en", 0.025, 0.005, true, "2.5%"},
		{"en", 2500, 500, false, "2,500"},
		{"en", 0.4, 0.2, false, "0.4"},
		{"en", 1000, 0.5, false, "1,000"},
		{"en", -1500, 500, false, "-1,500"},
	}
	for _, tt := range tests {
		if got := localeOf(tt.lang).tick(tt.v, tt.step, tt.percent); got != tt.want {
			t.Errorf("%s tick(%v, %v, %v) = %q, want %q", tt.lang, tt.v, tt.step, tt.percent, got, tt.want)
		}
	}
}

// luminance and contrast follow WCAG 2.x.
func luminance(hex string) float64 {
	lin := func(c float64) float64 {
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		return lin(float64(v) / 255)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}

func TestPaletteContrast(t *testing.T) {
	for _, c := range append(append([]string{}, Palette...), textColor, mutedColor) {
		ratio := 1.05 / (luminance(c) + 0.05)
		if ratio < 3 {
			t.Errorf("%s has contrast %.2f:1 against white, want ≥ 3:1", c, ratio)
		}
	}
}

// check parses out as XML and checks the accessibility contract.
func check(t testing.TB, out []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(out))
	var root *xml.StartElement
	var titles, descs int
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, out)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "script" || e.Name.Local == "image" || e.Name.Local == "foreignObject" {
				t.Errorf("element <%s> in output", e.Name.Local)
			}
			for _, a := range e.Attr {
				if strings.Contains(a.Value, "NaN") || strings.Contains(a.Value, "Inf") {
					t.Errorf("attribute %s=%q is not a number", a.Name.Local, a.Value)
				}
				if a.Name.Local == "href" || (strings.Contains(a.Value, "url(") && !strings.HasPrefix(a.Value, "url(#")) {
					t.Errorf("attribute %s=%q refers to an external resource", a.Name.Local, a.Value)
				}
				if a.Name.Local == "xmlns" && a.Value != "http://www.w3.org/2000/svg" {
					t.Errorf("unexpected namespace %q", a.Value)
				}
			}
			if root == nil {
				c := e.Copy()
				root = &c
			}
			if depth == 1 && e.Name.Local == "title" {
				titles++
			}
			if depth == 1 && e.Name.Local == "desc" {
				descs++
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if root == nil || root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root is not an SVG element: %s", out)
	}
	attrs := map[string]string{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	if attrs["role"] != "img" || attrs["viewBox"] == "" || attrs["aria-labelledby"] == "" {
		t.Errorf("root attributes %v lack role, viewBox or aria-labelledby", attrs)
	}
	if titles != 1 || descs != 1 {
		t.Errorf("want one <title> and one <desc> under the root, got %d and %d", titles, descs)
	}
	if bytes.Contains(out, []byte("<script")) {
		t.Errorf("output contains a script element")
	}
}

func golden(t *testing.T, name string, out []byte) {
	t.Helper()
	check(t, out)
	path := filepath.Join("testdata", name+".svg")
	if *update {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./chart -update to create it)", err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("%s differs from %s; run go test ./chart -update and review the diff", name, path)
	}
}

func render(t testing.TB, f func(io.Writer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var units = []BarItem{
	{"Sở Tư pháp", 0.025},
	{"Sở Tài nguyên và Môi trường", 0.081},
	{"Sở Xây dựng", 0.043},
	{"UBND huyện Cao Lộc", 0.012},
	{"Sở Kế hoạch & Đầu tư <cũ>", 0},
}

func TestGolden(t *testing.T) {
	golden(t, "bar_vertical", render(t, func(w io.Writer) error {
		return Bar(w, BarChart{Title: "Tỷ lệ hồ sơ trễ hạn theo đơn vị", Percent: true, Bars: units})
	}))
	golden(t, "bar_horizontal", render(t, func(w io.Writer) error {
		return Bar(w, BarChart{Title: "Tỷ lệ hồ sơ trễ hạn theo đơn vị", Percent: true, Horizontal: true, Bars: units})
	}))
	golden(t, "bar_counts_negative", render(t, func(w io.Writer) error {
		return Bar(w, BarChart{Title: "So với cùng kỳ năm trước", Bars: []BarItem{{"Quý I", 1234}, {"Quý II", -560}, {"Quý III", 98765}, {"Quý IV", math.NaN()}}})
	}))
	golden(t, "line_months", render(t, func(w io.Writer) error {
		return Line(w, LineChart{
			Title:  "Hồ sơ tiếp nhận và giải quyết theo tháng",
			Labels: []string{"T1/2025", "T2/2025", "T3/2025", "T4/2025", "T5/2025", "T6/2025"},
			Series: []Series{
				{Name: "Tiếp nhận", Values: []float64{1234, 980, 1502, 1610, 1420, 1733}},
				{Name: "Đã giải quyết", Values: []float64{1190, 1001, 1398, math.NaN(), 1455, 1688}},
			},
		})
	}))
	golden(t, "line_percent", render(t, func(w io.Writer) error {
		return Line(w, LineChart{
			Title:    "Tỷ lệ đúng hạn",
			Percent:  true,
			FitRange: true,
			Labels:   []string{"01/2025", "02/2025", "03/2025"},
			Series:   []Series{{Name: "Toàn tỉnh", Values: []float64{0.985, 0.991, 0.978}}},
		})
	}))
	golden(t, "share", render(t, func(w io.Writer) error {
		return Share(w, ShareChart{
			Title:      "Mức độ hài lòng",
			Categories: []string{"Rất hài lòng", "Hài lòng", "Không hài lòng"},
			Rows: []ShareRow{
				{Label: "Toàn trung tâm", Counts: []float64{620, 310, 70}},
				{Label: "Sở Tư pháp", Counts: []float64{90, 9, 1}},
				{Label: "Chưa có đánh giá", Counts: []float64{0, 0, 0}},
			},
		})
	}))
	golden(t, "empty_bar", render(t, func(w io.Writer) error { return Bar(w, BarChart{Title: "Trống"}) }))
	golden(t, "empty_line", render(t, func(w io.Writer) error { return Line(w, LineChart{}) }))
	golden(t, "empty_share", render(t, func(w io.Writer) error { return Share(w, ShareChart{}) }))
}

func TestDeterministic(t *testing.T) {
	c := BarChart{Title: "x", Bars: units}
	a := render(t, func(w io.Writer) error { return Bar(w, c) })
	b := render(t, func(w io.Writer) error { return Bar(w, c) })
	if !bytes.Equal(a, b) {
		t.Fatal("same input gave different output")
	}
}

func TestEscaping(t *testing.T) {
	evil := `</text><script>alert("x")</script>&amp;` + "\x00\x1b\xff"
	for _, out := range [][]byte{
		render(t, func(w io.Writer) error {
			return Bar(w, BarChart{Title: evil, Desc: evil, ID: `a"><script>`, Bars: []BarItem{{evil, 1}}})
		}),
		render(t, func(w io.Writer) error {
			return Line(w, LineChart{Title: evil, Labels: []string{evil}, Series: []Series{{Name: evil, Values: []float64{1}}}})
		}),
		render(t, func(w io.Writer) error {
			return Share(w, ShareChart{Title: evil, Categories: []string{evil}, Rows: []ShareRow{{Label: evil, Counts: []float64{1}}}})
		}),
	} {
		check(t, out)
		if bytes.Contains(out, []byte("<script")) {
			t.Errorf("unescaped markup in output")
		}
	}
}

func TestUniqueIDs(t *testing.T) {
	a := render(t, func(w io.Writer) error {
		return Share(w, ShareChart{Categories: []string{"A", "B"}, Rows: []ShareRow{{"x", []float64{1, 2}}}})
	})
	b := render(t, func(w io.Writer) error {
		return Share(w, ShareChart{Categories: []string{"A", "B"}, Rows: []ShareRow{{"y", []float64{1, 2}}}})
	})
	idOf := func(out []byte) string {
		s := string(out)
		i := strings.Index(s, `<title id="`)
		return s[i : i+30]
	}
	if idOf(a) == idOf(b) {
		t.Errorf("two different charts share ids: %s", idOf(a))
	}
	c := render(t, func(w io.Writer) error {
		return Share(w, ShareChart{ID: "hai-long", Categories: []string{"A"}, Rows: []ShareRow{{"x", []float64{1}}}})
	})
	if !bytes.Contains(c, []byte(`url(#hai-long-p0)`)) {
		t.Errorf("explicit ID not used")
	}
}

func TestEdgeCases(t *testing.T) {
	huge := []float64{math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.NaN(), 1e-300, 0}
	for _, pct := range []bool{false, true} {
		for _, hz := range []bool{false, true} {
			var bars []BarItem
			for i, v := range huge {
				bars = append(bars, BarItem{strconv.Itoa(i), v})
			}
			check(t, render(t, func(w io.Writer) error { return Bar(w, BarChart{Bars: bars, Percent: pct, Horizontal: hz}) }))
			check(t, render(t, func(w io.Writer) error {
				return Bar(w, BarChart{Bars: []BarItem{{"a", 0}, {"b", 0}}, Percent: pct, Horizontal: hz})
			}))
		}
		check(t, render(t, func(w io.Writer) error {
			return Line(w, LineChart{Labels: []string{"a", "b", "c"}, Series: []Series{{Name: "x", Values: huge}, {Name: "y"}}, Percent: pct})
		}))
		check(t, render(t, func(w io.Writer) error {
			return Line(w, LineChart{Labels: []string{"a"}, Series: []Series{{Name: "x", Values: []float64{0}}}, Percent: pct})
		}))
		check(t, render(t, func(w io.Writer) error {
			return Line(w, LineChart{Labels: []string{"a", "b"}, Series: []Series{{Name: "x", Values: []float64{5, math.NaN()}}}, Percent: pct, FitRange: true})
		}))
	}
	check(t, render(t, func(w io.Writer) error {
		return Share(w, ShareChart{Categories: []string{"a", "b"}, Rows: []ShareRow{{"x", []float64{math.MaxFloat64, math.MaxFloat64}}, {"y", []float64{-1, math.NaN()}}}})
	}))
	// Many periods: labels thinned, no markers, still valid.
	labels := make([]string, 400)
	vals := make([]float64, 400)
	for i := range labels {
		labels[i] = "Ngày " + strconv.Itoa(i+1)
		vals[i] = float64(i % 37)
	}
	out := render(t, func(w io.Writer) error {
		return Line(w, LineChart{Labels: labels, Series: []Series{{Name: "x", Values: vals}}})
	})
	check(t, out)
	if strings.Count(string(out), "Ngày ") > 100 {
		t.Errorf("period labels not thinned")
	}
}

func FuzzCharts(f *testing.F) {
	f.Add("Sở Tư pháp", 0.5, 12.0, -3.0, uint8(3), true)
	f.Add("", 0.0, 0.0, 0.0, uint8(0), false)
	f.Add("<&>\"'", math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(-1), uint8(200), true)
	f.Fuzz(func(t *testing.T, label string, a, b, c float64, n uint8, flag bool) {
		vals := []float64{a, b, c}
		lang := []string{"", "vi", "en"}[n%3]
		var bars []BarItem
		var labels []string
		var series []float64
		for i := 0; i < int(n%50); i++ {
			bars = append(bars, BarItem{label, vals[i%3]})
			labels = append(labels, label)
			series = append(series, vals[(i+1)%3])
		}
		check(t, render(t, func(w io.Writer) error {
			return Bar(w, BarChart{Title: label, Bars: bars, Percent: flag, Horizontal: !flag, Width: int(n), Height: int(n) * 3, Lang: lang})
		}))
		check(t, render(t, func(w io.Writer) error {
			return Line(w, LineChart{Title: label, Labels: labels, Series: []Series{{label, series}, {label, vals}}, Percent: flag, Lang: lang})
		}))
		check(t, render(t, func(w io.Writer) error {
			return Share(w, ShareChart{Title: label, Categories: []string{label, label, label}, Rows: []ShareRow{{label, vals}, {label, series}}, Lang: lang})
		}))
	})
}
