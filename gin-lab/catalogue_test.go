package main

import (
	"net/http"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// catalogueFuncs ties each catalogue entry to the Go functions it names,
// so a rename cannot silently break the names the Java side asserts on.
var catalogueFuncs = map[string][]any{
	"global-map":            {leakyGlobalMapMiddleware, fixedRequestScopeMiddleware},
	"kept-request":          {leakyRequestJournal, fixedRequestJournal},
	"blocked-goroutine":     {leakyNotifyDeliver, fixedNotifyDeliver},
	"context-not-cancelled": {leakyExportWatcher, fixedExportWatcher},
	"time-after-loop":       {leakyWatchLoop, fixedWatchLoop},
	"channel-backlog":       {(*eventQueue).leakyEnqueueEvent, (*eventQueue).fixedEnqueueEvent},
	"temp-file-kept":        {leakySaveUpload, fixedSaveUpload},
	"file-not-closed":       {(*blobStore).leakySpoolBlob, (*blobStore).fixedSpoolBlob},
	"pool-misuse":           {leakySummaryScratch, fixedPooledSummary},
	"unbounded-cache":       {(*leakySearchCache).leakySearchHandler, fixedSearchHandler},
	"sse-producer":          {leakySSEProducer, fixedSSEProducer},
	"websocket-writer":      {leakyWSWriter, fixedWSWriter},
	"long-poll":             {leakyPollWaiter, (*pollBroker).fixedPollHandler},
	"upstream-body":         {(*upstream).leakyUpstreamProxy, (*upstream).fixedUpstreamProxy},
	"large-alloc":           {nil, trapLargeReport},
	"bounded-cache":         {nil, trapBoundedCatalog},
	"pool-correct":          {nil, trapPooledRender},
	"map-binding":           {nil, trapBindMap},
	"idle-keepalive":        {nil, trapPing},
	"goroutine-peak":        {nil, trapGoroutinePeak},
	"slow-drain":            {nil, trapLingerWorker},
	"map-peak":              {nil, (*reservationTable).trapMapPeak},
	"rss-high-water":        {nil, (*lookupIndex).trapIndexLookup},
}

// mainName is the function's name as a gin-lab binary reports it: in a
// test binary the package is the module path, in the binary it is main.
func mainName(f any) string {
	name := runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
	return "main." + strings.TrimPrefix(name, "github.com/gin-preflight/gin-lab.")
}

func TestCatalogueNamesRealFunctions(t *testing.T) {
	if len(patternNames()) < 12 {
		t.Fatalf("expected at least 12 patterns but was %d", len(patternNames()))
	}
	for _, e := range catalogue {
		funcs, ok := catalogueFuncs[e.Name]
		if !ok {
			t.Fatalf("catalogue entry %q has no functions registered in this test", e.Name)
		}
		if funcs[0] != nil && mainName(funcs[0]) != e.LeakyFunc {
			t.Errorf("%s: expected leakyFunc %q but the function is %q", e.Name, mainName(funcs[0]), e.LeakyFunc)
		}
		if mainName(funcs[1]) != e.FixedFunc {
			t.Errorf("%s: expected fixedFunc %q but the function is %q", e.Name, mainName(funcs[1]), e.FixedFunc)
		}
	}
}

// TestEndpointsInTheCatalogueExist checks each entry's "METHOD /path"
// against the routes of a lab with every leak on.
func TestEndpointsInTheCatalogueExist(t *testing.T) {
	_, r := newTestLab(t, patternNames()...)
	routes := map[string]bool{}
	for _, ri := range r.Routes() {
		routes[ri.Method+" "+ri.Path] = true
	}
	for _, e := range catalogue {
		if !routes[e.Endpoint] {
			t.Errorf("%s: endpoint %q is not routed", e.Name, e.Endpoint)
		}
	}
	mustStatus(t, do(r, http.MethodGet, "/healthz", "", ""), http.StatusOK)
}
