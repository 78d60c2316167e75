// Package config reads intake's command line.
package config

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"
)

// PprofMux says how the pprof listener is wired.
type PprofMux string

const (
	// Stdlib is what the Go docs show: import _ "net/http/pprof" and serve http.DefaultServeMux.
	Stdlib PprofMux = "stdlib"
	// GinContrib registers github.com/gin-contrib/pprof on a Gin engine: a fixed list of profiles,
	// without goroutineleak.
	GinContrib PprofMux = "gin-contrib"
)

// FeedSubscribers is the one planted leak: the event feed's relay goroutine outlives its client.
const FeedSubscribers = "feed-subscribers"

// Config is the parsed command line.
type Config struct {
	Addr         string
	PprofAddr    string
	PprofMux     PprofMux
	ScannerURL   string
	MaxUpload    int64
	Keep         int
	Retention    time.Duration
	PurgeEvery   time.Duration
	RefreshEvery time.Duration
	Heartbeat    time.Duration
	LeakyFeed    bool
}

// Parse reads args; flag.ErrHelp for -h, an error naming the flag otherwise.
func Parse(args []string, stderr io.Writer) (Config, error) {
	var cfg Config
	var mux, leaks string
	fs := flag.NewFlagSet("intake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8080", "API listen address")
	fs.StringVar(&cfg.PprofAddr, "pprof-addr", "127.0.0.1:6060", "pprof listen address (loopback only); empty: off")
	fs.StringVar(&mux, "pprof-mux", string(Stdlib), "how pprof is served: stdlib (net/http/pprof) or gin-contrib (github.com/gin-contrib/pprof)")
	fs.StringVar(&cfg.ScannerURL, "scanner-url", "", "base URL of the virus scanner; empty: a built-in scanner on a loopback port")
	fs.Int64Var(&cfg.MaxUpload, "max-upload", 8<<20, "largest accepted upload body in bytes")
	fs.IntVar(&cfg.Keep, "keep", 1000, "documents kept; the oldest are forgotten first")
	fs.DurationVar(&cfg.Retention, "retention", 10*time.Minute, "documents older than this are purged")
	fs.DurationVar(&cfg.PurgeEvery, "purge-every", time.Second, "how often the retention job runs")
	fs.DurationVar(&cfg.RefreshEvery, "refresh-every", 2*time.Second, "how often the scanner's signatures are refreshed")
	fs.DurationVar(&cfg.Heartbeat, "heartbeat", time.Second, "interval of the event feed's heartbeat")
	fs.StringVar(&leaks, "leaks", "none", "planted leaks: none, or "+FeedSubscribers)
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	switch PprofMux(mux) {
	case Stdlib, GinContrib:
		cfg.PprofMux = PprofMux(mux)
	default:
		return Config{}, fmt.Errorf("-pprof-mux %q: want %s or %s", mux, Stdlib, GinContrib)
	}
	switch strings.TrimSpace(leaks) {
	case "", "none":
	case FeedSubscribers, "all":
		cfg.LeakyFeed = true
	default:
		return Config{}, fmt.Errorf("-leaks %q: want none, all or %s", leaks, FeedSubscribers)
	}
	for name, d := range map[string]time.Duration{"-retention": cfg.Retention, "-purge-every": cfg.PurgeEvery,
		"-refresh-every": cfg.RefreshEvery, "-heartbeat": cfg.Heartbeat} {
		if d <= 0 {
			return Config{}, fmt.Errorf("%s %v: want a positive duration", name, d)
		}
	}
	if cfg.MaxUpload < 1<<10 || cfg.Keep < 1 {
		return Config{}, fmt.Errorf("-max-upload %d, -keep %d: want at least 1 KiB and 1 document", cfg.MaxUpload, cfg.Keep)
	}
	return cfg, nil
}
