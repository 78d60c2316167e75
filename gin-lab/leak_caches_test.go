package main

import (
	"net/http"
	"runtime"
	"testing"
)

const cacheRequests = 2000

func TestUnboundedCacheLeakyKeepsEveryQuery(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "unbounded-cache")
	before := heapAfterGC()
	for i := range cacheRequests {
		mustStatus(t, do(r, http.MethodGet, "/api/search?q=shoes"+uitoa(uint64(i))+"&page=2", "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, cacheRequests)
	t.Logf("unbounded-cache leaky: post-GC heap grew %d bytes over %d distinct queries = %.0f B/request", grown, cacheRequests, got)
	if got < searchPageSize*9/10 {
		t.Fatalf("expected at least %d B/request retained but was %.0f B/request", searchPageSize*9/10, got)
	}
}

// TestUnboundedCacheFixedStaysFlatAfterWarmUp fills the LRU, then sends as
// many new distinct queries again: the second round must not grow.
func TestUnboundedCacheFixedStaysFlatAfterWarmUp(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	for i := range searchCacheCapacity {
		do(r, http.MethodGet, "/api/search?q=warm"+uitoa(uint64(i)), "", "")
	}
	before := heapAfterGC()
	for i := range cacheRequests {
		mustStatus(t, do(r, http.MethodGet, "/api/search?q=shoes"+uitoa(uint64(i)), "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, cacheRequests)
	t.Logf("unbounded-cache fixed: post-GC heap grew %d bytes over %d distinct queries after warm-up = %.0f B/request", grown, cacheRequests, got)
	if got > 256 {
		t.Fatalf("expected at most 256 B/request retained but was %.0f B/request", got)
	}
}

const summaryRequests = 1000

func TestPoolMisuseLeakyPinsAScratchBufferPerEntry(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "pool-misuse")
	before := heapAfterGC()
	for i := 1; i <= summaryRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i))+"/summary", "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, summaryRequests)
	t.Logf("pool-misuse leaky: post-GC heap grew %d bytes over %d items = %.0f B/request", grown, summaryRequests, got)
	if got < summaryScratchSize*9/10 {
		t.Fatalf("expected at least %d B/request retained but was %.0f B/request", summaryScratchSize*9/10, got)
	}
}

// TestPoolMisuseFixedCachesOnlyTheSummary allows the ~1 KiB copy per cache
// entry the fix keeps, against the 64 KiB the leak pins.
func TestPoolMisuseFixedCachesOnlyTheSummary(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	before := heapAfterGC()
	for i := 1; i <= summaryRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i))+"/summary", "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, summaryRequests)
	t.Logf("pool-misuse fixed: post-GC heap grew %d bytes over %d items = %.0f B/request (the cached copy)", grown, summaryRequests, got)
	if got > 2<<10 {
		t.Fatalf("expected at most 2048 B/request retained but was %.0f B/request", got)
	}
}

// TestPoolMisuseFixedPlateausAtItsCapacity fills the fixed cache, then asks
// for as many new ids again: a full cache only replaces entries. The default
// run's binding warm-up (1500 journeys, one new id each) fills it, so the
// judged phase sees the plateau.
func TestPoolMisuseFixedPlateausAtItsCapacity(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	for i := 1; i <= fixedSummaryCacheCapacity; i++ {
		do(r, http.MethodGet, "/api/items/"+uitoa(uint64(i))+"/summary", "", "")
	}
	before := heapAfterGC()
	for i := 1; i <= summaryRequests; i++ {
		id := uint64(fixedSummaryCacheCapacity + i)
		mustStatus(t, do(r, http.MethodGet, "/api/items/"+uitoa(id)+"/summary", "", ""), http.StatusOK)
	}
	grown := heapAfterGC() - before
	runtime.KeepAlive(r) // the router owns the cache; keep it live past the measurement
	got := perRequest(grown, summaryRequests)
	t.Logf("pool-misuse fixed: post-GC heap grew %d bytes over %d new items once the cache held %d = %.1f B/request", grown, summaryRequests, fixedSummaryCacheCapacity, got)
	if got > trapMaxPerRequest {
		t.Fatalf("expected at most %d B/request once the cache is full but was %.1f B/request", trapMaxPerRequest, got)
	}
}
