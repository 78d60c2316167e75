package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"go.uber.org/goleak"
)

func init() { gin.SetMode(gin.TestMode) }

// newTestLab builds a lab with the named leaky patterns on (none means all
// fixed) and closes it when the test ends.
func newTestLab(t *testing.T, leaks ...string) (*lab, *gin.Engine) {
	t.Helper()
	set := leakSet{}
	for _, n := range leaks {
		set[n] = true
	}
	l, err := newLab(config{leaks: set})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	return l, setupRouter(l)
}

// do drives the router in-process, without a socket.
func do(r http.Handler, method, target, contentType, body string) *httptest.ResponseRecorder {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w
}

func mustStatus(t *testing.T, w *httptest.ResponseRecorder, want int) {
	t.Helper()
	if w.Code != want {
		t.Fatalf("expected status <%d> but was <%d>, body %s", want, w.Code, w.Body.String())
	}
}

// heapAfterGC is the post-GC HeapAlloc, the number the Java side reads
// after forcing GC twice through /debug/pprof/heap?gc=1.
func heapAfterGC() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// goroutinesAtLeast waits until the goroutine count reaches want, because
// leaked goroutines are started asynchronously; it returns the last count.
func goroutinesAtLeast(want int, within time.Duration) int {
	deadline := time.Now().Add(within)
	for {
		n := runtime.NumGoroutine()
		if n >= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// goroutinesSettled waits until the count stops changing, for fixed
// variants whose goroutines end a little after the response.
func goroutinesSettled(within time.Duration) int {
	deadline := time.Now().Add(within)
	last := runtime.NumGoroutine()
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		n := runtime.NumGoroutine()
		if n == last {
			return n
		}
		last = n
	}
	return last
}

// verifyNoLeaks fails when goroutines started after ignore was taken are
// still alive after settleWithin; fixed variants may need a moment (a
// delivery in flight, a watch running out its TTL) before they end.
func verifyNoLeaks(t *testing.T, ignore goleak.Option) {
	t.Helper()
	const settleWithin = 10 * time.Second
	deadline := time.Now().Add(settleWithin)
	for {
		err := goleak.Find(ignore)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("expected no leaked goroutines within %v but found: %v", settleWithin, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// perRequest reports a growth per request the way the verdicts read.
func perRequest(total int64, n int) float64 { return float64(total) / float64(n) }
