package live

import (
	"context"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
)

// Notices serves GET /v1/notifications?user=&count=&interval_ms=, an event
// stream of count "notice" events. While a stream is open its user shows
// as online (the presence the other users' pages read).
type Notices struct {
	leaky bool

	mu     sync.Mutex
	online map[string]int
}

// NewNotices serves the stream; leaky plants presence-watch.
func NewNotices(leaky bool) *Notices { return &Notices{leaky: leaky, online: map[string]int{}} }

// Register adds GET /notifications to rg.
func (n *Notices) Register(rg *gin.RouterGroup) { rg.GET("/notifications", n.stream) }

type streamQuery struct {
	User       string `form:"user" binding:"omitempty,max=32"`
	Count      int    `form:"count" binding:"min=1,max=100000"`
	IntervalMs int    `form:"interval_ms" binding:"min=1,max=60000"`
}

// Notice is the data of a "notice" event.
type Notice struct {
	Seq    int    `json:"seq"`
	Text   string `json:"text"`
	Online int    `json:"online"`
}

func (n *Notices) stream(c *gin.Context) {
	q := streamQuery{User: "anonymous", Count: 10, IntervalMs: 100}
	if err := c.ShouldBindQuery(&q); err != nil {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, gin.H{"error": err.Error()})
		return
	}
	n.arrive(q.User)
	ended := make(chan struct{})
	if n.leaky {
		go n.leakyWatch(q.User, ended)
	} else {
		go n.watch(c.Request.Context(), q.User)
	}
	tick := time.NewTicker(time.Duration(q.IntervalMs) * time.Millisecond)
	defer tick.Stop()
	sent := 0
	c.Stream(func(io.Writer) bool {
		select {
		case <-tick.C:
			sent++
			c.SSEvent("notice", Notice{Seq: sent, Text: "you have new messages", Online: n.Online()})
			if sent == q.Count {
				close(ended)
				return false
			}
			return true
		case <-c.Request.Context().Done():
			return false
		}
	})
}

// BUG: leakyWatch marks the user offline once the stream has ended, but
// "ended" is only signalled when the last event went out: a client that
// drops the stream early leaves this goroutine waiting for good (and its
// user online).
func (n *Notices) leakyWatch(user string, ended <-chan struct{}) {
	<-ended
	n.leave(user)
}

// FIX: watch waits for the request's context, which net/http cancels
// however the stream ends.
func (n *Notices) watch(ctx context.Context, user string) {
	<-ctx.Done()
	n.leave(user)
}

func (n *Notices) arrive(user string) {
	n.mu.Lock()
	n.online[user]++
	n.mu.Unlock()
}

func (n *Notices) leave(user string) {
	n.mu.Lock()
	if n.online[user]--; n.online[user] <= 0 {
		delete(n.online, user)
	}
	n.mu.Unlock()
}

// Online is the number of users with a stream open.
func (n *Notices) Online() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.online)
}
