// Package upstream is what ordersvc calls over the network: the warehouse
// (stock levels and exchange rates) and the carrier's tracking feed (a
// WebSocket). In production they are other companies' services; here they
// run in this process on their own loopback listener, so the keep-alive
// pool, its idle connections and the WebSocket close handshake are real.
package upstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
)

// Warehouse is the in-process upstream. Build it with Listen.
type Warehouse struct {
	URL       string
	srv       *http.Server
	pushEvery time.Duration
	stop      chan struct{}
	feeds     sync.WaitGroup
	closeOnce sync.Once
	conns     atomic.Int64
}

// Listen serves on a free loopback port; the carrier feed pushes every pushEvery.
func Listen(pushEvery time.Duration) (*Warehouse, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("upstream: %w", err)
	}
	w := &Warehouse{URL: "http://" + ln.Addr().String(), pushEvery: pushEvery, stop: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stock/{sku}", stock)
	mux.HandleFunc("GET /rates", rates)
	mux.HandleFunc("GET /carrier/track", w.track)
	w.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 30 * time.Second, ConnState: w.count}
	go func() { _ = w.srv.Serve(ln) }()
	return w, nil
}

// Conns is the number of keep-alive connections open to the warehouse
// (tracking sockets are hijacked, not counted).
func (w *Warehouse) Conns() int64 { return w.conns.Load() }

func (w *Warehouse) count(_ net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		w.conns.Add(1)
	case http.StateClosed, http.StateHijacked:
		w.conns.Add(-1)
	}
}

// Close stops the listener, its connections and the feeds.
func (w *Warehouse) Close() {
	w.closeOnce.Do(func() {
		close(w.stop)
		_ = w.srv.Close()
		w.feeds.Wait()
	})
}

func stock(rw http.ResponseWriter, r *http.Request) {
	sum := fnv.New32a()
	sum.Write([]byte(r.PathValue("sku")))
	rw.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(rw, `{"sku":%q,"available":%d}`, r.PathValue("sku"), 50+sum.Sum32()%500)
}

func rates(rw http.ResponseWriter, _ *http.Request) {
	rw.Header().Set("Content-Type", "application/json")
	minute := time.Now().Minute()
	fmt.Fprintf(rw, `{"EUR":1,"USD":%.4f,"GBP":%.4f,"CHF":%.4f,"JPY":%.2f}`,
		1.08+float64(minute)/10000, 0.85+float64(minute)/20000, 0.95, 160+float64(minute)/10)
}

// track is the carrier's tracking feed: a position every pushEvery. It
// never reads from its subscribers, close frames included, so a subscriber
// closing with a handshake waits until its library gives up; the feed
// notices only when the TCP connection is gone.
func (w *Warehouse) track(rw http.ResponseWriter, r *http.Request) {
	w.feeds.Add(1)
	defer w.feeds.Done()
	c, err := websocket.Accept(rw, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	t := time.NewTicker(w.pushEvery)
	defer t.Stop()
	parcel := r.URL.Query().Get("parcel")
	for seq := 1; ; seq++ {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := c.Write(ctx, websocket.MessageText, []byte(`{"parcel":"`+parcel+`","scan":`+strconv.Itoa(seq)+`,"at":"hub-`+strconv.Itoa(seq%7)+`"}`))
		cancel()
		if err != nil {
			return
		}
	}
}

// Client is ordersvc's side: one keep-alive pool for the warehouse calls
// and the carrier feed's handshakes.
type Client struct {
	base      string
	http      *http.Client
	transport *http.Transport
}

// NewClient calls the warehouse at base; idle pooled connections close
// after idle.
func NewClient(base string, idle time.Duration) *Client {
	t := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        16,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     idle,
	}
	return &Client{base: base, transport: t, http: &http.Client{Transport: t}}
}

// Close drops the pool's idle connections.
func (c *Client) Close() { c.transport.CloseIdleConnections() }

// ErrUpstream is every failure to get an answer.
var ErrUpstream = errors.New("warehouse call failed")

func (c *Client) getJSON(ctx context.Context, path string, into any) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUpstream, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<10))
	if err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%w: GET %s: status %d", ErrUpstream, path, resp.StatusCode)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("%w: GET %s: %w", ErrUpstream, path, err)
	}
	return nil
}

// Available is the warehouse's stock of sku.
func (c *Client) Available(ctx context.Context, sku string) (int, error) {
	var s struct {
		Available int `json:"available"`
	}
	err := c.getJSON(ctx, "/stock/"+sku, &s)
	return s.Available, err
}

// Rates are the exchange rates against the euro.
func (c *Client) Rates(ctx context.Context) (map[string]float64, error) {
	r := map[string]float64{}
	err := c.getJSON(ctx, "/rates", &r)
	return r, err
}

// Track opens the carrier's feed for parcel; ctx bounds the handshake only.
func (c *Client) Track(ctx context.Context, parcel string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(c.base, "http")+"/carrier/track?parcel="+parcel,
		&websocket.DialOptions{HTTPClient: c.http})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUpstream, err)
	}
	return conn, nil
}
