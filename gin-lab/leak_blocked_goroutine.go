package main

import (
	"net/http"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern blocked-goroutine: a goroutine blocked forever on a channel send
// nobody receives.

// The handler waits notifyWait for the receipt, but delivery always takes
// deliveryTime, so every request takes the "gave up" path deterministically.
const (
	notifyWait   = 2 * time.Millisecond
	deliveryTime = 20 * time.Millisecond
)

// notifyLeakEvery (-notify-leak-every, default 1) sends 1 of every N notify
// requests down the leaky path and the rest to the fix, so the sensitivity
// benchmark can plant fewer goroutines than one per request. Counted, not
// random: request N, 2N, 3N, … leak, so a run of k requests leaks k/N.
var (
	notifyLeakEvery    uint64 = 1
	notifyRequestsSeen atomic.Uint64
)

type notifyRequest struct {
	Channel string `json:"channel" binding:"required,oneof=email sms push"`
	To      string `json:"to" binding:"required,max=256"`
	Message string `json:"message" binding:"required,max=4096"`
}

type deliveryReceipt struct {
	Channel   string `json:"channel"`
	To        string `json:"to"`
	Delivered bool   `json:"delivered"`
}

func addNotifyRoutes(rg *gin.RouterGroup, l *lab) {
	handler := fixedNotifyHandler
	if l.cfg.leaks.on("blocked-goroutine") {
		handler = leakyNotifyHandler
	}
	rg.POST("/notify", requireContentType("application/json"), handler)
}

// BUG: leakyNotifyHandler hands the deliverer an unbuffered channel, then
// stops listening after notifyWait.
func leakyNotifyHandler(c *gin.Context) {
	if notifyRequestsSeen.Add(1)%notifyLeakEvery != 0 {
		fixedNotifyHandler(c)
		return
	}
	// The cap is checked before the body is read, so the fix can still
	// read it.
	if !goroutineBudget.take(1, "blocked-goroutine") {
		fixedNotifyHandler(c)
		return
	}
	var req notifyRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		goroutineBudget.give(1)
		abortBindError(c, err)
		return
	}
	receipts := make(chan deliveryReceipt)
	go leakyNotifyDeliver(req, receipts)
	awaitReceipt(c, receipts)
}

// BUG: leakyNotifyDeliver's send has no receiver once the handler gave up:
// one goroutine per request stays parked here forever.
func leakyNotifyDeliver(req notifyRequest, receipts chan<- deliveryReceipt) {
	receipts <- deliver(req)
}

// FIX: fixedNotifyHandler gives the channel room for the one receipt, so
// the deliverer's send never blocks, whether or not anyone reads it.
func fixedNotifyHandler(c *gin.Context) {
	var req notifyRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		abortBindError(c, err)
		return
	}
	receipts := make(chan deliveryReceipt, 1)
	go fixedNotifyDeliver(req, receipts)
	awaitReceipt(c, receipts)
}

// FIX: fixedNotifyDeliver is the same send, made safe by the buffer.
func fixedNotifyDeliver(req notifyRequest, receipts chan<- deliveryReceipt) {
	receipts <- deliver(req)
}

// deliver stands for the slow downstream call (mail relay, SMS gateway).
func deliver(req notifyRequest) deliveryReceipt {
	time.Sleep(deliveryTime)
	return deliveryReceipt{Channel: req.Channel, To: req.To, Delivered: true}
}

func awaitReceipt(c *gin.Context, receipts <-chan deliveryReceipt) {
	wait := time.NewTimer(notifyWait)
	defer wait.Stop()
	select {
	case r := <-receipts:
		c.JSON(http.StatusOK, r)
	case <-wait.C:
		c.JSON(http.StatusAccepted, gin.H{"status": "queued"})
	}
}
