package config

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func TestTheDefaultsAreALoopbackServiceWithStdlibPprofAndNoLeak(t *testing.T) {
	cfg, err := Parse(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:8080" || cfg.PprofAddr != "127.0.0.1:6060" || cfg.PprofMux != Stdlib || cfg.LeakyFeed ||
		cfg.MaxUpload != 8<<20 || cfg.Heartbeat != time.Second {
		t.Fatalf("defaults = %+v", cfg)
	}
}

func TestFlagsAreReadAndBadValuesNamed(t *testing.T) {
	cfg, err := Parse([]string{"-pprof-mux", "gin-contrib", "-leaks", "feed-subscribers", "-addr", "127.0.0.1:0"}, io.Discard)
	if err != nil || cfg.PprofMux != GinContrib || !cfg.LeakyFeed || cfg.Addr != "127.0.0.1:0" {
		t.Fatalf("Parse = %+v, %v", cfg, err)
	}
	for _, args := range [][]string{
		{"-pprof-mux", "chi"}, {"-leaks", "everything"}, {"-heartbeat", "0s"}, {"-keep", "0"},
	} {
		if _, err := Parse(args, io.Discard); err == nil || !strings.Contains(err.Error(), args[0]) {
			t.Errorf("Parse(%v) = %v, want an error naming %s", args, err, args[0])
		}
	}
	if _, err := Parse([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h = %v, want flag.ErrHelp", err)
	}
}
