package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCataloguesHaveTheSameKeys(t *testing.T) {
	vi, en := map[string]bool{}, map[string]bool{}
	for _, k := range Keys("vi") {
		vi[k] = true
	}
	for _, k := range Keys("en") {
		en[k] = true
		if !vi[k] {
			t.Errorf("key %q is in en.json but not vi.json", k)
		}
	}
	for k := range vi {
		if !en[k] {
			t.Errorf("key %q is in vi.json but not en.json", k)
		}
	}
	for _, k := range Keys("vi") {
		if strings.TrimSpace(T("vi", k, nil)) == "" || strings.TrimSpace(T("en", k, nil)) == "" {
			t.Errorf("key %q has an empty translation", k)
		}
	}
}

// keyRE matches message keys written as string literals in Go code and templates.
var keyRE = regexp.MustCompile(`"((?:auth|catalog|db|request|error|dossier|calendar|import|seed|queue|rating|report|slip|blob|lookup|state|action|outcome)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)

// TestEveryUsedKeyExists scans the repository's Go files and templates for message
// keys and checks each is in the catalogue, so no user sees a raw key.
func TestEveryUsedKeyExists(t *testing.T) {
	root := filepath.Join("..", "..")
	missing := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "data" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasSuffix(path, "_test.go") || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".html")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(b), -1) {
			if !Has(m[1]) {
				missing[m[1]] = path
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, p := range missing {
		t.Errorf("key %q used in %s is missing from the catalogue", k, p)
	}
}

func TestLang(t *testing.T) {
	for in, want := range map[string]string{"": "vi", "en": "en", "en-US,en;q=0.9": "en", "fr, en;q=0.5": "en", "de": "vi", "VI": "vi"} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
	if got := T("en", "procedures.found", map[string]any{"n": 3}); got != "3 procedures found" {
		t.Errorf("T = %q", got)
	}
	if got := T("en", "no.such.key", nil); got != "no.such.key" {
		t.Errorf("missing key = %q", got)
	}
}
