package main

import (
	"net/http"
	"runtime"
	"testing"
)

// TestTrapMapPeakStepsOnceThenStaysFlat: the first batch grows the map to
// its peak, every key is deleted, the groups stay; later batches of new keys
// reuse them.
func TestTrapMapPeakStepsOnceThenStaysFlat(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	const target = "/api/reservations/batch?keys=8192"
	before := heapAfterGC()
	w := do(r, http.MethodPost, target, "", "")
	mustStatus(t, w, http.StatusOK)
	step := heapAfterGC() - before
	runtime.KeepAlive(r)
	t.Logf("trap map-peak: first batch of 8192 keys (all deleted again) stepped the post-GC heap by %d bytes; answer %s", step, w.Body.String())
	if step < 8192*32 {
		t.Errorf("expected the emptied map to keep its peak groups (>= %d bytes) but the step was %d", 8192*32, step)
	}
	const batches = 500 // ~1 ms each
	before = heapAfterGC()
	for range batches {
		mustStatus(t, do(r, http.MethodPost, target, "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r)
	got := perRequest(grown, batches)
	t.Logf("trap map-peak: %d more batches of 8192 new keys grew it %d bytes = %.1f B/request", batches, grown, got)
	if got > trapMaxPerRequest {
		t.Fatalf("expected at most %d B/request after the first batch but was %.1f B/request", trapMaxPerRequest, got)
	}
}

func TestTrapMapPeakIsCapped(t *testing.T) {
	_, r := newTestLab(t)
	mustStatus(t, do(r, http.MethodPost, "/api/reservations/batch?keys=65537", "", ""), http.StatusUnprocessableEntity)
}
