package main

import (
	"bytes"
	"net/http"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// plantedGoroutinesAlive counts the goroutines parked in leakyPlantedGoroutine,
// from the goroutine profile's stacks, so other tests' goroutines do not count.
func plantedGoroutinesAlive() int {
	var b bytes.Buffer
	_ = pprof.Lookup("goroutine").WriteTo(&b, 2)
	return strings.Count(b.String(), ".leakyPlantedGoroutine(")
}

func TestPlantedGoroutinesStrandOneInEveryNRequestsOfItsRoutes(t *testing.T) {
	before := plantedGoroutinesAlive()
	start := plantedGoroutines.Load()
	l, err := newLab(config{leaks: leakSet{}, plantGoroutinesEvery: 10, plantRoutes: "binding"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	r := setupRouter(l)
	for range 100 {
		mustStatus(t, do(r, http.MethodGet, "/api/items/7", "", ""), http.StatusOK)
	}
	// Requests off its routes leak nothing.
	for range 50 {
		do(r, http.MethodGet, "/api/ping", "", "")
	}
	want := int((start+100)/10 - start/10)
	// The go statement returns before its goroutine runs: wait for them to be parked.
	deadline := time.Now().Add(5 * time.Second)
	for plantedGoroutinesAlive()-before < want && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	stranded := plantedGoroutinesAlive() - before
	if stranded != want {
		t.Fatalf("expected %d goroutines stranded by 100 requests at 1 in 10 but was %d", want, stranded)
	}
}
