package main

import (
	"net/http"
	"runtime"
	"testing"
)

const globalMapRequests = 2000

func TestGlobalMapLeakyRetainsARecordPerRequest(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "global-map")
	before := heapAfterGC()
	for i := 1; i <= globalMapRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, globalMapRequests)
	t.Logf("global-map leaky: post-GC heap grew %d bytes over %d requests = %.0f B/request", grown, globalMapRequests, got)
	if got < 0.9*float64(auditRecordSize) {
		t.Fatalf("expected at least %d B/request retained but was %.0f B/request", auditRecordSize*9/10, got)
	}
}

func TestGlobalMapFixedRetainsNothing(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	for i := 1; i <= 100; i++ { // warm up gin's context pool and the JSON encoder
		do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", "")
	}
	before := heapAfterGC()
	for i := 1; i <= globalMapRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, globalMapRequests)
	t.Logf("global-map fixed: post-GC heap grew %d bytes over %d requests = %.0f B/request", grown, globalMapRequests, got)
	if got > 256 {
		t.Fatalf("expected at most 256 B/request retained but was %.0f B/request", got)
	}
}
