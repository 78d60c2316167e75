package main

import (
	"expvar"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// setupRouter builds every route, so tests can drive it with
// router.ServeHTTP(w, req) and no port.
func setupRouter(l *lab) *gin.Engine {
	r := gin.New()
	r.MaxMultipartMemory = l.cfg.multipartMemory
	r.HandleMethodNotAllowed = true
	r.Use(gin.CustomRecovery(func(c *gin.Context, _ any) {
		abortJSON(c, http.StatusInternalServerError, "internal error")
	}), countRequests())
	r.NoRoute(func(c *gin.Context) { abortJSON(c, http.StatusNotFound, "no such route") })
	r.NoMethod(func(c *gin.Context) { abortJSON(c, http.StatusMethodNotAllowed, "method not allowed") })

	r.GET("/healthz", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) })
	r.GET("/metrics", gin.WrapH(promhttp.Handler()))
	r.GET("/debug/vars", gin.WrapH(expvar.Handler()))

	api := r.Group("/api", requestID(), l.requestScopeMiddleware(), l.requestJournalMiddleware(),
		limitBody(l.cfg.uploadLimit))
	if l.cfg.plantGoroutinesEvery > 0 {
		routes, _ := parsePlantRoutes(l.cfg.plantRoutes) // checked by parseFlags
		api.Use(plantedGoroutinesMiddleware(l.cfg.plantGoroutinesEvery, routes))
	}
	if l.cfg.plantBytes > 0 {
		routes, _ := parsePlantRoutes(l.cfg.plantRoutes) // checked by parseFlags
		api.Use(plantedLeakMiddleware(l.cfg.plantBytes, routes))
	}
	addItemRoutes(api, l)
	addNotifyRoutes(api, l)
	addExportRoutes(api, l)
	addWatchRoutes(api, l)
	addEventRoutes(api, l)
	addSearchRoutes(api, l)
	addSummaryRoutes(api, l)
	addBindingRoutes(api)
	addUploadRoutes(api, l)
	addStreamRoutes(api, l)
	addWebSocketRoutes(api, l)
	addPollRoutes(api, l)
	addUpstreamRoutes(api, l)
	addTrapRoutes(api, l)
	return r
}

// requestScopeMiddleware is where pattern global-map is switched.
func (l *lab) requestScopeMiddleware() gin.HandlerFunc {
	if l.cfg.leaks.on("global-map") {
		return leakyGlobalMapMiddleware
	}
	return fixedRequestScopeMiddleware
}

var lastRequestID atomic.Uint64

const requestIDKey = "requestID"

// requestID numbers requests itself: a client-chosen X-Request-ID could
// repeat and hide the growth of a map keyed by it.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := lastRequestID.Add(1)
		c.Set(requestIDKey, id)
		c.Header("X-Request-ID", strconv.FormatUint(id, 10))
		c.Next()
	}
}
