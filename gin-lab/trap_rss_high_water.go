package main

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

// TRAP rss-high-water: GET /api/index/:key looks a key up in an index that
// the first request builds, once per process: it loads 1 Mi records of 64 B
// (64 MiB, all live at once), keeps 1 in 128 of them as the index and drops
// the rest.
//
// Why it looks like a leak: RSS jumps by ~64 MiB on the first request and
// never comes back. The survivors are spread one per 8 KiB page of records,
// so no page is free and the runtime can return none of them to the
// operating system: the heap in use (HeapInuse) stays at 64 MiB while the
// live heap is 0.5 MiB. (A big allocation that is simply freed would not
// do: since Go 1.19 the scavenger returns it within seconds of the next GC.)
//
// Why it is not: it happens once, it is bounded, and the post-GC heap steps
// by the index alone (8192 records, ~0.6 MiB) and stays flat; the free
// slots in those pages are reused by later 64 B allocations.

const (
	indexRecords   = 1 << 20 // x 64 B = 64 MiB
	indexKeepEvery = 128     // 8 KiB page / 64 B: one survivor per page
)

type indexRecord struct {
	key, value uint64
	_          [6]uint64 // 64 B in all
}

// lookupIndex is owned by the router; built on first use.
type lookupIndex struct {
	once sync.Once
	kept []*indexRecord
}

type indexKeyURI struct {
	Key string `uri:"key" binding:"required,alphanum,max=64"`
}

// Not inlined, so its handler shows as main.(*lookupIndex).trapIndexLookup.
//
//go:noinline
func (ix *lookupIndex) trapIndexLookup(c *gin.Context) {
	var uri indexKeyURI
	if err := c.ShouldBindUri(&uri); err != nil {
		abortBindError(c, err)
		return
	}
	ix.once.Do(ix.build)
	rec := ix.kept[fnv64(uri.Key)%uint64(len(ix.kept))]
	c.JSON(http.StatusOK, gin.H{"key": uri.Key, "nearest": rec.key, "value": rec.value})
}

// build loads every record (all live at once, as a real load-then-select
// would hold them), then keeps one record per page.
//
//go:noinline
func (ix *lookupIndex) build() {
	all := make([]*indexRecord, indexRecords)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range all {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		all[i] = &indexRecord{key: x, value: uint64(i)}
	}
	kept := make([]*indexRecord, 0, indexRecords/indexKeepEvery)
	for i := 0; i < len(all); i += indexKeepEvery {
		kept = append(kept, all[i])
	}
	ix.kept = kept
}

func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}
