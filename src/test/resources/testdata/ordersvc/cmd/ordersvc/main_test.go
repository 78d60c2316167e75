package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"example.com/ordersvc/internal/config"
	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	// The leaky builds' goroutines stay parked until the binary exits, by design: goleak names them
	// here, and fails on any other.
	goleak.VerifyTestMain(m,
		goleak.IgnoreAnyFunction("example.com/ordersvc/internal/feeds.leakyProduce"),
		goleak.IgnoreAnyFunction("example.com/ordersvc/internal/sockets.leakyTick"),
		goleak.IgnoreAnyFunction("example.com/ordersvc/internal/poll.(*Hub).leakyWait.func1"))
}

func start(t *testing.T, leaks string) *httptest.Server {
	t.Helper()
	_, srv := startService(t, "-leaks", leaks, "-push-every", "5ms")
	return srv
}

// startService serves the whole service (flags as on the command line) on a
// real loopback listener.
func startService(t *testing.T, flags ...string) (*service, *httptest.Server) {
	t.Helper()
	cfg, err := config.Parse(flags, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := setupRouter(cfg, http.NotFoundHandler())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(svc.router)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		svc.close()
	})
	return svc, srv
}

func do(t *testing.T, srv *httptest.Server, method, path, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestOrdersAnswerEveryDocumentedStatus(t *testing.T) {
	srv := start(t, "none")
	cases := []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/api/v2/orders", `{"customer":"ada","lines":[{"sku":"MUG-01","quantity":2}]}`, 201},
		{"POST", "/api/v2/orders", `{"customer":"ada","lines":[{"sku":"MUG-01","quantity":"two"}]}`, 400},
		{"POST", "/api/v2/orders", `{"customer":`, 400},
		{"POST", "/api/v2/orders", `{"lines":[{"sku":"MUG-01","quantity":2}]}`, 422},
		{"POST", "/api/v2/orders", `{"customer":"ada","lines":[]}`, 422},
		{"GET", "/api/v2/orders/1", "", 200},
		{"GET", "/api/v2/orders/999", "", 404},
		{"GET", "/api/v2/orders/abc", "", 400},
		{"GET", "/api/v2/orders?limit=5&status=placed", "", 200},
		{"GET", "/api/v2/orders?limit=ten", "", 400},
		{"GET", "/api/v2/orders?limit=500", "", 422},
		{"GET", "/api/v2/orders?status=lost", "", 422},
		{"PUT", "/api/v2/orders/1/status", `{"status":"paid"}`, 200},
		{"PUT", "/api/v2/orders/1/status", `{"status":"lost"}`, 422},
		{"PUT", "/api/v2/orders/999/status", `{"status":"paid"}`, 404},
		{"GET", "/api/v2/nothing", "", 404},
	}
	for _, c := range cases {
		if got, body := do(t, srv, c.method, c.path, c.body); got != c.status {
			t.Errorf("%s %s %s: status %d, want %d (%s)", c.method, c.path, c.body, got, c.status, body)
		}
	}
}

func TestTheTwoFeedsNameTheirEventsDifferently(t *testing.T) {
	srv := start(t, "none")
	for path, want := range map[string]string{
		"/api/v2/feeds/orders?count=3&interval_ms=1":    "event:order-update\ndata:{\"seq\":3,",
		"/api/v2/feeds/heartbeat?count=3&interval_ms=1": "event:heartbeat\ndata:beat 3",
	} {
		_, body := do(t, srv, "GET", path, "")
		if !strings.Contains(body, want) {
			t.Errorf("%s: %q lacks %q", path, body, want)
		}
	}
}

func dial(t *testing.T, srv *httptest.Server, path string) *websocket.Conn {
	t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http")+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

func TestPricesArePushedAndASpeakingClientIsClosedWith1008(t *testing.T) {
	srv := start(t, "none")
	conn := dial(t, srv, "/api/v2/ws/prices")
	for i := 1; i <= 3; i++ {
		_, data, err := conn.ReadMessage()
		if err != nil || !strings.Contains(string(data), `"sku":"MUG-01"`) {
			t.Fatalf("push %d: %q, %v", i, data, err)
		}
	}
	if err := conn.WriteMessage(websocket.TextMessage, []byte("hello?")); err != nil {
		t.Fatal(err)
	}
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			if !websocket.IsCloseError(err, websocket.ClosePolicyViolation) {
				t.Fatalf("want close 1008, got %v", err)
			}
			break
		}
	}
	// speaking after the server said stop: the write may fail, the server must not care
	_ = conn.WriteMessage(websocket.TextMessage, []byte("still here"))
	if got, _ := do(t, srv, "GET", "/healthz", ""); got != 200 {
		t.Fatalf("healthz after a protocol violation: %d", got)
	}
}

func TestCheckoutProtocolPlacesAnOrder(t *testing.T) {
	srv := start(t, "none")
	conn := dial(t, srv, "/api/v2/ws/checkout")
	steps := []struct{ send, want string }{
		{`{"op":"hello","customer":"ada"}`, `"op":"welcome"`},
		{`{"op":"add","sku":"MUG-01","qty":2}`, `"lines":1`},
		{`{"op":"add","sku":"TEA-02","qty":1}`, `"lines":2`},
		{`{"op":"commit"}`, `"op":"committed","order":1`},
	}
	for _, s := range steps {
		if err := conn.WriteMessage(websocket.TextMessage, []byte(s.send)); err != nil {
			t.Fatal(err)
		}
		_, data, err := conn.ReadMessage()
		if err != nil || !strings.Contains(string(data), s.want) {
			t.Fatalf("%s: got %q, %v; want %s", s.send, data, err, s.want)
		}
	}
	if _, _, err := conn.ReadMessage(); !websocket.IsCloseError(err, websocket.CloseNormalClosure) {
		t.Fatalf("want close 1000 after commit, got %v", err)
	}
	if got, _ := do(t, srv, "GET", "/api/v2/orders/1", ""); got != 200 {
		t.Fatalf("the committed order: %d", got)
	}
}

func TestCheckoutOutOfOrderIsAProtocolError(t *testing.T) {
	srv := start(t, "none")
	conn := dial(t, srv, "/api/v2/ws/checkout")
	_ = conn.WriteMessage(websocket.TextMessage, []byte(`{"op":"commit"}`))
	_, data, _ := conn.ReadMessage()
	if !strings.Contains(string(data), `"op":"error"`) {
		t.Fatalf("got %q", data)
	}
	if _, _, err := conn.ReadMessage(); !websocket.IsCloseError(err, websocket.CloseProtocolError) {
		t.Fatalf("want close 1002, got %v", err)
	}
}

func TestLongPollTimesOutWith204AndAnswersAChangeWith200(t *testing.T) {
	srv := start(t, "none")
	if got, _ := do(t, srv, "GET", "/api/v2/changes?timeout_ms=5", ""); got != 204 {
		t.Fatalf("timeout: %d", got)
	}
	answered := make(chan int, 1)
	go func() {
		resp, err := http.Get(srv.URL + "/api/v2/changes?timeout_ms=5000")
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	deadline := time.Now().Add(5 * time.Second)
	for got := 0; got == 0 && time.Now().Before(deadline); {
		do(t, srv, "POST", "/api/v2/orders", `{"customer":"bo","lines":[{"sku":"MUG-01","quantity":1}]}`)
		select {
		case got = <-answered:
			if got != 200 {
				t.Fatalf("change: %d", got)
			}
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// goroutinesUntil waits until done holds for the goroutine count, and returns the count.
func goroutinesUntil(done func(int) bool) int {
	deadline := time.Now().Add(3 * time.Second)
	n := runtime.NumGoroutine()
	for !done(n) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		n = runtime.NumGoroutine()
	}
	return n
}

// Each leak strands one goroutine per long connection that ends early; its fix none.
func TestEachLeakStrandsAGoroutinePerConnectionAndItsFixNone(t *testing.T) {
	const connections = 20
	exercise := map[config.Leak]func(*testing.T, *httptest.Server){
		config.FeedProducer: func(t *testing.T, srv *httptest.Server) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/api/v2/feeds/orders?count=100&interval_ms=1", nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(resp.Body).ReadString('\n') // one event, then drop
			if !strings.HasPrefix(line, "event:order-update") {
				t.Fatalf("first line %q", line)
			}
			cancel()
			resp.Body.Close()
		},
		config.PushTicker: func(t *testing.T, srv *httptest.Server) {
			conn := dial(t, srv, "/api/v2/ws/prices")
			if _, _, err := conn.ReadMessage(); err != nil {
				t.Fatal(err)
			}
			_ = conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""))
			for {
				if _, _, err := conn.ReadMessage(); err != nil {
					break
				}
			}
		},
		config.PollWaiter: func(t *testing.T, srv *httptest.Server) {
			if got, _ := do(t, srv, "GET", "/api/v2/changes?timeout_ms=1", ""); got != 204 {
				t.Fatalf("poll: %d", got)
			}
		},
	}
	for leak, once := range exercise {
		for _, leaky := range []bool{false, true} {
			name := string(leak) + map[bool]string{false: " fixed", true: " leaky"}[leaky]
			t.Run(name, func(t *testing.T) {
				flags := "none"
				if leaky {
					flags = string(leak)
				}
				srv := start(t, flags)
				http.DefaultClient.CloseIdleConnections()
				before := runtime.NumGoroutine()
				for i := 0; i < connections; i++ {
					once(t, srv)
				}
				http.DefaultClient.CloseIdleConnections()
				after := goroutinesUntil(func(n int) bool {
					if leaky {
						return n-before >= connections
					}
					return n <= before
				})
				grew := after - before
				if leaky && grew < connections {
					t.Fatalf("%s: goroutines grew %d over %d connections, want at least %d", name, grew, connections, connections)
				}
				if !leaky && grew > 0 {
					t.Fatalf("%s: goroutines grew %d over %d connections, want 0", name, grew, connections)
				}
			})
		}
	}
}
