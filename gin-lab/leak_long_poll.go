package main

import (
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern long-poll: a long-poll handler whose waiter goroutine, timer and
// subscription outlive the request when it times out or the client gives
// up.

// pollSubscriptionTTL is the leaky waiter's own deadline, far longer than
// any poll: the handler's timeout and the waiter's disagree.
const pollSubscriptionTTL = 10 * time.Minute

type pollQuery struct {
	TimeoutMs int `form:"timeout_ms" binding:"min=1,max=60000"`
}

type pollEvent struct {
	Message string `json:"message"`
	At      string `json:"at"`
}

type publishRequest struct {
	Message string `json:"message" binding:"required,max=1024"`
}

// pollBroker fans published events out to the current subscribers.
type pollBroker struct {
	mu   sync.Mutex
	subs map[chan pollEvent]struct{}
}

func newPollBroker() *pollBroker { return &pollBroker{subs: map[chan pollEvent]struct{}{}} }

func (b *pollBroker) subscribe() chan pollEvent {
	ch := make(chan pollEvent, 1)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	return ch
}

func (b *pollBroker) unsubscribe(ch chan pollEvent) {
	b.mu.Lock()
	delete(b.subs, ch)
	b.mu.Unlock()
}

func (b *pollBroker) subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// publish never blocks: a subscriber that already has an event pending
// keeps that one.
func (b *pollBroker) publish(ev pollEvent) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- ev:
		default:
		}
	}
	return len(b.subs)
}

func addPollRoutes(rg *gin.RouterGroup, l *lab) {
	broker := newPollBroker()
	l.poll = broker
	if l.cfg.leaks.on("long-poll") {
		rg.GET("/poll", broker.leakyPollHandler)
	} else {
		rg.GET("/poll", broker.fixedPollHandler)
	}
	rg.POST("/poll/publish", requireContentType("application/json"), func(c *gin.Context) {
		var req publishRequest
		if err := c.ShouldBindJSON(&req); err != nil {
			abortBindError(c, err)
			return
		}
		n := broker.publish(pollEvent{Message: req.Message, At: time.Now().UTC().Format(time.RFC3339Nano)})
		c.JSON(http.StatusAccepted, gin.H{"subscribers": n})
	})
}

func bindPoll(c *gin.Context) (time.Duration, bool) {
	q := pollQuery{TimeoutMs: 1000}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return 0, false
	}
	return time.Duration(q.TimeoutMs) * time.Millisecond, true
}

// BUG: leakyPollHandler delegates the wait to a goroutine with its own,
// longer deadline and an unbuffered result channel, and never unsubscribes.
// When the poll times out (204) or the client gives up, the waiter stays.
func (b *pollBroker) leakyPollHandler(c *gin.Context) {
	timeout, ok := bindPoll(c)
	if !ok {
		return
	}
	if !goroutineBudget.take(1, "long-poll") {
		b.fixedPollHandler(c)
		return
	}
	result := make(chan pollEvent)
	go leakyPollWaiter(b.subscribe(), result)
	wait := time.NewTimer(timeout)
	defer wait.Stop()
	select {
	case ev := <-result:
		c.JSON(http.StatusOK, ev)
	case <-wait.C:
		c.Status(http.StatusNoContent)
	case <-c.Request.Context().Done():
	}
}

// BUG: leakyPollWaiter waits up to pollSubscriptionTTL on its subscription
// and then blocks forever handing the result to a handler long gone; its
// timer is never stopped and the subscription is never removed.
func leakyPollWaiter(sub <-chan pollEvent, result chan<- pollEvent) {
	ttl := time.NewTimer(pollSubscriptionTTL)
	var ev pollEvent
	select {
	case ev = <-sub:
	case <-ttl.C:
	}
	result <- ev
}

// FIX: fixedPollHandler waits in the handler itself, on one timer it
// stops, and unsubscribes on every path.
func (b *pollBroker) fixedPollHandler(c *gin.Context) {
	timeout, ok := bindPoll(c)
	if !ok {
		return
	}
	sub := b.subscribe()
	defer b.unsubscribe(sub)
	wait := time.NewTimer(timeout)
	defer wait.Stop()
	select {
	case ev := <-sub:
		c.JSON(http.StatusOK, ev)
	case <-wait.C:
		c.Status(http.StatusNoContent)
	case <-c.Request.Context().Done():
	}
}
