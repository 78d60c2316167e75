package main

import (
	"sync"

	"github.com/gin-gonic/gin"
)

// Pattern global-map: a middleware keeps per-request data in a global map.

// auditRecordSize is what each request's audit record weighs, so a few
// thousand requests show up as MiBs of post-GC heap.
var auditRecordSize = defaultAuditRecordSize

// defaultAuditRecordSize is 4 KiB; -audit-record-bytes changes it so the
// sensitivity benchmark can plant leaks of 16 B to 1 KiB per request.
const defaultAuditRecordSize = 4 << 10

// auditLog is package-level on purpose: that is how the bug ships, a map
// "for debugging" that outlives every request.
var auditLog = struct {
	sync.Mutex
	records map[uint64][]byte
}{records: map[uint64][]byte{}}

// BUG: leakyGlobalMapMiddleware stores the record under the request id and
// nothing ever deletes it: ~4 KiB of heap stays behind per request.
// It is a plain function, not a closure, so heap profiles name it
// main.leakyGlobalMapMiddleware however the router setup gets inlined.
func leakyGlobalMapMiddleware(c *gin.Context) {
	record := make([]byte, 0, auditRecordSize)
	record = appendAuditRecord(record, c)
	if retainedBytesBudget.take(int64(cap(record)), "global-map") {
		auditLog.Lock()
		auditLog.records[c.GetUint64(requestIDKey)] = record
		auditLog.Unlock()
	}
	c.Next()
}

// FIX: fixedRequestScopeMiddleware keeps the record in the request's own
// context (c.Set); gin drops c.Keys when the context is reused, so the
// record dies with the request. (The other fix, a defer delete from the
// map, also works but serialises every request on one lock.)
func fixedRequestScopeMiddleware(c *gin.Context) {
	record := make([]byte, 0, auditRecordSize)
	record = appendAuditRecord(record, c)
	c.Set("auditRecord", record)
	c.Next()
}

// appendAuditRecord copies the request line and headers, padded to the full
// record size as a real audit record with a body excerpt would be.
func appendAuditRecord(dst []byte, c *gin.Context) []byte {
	dst = append(dst, c.Request.Method...)
	dst = append(dst, ' ')
	dst = append(dst, c.Request.URL.RequestURI()...)
	for k, vs := range c.Request.Header {
		for _, v := range vs {
			if len(dst)+len(k)+len(v)+3 > cap(dst) {
				return dst[:cap(dst)]
			}
			dst = append(dst, '\n')
			dst = append(dst, k...)
			dst = append(dst, ": "...)
			dst = append(dst, v...)
		}
	}
	return dst[:cap(dst)]
}
