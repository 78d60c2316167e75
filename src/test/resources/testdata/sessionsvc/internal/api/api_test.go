package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/sessionsvc/internal/auth"
	"example.com/sessionsvc/internal/config"
	"example.com/sessionsvc/internal/events"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("example.com/sessionsvc/internal/events.(*Dispatcher).leakyDeliver"))
}

type fixture struct {
	h      *Handlers
	r      *gin.Engine
	reg    *prometheus.Registry
	events *events.Dispatcher
}

// newFixture mounts the API with the named leaks on; mutate tweaks the
// config first.
func newFixture(t *testing.T, mutate func(*config.Config), leaks ...string) *fixture {
	t.Helper()
	spec := "none"
	if len(leaks) > 0 {
		spec = strings.Join(leaks, ",")
	}
	cfg, err := config.Parse([]string{"-leaks", spec}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if mutate != nil {
		mutate(&cfg)
	}
	f := &fixture{reg: prometheus.NewRegistry(), events: events.NewDispatcher(time.Millisecond, cfg.EventLeakEvery)}
	t.Cleanup(f.events.Close)
	f.h = New(cfg, f.reg, auth.NewIssuer("test", time.Hour), f.events, Backends{})
	f.r = gin.New()
	f.r.Use(RequestMetrics(f.reg))
	f.r.NoRoute(NotFound)
	f.h.Register(f.r.Group("/v1"))
	return f
}

type call struct {
	method, path, body string
	header             map[string]string
}

func (f *fixture) do(c call) *httptest.ResponseRecorder {
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req := httptest.NewRequest(c.method, c.path, body)
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	f.r.ServeHTTP(w, req)
	return w
}

func (f *fixture) must(t *testing.T, c call, want int) *httptest.ResponseRecorder {
	t.Helper()
	w := f.do(c)
	if w.Code != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", c.method, c.path, w.Code, want, w.Body)
	}
	return w
}

// login returns the token and the Set-Cookie header of a fresh session.
func (f *fixture) login(t *testing.T, user string) (string, string) {
	t.Helper()
	w := f.must(t, call{method: http.MethodPost, path: "/v1/login", body: `{"user":"` + user + `","password":"preflight"}`}, http.StatusOK)
	var resp loginResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || resp.Token == "" {
		t.Fatalf("login answer %s: %v", w.Body, err)
	}
	return resp.Token, w.Header().Get("Set-Cookie")
}

func problem(t *testing.T, w *httptest.ResponseRecorder) Problem {
	t.Helper()
	var p Problem
	if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
		t.Fatalf("error body is not JSON: %s", w.Body)
	}
	return p
}

func TestLoginThenProfileByCookieOrBearer(t *testing.T) {
	f := newFixture(t, nil)
	token, cookie := f.login(t, "alice")
	if !strings.HasPrefix(cookie, SessionCookie+"="+token) || !strings.Contains(cookie, "HttpOnly") {
		t.Fatalf("Set-Cookie %q", cookie)
	}
	byCookie := f.must(t, call{method: http.MethodGet, path: "/v1/profile/alice", header: map[string]string{"Cookie": SessionCookie + "=" + token}}, http.StatusOK)
	byBearer := f.must(t, call{method: http.MethodGet, path: "/v1/profile/alice", header: map[string]string{"Authorization": "Bearer " + token}}, http.StatusOK)
	if byCookie.Body.String() != byBearer.Body.String() || !strings.Contains(byCookie.Body.String(), `"display_name":"Alice"`) {
		t.Fatalf("profiles differ or are wrong: %s / %s", byCookie.Body, byBearer.Body)
	}
}

func TestBadInputAnswersNameTheField(t *testing.T) {
	f := newFixture(t, nil)
	token, _ := f.login(t, "bob")
	bearer := map[string]string{"Authorization": "Bearer " + token}
	for _, tc := range []struct {
		name  string
		call  call
		want  int
		field string
	}{
		{"login: malformed", call{method: "POST", path: "/v1/login", body: `{"user":`}, 400, ""},
		{"login: missing password", call{method: "POST", path: "/v1/login", body: `{"user":"bob"}`}, 422, "password"},
		{"login: wrong password", call{method: "POST", path: "/v1/login", body: `{"user":"bob","password":"nope"}`}, 401, ""},
		{"login: not JSON", call{method: "POST", path: "/v1/login", body: `user=bob`, header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, 415, ""},
		{"login: body too large", call{method: "POST", path: "/v1/login", body: `{"user":"bob","password":"` + strings.Repeat("x", maxBody) + `"}`}, 413, ""},
		{"profile: no token", call{method: "GET", path: "/v1/profile/bob"}, 401, ""},
		{"profile: bad token", call{method: "GET", path: "/v1/profile/bob", header: map[string]string{"Authorization": "Bearer bob.1.x"}}, 401, ""},
		{"profile: someone else's", call{method: "GET", path: "/v1/profile/alice", header: bearer}, 403, ""},
		{"profile: invalid name", call{method: "GET", path: "/v1/profile/Bob!", header: bearer}, 400, "user"},
		{"cart: bad id", call{method: "POST", path: "/v1/carts/a.b/items", body: `{"sku":"ABC-123","quantity":1}`}, 400, "cart"},
		{"cart: malformed", call{method: "POST", path: "/v1/carts/c1/items", body: `{"sku":"ABC-123",`}, 400, ""},
		{"cart: wrong type", call{method: "POST", path: "/v1/carts/c1/items", body: `{"sku":"ABC-123","quantity":"two"}`}, 400, "quantity"},
		{"cart: bad sku", call{method: "POST", path: "/v1/carts/c1/items", body: `{"sku":"abc","quantity":1}`}, 422, "sku"},
		{"cart: quantity too big", call{method: "POST", path: "/v1/carts/c1/items", body: `{"sku":"ABC-123","quantity":500}`}, 422, "quantity"},
		{"cart: missing sku", call{method: "POST", path: "/v1/carts/c1/items", body: `{"quantity":1}`}, 422, "sku"},
		{"cart: unknown", call{method: "GET", path: "/v1/carts/nobody"}, 404, ""},
		{"search: missing q", call{method: "GET", path: "/v1/search?limit=5"}, 422, "q"},
		{"search: limit not a number", call{method: "GET", path: "/v1/search?q=mug&limit=ten"}, 400, "limit"},
		{"search: limit too large", call{method: "GET", path: "/v1/search?q=mug&limit=500"}, 422, "limit"},
		{"events: unknown type", call{method: "POST", path: "/v1/events", body: `{"type":"fax","user":"bob"}`}, 422, "type"},
		{"events: wrong type", call{method: "POST", path: "/v1/events", body: `{"type":"click","user":7}`}, 400, "user"},
		{"no such route", call{method: "GET", path: "/v1/nothing"}, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := f.must(t, tc.call, tc.want)
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Fatalf("Content-Type %q, want JSON", ct)
			}
			if p := problem(t, w); p.Error == "" || p.Field != tc.field {
				t.Fatalf("problem %+v, want field %q", p, tc.field)
			}
		})
	}
}

func TestCartsAddUpAndStayBounded(t *testing.T) {
	f := newFixture(t, func(c *config.Config) { c.CartCacheSize = 50 })
	item := call{method: "POST", path: "/v1/carts/c-1/items", body: `{"sku":"ABC-123","quantity":2}`}
	f.must(t, item, 201)
	w := f.must(t, item, 201)
	if !strings.Contains(w.Body.String(), `"total_quantity":4`) {
		t.Fatalf("two adds of 2: %s", w.Body)
	}
	f.must(t, call{method: "GET", path: "/v1/carts/c-1"}, 200)
	for i := range 300 {
		f.must(t, call{method: "POST", path: "/v1/carts/new-" + strconv.Itoa(i) + "/items", body: `{"sku":"XYZ-999","quantity":1}`}, 201)
	}
	if got := f.h.CartCount(); got != 50 {
		t.Fatalf("%d carts in memory, want the cache size 50", got)
	}
	for i := range maxCartLines {
		f.must(t, call{method: "POST", path: "/v1/carts/big/items", body: `{"sku":"BIG-` + strconv.Itoa(1000+i) + `","quantity":1}`}, 201)
	}
	f.must(t, call{method: "POST", path: "/v1/carts/big/items", body: `{"sku":"BIG-9999","quantity":1}`}, 409)
}

func TestSearchCacheFillsAndStops(t *testing.T) {
	f := newFixture(t, func(c *config.Config) { c.SearchCacheSize = 64 })
	w := f.must(t, call{method: "GET", path: "/v1/search?q=Mug&limit=3"}, 200)
	var resp searchResponse
	if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil || resp.Total != 3 || !strings.HasSuffix(resp.Results[0].Name, "mug") {
		t.Fatalf("search mug: %s (%v)", w.Body, err)
	}
	for i := range 500 {
		f.must(t, call{method: "GET", path: "/v1/search?q=term-" + strconv.Itoa(i)}, 200)
	}
	if got := f.h.SearchCacheLen(); got != 64 {
		t.Fatalf("search cache holds %d entries, want its size 64", got)
	}
}

// heapAfterGC is HeapAlloc after two collections (sync.Pool's victim cache
// survives one), as two reads of /debug/pprof/heap?gc=1 see it.
func heapAfterGC() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
