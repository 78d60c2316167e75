package main

import (
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

// The planted goroutine leak: -leak-goroutines-every N makes 1 of every N
// requests on the routes of -leak-routes start a goroutine that waits on a
// channel nothing can ever send on or close. The sensitivity benchmark's
// knob for goroutine leaks in any family (blocked-goroutine's
// -notify-leak-every does it for POST /api/notify only); the runtime's
// goroutineleak profile proves each one leaked.

// plantedGoroutines counts the requests the planted goroutine leak saw.
var plantedGoroutines atomic.Int64

func plantedGoroutinesMiddleware(every int, routes map[string]bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		if (routes == nil || routes[c.Request.Method+" "+c.FullPath()]) &&
			plantedGoroutines.Add(1)%int64(every) == 0 && goroutineBudget.take(1, "leak-goroutines-every") {
			go leakyPlantedGoroutine(make(chan struct{}))
		}
		c.Next()
	}
}

// leakyPlantedGoroutine waits on a channel only it holds: it can never
// resume.
//
//go:noinline
func leakyPlantedGoroutine(never chan struct{}) {
	<-never
}
