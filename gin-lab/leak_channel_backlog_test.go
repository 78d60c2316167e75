package main

import (
	"net/http"
	"runtime"
	"testing"
	"time"
)

const (
	eventRequests = 2000
	eventBody     = `{"type":"click","payload":"button=checkout"}`
)

func TestChannelBacklogLeakyPilesUpEvents(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "channel-backlog")
	before := heapAfterGC()
	for range eventRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/events", "application/json", eventBody), http.StatusAccepted)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, eventRequests)
	t.Logf("channel-backlog leaky: post-GC heap grew %d bytes over %d events = %.0f B/request", grown, eventRequests, got)
	if got < eventEnvelopeSize*8/10 {
		t.Fatalf("expected at least %d B/request retained but was %.0f B/request", eventEnvelopeSize*8/10, got)
	}
}

func TestChannelBacklogFixedDrains(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	l, r := newTestLab(t)
	for range 200 {
		do(r, http.MethodPost, "/api/events", "application/json", eventBody)
	}
	before := heapAfterGC()
	shed := 0
	for range eventRequests {
		w := do(r, http.MethodPost, "/api/events", "application/json", eventBody)
		if w.Code == http.StatusServiceUnavailable {
			shed++
			continue
		}
		mustStatus(t, w, http.StatusAccepted)
	}
	// The batch consumer writes 256 events per 50 ms; let it catch up, as
	// the Java side lets goroutines settle after a phase.
	waitForBacklog(t, l, 5*time.Second)
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, eventRequests)
	t.Logf("channel-backlog fixed: post-GC heap grew %d bytes over %d events (%d shed) = %.0f B/request", grown, eventRequests, shed, got)
	if got > 256 {
		t.Fatalf("expected at most 256 B/request retained but was %.0f B/request", got)
	}
}

// waitForBacklog waits until the consumer has taken every queued event.
func waitForBacklog(t *testing.T, l *lab, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for len(l.events.events) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("expected the backlog to drain within %v but %d events are queued", within, len(l.events.events))
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(2 * eventWriteTime) // the batch in the consumer's hands
}
