package main

import (
	"log"
	"sync"
	"sync/atomic"
)

// Leak caps keep a long nightly run from taking the machine down: once a
// resource's cap is reached, leaky handlers behave like their fix and the
// lab logs it once. The caps are far above what one test phase leaks.
const (
	capRetainedBytes = 512 << 20
	capGoroutines    = 100_000
	capOpenFDs       = 8_000
	capTempFiles     = 50_000
	capTempBytes     = 1 << 30
)

// leakBudget counts what leaky handlers hold on to, process-wide, because
// the leaks themselves are process-wide.
type leakBudget struct {
	name  string
	limit int64
	used  atomic.Int64
	once  sync.Once
}

var (
	retainedBytesBudget = &leakBudget{name: "retained heap bytes", limit: capRetainedBytes}
	goroutineBudget     = &leakBudget{name: "leaked goroutines", limit: capGoroutines}
	fdBudget            = &leakBudget{name: "leaked file descriptors", limit: capOpenFDs}
	tempFileBudget      = &leakBudget{name: "kept temp files", limit: capTempFiles}
	tempBytesBudget     = &leakBudget{name: "kept temp file bytes", limit: capTempBytes}
)

// take reserves n units for pattern and reports whether the leak may go on.
func (b *leakBudget) take(n int64, pattern string) bool {
	if b.used.Add(n) <= b.limit {
		return true
	}
	b.used.Add(-n)
	b.once.Do(func() {
		log.Printf("gin-lab: cap of %d %s reached (pattern %s); leaky handlers now behave like their fix", b.limit, b.name, pattern)
	})
	return false
}

// give returns units when a leaked resource is released after all (a
// backlog drained, a goroutine that finally ended).
func (b *leakBudget) give(n int64) { b.used.Add(-n) }
