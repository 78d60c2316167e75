package main

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern time-after-loop: time.After inside a for/select loop.
//
// Since Go 1.23 (and this module says go 1.26, so asynctimerchan=0) an
// unreferenced time.After timer is garbage collected before it fires, so
// the old symptom, timers piling up until they fire, is gone; the test
// TestTimeAfterInAHotLoopNoLongerPilesUpTimers measures that. What still
// ships and still leaks is the other half of the bug: a deadline written
// as `case <-time.After(ttl)` inside the loop is re-armed on every
// iteration, so when the loop wakes more often than ttl the deadline never
// fires and the goroutine runs forever.

const watchRefreshEvery = 250 * time.Millisecond

type watchQuery struct {
	// TTLms must exceed watchRefreshEvery, or the leaky deadline would
	// still win the first race and hide the bug.
	TTLms int `form:"ttl_ms" binding:"min=500,max=60000"`
}

func addWatchRoutes(rg *gin.RouterGroup, l *lab) {
	rg.POST("/items/:id/watch", func(c *gin.Context) {
		var uri itemURI
		if err := c.ShouldBindUri(&uri); err != nil {
			abortBindError(c, err)
			return
		}
		q := watchQuery{TTLms: 1000}
		if err := c.ShouldBindQuery(&q); err != nil {
			abortBindError(c, err)
			return
		}
		ttl := time.Duration(q.TTLms) * time.Millisecond
		if l.cfg.leaks.on("time-after-loop") && goroutineBudget.take(1, "time-after-loop") {
			go leakyWatchLoop(uri.ID, ttl)
		} else {
			go fixedWatchLoop(l.ctx, uri.ID, ttl)
		}
		c.JSON(http.StatusAccepted, gin.H{"watching": uri.ID, "ttlMs": q.TTLms})
	})
}

// BUG: leakyWatchLoop re-creates its ttl deadline on every iteration; the
// refresh case always wins first, so the loop never ends.
func leakyWatchLoop(id uint64, ttl time.Duration) {
	for {
		select {
		case <-time.After(watchRefreshEvery):
			refreshPrice(id)
		case <-time.After(ttl):
			goroutineBudget.give(1)
			return
		}
	}
}

// FIX: fixedWatchLoop arms its deadline once, refreshes on one ticker, and
// stops both; it also ends when the lab shuts down.
func fixedWatchLoop(ctx context.Context, id uint64, ttl time.Duration) {
	deadline := time.NewTimer(ttl)
	defer deadline.Stop()
	refresh := time.NewTicker(watchRefreshEvery)
	defer refresh.Stop()
	for {
		select {
		case <-refresh.C:
			refreshPrice(id)
		case <-deadline.C:
			return
		case <-ctx.Done():
			return
		}
	}
}

// refreshPrice stands for re-reading the item from its source of truth.
func refreshPrice(id uint64) { _ = lookupItem(id) }
