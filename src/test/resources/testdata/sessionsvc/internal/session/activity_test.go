package session

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/gin-gonic/gin"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	goleak.VerifyTestMain(m)
}

// newRouter mounts the tracker's leaky or fixed middleware in front of a
// handler that checks its own record is there while it runs.
func newRouter(t *testing.T, tracker *Tracker, leaky bool) *gin.Engine {
	t.Helper()
	activity := tracker.Middleware
	if leaky {
		activity = tracker.LeakyMiddleware
	}
	r := gin.New()
	r.GET("/v1/things/:id", NewRequestIDs().Middleware, activity, func(c *gin.Context) {
		a, ok := tracker.Lookup(RequestID(c))
		if !ok || a.Route != "/v1/things/:id" {
			c.AbortWithStatus(http.StatusInternalServerError)
			return
		}
		c.Status(http.StatusNoContent)
	})
	return r
}

func serve(t *testing.T, r http.Handler, n int) {
	t.Helper()
	for i := range n {
		req := httptest.NewRequest(http.MethodGet, "/v1/things/42", nil)
		req.Header.Set("User-Agent", "activity-test")
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != http.StatusNoContent {
			t.Fatalf("request %d: status %d", i, w.Code)
		}
	}
}

func TestLeakyMiddlewareKeepsOneRecordPerRequest(t *testing.T) {
	tracker := NewTracker(48, 1)
	serve(t, newRouter(t, tracker, true), 500)
	if got := tracker.Len(); got != 500 {
		t.Fatalf("after 500 requests the table holds %d records, want 500", got)
	}
}

func TestLeakyMiddlewareEveryNthKeepsOneInN(t *testing.T) {
	tracker := NewTracker(48, 10)
	serve(t, newRouter(t, tracker, true), 1000)
	if got := tracker.Len(); got != 100 {
		t.Fatalf("after 1000 requests with -session-leak-every 10 the table holds %d records, want 100", got)
	}
}

func TestFixedMiddlewareEmptiesTheTable(t *testing.T) {
	tracker := NewTracker(48, 1)
	serve(t, newRouter(t, tracker, false), 500)
	if got := tracker.Len(); got != 0 {
		t.Fatalf("after 500 requests the table holds %d records, want 0", got)
	}
}

func TestFixedMiddlewareRemovesTheRecordWhenTheHandlerPanics(t *testing.T) {
	tracker := NewTracker(16, 1)
	r := gin.New()
	r.Use(gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, _ any) { c.AbortWithStatus(http.StatusInternalServerError) }))
	r.GET("/boom", NewRequestIDs().Middleware, tracker.Middleware, func(*gin.Context) { panic("boom") })
	for range 10 {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/boom", nil))
		if w.Code != http.StatusInternalServerError {
			t.Fatalf("status %d", w.Code)
		}
	}
	if got := tracker.Len(); got != 0 {
		t.Fatalf("panicking handlers left %d records, want 0", got)
	}
}

func TestFingerprintIsExactlyTheAskedSize(t *testing.T) {
	for _, n := range []int{0, 1, 16, 32, 64, 65, 200} {
		if got := len(fingerprint("ua", "127.0.0.1", n)); got != n {
			t.Fatalf("fingerprint(%d) has %d bytes", n, got)
		}
	}
}

func TestRequestIDIsTakenFromTheCallerWhenSane(t *testing.T) {
	r := gin.New()
	r.GET("/", NewRequestIDs().Middleware, func(c *gin.Context) { c.String(http.StatusOK, RequestID(c)) })
	for in, want := range map[string]bool{"abc-123_X": true, "": false, "has space": false, string(make([]byte, 65)): false} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set(HeaderRequestID, in)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		got := w.Body.String()
		if (got == in) != want || len(got) == 0 || w.Header().Get(HeaderRequestID) != got {
			t.Fatalf("X-Request-ID %q: answered %q (header %q)", in, got, w.Header().Get(HeaderRequestID))
		}
	}
}

// heapAfterGC is HeapAlloc after two collections, what /debug/pprof/heap?gc=1
// read twice shows.
func heapAfterGC() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// TestRetainedBytesPerRequest plants each size and reads the post-GC heap
// before and after; the map slot, key and struct come on top of the
// payload. The bounds are loose on purpose: the README has the numbers of
// the real server.
func TestRetainedBytesPerRequest(t *testing.T) {
	const requests = 20_000
	for _, tc := range []struct {
		name     string
		bytes    int
		leaky    bool
		min, max float64
	}{
		{"fixed", 48, false, -8, 8},
		{"leaky 0 B", 0, true, 60, 200},
		{"leaky 16 B", 16, true, 16 + 60, 16 + 200},
		{"leaky 64 B", 64, true, 64 + 60, 64 + 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tracker := NewTracker(tc.bytes, 1)
			r := newRouter(t, tracker, tc.leaky)
			serve(t, r, 1000) // warm-up: gin's context pool, the table's first groups
			before := heapAfterGC()
			serve(t, r, requests)
			perRequest := float64(heapAfterGC()-before) / requests
			runtime.KeepAlive(tracker)
			t.Logf("%s: %.1f B retained per request over %d requests", tc.name, perRequest, requests)
			if perRequest < tc.min || perRequest > tc.max {
				t.Fatalf("%s: %.1f B/request, want between %.0f and %.0f", tc.name, perRequest, tc.min, tc.max)
			}
		})
	}
}
