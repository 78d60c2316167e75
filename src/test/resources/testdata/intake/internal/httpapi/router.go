// Package httpapi is intake's HTTP surface: documents (multipart upload,
// read, list, tags) and two Server-Sent Event streams.
package httpapi

import (
	"log/slog"
	"net/http"
	"time"

	"example.org/intake/internal/documents"
	"example.org/intake/internal/events"
	"example.org/intake/internal/scanner"
	"github.com/gin-gonic/gin"
)

// multipartMemory is what Gin keeps of a multipart body in memory; larger
// file parts go to temp files, which net/http removes after the request.
const multipartMemory = 1 << 20

// Deps is what the handlers work with.
type Deps struct {
	Store     *documents.Store
	Hub       *events.Hub
	Scanner   *scanner.Client
	MaxUpload int64
	// LeakyFeed plants the feed-subscribers leak (feed.go).
	LeakyFeed bool
	Log       *slog.Logger
}

// NewRouter builds the whole API; tests call it without a listener.
func NewRouter(d Deps) (*gin.Engine, *Feed) {
	r := gin.New()
	r.MaxMultipartMemory = multipartMemory
	r.Use(accessLog(d.Log), gin.Recovery())
	r.NoRoute(func(c *gin.Context) { problem(c, http.StatusNotFound, "no such route") })
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })

	v1 := r.Group("/v1")
	docs := &Documents{deps: d}
	v1.POST("/documents", docs.Upload)
	v1.GET("/documents", docs.List)
	v1.GET("/documents/:id", docs.Get)
	v1.PUT("/documents/:id/tags", docs.SetTags)
	feed := &Feed{hub: d.Hub, leaky: d.LeakyFeed}
	v1.GET("/events", feed.Serve)
	v1.GET("/exports/stream", (&Export{store: d.Store}).Serve)
	return r, feed
}

// accessLog writes one JSON line per request: what an operator greps first.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		log.Info("request", "method", c.Request.Method, "path", c.Request.URL.Path, "route", c.FullPath(),
			"status", c.Writer.Status(), "bytes", c.Writer.Size(), "ms", time.Since(start).Milliseconds())
	}
}

// Problem is every error body.
type Problem struct {
	Error string `json:"error" example:"limit must be a number"`
}

func problem(c *gin.Context, status int, message string) {
	c.AbortWithStatusJSON(status, Problem{Error: message})
}
