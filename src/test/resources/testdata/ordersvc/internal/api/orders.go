// Package api is ordersvc's REST surface: orders placed, read, listed and
// moved on. The comments on each handler are swaggo annotations; docs/ is
// generated from them (see README.md).
package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/ordersvc/internal/orders"
	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
)

// Handlers serves /api/v2/orders.
type Handlers struct {
	store  *orders.Store
	notify func(orders.Order)
	stock  Stock

	// The status audit: every attempted status change, auditBytes long.
	// auditLeaky plants status-audit.
	auditLeaky bool
	auditBytes int
	auditMu    sync.Mutex
	audit      []string
	auditNext  int
}

// Stock answers the warehouse's stock of a SKU (over the keep-alive pool).
type Stock interface {
	Available(ctx context.Context, sku string) (int, error)
}

// newestAudits is how many audit records the fixed audit keeps.
const newestAudits = 128

// New serves the store; notify hears of every change (the long polls);
// stock is asked before an order is placed.
func New(store *orders.Store, notify func(orders.Order), stock Stock, auditLeaky bool, auditBytes int) *Handlers {
	return &Handlers{store: store, notify: notify, stock: stock, auditLeaky: auditLeaky, auditBytes: auditBytes}
}

// Audited is the number of status audit records kept.
func (h *Handlers) Audited() int {
	h.auditMu.Lock()
	defer h.auditMu.Unlock()
	return len(h.audit)
}

// BUG: auditLeaky keeps every attempted status change "for the dispute
// team", in a slice nothing trims: each PUT with a valid body keeps its
// record (auditBytes plus a string header) for good.
func (h *Handlers) auditLeakyChange(record string) {
	h.auditMu.Lock()
	h.audit = append(h.audit, record)
	h.auditMu.Unlock()
}

// FIX: auditChange keeps the newest newestAudits records (the full trail
// goes to the log).
func (h *Handlers) auditChange(record string) {
	h.auditMu.Lock()
	defer h.auditMu.Unlock()
	if len(h.audit) < newestAudits {
		h.audit = append(h.audit, record)
		return
	}
	h.audit[h.auditNext] = record
	h.auditNext = (h.auditNext + 1) % newestAudits
}

func (h *Handlers) auditRecord(id int64, status orders.Status) string {
	s := strconv.FormatInt(id, 10) + " -> " + string(status) + " at " + time.Now().UTC().Format(time.RFC3339Nano)
	if len(s) >= h.auditBytes {
		return strings.Clone(s[:h.auditBytes])
	}
	return s + strings.Repeat(" ", h.auditBytes-len(s))
}

// Register adds the order routes to rg.
func (h *Handlers) Register(rg *gin.RouterGroup) {
	rg.POST("/orders", h.place)
	rg.GET("/orders", h.list)
	rg.GET("/orders/:id", h.get)
	rg.PUT("/orders/:id/status", h.setStatus)
}

// PlaceOrder is the body of POST /orders.
type PlaceOrder struct {
	Customer string        `json:"customer" binding:"required,min=1,max=40" example:"ada"`
	Lines    []orders.Line `json:"lines" binding:"required,min=1,max=10,dive"`
}

// StatusChange is the body of PUT /orders/{id}/status.
type StatusChange struct {
	Status orders.Status `json:"status" binding:"required,oneof=paid shipped cancelled" enums:"paid,shipped,cancelled" example:"paid"`
}

// place godoc
//
//	@Summary	Place an order
//	@Tags		orders
//	@Accept		json
//	@Produce	json
//	@Param		order	body		PlaceOrder	true	"the customer and the lines"
//	@Success	201		{object}	orders.Order
//	@Failure	400		{object}	Problem	"malformed JSON or a field of the wrong type"
//	@Failure	422		{object}	Problem	"a required field missing or out of range"
//	@Router		/orders [post]
func (h *Handlers) place(c *gin.Context) {
	var req PlaceOrder
	if !bindJSON(c, &req) {
		return
	}
	if h.stock != nil {
		// Advisory: the warehouse reserves at dispatch; an order is placed
		// even when the warehouse does not answer.
		if n, err := h.stock.Available(c.Request.Context(), req.Lines[0].SKU); err == nil && n < req.Lines[0].Quantity {
			fail(c, http.StatusConflict, "out_of_stock", req.Lines[0].SKU+" is out of stock")
			return
		}
	}
	o := h.store.Place(req.Customer, req.Lines, time.Now())
	h.notify(o)
	c.JSON(http.StatusCreated, o)
}

// get godoc
//
//	@Summary	Read an order
//	@Tags		orders
//	@Produce	json
//	@Param		id	path		int	true	"order id"	minimum(1)
//	@Success	200	{object}	orders.Order
//	@Failure	400	{object}	Problem	"id is not a positive number"
//	@Failure	404	{object}	Problem	"no such order"
//	@Router		/orders/{id} [get]
func (h *Handlers) get(c *gin.Context) {
	id, ok := orderID(c)
	if !ok {
		return
	}
	o, found := h.store.Get(id)
	if !found {
		fail(c, http.StatusNotFound, "no_order", "no order "+c.Param("id"))
		return
	}
	c.JSON(http.StatusOK, o)
}

// list godoc
//
//	@Summary	List the newest orders
//	@Tags		orders
//	@Produce	json
//	@Param		status	query		string	false	"only orders of this status"	Enums(placed, paid, shipped, cancelled)
//	@Param		limit	query		int		false	"how many"	minimum(1)	maximum(100)	default(20)
//	@Success	200		{array}		orders.Order
//	@Failure	400		{object}	Problem	"limit is not a number"
//	@Failure	422		{object}	Problem	"limit out of range or an unknown status"
//	@Router		/orders [get]
func (h *Handlers) list(c *gin.Context) {
	limit := 20
	if v, given := c.GetQuery("limit"); given {
		n, err := strconv.Atoi(v)
		if err != nil {
			fail(c, http.StatusBadRequest, "invalid_query", "limit must be a number")
			return
		}
		if n < 1 || n > 100 {
			fail(c, http.StatusUnprocessableEntity, "invalid_query", "limit must be 1 to 100")
			return
		}
		limit = n
	}
	status := orders.Status(c.Query("status"))
	switch status {
	case "", orders.Placed, orders.Paid, orders.Shipped, orders.Cancelled:
	default:
		fail(c, http.StatusUnprocessableEntity, "invalid_query", "status must be placed, paid, shipped or cancelled")
		return
	}
	c.JSON(http.StatusOK, h.store.List(status, limit))
}

// setStatus godoc
//
//	@Summary	Move an order on
//	@Tags		orders
//	@Accept		json
//	@Produce	json
//	@Param		id		path		int				true	"order id"	minimum(1)
//	@Param		change	body		StatusChange	true	"the new status"
//	@Success	200		{object}	orders.Order
//	@Failure	400		{object}	Problem	"malformed JSON or a bad id"
//	@Failure	404		{object}	Problem	"no such order"
//	@Failure	422		{object}	Problem	"an unknown status"
//	@Router		/orders/{id}/status [put]
func (h *Handlers) setStatus(c *gin.Context) {
	id, ok := orderID(c)
	if !ok {
		return
	}
	var req StatusChange
	if !bindJSON(c, &req) {
		return
	}
	if record := h.auditRecord(id, req.Status); h.auditLeaky {
		h.auditLeakyChange(record)
	} else {
		h.auditChange(record)
	}
	o, found := h.store.SetStatus(id, req.Status)
	if !found {
		fail(c, http.StatusNotFound, "no_order", "no order "+c.Param("id"))
		return
	}
	h.notify(o)
	c.JSON(http.StatusOK, o)
}

func orderID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		fail(c, http.StatusBadRequest, "invalid_id", "id must be a positive number")
		return 0, false
	}
	return id, true
}

// bindJSON answers 422 when the JSON was read but a field failed
// validation, 400 for anything else (malformed JSON, a wrong type, no body).
func bindJSON(c *gin.Context, into any) bool {
	err := c.ShouldBindJSON(into)
	if err == nil {
		return true
	}
	var invalid validator.ValidationErrors
	if errors.As(err, &invalid) {
		fail(c, http.StatusUnprocessableEntity, "invalid_body", err.Error())
	} else {
		fail(c, http.StatusBadRequest, "invalid_body", err.Error())
	}
	return false
}
