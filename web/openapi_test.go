package web

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/motcua/motcua/sqldb"
	"github.com/motcua/motcua/sqldb/sqldbtest"
)

// openAPIMethods are the operation keys of an OpenAPI path item.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// TestOpenAPIDocument checks the embedded OpenAPI document against the route table in
// both directions, so the two cannot drift, and checks its internal consistency.
func TestOpenAPIDocument(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi = %q, want 3.x", v)
	}
	paths, ok := doc["paths"].(map[string]any)
	if !ok {
		t.Fatal("openapi.json has no paths object")
	}

	s, err := New(sqldbtest.Open(t, sqldb.SQLite), t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}

	// Routes → document.
	routes := map[string]bool{} // "METHOD /path" relative to /api/v1
	for _, rt := range s.Routes() {
		p, ok := strings.CutPrefix(rt.Pattern, "/api/v1")
		if !ok {
			continue
		}
		key := strings.ToUpper(rt.Method) + " " + p
		routes[key] = true
		item, ok := paths[p].(map[string]any)
		if !ok {
			t.Errorf("route %s %s: path %q missing from openapi.json", rt.Method, rt.Pattern, p)
			continue
		}
		if _, ok := item[strings.ToLower(rt.Method)].(map[string]any); !ok {
			t.Errorf("route %s %s: method %s missing from openapi.json path %q", rt.Method, rt.Pattern, strings.ToLower(rt.Method), p)
		}
	}
	if len(routes) == 0 {
		t.Fatal("no /api/v1 routes in the route table")
	}

	// Document → routes, and per-operation checks.
	opIDs := map[string]string{}
	keys := make([]string, 0, len(paths))
	for p := range paths {
		keys = append(keys, p)
	}
	sort.Strings(keys)
	for _, p := range keys {
		item, ok := paths[p].(map[string]any)
		if !ok {
			t.Errorf("path %q: not an object", p)
			continue
		}
		for _, m := range openAPIMethods {
			raw, ok := item[m]
			if !ok {
				continue
			}
			where := strings.ToUpper(m) + " " + p
			if !routes[where] {
				t.Errorf("openapi.json documents %s, which is not in the route table", where)
			}
			op, ok := raw.(map[string]any)
			if !ok {
				t.Errorf("%s: operation is not an object", where)
				continue
			}
			id, _ := op["operationId"].(string)
			switch {
			case id == "":
				t.Errorf("%s: no operationId", where)
			case opIDs[id] != "":
				t.Errorf("%s: operationId %q already used by %s", where, id, opIDs[id])
			default:
				opIDs[id] = where
			}
			if rs, ok := op["responses"].(map[string]any); !ok || len(rs) == 0 {
				t.Errorf("%s: no responses", where)
			}
			if _, ok := op["security"].([]any); !ok {
				t.Errorf("%s: no security requirement (use [] for public routes)", where)
			}
		}
	}

	// Every $ref resolves inside the document.
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if k == "$ref" {
					ref, _ := x.(string)
					if _, err := resolvePointer(doc, ref); err != "" {
						t.Errorf("%s: $ref %q: %s", at, ref, err)
					}
					continue
				}
				walk(x, at+"/"+k)
			}
		case []any:
			for _, x := range v {
				walk(x, at+"/[]")
			}
		}
	}
	walk(doc, "#")
}

// resolvePointer resolves a local JSON reference ("#/a/b") in doc; it returns a
// non-empty reason when it cannot.
func resolvePointer(doc any, ref string) (any, string) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, "not a local reference"
	}
	cur := doc
	if frag == "" {
		return cur, ""
	}
	if !strings.HasPrefix(frag, "/") {
		return nil, "not a JSON pointer"
	}
	frag, err := url.PathUnescape(frag)
	if err != nil {
		return nil, "bad escape"
	}
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, "cannot descend into " + tok
		}
		if cur, ok = m[tok]; !ok {
			return nil, "no " + tok
		}
	}
	return cur, ""
}
