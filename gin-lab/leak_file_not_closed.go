package main

import (
	"net/http"
	"os"
	"sync"

	"github.com/gin-gonic/gin"
)

// Pattern file-not-closed: a raw streaming upload spooled to a temp file
// that is removed but never closed, so its descriptor stays open (and its
// disk space is not reclaimed: a deleted-but-open file).
//
// An unreachable *os.File is closed by its cleanup at GC, which would hide
// the leak from a load test that forces GC; the shipped version of this
// bug keeps the file reachable, here in a table of resumable uploads whose
// janitor was never written.

type blobURI struct {
	Name string `uri:"name" binding:"required,max=128"`
}

type blobStore struct {
	mu        sync.Mutex
	resumable []*os.File // pattern file-not-closed: spools registered "for resume"
}

func (l *lab) newBlobStore() *blobStore { return &blobStore{} }

// BUG: leakySpoolBlob registers the spool for resume and never closes it,
// on the success path and on the aborted-upload path alike: one open
// descriptor per request.
func (s *blobStore) leakySpoolBlob(c *gin.Context) {
	var uri blobURI
	if err := c.ShouldBindUri(&uri); err != nil {
		abortBindError(c, err)
		return
	}
	spool, err := os.CreateTemp("", "gin-lab-blob-*")
	if err != nil {
		abortJSON(c, http.StatusInternalServerError, "spooling failed")
		return
	}
	defer os.Remove(spool.Name())
	if fdBudget.take(1, "file-not-closed") {
		s.mu.Lock()
		s.resumable = append(s.resumable, spool)
		s.mu.Unlock()
	} else {
		defer spool.Close()
	}
	spoolBody(c, uri.Name, spool)
}

// FIX: fixedSpoolBlob closes the spool on every path with defer, right
// after creating it.
func (s *blobStore) fixedSpoolBlob(c *gin.Context) {
	var uri blobURI
	if err := c.ShouldBindUri(&uri); err != nil {
		abortBindError(c, err)
		return
	}
	spool, err := os.CreateTemp("", "gin-lab-blob-*")
	if err != nil {
		abortJSON(c, http.StatusInternalServerError, "spooling failed")
		return
	}
	defer os.Remove(spool.Name())
	defer spool.Close()
	spoolBody(c, uri.Name, spool)
}

// spoolBody streams the body (already bounded by http.MaxBytesReader) into
// the spool; an aborted or oversized body ends it with 4xx.
func spoolBody(c *gin.Context, name string, spool *os.File) {
	n, sum, err := copyAndHash(spool, c.Request.Body)
	if err != nil {
		abortUploadError(c, err)
		return
	}
	c.JSON(http.StatusCreated, uploadResult{Name: name, Size: n, SHA256: sum})
}
