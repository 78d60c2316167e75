package debugserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"example.org/intake/internal/config"
	"github.com/gin-gonic/gin"
)

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	body, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(body)
}

func TestBothMuxesServeTheHeapWithMemStatsAndTheGoroutineCount(t *testing.T) {
	gin.SetMode(gin.TestMode)
	for _, mux := range []config.PprofMux{config.Stdlib, config.GinContrib} {
		code, heap := get(t, Handler(mux), "/debug/pprof/heap?debug=1")
		if code != http.StatusOK || !strings.Contains(heap, "# runtime.MemStats") {
			t.Errorf("%s: heap?debug=1 answered %d without the MemStats block", mux, code)
		}
		code, goroutines := get(t, Handler(mux), "/debug/pprof/goroutine?debug=1")
		if code != http.StatusOK || !strings.HasPrefix(goroutines, "goroutine profile: total ") {
			t.Errorf("%s: goroutine?debug=1 answered %d: %.40q", mux, code, goroutines)
		}
	}
}

func TestGinContribHasNoGoroutineleakRoute(t *testing.T) {
	gin.SetMode(gin.TestMode)
	// gin-contrib/pprof registers a fixed list: whatever the toolchain offers, this route is not on it
	if code, _ := get(t, Handler(config.GinContrib), "/debug/pprof/goroutineleak?debug=1"); code != http.StatusNotFound {
		t.Fatalf("gin-contrib/pprof answered %d for goroutineleak, want 404", code)
	}
}
