package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"
)

// config holds every command-line setting; the Java launcher relies on the
// flag names and defaults, so they are part of the contract.
type config struct {
	addr            string
	pprofAddr       string
	leaks           leakSet
	listLeaks       bool
	catalogueJSON   bool
	exitOnStdinEOF  bool
	uploadLimit     int64
	multipartMemory int64
	auditRecordSize int
	notifyLeakEvery int
	memProfileRate  int
	drainLinger     time.Duration
	drainCap        int
	// summaryEntries bounds the fixed summary cache (-summary-cache-entries):
	// a size the warm-up does not fill makes it the filling-cache trap.
	summaryEntries int
	// closeLinger is how long a WebSocket's handler waits after its client
	// left before it lets go (-close-linger; trap_close_linger.go).
	closeLinger time.Duration
	// plantBytes and plantRoutes are the planted small leak
	// (-leak-bytes-per-request, -leak-routes; planted_leak.go).
	plantBytes  int
	plantRoutes string
	// plantGoroutinesEvery strands one goroutine in every N requests on the
	// same routes (-leak-goroutines-every; planted_goroutines.go).
	plantGoroutinesEvery int
}

const (
	defaultUploadLimit = 64 << 20
	// Same default as gin.Engine.MaxMultipartMemory.
	defaultMultipartMemory = 32 << 20
)

// errUsage marks errors that must end the process with exit code 2.
var errUsage = errors.New("usage")

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	var leaks string
	fs := flag.NewFlagSet("gin-lab", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "listen address of the API")
	fs.StringVar(&cfg.pprofAddr, "pprof-addr", "127.0.0.1:6060", "listen address of net/http/pprof; empty disables pprof")
	fs.StringVar(&leaks, "leaks", "none", "leak patterns to switch on: none, all, or a comma list (see -list-leaks)")
	fs.BoolVar(&cfg.listLeaks, "list-leaks", false, "print the pattern names, one a line, and exit")
	fs.BoolVar(&cfg.catalogueJSON, "catalogue-json", false, "print the catalogue of patterns and traps as JSON and exit")
	fs.BoolVar(&cfg.exitOnStdinEOF, "exit-on-stdin-eof", false, "shut down gracefully when stdin reaches EOF (the launcher died)")
	fs.Int64Var(&cfg.uploadLimit, "upload-limit", defaultUploadLimit, "largest accepted request body in bytes (http.MaxBytesReader)")
	fs.IntVar(&cfg.auditRecordSize, "audit-record-bytes", defaultAuditRecordSize, "bytes each request's audit record weighs (what global-map leaks per request)")
	fs.IntVar(&cfg.memProfileRate, "mem-profile-rate", runtime.MemProfileRate, "bytes allocated per heap profile sample (runtime.MemProfileRate); smaller = finer allocation sites, more overhead")
	fs.IntVar(&cfg.notifyLeakEvery, "notify-leak-every", 1, "with blocked-goroutine on, 1 of every N POST /api/notify leaks its goroutine (the others take the fix)")
	fs.Int64Var(&cfg.multipartMemory, "multipart-memory", defaultMultipartMemory, "gin MaxMultipartMemory in bytes; larger parts spill to temp files")
	fs.DurationVar(&cfg.drainLinger, "drain-linger", defaultDrainLinger, "trap slow-drain: how long a POST /api/handoff worker lingers after its job (at most 1m)")
	fs.IntVar(&cfg.drainCap, "drain-cap", defaultDrainCap, "trap slow-drain: most POST /api/handoff workers lingering at once")
	fs.IntVar(&cfg.summaryEntries, "summary-cache-entries", fixedSummaryCacheCapacity, "entries of the fixed GET /api/items/:id/summary cache (about 1.2 KiB each); more than the binding warm-up's new ids make it a cache still filling in the judged rounds")
	fs.DurationVar(&cfg.closeLinger, "close-linger", 0, "trap close-linger: how long a WebSocket handler holds its connection after the client left, as a library waiting for a close frame does (0 = not at all, at most 1m)")
	fs.IntVar(&cfg.plantBytes, "leak-bytes-per-request", 0, "plant a leak: every request on the -leak-routes routes keeps this many bytes forever (0 = off; independent of -leaks)")
	fs.IntVar(&cfg.plantGoroutinesEvery, "leak-goroutines-every", 0, "plant a goroutine leak: 1 of every N requests on the -leak-routes routes strands a goroutine forever (0 = off; independent of -leaks)")
	fs.StringVar(&cfg.plantRoutes, "leak-routes", "all", "routes of -leak-bytes-per-request and -leak-goroutines-every: all (every /api route) or a comma list of families ("+strings.Join(familyNames(), ", ")+") and routes (\"GET /api/catalog/:sku\")")
	if err := fs.Parse(args); err != nil {
		return cfg, fmt.Errorf("%w: %w", errUsage, err)
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	set, err := parseLeakSet(leaks)
	if err != nil {
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	cfg.leaks = set
	if cfg.uploadLimit <= 0 || cfg.multipartMemory <= 0 {
		return cfg, fmt.Errorf("%w: -upload-limit and -multipart-memory must be positive", errUsage)
	}
	if cfg.auditRecordSize <= 0 || cfg.auditRecordSize > 1<<20 {
		return cfg, fmt.Errorf("%w: -audit-record-bytes must be between 1 and 1048576", errUsage)
	}
	if cfg.memProfileRate < 1 {
		return cfg, fmt.Errorf("%w: -mem-profile-rate must be at least 1", errUsage)
	}
	if cfg.notifyLeakEvery < 1 || cfg.notifyLeakEvery > 1_000_000 {
		return cfg, fmt.Errorf("%w: -notify-leak-every must be between 1 and 1000000", errUsage)
	}
	if cfg.drainLinger <= 0 || cfg.drainLinger > maxDrainLinger {
		return cfg, fmt.Errorf("%w: -drain-linger must be more than 0 and at most %v", errUsage, maxDrainLinger)
	}
	if cfg.drainCap < 1 || cfg.drainCap > maxDrainCap {
		return cfg, fmt.Errorf("%w: -drain-cap must be between 1 and %d", errUsage, maxDrainCap)
	}
	if cfg.summaryEntries < 1 || cfg.summaryEntries > 1_000_000 {
		return cfg, fmt.Errorf("%w: -summary-cache-entries must be between 1 and 1000000", errUsage)
	}
	if cfg.closeLinger < 0 || cfg.closeLinger > time.Minute {
		return cfg, fmt.Errorf("%w: -close-linger must be between 0 and 1m", errUsage)
	}
	if cfg.plantBytes < 0 || cfg.plantBytes > maxPlantBytes {
		return cfg, fmt.Errorf("%w: -leak-bytes-per-request must be between 0 and %d", errUsage, maxPlantBytes)
	}
	if cfg.plantGoroutinesEvery < 0 || cfg.plantGoroutinesEvery > 1_000_000 {
		return cfg, fmt.Errorf("%w: -leak-goroutines-every must be between 0 and 1000000", errUsage)
	}
	if _, err := parsePlantRoutes(cfg.plantRoutes); err != nil {
		return cfg, fmt.Errorf("%w: %v", errUsage, err)
	}
	return cfg, nil
}

// leakSet names the patterns whose leaky variant is mounted; every other
// pattern runs its fixed twin.
type leakSet map[string]bool

func (s leakSet) on(name string) bool { return s[name] }

// String lists the enabled names in catalogue order, or "none".
func (s leakSet) String() string {
	var names []string
	for _, n := range patternNames() {
		if s[n] {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ",")
}

func parseLeakSet(spec string) (leakSet, error) {
	set := leakSet{}
	spec = strings.TrimSpace(spec)
	switch spec {
	case "", "none":
		return set, nil
	case "all":
		for _, n := range patternNames() {
			set[n] = true
		}
		return set, nil
	}
	valid := patternNames()
	for _, n := range strings.Split(spec, ",") {
		n = strings.TrimSpace(n)
		if !slices.Contains(valid, n) {
			return nil, fmt.Errorf("unknown leak pattern %q; valid names are: none, all, %s", n, strings.Join(valid, ", "))
		}
		set[n] = true
	}
	return set, nil
}
