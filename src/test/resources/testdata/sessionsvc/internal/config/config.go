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
	// AvatarIndex: POST /v1/avatars indexes every upload in a map nothing prunes.
	AvatarIndex = "avatar-index"
	// CartHistory: "add item" keeps a history line per add that outlives the cart.
	CartHistory = "cart-history"
	// AuditBuffer: the audit middleware (every route) never empties its shipping buffer.
	AuditBuffer = "audit-buffer"
	// PresenceWatch: GET /v1/notifications leaves its presence goroutine behind when the client drops.
	PresenceWatch = "presence-watch"
)

// LeakNames lists every leak in the order -list-leaks prints them.
func LeakNames() []string {
	return []string{SessionStore, EventGoroutine, MetricsLabel, AvatarIndex, CartHistory, AuditBuffer, PresenceWatch}
}

// SearchHistory is the one trap: a bounded cache (not a leak) that the
// search endpoint fills with one new key per new term, slowly.
const SearchHistory = "search-history"

// TrapNames lists every trap -traps accepts.
func TrapNames() []string { return []string{SearchHistory} }

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

	// AvatarIndexBytes, CartHistoryBytes, AuditBytes size what avatar-index,
	// cart-history and audit-buffer keep per request.
	AvatarIndexBytes int
	CartHistoryBytes int
	AuditBytes       int

	// Traps switches on healthy look-alikes that take long to settle;
	// SearchHistorySize bounds the search-history trap's cache.
	Traps             Leaks
	SearchHistorySize int

	SearchCacheSize  int
	CartCacheSize    int
	LoyaltyCacheSize int

	// The background life every real service has: an upstream reached over
	// a keep-alive pool whose idle connections close after UpstreamIdle, a
	// rollup job every RollupEvery, a notification feed pushing every
	// FeedPushEvery to the live sockets.
	UpstreamIdle  time.Duration
	RollupEvery   time.Duration
	FeedPushEvery time.Duration

	TokenSecret  string
	TokenTTL     time.Duration
	DemoPassword string
}

// Parse reads args (without the program name). Errors wrap ErrUsage, or are
// flag.ErrHelp for -h.
func Parse(args []string, stderr io.Writer) (Config, error) {
	var cfg Config
	var leaks, traps string
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
	fs.IntVar(&cfg.AvatarIndexBytes, "avatar-index-bytes", 32, "with avatar-index on, bytes of digest each upload's index entry keeps (plus overhead)")
	fs.IntVar(&cfg.CartHistoryBytes, "cart-history-bytes", 64, "with cart-history on, bytes of note each history line keeps (plus overhead)")
	fs.IntVar(&cfg.AuditBytes, "audit-bytes", 100, "length of each request's audit line (what audit-buffer keeps per request)")
	fs.StringVar(&traps, "traps", "none", "healthy look-alikes to switch on: none, all, or "+strings.Join(TrapNames(), ", "))
	fs.IntVar(&cfg.SearchHistorySize, "search-history-size", 4096, "entries of the search-history trap's bounded cache")
	fs.IntVar(&cfg.SearchCacheSize, "search-cache-size", 256, "entries of the search result LRU")
	fs.IntVar(&cfg.CartCacheSize, "cart-cache-size", 512, "carts kept in memory (LRU)")
	fs.IntVar(&cfg.LoyaltyCacheSize, "loyalty-cache-size", 1024, "loyalty balances kept (LRU keyed by user)")
	fs.DurationVar(&cfg.UpstreamIdle, "upstream-idle", 3*time.Second, "idle keep-alive connections to the upstream close after this")
	fs.DurationVar(&cfg.RollupEvery, "rollup-every", 5*time.Second, "interval of the analytics rollup job")
	fs.DurationVar(&cfg.FeedPushEvery, "feed-push-every", 100*time.Millisecond, "interval of the upstream notification feed")
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
	trapSet, err := parseNames(traps, "trap", TrapNames())
	if err != nil {
		return cfg, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	cfg.Traps = trapSet
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
		{"-loyalty-cache-size", cfg.LoyaltyCacheSize, 1, 1 << 20},
		{"-search-history-size", cfg.SearchHistorySize, 1, 1 << 22},
		{"-avatar-index-bytes", cfg.AvatarIndexBytes, 0, 1 << 20},
		{"-cart-history-bytes", cfg.CartHistoryBytes, 0, 1 << 20},
		{"-audit-bytes", cfg.AuditBytes, 16, 1 << 16},
	} {
		if r.value < r.min || r.value > r.max {
			return cfg, fmt.Errorf("%w: %s must be between %d and %d, not %d", ErrUsage, r.name, r.min, r.max, r.value)
		}
	}
	for _, d := range []struct {
		name  string
		value time.Duration
	}{{"-upstream-idle", cfg.UpstreamIdle}, {"-rollup-every", cfg.RollupEvery}, {"-feed-push-every", cfg.FeedPushEvery}} {
		if d.value < time.Millisecond {
			return cfg, fmt.Errorf("%w: %s must be at least 1ms, not %s", ErrUsage, d.name, d.value)
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

// Leaks is a set of names (leaks planted, or traps switched on).
type Leaks map[string]bool

// On reports whether the leak called name is planted.
func (l Leaks) On(name string) bool { return l[name] }

// String lists the names in LeakNames then TrapNames order, or "none".
func (l Leaks) String() string {
	var on []string
	for _, n := range append(LeakNames(), TrapNames()...) {
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
func ParseLeaks(spec string) (Leaks, error) { return parseNames(spec, "leak", LeakNames()) }

func parseNames(spec, kind string, valid []string) (Leaks, error) {
	set := Leaks{}
	switch spec = strings.TrimSpace(spec); spec {
	case "", "none":
		return set, nil
	case "all":
		for _, n := range valid {
			set[n] = true
		}
		return set, nil
	}
	for _, n := range strings.Split(spec, ",") {
		n = strings.TrimSpace(n)
		if !slices.Contains(valid, n) {
			return nil, fmt.Errorf("unknown %s %q; valid names are: none, all, %s", kind, n, strings.Join(valid, ", "))
		}
		set[n] = true
	}
	return set, nil
}
