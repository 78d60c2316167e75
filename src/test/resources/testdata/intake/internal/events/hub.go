// Package events fans the service's events (documents uploaded, heartbeats)
// out to every open event feed.
package events

import "sync"

// Event is one Server-Sent Event: its name and its data (written as JSON).
type Event struct {
	Name string
	Data any
}

// Hub is safe for concurrent use.
type Hub struct {
	mu   sync.Mutex
	subs map[*Subscription]struct{}
}

// Subscription receives the hub's events on C until it is closed.
type Subscription struct {
	C    chan Event
	hub  *Hub
	once sync.Once
}

// NewHub has no subscribers.
func NewHub() *Hub {
	return &Hub{subs: make(map[*Subscription]struct{})}
}

// Subscribe starts a subscription; close it when its reader leaves.
func (h *Hub) Subscribe() *Subscription {
	s := &Subscription{C: make(chan Event, 16), hub: h}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// Close removes the subscription from its hub; it may be called more than once.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.hub.mu.Lock()
		delete(s.hub.subs, s)
		s.hub.mu.Unlock()
	})
}

// Publish offers e to every subscriber. A subscriber whose buffer is full
// misses it: a slow reader must never hold up the uploads that publish.
func (h *Hub) Publish(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		select {
		case s.C <- e:
		default:
		}
	}
}

// Subscribers is the number of open subscriptions.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}
