package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// catalogueEntry describes one leak pattern or trap. The JSON form is read by
// the Java side, which asserts that its verdict names leakyFunc, so leakyFunc
// is a prefix of the frame where the leak blocks or allocates.
type catalogueEntry struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`     // "pattern" or "trap"
	Endpoint    string `json:"endpoint"` // "METHOD /path"
	Signal      string `json:"signal"`   // "heap", "goroutines", "fds" or "tempfiles"
	LeakyFunc   string `json:"leakyFunc"`
	FixedFunc   string `json:"fixedFunc"`
	Description string `json:"description"`
}

const (
	kindPattern = "pattern"
	kindTrap    = "trap"

	signalHeap       = "heap"
	signalGoroutines = "goroutines"
	signalFDs        = "fds"
	signalTempFiles  = "tempfiles"
)

// catalogue is the calibration set, in the order -list-leaks prints it.
var catalogue = []catalogueEntry{
	{
		Name: "global-map", Kind: kindPattern, Endpoint: "GET /api/items/:id", Signal: signalHeap,
		LeakyFunc: "main.leakyGlobalMapMiddleware", FixedFunc: "main.fixedRequestScopeMiddleware",
		Description: "middleware on every /api route copies ~4 KiB of request data into a package-level map keyed by request id and never deletes it",
	},
	{
		Name: "kept-request", Kind: kindPattern, Endpoint: "GET /api/items/:id", Signal: signalHeap,
		LeakyFunc: "main.leakyRequestJournal", FixedFunc: "main.fixedRequestJournal",
		Description: "middleware on every /api route keeps each GET's *http.Request itself in a package-level journal keyed by request id: the retained Request, headers, URL and context were all allocated by net/http, so no frame of the service is in their allocation stack",
	},
	{
		Name: "blocked-goroutine", Kind: kindPattern, Endpoint: "POST /api/notify", Signal: signalGoroutines,
		LeakyFunc: "main.leakyNotifyDeliver", FixedFunc: "main.fixedNotifyDeliver",
		Description: "handler waits 2 ms for a delivery receipt then answers 202; the delivery goroutine later blocks forever sending the receipt on an unbuffered channel nobody reads",
	},
	{
		Name: "context-not-cancelled", Kind: kindPattern, Endpoint: "POST /api/exports", Signal: signalGoroutines,
		LeakyFunc: "main.leakyExportWatcher", FixedFunc: "main.fixedExportWatcher",
		Description: "export job gets context.WithTimeout(context.Background(), 1h) whose cancel is stored but never called; a watcher goroutine (and the job's 4 KiB scratch) waits on ctx.Done() for the full hour",
	},
	{
		Name: "time-after-loop", Kind: kindPattern, Endpoint: "POST /api/items/:id/watch", Signal: signalGoroutines,
		LeakyFunc: "main.leakyWatchLoop", FixedFunc: "main.fixedWatchLoop",
		Description: "watch loop writes its ttl deadline as case <-time.After(ttl) inside for/select; it is re-armed every 250 ms refresh, never fires, and the goroutine runs forever (Go >= 1.23 collects the timers themselves)",
	},
	{
		Name: "channel-backlog", Kind: kindPattern, Endpoint: "POST /api/events", Signal: signalHeap,
		LeakyFunc: "main.(*eventQueue).leakyEnqueueEvent", FixedFunc: "main.(*eventQueue).fixedEnqueueEvent",
		Description: "events (4 KiB each) go into a 100k-slot buffered channel drained by a consumer that writes one event per 50 ms; under load the backlog grows by the arrival rate minus 20/s",
	},
	{
		Name: "temp-file-kept", Kind: kindPattern, Endpoint: "POST /api/uploads", Signal: signalTempFiles,
		LeakyFunc: "main.leakySaveUpload", FixedFunc: "main.fixedSaveUpload",
		Description: "multipart upload (part \"file\") stored with os.CreateTemp in TMPDIR and never removed; POST /api/uploads/batch (parts \"files\", c.SaveUploadedFile, main.leakyStoreBatch) leaves one directory per request",
	},
	{
		Name: "file-not-closed", Kind: kindPattern, Endpoint: "PUT /api/blobs/:name", Signal: signalFDs,
		LeakyFunc: "main.(*blobStore).leakySpoolBlob", FixedFunc: "main.(*blobStore).fixedSpoolBlob",
		Description: "raw octet-stream body spooled to a temp file that is removed but never closed, kept in a resumable-uploads table: one open descriptor per request, aborted uploads included",
	},
	{
		Name: "pool-misuse", Kind: kindPattern, Endpoint: "GET /api/items/:id/summary", Signal: signalHeap,
		LeakyFunc: "main.leakySummaryScratch", FixedFunc: "main.fixedPooledSummary",
		Description: "a ~1 KiB summary cached as a sub-slice of a 64 KiB sync.Pool scratch buffer: the pooled buffer never returns to the pool and each cache entry pins 64 KiB (cache capped at 2048 entries, so it plateaus at 128 MiB; the fix caches 1024 copies)",
	},
	{
		Name: "unbounded-cache", Kind: kindPattern, Endpoint: "GET /api/search", Signal: signalHeap,
		LeakyFunc: "main.(*leakySearchCache).leakySearchHandler", FixedFunc: "main.fixedSearchHandler",
		Description: "result pages (4 KiB) cached in a map keyed by the bound query (q, page, per_page) with no eviction; every distinct query stays forever",
	},
	{
		Name: "sse-producer", Kind: kindPattern, Endpoint: "GET /api/stream/events", Signal: signalGoroutines,
		LeakyFunc: "main.leakySSEProducer", FixedFunc: "main.fixedSSEProducer",
		Description: "SSE stream (count events, default 5, every interval_ms, default 100) fed by a producer goroutine with no stop signal: when the stream ends or the client disconnects, its next send blocks forever",
	},
	{
		Name: "websocket-writer", Kind: kindPattern, Endpoint: "GET /api/ws", Signal: signalGoroutines,
		LeakyFunc: "main.leakyWSWriter", FixedFunc: "main.fixedWSWriter",
		Description: "WebSocket echo ({\"type\":\"echo\"}); the writer/ping goroutine ignores write errors and has no done case, so it outlives every connection, waking on a never-stopped 2 s ping ticker",
	},
	{
		Name: "long-poll", Kind: kindPattern, Endpoint: "GET /api/poll", Signal: signalGoroutines,
		LeakyFunc: "main.leakyPollWaiter", FixedFunc: "main.(*pollBroker).fixedPollHandler",
		Description: "long poll (timeout_ms, default 1000) delegates the wait to a goroutine with its own 10 min timer and an unbuffered result channel and never unsubscribes: every poll that times out (204) or is abandoned leaves a goroutine, a timer and a subscription",
	},
	{
		Name: "upstream-body", Kind: kindPattern, Endpoint: "GET /api/upstream/items/:id", Signal: signalGoroutines,
		LeakyFunc: "main.(*upstream).leakyUpstreamProxy", FixedFunc: "main.(*upstream).fixedUpstreamProxy",
		Description: "calls the in-lab upstream over loopback; with ?fail=true the upstream answers 503 and the handler returns without closing the body: 3 goroutines (net/http persistConn readLoop and writeLoop, upstream conn) and 2 descriptors per request; the readLoop/writeLoop groups carry pprof label leakyFunc=main.(*upstream).leakyUpstreamProxy",
	},
	{
		Name: "large-alloc", Kind: kindTrap, Endpoint: "GET /api/reports/large", Signal: signalHeap,
		FixedFunc:   "main.trapLargeReport",
		Description: "allocates size_kib (default 1 MiB) per request, fills and hashes it, releases it: GC pressure, no leak",
	},
	{
		Name: "bounded-cache", Kind: kindTrap, Endpoint: "GET /api/catalog/:sku", Signal: signalHeap,
		FixedFunc:   "main.trapBoundedCatalog",
		Description: "LRU of 1024 entries of 4 KiB keyed by SKU: warms up to ~4 MiB, then flat",
	},
	{
		Name: "pool-correct", Kind: kindTrap, Endpoint: "GET /api/render/:id", Signal: signalHeap,
		FixedFunc:   "main.trapPooledRender",
		Description: "sync.Pool of bytes.Buffer used correctly: Reset before use, bytes written out before Put, buffers over 64 KiB dropped",
	},
	{
		Name: "map-binding", Kind: kindTrap, Endpoint: "POST /api/bind/map", Signal: signalHeap,
		FixedFunc:   "main.trapBindMap",
		Description: "ShouldBindJSON into map[string]any: many small allocations per request, none retained",
	},
	{
		Name: "idle-keepalive", Kind: kindTrap, Endpoint: "GET /api/ping", Signal: signalGoroutines,
		FixedFunc:   "main.trapPing",
		Description: "clients keep keep-alive connections open and idle: one server goroutine and descriptor per connection until IdleTimeout (2 min), flat in the number of requests",
	},
	{
		Name: "goroutine-peak", Kind: kindTrap, Endpoint: "GET /api/fanout", Signal: signalHeap,
		FixedFunc:   "main.trapGoroutinePeak",
		Description: "fans each request out to n goroutines (default 500, one fan-out at a time) that all end before the answer: the first peak leaves ~500 B of g record per goroutine on the heap for good (allgs never shrinks), later peaks of the same size reuse them",
	},
	{
		Name: "slow-drain", Kind: kindTrap, Endpoint: "POST /api/handoff", Signal: signalGoroutines,
		FixedFunc:   "main.trapLingerWorker",
		Description: "hands a job to a worker goroutine that lingers -drain-linger (default 15 s) after it, at most -drain-cap (default 16) at once: after a phase the goroutine count is up and falls back to its baseline within 15 s, by itself",
	},
	{
		Name: "map-peak", Kind: kindTrap, Endpoint: "POST /api/reservations/batch", Signal: signalHeap,
		FixedFunc:   "main.(*reservationTable).trapMapPeak",
		Description: "a long-lived map gets keys new entries (default 8192, one batch at a time, at most 65536) that are all deleted before the answer: Go maps keep their peak size, so the heap steps once and stays flat",
	},
	{
		Name: "rss-high-water", Kind: kindTrap, Endpoint: "GET /api/index/:key", Signal: signalHeap,
		FixedFunc:   "main.(*lookupIndex).trapIndexLookup",
		Description: "the first request loads 1 Mi records of 64 B (64 MiB) and keeps 1 in 128 as an index, once per process: one survivor per page, so RSS and HeapInuse stay 64 MiB up for good while the post-GC heap steps by ~0.6 MiB once",
	},
}

func patternNames() []string {
	var names []string
	for _, e := range catalogue {
		if e.Kind == kindPattern {
			names = append(names, e.Name)
		}
	}
	return names
}

func printPatternNames(w io.Writer) {
	for _, n := range patternNames() {
		fmt.Fprintln(w, n)
	}
}

func printCatalogueJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(catalogue)
}
