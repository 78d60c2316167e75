// Package feeds serves two Server-Sent Events streams with different event
// names: "order-update" (JSON, from a producer goroutine) and "heartbeat"
// (plain text, written by the handler itself).
package feeds

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Query bounds a stream: count events, one every interval_ms.
type Query struct {
	Count      int `form:"count" binding:"min=1,max=100000"`
	IntervalMs int `form:"interval_ms" binding:"min=1,max=60000"`
}

// Update is the data of an "order-update" event.
type Update struct {
	Seq     int    `json:"seq"`
	OrderID int64  `json:"order_id"`
	Status  string `json:"status"`
}

// Feeds serves /feeds/orders and /feeds/heartbeat.
type Feeds struct {
	leakyProducer bool
}

// New serves the feeds; leakyProducer plants feed-producer.
func New(leakyProducer bool) *Feeds { return &Feeds{leakyProducer: leakyProducer} }

// Register adds the feed routes to rg.
func (f *Feeds) Register(rg *gin.RouterGroup) {
	rg.GET("/feeds/orders", f.orders)
	rg.GET("/feeds/heartbeat", heartbeat)
}

func bind(c *gin.Context) (Query, bool) {
	q := Query{Count: 10, IntervalMs: 100}
	if err := c.ShouldBindQuery(&q); err != nil {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, gin.H{"code": "invalid_query", "message": err.Error()})
		return q, false
	}
	return q, true
}

func (f *Feeds) orders(c *gin.Context) {
	q, ok := bind(c)
	if !ok {
		return
	}
	updates := make(chan Update) // unbuffered: the producer waits for the client
	if f.leakyProducer {
		go leakyProduce(updates, q)
	} else {
		go produce(c.Request.Context(), updates, q)
	}
	sent := 0
	c.Stream(func(io.Writer) bool {
		select {
		case u, open := <-updates:
			if !open {
				return false
			}
			c.SSEvent("order-update", u)
			sent++
			return sent < q.Count
		case <-c.Request.Context().Done():
			return false
		}
	})
}

// BUG: leakyProduce has no way to learn that the client left: a client that
// drops before the last event leaves it blocked on the send forever.
func leakyProduce(out chan<- Update, q Query) {
	for i := 1; i <= q.Count; i++ {
		time.Sleep(time.Duration(q.IntervalMs) * time.Millisecond)
		out <- update(i)
	}
	close(out)
}

// FIX: produce stops with the request's context.
func produce(ctx context.Context, out chan<- Update, q Query) {
	defer close(out)
	tick := time.NewTicker(time.Duration(q.IntervalMs) * time.Millisecond)
	defer tick.Stop()
	for i := 1; i <= q.Count; i++ {
		select {
		case <-tick.C:
		case <-ctx.Done():
			return
		}
		select {
		case out <- update(i):
		case <-ctx.Done():
			return
		}
	}
}

func update(seq int) Update {
	statuses := []string{"placed", "paid", "shipped"}
	return Update{Seq: seq, OrderID: int64(1000 + seq), Status: statuses[seq%len(statuses)]}
}

// heartbeat writes "beat N" events from the handler's own loop: nothing to
// leak, the healthy look-alike of orders.
func heartbeat(c *gin.Context) {
	q, ok := bind(c)
	if !ok {
		return
	}
	tick := time.NewTicker(time.Duration(q.IntervalMs) * time.Millisecond)
	defer tick.Stop()
	sent := 0
	c.Stream(func(io.Writer) bool {
		select {
		case <-tick.C:
			sent++
			c.SSEvent("heartbeat", fmt.Sprintf("beat %d", sent))
			return sent < q.Count
		case <-c.Request.Context().Done():
			return false
		}
	})
}
