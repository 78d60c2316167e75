package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"example.com/sessionsvc/internal/config"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// startServer serves the whole service (flags as on the command line) on
// a real loopback listener.
func startServer(t *testing.T, flags ...string) (*service, *httptest.Server) {
	t.Helper()
	cfg, err := config.Parse(flags, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	svc, err := setupRouter(cfg, reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(svc.router)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		svc.close()
	})
	return svc, srv
}

// send does one request with a client of its own and returns the status
// and body; the connection is closed after it.
func send(t *testing.T, method, url, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Close = true
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// stacksIn counts the goroutines with fn in their stack.
func stacksIn(fn string) int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			count := 0
			for _, g := range strings.Split(string(buf[:n]), "\n\n") {
				if strings.Contains(g, fn+"(") {
					count++
				}
			}
			return count
		}
		buf = make([]byte, 2*len(buf))
	}
}

// waitFor polls cond every 20 ms until it holds or within passes.
func waitFor(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// heapAfterGC is HeapAlloc after two collections, as two reads of
// /debug/pprof/heap?gc=1 see it.
func heapAfterGC() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
