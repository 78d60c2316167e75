package main

import (
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gin-gonic/gin"
)

// Pattern temp-file-kept: uploads saved to temp files that are never
// removed. Temp files go to os.TempDir, so the launcher's TMPDIR holds
// them and the Java side can count them.

// BUG: leakySaveUpload stores the upload with os.CreateTemp and closes it,
// but never removes it: one file per request stays in TMPDIR.
func leakySaveUpload(fh *multipart.FileHeader) (uploadResult, error) {
	if !tempFileBudget.take(1, "temp-file-kept") {
		return fixedSaveUpload(fh)
	}
	if !tempBytesBudget.take(fh.Size, "temp-file-kept") {
		tempFileBudget.give(1)
		return fixedSaveUpload(fh)
	}
	return saveToTemp(fh, false)
}

// FIX: fixedSaveUpload removes the temp file once it is processed.
func fixedSaveUpload(fh *multipart.FileHeader) (uploadResult, error) {
	return saveToTemp(fh, true)
}

func saveToTemp(fh *multipart.FileHeader, remove bool) (uploadResult, error) {
	src, err := fh.Open()
	if err != nil {
		return uploadResult{}, err
	}
	defer src.Close()
	tmp, err := os.CreateTemp("", "gin-lab-upload-*")
	if err != nil {
		return uploadResult{}, err
	}
	if remove {
		defer os.Remove(tmp.Name())
	}
	defer tmp.Close()
	n, sum, err := copyAndHash(tmp, src)
	if err != nil {
		return uploadResult{}, err
	}
	return uploadResult{Name: filepath.Base(fh.Filename), Size: n, SHA256: sum}, nil
}

// BUG: leakyStoreBatch saves every part of "files" with c.SaveUploadedFile
// into a fresh temp directory and never removes it: one directory (plus
// one file per part) per request stays in TMPDIR.
func leakyStoreBatch(c *gin.Context) {
	if !tempFileBudget.take(1, "temp-file-kept") {
		fixedStoreBatch(c)
		return
	}
	storeBatch(c, false)
}

// FIX: fixedStoreBatch removes the batch directory when the request ends.
func fixedStoreBatch(c *gin.Context) {
	storeBatch(c, true)
}

func storeBatch(c *gin.Context, remove bool) {
	form, err := c.MultipartForm()
	if err != nil {
		abortUploadError(c, err)
		return
	}
	files := form.File["files"]
	if len(files) == 0 {
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "missing file part", Field: "files"})
		return
	}
	// A directory of our own: c.SaveUploadedFile chmods the destination's
	// parent, which must never be TMPDIR itself.
	dir, err := os.MkdirTemp("", "gin-lab-batch-*")
	if err != nil {
		abortJSON(c, http.StatusInternalServerError, "storing upload failed")
		return
	}
	if remove {
		defer os.RemoveAll(dir)
	}
	var total int64
	for i, fh := range files {
		if err := c.SaveUploadedFile(fh, filepath.Join(dir, strconv.Itoa(i))); err != nil {
			abortJSON(c, http.StatusInternalServerError, "storing upload failed")
			return
		}
		total += fh.Size
	}
	c.JSON(http.StatusCreated, gin.H{"files": len(files), "bytes": total})
}
