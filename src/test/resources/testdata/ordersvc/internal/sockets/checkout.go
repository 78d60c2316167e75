package sockets

import (
	"encoding/json"
	"fmt"
	"time"

	"example.com/ordersvc/internal/orders"
	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
)

// Message is every message of the checkout protocol, both ways.
//
//	client {"op":"hello","customer":"ada"}        server {"op":"welcome","customer":"ada"}
//	client {"op":"add","sku":"MUG-01","qty":2}    server {"op":"added","lines":1}
//	client {"op":"commit"}                        server {"op":"committed","order":42}, then close 1000
//
// Anything else, or out of order, is answered {"op":"error","reason":...} and closed with 1002.
type Message struct {
	Op       string `json:"op"`
	Customer string `json:"customer,omitempty"`
	SKU      string `json:"sku,omitempty"`
	Qty      int    `json:"qty,omitempty"`
	Lines    int    `json:"lines,omitempty"`
	Order    int64  `json:"order,omitempty"`
	Reason   string `json:"reason,omitempty"`
}

// Checkout serves /ws/checkout.
type Checkout struct {
	store  *orders.Store
	notify func(orders.Order)
}

// NewCheckout places committed orders in store.
func NewCheckout(store *orders.Store, notify func(orders.Order)) *Checkout {
	return &Checkout{store: store, notify: notify}
}

// Register adds /ws/checkout to rg.
func (k *Checkout) Register(rg *gin.RouterGroup) { rg.GET("/ws/checkout", k.serve) }

func (k *Checkout) serve(c *gin.Context) {
	conn, ok := upgrade(c)
	if !ok {
		return
	}
	defer conn.Close()
	var customer string
	var lines []orders.Line
	for {
		_, data, err := conn.ReadMessage()
		if err != nil {
			return // gone, or closed by the client
		}
		var m Message
		if err := json.Unmarshal(data, &m); err != nil {
			refuse(conn, "malformed JSON")
			return
		}
		var reply Message
		switch {
		case m.Op == "hello" && customer == "" && m.Customer != "":
			customer = m.Customer
			reply = Message{Op: "welcome", Customer: customer}
		case m.Op == "add" && customer != "" && m.SKU != "" && m.Qty >= 1 && len(lines) < 10:
			lines = append(lines, orders.Line{SKU: m.SKU, Quantity: m.Qty})
			reply = Message{Op: "added", Lines: len(lines)}
		case m.Op == "commit" && len(lines) > 0:
			o := k.store.Place(customer, lines, time.Now())
			k.notify(o)
			if send(conn, Message{Op: "committed", Order: o.ID}) {
				closeWith(conn, websocket.CloseNormalClosure, "order placed")
			}
			return
		default:
			refuse(conn, fmt.Sprintf("unexpected %q here", m.Op))
			return
		}
		if !send(conn, reply) {
			return
		}
	}
}

func send(conn *websocket.Conn, m Message) bool {
	_ = conn.SetWriteDeadline(time.Now().Add(writeWait))
	return conn.WriteJSON(m) == nil
}

func refuse(conn *websocket.Conn, reason string) {
	if send(conn, Message{Op: "error", Reason: reason}) {
		closeWith(conn, websocket.CloseProtocolError, reason)
	}
}
