package live

import (
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// Inbox serves GET /v1/inbox/wait?timeout_ms=, a long poll: 200 with the
// next message posted to the inbox, 204 when none comes in time. Waiters
// hold no registration: each waits on the current generation's channel,
// which Post closes and replaces, so a poll that ends leaves nothing.
type Inbox struct {
	mu      sync.Mutex
	latest  Message
	changed chan struct{}
}

// Message is what a poll answers.
type Message struct {
	Seq  int    `json:"seq"`
	Text string `json:"text"`
}

// NewInbox is empty.
func NewInbox() *Inbox { return &Inbox{changed: make(chan struct{})} }

// Register adds GET /inbox/wait to rg.
func (b *Inbox) Register(rg *gin.RouterGroup) { rg.GET("/inbox/wait", b.wait) }

// Post wakes every waiting poll with text.
func (b *Inbox) Post(text string) {
	b.mu.Lock()
	b.latest = Message{Seq: b.latest.Seq + 1, Text: text}
	close(b.changed)
	b.changed = make(chan struct{})
	b.mu.Unlock()
}

type waitQuery struct {
	TimeoutMs int `form:"timeout_ms" binding:"min=1,max=60000"`
}

func (b *Inbox) wait(c *gin.Context) {
	q := waitQuery{TimeoutMs: 25000}
	if err := c.ShouldBindQuery(&q); err != nil {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, gin.H{"error": err.Error()})
		return
	}
	b.mu.Lock()
	changed := b.changed
	b.mu.Unlock()
	timer := time.NewTimer(time.Duration(q.TimeoutMs) * time.Millisecond)
	defer timer.Stop()
	select {
	case <-changed:
		b.mu.Lock()
		m := b.latest
		b.mu.Unlock()
		c.JSON(http.StatusOK, m)
	case <-timer.C:
		c.Status(http.StatusNoContent)
	case <-c.Request.Context().Done():
	}
}
