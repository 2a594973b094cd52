package web

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/motcua/motcua"
)

// FuzzLastEventID: the board stream's resume point is the Last-Event-ID header, else
// ?last_event_id=, else none (-1: no replay). An accepted value is a non-negative
// integer that is exactly what the client sent (it round-trips through its decimal
// form, so no event is skipped or replayed twice); anything else is EINVALID on
// last_event_id with the expected type, never a panic.
func FuzzLastEventID(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"42", ""}, {"", "42"}, {"7", "9"}, {"-1", ""}, {"", "abc"}, {" 5", ""},
		{"9223372036854775807", ""}, {"9223372036854775808", ""}, {"+3", ""}, {"0x10", ""}, {"", "1e3"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, header, query string) {
		if strings.ContainsAny(header, "\r\n\x00") {
			return
		}
		r := httptest.NewRequest("GET", "/api/v1/queue/events?last_event_id="+url.QueryEscape(query), nil)
		if header != "" {
			r.Header.Set("Last-Event-ID", header)
		}
		n, err := lastEventID(r)
		sent := header
		if sent == "" {
			sent = query
		}
		if err != nil {
			me := motcua.AsError(err)
			if me == nil || me.Code != motcua.EINVALID || me.Field != "last_event_id" || me.Params["expected"] == nil {
				t.Fatalf("lastEventID(%q, %q): %v", header, query, err)
			}
			if v, perr := strconv.ParseInt(sent, 10, 64); perr == nil && v >= 0 {
				t.Fatalf("lastEventID refused %q", sent)
			}
			return
		}
		if sent == "" {
			if n != -1 {
				t.Fatalf("no id sent, got %d", n)
			}
			return
		}
		if n < 0 {
			t.Fatalf("lastEventID(%q) = %d", sent, n)
		}
		if v, perr := strconv.ParseInt(sent, 10, 64); perr != nil || v != n {
			t.Fatalf("lastEventID(%q) = %d, not the value sent", sent, n)
		}
	})
}
