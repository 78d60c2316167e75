package session

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// Activity is what the service knows about a request while it runs.
// Handlers deeper down (and the expvar page) look it up by request ID.
type Activity struct {
	Route   string // the route pattern, e.g. /v1/carts/:cart/items
	Started int64  // unix nanoseconds
	// Client is a fingerprint of the caller (user agent and address),
	// PayloadBytes long: the part of a record -session-bytes sizes.
	Client string
}

// Tracker is the in-flight activity table. It is shared by every request,
// which is exactly why forgetting to remove an entry leaks.
type Tracker struct {
	payloadBytes int
	leakEvery    uint64
	finished     atomic.Uint64

	mu     sync.Mutex
	active map[string]*Activity
}

// NewTracker makes a tracker whose records carry payloadBytes of client
// fingerprint. leakEvery only matters to LeakyMiddleware: 1 of every
// leakEvery records is never removed (1 = all of them).
func NewTracker(payloadBytes, leakEvery int) *Tracker {
	if leakEvery < 1 {
		leakEvery = 1
	}
	return &Tracker{payloadBytes: payloadBytes, leakEvery: uint64(leakEvery), active: make(map[string]*Activity)}
}

// BUG: LeakyMiddleware registers the request's activity and never takes it
// out again. The delete was meant to happen "when the session ends", but a
// request ID's session never ends: every request leaves its record (the
// payload plus the key, the struct and its map slot) in t.active for the
// life of the process. With -session-leak-every N only every Nth finished
// request keeps its record, so a planted rate can be diluted.
func (t *Tracker) LeakyMiddleware(c *gin.Context) {
	id := RequestID(c)
	t.begin(c, id)
	c.Next()
	if t.finished.Add(1)%t.leakEvery != 0 {
		t.end(id)
	}
}

// FIX: Middleware removes the record in a defer, so it goes whether the
// handler returns, aborts or panics; the table holds only the requests in
// flight and its size follows concurrency, not traffic.
func (t *Tracker) Middleware(c *gin.Context) {
	id := RequestID(c)
	t.begin(c, id)
	defer t.end(id)
	c.Next()
}

// Lookup returns the activity of a request still in the table.
func (t *Tracker) Lookup(requestID string) (*Activity, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	a, ok := t.active[requestID]
	return a, ok
}

// Len is the number of records in the table.
func (t *Tracker) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.active)
}

func (t *Tracker) begin(c *gin.Context, id string) {
	a := &Activity{
		Route:   c.FullPath(),
		Started: time.Now().UnixNano(),
		Client:  fingerprint(c.Request.UserAgent(), c.ClientIP(), t.payloadBytes),
	}
	t.mu.Lock()
	t.active[id] = a
	t.mu.Unlock()
}

func (t *Tracker) end(id string) {
	t.mu.Lock()
	delete(t.active, id)
	t.mu.Unlock()
}

// fingerprint is n bytes of hex of the caller's user agent and address,
// repeated as needed, in a single allocation of n bytes (none for n = 0).
func fingerprint(userAgent, clientIP string, n int) string {
	if n <= 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(userAgent + "|" + clientIP))
	var digest [2 * sha256.Size]byte
	hex.Encode(digest[:], sum[:])
	var b strings.Builder
	b.Grow(n)
	for b.Len() < n {
		b.Write(digest[:min(len(digest), n-b.Len())])
	}
	return b.String()
}
