package main

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// plantRequests is how many requests measure the heap's growth: 60,000 of
// 16 B grow it by about 960 KiB, far above a fresh process's noise.
const plantRequests = 60000

// plantLab builds a lab with the planted leak of n bytes on routes.
func plantLab(t *testing.T, n int, routes string) http.Handler {
	t.Helper()
	l, err := newLab(config{plantBytes: n, plantRoutes: routes})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return setupRouter(l)
}

// TestPlantedLeakKeepsExactlyItsBytesPerRequest: the arena keeps n bytes per
// request on the planted routes, to the byte.
func TestPlantedLeakKeepsExactlyItsBytesPerRequest(t *testing.T) {
	for _, n := range []int{16, 32, 64} {
		t.Run(fmt.Sprintf("%dB", n), func(t *testing.T) {
			r := plantLab(t, n, "binding")
			kept := plantedBytes()
			for i := 1; i <= 1000; i++ {
				mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
			}
			if got := plantedBytes() - kept; got != int64(n*1000) {
				t.Fatalf("expected the arena to keep %d bytes but it kept %d", n*1000, got)
			}
		})
	}
}

// TestPlantedLeakGrowsTheHeapByItsBytesPerRequest: the post-GC heap grows by
// the payload per request, plus the chunks' slice headers (24 B per 4 KiB) and
// what the chunk list and gin's pools add once. Each size is measured in a
// process of its own: in the test binary, earlier tests' state is still being
// freed while it measures, and a heap difference there moved by ±3 B/request
// (a 16 B plant once read as 11.0).
func TestPlantedLeakGrowsTheHeapByItsBytesPerRequest(t *testing.T) {
	for _, n := range []int{16, 32, 64} {
		t.Run(fmt.Sprintf("%dB", n), func(t *testing.T) {
			if inOwnProcess(t) {
				return
			}
			r := plantLab(t, n, "binding")
			for i := 1; i <= 200; i++ { // warm up gin's context pool and the JSON encoder
				do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", "")
			}
			before := heapAfterGC()
			for i := 1; i <= plantRequests; i++ {
				mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
			}
			got := perRequest(heapAfterGC()-before, plantRequests)
			runtime.KeepAlive(r)
			t.Logf("planted leak %d B on binding routes: post-GC heap grew %.1f B/request over %d requests", n, got,
				plantRequests)
			if lo, hi := float64(n), 1.05*float64(n)+1; got < lo || got > hi {
				t.Fatalf("expected %.1f to %.1f B/request retained but was %.1f B/request", lo, hi, got)
			}
		})
	}
}

// TestPlantedLeakStaysOnItsRoutes: -leak-routes binding plants nothing on
// an api route, api nothing on a binding route.
func TestPlantedLeakStaysOnItsRoutes(t *testing.T) {
	cases := []struct {
		routes, method, target string
		planted                bool
	}{
		{"binding", http.MethodGet, "/api/items/7", true},
		{"binding", http.MethodGet, "/api/items/7/summary", true},
		{"binding", http.MethodPost, "/api/items/7/watch", false},
		{"api", http.MethodPost, "/api/items/7/watch", true},
		{"api", http.MethodGet, "/api/items/7", false},
		{"api,binding", http.MethodGet, "/api/items/7", true},
		{"all", http.MethodGet, "/api/ping", true},
		{"binding", http.MethodGet, "/healthz", false},
		{"GET /api/catalog/:sku", http.MethodGet, "/api/catalog/SKU7", true},
		{"GET /api/catalog/:sku", http.MethodGet, "/api/items/7", false},
		{"GET /api/catalog/:sku,api", http.MethodPost, "/api/items/7/watch", true},
	}
	for _, c := range cases {
		r := plantLab(t, 16, c.routes)
		kept := plantedBytes()
		do(r, c.method, c.target, "", "")
		if got := plantedBytes() > kept; got != c.planted {
			t.Errorf("-leak-routes %s, %s %s: expected planted=%v but was %v", c.routes, c.method, c.target, c.planted, got)
		}
	}
}

// TestPlantRoutesAreRouted: every route a family names exists, and no route
// is in two families.
func TestPlantRoutesAreRouted(t *testing.T) {
	_, r := newTestLab(t)
	routed := map[string]bool{}
	for _, ri := range r.Routes() {
		routed[ri.Method+" "+ri.Path] = true
	}
	seen := map[string]string{}
	for f, routes := range familyRoutes {
		for _, rt := range routes {
			if !routed[rt] {
				t.Errorf("family %s names %q, which is not routed", f, rt)
			}
			if other, dup := seen[rt]; dup {
				t.Errorf("%q is in families %s and %s", rt, other, f)
			}
			seen[rt] = f
		}
	}
}

// TestPlantRoutesMatchPreflightConf reads the default run's families from
// gin-lab's configuration in the suite, gin-lab.conf (when the repository is
// there), and checks that each request of the binding and api families lands
// on a route of its own family: -leak-routes binding must reach exactly the
// binding family.
func TestPlantRoutesMatchPreflightConf(t *testing.T) {
	conf, err := os.ReadFile("../src/test/resources/gin-lab.conf")
	if err != nil {
		t.Skipf("no gin-lab.conf next to gin-lab: %v", err)
	}
	for _, family := range []string{"binding", "api"} {
		requests := confRequests(t, string(conf), family)
		if len(requests) < 5 {
			t.Fatalf("expected the %s family's requests in gin-lab.conf but found %d", family, len(requests))
		}
		for _, req := range requests {
			for _, routes := range familyNames() {
				r := plantLab(t, 16, routes)
				kept := plantedBytes()
				do(r, req[0], req[1], "", "")
				if got, want := plantedBytes() > kept, routes == family; got != want {
					t.Errorf("gin-lab.conf %s request %s %s: with -leak-routes %s expected planted=%v but was %v",
						family, req[0], req[1], routes, want, got)
				}
			}
		}
	}
}

// confRequests extracts [method, path] of preflight.families.<family>.requests,
// with every #{...} replaced by a number.
func confRequests(t *testing.T, conf, family string) [][2]string {
	t.Helper()
	start := regexp.MustCompile(`(?m)^( *)` + regexp.QuoteMeta(family) + ` \{$`).FindStringSubmatchIndex(conf)
	if start == nil {
		t.Fatalf("no family %s in gin-lab.conf", family)
	}
	indent := conf[start[2]:start[3]]
	block := conf[start[1]:]
	block = block[:strings.Index(block, "\n"+indent+"}\n")]
	block = block[strings.Index(block, "requests = ["):]
	block = block[:strings.Index(block, "\n"+indent+"  ]")]
	entry := regexp.MustCompile(`\{ name = "[^"]*",(?: method = (\w+),)? path = "([^"]*)"`)
	el := regexp.MustCompile(`#\{[^}]*\}`)
	var out [][2]string
	for _, m := range entry.FindAllStringSubmatch(block, -1) {
		method := m[1]
		if method == "" {
			method = http.MethodGet
		}
		out = append(out, [2]string{method, el.ReplaceAllString(m[2], "7")})
	}
	if !slices.ContainsFunc(out, func(r [2]string) bool { return strings.HasPrefix(r[1], "/api/") }) {
		t.Fatalf("no /api requests found for family %s", family)
	}
	return out
}
