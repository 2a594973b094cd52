// Package i18n is the translation catalogue: one JSON file per language (vi.json is
// the default, en.json), keys like "catalog.name_length", values with {name}
// placeholders. Every user-visible string of the product goes through T.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

//go:embed *.json
var files embed.FS

// Langs are the supported languages; the first is the default.
var Langs = []string{"vi", "en"}

// Default is the default language (Vietnamese).
const Default = "vi"

var catalogs = map[string]map[string]string{}

func init() {
	for _, l := range Langs {
		b, err := files.ReadFile(l + ".json")
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", l, err))
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			panic(fmt.Sprintf("i18n: %s.json: %v", l, err))
		}
		catalogs[l] = m
	}
}

// Lang normalises a language tag or Accept-Language header to a supported language.
func Lang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, part := range strings.Split(s, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		tag, _, _ = strings.Cut(tag, "-")
		for _, l := range Langs {
			if tag == l {
				return l
			}
		}
	}
	return Default
}

// Has reports whether key exists in the default catalogue.
func Has(key string) bool {
	_, ok := catalogs[Default][key]
	return ok
}

// T returns the translation of key in lang with {name} placeholders replaced from
// params; a missing key falls back to Vietnamese, then to the key itself.
func T(lang, key string, params map[string]any) string {
	s, ok := catalogs[lang][key]
	if !ok {
		if s, ok = catalogs[Default][key]; !ok {
			s = key
		}
	}
	if len(params) > 0 && strings.Contains(s, "{") {
		for k, v := range params {
			s = strings.ReplaceAll(s, "{"+k+"}", fmt.Sprint(v))
		}
	}
	return s
}

// Keys returns the sorted keys of lang's catalogue.
func Keys(lang string) []string {
	var ks []string
	for k := range catalogs[lang] {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
