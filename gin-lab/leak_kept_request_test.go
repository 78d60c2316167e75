package main

import (
	"net/http"
	"runtime"
	"testing"
)

const keptRequestRequests = 2000

func TestKeptRequestLeakyRetainsTheRequests(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "kept-request")
	before := heapAfterGC()
	for i := 1; i <= keptRequestRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r)
	got := perRequest(grown, keptRequestRequests)
	t.Logf("kept-request leaky: post-GC heap grew %d bytes over %d requests = %.0f B/request", grown, keptRequestRequests, got)
	// httptest requests carry no headers; a served one with a client's headers weighs more.
	if got < 300 {
		t.Fatalf("expected at least 300 B/request retained (the Request, its URL and context) but was %.0f B/request", got)
	}
	requestJournal.Lock()
	kept := len(requestJournal.requests)
	requestJournal.Unlock()
	if kept < keptRequestRequests {
		t.Fatalf("expected the journal to hold at least %d requests but it held %d", keptRequestRequests, kept)
	}
}

func TestKeptRequestFixedRetainsNothing(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	for i := 1; i <= 2*journalCapacity; i++ { // warm up gin's pool, the encoder, and fill the ring
		do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", "")
	}
	before := heapAfterGC()
	for i := 1; i <= keptRequestRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r)
	got := perRequest(grown, keptRequestRequests)
	t.Logf("kept-request fixed: post-GC heap grew %d bytes over %d requests = %.0f B/request", grown, keptRequestRequests, got)
	if got > 64 {
		t.Fatalf("expected at most 64 B/request retained but was %.0f B/request", got)
	}
}
