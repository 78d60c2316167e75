package main

import (
	"context"
	"errors"
	"expvar"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"example.com/sessionsvc/internal/config"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// serve runs the API and pprof listeners until ctx ends, then shuts both
// down within shutdownGrace.
func serve(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	gin.SetMode(gin.ReleaseMode)
	reg := &ownedRegisterer{Registerer: prometheus.DefaultRegisterer}
	defer reg.unregisterAll()
	svc, err := setupRouter(cfg, reg, promhttp.Handler())
	if err != nil {
		return err
	}
	defer svc.close()
	current.Store(svc)
	publishStats.Do(func() {
		expvar.Publish("sessionsvc", expvar.Func(func() any { return current.Load().stats() }))
	})

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: svc.router, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	servers := []*http.Server{srv}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()

	pprofAt := "off"
	if cfg.PprofAddr != "" {
		pln, err := net.Listen("tcp", cfg.PprofAddr)
		if err != nil {
			srv.Close()
			return err
		}
		psrv := &http.Server{Handler: pprofMux(), ReadHeaderTimeout: 5 * time.Second}
		servers = append(servers, psrv)
		go func() { errc <- psrv.Serve(pln) }()
		pprofAt = "http://" + pln.Addr().String() + "/debug/pprof/"
	}
	fmt.Fprintf(stdout, "sessionsvc listening on http://%s (pid %d, pprof %s, leaks %s, traps %s, upstream %s)\n", ln.Addr(), os.Getpid(), pprofAt, cfg.Leaks, cfg.Traps, svc.upstream.URL)

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	fmt.Fprintln(stdout, "sessionsvc shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	for _, s := range servers {
		if err := s.Shutdown(shutdownCtx); err != nil {
			log.Printf("sessionsvc: shutdown: %v", err)
			s.Close()
		}
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}

// The expvar name can be published once per process; it shows the service
// serving now.
var (
	publishStats sync.Once
	current      atomic.Pointer[service]
)

// ownedRegisterer remembers what the service registered on the default
// registry, so that a second serve in the same process (tests) can register
// it again.
type ownedRegisterer struct {
	prometheus.Registerer
	mu    sync.Mutex
	owned []prometheus.Collector
}

func (r *ownedRegisterer) Register(c prometheus.Collector) error {
	if err := r.Registerer.Register(c); err != nil {
		return err
	}
	r.mu.Lock()
	r.owned = append(r.owned, c)
	r.mu.Unlock()
	return nil
}

func (r *ownedRegisterer) MustRegister(cs ...prometheus.Collector) {
	for _, c := range cs {
		if err := r.Register(c); err != nil {
			panic(err)
		}
	}
}

func (r *ownedRegisterer) unregisterAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range r.owned {
		r.Registerer.Unregister(c)
	}
	r.owned = nil
}

// pprofMux serves net/http/pprof on its own mux and listener, never on the
// API's.
func pprofMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
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
