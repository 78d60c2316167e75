package main

import (
	"context"
	"sync"
)

// lab owns the state shared by handlers (queues, caches, the in-lab
// upstream) and the background goroutines that serve it, so a test can
// build one, drive it, Close it and then ask goleak whether anything is left.
type lab struct {
	cfg    config
	ctx    context.Context // ends when the lab closes; background work watches it
	cancel context.CancelFunc
	wg     sync.WaitGroup

	events   *eventQueue // pattern channel-backlog, exposed for tests
	poll     *pollBroker // pattern long-poll, exposed for tests
	upstream *upstream   // pattern upstream-body: the in-lab upstream

	lingerSlots chan struct{} // trap slow-drain: one slot per lingering worker
}

func newLab(cfg config) (*lab, error) {
	if cfg.leaks == nil {
		cfg.leaks = leakSet{}
	}
	if cfg.uploadLimit == 0 {
		cfg.uploadLimit = defaultUploadLimit
	}
	if cfg.multipartMemory == 0 {
		cfg.multipartMemory = defaultMultipartMemory
	}
	if cfg.auditRecordSize > 0 {
		// One lab per process: the middleware is a plain function (so profiles name it), hence a package var.
		auditRecordSize = cfg.auditRecordSize
	}
	// Same reason: the notify handler is a plain function. Zero (a config built in a test) means every request.
	notifyLeakEvery = uint64(max(cfg.notifyLeakEvery, 1))
	notifyRequestsSeen.Store(0)
	if cfg.drainLinger == 0 {
		cfg.drainLinger = defaultDrainLinger
	}
	if cfg.drainCap == 0 {
		cfg.drainCap = defaultDrainCap
	}
	if cfg.plantRoutes == "" {
		cfg.plantRoutes = "all"
	}
	ctx, cancel := context.WithCancel(context.Background())
	l := &lab{cfg: cfg, ctx: ctx, cancel: cancel, lingerSlots: make(chan struct{}, cfg.drainCap)}
	labLeaks.Set(cfg.leaks.String())
	if err := l.startUpstream(); err != nil {
		cancel()
		return nil, err
	}
	return l, nil
}

// background runs f until the lab closes; Close waits for it.
func (l *lab) background(f func(ctx context.Context)) {
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		f(l.ctx)
	}()
}

// Close stops the background goroutines. Leaked goroutines are not stopped:
// leaking them is the point of the leaky variants.
func (l *lab) Close() {
	l.cancel()
	l.wg.Wait()
}
