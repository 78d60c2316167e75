// Package sockets serves two WebSockets: /ws/prices, where only the server
// speaks (a client that speaks is closed with 1008), and /ws/checkout, a
// protocol of several messages that ends in an order.
package sockets

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
)

const (
	writeWait  = 5 * time.Second
	idleWait   = 60 * time.Second // a client that vanishes silently is dropped after this
	maxMessage = 16 << 10
)

var upgrader = websocket.Upgrader{
	ReadBufferSize:  2 << 10,
	WriteBufferSize: 2 << 10,
	// Clients are load generators and scripts, not browsers.
	CheckOrigin: func(*http.Request) bool { return true },
}

func upgrade(c *gin.Context) (*websocket.Conn, bool) {
	if !websocket.IsWebSocketUpgrade(c.Request) {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"code": "not_websocket", "message": "expected a WebSocket upgrade"})
		return nil, false
	}
	conn, err := upgrader.Upgrade(c.Writer, c.Request, nil)
	if err != nil {
		return nil, false // Upgrade has answered
	}
	conn.SetReadLimit(maxMessage)
	_ = conn.SetReadDeadline(time.Now().Add(idleWait))
	return conn, true
}

// closeWith sends a close frame; the client may already be gone.
func closeWith(conn *websocket.Conn, code int, reason string) {
	_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(writeWait))
}
