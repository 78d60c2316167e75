// Package journal is ordersvc's request journal: a line per request
// (method, route, status, duration), the newest of which support staff
// read to see what a customer just did.
package journal

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// newest is how many lines the fixed journal keeps.
const newest = 64

// Journal keeps lines of lineBytes each.
type Journal struct {
	lineBytes int
	mu        sync.Mutex
	lines     []string
	next      int
}

// New makes a journal whose lines are exactly lineBytes long.
func New(lineBytes int) *Journal { return &Journal{lineBytes: lineBytes} }

// BUG: Leaky appends every request's line and never trims: the journal was
// meant to be "the last few requests", but only the reader looks at the
// last few. Every request on every route keeps lineBytes plus a string
// header for good.
func (j *Journal) Leaky(c *gin.Context) {
	start := time.Now()
	c.Next()
	line := j.line(c, time.Since(start))
	j.mu.Lock()
	j.lines = append(j.lines, line)
	j.mu.Unlock()
}

// FIX: Ring keeps the newest lines in a ring of fixed size.
func (j *Journal) Ring(c *gin.Context) {
	start := time.Now()
	c.Next()
	line := j.line(c, time.Since(start))
	j.mu.Lock()
	if len(j.lines) < newest {
		j.lines = append(j.lines, line)
	} else {
		j.lines[j.next] = line
		j.next = (j.next + 1) % newest
	}
	j.mu.Unlock()
}

// Len is the number of lines kept.
func (j *Journal) Len() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return len(j.lines)
}

func (j *Journal) line(c *gin.Context, took time.Duration) string {
	route := c.FullPath()
	if route == "" {
		route = "-"
	}
	s := c.Request.Method + " " + route + " " + strconv.Itoa(c.Writer.Status()) + " " + took.String()
	if len(s) >= j.lineBytes {
		return strings.Clone(s[:j.lineBytes])
	}
	return s + strings.Repeat(" ", j.lineBytes-len(s))
}
