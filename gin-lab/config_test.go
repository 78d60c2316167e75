package main

import (
	"errors"
	"io"
	"testing"
	"time"
)

// TestTrapAndPlantFlagsDefaults: the flags added for the slow-drain trap and
// the planted leak change nothing unless given; the existing ones keep
// their defaults (the Java launcher relies on them).
func TestTrapAndPlantFlagsDefaults(t *testing.T) {
	cfg, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.drainLinger != 15*time.Second || cfg.drainCap != 16 || cfg.plantBytes != 0 || cfg.plantRoutes != "all" {
		t.Fatalf("expected -drain-linger 15s, -drain-cap 16, -leak-bytes-per-request 0, -leak-routes all but was %v, %d, %d, %q",
			cfg.drainLinger, cfg.drainCap, cfg.plantBytes, cfg.plantRoutes)
	}
	if cfg.summaryEntries != fixedSummaryCacheCapacity || cfg.closeLinger != 0 {
		t.Fatalf("expected -summary-cache-entries %d and -close-linger 0 but was %d, %v", fixedSummaryCacheCapacity, cfg.summaryEntries, cfg.closeLinger)
	}
	if cfg.auditRecordSize != 4096 || cfg.notifyLeakEvery != 1 || cfg.addr != "127.0.0.1:8080" || cfg.pprofAddr != "127.0.0.1:6060" {
		t.Fatalf("expected the existing defaults unchanged but was %+v", cfg)
	}
	cfg, err = parseFlags([]string{"-leak-bytes-per-request", "32", "-leak-routes", "binding,api", "-drain-linger", "2s"}, io.Discard)
	if err != nil || cfg.plantBytes != 32 || cfg.plantRoutes != "binding,api" || cfg.drainLinger != 2*time.Second {
		t.Fatalf("expected 32, binding,api, 2s but was %+v (%v)", cfg, err)
	}
}

func TestTrapAndPlantFlagsRefuseBadValues(t *testing.T) {
	for _, args := range [][]string{
		{"-drain-linger", "0s"},
		{"-drain-linger", "61s"},
		{"-drain-cap", "0"},
		{"-leak-bytes-per-request", "-1"},
		{"-leak-bytes-per-request", "1048577"},
		{"-leak-routes", "uploadz"},
		{"-leak-routes", "GET /api/nowhere"},
		{"-summary-cache-entries", "0"},
		{"-leak-goroutines-every", "-1"},
		{"-close-linger", "-1s"},
		{"-close-linger", "61s"},
	} {
		if _, err := parseFlags(args, io.Discard); !errors.Is(err, errUsage) {
			t.Errorf("expected %v to be refused as a usage error but was %v", args, err)
		}
	}
}
