package main

import (
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern kept-request: a "request journal for replaying failures" keeps
// the *http.Request itself. Everything it holds was allocated by net/http
// (the Request, its Header map, URL and context), so the heap grows in the
// standard library's frames and no frame of ours is in the allocation stack:
// the case a site rule that looks only at the leaf cannot name.

// keptRequestEstimate is what one kept request weighs with a few headers,
// measured by TestKeptRequestLeakyRetainsTheRequests; the leak budget counts it.
const keptRequestEstimate = 1 << 10

// requestJournal is package-level, as such journals ship: "just for debugging".
var requestJournal = struct {
	sync.Mutex
	requests map[uint64]*http.Request
}{requests: map[uint64]*http.Request{}}

// BUG: leakyRequestJournal keeps every read (GET) under its id "to replay
// it" and never lets go: the Request, its headers, URL and context stay for
// good. Only reads: a kept upload would pin its multipart form too, far more
// than the leak budget counts.
func leakyRequestJournal(c *gin.Context) {
	if c.Request.Method == http.MethodGet && retainedBytesBudget.take(keptRequestEstimate, "kept-request") {
		requestJournal.Lock()
		requestJournal.requests[c.GetUint64(requestIDKey)] = c.Request
		requestJournal.Unlock()
	}
	c.Next()
}

// journalEntry is what a replay needs: copied strings, nothing of net/http's.
type journalEntry struct {
	ID     uint64
	Method string
	Path   string
	At     time.Time
}

// journalCapacity bounds the fix: the last 1024 requests.
const journalCapacity = 1024

var recentRequests = struct {
	sync.Mutex
	entries [journalCapacity]journalEntry
	next    int
}{}

// FIX: fixedRequestJournal copies what a replay needs into a bounded ring:
// the request itself is released when the handler returns.
func fixedRequestJournal(c *gin.Context) {
	entry := journalEntry{ID: c.GetUint64(requestIDKey), Method: c.Request.Method,
		Path: c.Request.URL.Path, At: time.Now()}
	recentRequests.Lock()
	recentRequests.entries[recentRequests.next] = entry
	recentRequests.next = (recentRequests.next + 1) % journalCapacity
	recentRequests.Unlock()
	c.Next()
}

// requestJournalMiddleware is where pattern kept-request is switched.
func (l *lab) requestJournalMiddleware() gin.HandlerFunc {
	if l.cfg.leaks.on("kept-request") {
		return leakyRequestJournal
	}
	return fixedRequestJournal
}
