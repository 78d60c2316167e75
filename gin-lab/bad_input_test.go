package main

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

// TestBadInputAnswers4xxJSONAndLeaksNothing sends every endpoint input it
// must refuse, checks the status and the JSON error (naming the field for
// validation failures), and then that the fixed lab left nothing behind.
func TestBadInputAnswers4xxJSONAndLeaksNothing(t *testing.T) {
	privateTempDir(t)
	l, r := newTestLab(t)
	ignore := goleak.IgnoreCurrent()
	form := url.Values{"name": {"Ada"}, "email": {"not-an-email"}, "message": {"hi"}}.Encode()
	cases := []struct {
		name, method, target, contentType, body string
		want                                    int
		field                                   string
	}{
		{"item id not a number", "GET", "/api/items/abc", "", "", 400, ""},
		{"item id zero", "GET", "/api/items/0", "", "", 422, "id"},
		{"search without q", "GET", "/api/search?page=2", "", "", 422, "q"},
		{"search page out of range", "GET", "/api/search?q=a&page=0", "", "", 422, "page"},
		{"order malformed JSON", "POST", "/api/orders", "application/json", `{"customerEmail":`, 400, ""},
		{"order wrong type", "POST", "/api/orders", "application/json", `{"customerEmail":"a@b.co","lines":"many"}`, 400, "lines"},
		{"order bad email", "POST", "/api/orders", "application/json", `{"customerEmail":"nope","lines":[{"sku":"A1","quantity":1}]}`, 422, "customerEmail"},
		{"order line quantity", "POST", "/api/orders", "application/json", `{"customerEmail":"a@b.co","lines":[{"sku":"A1","quantity":0}]}`, 422, "quantity"},
		{"order wrong content type", "POST", "/api/orders", "text/plain", `{}`, 415, ""},
		{"contact form bad email", "POST", "/api/forms/contact", "application/x-www-form-urlencoded", form, 422, "email"},
		{"contact form as JSON", "POST", "/api/forms/contact", "application/json", `{}`, 415, ""},
		{"map binding malformed", "POST", "/api/bind/map", "application/json", `{"a":`, 400, ""},
		{"map binding not an object", "POST", "/api/bind/map", "application/json", `[1,2]`, 400, ""},
		{"export bad format", "POST", "/api/exports", "application/json", `{"format":"xml","rows":1}`, 422, "format"},
		{"event missing type", "POST", "/api/events", "application/json", `{"payload":"x"}`, 422, "type"},
		{"watch ttl too short", "POST", "/api/items/1/watch?ttl_ms=1", "", "", 422, "ttl_ms"},
		{"summary bad id", "GET", "/api/items/-1/summary", "", "", 400, ""},
		{"stream count too big", "GET", "/api/stream/events?count=100000", "", "", 422, "count"},
		{"poll timeout not a number", "GET", "/api/poll?timeout_ms=soon", "", "", 400, ""},
		{"publish empty", "POST", "/api/poll/publish", "application/json", `{}`, 422, "message"},
		{"upstream bad id", "GET", "/api/upstream/items/0", "", "", 422, "id"},
		{"large report too large", "GET", "/api/reports/large?size_kib=999999", "", "", 422, "size_kib"},
		{"catalog sku not alphanumeric", "GET", "/api/catalog/a-b", "", "", 422, "sku"},
		{"websocket without upgrade", "GET", "/api/ws", "", "", 400, ""},
		{"unknown route", "GET", "/api/nope", "", "", 404, ""},
		{"wrong method", "DELETE", "/api/items/1", "", "", 405, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(r, tc.method, tc.target, tc.contentType, tc.body)
			mustStatus(t, w, tc.want)
			var body apiError
			if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Error == "" {
				t.Fatalf("expected a JSON error body but was %q", w.Body.String())
			}
			if tc.field != "" && body.Field != tc.field {
				t.Fatalf("expected the error to name field %q but was %q (%s)", tc.field, body.Field, strings.TrimSpace(w.Body.String()))
			}
		})
	}
	l.Close()
	verifyNoLeaks(t, ignore)
}
