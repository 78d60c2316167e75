package main

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// The planted leak: -leak-bytes-per-request N makes every request on the
// routes of -leak-routes keep N bytes forever. It is the sensitivity
// benchmark's knob for small leaks, not a catalogue pattern (no -leaks name,
// no fixed twin), and it works with any -leaks.
//
// Why not global-map with a small -audit-record-bytes: a map keyed by the
// request id costs a 32 B slot per entry on top of the record, and a Go map
// grows in doublings, so for a 16–64 B record the retained bytes per request
// swing between ~40 and ~210 from one few-thousand-request stretch to the
// next (measured in docs/leak-catalogue.md). Here the bytes are appended to
// 4 KiB chunks: the heap grows by N per request plus 24 B per chunk (its
// slice header), linear to within one chunk.

const (
	plantChunkSize = 4 << 10
	maxPlantBytes  = 1 << 20
)

// familyRoutes lists the /api routes ("METHOD path" as gin routes them) that
// the default run's families send (src/test/resources/gin-lab.conf,
// preflight.families.<name>.requests and the uploads and long-connections
// settings); TestPlantRoutesMatchPreflightConf keeps the two in step.
var familyRoutes = map[string][]string{
	"binding": {
		"GET /api/items/:id", "GET /api/items/:id/summary", "GET /api/catalog/:sku", "GET /api/search",
		"GET /api/reports/large", "GET /api/render/:id", "POST /api/forms/contact", "POST /api/orders",
		"POST /api/bind/map", "POST /api/reservations/batch", "GET /api/index/:key", "POST /api/handoff",
	},
	"api": {
		"POST /api/notify", "POST /api/exports", "POST /api/items/:id/watch", "POST /api/events",
		"GET /api/upstream/items/:id", "GET /api/fanout",
	},
	"uploads":          {"POST /api/uploads", "POST /api/uploads/batch", "PUT /api/blobs/:name"},
	"long-connections": {"GET /api/stream/events", "GET /api/ws", "GET /api/poll", "POST /api/poll/publish"},
}

func familyNames() []string {
	var names []string
	for n := range familyRoutes {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// parsePlantRoutes turns -leak-routes into a route set; nil means every route.
// Each entry is a family (every route it sends) or one route as gin routes
// it, "GET /api/catalog/:sku": a leak in one endpoint of a family of several,
// which only driving the family's requests apart can point at.
func parsePlantRoutes(spec string) (map[string]bool, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "all" {
		return nil, nil
	}
	set := map[string]bool{}
	for _, f := range strings.Split(spec, ",") {
		f = strings.TrimSpace(f)
		if strings.Contains(f, " ") {
			if !isFamilyRoute(f) {
				return nil, fmt.Errorf("unknown -leak-routes route %q; a route is \"METHOD path\" as a family sends it, e.g. \"GET /api/catalog/:sku\"", f)
			}
			set[f] = true
			continue
		}
		routes, ok := familyRoutes[f]
		if !ok {
			return nil, fmt.Errorf("unknown -leak-routes family %q; valid: all, %s, or one route such as \"GET /api/catalog/:sku\"", f, strings.Join(familyNames(), ", "))
		}
		for _, r := range routes {
			set[r] = true
		}
	}
	return set, nil
}

func isFamilyRoute(route string) bool {
	for _, routes := range familyRoutes {
		if slices.Contains(routes, route) {
			return true
		}
	}
	return false
}

// plantedArena holds what the planted leak keeps: full chunks and the one
// being filled. Package-level, as the leak is process-wide.
var plantedArena struct {
	sync.Mutex
	chunks [][]byte // every chunk ever allocated; cur shares the last one's array
	cur    []byte
	kept   int64
}

func plantedLeakMiddleware(n int, routes map[string]bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if routes == nil || routes[c.Request.Method+" "+c.FullPath()] {
			leakyPlantBytes(c, n)
		}
		c.Next()
	}
}

// leakyPlantBytes keeps n bytes of the request line (padded with spaces)
// forever; the chunks' allocation site is this function.
//
//go:noinline
func leakyPlantBytes(c *gin.Context, n int) {
	if !retainedBytesBudget.take(int64(n), "leak-bytes-per-request") {
		return
	}
	line := c.Request.Method + " " + c.Request.URL.RequestURI()
	a := &plantedArena
	a.Lock()
	defer a.Unlock()
	a.kept += int64(n)
	for i := 0; n > 0; {
		if len(a.cur) == cap(a.cur) {
			a.cur = make([]byte, 0, plantChunkSize)
			a.chunks = append(a.chunks, a.cur)
		}
		k := min(n, cap(a.cur)-len(a.cur))
		for range k {
			b := byte(' ')
			if i < len(line) {
				b = line[i]
			}
			a.cur = append(a.cur, b)
			i++
		}
		n -= k
	}
}

// plantedBytes is what the planted leak holds, for tests.
func plantedBytes() int64 {
	plantedArena.Lock()
	defer plantedArena.Unlock()
	return plantedArena.kept
}
