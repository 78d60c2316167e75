// Package upstream is what sessionsvc talks to over the network: a loyalty
// service (balances, analytics rollups) and a vendor's notification feed
// (a WebSocket). In production they are other processes; here they run in
// the same process on their own loopback listener, so the keep-alive pool,
// its idle connections and the WebSocket close handshake are all real.
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

// Server is the in-process upstream. Build it with Start.
type Server struct {
	URL       string // http://127.0.0.1:port
	srv       *http.Server
	pushEvery time.Duration
	stop      chan struct{}
	feeds     sync.WaitGroup
	closeOnce sync.Once
	conns     atomic.Int64
}

// Conns is the number of connections open to the upstream, idle ones
// included (hijacked feed connections are not counted).
func (s *Server) Conns() int64 { return s.conns.Load() }

func (s *Server) track(_ net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		s.conns.Add(1)
	case http.StateClosed, http.StateHijacked:
		s.conns.Add(-1)
	}
}

// Start listens on a free loopback port; the feed pushes every pushEvery.
func Start(pushEvery time.Duration) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("upstream: %w", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), pushEvery: pushEvery, stop: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /loyalty/{user}", balance)
	mux.HandleFunc("POST /loyalty/rollups", rollup)
	mux.HandleFunc("GET /vendor/feed", s.feed)
	// The loyalty service closes idle keep-alive connections after a while
	// of its own, as real ones do.
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 30 * time.Second, ConnState: s.track}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Close stops the listener, the connections and the feeds.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.stop)
		_ = s.srv.Close()
		s.feeds.Wait()
	})
}

// Balance is the loyalty service's answer.
type Balance struct {
	User   string `json:"user"`
	Points int    `json:"points"`
	Tier   string `json:"tier"`
}

func balance(w http.ResponseWriter, r *http.Request) {
	user := r.PathValue("user")
	sum := fnv.New32a()
	sum.Write([]byte(user))
	points := int(sum.Sum32() % 5000)
	tier := "bronze"
	if points > 3000 {
		tier = "gold"
	} else if points > 1000 {
		tier = "silver"
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"user":%q,"points":%d,"tier":%q}`, user, points, tier)
}

func rollup(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	w.WriteHeader(http.StatusNoContent)
}

// feed is the vendor's notification feed: it pushes a notice every
// pushEvery and never reads from its subscribers, close frames included.
// A subscriber that closes with a handshake therefore waits for an answer
// that never comes, until its library gives up; the feed notices only when
// the TCP connection is gone.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	s.feeds.Add(1)
	defer s.feeds.Done()
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	defer c.CloseNow()
	t := time.NewTicker(s.pushEvery)
	defer t.Stop()
	topic := r.URL.Query().Get("topic")
	for seq := 1; ; seq++ {
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := c.Write(ctx, websocket.MessageText, []byte(`{"seq":`+strconv.Itoa(seq)+`,"topic":"`+topic+`","text":"price drop on your wishlist"}`))
		cancel()
		if err != nil {
			return
		}
	}
}

// Client is sessionsvc's side: one keep-alive pool for the loyalty calls
// and the feed's handshakes.
type Client struct {
	base      string
	http      *http.Client
	transport *http.Transport
}

// NewClient talks to the upstream at base; idle pooled connections close
// after idle (the jitter of a real service's goroutine count: each idle
// connection is a read and a write loop here, and a connection goroutine
// on the upstream's side).
func NewClient(base string, idle time.Duration) *Client {
	t := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 2 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        16,
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     idle,
	}
	return &Client{base: base, transport: t, http: &http.Client{Transport: t}}
}

// Close drops the idle connections of the pool.
func (c *Client) Close() { c.transport.CloseIdleConnections() }

// ErrUpstream is any answer of the upstream other than the expected one.
var ErrUpstream = errors.New("upstream failed")

// Balance asks the loyalty service for user's balance.
func (c *Client) Balance(ctx context.Context, user string) (Balance, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/loyalty/"+user, nil)
	resp, err := c.http.Do(req)
	if err != nil {
		return Balance{}, fmt.Errorf("%w: %w", ErrUpstream, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if err != nil || resp.StatusCode != http.StatusOK {
		return Balance{}, fmt.Errorf("%w: status %d", ErrUpstream, resp.StatusCode)
	}
	return parseBalance(string(body))
}

// Rollup posts one analytics rollup.
func (c *Client) Rollup(ctx context.Context, body string) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/loyalty/rollups", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrUpstream, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("%w: rollup status %d", ErrUpstream, resp.StatusCode)
	}
	return nil
}

// Subscribe opens the vendor feed for topic. The connection lives until
// the caller closes it; ctx bounds the handshake only.
func (c *Client) Subscribe(ctx context.Context, topic string) (*websocket.Conn, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(c.base, "http")+"/vendor/feed?topic="+topic,
		&websocket.DialOptions{HTTPClient: c.http})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUpstream, err)
	}
	return conn, nil
}

func parseBalance(body string) (Balance, error) {
	var b Balance
	if err := json.Unmarshal([]byte(body), &b); err != nil || b.User == "" {
		return Balance{}, fmt.Errorf("%w: unreadable balance %q", ErrUpstream, body)
	}
	return b, nil
}
