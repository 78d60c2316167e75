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

// notify sends one notify request and says whether the handler gave up
// waiting for the receipt (202), which is what leaves a leaky deliverer
// parked. It gives up after notifyWait and delivery takes deliveryTime, so
// it nearly always does; a process descheduled for longer than deliveryTime
// finds both ready and may take the receipt (200), and then nothing parks.
func notify(t *testing.T, r http.Handler) (gaveUp bool) {
	t.Helper()
	w := do(r, http.MethodPost, "/api/notify", "application/json", notifyBody)
	if w.Code != http.StatusAccepted && w.Code != http.StatusOK {
		t.Fatalf("expected status <202> (or <200> with the receipt) but was <%d>, body %s", w.Code, w.Body.String())
	}
	return w.Code == http.StatusAccepted
}

func TestBlockedGoroutineLeakyLeaksOnePerRequest(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	_, r := newTestLab(t, "blocked-goroutine")
	before := runtime.NumGoroutine()
	gaveUp := 0
	for range notifyRequests {
		if notify(t, r) {
			gaveUp++
		}
	}
	if gaveUp < notifyRequests/2 {
		t.Fatalf("expected the handler to give up on most of %d requests but it did on %d", notifyRequests, gaveUp)
	}
	// Deliveries finish after deliveryTime; then they park forever.
	time.Sleep(5 * deliveryTime)
	leaked := goroutinesAtLeast(before+gaveUp*9/10, 5*time.Second) - before
	t.Logf("blocked-goroutine leaky: %d goroutines left after %d requests given up on = %.2f/request", leaked, gaveUp, float64(leaked)/float64(gaveUp))
	if leaked < gaveUp*9/10 {
		t.Fatalf("expected at least %d leaked goroutines but was %d", gaveUp*9/10, leaked)
	}
}

func TestBlockedGoroutineLeakyEveryNthLeaksOneInN(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	const every = 5
	l, err := newLab(config{leaks: leakSet{"blocked-goroutine": true}, notifyLeakEvery: every})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(l.Close)
	r := setupRouter(l)
	before := runtime.NumGoroutine()
	want := 0 // request every, 2*every, ... leak, when the handler gave up on them
	for i := 1; i <= notifyRequests; i++ {
		if notify(t, r) && i%every == 0 {
			want++
		}
	}
	if want < notifyRequests/every/2 {
		t.Fatalf("expected the handler to give up on most leaky requests but it did on %d", want)
	}
	// The fixed deliveries end after deliveryTime; the leaky ones park forever.
	time.Sleep(5 * deliveryTime)
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
		notify(t, r)
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
