package config

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDefaultsPlantNothing(t *testing.T) {
	cfg, err := Parse(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Leaks.String(); got != "none" {
		t.Fatalf("default leaks = %q, want none", got)
	}
	if cfg.SessionBytes != 48 || cfg.SessionLeakEvery != 1 || cfg.EventLeakEvery != 1 || cfg.MetricsLabelEvery != 1 {
		t.Fatalf("unexpected knob defaults: %+v", cfg)
	}
}

func TestLeakLists(t *testing.T) {
	for spec, want := range map[string]string{
		"none":                           "none",
		"":                               "none",
		"all":                            "session-store,event-goroutine,metrics-label,avatar-index,cart-history,audit-buffer,presence-watch",
		"metrics-label, session-store":   "session-store,metrics-label",
		"event-goroutine":                "event-goroutine",
		"session-store,session-store":    "session-store",
		" event-goroutine,metrics-label": "event-goroutine,metrics-label",
	} {
		set, err := ParseLeaks(spec)
		if err != nil {
			t.Fatalf("ParseLeaks(%q): %v", spec, err)
		}
		if set.String() != want {
			t.Fatalf("ParseLeaks(%q) = %q, want %q", spec, set, want)
		}
	}
}

func TestUnknownLeakIsAUsageErrorNamingTheValidOnes(t *testing.T) {
	_, err := Parse([]string{"-leaks", "session-store,goroutines"}, io.Discard)
	if !errors.Is(err, ErrUsage) {
		t.Fatalf("want a usage error, got %v", err)
	}
	for _, want := range []string{`"goroutines"`, "none, all, session-store, event-goroutine, metrics-label, avatar-index, cart-history, audit-buffer, presence-watch"} {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("error %q does not mention %s", err, want)
		}
	}
}

func TestKnobRanges(t *testing.T) {
	for _, args := range [][]string{
		{"-session-bytes", "-1"},
		{"-session-leak-every", "0"},
		{"-event-leak-every", "0"},
		{"-metrics-label-every", "-2"},
		{"-search-cache-size", "0"},
		{"-search-history-size", "0"},
		{"-audit-bytes", "8"},
		{"-upstream-idle", "0s"},
		{"-traps", "search-history,nope"},
		{"-token-ttl", "0s"},
		{"-demo-password", ""},
		{"stray"},
		{"-no-such-flag"},
	} {
		if _, err := Parse(args, io.Discard); !errors.Is(err, ErrUsage) {
			t.Fatalf("Parse(%q): want a usage error, got %v", args, err)
		}
	}
	cfg, err := Parse([]string{"-session-bytes", "0", "-event-leak-every", "1000"}, io.Discard)
	if err != nil || cfg.SessionBytes != 0 || cfg.EventLeakEvery != 1000 {
		t.Fatalf("Parse: %+v, %v", cfg, err)
	}
}

func TestTrapsAreOffByDefaultAndNamedLikeLeaks(t *testing.T) {
	cfg, err := Parse(nil, io.Discard)
	if err != nil || cfg.Traps.String() != "none" || cfg.SearchHistorySize != 4096 {
		t.Fatalf("defaults: traps %q, size %d, %v", cfg.Traps, cfg.SearchHistorySize, err)
	}
	cfg, err = Parse([]string{"-traps", "all", "-search-history-size", "2048"}, io.Discard)
	if err != nil || !cfg.Traps.On(SearchHistory) || cfg.Leaks.String() != "none" || cfg.SearchHistorySize != 2048 {
		t.Fatalf("-traps all: traps %q, leaks %q, size %d, %v", cfg.Traps, cfg.Leaks, cfg.SearchHistorySize, err)
	}
	_, err = Parse([]string{"-traps", "nope"}, io.Discard)
	if !errors.Is(err, ErrUsage) || !strings.Contains(err.Error(), `unknown trap "nope"; valid names are: none, all, search-history`) {
		t.Fatalf("-traps nope: %v", err)
	}
}
