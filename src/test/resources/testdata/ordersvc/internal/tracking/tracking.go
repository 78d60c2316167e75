// Package tracking serves GET /ws/track?order=: the carrier's scans of an
// order's parcel, relayed over a WebSocket (coder/websocket) as they come.
package tracking

import (
	"context"
	"sync/atomic"

	"github.com/coder/websocket"
	"github.com/gin-gonic/gin"
)

// Carrier opens the carrier's feed for a parcel.
type Carrier interface {
	Track(ctx context.Context, parcel string) (*websocket.Conn, error)
}

// Relay is the tracking socket.
type Relay struct {
	carrier Carrier
	open    atomic.Int64
	closing atomic.Int64
}

// NewRelay relays carrier's feeds.
func NewRelay(carrier Carrier) *Relay { return &Relay{carrier: carrier} }

// Register adds GET /ws/track to rg.
func (t *Relay) Register(rg *gin.RouterGroup) { rg.GET("/ws/track", t.serve) }

// Open counts sockets relaying; Closing the carrier subscriptions still in
// their close handshake.
func (t *Relay) Open() int64    { return t.open.Load() }
func (t *Relay) Closing() int64 { return t.closing.Load() }

func (t *Relay) serve(c *gin.Context) {
	client, err := websocket.Accept(c.Writer, c.Request, &websocket.AcceptOptions{
		// Clients are apps and load generators, not pages of another origin.
		InsecureSkipVerify: true,
	})
	if err != nil {
		return // Accept has answered
	}
	defer client.CloseNow()
	// The client only listens: the library reads for us and ends ctx when
	// the client leaves, with or without a close frame.
	ctx := client.CloseRead(c.Request.Context())
	feed, err := t.carrier.Track(ctx, "P-"+c.DefaultQuery("order", "0"))
	if err != nil {
		_ = client.Close(websocket.StatusTryAgainLater, "carrier unavailable")
		return
	}
	t.open.Add(1)
	defer func() {
		// Unsubscribe politely: a close frame, then the library waits up to
		// 5 s for the carrier's, which never comes. Every tracking socket,
		// however it ends, keeps this goroutine and both connections that long.
		t.open.Add(-1)
		t.closing.Add(1)
		_ = feed.Close(websocket.StatusNormalClosure, "tracking ended")
		t.closing.Add(-1)
	}()
	scans := make(chan []byte)
	stop := make(chan struct{})
	defer close(stop)
	go pump(feed, scans, stop)
	for {
		select {
		case <-ctx.Done():
			return
		case scan, ok := <-scans:
			if !ok {
				_ = client.Close(websocket.StatusGoingAway, "carrier feed ended")
				return
			}
			if err := client.Write(ctx, websocket.MessageText, scan); err != nil {
				return
			}
		}
	}
}

// pump reads the carrier's scans until the feed ends or stop. Its reads
// are not bound to the client's context: a cancelled read would drop the
// feed without the close handshake.
func pump(feed *websocket.Conn, out chan<- []byte, stop <-chan struct{}) {
	defer close(out)
	for {
		_, scan, err := feed.Read(context.Background())
		if err != nil {
			return
		}
		select {
		case out <- scan:
		case <-stop:
			return
		}
	}
}
