package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern context-not-cancelled: context.WithTimeout whose cancel is never
// called, with a goroutine waiting on ctx.Done().

const (
	// exportJobTTL is how long a forgotten job lingers: long enough that,
	// for a load test, the watcher is simply leaked.
	exportJobTTL = time.Hour
	// exportScratchSize is the per-job working buffer the watcher pins.
	exportScratchSize = 4 << 10
)

type exportRequest struct {
	Format string `json:"format" binding:"required,oneof=csv json"`
	Rows   int    `json:"rows" binding:"required,min=1,max=10000"`
}

type exportJob struct {
	format  string
	rows    int
	scratch []byte
	cancel  context.CancelFunc
}

func addExportRoutes(rg *gin.RouterGroup, l *lab) {
	handler := fixedExportHandler
	if l.cfg.leaks.on("context-not-cancelled") {
		handler = leakyExportHandler
	}
	rg.POST("/exports", requireContentType("application/json"), handler)
}

// BUG: leakyExportHandler detaches the job from the request
// (context.Background) and keeps its cancel in the job, where nobody ever
// calls it; the watcher waits out the whole hour.
func leakyExportHandler(c *gin.Context) {
	// The cap is checked before the body is read, so the fix can still
	// read it.
	if !goroutineBudget.take(1, "context-not-cancelled") {
		fixedExportHandler(c)
		return
	}
	var req exportRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		goroutineBudget.give(1)
		abortBindError(c, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), exportJobTTL)
	job := &exportJob{format: req.Format, rows: req.Rows, scratch: make([]byte, exportScratchSize), cancel: cancel}
	go leakyExportWatcher(ctx, job)
	c.JSON(http.StatusOK, runExport(job))
}

// BUG: leakyExportWatcher releases the job only when ctx ends, which for a
// never-cancelled context is exportJobTTL later.
func leakyExportWatcher(ctx context.Context, job *exportJob) {
	<-ctx.Done()
	job.scratch = nil
	goroutineBudget.give(1)
}

// FIX: fixedExportHandler derives the job context from the request and
// defers cancel, so the watcher ends when the response is written (or the
// client goes away).
func fixedExportHandler(c *gin.Context) {
	var req exportRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		abortBindError(c, err)
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), exportJobTTL)
	defer cancel()
	job := &exportJob{format: req.Format, rows: req.Rows, scratch: make([]byte, exportScratchSize), cancel: cancel}
	go fixedExportWatcher(ctx, job)
	c.JSON(http.StatusOK, runExport(job))
}

// FIX: fixedExportWatcher is the same wait; the deferred cancel ends it.
func fixedExportWatcher(ctx context.Context, job *exportJob) {
	<-ctx.Done()
	job.scratch = nil
}

// runExport stands for the export itself; it fills the scratch buffer so
// the job's memory is real.
func runExport(job *exportJob) gin.H {
	h := sha256.New()
	for i := range job.scratch {
		job.scratch[i] = byte(i + job.rows)
	}
	h.Write(job.scratch)
	return gin.H{"format": job.format, "rows": job.rows, "checksum": hex.EncodeToString(h.Sum(nil))}
}
