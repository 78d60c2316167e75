package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestListLeaksPrintsOneNamePerLine(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-list-leaks"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("expected exit code <0> but was <%d>: %s", code, errOut.String())
	}
	got := strings.Fields(out.String())
	if strings.Join(got, ",") != strings.Join(patternNames(), ",") {
		t.Fatalf("expected %v but was %v", patternNames(), got)
	}
}

func TestUnknownLeakIsRefusedWithTheValidNames(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"-leaks", "global-map,nope"}, nil, &out, &errOut); code != 2 {
		t.Fatalf("expected exit code <2> but was <%d>", code)
	}
	for _, n := range patternNames() {
		if !strings.Contains(errOut.String(), n) {
			t.Fatalf("expected stderr to list %q but was %q", n, errOut.String())
		}
	}
}

func TestLeaksAllTurnsEveryPatternOn(t *testing.T) {
	set, err := parseLeakSet("all")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range patternNames() {
		if !set.on(n) {
			t.Fatalf("expected %q on with -leaks all", n)
		}
	}
}

func TestCatalogueJSONDescribesEveryEntry(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"-catalogue-json"}, nil, &out, io.Discard); code != 0 {
		t.Fatalf("expected exit code <0> but was <%d>", code)
	}
	var entries []catalogueEntry
	if err := json.Unmarshal(out.Bytes(), &entries); err != nil {
		t.Fatal(err)
	}
	signals := map[string]bool{signalHeap: true, signalGoroutines: true, signalFDs: true, signalTempFiles: true}
	endpoint := regexp.MustCompile(`^(GET|POST|PUT|DELETE) /\S*$`)
	for _, e := range entries {
		if (e.Kind != kindPattern && e.Kind != kindTrap) || !signals[e.Signal] || !endpoint.MatchString(e.Endpoint) ||
			!strings.HasPrefix(e.LeakyFunc, "main.") && e.Kind == kindPattern || !strings.HasPrefix(e.FixedFunc, "main.") || e.Description == "" {
			t.Fatalf("incomplete catalogue entry %+v", e)
		}
	}
}

// TestServeExitsWhenStdinCloses runs the real listeners the way the Java
// launcher does: it reads the startup line, calls the API, then closes the
// stdin pipe and expects a clean exit.
func TestServeExitsWhenStdinCloses(t *testing.T) {
	stdinR, stdinW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"-addr", "127.0.0.1:0", "-pprof-addr", "", "-leaks", "none", "-exit-on-stdin-eof"}, stdinR, outW, io.Discard)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`^gin-lab listening on (http://127\.0\.0\.1:\d+) \(pprof: off, leaks: none\)\n$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("unexpected startup line %q", line)
	}
	go io.Copy(io.Discard, outR)
	resp, err := http.Get(m[1] + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"status":"ok"`) {
		t.Fatalf("unexpected /healthz answer %d %s", resp.StatusCode, body)
	}
	http.DefaultClient.CloseIdleConnections()
	stdinW.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("expected exit code <0> but was <%d>", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("expected the lab to exit within 10s of stdin EOF")
	}
}
