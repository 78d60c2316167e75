package main

import (
	"time"

	"github.com/gin-gonic/gin"
)

// TRAP close-linger (-close-linger, off by default): when a WebSocket client
// leaves, the handler holds its goroutine and connection for the linger
// before it returns, as a library does that waits for the peer's close
// frame (coder/websocket's Close waits up to 5 s; some wait 15 s).
//
// Why it looks like a leak: right after many clients leave together (the
// held phase), the goroutine and descriptor counts and the heap are up by
// every connection still lingering, and the counts are steady, so a probe
// that waits for them to settle reads them as growth.
//
// Why it is not: every handler returns by itself -close-linger after its
// client left, so a second look after that reads the counts back where the
// phase began.

const lingerKey = "gin-lab.close-linger"

// lingerMiddleware puts the configured linger where the WebSocket handler
// finds it, so the handler keeps its plain gin signature.
func lingerMiddleware(linger time.Duration) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Set(lingerKey, linger)
		c.Next()
	}
}

func lingerOf(c *gin.Context) time.Duration {
	if v, ok := c.Get(lingerKey); ok {
		return v.(time.Duration)
	}
	return 0
}

// lingerAfterClose waits for the linger. A hijacked connection's request
// context ends with nothing, so the wait is a timer of its own (at most 1m).
func lingerAfterClose(linger time.Duration) {
	if linger <= 0 {
		return
	}
	t := time.NewTimer(linger)
	defer t.Stop()
	<-t.C
}
