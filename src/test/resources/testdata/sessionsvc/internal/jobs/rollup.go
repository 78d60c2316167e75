// Package jobs holds sessionsvc's timer-driven work.
package jobs

import (
	"context"
	"encoding/json"
	"sync"
	"sync/atomic"
	"time"
)

// Uploader sends one rollup to the loyalty service.
type Uploader interface {
	Rollup(ctx context.Context, body string) error
}

// Rollup every interval snapshots the analytics counts and posts them to
// the loyalty service from a goroutine of its own, so a slow upstream
// never delays the next tick.
type Rollup struct {
	every    time.Duration
	counts   func() map[string]uint64
	upstream Uploader

	posting sync.WaitGroup
	posted  atomic.Uint64
	failed  atomic.Uint64
}

// NewRollup posts counts() every interval.
func NewRollup(every time.Duration, counts func() map[string]uint64, upstream Uploader) *Rollup {
	return &Rollup{every: every, counts: counts, upstream: upstream}
}

type report struct {
	At     time.Time         `json:"at"`
	Counts map[string]uint64 `json:"counts"`
	Seq    uint64            `json:"seq"`
}

// Run ticks until ctx ends, then waits for the last post.
func (r *Rollup) Run(ctx context.Context) {
	t := time.NewTicker(r.every)
	defer t.Stop()
	defer r.posting.Wait()
	for seq := uint64(1); ; seq++ {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			body, _ := json.Marshal(report{At: now.UTC(), Counts: r.counts(), Seq: seq})
			r.posting.Add(1)
			go r.post(ctx, string(body))
		}
	}
}

func (r *Rollup) post(ctx context.Context, body string) {
	defer r.posting.Done()
	if err := r.upstream.Rollup(ctx, body); err != nil {
		r.failed.Add(1)
		return
	}
	r.posted.Add(1)
}

// Posted and Failed count the rollups sent.
func (r *Rollup) Posted() uint64 { return r.posted.Load() }
func (r *Rollup) Failed() uint64 { return r.failed.Load() }
