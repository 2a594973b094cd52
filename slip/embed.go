package slip

import (
	_ "embed"
	"html/template"

	"github.com/motcua/motcua/web/i18n"
)

// CSS is the print style sheet of the slips (A4 and the 80 mm roll, chosen by the
// paper-a4 / paper-80mm class of the <html> element). The web layer serves it at
// /static/slip.css, which every slip links; each slip also repeats it in a <style>
// element for when it is saved and opened outside the site.
//
//go:embed slip.css
var CSS string

//go:embed slip.html
var pageHTML string

// pages is the parsed template set; "page" is the document.
var pages = template.Must(template.New("slip").Funcs(template.FuncMap{
	// The style sheet is a constant of the package, not input.
	"css": func() template.CSS { return template.CSS(CSS) },
}).Parse(pageHTML))

// T translates key into the slip's language.
func (v *view) T(key string) string { return i18n.T(v.Lang, key, nil) }
