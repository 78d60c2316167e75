package main

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

const (
	exportRequests = 500
	exportBody     = `{"format":"csv","rows":100}`
)

func TestContextNotCancelledLeakyLeaksOneWatcherPerRequest(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "context-not-cancelled")
	before := runtime.NumGoroutine()
	for range exportRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/exports", "application/json", exportBody), http.StatusOK)
	}
	leaked := goroutinesAtLeast(before+exportRequests, 5*time.Second) - before
	t.Logf("context-not-cancelled leaky: %d goroutines left after %d requests = %.2f/request", leaked, exportRequests, float64(leaked)/exportRequests)
	if leaked < exportRequests*9/10 {
		t.Fatalf("expected at least %d leaked goroutines but was %d", exportRequests*9/10, leaked)
	}
}

func TestContextNotCancelledFixedLeaksNothing(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	l, r := newTestLab(t)
	for range exportRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/exports", "application/json", exportBody), http.StatusOK)
	}
	mustStatus(t, do(r, http.MethodPost, "/api/exports", "application/json", `{"format":"xml","rows":1}`), http.StatusUnprocessableEntity)
	l.Close()
	verifyNoLeaks(t, ignore)
}
