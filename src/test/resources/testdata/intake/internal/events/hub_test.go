package events

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestEverySubscriberGetsWhatIsPublishedUntilItCloses(t *testing.T) {
	h := NewHub()
	a, b := h.Subscribe(), h.Subscribe()
	h.Publish(Event{Name: "document", Data: 1})
	for _, s := range []*Subscription{a, b} {
		if e := <-s.C; e.Name != "document" {
			t.Fatalf("got %+v, want the document event", e)
		}
	}
	a.Close()
	a.Close()
	if n := h.Subscribers(); n != 1 {
		t.Fatalf("Subscribers() = %d after one closed (twice), want 1", n)
	}
	h.Publish(Event{Name: "heartbeat"})
	if len(a.C) != 0 || len(b.C) != 1 {
		t.Fatalf("after close: closed one holds %d events, open one %d; want 0 and 1", len(a.C), len(b.C))
	}
}

func TestASlowSubscriberMissesEventsInsteadOfBlockingThePublisher(t *testing.T) {
	h := NewHub()
	slow := h.Subscribe()
	defer slow.Close()
	for i := 0; i < 100; i++ {
		h.Publish(Event{Name: "heartbeat", Data: i})
	}
	if len(slow.C) != cap(slow.C) {
		t.Fatalf("the slow subscriber holds %d events, want its full buffer of %d", len(slow.C), cap(slow.C))
	}
}
