package main

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern channel-backlog: a buffered channel in front of a consumer slower
// than the producers; under load the backlog, and its payloads, pile up.

const (
	// eventEnvelopeSize is what one queued event holds on the heap.
	eventEnvelopeSize = 4 << 10
	// eventWriteTime is the cost of one write to the event sink; one at a
	// time that is 20 events/s, far below what a load test sends.
	eventWriteTime = 50 * time.Millisecond
	// leakyEventQueueCap is "big enough to never block": 100k events,
	// ~400 MiB of envelopes, which is also what bounds this leak.
	leakyEventQueueCap = 100_000
	// The fix: a small queue, drained in batches of up to eventBatchSize
	// per write, so the consumer keeps up (~5000 events/s).
	fixedEventQueueCap = 1024
	eventBatchSize     = 256
)

type eventRequest struct {
	Type    string `json:"type" binding:"required,max=64"`
	Payload string `json:"payload" binding:"max=3072"`
}

// eventQueue is the channel both variants share; they differ in its size
// and in how the consumer drains it.
type eventQueue struct {
	events chan []byte
}

func addEventRoutes(rg *gin.RouterGroup, l *lab) {
	if l.cfg.leaks.on("channel-backlog") {
		q := &eventQueue{events: make(chan []byte, leakyEventQueueCap)}
		l.events = q
		l.background(q.leakySlowConsumer)
		rg.POST("/events", requireContentType("application/json"), q.leakyEnqueueEvent)
		return
	}
	q := &eventQueue{events: make(chan []byte, fixedEventQueueCap)}
	l.events = q
	l.background(q.fixedBatchConsumer)
	rg.POST("/events", requireContentType("application/json"), q.fixedEnqueueEvent)
}

// BUG: leakyEnqueueEvent queues every event into a channel sized to "never
// block", so the backlog grows with load at ~4 KiB an event.
func (q *eventQueue) leakyEnqueueEvent(c *gin.Context) {
	var req eventRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		abortBindError(c, err)
		return
	}
	envelope := make([]byte, 0, eventEnvelopeSize)
	envelope = appendEnvelope(envelope, req)
	if !retainedBytesBudget.take(eventEnvelopeSize, "channel-backlog") {
		c.JSON(http.StatusAccepted, gin.H{"queued": false})
		return
	}
	select {
	case q.events <- envelope:
		c.JSON(http.StatusAccepted, gin.H{"queued": true, "backlog": len(q.events)})
	default:
		retainedBytesBudget.give(eventEnvelopeSize)
		c.JSON(http.StatusAccepted, gin.H{"queued": false})
	}
}

// BUG: leakySlowConsumer writes one event per sink write, 20 events/s.
func (q *eventQueue) leakySlowConsumer(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-q.events:
			writeToSink(ctx, [][]byte{ev})
			retainedBytesBudget.give(eventEnvelopeSize)
		}
	}
}

// FIX: fixedEnqueueEvent uses a bounded queue and sheds load with 503 and
// Retry-After when it is full, instead of buffering without limit.
func (q *eventQueue) fixedEnqueueEvent(c *gin.Context) {
	var req eventRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		abortBindError(c, err)
		return
	}
	envelope := make([]byte, 0, eventEnvelopeSize)
	envelope = appendEnvelope(envelope, req)
	select {
	case q.events <- envelope:
		c.JSON(http.StatusAccepted, gin.H{"queued": true, "backlog": len(q.events)})
	default:
		c.Header("Retry-After", "1")
		abortJSON(c, http.StatusServiceUnavailable, "event queue full")
	}
}

// FIX: fixedBatchConsumer drains whatever is queued, up to eventBatchSize,
// into one sink write, so it keeps up with the producers.
func (q *eventQueue) fixedBatchConsumer(ctx context.Context) {
	batch := make([][]byte, 0, eventBatchSize)
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-q.events:
			batch = append(batch[:0], ev)
		drain:
			for len(batch) < eventBatchSize {
				select {
				case ev := <-q.events:
					batch = append(batch, ev)
				default:
					break drain
				}
			}
			writeToSink(ctx, batch)
			clear(batch)
		}
	}
}

// writeToSink stands for the event store: a write costs eventWriteTime
// whatever the batch size.
func writeToSink(ctx context.Context, batch [][]byte) {
	t := time.NewTimer(eventWriteTime)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

func appendEnvelope(dst []byte, req eventRequest) []byte {
	dst = append(dst, req.Type...)
	dst = append(dst, '\n')
	dst = append(dst, req.Payload...)
	return dst[:cap(dst)]
}
