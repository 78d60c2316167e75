package api

import (
	"net/http"

	"example.com/sessionsvc/internal/events"
	"github.com/gin-gonic/gin"
)

type eventAccepted struct {
	Status string `json:"status"`
	Type   string `json:"type"`
}

// postEvent accepts an event and delivers it in the background (the fix).
func (h *Handlers) postEvent(c *gin.Context) {
	ev, ok := bindEvent(c)
	if !ok {
		return
	}
	h.events.Dispatch(ev)
	h.announce(ev)
	c.JSON(http.StatusAccepted, eventAccepted{Status: "accepted", Type: ev.Type})
}

// announce posts purchases to the inbox the long polls wait on.
func (h *Handlers) announce(ev events.Event) {
	if ev.Type == "purchase" && h.backends.Inbox != nil {
		h.backends.Inbox.Post(ev.User + " bought something")
	}
}

// postEventLeaky is postEvent with event-goroutine planted: see
// events.(*Dispatcher).LeakyDispatch.
func (h *Handlers) postEventLeaky(c *gin.Context) {
	ev, ok := bindEvent(c)
	if !ok {
		return
	}
	h.events.LeakyDispatch(ev)
	h.announce(ev)
	c.JSON(http.StatusAccepted, eventAccepted{Status: "accepted", Type: ev.Type})
}

func bindEvent(c *gin.Context) (events.Event, bool) {
	var ev events.Event
	if err := c.ShouldBindJSON(&ev); err != nil {
		abortBind(c, err)
		return ev, false
	}
	return ev, true
}
