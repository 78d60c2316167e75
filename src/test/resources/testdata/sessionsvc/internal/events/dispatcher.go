// Package events takes the analytics events POST /v1/events accepts and
// delivers them in the background, so the request answers at once.
package events

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Event is one analytics event as clients send it.
type Event struct {
	Type    string `json:"type" binding:"required,oneof=click view purchase signup"`
	User    string `json:"user" binding:"required,max=64"`
	Payload string `json:"payload" binding:"max=1024"`
}

// Dispatcher delivers events off the request path. Deliveries take Work
// each (a stand-in for the write to the analytics pipeline) and report
// their outcome on an ack channel.
type Dispatcher struct {
	ctx       context.Context
	cancel    context.CancelFunc
	work      time.Duration
	leakEvery uint64
	seen      atomic.Uint64
	inFlight  sync.WaitGroup

	delivered atomic.Uint64
	mu        sync.Mutex
	byType    map[string]uint64 // keys come from Event.Type's oneof: bounded
}

// NewDispatcher makes a dispatcher whose deliveries take work each.
// leakEvery only matters to LeakyDispatch: 1 of every leakEvery events
// strands its goroutine (1 = every event).
func NewDispatcher(work time.Duration, leakEvery int) *Dispatcher {
	ctx, cancel := context.WithCancel(context.Background())
	return &Dispatcher{ctx: ctx, cancel: cancel, work: work, leakEvery: uint64(max(leakEvery, 1)), byType: map[string]uint64{}}
}

// BUG: LeakyDispatch is fire-and-forget: it starts the delivery and
// returns. The delivery still reports its outcome on an unbuffered ack
// channel, left over from when the handler waited for it, and nobody
// receives from that channel any more: every such goroutine (its stack,
// the event and the channel) stays parked in leakyDeliver forever.
// With -event-leak-every N only every Nth event goes this way.
func (d *Dispatcher) LeakyDispatch(ev Event) {
	if d.seen.Add(1)%d.leakEvery != 0 {
		d.Dispatch(ev)
		return
	}
	acks := make(chan error)
	go d.leakyDeliver(ev, acks)
}

// BUG: the send below has no receiver and never returns.
func (d *Dispatcher) leakyDeliver(ev Event, acks chan<- error) {
	acks <- d.deliver(ev)
}

// FIX: Dispatch gives the ack channel room for its one value and the
// sender a way out (the dispatcher's context), so the goroutine ends as
// soon as the delivery is done, read or not; Close waits for it.
func (d *Dispatcher) Dispatch(ev Event) {
	acks := make(chan error, 1)
	d.inFlight.Add(1)
	go d.fixedDeliver(ev, acks)
}

// FIX: the send cannot block: the buffer takes it, or shutdown ends it.
func (d *Dispatcher) fixedDeliver(ev Event, acks chan<- error) {
	defer d.inFlight.Done()
	select {
	case acks <- d.deliver(ev):
	case <-d.ctx.Done():
	}
}

// deliver stands for the write to the pipeline: it takes d.work, or less
// when the dispatcher shuts down.
func (d *Dispatcher) deliver(ev Event) error {
	if d.work > 0 {
		t := time.NewTimer(d.work)
		select {
		case <-t.C:
		case <-d.ctx.Done():
			t.Stop()
			return d.ctx.Err()
		}
	}
	d.mu.Lock()
	d.byType[ev.Type]++
	d.mu.Unlock()
	d.delivered.Add(1)
	return nil
}

// Delivered counts completed deliveries.
func (d *Dispatcher) Delivered() uint64 { return d.delivered.Load() }

// ByType is a copy of the delivered counts per event type.
func (d *Dispatcher) ByType() map[string]uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]uint64, len(d.byType))
	for k, v := range d.byType {
		out[k] = v
	}
	return out
}

// Close cuts pending deliveries short and waits for the fixed ones to
// end. Stranded goroutines of LeakyDispatch stay: nothing can reach them.
func (d *Dispatcher) Close() {
	d.cancel()
	d.inFlight.Wait()
}
