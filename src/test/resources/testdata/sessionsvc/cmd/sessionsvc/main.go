// Command sessionsvc is a small Gin API (logins, profiles, carts, search,
// analytics events) that Gin Preflight loads as a service not written like
// gin-lab. -leaks plants leaks real services ship; see README.md.
package main

import (
	"context"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"example.com/sessionsvc/internal/api"
	"example.com/sessionsvc/internal/auth"
	"example.com/sessionsvc/internal/config"
	"example.com/sessionsvc/internal/events"
	"example.com/sessionsvc/internal/session"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

const (
	shutdownGrace = 5 * time.Second
	// eventWork is how long one event delivery takes.
	eventWork = time.Millisecond
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main with its exit code returned: 2 for a bad command line.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := config.Parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "sessionsvc:", err)
		return 2
	}
	if cfg.ListLeaks {
		for _, n := range config.LeakNames() {
			fmt.Fprintln(stdout, n)
		}
		return 0
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.ExitOnStdinEOF {
		ctx = cancelOnEOF(ctx, stdin)
	}
	if err := serve(ctx, cfg, stdout); err != nil {
		fmt.Fprintln(stderr, "sessionsvc:", err)
		return 1
	}
	return 0
}

// service is the router and what must be closed after it.
type service struct {
	router  *gin.Engine
	tracker *session.Tracker
	events  *events.Dispatcher
	api     *api.Handlers
}

// setupRouter builds the whole HTTP surface. The service's metrics go to
// reg, and metrics serves /metrics: promhttp.Handler() and the default
// registry in main, a registry of their own in tests.
func setupRouter(cfg config.Config, reg prometheus.Registerer, metrics http.Handler) *service {
	s := &service{
		tracker: session.NewTracker(cfg.SessionBytes, cfg.SessionLeakEvery),
		events:  events.NewDispatcher(eventWork, cfg.EventLeakEvery),
	}
	s.api = api.New(cfg, reg, auth.NewIssuer(cfg.TokenSecret, cfg.TokenTTL), s.events)

	r := gin.New()
	r.Use(gin.Recovery(), api.RequestMetrics(reg))
	r.NoRoute(api.NotFound)
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
	r.GET("/metrics", gin.WrapH(metrics))
	r.GET("/debug/vars", gin.WrapH(expvar.Handler()))

	activity := s.tracker.Middleware
	if cfg.Leaks.On(config.SessionStore) {
		activity = s.tracker.LeakyMiddleware
	}
	v1 := r.Group("/v1", session.NewRequestIDs().Middleware, activity)
	s.api.Register(v1)
	s.router = r
	return s
}

func (s *service) close() { s.events.Close() }

// stats is what /debug/vars shows under "sessionsvc".
func (s *service) stats() any {
	return map[string]any{
		"activity_records":  s.tracker.Len(),
		"events_delivered":  s.events.Delivered(),
		"carts":             s.api.CartCount(),
		"search_cache_size": s.api.SearchCacheLen(),
	}
}
