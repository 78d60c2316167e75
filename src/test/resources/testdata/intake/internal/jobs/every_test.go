package jobs

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestEveryRunsUntilItsContextEndsAndThenStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var runs atomic.Int64
	third := make(chan struct{})
	done := Every(ctx, time.Millisecond, func(context.Context) {
		if runs.Add(1) == 3 {
			close(third)
		}
	})
	select {
	case <-third:
	case <-time.After(10 * time.Second):
		t.Fatal("the job did not run three times within 10 s")
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the job did not stop within 10 s of its context ending")
	}
}
