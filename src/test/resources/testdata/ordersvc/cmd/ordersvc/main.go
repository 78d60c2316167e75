// Command ordersvc is a small orders API (REST, two SSE feeds, two
// WebSockets, a long poll) that Gin Preflight loads as a service not written
// like gin-lab. -leaks plants leaks in its long connections; see README.md.
//
//	@title			ordersvc
//	@version		2.0
//	@description	Orders placed, read, listed and moved on. The feeds, sockets and long poll are not in this document: OpenAPI 2 cannot describe them.
//	@BasePath		/api/v2
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"example.com/ordersvc/internal/api"
	"example.com/ordersvc/internal/attachments"
	"example.com/ordersvc/internal/config"
	"example.com/ordersvc/internal/feeds"
	"example.com/ordersvc/internal/journal"
	"example.com/ordersvc/internal/orders"
	"example.com/ordersvc/internal/poll"
	"example.com/ordersvc/internal/rates"
	"example.com/ordersvc/internal/sockets"
	"example.com/ordersvc/internal/tracking"
	"example.com/ordersvc/internal/upstream"
	"github.com/gin-gonic/gin"
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
		fmt.Fprintln(stderr, "ordersvc:", err)
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
		fmt.Fprintln(stderr, "ordersvc:", err)
		return 1
	}
	return 0
}

// service is the router, its background workers and what must be closed
// after it.
type service struct {
	router      *gin.Engine
	store       *orders.Store
	api         *api.Handlers
	hub         *poll.Hub
	attachments *attachments.Store
	journal     *journal.Journal
	tracking    *tracking.Relay
	rates       *rates.Book
	warehouse   *upstream.Warehouse
	client      *upstream.Client

	stopWorkers context.CancelFunc
	workers     sync.WaitGroup
}

// setupRouter builds the whole HTTP surface and starts the background life
// of a real service: the warehouse it calls (in this process, on its own
// loopback listener, over a keep-alive pool) and the rates job; metrics
// serves /metrics. close stops it all.
func setupRouter(cfg config.Config, metrics http.Handler) (*service, error) {
	warehouse, err := upstream.Listen(cfg.CarrierPushEvery)
	if err != nil {
		return nil, err
	}
	s := &service{
		store:       orders.NewStore(cfg.OrdersKept),
		hub:         poll.NewHub(cfg.Leaks.On(config.PollWaiter), cfg.Leaks.On(config.PollJournal), cfg.PollJournalBytes),
		attachments: attachments.NewStore(cfg.Leaks.On(config.AttachmentIndex), cfg.AttachmentIndexBytes),
		journal:     journal.New(cfg.JournalBytes),
		warehouse:   warehouse,
		client:      upstream.NewClient(warehouse.URL, cfg.UpstreamIdle),
	}
	s.api = api.New(s.store, s.hub.Publish, s.client, cfg.Leaks.On(config.StatusAudit), cfg.StatusAuditBytes)
	s.tracking = tracking.NewRelay(s.client)
	s.rates = rates.NewBook(cfg.RatesEvery, s.client)

	r := gin.New()
	r.MaxMultipartMemory = attachments.MaxMemory
	journaling := s.journal.Ring
	if cfg.Leaks.On(config.RequestJournal) {
		journaling = s.journal.Leaky
	}
	r.Use(gin.Recovery(), journaling)
	r.NoRoute(api.NotFound)
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
	r.GET("/metrics", gin.WrapH(metrics))

	v2 := r.Group("/api/v2")
	s.api.Register(v2)
	s.hub.Register(v2)
	s.attachments.Register(v2)
	feeds.New(cfg.Leaks.On(config.FeedProducer)).Register(v2)
	sockets.NewPrices(cfg.PushEvery, cfg.Leaks.On(config.PushTicker)).Register(v2)
	sockets.NewCheckout(s.store, s.hub.Publish).Register(v2)
	s.tracking.Register(v2)
	s.router = r

	ctx, cancel := context.WithCancel(context.Background())
	s.stopWorkers = cancel
	s.workers.Add(1)
	go func() { defer s.workers.Done(); s.rates.Run(ctx) }()
	return s, nil
}

// close stops the rates job, the warehouse and the pool's idle connections.
func (s *service) close() {
	s.stopWorkers()
	s.workers.Wait()
	s.warehouse.Close()
	s.client.Close()
}

// cancelOnEOF ends ctx when stdin closes: a launcher that holds the other
// end of the pipe and dies, even by SIGKILL, takes the service with it.
func cancelOnEOF(parent context.Context, stdin io.Reader) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		defer cancel()
		_, _ = io.Copy(io.Discard, stdin)
	}()
	return ctx
}
