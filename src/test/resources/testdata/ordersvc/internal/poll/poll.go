// Package poll serves GET /changes, a long poll: it answers 200 with the
// next order that changes, or 204 when none changes within timeout_ms.
package poll

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"example.com/ordersvc/internal/orders"
	"github.com/gin-gonic/gin"
)

// Hub hands every order change to the polls waiting at that moment.
type Hub struct {
	mu      sync.Mutex
	waiting map[chan orders.Order]struct{}
	leaky   bool

	// The poll journal: each poll's cursor (what it last saw), by poll
	// number, cursorBytes long, for the "what did this client miss" support
	// view. journalLeaky plants poll-journal.
	journalLeaky bool
	cursorBytes  int
	polls        atomic.Uint64
	journalMu    sync.Mutex
	journal      map[uint64]string
}

// NewHub serves the long poll; leaky plants poll-waiter, journalLeaky
// poll-journal (cursorBytes kept per poll).
func NewHub(leaky, journalLeaky bool, cursorBytes int) *Hub {
	return &Hub{waiting: map[chan orders.Order]struct{}{}, leaky: leaky, journalLeaky: journalLeaky,
		cursorBytes: cursorBytes, journal: map[uint64]string{}}
}

// Journaled is the number of polls the journal holds.
func (h *Hub) Journaled() int {
	h.journalMu.Lock()
	defer h.journalMu.Unlock()
	return len(h.journal)
}

// BUG: journalLeaky records the poll and forgets to remove the record when
// the poll answers: every poll keeps its cursor and a map slot for good.
func (h *Hub) journalLeakyPoll(c *gin.Context) func() {
	n := h.polls.Add(1)
	cursor := h.cursor(c, n)
	h.journalMu.Lock()
	h.journal[n] = cursor
	h.journalMu.Unlock()
	return func() {}
}

// FIX: journalPoll removes the record when the poll answers: the journal
// holds the polls waiting, so its size follows concurrency, not traffic.
func (h *Hub) journalPoll(c *gin.Context) func() {
	n := h.polls.Add(1)
	cursor := h.cursor(c, n)
	h.journalMu.Lock()
	h.journal[n] = cursor
	h.journalMu.Unlock()
	return func() {
		h.journalMu.Lock()
		delete(h.journal, n)
		h.journalMu.Unlock()
	}
}

// cursor is the client's address and the poll number, padded or cut to
// cursorBytes, in one allocation.
func (h *Hub) cursor(c *gin.Context, n uint64) string {
	s := c.ClientIP() + "#" + strconv.FormatUint(n, 10)
	if len(s) >= h.cursorBytes {
		return strings.Clone(s[:h.cursorBytes])
	}
	return s + strings.Repeat("-", h.cursorBytes-len(s))
}

// Publish tells every waiting poll; it never blocks (each has room for one).
func (h *Hub) Publish(o orders.Order) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.waiting {
		select {
		case ch <- o:
		default:
		}
		delete(h.waiting, ch)
	}
}

// Waiting is the number of polls registered.
func (h *Hub) Waiting() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.waiting)
}

func (h *Hub) subscribe() chan orders.Order {
	ch := make(chan orders.Order, 1)
	h.mu.Lock()
	h.waiting[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *Hub) unsubscribe(ch chan orders.Order) {
	h.mu.Lock()
	delete(h.waiting, ch)
	h.mu.Unlock()
}

// Register adds GET /changes to rg.
func (h *Hub) Register(rg *gin.RouterGroup) {
	rg.GET("/changes", h.changes)
}

type query struct {
	TimeoutMs int `form:"timeout_ms" binding:"min=1,max=60000"`
}

func (h *Hub) changes(c *gin.Context) {
	q := query{TimeoutMs: 25000}
	if err := c.ShouldBindQuery(&q); err != nil {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, gin.H{"code": "invalid_query", "message": err.Error()})
		return
	}
	if h.journalLeaky {
		defer h.journalLeakyPoll(c)()
	} else {
		defer h.journalPoll(c)()
	}
	if h.leaky {
		h.leakyWait(c, time.Duration(q.TimeoutMs)*time.Millisecond)
	} else {
		h.wait(c, time.Duration(q.TimeoutMs)*time.Millisecond)
	}
}

// BUG: leakyWait relays the hub's answer through a goroutine that only the
// next order change can release, and never unsubscribes: every poll that
// times out leaves the relay parked and its channel in the hub.
func (h *Hub) leakyWait(c *gin.Context, timeout time.Duration) {
	ch := h.subscribe()
	relayed := make(chan orders.Order)
	go func() { relayed <- <-ch }()
	select {
	case o := <-relayed:
		c.JSON(http.StatusOK, o)
	case <-time.After(timeout):
		c.Status(http.StatusNoContent)
	case <-c.Request.Context().Done():
	}
}

// FIX: wait selects on the hub's channel itself and unsubscribes however it ends.
func (h *Hub) wait(c *gin.Context, timeout time.Duration) {
	ch := h.subscribe()
	defer h.unsubscribe(ch)
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case o := <-ch:
		c.JSON(http.StatusOK, o)
	case <-timer.C:
		c.Status(http.StatusNoContent)
	case <-c.Request.Context().Done():
	}
}
