// Package config reads sessionsvc's command line. The flag names are what
// preflight-sessionsvc.conf and the README document, so treat them as API.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Leak names, one per planted bug. Each has a fixed twin that runs when the
// name is not switched on with -leaks.
const (
	SessionStore   = "session-store"
	EventGoroutine = "event-goroutine"
	MetricsLabel   = "metrics-label"
)

// LeakNames lists every leak in the order -list-leaks prints them.
func LeakNames() []string { return []string{SessionStore, EventGoroutine, MetricsLabel} }

// ErrUsage marks a bad command line; the process exits with code 2.
var ErrUsage = errors.New("usage")

// Config is everything the command line sets.
type Config struct {
	Addr           string
	PprofAddr      string
	Leaks          Leaks
	ListLeaks      bool
	ExitOnStdinEOF bool

	// SessionBytes is the payload each activity record carries;
	// SessionLeakEvery keeps 1 of every N records when session-store leaks.
	SessionBytes     int
	SessionLeakEvery int
	// EventLeakEvery: with event-goroutine on, 1 of every N events strands
	// its goroutine.
	EventLeakEvery int
	// MetricsLabelEvery: with metrics-label on, 1 of every N profile views
	// is counted under a per-user label.
	MetricsLabelEvery int

	SearchCacheSize int
	CartCacheSize   int
	TokenSecret     string
	TokenTTL        time.Duration
	DemoPassword    string
}

// Parse reads args (without the program name). Errors wrap ErrUsage, or are
// flag.ErrHelp for -h.
func Parse(args []string, stderr io.Writer) (Config, error) {
	var cfg Config
	var leaks string
	fs := flag.NewFlagSet("sessionsvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8480", "listen address of the API")
	fs.StringVar(&cfg.PprofAddr, "pprof-addr", "127.0.0.1:6480", "listen address of net/http/pprof (loopback); empty disables it")
	fs.StringVar(&leaks, "leaks", "none", "leaks to plant: none, all, or a comma list of "+strings.Join(LeakNames(), ", "))
	fs.BoolVar(&cfg.ListLeaks, "list-leaks", false, "print the leak names, one a line, and exit")
	fs.BoolVar(&cfg.ExitOnStdinEOF, "exit-on-stdin-eof", false, "shut down gracefully when stdin reaches EOF (the launcher died)")
	fs.IntVar(&cfg.SessionBytes, "session-bytes", 48, "payload bytes of each request's activity record (what session-store keeps per request, plus overhead)")
	fs.IntVar(&cfg.SessionLeakEvery, "session-leak-every", 1, "with session-store on, 1 of every N activity records is never removed")
	fs.IntVar(&cfg.EventLeakEvery, "event-leak-every", 1, "with event-goroutine on, 1 of every N POST /v1/events strands its goroutine")
	fs.IntVar(&cfg.MetricsLabelEvery, "metrics-label-every", 1, "with metrics-label on, 1 of every N profile views adds a per-user series")
	fs.IntVar(&cfg.SearchCacheSize, "search-cache-size", 256, "entries of the search result LRU")
	fs.IntVar(&cfg.CartCacheSize, "cart-cache-size", 512, "carts kept in memory (LRU)")
	fs.StringVar(&cfg.TokenSecret, "token-secret", "", "HMAC key of session tokens; empty: random per process")
	fs.DurationVar(&cfg.TokenTTL, "token-ttl", time.Hour, "lifetime of a session token")
	fs.StringVar(&cfg.DemoPassword, "demo-password", "preflight", "password every user name logs in with (the demo directory)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("%w: unexpected arguments %q", ErrUsage, fs.Args())
	}
	set, err := ParseLeaks(leaks)
	if err != nil {
		return cfg, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	cfg.Leaks = set
	for _, r := range []struct {
		name     string
		value    int
		min, max int
	}{
		{"-session-bytes", cfg.SessionBytes, 0, 1 << 20},
		{"-session-leak-every", cfg.SessionLeakEvery, 1, 1_000_000},
		{"-event-leak-every", cfg.EventLeakEvery, 1, 1_000_000},
		{"-metrics-label-every", cfg.MetricsLabelEvery, 1, 1_000_000},
		{"-search-cache-size", cfg.SearchCacheSize, 1, 1 << 20},
		{"-cart-cache-size", cfg.CartCacheSize, 1, 1 << 20},
	} {
		if r.value < r.min || r.value > r.max {
			return cfg, fmt.Errorf("%w: %s must be between %d and %d, not %d", ErrUsage, r.name, r.min, r.max, r.value)
		}
	}
	if cfg.TokenTTL <= 0 {
		return cfg, fmt.Errorf("%w: -token-ttl must be positive", ErrUsage)
	}
	if cfg.DemoPassword == "" {
		return cfg, fmt.Errorf("%w: -demo-password must not be empty", ErrUsage)
	}
	return cfg, nil
}

// Leaks is the set of leak names whose buggy variant is mounted.
type Leaks map[string]bool

// On reports whether the leak called name is planted.
func (l Leaks) On(name string) bool { return l[name] }

// String lists the planted leaks in LeakNames order, or "none".
func (l Leaks) String() string {
	var on []string
	for _, n := range LeakNames() {
		if l[n] {
			on = append(on, n)
		}
	}
	if len(on) == 0 {
		return "none"
	}
	return strings.Join(on, ",")
}

// ParseLeaks reads "none", "all" or a comma list of leak names.
func ParseLeaks(spec string) (Leaks, error) {
	set := Leaks{}
	switch spec = strings.TrimSpace(spec); spec {
	case "", "none":
		return set, nil
	case "all":
		for _, n := range LeakNames() {
			set[n] = true
		}
		return set, nil
	}
	for _, n := range strings.Split(spec, ",") {
		n = strings.TrimSpace(n)
		if !slices.Contains(LeakNames(), n) {
			return nil, fmt.Errorf("unknown leak %q; valid names are: none, all, %s", n, strings.Join(LeakNames(), ", "))
		}
		set[n] = true
	}
	return set, nil
}
