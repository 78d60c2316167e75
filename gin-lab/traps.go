package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// Traps: healthy code that looks like growth and must pass. They have no
// leaky variant and are always mounted. The older ones are here; newer ones
// have a file each (trap_*.go).

// TRAP large-alloc: a big allocation per request, released when the
// handler returns. Under load the GC works hard and the live heap swings,
// but nothing survives a forced GC.
type largeReportQuery struct {
	SizeKiB int `form:"size_kib" binding:"min=1,max=8192"`
}

func trapLargeReport(c *gin.Context) {
	q := largeReportQuery{SizeKiB: 1024}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return
	}
	report := make([]byte, q.SizeKiB<<10)
	for i := range report {
		report[i] = byte(i)
	}
	sum := sha256.Sum256(report)
	c.JSON(http.StatusOK, gin.H{"bytes": len(report), "sha256": hex.EncodeToString(sum[:])})
}

// TRAP bounded-cache: an LRU that warms up to catalogCacheCapacity entries
// (~4 MiB) and then stays flat however many distinct SKUs arrive.
const (
	catalogCacheCapacity = 1024
	catalogEntrySize     = 4 << 10
)

type skuURI struct {
	SKU string `uri:"sku" binding:"required,alphanum,max=32"`
}

// Not inlined, so its handler shows as main.trapBoundedCatalog.func1 in
// profiles rather than under the name of whatever inlined it.
//
//go:noinline
func trapBoundedCatalog(cache *lru[[]byte]) gin.HandlerFunc {
	return func(c *gin.Context) {
		var uri skuURI
		if err := c.ShouldBindUri(&uri); err != nil {
			abortBindError(c, err)
			return
		}
		entry, hit := cache.Get(uri.SKU)
		if !hit {
			entry = make([]byte, 0, catalogEntrySize)
			entry = append(entry, `{"sku":`...)
			entry = strconv.AppendQuote(entry, uri.SKU)
			entry = append(entry, `}`...)
			for len(entry) < catalogEntrySize {
				entry = append(entry, ' ')
			}
			cache.Add(uri.SKU, entry)
		}
		c.Data(http.StatusOK, "application/json; charset=utf-8", entry)
	}
}

// TRAP pool-correct: sync.Pool used as intended. The buffer is reset
// before use, its bytes are copied to the client before Put, and buffers
// that grew past maxPooledBuffer are dropped so one huge request cannot
// keep a huge buffer alive in the pool.
const maxPooledBuffer = 64 << 10

var renderPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type renderQuery struct {
	Repeat int `form:"repeat" binding:"min=1,max=4096"`
}

func trapPooledRender(c *gin.Context) {
	var uri itemURI
	if err := c.ShouldBindUri(&uri); err != nil {
		abortBindError(c, err)
		return
	}
	q := renderQuery{Repeat: 16}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return
	}
	buf := renderPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			renderPool.Put(buf)
		}
	}()
	it := lookupItem(uri.ID)
	buf.WriteString(`{"id":`)
	buf.WriteString(strconv.FormatUint(it.ID, 10))
	buf.WriteString(`,"lines":[`)
	for i := range q.Repeat {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(strconv.Quote(it.Name + " line " + strconv.Itoa(i)))
	}
	buf.WriteString("]}")
	// c.Data writes the bytes out before the deferred Put hands the
	// buffer to someone else.
	c.Data(http.StatusOK, "application/json; charset=utf-8", buf.Bytes())
}

// TRAP idle-keepalive: a trivial endpoint for clients that open keep-alive
// connections and leave them idle. Each idle connection costs the server a
// goroutine and a descriptor until IdleTimeout; the count follows the
// number of connections, not the number of requests.
func trapPing(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"pong": true})
}

func addTrapRoutes(rg *gin.RouterGroup, l *lab) {
	rg.GET("/reports/large", trapLargeReport)
	rg.GET("/catalog/:sku", trapBoundedCatalog(newLRU[[]byte](catalogCacheCapacity)))
	rg.GET("/render/:id", trapPooledRender)
	rg.GET("/ping", trapPing)
	// The traps in trap_*.go, one file each.
	rg.GET("/fanout", trapGoroutinePeak)
	addSlowDrainRoutes(rg, l)
	rg.POST("/reservations/batch", newReservationTable().trapMapPeak)
	rg.GET("/index/:key", new(lookupIndex).trapIndexLookup)
}
