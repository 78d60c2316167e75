package main

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

const watchRequests = 300

func TestTimeAfterLoopLeakyNeverReachesItsDeadline(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "time-after-loop")
	before := runtime.NumGoroutine()
	for i := 1; i <= watchRequests; i++ {
		mustStatus(t, do(r, http.MethodPost, "/api/items/"+uitoa(uint64(i))+"/watch?ttl_ms=500", "", ""), http.StatusAccepted)
	}
	// Three times the TTL: every watch should long be over.
	time.Sleep(1500 * time.Millisecond)
	leaked := runtime.NumGoroutine() - before
	t.Logf("time-after-loop leaky: %d goroutines alive 3x TTL after %d watches = %.2f/request", leaked, watchRequests, float64(leaked)/watchRequests)
	if leaked < watchRequests*9/10 {
		t.Fatalf("expected at least %d goroutines past their TTL but was %d", watchRequests*9/10, leaked)
	}
}

func TestTimeAfterLoopFixedEndsAtItsDeadline(t *testing.T) {
	_, r := newTestLab(t)
	ignore := goleak.IgnoreCurrent() // the lab's own background workers stay
	for i := 1; i <= watchRequests; i++ {
		mustStatus(t, do(r, http.MethodPost, "/api/items/"+uitoa(uint64(i))+"/watch?ttl_ms=500", "", ""), http.StatusAccepted)
	}
	mustStatus(t, do(r, http.MethodPost, "/api/items/1/watch?ttl_ms=10", "", ""), http.StatusUnprocessableEntity)
	// No Close here: the watches must end on their own deadline.
	verifyNoLeaks(t, ignore)
}

// TestTimeAfterInAHotLoopNoLongerPilesUpTimers records why the pattern is
// modelled as a re-armed deadline: with go >= 1.23 in go.mod, 100k
// abandoned one-hour time.After timers are collected before they fire
// (before Go 1.23 they held ~200 B each, ~20 MB here, for an hour).
func TestTimeAfterInAHotLoopNoLongerPilesUpTimers(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	const iterations = 100_000
	ready := make(chan struct{}, 1)
	ready <- struct{}{}
	before := heapAfterGC()
	for range iterations {
		select {
		case <-ready:
			ready <- struct{}{}
		case <-time.After(time.Hour):
		}
	}
	grown := heapAfterGC() - before
	t.Logf("time.After in a hot loop: post-GC heap grew %d bytes over %d iterations = %.1f B/iteration", grown, iterations, perRequest(grown, iterations))
	if grown > 2<<20 {
		t.Fatalf("expected abandoned timers to be collected (growth <= 2 MiB) but heap grew %d bytes", grown)
	}
}
