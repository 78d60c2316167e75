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
	"sync"
	"syscall"
	"time"

	"example.com/sessionsvc/internal/api"
	"example.com/sessionsvc/internal/audit"
	"example.com/sessionsvc/internal/auth"
	"example.com/sessionsvc/internal/config"
	"example.com/sessionsvc/internal/events"
	"example.com/sessionsvc/internal/jobs"
	"example.com/sessionsvc/internal/live"
	"example.com/sessionsvc/internal/session"
	"example.com/sessionsvc/internal/upstream"
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

// service is the router, its background workers and what must be closed
// after it.
type service struct {
	router   *gin.Engine
	tracker  *session.Tracker
	events   *events.Dispatcher
	api      *api.Handlers
	audit    *audit.Log
	rollup   *jobs.Rollup
	sockets  *live.Sockets
	notices  *live.Notices
	upstream *upstream.Server
	client   *upstream.Client

	stopWorkers context.CancelFunc
	workers     sync.WaitGroup
}

// setupRouter builds the whole HTTP surface and starts the background life
// every real service has: the upstream it calls (in this process, on its
// own loopback listener), the audit shipper and the rollup job. The
// service's metrics go to reg, and metrics serves /metrics:
// promhttp.Handler() and the default registry in main, a registry of
// their own in tests. close stops it all.
func setupRouter(cfg config.Config, reg prometheus.Registerer, metrics http.Handler) (*service, error) {
	up, err := upstream.Start(cfg.FeedPushEvery)
	if err != nil {
		return nil, err
	}
	ids := session.NewRequestIDs()
	inbox := live.NewInbox()
	s := &service{
		tracker:  session.NewTracker(cfg.SessionBytes, cfg.SessionLeakEvery),
		events:   events.NewDispatcher(eventWork, cfg.EventLeakEvery),
		audit:    audit.NewLog(cfg.AuditBytes, session.RequestID),
		upstream: up,
		client:   upstream.NewClient(up.URL, cfg.UpstreamIdle),
		notices:  live.NewNotices(cfg.Leaks.On(config.PresenceWatch)),
	}
	s.sockets = live.NewSockets(s.client)
	s.api = api.New(cfg, reg, auth.NewIssuer(cfg.TokenSecret, cfg.TokenTTL), s.events,
		api.Backends{Loyalty: s.client, Inbox: inbox})
	s.rollup = jobs.NewRollup(cfg.RollupEvery, s.events.ByType, s.client)

	r := gin.New()
	r.MaxMultipartMemory = api.MaxAvatarMemory
	auditing := s.audit.Middleware
	if cfg.Leaks.On(config.AuditBuffer) {
		auditing = s.audit.LeakyMiddleware
	}
	// The audit line names the request ID, so IDs come first, on every route.
	r.Use(gin.Recovery(), ids.Middleware, auditing, api.RequestMetrics(reg))
	r.NoRoute(api.NotFound)
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
	r.GET("/metrics", gin.WrapH(metrics))
	r.GET("/debug/vars", gin.WrapH(expvar.Handler()))

	activity := s.tracker.Middleware
	if cfg.Leaks.On(config.SessionStore) {
		activity = s.tracker.LeakyMiddleware
	}
	v1 := r.Group("/v1", activity)
	s.api.Register(v1)
	s.sockets.Register(v1)
	s.notices.Register(v1)
	inbox.Register(v1)
	s.router = r

	ctx, cancel := context.WithCancel(context.Background())
	s.stopWorkers = cancel
	s.workers.Add(2)
	go func() { defer s.workers.Done(); s.audit.Ship(ctx, io.Discard) }()
	go func() { defer s.workers.Done(); s.rollup.Run(ctx) }()
	return s, nil
}

// close stops the workers, the event deliveries, the upstream and the
// pool's idle connections.
func (s *service) close() {
	s.stopWorkers()
	s.workers.Wait()
	s.events.Close()
	s.upstream.Close()
	s.client.Close()
}

// stats is what /debug/vars shows under "sessionsvc".
func (s *service) stats() any {
	return map[string]any{
		"activity_records":     s.tracker.Len(),
		"events_delivered":     s.events.Delivered(),
		"carts":                s.api.CartCount(),
		"search_cache_size":    s.api.SearchCacheLen(),
		"loyalty_cache_size":   s.api.LoyaltyCacheLen(),
		"avatars_indexed":      s.api.AvatarsIndexed(),
		"cart_history_lines":   s.api.CartHistoryLines(),
		"popular_searches":     s.api.PopularSearches(),
		"audit_lines_kept":     s.audit.Kept(),
		"audit_lines_shipped":  s.audit.Shipped(),
		"upstream_connections": s.upstream.Conns(),
		"rollups_posted":       s.rollup.Posted(),
		"live_sockets":         s.sockets.Open(),
		"live_sockets_closing": s.sockets.Closing(),
		"users_online":         s.notices.Online(),
	}
}
