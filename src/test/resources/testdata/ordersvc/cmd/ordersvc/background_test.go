package main

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
)

const (
	relayHandler = "example.com/ordersvc/internal/tracking.(*Relay).serve"
	carrierFeed  = "example.com/ordersvc/internal/upstream.(*Warehouse).track"
	// closeHandshake is coder/websocket's wait for the peer's close frame.
	closeHandshake = 5 * time.Second
)

func stacksIn(fn string) int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			count := 0
			for _, g := range strings.Split(string(buf[:n]), "\n\n") {
				if strings.Contains(g, fn+"(") {
					count++
				}
			}
			return count
		}
		buf = make([]byte, 2*len(buf))
	}
}

func waitFor(within time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

func heapAfterGC() int64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// send does one request on a connection of its own.
func send(t *testing.T, method, url, contentType, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Close = true
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A tracking socket whose client vanishes (TCP gone, no close frame) keeps
// its relay in coder/websocket's close handshake with the carrier, which
// never answers, for the library's 5 s; then it ends by itself.
func TestTrackingSocketsOfVanishedClientsLingerForTheCloseHandshakeThenEnd(t *testing.T) {
	const clients = 40
	svc, srv := startService(t, "-carrier-push-every", "20ms")
	goroutinesIdle := runtime.NumGoroutine()
	conns := make([]*websocket.Conn, clients)
	for i := range conns {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/api/v2/ws/track?order="+strconv.Itoa(i), nil)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		_, scan, err := c.Read(ctx)
		cancel()
		if err != nil || !strings.Contains(string(scan), `"parcel":"P-`+strconv.Itoa(i)+`"`) {
			t.Fatalf("client %d: first scan %q, %v", i, scan, err)
		}
		conns[i] = c
	}
	if !waitFor(5*time.Second, func() bool { return svc.tracking.Open() == clients }) {
		t.Fatalf("%d sockets open, want %d", svc.tracking.Open(), clients)
	}
	heapOpen, goroutinesOpen := heapAfterGC(), runtime.NumGoroutine()
	for _, c := range conns {
		_ = c.CloseNow()
	}
	vanished := time.Now()
	if !waitFor(2*time.Second, func() bool { return svc.tracking.Closing() == clients }) {
		t.Fatalf("%d relays in their close handshake, want %d", svc.tracking.Closing(), clients)
	}
	if relays, feeds := stacksIn(relayHandler), stacksIn(carrierFeed); relays != clients || feeds != clients {
		t.Fatalf("%d relays and %d carrier feeds while lingering, want %d each", relays, feeds, clients)
	}
	heapLingering, goroutinesLingering := heapAfterGC(), runtime.NumGoroutine()
	if !waitFor(closeHandshake+3*time.Second, func() bool { return stacksIn(relayHandler) == 0 && stacksIn(carrierFeed) == 0 }) {
		t.Fatalf("%d relays still there %s after the clients vanished, past the library's %s",
			stacksIn(relayHandler), time.Since(vanished).Round(time.Millisecond), closeHandshake)
	}
	lingered := time.Since(vanished)
	if lingered < closeHandshake-time.Second {
		t.Fatalf("the relays ended %s after the clients vanished: not the close handshake's wait", lingered)
	}
	heapEnded := heapAfterGC()
	t.Logf("per client: open %.1f goroutines and %d B of heap; vanished and lingering %.1f goroutines and %d B; all ended %s after the clients vanished",
		float64(goroutinesOpen-goroutinesIdle)/clients, (heapOpen-heapEnded)/clients,
		float64(goroutinesLingering-goroutinesIdle)/clients, (heapLingering-heapEnded)/clients, lingered.Round(100*time.Millisecond))
}

func placeOrders(t *testing.T, base string, n int) {
	t.Helper()
	for range n {
		if got, b := send(t, "POST", base+"/api/v2/orders", "application/json", `{"customer":"ada","lines":[{"sku":"MUG-01","quantity":2}]}`); got != 201 {
			t.Fatalf("place: %d %s", got, b)
		}
	}
}

// Placing an order asks the warehouse over the keep-alive pool; its idle
// connections close after -upstream-idle.
func TestWarehouseKeepAliveConnectionsCloseWhenIdle(t *testing.T) {
	svc, srv := startService(t, "-upstream-idle", "300ms", "-rates-every", "1h")
	placeOrders(t, srv.URL, 5)
	if svc.warehouse.Conns() < 1 {
		t.Fatal("no keep-alive connection to the warehouse after 5 orders")
	}
	if !waitFor(3*time.Second, func() bool { return svc.warehouse.Conns() == 0 }) {
		t.Fatalf("%d warehouse connections open long after -upstream-idle 300ms", svc.warehouse.Conns())
	}
}

func TestRatesJobRefreshesEveryTick(t *testing.T) {
	svc, _ := startService(t, "-rates-every", "20ms")
	if !waitFor(5*time.Second, func() bool { return svc.rates.Refreshed() >= 5 && svc.rates.Rate("USD") > 1 }) {
		t.Fatalf("%d refreshes, USD %.4f after 5 s at one per 20 ms", svc.rates.Refreshed(), svc.rates.Rate("USD"))
	}
}

func attachmentBody(t *testing.T, field string, files, size int) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for i := range files {
		part, _ := w.CreateFormFile(field, "note-"+strconv.Itoa(i)+".pdf")
		part.Write(bytes.Repeat([]byte{byte('a' + i)}, size))
	}
	w.Close()
	return w.FormDataContentType(), buf.String()
}

func TestAttachmentsAnswerEveryDocumentedStatus(t *testing.T) {
	_, srv := startService(t)
	for _, tc := range []struct {
		path, field string
		files, size int
		want        int
	}{
		{"/api/v2/orders/7/attachments", "file", 1, 1024, 201},
		{"/api/v2/orders/7/attachments/batch", "files", 3, 2048, 201},
		{"/api/v2/orders/7/attachments", "file", 1, 2 << 20, 201}, // spills to a temp file
		{"/api/v2/orders/7/attachments", "file", 1, 9 << 20, 413},
		{"/api/v2/orders/7/attachments", "document", 1, 10, 400},
		{"/api/v2/orders/x/attachments", "file", 1, 10, 400},
	} {
		ct, body := attachmentBody(t, tc.field, tc.files, tc.size)
		if got, b := send(t, "POST", srv.URL+tc.path, ct, body); got != tc.want {
			t.Errorf("%s %d x %d B in %q: %d, want %d (%s)", tc.path, tc.files, tc.size, tc.field, got, tc.want, b)
		}
	}
	cut := "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n\r\nno closing boundary"
	if got, _ := send(t, "POST", srv.URL+"/api/v2/orders/7/attachments", "multipart/form-data; boundary=b", cut); got != 400 {
		t.Errorf("malformed multipart: %d, want 400", got)
	}
}
