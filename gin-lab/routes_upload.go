package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"
)

// Upload endpoints. Every body is already capped by limitBody
// (-upload-limit); parts larger than -multipart-memory spill to temp files
// that net/http removes after the handler returns.

type uploadResult struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

func addUploadRoutes(rg *gin.RouterGroup, l *lab) {
	multipartOnly := requireContentType("multipart/form-data")
	if l.cfg.leaks.on("temp-file-kept") {
		rg.POST("/uploads", multipartOnly, uploadHandler(leakySaveUpload))
		rg.POST("/uploads/batch", multipartOnly, leakyStoreBatch)
	} else {
		rg.POST("/uploads", multipartOnly, uploadHandler(fixedSaveUpload))
		rg.POST("/uploads/batch", multipartOnly, fixedStoreBatch)
	}
	blobs := l.newBlobStore()
	handler := blobs.fixedSpoolBlob
	if l.cfg.leaks.on("file-not-closed") {
		handler = blobs.leakySpoolBlob
	}
	rg.PUT("/blobs/:name", requireContentType("application/octet-stream"), handler)
}

// uploadHandler reads the single part "file" (c.FormFile) and hands it to
// save, which is where the two variants differ.
func uploadHandler(save func(*multipart.FileHeader) (uploadResult, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		fh, err := c.FormFile("file")
		if err != nil {
			abortUploadError(c, err)
			return
		}
		res, err := save(fh)
		if err != nil {
			abortJSON(c, http.StatusInternalServerError, "storing upload failed")
			return
		}
		c.JSON(http.StatusCreated, res)
	}
}

// abortUploadError tells a missing part (400) from a body over the limit
// (413) from a malformed multipart body (400).
func abortUploadError(c *gin.Context, err error) {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		abortBindError(c, err)
	case errors.Is(err, http.ErrMissingFile):
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "missing file part", Field: "file"})
	default:
		abortJSON(c, http.StatusBadRequest, "malformed multipart body: "+err.Error())
	}
}

// copyAndHash copies src to dst and returns the byte count and SHA-256.
func copyAndHash(dst io.Writer, src io.Reader) (int64, string, error) {
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(dst, h), src)
	return n, hex.EncodeToString(h.Sum(nil)), err
}
