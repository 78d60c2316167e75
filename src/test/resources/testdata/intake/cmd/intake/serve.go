package main

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"example.org/intake/internal/config"
	"example.org/intake/internal/debugserver"
	"example.org/intake/internal/documents"
	"example.org/intake/internal/events"
	"example.org/intake/internal/httpapi"
	"example.org/intake/internal/jobs"
	"example.org/intake/internal/scanner"
	"github.com/gin-gonic/gin"
)

// shutdownGrace bounds srv.Shutdown: uploads in flight get this long to finish.
const shutdownGrace = 5 * time.Second

// serve runs the API, the pprof listener and the background jobs until ctx
// ends. listening, when not nil, is given both addresses once they accept.
func serve(ctx context.Context, cfg config.Config, stdout io.Writer, listening func(api, pprof string)) error {
	gin.SetMode(gin.ReleaseMode)
	log := slog.New(slog.NewJSONHandler(stdout, nil))
	scannerURL := cfg.ScannerURL
	if scannerURL == "" {
		url, stop, err := scanner.StartStub()
		if err != nil {
			return err
		}
		defer stop()
		scannerURL = url
	}
	scan := scanner.NewClient(scannerURL)
	defer scan.Close()
	store := documents.NewStore(cfg.Keep)
	hub := events.NewHub()
	defer runJobs(cfg, store, hub, scan, log)()

	router, _ := httpapi.NewRouter(httpapi.Deps{Store: store, Hub: hub, Scanner: scan, MaxUpload: cfg.MaxUpload,
		LeakyFeed: cfg.LeakyFeed, Log: log})
	apiLn, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	// The event feeds never end by themselves: they watch this context, which shutdown cancels first.
	streams, endStreams := context.WithCancel(context.Background())
	defer endStreams()
	api := &http.Server{Handler: router, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return streams }}
	servers := []*http.Server{api}
	errc := make(chan error, len(servers)+1)
	go func() { errc <- api.Serve(apiLn) }()

	pprofAddr := ""
	if cfg.PprofAddr != "" {
		pprofLn, err := net.Listen("tcp", cfg.PprofAddr)
		if err != nil {
			api.Close()
			return err
		}
		debug := &http.Server{Handler: debugserver.Handler(cfg.PprofMux), ReadHeaderTimeout: 10 * time.Second}
		servers = append(servers, debug)
		go func() { errc <- debug.Serve(pprofLn) }()
		pprofAddr = pprofLn.Addr().String()
	}
	leaks := "none"
	if cfg.LeakyFeed {
		leaks = config.FeedSubscribers
	}
	log.Info("listening", "api", "http://"+apiLn.Addr().String(), "pprof", pprofAddr, "pprof_mux", string(cfg.PprofMux),
		"scanner", scannerURL, "leaks", leaks)
	if listening != nil {
		listening(apiLn.Addr().String(), pprofAddr)
	}

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	log.Info("shutting down")
	endStreams()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	for _, s := range servers {
		if err := s.Shutdown(shutdownCtx); err != nil {
			log.Warn("shutdown", "error", err.Error())
			s.Close()
		}
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}

// runJobs starts the timer-driven work: the retention purge, the scanner's
// signature refresh (an upstream call over the kept-alive client) and the
// feed's heartbeat. The returned func stops them and waits until they have.
func runJobs(cfg config.Config, store *documents.Store, hub *events.Hub, scan *scanner.Client, log *slog.Logger) func() {
	ctx, cancel := context.WithCancel(context.Background())
	done := []<-chan struct{}{
		jobs.Every(ctx, cfg.PurgeEvery, func(context.Context) {
			if n := store.PurgeBefore(time.Now().Add(-cfg.Retention)); n > 0 {
				log.Info("purged", "documents", n)
			}
		}),
		jobs.Every(ctx, cfg.RefreshEvery, func(ctx context.Context) {
			ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			if _, err := scan.Signatures(ctx); err != nil {
				log.Warn("signature refresh failed", "error", err.Error())
			}
		}),
		jobs.Every(ctx, cfg.Heartbeat, func(context.Context) {
			hub.Publish(events.Event{Name: "heartbeat", Data: gin.H{"at": time.Now().UTC()}})
		}),
	}
	return func() {
		cancel()
		for _, d := range done {
			<-d
		}
	}
}
