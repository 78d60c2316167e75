package main

import (
	"net/http"
	"sync"
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

// TRAP goroutine-peak: GET /api/fanout?n=500 fans one request out to n
// goroutines that all exist at once (a barrier), then end before the
// handler answers.
//
// Why it looks like a leak: the first peak raises the post-GC heap by about
// 500 B per goroutine (n = 500: ~250 KiB) and it never comes back. The Go
// runtime keeps every g it ever made (allgs never shrinks; dead gs wait on
// free lists for reuse), and g records live on the heap.
//
// Why it is not: it is a high-water mark, not a rate. Later peaks of the
// same size reuse the dead gs, so the heap steps once and then stays all but
// flat; the goroutine count is back to its baseline as soon as the handler
// returns. One fan-out runs at a time (fanOutMu), so the peak is n however
// many clients call at once: with overlapping fan-outs the mark would be
// k × n, and a busier phase than its warm-up would step again.
//
// "All but": the mark still creeps a little. Up to 63 dead gs per P sit on
// that P's own free list, out of reach of a fan-out running on another P,
// and while a GC frees the stacks of the dead gs on the global free list
// (markrootFreeGStacks) none of those can be reused either, so a fan-out
// that overlaps that moment allocates new gs. Measured numbers are in
// docs/leak-catalogue.md; the creep is why the default n is 500, not more.

const (
	defaultFanOut = 500
	maxFanOut     = 10000
)

// fanOutMu serialises fan-outs; see the header.
var fanOutMu sync.Mutex

type fanOutQuery struct {
	N int `form:"n" binding:"min=1,max=10000"`
}

// Not inlined, so goroutine dumps name it. The g records themselves carry
// no frame of the lab in a heap profile: the runtime allocates them on the
// system stack, so the step shows as runtime.malg under runtime.newproc1
// and nothing above it.
//
//go:noinline
func trapGoroutinePeak(c *gin.Context) {
	q := fanOutQuery{N: defaultFanOut}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return
	}
	fanOutMu.Lock()
	defer fanOutMu.Unlock()
	var started, done sync.WaitGroup
	var sum atomic.Int64
	release := make(chan struct{})
	started.Add(q.N)
	done.Add(q.N)
	for i := range q.N {
		go func() {
			defer done.Done()
			started.Done()
			<-release
			sum.Add(int64(i))
		}()
	}
	started.Wait() // all n alive at once: the peak
	close(release)
	done.Wait() // all n gone before the answer
	c.JSON(http.StatusOK, gin.H{"goroutines": q.N, "sum": sum.Load()})
}
