package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"time"

	"example.com/ordersvc/internal/config"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

const shutdownGrace = 5 * time.Second

// serve runs the API and pprof listeners until ctx ends, then shuts both
// down within shutdownGrace (streams and sockets still open are cut).
func serve(ctx context.Context, cfg config.Config, stdout io.Writer) error {
	gin.SetMode(gin.ReleaseMode)
	svc, err := setupRouter(cfg, promhttp.Handler())
	if err != nil {
		return err
	}
	defer svc.close()
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
	fmt.Fprintf(stdout, "ordersvc listening on http://%s (pid %d, pprof %s, leaks %s, warehouse %s)\n", ln.Addr(), os.Getpid(), pprofAt, cfg.Leaks, svc.warehouse.URL)

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	fmt.Fprintln(stdout, "ordersvc shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	for _, s := range servers {
		if err := s.Shutdown(shutdownCtx); err != nil {
			log.Printf("ordersvc: shutdown: %v", err)
			s.Close()
		}
	}
	if errors.Is(serveErr, http.ErrServerClosed) {
		return nil
	}
	return serveErr
}

// pprofMux serves net/http/pprof on its own mux and listener, never on the API's.
func pprofMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}
