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
	// PollJournal: every long poll is journaled in a map nothing trims.
	PollJournal Leak = "poll-journal"
	// AttachmentIndex: every uploaded attachment is indexed in a map nothing trims.
	AttachmentIndex Leak = "attachment-index"
	// StatusAudit: PUT /orders/{id}/status keeps every attempted change.
	StatusAudit Leak = "status-audit"
	// RequestJournal: the journal middleware (every route) keeps every line.
	RequestJournal Leak = "request-journal"
)

var allLeaks = []Leak{FeedProducer, PushTicker, PollWaiter, PollJournal, AttachmentIndex, StatusAudit, RequestJournal}

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
	// What poll-journal, attachment-index, status-audit and request-journal
	// keep per request (plus their overhead).
	PollJournalBytes     int
	AttachmentIndexBytes int
	StatusAuditBytes     int
	JournalBytes         int
	// The background life: idle keep-alive connections to the upstream close
	// after UpstreamIdle; the rates job runs every RatesEvery; the carrier's
	// tracking feed pushes every CarrierPushEvery.
	UpstreamIdle     time.Duration
	RatesEvery       time.Duration
	CarrierPushEvery time.Duration
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
	fs.IntVar(&cfg.PollJournalBytes, "poll-journal-bytes", 16, "with poll-journal on, bytes of cursor each poll's journal entry keeps (plus overhead)")
	fs.IntVar(&cfg.AttachmentIndexBytes, "attachment-index-bytes", 16, "with attachment-index on, bytes of digest each attachment's index entry keeps (plus overhead)")
	fs.IntVar(&cfg.StatusAuditBytes, "status-audit-bytes", 64, "with status-audit on, bytes of each attempted status change's audit record (plus overhead)")
	fs.IntVar(&cfg.JournalBytes, "journal-bytes", 100, "length of each request's journal line (what request-journal keeps per request)")
	fs.DurationVar(&cfg.UpstreamIdle, "upstream-idle", 3*time.Second, "idle keep-alive connections to the upstream close after this")
	fs.DurationVar(&cfg.RatesEvery, "rates-every", 5*time.Second, "interval of the exchange-rates refresh job")
	fs.DurationVar(&cfg.CarrierPushEvery, "carrier-push-every", 100*time.Millisecond, "interval of the carrier's tracking feed")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q: every setting is a flag", fs.Arg(0))
	}
	if cfg.OrdersKept < 1 {
		return cfg, errors.New("-orders-kept must be at least 1")
	}
	if cfg.PushEvery < time.Millisecond || cfg.UpstreamIdle < time.Millisecond || cfg.RatesEvery < time.Millisecond || cfg.CarrierPushEvery < time.Millisecond {
		return cfg, errors.New("-push-every, -upstream-idle, -rates-every and -carrier-push-every must be at least 1ms")
	}
	for name, v := range map[string]int{"-poll-journal-bytes": cfg.PollJournalBytes, "-attachment-index-bytes": cfg.AttachmentIndexBytes,
		"-status-audit-bytes": cfg.StatusAuditBytes} {
		if v < 0 || v > 1<<20 {
			return cfg, fmt.Errorf("%s must be between 0 and 1048576, not %d", name, v)
		}
	}
	if cfg.JournalBytes < 16 || cfg.JournalBytes > 1<<16 {
		return cfg, fmt.Errorf("-journal-bytes must be between 16 and 65536, not %d", cfg.JournalBytes)
	}
	var err error
	cfg.Leaks, err = ParseLeaks(leaks)
	return cfg, err
}
