package main

import (
	"errors"
	"io"
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

func TestBlockedGoroutineLeakyEveryNthLeaksOneInN(t *testing.T) {
	const every = 5
	l, err := newLab(config{leaks: leakSet{"blocked-goroutine": true}, notifyLeakEvery: every})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	r := setupRouter(l)
	before := runtime.NumGoroutine()
	for range notifyRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/notify", "application/json", notifyBody), http.StatusAccepted)
	}
	// The fixed deliveries end after deliveryTime; the leaky ones park forever.
	time.Sleep(5 * deliveryTime)
	want := notifyRequests / every
	goroutinesAtLeast(before+want, 5*time.Second)
	leaked := goroutinesSettled(5*time.Second) - before
	t.Logf("blocked-goroutine leaky, -notify-leak-every %d: %d goroutines left after %d requests = %.3f/request", every, leaked, notifyRequests, float64(leaked)/notifyRequests)
	if leaked < want || leaked > want+want/10 {
		t.Fatalf("expected %d leaked goroutines (1 in %d of %d requests) but was %d", want, every, notifyRequests, leaked)
	}
}

func TestNotifyLeakEveryMustBePositive(t *testing.T) {
	for _, value := range []string{"0", "-3"} {
		if _, err := parseFlags([]string{"-notify-leak-every", value}, io.Discard); !errors.Is(err, errUsage) {
			t.Fatalf("expected a usage error for -notify-leak-every %s but was %v", value, err)
		}
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
