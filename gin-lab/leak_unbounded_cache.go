package main

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/gin-gonic/gin"
)

// Pattern unbounded-cache: a cache keyed by a bound request parameter that
// only ever grows, so every distinct query costs memory forever.

const (
	// searchPageSize is the rendered size of one cached result page.
	searchPageSize = 4 << 10
	// searchCacheCapacity bounds the fix: 1024 pages, ~4 MiB.
	searchCacheCapacity = 1024
)

// searchQuery is bound with ShouldBindQuery; each field is part of the key.
type searchQuery struct {
	Q       string `form:"q" binding:"required,min=1,max=200"`
	Page    int    `form:"page" binding:"min=1,max=1000"`
	PerPage int    `form:"per_page" binding:"min=1,max=100"`
}

func (q searchQuery) key() string {
	return q.Q + "\x00" + strconv.Itoa(q.Page) + "\x00" + strconv.Itoa(q.PerPage)
}

// leakySearchCache is the bug's storage: a map with no eviction.
type leakySearchCache struct {
	mu    sync.Mutex
	pages map[string][]byte
}

func addSearchRoutes(rg *gin.RouterGroup, l *lab) {
	if l.cfg.leaks.on("unbounded-cache") {
		cache := &leakySearchCache{pages: map[string][]byte{}}
		rg.GET("/search", cache.leakySearchHandler)
		return
	}
	cache := newLRU[[]byte](searchCacheCapacity)
	rg.GET("/search", func(c *gin.Context) { fixedSearchHandler(c, cache) })
}

func bindSearch(c *gin.Context) (searchQuery, bool) {
	q := searchQuery{Page: 1, PerPage: 20}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return q, false
	}
	return q, true
}

// BUG: leakySearchHandler caches every distinct (q, page, per_page) forever:
// ~4 KiB per distinct query, and a client controls the keys.
func (s *leakySearchCache) leakySearchHandler(c *gin.Context) {
	q, ok := bindSearch(c)
	if !ok {
		return
	}
	key := q.key()
	s.mu.Lock()
	page, hit := s.pages[key]
	s.mu.Unlock()
	if !hit {
		page = make([]byte, 0, searchPageSize)
		page = appendSearchPage(page, q)
		if retainedBytesBudget.take(searchPageSize+int64(len(key)), "unbounded-cache") {
			s.mu.Lock()
			s.pages[key] = page
			s.mu.Unlock()
		}
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", page)
}

// FIX: fixedSearchHandler uses the bounded LRU, which warms up to
// searchCacheCapacity pages and then evicts the least recently used.
func fixedSearchHandler(c *gin.Context, cache *lru[[]byte]) {
	q, ok := bindSearch(c)
	if !ok {
		return
	}
	key := q.key()
	page, hit := cache.Get(key)
	if !hit {
		page = make([]byte, 0, searchPageSize)
		page = appendSearchPage(page, q)
		cache.Add(key, page)
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", page)
}

// appendSearchPage renders a page of results, padded with whitespace to the
// page size so every cached page weighs the same.
func appendSearchPage(dst []byte, q searchQuery) []byte {
	dst = append(dst, `{"q":`...)
	dst = strconv.AppendQuote(dst, q.Q)
	dst = append(dst, `,"page":`...)
	dst = strconv.AppendInt(dst, int64(q.Page), 10)
	dst = append(dst, `,"results":[`...)
	for i := 0; i < q.PerPage && len(dst) < searchPageSize-128; i++ {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"id":`...)
		dst = strconv.AppendInt(dst, int64((q.Page-1)*q.PerPage+i+1), 10)
		dst = append(dst, `}`...)
	}
	dst = append(dst, "]}"...)
	for len(dst) < searchPageSize {
		dst = append(dst, ' ')
	}
	return dst
}
