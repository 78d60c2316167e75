package httpapi

import (
	"io"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.org/intake/internal/events"
)

func TestTheFeedSaysReadyThenAnnouncesUploadsAndHeartbeats(t *testing.T) {
	a := newAPI(t, false)
	feed := a.openStream(t, "/v1/events")
	defer feed.close()
	if name, data, err := feed.next(t); err != nil || name != "ready" || !strings.Contains(data, `"subscribers":1`) {
		t.Fatalf("first event = %q %q %v, want ready with 1 subscriber", name, data, err)
	}
	a.upload(t, "document", "minutes.txt", []byte("minutes"))
	if name, data, err := feed.next(t); err != nil || name != "document" || !strings.Contains(data, `"title":"minutes.txt"`) {
		t.Fatalf("after an upload: %q %q %v, want the document event", name, data, err)
	}
	a.deps.Hub.Publish(events.Event{Name: "heartbeat", Data: map[string]int{"n": 1}})
	if name, _, err := feed.next(t); err != nil || name != "heartbeat" {
		t.Fatalf("after a heartbeat: %q %v", name, err)
	}
}

func TestTheExportStreamsTheNewestDocumentsThenEnds(t *testing.T) {
	a := newAPI(t, false)
	for _, title := range []string{"a", "b", "c"} {
		a.upload(t, "document", title, []byte(title))
	}
	export := a.openStream(t, "/v1/exports/stream?limit=2")
	defer export.close()
	var names []string
	for {
		name, data, err := export.next(t)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		event := decode[struct {
			Title string `json:"title"`
			Count *int   `json:"count"`
		}](t, data)
		if event.Count != nil {
			names = append(names, name+":"+strconv.Itoa(*event.Count))
		} else {
			names = append(names, name+":"+event.Title)
		}
	}
	if strings.Join(names, " ") != "document:c document:b done:2" {
		t.Fatalf("export events = %v, want c, b, then done", names)
	}
}

// leaving opens n feeds, reads their first event and closes them, then waits until every handler returned.
func leaving(t *testing.T, a *api, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		feed := a.openStream(t, "/v1/events")
		if name, _, err := feed.next(t); err != nil || name != "ready" {
			t.Fatalf("feed %d: %q %v", i, name, err)
		}
		feed.close()
	}
	eventually(t, 5*time.Second, "every feed handler returned", func() bool { return a.feed.Open() == 0 })
}

func TestAClientThatLeavesTakesItsSubscriptionWithIt(t *testing.T) {
	a := newAPI(t, false)
	leaving(t, a, 5)
	if n := a.deps.Hub.Subscribers(); n != 0 {
		t.Fatalf("%d subscriptions left after 5 clients left, want 0", n)
	}
}

func TestTheLeakyFeedStrandsOneRelayPerClientThatLeft(t *testing.T) {
	// GIVEN -leaks feed-subscribers, and relays stranded by earlier runs of this test (-count)
	a := newAPI(t, true)
	before := blockedRelays()
	// WHEN five clients leave and the hub then publishes (as the heartbeat job does every second)
	leaving(t, a, 5)
	a.deps.Hub.Publish(events.Event{Name: "heartbeat"})
	// THEN the hub still holds their subscriptions, and five relays block on a send nobody receives
	if n := a.deps.Hub.Subscribers(); n != 5 {
		t.Fatalf("%d subscriptions after 5 clients left, want 5 (the planted leak)", n)
	}
	eventually(t, 5*time.Second, "five more relays blocked in chan send", func() bool { return blockedRelays() == before+5 })
}

// blockedRelays counts the planted relay goroutines blocked on their send.
func blockedRelays() int {
	var dump strings.Builder
	pprof.Lookup("goroutine").WriteTo(&dump, 2)
	n := 0
	for _, g := range strings.Split(dump.String(), "\n\n") {
		if strings.Contains(g, "[chan send") && strings.Contains(g, "httpapi.leakyRelay.func1") {
			n++
		}
	}
	return n
}

func TestTheFeedEndsWhenTheServerShutsDown(t *testing.T) {
	a := newAPI(t, false)
	feed := a.openStream(t, "/v1/events")
	defer feed.close()
	feed.next(t)
	a.CloseClientConnections()
	if _, _, err := feed.next(t); err == nil {
		t.Fatal("the feed went on after its connection was closed")
	}
	eventually(t, 5*time.Second, "the feed handler returned", func() bool { return a.feed.Open() == 0 })
}
