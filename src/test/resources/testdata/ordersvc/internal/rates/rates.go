// Package rates keeps the exchange rates order totals are shown in,
// refreshed from the warehouse by a timer.
package rates

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Source answers the current rates.
type Source interface {
	Rates(ctx context.Context) (map[string]float64, error)
}

// Book refreshes every interval; each refresh runs in a goroutine of its
// own so a slow warehouse never delays the next tick.
type Book struct {
	every  time.Duration
	source Source

	mu        sync.RWMutex
	current   map[string]float64
	refreshes sync.WaitGroup
	done      atomic.Uint64
	failed    atomic.Uint64
}

// NewBook starts empty.
func NewBook(every time.Duration, source Source) *Book {
	return &Book{every: every, source: source, current: map[string]float64{}}
}

// Run ticks until ctx ends, then waits for the refresh in flight.
func (b *Book) Run(ctx context.Context) {
	t := time.NewTicker(b.every)
	defer t.Stop()
	defer b.refreshes.Wait()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			b.refreshes.Add(1)
			go b.refresh(ctx)
		}
	}
}

func (b *Book) refresh(ctx context.Context) {
	defer b.refreshes.Done()
	fresh, err := b.source.Rates(ctx)
	if err != nil {
		b.failed.Add(1)
		return
	}
	b.mu.Lock()
	b.current = fresh
	b.mu.Unlock()
	b.done.Add(1)
}

// Rate is the currency's rate against the euro, 0 when unknown.
func (b *Book) Rate(currency string) float64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.current[currency]
}

// Refreshed counts the refreshes that succeeded.
func (b *Book) Refreshed() uint64 { return b.done.Load() }
