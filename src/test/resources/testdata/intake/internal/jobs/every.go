// Package jobs runs the service's timer-driven background work.
package jobs

import (
	"context"
	"time"
)

// Every calls fn every interval until ctx ends; the returned channel closes
// once it has stopped. A tick that falls due while fn still runs is dropped,
// so a slow fn never piles up calls.
func Every(ctx context.Context, interval time.Duration, fn func(context.Context)) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		ticker := time.NewTicker(interval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				fn(ctx)
			}
		}
	}()
	return done
}
