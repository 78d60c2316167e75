package sockets

import (
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
)

// Price is one pushed message.
type Price struct {
	Seq   int    `json:"seq"`
	SKU   string `json:"sku"`
	Cents int    `json:"cents"`
}

// Prices serves /ws/prices: a price every interval until the client leaves
// or speaks. Speaking is a protocol violation: the server answers with a
// 1008 close frame, and must survive a client that keeps talking after it.
type Prices struct {
	every time.Duration
	leaky bool
}

// NewPrices pushes every interval; leaky plants push-ticker.
func NewPrices(every time.Duration, leaky bool) *Prices { return &Prices{every: every, leaky: leaky} }

// Register adds /ws/prices to rg.
func (p *Prices) Register(rg *gin.RouterGroup) { rg.GET("/ws/prices", p.serve) }

func (p *Prices) serve(c *gin.Context) {
	conn, ok := upgrade(c)
	if !ok {
		return
	}
	defer conn.Close()
	spoke := make(chan bool, 1)
	go watchClient(conn, spoke)

	done := make(chan struct{})
	defer close(done)
	prices := make(chan Price)
	if p.leaky {
		go leakyTick(p.every, prices)
	} else {
		go tick(p.every, prices, done)
	}
	for {
		select {
		case price := <-prices:
			_ = conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := conn.WriteJSON(price); err != nil {
				return
			}
		case spoke := <-spoke:
			if spoke {
				closeWith(conn, websocket.ClosePolicyViolation, "this socket is push-only")
			}
			return
		}
	}
}

// watchClient reads until the client speaks (true: a data message) or
// leaves (false: a close frame, which gorilla has answered, EOF, or the
// idle timeout).
func watchClient(conn *websocket.Conn, spoke chan<- bool) {
	_, _, err := conn.ReadMessage()
	spoke <- err == nil
}

// BUG: leakyTick is never told the socket ended: after the last price the
// handler read, it blocks on the send forever, with its ticker.
func leakyTick(every time.Duration, out chan<- Price) {
	t := time.NewTicker(every)
	for seq := 1; ; seq++ {
		<-t.C
		out <- price(seq)
	}
}

// FIX: tick stops with the socket.
func tick(every time.Duration, out chan<- Price, done <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for seq := 1; ; seq++ {
		select {
		case <-t.C:
		case <-done:
			return
		}
		select {
		case out <- price(seq):
		case <-done:
			return
		}
	}
}

func price(seq int) Price {
	return Price{Seq: seq, SKU: "MUG-01", Cents: 1200 + seq%50}
}
