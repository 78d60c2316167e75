package main

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
)

// Pattern websocket-writer: the writer/ping goroutine of a WebSocket
// connection outlives the connection.

const (
	wsPingEvery   = 2 * time.Second
	wsPongWait    = 60 * time.Second // a client that vanishes silently is dropped after this
	wsWriteWait   = 5 * time.Second
	wsMaxMessage  = 64 << 10
	wsCloseReason = "unknown message type: "
)

var upgrader = websocket.Upgrader{
	ReadBufferSize:  4 << 10,
	WriteBufferSize: 4 << 10,
	// Lab clients are load generators, not browsers.
	CheckOrigin: func(*http.Request) bool { return true },
}

// wsMessage is the protocol: {"type":"echo","data":...} is echoed back;
// any other type closes the connection with 1003 and a reason.
type wsMessage struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data,omitempty"`
}

func addWebSocketRoutes(rg *gin.RouterGroup, l *lab) {
	handler := fixedWSHandler
	if l.cfg.leaks.on("websocket-writer") {
		handler = leakyWSHandler
	}
	rg.GET("/ws", lingerMiddleware(l.cfg.closeLinger), handler)
}

// upgrade answers a plain HTTP request with a JSON 400 instead of
// gorilla's text error.
func upgrade(c *gin.Context) (*websocket.Conn, bool) {
	if !websocket.IsWebSocketUpgrade(c.Request) {
		abortJSON(c, http.StatusBadRequest, "expected a WebSocket upgrade")
		return nil, false
	}
	conn, err := upgrader.Upgrade(c.Writer, c.Request, nil)
	if err != nil {
		return nil, false // Upgrade has already answered
	}
	conn.SetReadLimit(wsMaxMessage)
	conn.SetReadDeadline(time.Now().Add(wsPongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(wsPongWait)) })
	return conn, true
}

// readMessages hands echo replies to out until the client leaves or breaks
// the protocol; protocol errors get a close frame with a reason.
// WriteControl may run concurrently with the writer goroutine.
func readMessages(conn *websocket.Conn, out chan<- wsMessage, done <-chan struct{}) {
	for {
		var m wsMessage
		_, data, err := conn.ReadMessage()
		if err != nil {
			return
		}
		if err := json.Unmarshal(data, &m); err != nil {
			closeWith(conn, websocket.CloseInvalidFramePayloadData, "malformed JSON message")
			return
		}
		if m.Type != "echo" {
			closeWith(conn, websocket.CloseUnsupportedData, wsCloseReason+truncate(m.Type, 64))
			return
		}
		select {
		case out <- m:
		case <-done:
			return
		}
	}
}

func closeWith(conn *websocket.Conn, code int, reason string) {
	_ = conn.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(wsWriteWait))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// BUG: leakyWSHandler closes the connection when the reader ends but never
// tells the writer, whose loop has no exit.
func leakyWSHandler(c *gin.Context) {
	conn, ok := upgrade(c)
	if !ok {
		return
	}
	defer conn.Close()
	out := make(chan wsMessage)
	if goroutineBudget.take(1, "websocket-writer") {
		go leakyWSWriter(conn, out)
	} else {
		done := make(chan struct{})
		defer close(done)
		go fixedWSWriter(conn, out, done)
	}
	readMessages(conn, out, nil)
}

// BUG: leakyWSWriter ignores write errors and has no done case: after the
// connection is gone it keeps waking on its (never stopped) ping ticker,
// forever, one goroutine per connection ever opened.
func leakyWSWriter(conn *websocket.Conn, out <-chan wsMessage) {
	ping := time.NewTicker(wsPingEvery)
	for {
		select {
		case m := <-out:
			conn.SetWriteDeadline(time.Now().Add(wsWriteWait))
			_ = conn.WriteJSON(m)
		case <-ping.C:
			_ = conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(wsWriteWait))
		}
	}
}

// FIX: fixedWSHandler closes done when the reader ends and waits for the
// writer before closing the connection.
func fixedWSHandler(c *gin.Context) {
	conn, ok := upgrade(c)
	if !ok {
		return
	}
	defer conn.Close()
	out := make(chan wsMessage)
	done := make(chan struct{})
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		fixedWSWriter(conn, out, done)
	}()
	// The reader also stops if the writer quit on an error first.
	readMessages(conn, out, writerDone)
	close(done)
	<-writerDone
	lingerAfterClose(lingerOf(c))
}

// FIX: fixedWSWriter returns on done or on the first write error (which
// also unblocks the reader by closing the connection), and stops its ticker.
func fixedWSWriter(conn *websocket.Conn, out <-chan wsMessage, done <-chan struct{}) {
	ping := time.NewTicker(wsPingEvery)
	defer ping.Stop()
	for {
		var err error
		select {
		case <-done:
			return
		case m := <-out:
			conn.SetWriteDeadline(time.Now().Add(wsWriteWait))
			err = conn.WriteJSON(m)
		case <-ping.C:
			err = conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(wsWriteWait))
		}
		if err != nil {
			conn.Close()
			return
		}
	}
}
