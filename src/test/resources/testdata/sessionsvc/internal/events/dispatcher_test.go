package events

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// stranded is where LeakyDispatch's goroutines park for good.
const stranded = "example.com/sessionsvc/internal/events.(*Dispatcher).leakyDeliver"

func TestMain(m *testing.M) {
	// The leaky tests strand goroutines on purpose; nothing else may leak.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction(stranded))
}

var click = Event{Type: "click", User: "u1", Payload: "button=buy"}

// goroutinesSettled waits until the count holds still for 100 ms.
func goroutinesSettled(t *testing.T) int {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	last, stableSince := runtime.NumGoroutine(), time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		n := runtime.NumGoroutine()
		if n != last {
			last, stableSince = n, time.Now()
			continue
		}
		if time.Since(stableSince) >= 100*time.Millisecond {
			return n
		}
	}
	t.Fatalf("goroutine count did not settle (last %d)", last)
	return 0
}

// parked counts the goroutines whose stack is in leakyDeliver.
func parked() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), stranded+"(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

func TestLeakyDispatchStrandsOneGoroutinePerEvent(t *testing.T) {
	d := NewDispatcher(time.Millisecond, 1)
	before := parked()
	existing := goleak.IgnoreCurrent()
	for range 300 {
		d.LeakyDispatch(click)
	}
	goroutinesSettled(t)
	leaked := parked() - before
	d.Close()
	if err := goleak.Find(existing); err == nil || !strings.Contains(err.Error(), stranded) {
		t.Fatalf("goleak should name %s, found: %v", stranded, err)
	}
	if leaked != 300 {
		t.Fatalf("300 events stranded %d goroutines, want 300", leaked)
	}
	if got := d.Delivered(); got != 300 {
		t.Fatalf("delivered %d events, want 300: the work is done, only the ack blocks", got)
	}
}

func TestLeakyDispatchEveryNthStrandsOneInN(t *testing.T) {
	d := NewDispatcher(time.Millisecond, 100)
	before := parked()
	for range 3000 {
		d.LeakyDispatch(click)
	}
	goroutinesSettled(t)
	leaked := parked() - before
	d.Close()
	if leaked != 30 {
		t.Fatalf("3000 events with -event-leak-every 100 stranded %d goroutines, want 30", leaked)
	}
}

func TestDispatchLeavesNoGoroutine(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	d := NewDispatcher(time.Millisecond, 1)
	for range 300 {
		d.Dispatch(click)
	}
	goroutinesSettled(t)
	if got := d.Delivered(); got != 300 {
		t.Fatalf("delivered %d events, want 300", got)
	}
	if got := d.ByType()["click"]; got != 300 {
		t.Fatalf("counted %d clicks, want 300", got)
	}
	d.Close()
}

func TestCloseCutsSlowDeliveriesShort(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	d := NewDispatcher(time.Hour, 1)
	for range 10 {
		d.Dispatch(click)
	}
	done := make(chan struct{})
	go func() { d.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Close did not end hour-long deliveries")
	}
}
