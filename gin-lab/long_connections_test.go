package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"go.uber.org/goleak"
)

const streamClients = 100

// labServer runs the router on a real loopback listener; long connections
// need one (c.Stream watches the connection, WebSocket hijacks it).
func labServer(t *testing.T, leaks ...string) (*lab, *httptest.Server, *http.Client) {
	t.Helper()
	l, r := newTestLab(t, leaks...)
	srv := httptest.NewServer(r)
	client := &http.Client{Transport: &http.Transport{}}
	t.Cleanup(func() {
		client.CloseIdleConnections()
		srv.Close()
	})
	return l, srv, client
}

// readSSE reads the stream until it ends, or until events events were seen
// when hangUp is set, and returns how many arrived.
func readSSE(t *testing.T, client *http.Client, url string, hangUp int) int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("expected Content-Type text/event-stream but was %q", ct)
	}
	events := 0
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "event:") {
			events++
			if events == hangUp {
				cancel() // the client vanishes mid-stream
				return events
			}
		}
	}
	return events
}

func TestSSEProducerLeakyOutlivesEveryStream(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, srv, client := labServer(t, "sse-producer")
	before := runtime.NumGoroutine()
	for i := range streamClients {
		if i%2 == 0 {
			if got := readSSE(t, client, srv.URL+"/api/stream/events?count=2&interval_ms=10", 0); got != 2 {
				t.Fatalf("expected <2> events but was <%d>", got)
			}
		} else {
			readSSE(t, client, srv.URL+"/api/stream/events?count=1000&interval_ms=10", 1)
		}
	}
	client.CloseIdleConnections()
	leaked := goroutinesAtLeast(before+streamClients, 5*time.Second) - before
	t.Logf("sse-producer leaky: %d goroutines left after %d streams (half completed, half dropped) = %.2f/stream", leaked, streamClients, float64(leaked)/streamClients)
	if leaked < streamClients*9/10 {
		t.Fatalf("expected at least %d leaked producers but was %d", streamClients*9/10, leaked)
	}
}

func TestSSEProducerFixedStopsWithTheStream(t *testing.T) {
	_, srv, client := labServer(t)
	ignore := goleak.IgnoreCurrent()
	for i := range streamClients {
		if i%2 == 0 {
			readSSE(t, client, srv.URL+"/api/stream/events?count=2&interval_ms=10", 0)
		} else {
			readSSE(t, client, srv.URL+"/api/stream/events?count=1000&interval_ms=10", 1)
		}
	}
	client.CloseIdleConnections()
	srv.Close()
	verifyNoLeaks(t, ignore)
}

const wsClients = 50

// wsSession echoes one message, then closes properly or, when drop is set,
// cuts the TCP connection without a close frame.
func wsSession(t *testing.T, url string, drop bool) {
	t.Helper()
	conn, _, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.WriteJSON(wsMessage{Type: "echo", Data: []byte(`"hello"`)}); err != nil {
		t.Fatal(err)
	}
	var reply wsMessage
	if err := conn.ReadJSON(&reply); err != nil || reply.Type != "echo" || string(reply.Data) != `"hello"` {
		t.Fatalf("expected the echo back but got %+v, %v", reply, err)
	}
	if drop {
		conn.NetConn().Close()
		return
	}
	conn.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, "bye"))
	conn.Close()
}

func wsURL(srv *httptest.Server) string {
	return "ws" + strings.TrimPrefix(srv.URL, "http") + "/api/ws"
}

func TestWebSocketWriterLeakyOutlivesEveryConnection(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, srv, _ := labServer(t, "websocket-writer")
	before := runtime.NumGoroutine()
	for i := range wsClients {
		wsSession(t, wsURL(srv), i%2 == 1)
	}
	// Wait for the server-side handlers to notice and return.
	time.Sleep(300 * time.Millisecond)
	leaked := goroutinesSettled(5*time.Second) - before
	t.Logf("websocket-writer leaky: %d goroutines left after %d connections (half closed, half dropped) = %.2f/connection", leaked, wsClients, float64(leaked)/wsClients)
	if leaked < wsClients*9/10 {
		t.Fatalf("expected at least %d leaked writers but was %d", wsClients*9/10, leaked)
	}
}

func TestWebSocketWriterFixedEndsWithTheConnection(t *testing.T) {
	_, srv, _ := labServer(t)
	ignore := goleak.IgnoreCurrent()
	for i := range wsClients {
		wsSession(t, wsURL(srv), i%2 == 1)
	}
	srv.Close()
	verifyNoLeaks(t, ignore)
}

func TestCloseLingerHoldsEachHandlerForItsLingerThenLetsGo(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	const linger = 400 * time.Millisecond
	l, err := newLab(config{leaks: leakSet{}, closeLinger: linger})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	srv := httptest.NewServer(setupRouter(l))
	t.Cleanup(srv.Close)
	before := goroutinesSettled(5 * time.Second)
	for i := range wsClients {
		wsSession(t, wsURL(srv), i%2 == 1)
	}
	// Every handler is still there right after its client left...
	lingering := goroutinesAtLeast(before+wsClients, 2*time.Second) - before
	if lingering < wsClients {
		t.Fatalf("expected at least %d handlers lingering after their clients left but was %d", wsClients, lingering)
	}
	// ...and gone once the linger is over.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if left := runtime.NumGoroutine() - before; left > 0 {
		t.Fatalf("expected every lingering handler to end within 5 s but %d goroutines were left", left)
	}
}

func TestWebSocketUnknownMessageClosesWithAReason(t *testing.T) {
	_, srv, client := labServer(t)
	conn, _, err := websocket.DefaultDialer.Dial(wsURL(srv), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.WriteJSON(wsMessage{Type: "launch-missiles"})
	_, _, err = conn.ReadMessage()
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != websocket.CloseUnsupportedData || ce.Text != "unknown message type: launch-missiles" {
		t.Fatalf("expected close 1003 \"unknown message type: launch-missiles\" but got %v", err)
	}
	resp, err := client.Get(srv.URL + "/api/ws")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("expected a plain GET on /api/ws to get <400> but was <%d>", resp.StatusCode)
	}
}

const pollClients = 100

// pollOnce polls with a short timeout; abandon gives up before it.
func pollOnce(t *testing.T, client *http.Client, base string, abandon bool) {
	t.Helper()
	url := base + "/api/poll?timeout_ms=20"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if abandon {
		url = base + "/api/poll?timeout_ms=5000"
		ctx, cancel = context.WithTimeout(ctx, 20*time.Millisecond)
		defer cancel()
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := client.Do(req)
	if abandon {
		if err == nil {
			resp.Body.Close()
			t.Fatalf("expected the abandoned poll to fail client-side but got %d", resp.StatusCode)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("expected a timed-out poll to get <204> but was <%d>", resp.StatusCode)
	}
}

func TestLongPollLeakyLeavesAWaiterPerPoll(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	l, srv, client := labServer(t, "long-poll")
	before := runtime.NumGoroutine()
	for i := range pollClients {
		pollOnce(t, client, srv.URL, i%2 == 1)
	}
	client.CloseIdleConnections()
	time.Sleep(200 * time.Millisecond)
	leaked := goroutinesSettled(5*time.Second) - before
	subs := l.poll.publish(pollEvent{Message: "late"})
	t.Logf("long-poll leaky: %d goroutines and %d subscriptions left after %d polls (half timed out, half abandoned) = %.2f goroutines/poll", leaked, subs, pollClients, float64(leaked)/pollClients)
	if leaked < pollClients*9/10 || subs != pollClients {
		t.Fatalf("expected at least %d leaked waiters and %d subscriptions but was %d and %d", pollClients*9/10, pollClients, leaked, subs)
	}
}

func TestLongPollFixedCleansUpOnTimeoutAndGiveUp(t *testing.T) {
	l, srv, client := labServer(t)
	ignore := goleak.IgnoreCurrent()
	for i := range pollClients {
		pollOnce(t, client, srv.URL, i%2 == 1)
	}
	waitFor(t, "abandoned polls to unsubscribe", func() bool { return l.poll.subscribers() == 0 })
	// An event delivered to a waiting poll.
	got := make(chan int, 1)
	go func() {
		resp, err := client.Get(srv.URL + "/api/poll?timeout_ms=5000")
		if err != nil {
			got <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		got <- resp.StatusCode
	}()
	waitFor(t, "the poll to subscribe", func() bool { return l.poll.subscribers() == 1 })
	l.poll.publish(pollEvent{Message: "hello"})
	if code := <-got; code != http.StatusOK {
		t.Fatalf("expected a poll that gets an event to answer <200> but was <%d>", code)
	}
	client.CloseIdleConnections()
	srv.Close()
	verifyNoLeaks(t, ignore)
	if subs := l.poll.publish(pollEvent{Message: "late"}); subs != 0 {
		t.Fatalf("expected <0> subscriptions left but was <%d>", subs)
	}
}

const upstreamRequests = 100

func TestUpstreamBodyLeakyLeaksAConnectionPerErrorResponse(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "upstream-body")
	beforeG, beforeFD := runtime.NumGoroutine(), openFDs(t)
	for i := 1; i <= upstreamRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/upstream/items/"+uitoa(uint64(i))+"?fail=true", "", ""), http.StatusBadGateway)
	}
	leaked := goroutinesSettled(5*time.Second) - beforeG
	fds := openFDs(t) - beforeFD
	t.Logf("upstream-body leaky: %d goroutines and %d descriptors left after %d error responses = %.2f goroutines, %.2f fds/request", leaked, fds, upstreamRequests, float64(leaked)/upstreamRequests, float64(fds)/upstreamRequests)
	if leaked < upstreamRequests*27/10 || fds < upstreamRequests*18/10 {
		t.Fatalf("expected at least %d goroutines and %d descriptors but was %d and %d", upstreamRequests*27/10, upstreamRequests*18/10, leaked, fds)
	}
}

func TestUpstreamBodyFixedReusesOneConnection(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	l, r := newTestLab(t)
	ignore := goleak.IgnoreCurrent()
	beforeG, beforeFD := runtime.NumGoroutine(), openFDs(t)
	for i := 1; i <= upstreamRequests; i++ {
		mustStatus(t, do(r, http.MethodGet, "/api/upstream/items/"+uitoa(uint64(i))+"?fail=true", "", ""), http.StatusBadGateway)
		mustStatus(t, do(r, http.MethodGet, "/api/upstream/items/"+uitoa(uint64(i)), "", ""), http.StatusOK)
	}
	grownG := goroutinesSettled(5*time.Second) - beforeG
	grownFD := openFDs(t) - beforeFD
	t.Logf("upstream-body fixed: %d goroutines and %d descriptors more after %d requests (one pooled keep-alive connection)", grownG, grownFD, 2*upstreamRequests)
	if grownG > 3 || grownFD > 2 {
		t.Fatalf("expected at most one pooled connection (3 goroutines, 2 descriptors) but was %d and %d", grownG, grownFD)
	}
	l.Close()
	verifyNoLeaks(t, ignore)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("expected %s within 5s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
