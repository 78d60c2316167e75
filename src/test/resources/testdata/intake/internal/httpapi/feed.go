package httpapi

import (
	"net/http"
	"sync/atomic"

	"example.org/intake/internal/events"
	"github.com/gin-gonic/gin"
)

// Feed streams the hub's events to each client until it leaves.
type Feed struct {
	hub   *events.Hub
	leaky bool
	// open counts the handlers still running, so tests can wait for them.
	open atomic.Int64
}

// Serve is the live event feed: it never ends by itself.
//
//	@Summary	Follow uploads as they happen
//	@Tags		events
//	@Produce	event-stream
//	@Success	200	{string}	string	"event: ready first, then a document event per upload and a heartbeat every second"
//	@Router		/events [get]
func (f *Feed) Serve(c *gin.Context) {
	f.open.Add(1)
	defer f.open.Add(-1)
	streamHeaders(c)
	sub := f.hub.Subscribe()
	var received <-chan events.Event = sub.C
	if f.leaky {
		received = leakyRelay(sub)
	} else {
		defer sub.Close()
	}
	c.SSEvent("ready", gin.H{"subscribers": f.hub.Subscribers()})
	c.Writer.Flush()
	for {
		select {
		case <-c.Request.Context().Done():
			return
		case e := <-received:
			c.SSEvent(e.Name, e.Data)
			c.Writer.Flush()
		}
	}
}

// Open is the number of feed handlers still running.
func (f *Feed) Open() int64 {
	return f.open.Load()
}

// BUG (-leaks feed-subscribers): the subscription is relayed through a goroutine of its own and never
// closed. When the client leaves, the handler returns, the hub keeps the subscription, and the relay blocks
// for good on its next send to out, which nothing receives from any more: one goroutine per client.
func leakyRelay(sub *events.Subscription) <-chan events.Event {
	out := make(chan events.Event)
	go func() {
		for e := range sub.C {
			out <- e
		}
	}()
	return out
}

// FIX (the default): the handler reads sub.C itself and closes the subscription when the request's
// context ends (the client left, or the server shuts down).

func streamHeaders(c *gin.Context) {
	c.Header("Content-Type", "text/event-stream")
	c.Header("Cache-Control", "no-cache")
	c.Header("X-Accel-Buffering", "no")
	c.Status(http.StatusOK)
}
