package api

import (
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"example.com/sessionsvc/internal/config"
	"go.uber.org/goleak"
)

// series counts the series of the metric called name in the registry.
func (f *fixture) series(t *testing.T, name string) int {
	t.Helper()
	families, err := f.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range families {
		if mf.GetName() == name {
			return len(mf.GetMetric())
		}
	}
	return 0
}

// viewProfiles logs n new users in and has each read its profile once.
func (f *fixture) viewProfiles(t *testing.T, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		user := "u" + strconv.Itoa(i)
		token, _ := f.login(t, user)
		f.must(t, call{method: http.MethodGet, path: "/v1/profile/" + user, header: map[string]string{"Authorization": "Bearer " + token}}, http.StatusOK)
	}
}

func TestMetricsLabelLeakyAddsASeriesPerUser(t *testing.T) {
	f := newFixture(t, nil, config.MetricsLabel)
	f.viewProfiles(t, 0, 400)
	if got := f.series(t, "sessionsvc_profile_views_by_user_total"); got != 400 {
		t.Fatalf("400 users made %d per-user series, want 400", got)
	}
}

func TestMetricsLabelLeakyEveryNth(t *testing.T) {
	f := newFixture(t, func(c *config.Config) { c.MetricsLabelEvery = 10 }, config.MetricsLabel)
	f.viewProfiles(t, 0, 400)
	if got := f.series(t, "sessionsvc_profile_views_by_user_total"); got != 40 {
		t.Fatalf("400 users with -metrics-label-every 10 made %d per-user series, want 40", got)
	}
}

func TestMetricsLabelFixedStaysAtThePlans(t *testing.T) {
	f := newFixture(t, nil)
	f.viewProfiles(t, 0, 400)
	if got := f.series(t, "sessionsvc_profile_views_total"); got != len(plans) {
		t.Fatalf("400 users made %d series, want one per plan (%d)", got, len(plans))
	}
	if got := f.series(t, "sessionsvc_profile_views_by_user_total"); got != 0 {
		t.Fatalf("the fix registered %d per-user series", got)
	}
}

// TestMetricsLabelRetainedBytes logs what a per-user series weighs; only
// the sign is asserted, the README has the server's numbers.
func TestMetricsLabelRetainedBytes(t *testing.T) {
	const users = 2000
	for _, leaky := range []bool{false, true} {
		var leaks []string
		if leaky {
			leaks = []string{config.MetricsLabel}
		}
		f := newFixture(t, nil, leaks...)
		f.viewProfiles(t, 0, 200) // warm-up
		before := heapAfterGC()
		f.viewProfiles(t, 200, users)
		perUser := float64(heapAfterGC()-before) / users
		runtime.KeepAlive(f)
		t.Logf("metrics-label leaky=%v: %.0f B retained per new user (a login and a profile view)", leaky, perUser)
		if leaky && perUser < 100 || !leaky && perUser > 50 {
			t.Fatalf("leaky=%v: %.0f B per user", leaky, perUser)
		}
	}
}

const eventBody = `{"type":"purchase","user":"u1","payload":"sku=ABC-123"}`

func TestEventGoroutineLeakyStrandsOnePerEvent(t *testing.T) {
	f := newFixture(t, nil, config.EventGoroutine)
	before := stranded()
	for range 200 {
		f.must(t, call{method: http.MethodPost, path: "/v1/events", body: eventBody}, http.StatusAccepted)
	}
	deadline := time.Now().Add(5 * time.Second)
	for stranded()-before < 200 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if leaked := stranded() - before; leaked != 200 {
		t.Fatalf("200 events left %d goroutines parked in leakyDeliver, want 200", leaked)
	}
}

// stranded counts the goroutines parked in the leaky delivery: counting
// them by stack, not runtime.NumGoroutine, keeps other goroutines that come
// and go (the finalizer running user code counts too) out of the number.
func stranded() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "internal/events.(*Dispatcher).leakyDeliver(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

func TestEventGoroutineFixedIsGoleakClean(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	f := newFixture(t, nil)
	for range 200 {
		f.must(t, call{method: http.MethodPost, path: "/v1/events", body: eventBody}, http.StatusAccepted)
	}
	deadline := time.Now().Add(5 * time.Second)
	for f.events.Delivered() < 200 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if got := f.events.Delivered(); got != 200 {
		t.Fatalf("delivered %d events, want 200", got)
	}
	f.events.Close()
}
