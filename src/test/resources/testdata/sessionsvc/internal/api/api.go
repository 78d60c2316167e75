// Package api is sessionsvc's HTTP surface under /v1: login and profiles,
// carts, search and analytics events.
package api

import (
	"net/http"

	"example.com/sessionsvc/internal/auth"
	"example.com/sessionsvc/internal/cache"
	"example.com/sessionsvc/internal/config"
	"example.com/sessionsvc/internal/events"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// maxBody bounds every JSON body the API reads.
const maxBody = 64 << 10

// Handlers holds what the routes share. Build it with New.
type Handlers struct {
	leaks     config.Leaks
	tokens    *auth.Issuer
	directory *auth.Directory
	events    *events.Dispatcher
	carts     *cache.LRU[string, Cart]
	catalog   []Product
	results   *cache.LRU[searchKey, []int]
	views     *profileViews
}

// New wires the handlers; their metrics go to reg.
func New(cfg config.Config, reg prometheus.Registerer, tokens *auth.Issuer, ev *events.Dispatcher) *Handlers {
	setupValidation()
	return &Handlers{
		leaks:     cfg.Leaks,
		tokens:    tokens,
		directory: auth.NewDemoDirectory(cfg.DemoPassword),
		events:    ev,
		carts:     cache.NewLRU[string, Cart](cfg.CartCacheSize),
		catalog:   newCatalog(),
		results:   cache.NewLRU[searchKey, []int](cfg.SearchCacheSize),
		views:     newProfileViews(reg, cfg.Leaks.On(config.MetricsLabel), cfg.MetricsLabelEvery),
	}
}

// Register mounts the routes on rg (the /v1 group).
func (h *Handlers) Register(rg *gin.RouterGroup) {
	body := []gin.HandlerFunc{limitBody(maxBody), jsonOnly}
	rg.POST("/login", append(body, h.login)...)
	rg.GET("/profile/:user", h.requireSession, h.profile)
	rg.POST("/carts/:cart/items", append(body, h.addCartItem)...)
	rg.GET("/carts/:cart", h.getCart)
	rg.GET("/search", h.search)
	postEvent := h.postEvent
	if h.leaks.On(config.EventGoroutine) {
		postEvent = h.postEventLeaky
	}
	rg.POST("/events", append(body, postEvent)...)
}

// NotFound answers unknown routes in JSON, like every other error.
func NotFound(c *gin.Context) {
	abort(c, http.StatusNotFound, "no route "+c.Request.Method+" "+c.Request.URL.Path)
}

// CartCount and SearchCacheLen feed /debug/vars.
func (h *Handlers) CartCount() int      { return h.carts.Len() }
func (h *Handlers) SearchCacheLen() int { return h.results.Len() }
