package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"example.org/intake/internal/config"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestABadCommandLineExitsWith2(t *testing.T) {
	var stderr strings.Builder
	if code := run([]string{"-pprof-mux", "chi"}, io.Discard, &stderr); code != 2 || !strings.Contains(stderr.String(), "-pprof-mux") {
		t.Fatalf("run = %d, stderr %q", code, stderr.String())
	}
}

func TestServeAnswersOnBothListenersAndStopsEverythingItStarted(t *testing.T) {
	for _, mux := range []config.PprofMux{config.Stdlib, config.GinContrib} {
		cfg, err := config.Parse([]string{"-addr", "127.0.0.1:0", "-pprof-addr", "127.0.0.1:0", "-pprof-mux", string(mux),
			"-heartbeat", "10ms", "-purge-every", "10ms", "-refresh-every", "10ms"}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		addrs := make(chan [2]string, 1)
		served := make(chan error, 1)
		go func() {
			served <- serve(ctx, cfg, io.Discard, func(api, pprof string) { addrs <- [2]string{api, pprof} })
		}()
		var at [2]string
		select {
		case at = <-addrs:
		case err := <-served:
			t.Fatalf("%s: serve returned before listening: %v", mux, err)
		}
		for _, url := range []string{"http://" + at[0] + "/healthz", "http://" + at[1] + "/debug/pprof/goroutine?debug=1"} {
			resp, err := http.Get(url)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: GET %s = %v, %v", mux, url, resp, err)
			}
			resp.Body.Close()
		}
		// an open feed is ended by the shutdown, not cut when its grace runs out
		feed, err := http.Get("http://" + at[0] + "/v1/events")
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		if _, err := io.ReadAll(feed.Body); err != nil {
			t.Fatalf("%s: the feed was cut instead of ended: %v", mux, err)
		}
		feed.Body.Close()
		if err := <-served; err != nil {
			t.Fatalf("%s: serve = %v after its context ended", mux, err)
		}
		http.DefaultClient.CloseIdleConnections()
	}
}
