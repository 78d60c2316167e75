package main

import (
	"encoding/json"
	"net/http"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// TestTrapSlowDrainEndsByItself: hand-offs beyond the cap run inline, the
// lingering workers are capped, and the count returns to its baseline one
// linger after the last hand-off, with nobody stopping them.
func TestTrapSlowDrainEndsByItself(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	const linger, requests, lingerCap = 400 * time.Millisecond, 300, 128
	l, err := newLab(config{drainLinger: linger, drainCap: lingerCap})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r := setupRouter(l)
	ignore := goleak.IgnoreCurrent() // the lab's own upstream server stays

	base := runtime.NumGoroutine()
	lingering := 0
	start := time.Now()
	for range requests {
		w := do(r, http.MethodPost, "/api/handoff", "", "")
		mustStatus(t, w, http.StatusAccepted)
		var body struct{ Lingering bool }
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatal(err)
		}
		if body.Lingering {
			lingering++
		}
	}
	up := runtime.NumGoroutine() - base
	for runtime.NumGoroutine() > base && time.Since(start) < 10*linger {
		time.Sleep(10 * time.Millisecond)
	}
	drained := time.Since(start)
	t.Logf("trap slow-drain: %d hand-offs, %d to lingering workers (cap %d), goroutines +%d right after, back to baseline %v after the first (linger %v)",
		requests, lingering, lingerCap, up, drained.Round(time.Millisecond), linger)
	if lingering != lingerCap || up < lingerCap*9/10 || up > lingerCap+2 {
		t.Fatalf("expected %d lingering workers (the cap) but %d hand-offs lingered and goroutines rose by %d", lingerCap, lingering, up)
	}
	if drained < linger || drained > 3*linger {
		t.Fatalf("expected the workers to end by themselves about %v after they started but the count was back after %v", linger, drained)
	}
	verifyNoLeaks(t, ignore) // before Close: they ended on their own
}

// TestTrapSlowDrainWorkersStopWithTheLab: Close does not wait out the linger.
func TestTrapSlowDrainWorkersStopWithTheLab(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	l, err := newLab(config{}) // default linger, 15 s
	if err != nil {
		t.Fatal(err)
	}
	r := setupRouter(l)
	for range 20 {
		mustStatus(t, do(r, http.MethodPost, "/api/handoff", "", ""), http.StatusAccepted)
	}
	start := time.Now()
	l.Close()
	if took := time.Since(start); took > time.Second {
		t.Fatalf("expected Close to end the lingering workers at once but it took %v", took)
	}
	verifyNoLeaks(t, ignore)
}
