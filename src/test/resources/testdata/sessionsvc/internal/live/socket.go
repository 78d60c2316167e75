// Package live is sessionsvc's long connections: the /v1/live WebSocket
// (the vendor's notification feed relayed to the browser), the
// /v1/notifications event stream and the /v1/inbox/wait long poll.
package live

import (
	"context"
	"net/http"
	"sync/atomic"

	"github.com/coder/websocket"
	"github.com/gin-gonic/gin"
)

// Feed opens the vendor's notification feed for a topic.
type Feed interface {
	Subscribe(ctx context.Context, topic string) (*websocket.Conn, error)
}

// Sockets serves GET /v1/live?topic=: every socket is one subscription to
// the vendor's feed, relayed as it comes. The client only listens.
type Sockets struct {
	feed    Feed
	open    atomic.Int64
	closing atomic.Int64
}

// NewSockets relays feed.
func NewSockets(feed Feed) *Sockets { return &Sockets{feed: feed} }

// Open is the number of sockets relaying; Closing the number whose vendor
// subscription is still in its close handshake.
func (s *Sockets) Open() int64    { return s.open.Load() }
func (s *Sockets) Closing() int64 { return s.closing.Load() }

func (s *Sockets) serve(c *gin.Context) {
	down, err := websocket.Accept(c.Writer, c.Request, &websocket.AcceptOptions{
		// Clients are apps and load generators, not pages of another origin.
		InsecureSkipVerify: true,
	})
	if err != nil {
		return // Accept has answered
	}
	defer down.CloseNow()
	// Push-only: the library reads for us, answers pings and close frames,
	// and ends ctx when the client leaves, however it leaves.
	ctx := down.CloseRead(c.Request.Context())

	up, err := s.feed.Subscribe(ctx, c.DefaultQuery("topic", "all"))
	if err != nil {
		_ = down.Close(websocket.StatusTryAgainLater, "notification feed unavailable")
		return
	}
	s.open.Add(1)
	defer func() {
		// The polite end of the subscription: a close frame, then the
		// library waits (5 s at most) for the vendor's. The vendor never
		// answers one, so every socket that ends, the client gone or not,
		// keeps this goroutine and both connections for that long.
		s.open.Add(-1)
		s.closing.Add(1)
		_ = up.Close(websocket.StatusNormalClosure, "subscriber left")
		s.closing.Add(-1)
	}()

	notices := make(chan []byte)
	stop := make(chan struct{})
	defer close(stop)
	go relay(up, notices, stop)
	for {
		select {
		case <-ctx.Done():
			return
		case msg, ok := <-notices:
			if !ok {
				_ = down.Close(websocket.StatusGoingAway, "notification feed ended")
				return
			}
			if err := down.Write(ctx, websocket.MessageText, msg); err != nil {
				return
			}
		}
	}
}

// relay reads the vendor's notices until the subscription ends or stop.
// Its reads are not bound to the client's context: a cancelled read would
// tear the subscription down without the close handshake.
func relay(up *websocket.Conn, out chan<- []byte, stop <-chan struct{}) {
	defer close(out)
	for {
		_, msg, err := up.Read(context.Background())
		if err != nil {
			return
		}
		select {
		case out <- msg:
		case <-stop:
			return
		}
	}
}

// Register adds GET /live to rg.
func (s *Sockets) Register(rg *gin.RouterGroup) {
	rg.GET("/live", func(c *gin.Context) {
		if c.GetHeader("Upgrade") == "" {
			c.AbortWithStatusJSON(http.StatusUpgradeRequired, gin.H{"error": "this is a WebSocket: send Upgrade: websocket"})
			return
		}
		s.serve(c)
	})
}
