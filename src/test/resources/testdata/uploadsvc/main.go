// Command uploadsvc is a small service that is not gin-lab: Gin Preflight's
// tests start it through preflight.target.command to show that a user's own
// service gets the same treatment. It stores uploads in temp files and, with
// -keep-temp-files, forgets to remove them: a leak that shows in no heap,
// goroutine or descriptor count, only in its temp directory.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// shutdownGrace bounds srv.Shutdown so a stuck connection cannot hold the
// process past the launcher's own grace period.
const shutdownGrace = 3 * time.Second

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	keepTempFiles := flag.Bool("keep-temp-files", false, "leak: never remove upload temp files")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, *addr, newMux(*keepTempFiles)); err != nil {
		fmt.Fprintln(os.Stderr, "uploadsvc:", err)
		os.Exit(1)
	}
}

func newMux(keepTempFiles bool) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	if keepTempFiles {
		mux.HandleFunc("POST /upload", leakyUpload)
	} else {
		mux.HandleFunc("POST /upload", fixedUpload)
	}
	mux.Handle("GET /metrics", promhttp.Handler())
	// pprof on the API listener is fine for a loopback-only test service.
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

func serve(ctx context.Context, addr string, handler http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 5 * time.Second}
	fmt.Printf("uploadsvc: listening on %s (pid %d, temp dir %s)\n", ln.Addr(), os.Getpid(), os.TempDir())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	fmt.Println("uploadsvc: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
