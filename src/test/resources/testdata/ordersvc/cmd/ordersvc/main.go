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
	"syscall"

	"example.com/ordersvc/internal/api"
	"example.com/ordersvc/internal/config"
	"example.com/ordersvc/internal/feeds"
	"example.com/ordersvc/internal/orders"
	"example.com/ordersvc/internal/poll"
	"example.com/ordersvc/internal/sockets"
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

// setupRouter builds the whole HTTP surface; metrics serves /metrics.
func setupRouter(cfg config.Config, metrics http.Handler) (*gin.Engine, *orders.Store) {
	store := orders.NewStore(cfg.OrdersKept)
	hub := poll.NewHub(cfg.Leaks.On(config.PollWaiter))

	r := gin.New()
	r.Use(gin.Recovery())
	r.NoRoute(api.NotFound)
	r.GET("/healthz", func(c *gin.Context) { c.String(http.StatusOK, "ok\n") })
	r.GET("/metrics", gin.WrapH(metrics))

	v2 := r.Group("/api/v2")
	api.New(store, hub.Publish).Register(v2)
	hub.Register(v2)
	feeds.New(cfg.Leaks.On(config.FeedProducer)).Register(v2)
	sockets.NewPrices(cfg.PushEvery, cfg.Leaks.On(config.PushTicker)).Register(v2)
	sockets.NewCheckout(store, hub.Publish).Register(v2)
	return r, store
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
