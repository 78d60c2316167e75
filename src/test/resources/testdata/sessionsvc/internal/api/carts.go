package api

import (
	"net/http"
	"regexp"
	"slices"
	"time"

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
		return Cart{ID: id, Items: items, Quantity: total, UpdatedAt: time.Now().UTC()}
	})
	if full {
		abort(c, http.StatusConflict, "cart is full: at most 50 lines")
		return
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
