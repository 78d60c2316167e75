package main

import (
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

const (
	notifyRequests = 500
	notifyBody     = `{"channel":"email","to":"ops@example.com","message":"disk almost full"}`
)

func TestBlockedGoroutineLeakyLeaksOnePerRequest(t *testing.T) {
	_, r := newTestLab(t, "blocked-goroutine")
	before := runtime.NumGoroutine()
	for range notifyRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/notify", "application/json", notifyBody), http.StatusAccepted)
	}
	// Deliveries finish after deliveryTime; then they park forever.
	time.Sleep(5 * deliveryTime)
	leaked := goroutinesAtLeast(before+notifyRequests*9/10, 5*time.Second) - before
	t.Logf("blocked-goroutine leaky: %d goroutines left after %d requests = %.2f/request", leaked, notifyRequests, float64(leaked)/notifyRequests)
	if leaked < notifyRequests*9/10 {
		t.Fatalf("expected at least %d leaked goroutines but was %d", notifyRequests*9/10, leaked)
	}
}

func TestBlockedGoroutineFixedLeaksNothing(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	l, r := newTestLab(t)
	for range notifyRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/notify", "application/json", notifyBody), http.StatusAccepted)
	}
	l.Close()
	verifyNoLeaks(t, ignore)
}

func TestNotifyBadInput(t *testing.T) {
	_, r := newTestLab(t)
	cases := []struct {
		name, contentType, body string
		want                    int
	}{
		{"malformed JSON", "application/json", `{"channel":`, http.StatusBadRequest},
		{"validation names the field", "application/json", `{"channel":"fax","to":"a","message":"m"}`, http.StatusUnprocessableEntity},
		{"wrong content type", "text/plain", notifyBody, http.StatusUnsupportedMediaType},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(r, http.MethodPost, "/api/notify", tc.contentType, tc.body)
			mustStatus(t, w, tc.want)
			if w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("expected a JSON error but Content-Type was %q", w.Header().Get("Content-Type"))
			}
		})
	}
}
