package main

import (
	"net/http"
	"runtime"
	"strconv"
	"testing"

	"go.uber.org/goleak"
)

// TestTrapGoroutinePeakStepsOnceThenStaysFlat: the first fan-out leaves its
// g records on the heap; further fan-outs of the same size add far less than
// another step (see the creep in trap_goroutine_peak.go), and every
// fan-out's goroutines are gone when it answers.
func TestTrapGoroutinePeakStepsOnceThenStaysFlat(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	// Larger than any goroutine peak of the other tests, so the step is this test's own.
	const n, peaks = 5000, 100
	_, r := newTestLab(t)
	ignore := goleak.IgnoreCurrent()
	target := "/api/fanout?n=" + strconv.Itoa(n)
	base := runtime.NumGoroutine()
	before := heapAfterGC()
	mustStatus(t, do(r, http.MethodGet, target, "", ""), http.StatusOK)
	step := heapAfterGC() - before
	if g := runtime.NumGoroutine(); g > base+2 {
		t.Fatalf("expected the fan-out's goroutines gone when it answered but %d were left", g-base)
	}
	before = heapAfterGC()
	for range peaks {
		mustStatus(t, do(r, http.MethodGet, target, "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r)
	got := perRequest(grown, peaks)
	t.Logf("trap goroutine-peak: first fan-out of %d stepped the post-GC heap by %d bytes (%.0f B/goroutine); %d more grew it %d bytes = %.1f B/request",
		n, step, perRequest(step, n), peaks, grown, got)
	if step < n*300 {
		t.Errorf("expected the first peak to keep ~500 B of g record per goroutine (>= %d bytes) but the step was %d", n*300, step)
	}
	// Bound: a fan-out that overlaps a GC freeing dead gs' stacks can need
	// up to n new gs; it happens seldom, so 100 peaks stay well under one step.
	if grown > step {
		t.Fatalf("expected %d more peaks of %d to grow the heap by less than the first step (%d bytes) but they grew it %d bytes", peaks, n, step, grown)
	}
	verifyNoLeaks(t, ignore)
}

func TestTrapGoroutinePeakRefusesTooManyGoroutines(t *testing.T) {
	_, r := newTestLab(t)
	mustStatus(t, do(r, http.MethodGet, "/api/fanout?n=10001", "", ""), http.StatusUnprocessableEntity)
	mustStatus(t, do(r, http.MethodGet, "/api/fanout?n=lots", "", ""), http.StatusBadRequest)
}
