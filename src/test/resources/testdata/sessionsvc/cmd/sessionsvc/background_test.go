package main

import (
	"context"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

const (
	relayHandler = "example.com/sessionsvc/internal/live.(*Sockets).serve"
	vendorFeed   = "example.com/sessionsvc/internal/upstream.(*Server).feed"
	// closeHandshake is coder/websocket's wait for the peer's close frame.
	closeHandshake = 5 * time.Second
)

func dialLive(t *testing.T, base string) *websocket.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/v1/live?topic=wishlist", nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The relay pushes the vendor's notices; a client that vanishes (TCP gone,
// no close frame) leaves its relay in the library's close handshake with
// the vendor, which never answers: both goroutines stay for the library's
// 5 s, then end by themselves.
func TestLiveSocketsOfVanishedClientsLingerForTheCloseHandshakeThenEnd(t *testing.T) {
	const clients = 40
	svc, srv := startServer(t, "-feed-push-every", "20ms")
	goroutinesIdle := runtime.NumGoroutine()
	conns := make([]*websocket.Conn, clients)
	for i := range conns {
		conns[i] = dialLive(t, srv.URL)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, msg, err := conns[i].Read(ctx)
		cancel()
		if err != nil || !strings.Contains(string(msg), `"topic":"wishlist"`) {
			t.Fatalf("client %d: first notice %q, %v", i, msg, err)
		}
	}
	if !waitFor(5*time.Second, func() bool { return svc.sockets.Open() == clients }) {
		t.Fatalf("%d sockets open, want %d", svc.sockets.Open(), clients)
	}
	heapOpen := heapAfterGC()
	goroutinesOpen := runtime.NumGoroutine()
	for _, c := range conns {
		_ = c.CloseNow() // the client's TCP connection goes, with no close frame
	}
	vanished := time.Now()
	if !waitFor(2*time.Second, func() bool { return svc.sockets.Closing() == clients }) {
		t.Fatalf("%d relays in their close handshake, want %d", svc.sockets.Closing(), clients)
	}
	relays, feeds := stacksIn(relayHandler), stacksIn(vendorFeed)
	heapLingering := heapAfterGC()
	goroutinesLingering := runtime.NumGoroutine()
	if relays != clients || feeds != clients {
		t.Fatalf("%d relays and %d vendor feeds while lingering, want %d each", relays, feeds, clients)
	}
	ended := waitFor(closeHandshake+3*time.Second, func() bool {
		return stacksIn(relayHandler) == 0 && stacksIn(vendorFeed) == 0
	})
	lingered := time.Since(vanished)
	if !ended {
		t.Fatalf("%d relays and %d vendor feeds still there %s after the clients vanished, past the library's %s",
			stacksIn(relayHandler), stacksIn(vendorFeed), lingered.Round(time.Millisecond), closeHandshake)
	}
	if lingered < closeHandshake-time.Second {
		t.Fatalf("the relays ended %s after the clients vanished: not the close handshake's wait", lingered)
	}
	heapEnded := heapAfterGC()
	t.Logf("per client: open %.1f goroutines and %d B of heap; vanished and lingering %.1f goroutines and %d B; all ended %s after the clients vanished",
		float64(goroutinesOpen-goroutinesIdle)/clients, (heapOpen-heapEnded)/clients,
		float64(goroutinesLingering-goroutinesIdle)/clients, (heapLingering-heapEnded)/clients, lingered.Round(100*time.Millisecond))
}

// Idle keep-alive connections to the upstream come and go: a burst of
// profile reads opens some, they close after -upstream-idle.
func TestUpstreamKeepAliveConnectionsCloseWhenIdle(t *testing.T) {
	svc, srv := startServer(t, "-upstream-idle", "300ms", "-rollup-every", "1h")
	done := make(chan struct{})
	for i := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			profileRead(t, srv.URL, 1000+i)
		}()
	}
	for range 4 {
		<-done
	}
	opened := svc.upstream.Conns()
	if opened < 1 {
		t.Fatalf("no keep-alive connection to the upstream after 4 concurrent profile reads")
	}
	if !waitFor(3*time.Second, func() bool { return svc.upstream.Conns() == 0 }) {
		t.Fatalf("%d upstream connections still open long after -upstream-idle 300ms", svc.upstream.Conns())
	}
	t.Logf("%d keep-alive connections opened and closed when idle", opened)
}

// profileRead logs user u<n> in and reads its profile (which asks the loyalty
// service) over the real listener.
func profileRead(t *testing.T, base string, n int) {
	user := "u" + strconv.Itoa(n)
	req, _ := http.NewRequest(http.MethodPost, base+"/v1/login", strings.NewReader(`{"user":"`+user+`","password":"preflight"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Close = true // only the service's pool keeps connections
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "sid" {
			cookie = c.Name + "=" + c.Value
		}
	}
	req, _ = http.NewRequest(http.MethodGet, base+"/v1/profile/"+user, nil)
	req.Header.Set("Cookie", cookie)
	req.Close = true
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return
	}
	var body strings.Builder
	buf := make([]byte, 512)
	for {
		n, err := resp.Body.Read(buf)
		body.Write(buf[:n])
		if err != nil {
			break
		}
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(body.String(), `"tier":"`) {
		t.Errorf("profile of %s: %d %s (the loyalty balance missing?)", user, resp.StatusCode, body.String())
	}
}

// The rollup job posts to the loyalty service on every tick, over the pool.
func TestRollupPostsEveryTick(t *testing.T) {
	svc, _ := startServer(t, "-rollup-every", "20ms")
	if !waitFor(5*time.Second, func() bool { return svc.rollup.Posted() >= 5 }) {
		t.Fatalf("%d rollups posted (%d failed) after 5 s at one per 20 ms", svc.rollup.Posted(), svc.rollup.Failed())
	}
}
