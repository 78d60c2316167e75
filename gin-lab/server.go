package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
)

// shutdownGrace bounds srv.Shutdown: long-lived streams and leaked
// connections would otherwise hold the process open forever.
const shutdownGrace = 5 * time.Second

// run is main without os.Exit, so tests can drive the flags.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stderr, "gin-lab:", err)
		}
		return 2
	}
	// Before the lab allocates anything: pprof samples one allocation per MemProfileRate bytes, so a
	// site that only churns (a full LRU) can look like growth by a few samples; finer sampling makes the
	// "top growth" of a calibration run stable.
	runtime.MemProfileRate = cfg.memProfileRate
	switch {
	case cfg.listLeaks:
		printPatternNames(stdout)
		return 0
	case cfg.catalogueJSON:
		if err := printCatalogueJSON(stdout); err != nil {
			fmt.Fprintln(stderr, "gin-lab:", err)
			return 1
		}
		return 0
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if cfg.exitOnStdinEOF {
		ctx = cancelOnEOF(ctx, stdin)
	}
	if err := serve(ctx, cfg, stdout); err != nil {
		fmt.Fprintln(stderr, "gin-lab:", err)
		return 1
	}
	return 0
}

// cancelOnEOF ends ctx when stdin closes: the Java launcher holds the other
// end of the pipe, so even a kill -9 of the JVM stops the lab, no orphans.
func cancelOnEOF(parent context.Context, stdin io.Reader) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		defer cancel()
		_, _ = io.Copy(io.Discard, stdin)
	}()
	return ctx
}

func serve(ctx context.Context, cfg config, stdout io.Writer) error {
	gin.SetMode(gin.ReleaseMode)
	l, err := newLab(cfg)
	if err != nil {
		return err
	}
	defer l.Close()

	apiLn, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	// Handlers of long connections watch this context, so shutdown ends
	// SSE streams and long polls instead of waiting for shutdownGrace.
	baseCtx, cancelBase := context.WithCancel(context.Background())
	defer cancelBase()
	srv := &http.Server{
		Handler:           setupRouter(l),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return baseCtx },
	}
	servers := []*http.Server{srv}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(apiLn) }()

	pprofURL := "off"
	if cfg.pprofAddr != "" {
		pprofLn, err := net.Listen("tcp", cfg.pprofAddr)
		if err != nil {
			apiLn.Close()
			return err
		}
		psrv := &http.Server{Handler: pprofMux(), ReadHeaderTimeout: 10 * time.Second}
		servers = append(servers, psrv)
		go func() { errc <- psrv.Serve(pprofLn) }()
		pprofURL = "http://" + pprofLn.Addr().String()
	}
	fmt.Fprintf(stdout, "gin-lab listening on http://%s (pprof: %s, leaks: %s)\n", apiLn.Addr(), pprofURL, cfg.leaks)

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	cancelBase()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	for _, s := range servers {
		if err := s.Shutdown(shutdownCtx); err != nil {
			log.Printf("gin-lab: shutdown: %v; closing remaining connections", err)
			s.Close()
		}
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		serveErr = nil
	}
	return serveErr
}

// pprofMux serves net/http/pprof on a fresh mux: importing net/http/pprof
// also registers on http.DefaultServeMux, which we never serve.
func pprofMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
