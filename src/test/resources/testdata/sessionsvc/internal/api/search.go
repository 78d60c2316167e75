package api

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// Product is one entry of the (generated, read-only) catalog.
type Product struct {
	SKU   string `json:"sku"`
	Name  string `json:"name"`
	Cents int    `json:"price_cents"`
}

func newCatalog() []Product {
	adjectives := []string{"red", "blue", "green", "steel", "oak", "linen", "wool", "glass", "paper", "silver",
		"compact", "large", "travel", "classic", "studio", "outdoor", "kids", "pro", "mini", "eco"}
	nouns := []string{"mug", "lamp", "chair", "desk", "kettle", "backpack", "notebook", "pen", "blanket", "bottle",
		"speaker", "cable", "plant pot", "frame", "clock", "rug", "towel", "shelf", "tray", "bowl",
		"jacket", "scarf", "umbrella", "wallet", "candle"}
	catalog := make([]Product, 0, len(adjectives)*len(nouns))
	for i, a := range adjectives {
		for j, n := range nouns {
			k := i*len(nouns) + j
			catalog = append(catalog, Product{
				SKU:   "CAT-" + strconv.Itoa(100000+k),
				Name:  a + " " + n,
				Cents: 199 + (k*7919)%20000,
			})
		}
	}
	return catalog
}

type searchKey struct {
	q     string
	limit int
}

type searchResponse struct {
	Query   string    `json:"q"`
	Total   int       `json:"total"`
	Results []Product `json:"results"`
	// Suggestions ("did you mean") fill an answer with no result.
	Suggestions []Product `json:"suggestions,omitempty"`
}

// suggestions is how many products an answer with no result suggests.
const suggestions = 5

// bufferPool reuses the buffers search answers are encoded into.
var bufferPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer: a buffer that grew past this is dropped, not pooled, so
// one huge answer cannot pin its buffer in the pool for good.
const maxPooledBuffer = 64 << 10

// search answers products whose name holds q. Results are cached in a
// bounded LRU keyed by (q, limit): with new terms it fills to
// -search-cache-size and then evicts, so its memory stops growing.
func (h *Handlers) search(c *gin.Context) {
	q := strings.ToLower(strings.TrimSpace(c.Query("q")))
	if q == "" {
		abortField(c, http.StatusUnprocessableEntity, "q", "q: is required")
		return
	}
	if len(q) > 64 {
		abortField(c, http.StatusUnprocessableEntity, "q", "q: at most 64 characters")
		return
	}
	limit := 10
	if s, ok := c.GetQuery("limit"); ok {
		n, err := strconv.Atoi(s)
		if err != nil {
			abortField(c, http.StatusBadRequest, "limit", "limit: must be an integer")
			return
		}
		if n < 1 || n > 50 {
			abortField(c, http.StatusUnprocessableEntity, "limit", "limit: must be between 1 and 50")
			return
		}
		limit = n
	}
	key := searchKey{q: q, limit: limit}
	hits, ok := h.results.Get(key)
	if !ok {
		hits = h.match(q, limit)
		h.results.Put(key, hits)
	}
	resp := searchResponse{Query: q, Total: len(hits), Results: make([]Product, len(hits))}
	for i, k := range hits {
		resp.Results[i] = h.catalog[k]
	}
	if len(hits) == 0 {
		sum := fnv.New32a()
		sum.Write([]byte(q))
		for i := range suggestions {
			resp.Suggestions = append(resp.Suggestions, h.catalog[(int(sum.Sum32())+i*97)%len(h.catalog)])
		}
	}

	buf := bufferPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuffer {
			bufferPool.Put(buf)
		}
	}()
	if err := json.NewEncoder(buf).Encode(resp); err != nil {
		abort(c, http.StatusInternalServerError, "encoding failed")
		return
	}
	if h.popular != nil {
		// The search-history trap: each term's latest answer, kept for the
		// instant suggestions of the next visitor who types it. Bounded, so
		// not a leak, but every new term is a new entry until it is full.
		h.popular.Put(q, bytes.Clone(buf.Bytes()))
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", buf.Bytes())
}

// match returns the catalog indexes of the first limit names holding q.
func (h *Handlers) match(q string, limit int) []int {
	var hits []int
	for i := range h.catalog {
		if strings.Contains(h.catalog[i].Name, q) {
			hits = append(hits, i)
			if len(hits) == limit {
				break
			}
		}
	}
	return hits
}
