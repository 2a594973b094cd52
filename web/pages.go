package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/motcua/motcua"
	"github.com/motcua/motcua/report"
	"github.com/motcua/motcua/web/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one parsed template set per page (layout + page), checked at start-up.
type pages struct {
	sets map[string]*template.Template
}

var funcs = template.FuncMap{
	"t":     func(lang, key string) string { return i18n.T(lang, key, nil) },
	"tp":    func(lang, key string, kv ...any) string { return i18n.T(lang, key, kvMap(kv)) },
	"vnd":   formatVND,
	"num":   formatNumber[int],
	"ict":   func(t time.Time) string { return t.In(motcua.ICT).Format("02/01/2006 15:04") },
	"add":   func(a, b int) int { return a + b },
	"join":  strings.Join,
	"hours": formatHours,
}

func kvMap(kv []any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}

// formatVND writes an amount in đồng with Vietnamese digit grouping: 1.234.567 đ.
func formatVND(n int64) string { return formatNumber(n) + " đ" }

// formatHours writes working minutes as hours with at most one decimal: "93,4" in
// Vietnamese, "93.4" in English (the caller's language decides the separator).
func formatHours(lang string, min int) string {
	h := strings.TrimSuffix(strconv.FormatFloat(float64(min)/60, 'f', 1, 64), ".0")
	if lang == "vi" {
		h = strings.ReplaceAll(h, ".", ",")
	}
	return h
}

// formatNumber groups digits the Vietnamese way: 1.234.567 (report.FormatInt).
func formatNumber[T int | int64](v T) string { return report.FormatInt("vi", int64(v)) }

func loadPages() (*pages, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	p := &pages{sets: map[string]*template.Template{}}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
		p.sets[base] = t
	}
	return p, nil
}

// view is what every page template receives.
type view struct {
	Lang    string
	Title   string
	Actor   *motcua.Actor
	CSRF    string
	Path    string
	Version string
	Flash   string
	Error   string
	Data    any
}

func (s *Server) view(r *http.Request, titleKey string, data any) *view {
	v := &view{Lang: langOf(r), Actor: motcua.ActorFrom(r.Context()), Path: r.URL.RequestURI(), Version: s.Version, Data: data}
	v.Title = i18n.T(v.Lang, titleKey, nil)
	if sess := sessionOf(r); sess != nil {
		v.CSRF = sess.CSRF
	}
	return v
}

// render executes a page into a buffer first so a template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, v *view) error {
	t, ok := s.pages.sets[name]
	if !ok {
		return fmt.Errorf("render: no template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

func (s *Server) writeErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(r, langOf(r), err)
	if p.Status >= 500 {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	if p.Status == http.StatusUnauthorized && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if p.Status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "5")
	}
	v := s.view(r, "error."+p.Code, p)
	if rerr := s.render(w, p.Status, "error", v); rerr != nil {
		s.log.Error("render error page", "err", rerr)
		http.Error(w, p.Detail, p.Status)
	}
}

func staticHandler() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	fsrv := http.StripPrefix("/static/", http.FileServer(http.FS(sub)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fsrv.ServeHTTP(w, r)
	})
}
