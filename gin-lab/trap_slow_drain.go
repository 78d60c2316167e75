package main

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// TRAP slow-drain: POST /api/handoff hands a small job to a worker
// goroutine that, once the job is done, lingers for -drain-linger (default
// 15 s) before it ends, as net/http keeps an idle keep-alive connection's
// goroutines, an HTTP/2 client its read loop, or a worker pool an idle
// worker, in case more work comes.
//
// Why it looks like a leak: right after a phase the goroutine count is up
// by up to -drain-cap (default 16) lingering workers, and they end only up
// to 15 s later; a probe that reads the count then, or compares it with a
// baseline taken on an idle service, sees goroutine growth.
//
// Why it is not: every worker ends by itself linger after its start, so the
// count is back at its baseline 15 s after the last hand-off, and it is
// capped: at most -drain-cap workers at once (a hand-off beyond the cap
// does its job inline).
//
// The default cap is filled by the default run's warm-up (50 hand-offs in
// the quick api warm-up, 100 in the nightly one), so the probes after the
// warm-up and after the judged phase both see the cap and the phase's
// growth is 0. With a cap the warm-up does not fill (-drain-cap 128), a
// judged phase ends with more lingering workers than its warm-up did, and
// the workers, started together when the cap filled, end together ~15 s
// later: the count is flat for seconds before it falls, so a settle rule
// of "equal for 1 s" stops early and reports growth (measured in
// docs/leak-catalogue.md). That is how idle keep-alive connections behave
// after a phase busier than its warm-up.

const (
	defaultDrainCap     = 16
	maxDrainCap         = 10000
	defaultDrainLinger  = 15 * time.Second
	maxDrainLinger      = 60 * time.Second
	handOffJobIterCount = 256
)

func addSlowDrainRoutes(rg *gin.RouterGroup, l *lab) {
	rg.POST("/handoff", l.trapHandOff)
}

// trapHandOff runs the job on a lingering worker if a slot is free, inline
// otherwise; both answer 202.
func (l *lab) trapHandOff(c *gin.Context) {
	select {
	case l.lingerSlots <- struct{}{}:
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			defer func() { <-l.lingerSlots }()
			trapLingerWorker(l.ctx, l.cfg.drainLinger)
		}()
		c.JSON(http.StatusAccepted, gin.H{"lingering": true})
	default:
		handOffJob()
		c.JSON(http.StatusAccepted, gin.H{"lingering": false})
	}
}

// trapLingerWorker does the job, then waits out the linger (or the lab's
// end) on one stopped timer: where the lingering goroutines sit.
//
//go:noinline
func trapLingerWorker(ctx context.Context, linger time.Duration) {
	handOffJob()
	t := time.NewTimer(linger)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// handOffJob is the job: a few microseconds of work.
func handOffJob() uint64 {
	h := uint64(14695981039346656037)
	for i := range handOffJobIterCount {
		h = (h ^ uint64(i)) * 1099511628211
	}
	return h
}
