package main

import (
	"context"
	"io"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern sse-producer: the producer goroutine behind a Server-Sent Events
// stream keeps running after the stream ends.

type streamQuery struct {
	Count      int `form:"count" binding:"min=1,max=1000"`
	IntervalMs int `form:"interval_ms" binding:"min=10,max=10000"`
}

type tick struct {
	Seq     int    `json:"seq"`
	At      string `json:"at"`
	Payload string `json:"payload"`
}

// tickPayload gives each event some weight (~1 KiB on the wire).
var tickPayload = strings.Repeat("p", 1<<10)

func addStreamRoutes(rg *gin.RouterGroup, l *lab) {
	handler := fixedSSEHandler
	if l.cfg.leaks.on("sse-producer") {
		handler = leakySSEHandler
	}
	rg.GET("/stream/events", handler)
}

func bindStream(c *gin.Context) (streamQuery, bool) {
	q := streamQuery{Count: 5, IntervalMs: 100}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return q, false
	}
	return q, true
}

// streamTicks relays count events from the producer; it stops early when
// the client goes away (c.Stream watches for that too).
func streamTicks(c *gin.Context, ticks <-chan tick, count int) {
	sent := 0
	c.Stream(func(_ io.Writer) bool {
		select {
		case t := <-ticks:
			c.SSEvent("tick", t)
			sent++
			return sent < count
		case <-c.Request.Context().Done():
			return false
		}
	})
}

// BUG: leakySSEHandler starts a producer that nothing can stop.
func leakySSEHandler(c *gin.Context) {
	q, ok := bindStream(c)
	if !ok {
		return
	}
	if !goroutineBudget.take(1, "sse-producer") {
		fixedSSEHandler(c)
		return
	}
	ticks := make(chan tick)
	go leakySSEProducer(ticks, time.Duration(q.IntervalMs)*time.Millisecond)
	streamTicks(c, ticks, q.Count)
}

// BUG: leakySSEProducer has no way to learn that the stream ended: after
// the last event (or a client that vanished) its next send blocks forever.
func leakySSEProducer(ticks chan<- tick, interval time.Duration) {
	for seq := 1; ; seq++ {
		time.Sleep(interval)
		ticks <- newTick(seq)
	}
}

// FIX: fixedSSEHandler ties the producer to a context it cancels when the
// stream ends, for whatever reason.
func fixedSSEHandler(c *gin.Context) {
	q, ok := bindStream(c)
	if !ok {
		return
	}
	ctx, cancel := context.WithCancel(c.Request.Context())
	defer cancel()
	ticks := make(chan tick)
	go fixedSSEProducer(ctx, ticks, time.Duration(q.IntervalMs)*time.Millisecond)
	streamTicks(c, ticks, q.Count)
}

// FIX: fixedSSEProducer selects on ctx.Done() for both the wait and the
// send, and stops its ticker.
func fixedSSEProducer(ctx context.Context, ticks chan<- tick, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for seq := 1; ; seq++ {
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
		select {
		case ticks <- newTick(seq):
		case <-ctx.Done():
			return
		}
	}
}

func newTick(seq int) tick {
	return tick{Seq: seq, At: time.Now().UTC().Format(time.RFC3339Nano), Payload: tickPayload[:512+seq%512]}
}
