// Package audit writes one line per request (method, route, status,
// latency, request ID) for the compliance log. A shipper goroutine writes
// the lines to the log's backend, so a request never waits for it; the
// newest lines are also kept for /debug/vars.
package audit

import (
	"context"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

const (
	// queued bounds the lines waiting for the shipper; past it a line is
	// dropped (and counted), never the request.
	queued = 512
	// recentKept is how many of the newest lines /debug/vars shows.
	recentKept = 32
)

// Log turns requests into audit lines of lineBytes each.
type Log struct {
	lineBytes int
	requestID func(*gin.Context) string
	lines     chan string
	shipped   atomic.Uint64
	dropped   atomic.Uint64

	mu     sync.Mutex
	recent []string // FIX: a ring of recentKept; BUG: every line ever
	next   int
}

// NewLog pads or cuts every line to lineBytes; requestID names the request.
func NewLog(lineBytes int, requestID func(*gin.Context) string) *Log {
	return &Log{lineBytes: lineBytes, requestID: requestID, lines: make(chan string, queued)}
}

// Ship writes queued lines to backend until ctx ends: the service's
// long-lived shipper.
func (l *Log) Ship(ctx context.Context, backend io.Writer) {
	for {
		select {
		case <-ctx.Done():
			return
		case line := <-l.lines:
			_, _ = io.WriteString(backend, line+"\n")
			l.shipped.Add(1)
		}
	}
}

// BUG: LeakyMiddleware keeps every line in recent for the debug page: the
// trim to the newest recentKept was never written, so every request on
// every route leaves its line (lineBytes, plus its string header in the
// slice) in memory for good.
func (l *Log) LeakyMiddleware(c *gin.Context) {
	line := l.record(c)
	l.mu.Lock()
	l.recent = append(l.recent, line)
	l.mu.Unlock()
}

// FIX: Middleware keeps the newest recentKept lines in a ring.
func (l *Log) Middleware(c *gin.Context) {
	line := l.record(c)
	l.mu.Lock()
	if len(l.recent) < recentKept {
		l.recent = append(l.recent, line)
	} else {
		l.recent[l.next] = line
		l.next = (l.next + 1) % recentKept
	}
	l.mu.Unlock()
}

// record runs the request, then queues its line for the shipper.
func (l *Log) record(c *gin.Context) string {
	start := time.Now()
	c.Next()
	line := l.line(c, time.Since(start))
	select {
	case l.lines <- line:
	default:
		l.dropped.Add(1)
	}
	return line
}

// Kept is the number of lines held for the debug page.
func (l *Log) Kept() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent)
}

// Shipped and Dropped count the lines the shipper wrote and the ones a
// full queue refused.
func (l *Log) Shipped() uint64 { return l.shipped.Load() }
func (l *Log) Dropped() uint64 { return l.dropped.Load() }

// line is "METHOD route status latency request-id ", padded with dots or
// cut to exactly lineBytes, in one allocation.
func (l *Log) line(c *gin.Context, took time.Duration) string {
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	var b strings.Builder
	b.Grow(l.lineBytes)
	for _, part := range []string{c.Request.Method, " ", route, " ", strconv.Itoa(c.Writer.Status()), " ",
		strconv.FormatInt(took.Microseconds(), 10), "us ", l.requestID(c), " "} {
		if b.Len()+len(part) > l.lineBytes {
			part = part[:l.lineBytes-b.Len()]
		}
		b.WriteString(part)
	}
	for b.Len() < l.lineBytes {
		b.WriteByte('.')
	}
	return b.String()
}
