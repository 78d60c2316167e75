package api

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/sessionsvc/internal/config"

	"github.com/gin-gonic/gin"
)

// maxCartLines bounds one cart, as the carts cache bounds their number.
const maxCartLines = 50

var cartIDPattern = regexp.MustCompile(`^[A-Za-z0-9-]{1,40}$`)

// Item is one line of a cart.
type Item struct {
	SKU      string `json:"sku" binding:"required,sku"`
	Quantity int    `json:"quantity" binding:"required,min=1,max=99"`
	Note     string `json:"note,omitempty" binding:"max=140"`
}

// Cart is what the carts routes answer. Items is never changed in place
// (updates copy it), so a Cart read from the cache is safe to encode.
type Cart struct {
	ID        string    `json:"id"`
	Items     []Item    `json:"items"`
	Quantity  int       `json:"total_quantity"`
	UpdatedAt time.Time `json:"updated_at"`
	// History is the cart's newest adds (FIX of cart-history): it goes
	// when the cache evicts the cart.
	History []string `json:"-"`
}

// maxCartHistory bounds Cart.History.
const maxCartHistory = 4

// cartHistory is where cart-history's BUG keeps the adds: beside the
// carts, keyed by cart ID, so the cache's eviction never reaches it.
type cartHistory struct {
	lineBytes int
	mu        sync.Mutex
	byCart    map[string][]string
}

func newCartHistory(lineBytes int) *cartHistory {
	return &cartHistory{lineBytes: lineBytes, byCart: map[string][]string{}}
}

// Len is the number of lines the BUG's map holds.
func (h *cartHistory) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, lines := range h.byCart {
		n += len(lines)
	}
	return n
}

// BUG: recordLeaky appends the add to a map keyed by cart ID that nothing
// prunes when the carts cache evicts the cart: every add keeps its line
// (lineBytes, plus the key and the slice) for good.
func (h *cartHistory) recordLeaky(cart, line string) {
	h.mu.Lock()
	h.byCart[cart] = append(h.byCart[cart], line)
	h.mu.Unlock()
}

// line is "sku xqty note", padded with spaces or cut to exactly lineBytes.
func (h *cartHistory) line(item Item) string {
	s := item.SKU + " x" + strconv.Itoa(item.Quantity) + " " + item.Note
	if len(s) >= h.lineBytes {
		return strings.Clone(s[:h.lineBytes])
	}
	return s + strings.Repeat(" ", h.lineBytes-len(s))
}

func (h *Handlers) addCartItem(c *gin.Context) {
	id := c.Param("cart")
	if !cartIDPattern.MatchString(id) {
		abortField(c, http.StatusBadRequest, "cart", "cart: must be 1 to 40 letters, digits or dashes")
		return
	}
	var item Item
	if err := c.ShouldBindJSON(&item); err != nil {
		abortBind(c, err)
		return
	}
	full := false
	line := h.history.line(item)
	leaky := h.leaks.On(config.CartHistory)
	cart := h.carts.Update(id, func(old Cart, _ bool) Cart {
		items := slices.Clone(old.Items)
		if i := slices.IndexFunc(items, func(it Item) bool { return it.SKU == item.SKU }); i >= 0 {
			items[i].Quantity = min(items[i].Quantity+item.Quantity, 99)
			items[i].Note = item.Note
		} else if len(items) >= maxCartLines {
			full = true
			return old
		} else {
			items = append(items, item)
		}
		total := 0
		for _, it := range items {
			total += it.Quantity
		}
		history := old.History
		if !leaky {
			// FIX: the history lives in the cart, newest maxCartHistory.
			history = append(slices.Clone(old.History[max(0, len(old.History)-maxCartHistory+1):]), line)
		}
		return Cart{ID: id, Items: items, Quantity: total, UpdatedAt: time.Now().UTC(), History: history}
	})
	if full {
		abort(c, http.StatusConflict, "cart is full: at most 50 lines")
		return
	}
	if leaky {
		h.history.recordLeaky(id, line)
	}
	c.JSON(http.StatusCreated, cart)
}

func (h *Handlers) getCart(c *gin.Context) {
	cart, ok := h.carts.Get(c.Param("cart"))
	if !ok {
		abort(c, http.StatusNotFound, "no such cart")
		return
	}
	c.JSON(http.StatusOK, cart)
}
