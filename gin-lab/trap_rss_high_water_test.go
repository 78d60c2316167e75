package main

import (
	"net/http"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// TestTrapRSSHighWaterHeapStepsOnceAndPagesStay: the one-off build leaves the
// post-GC heap up by the index alone, while its pages stay in use (HeapInuse,
// hence RSS) because every page keeps one survivor; lookups after it are flat.
func TestTrapRSSHighWaterHeapStepsOnceAndPagesStay(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t)
	// What earlier tests left ending frees heap; measured mid-free, the step
	// came out short of the kept records once when the machine was busy.
	goroutinesSettled(2 * time.Second)
	var ms runtime.MemStats
	before := heapAfterGC()
	runtime.ReadMemStats(&ms)
	inuseBefore := int64(ms.HeapInuse)
	mustStatus(t, do(r, http.MethodGet, "/api/index/first", "", ""), http.StatusOK)
	step := heapAfterGC() - before
	runtime.ReadMemStats(&ms)
	inuseStep := int64(ms.HeapInuse) - inuseBefore
	runtime.KeepAlive(r)
	t.Logf("trap rss-high-water: first lookup (1 Mi records of 64 B) left %d bytes of post-GC heap and %d bytes more HeapInuse", step, inuseStep)
	if kept := int64(indexRecords / indexKeepEvery * 64); step < kept || step > 2*kept+(64<<10) {
		t.Errorf("expected the post-GC heap to step by the kept records (~%d bytes) but it stepped %d", kept, step)
	}
	if inuseStep < 32<<20 {
		t.Errorf("expected the records' pages to stay in use (HeapInuse +64 MiB) but it grew %d bytes", inuseStep)
	}
	get := func(i int) {
		mustStatus(t, do(r, http.MethodGet, "/api/index/k"+strconv.Itoa(i), "", ""), http.StatusOK)
	}
	flatAfterWarmUp(t, "rss-high-water (lookups)", r, get, get, trapMaxPerRequest)
}
