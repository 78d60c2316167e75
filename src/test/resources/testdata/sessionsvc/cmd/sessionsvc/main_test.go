package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/sessionsvc/internal/config"
	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("example.com/sessionsvc/internal/events.(*Dispatcher).leakyDeliver"),
		// presence-watch strands its goroutines by design (TestPresenceWatch...).
		goleak.IgnoreTopFunction(presenceWatch))
}

func TestUnknownLeakExitsTwoNamingTheValidOnes(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-leaks", "session-store,nope"}, strings.NewReader(""), io.Discard, &stderr); code != 2 {
		t.Fatalf("exit code %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), `unknown leak "nope"; valid names are: none, all, session-store, event-goroutine, metrics-label, avatar-index, cart-history, audit-buffer, presence-watch`) {
		t.Fatalf("stderr: %s", stderr.String())
	}
}

func TestListLeaks(t *testing.T) {
	var stdout bytes.Buffer
	if code := run([]string{"-list-leaks"}, strings.NewReader(""), &stdout, io.Discard); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if got := stdout.String(); got != "session-store\nevent-goroutine\nmetrics-label\navatar-index\ncart-history\naudit-buffer\npresence-watch\n" {
		t.Fatalf("-list-leaks printed %q", got)
	}
}

func newService(t *testing.T, leaks string) *service {
	t.Helper()
	cfg, err := config.Parse([]string{"-leaks", leaks}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	svc, err := setupRouter(cfg, reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.close)
	return svc
}

// journey is what one virtual user of preflight-sessionsvc.conf does, in
// the same order, bad input included.
func journey(t *testing.T, h http.Handler, n int) {
	t.Helper()
	user := "u" + strconv.Itoa(n)
	steps := []struct {
		method, path, body string
		want               int
	}{
		{"GET", "/v1/profile/" + user, "", 401},
		{"POST", "/v1/login", `{"user":"` + user + `","password":"preflight"}`, 200},
		{"GET", "/v1/profile/" + user, "", 200},
		{"POST", "/v1/carts/c" + strconv.Itoa(n) + "/items", `{"sku":"ABC-123","quantity":1}`, 201},
		{"POST", "/v1/carts/c" + strconv.Itoa(n) + "/items", `{"sku":"ABC-123","quantity":"x"}`, 400},
		{"GET", "/v1/search?q=term-" + strconv.Itoa(n), "", 200},
		{"POST", "/v1/events", `{"type":"view","user":"` + user + `"}`, 202},
	}
	var cookie string
	for _, s := range steps {
		var body io.Reader
		if s.body != "" {
			body = strings.NewReader(s.body)
		}
		req := httptest.NewRequest(s.method, s.path, body)
		if s.body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != s.want {
			t.Fatalf("%s %s: %d, want %d (%s)", s.method, s.path, w.Code, s.want, w.Body)
		}
		if c := w.Header().Get("Set-Cookie"); c != "" {
			cookie, _, _ = strings.Cut(c, ";")
		}
	}
}

func TestAllLeaksShowInTheirSignals(t *testing.T) {
	svc := newService(t, "all")
	for i := range 100 {
		journey(t, svc.router, i)
	}
	// Every /v1 request keeps its record: 7 per journey.
	if got := svc.tracker.Len(); got != 700 {
		t.Fatalf("activity records after 100 journeys: %d, want 700", got)
	}
	var metrics bytes.Buffer
	w := httptest.NewRecorder()
	svc.router.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	metrics.Write(w.Body.Bytes())
	if got := len(regexp.MustCompile(`(?m)^sessionsvc_profile_views_by_user_total\{`).FindAll(metrics.Bytes(), -1)); got != 100 {
		t.Fatalf("per-user series after 100 users: %d, want 100", got)
	}
}

func TestFixedBuildKeepsNothing(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	svc := newService(t, "none")
	for i := range 100 {
		journey(t, svc.router, i)
	}
	if got := svc.tracker.Len(); got != 0 {
		t.Fatalf("activity records after 100 journeys: %d, want 0", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for svc.events.Delivered() < 100 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	svc.close()
}

// lineWriter hands the lines run prints to the test goroutine.
type lineWriter struct{ lines chan string }

func (w lineWriter) Write(p []byte) (int, error) {
	sc := bufio.NewScanner(bytes.NewReader(p))
	for sc.Scan() {
		select {
		case w.lines <- sc.Text():
		default:
		}
	}
	return len(p), nil
}

func TestServesUntilStdinCloses(t *testing.T) {
	stdin, feed := io.Pipe()
	out := lineWriter{lines: make(chan string, 16)}
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"-addr", "127.0.0.1:0", "-pprof-addr", "127.0.0.1:0", "-exit-on-stdin-eof"}, stdin, out, io.Discard)
	}()
	var first string
	select {
	case first = <-out.lines:
	case <-time.After(5 * time.Second):
		t.Fatal("no listening line within 5 s")
	}
	m := regexp.MustCompile(`listening on (http://\S+) .*pprof (http://[^\s,]+)`).FindStringSubmatch(first)
	if m == nil {
		t.Fatalf("first line %q", first)
	}
	client := &http.Client{Timeout: 2 * time.Second}
	for _, url := range []string{m[1] + "/healthz", m[1] + "/metrics", m[1] + "/debug/vars", m[2] + "heap?debug=1"} {
		resp, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", url, resp.StatusCode)
		}
		if strings.HasSuffix(url, "/debug/vars") && !strings.Contains(string(body), `"activity_records"`) {
			t.Fatalf("/debug/vars lacks the service's stats: %s", body)
		}
	}
	client.CloseIdleConnections()
	feed.Close()
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("exit code %d after stdin EOF, want 0", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("still serving 10 s after stdin closed")
	}
}
