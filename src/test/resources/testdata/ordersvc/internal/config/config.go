// Package config reads ordersvc's command line.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Leak is one planted leak, switched on by -leaks.
type Leak string

const (
	// FeedProducer: the SSE producer goroutine of an order feed outlives a client that drops.
	FeedProducer Leak = "feed-producer"
	// PushTicker: the ticker goroutine of a price socket outlives the socket.
	PushTicker Leak = "push-ticker"
	// PollWaiter: a long poll that times out leaves its waiter goroutine parked.
	PollWaiter Leak = "poll-waiter"
)

var allLeaks = []Leak{FeedProducer, PushTicker, PollWaiter}

// LeakNames lists every leak -leaks accepts, sorted.
func LeakNames() []string {
	names := make([]string, 0, len(allLeaks))
	for _, l := range allLeaks {
		names = append(names, string(l))
	}
	sort.Strings(names)
	return names
}

// Leaks is the set of planted leaks that are on.
type Leaks map[Leak]bool

// On says whether the leak l is planted.
func (s Leaks) On(l Leak) bool { return s[l] }

func (s Leaks) String() string {
	if len(s) == 0 {
		return "none"
	}
	var on []string
	for l := range s {
		on = append(on, string(l))
	}
	sort.Strings(on)
	return strings.Join(on, ",")
}

// ParseLeaks reads "none", "all" or a comma list of leak names.
func ParseLeaks(value string) (Leaks, error) {
	leaks := Leaks{}
	switch strings.TrimSpace(value) {
	case "", "none":
		return leaks, nil
	case "all":
		for _, l := range allLeaks {
			leaks[l] = true
		}
		return leaks, nil
	}
	for _, name := range strings.Split(value, ",") {
		l := Leak(strings.TrimSpace(name))
		known := false
		for _, k := range allLeaks {
			known = known || k == l
		}
		if !known {
			return nil, fmt.Errorf("unknown leak %q: the leaks are none, all, %s", l, strings.Join(LeakNames(), ", "))
		}
		leaks[l] = true
	}
	return leaks, nil
}

// Config is the parsed command line.
type Config struct {
	Addr           string
	PprofAddr      string
	Leaks          Leaks
	ListLeaks      bool
	ExitOnStdinEOF bool
	// OrdersKept bounds the order store: the oldest order is forgotten past it.
	OrdersKept int
	// PushEvery is the price socket's push interval.
	PushEvery time.Duration
}

// Parse reads args; errors name the flag and the fix.
func Parse(args []string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("ordersvc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg Config
	var leaks string
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:8580", "API listen address")
	fs.StringVar(&cfg.PprofAddr, "pprof-addr", "127.0.0.1:6580", "net/http/pprof listen address; empty: off")
	fs.StringVar(&leaks, "leaks", "none", "none, all, or a comma list of "+strings.Join(LeakNames(), ", "))
	fs.BoolVar(&cfg.ListLeaks, "list-leaks", false, "print the leak names and exit")
	fs.BoolVar(&cfg.ExitOnStdinEOF, "exit-on-stdin-eof", false, "shut down when stdin closes")
	fs.IntVar(&cfg.OrdersKept, "orders-kept", 1000, "orders kept in memory (oldest forgotten first)")
	fs.DurationVar(&cfg.PushEvery, "push-every", 50*time.Millisecond, "price socket push interval")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q: every setting is a flag", fs.Arg(0))
	}
	if cfg.OrdersKept < 1 {
		return cfg, errors.New("-orders-kept must be at least 1")
	}
	if cfg.PushEvery < time.Millisecond {
		return cfg, errors.New("-push-every must be at least 1ms")
	}
	var err error
	cfg.Leaks, err = ParseLeaks(leaks)
	return cfg, err
}
