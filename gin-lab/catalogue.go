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
		Name: "blocked-goroutine", Kind: kindPattern, Endpoint: "POST /api/notify", Signal: signalGoroutines,
		LeakyFunc: "main.leakyNotifyDeliver", FixedFunc: "main.fixedNotifyDeliver",
		Description: "handler waits 2 ms for a delivery receipt then answers 202; the delivery goroutine later blocks forever sending the receipt on an unbuffered channel nobody reads",
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
