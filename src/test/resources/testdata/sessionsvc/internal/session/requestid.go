// Package session holds the per-request plumbing every /v1 route runs
// through: a request ID and the activity tracker keyed by it.
package session

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"sync/atomic"

	"github.com/gin-gonic/gin"
)

// HeaderRequestID carries the request ID in and out.
const HeaderRequestID = "X-Request-ID"

const requestIDKey = "session.requestID"

// RequestIDs hands out IDs unique in the process: a random prefix, so two
// processes' logs do not collide, plus a counter.
type RequestIDs struct {
	prefix uint32
	next   atomic.Uint32
}

// NewRequestIDs seeds the prefix from crypto/rand.
func NewRequestIDs() *RequestIDs {
	var seed [4]byte
	_, _ = rand.Read(seed[:])
	return &RequestIDs{prefix: binary.BigEndian.Uint32(seed[:])}
}

// New returns a 16-character hex ID.
func (g *RequestIDs) New() string {
	var raw [8]byte
	binary.BigEndian.PutUint32(raw[:4], g.prefix)
	binary.BigEndian.PutUint32(raw[4:], g.next.Add(1))
	var out [16]byte
	hex.Encode(out[:], raw[:])
	return string(out[:])
}

// Middleware takes the caller's X-Request-ID when it is a sane token and
// mints one otherwise; the ID is echoed in the response.
func (g *RequestIDs) Middleware(c *gin.Context) {
	id := c.GetHeader(HeaderRequestID)
	if !validRequestID(id) {
		id = g.New()
	}
	c.Set(requestIDKey, id)
	c.Header(HeaderRequestID, id)
	c.Next()
}

// RequestID is the ID RequestIDs.Middleware gave this request, or "".
func RequestID(c *gin.Context) string { return c.GetString(requestIDKey) }

func validRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		b := id[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_') {
			return false
		}
	}
	return true
}
