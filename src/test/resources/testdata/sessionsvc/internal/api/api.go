// Package api is sessionsvc's HTTP surface under /v1: login and profiles,
// carts, search and analytics events.
package api

import (
	"context"
	"net/http"

	"example.com/sessionsvc/internal/auth"
	"example.com/sessionsvc/internal/cache"
	"example.com/sessionsvc/internal/config"
	"example.com/sessionsvc/internal/events"
	"example.com/sessionsvc/internal/upstream"
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
	avatars   *avatarIndex
	history   *cartHistory
	// popular is the search-history trap's bounded cache; nil when off.
	popular  *cache.LRU[string, []byte]
	loyalty  *cache.LRU[string, upstream.Balance]
	backends Backends
}

// Loyalty answers a user's loyalty balance (the upstream service).
type Loyalty interface {
	Balance(ctx context.Context, user string) (upstream.Balance, error)
}

// Backends is what the handlers reach beyond the process: the loyalty
// service, and the inbox purchases are posted to.
type Backends struct {
	Loyalty Loyalty
	Inbox   interface{ Post(text string) }
}

// New wires the handlers; their metrics go to reg.
func New(cfg config.Config, reg prometheus.Registerer, tokens *auth.Issuer, ev *events.Dispatcher, backends Backends) *Handlers {
	setupValidation()
	h := &Handlers{
		leaks:     cfg.Leaks,
		tokens:    tokens,
		directory: auth.NewDemoDirectory(cfg.DemoPassword),
		events:    ev,
		carts:     cache.NewLRU[string, Cart](cfg.CartCacheSize),
		catalog:   newCatalog(),
		results:   cache.NewLRU[searchKey, []int](cfg.SearchCacheSize),
		views:     newProfileViews(reg, cfg.Leaks.On(config.MetricsLabel), cfg.MetricsLabelEvery),
		avatars:   newAvatarIndex(cfg.AvatarIndexBytes),
		history:   newCartHistory(cfg.CartHistoryBytes),
		loyalty:   cache.NewLRU[string, upstream.Balance](cfg.LoyaltyCacheSize),
		backends:  backends,
	}
	if cfg.Traps.On(config.SearchHistory) {
		h.popular = cache.NewLRU[string, []byte](cfg.SearchHistorySize)
	}
	return h
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
	h.registerAvatars(rg)
}

// NotFound answers unknown routes in JSON, like every other error.
func NotFound(c *gin.Context) {
	abort(c, http.StatusNotFound, "no route "+c.Request.Method+" "+c.Request.URL.Path)
}

// CartCount, SearchCacheLen, LoyaltyCacheLen, AvatarsIndexed,
// CartHistoryLines and PopularSearches feed /debug/vars.
func (h *Handlers) CartCount() int        { return h.carts.Len() }
func (h *Handlers) SearchCacheLen() int   { return h.results.Len() }
func (h *Handlers) LoyaltyCacheLen() int  { return h.loyalty.Len() }
func (h *Handlers) AvatarsIndexed() int   { return h.avatars.Len() }
func (h *Handlers) CartHistoryLines() int { return h.history.Len() }

// PopularSearches is the search-history trap's entry count (0 when off).
func (h *Handlers) PopularSearches() int {
	if h.popular == nil {
		return 0
	}
	return h.popular.Len()
}
