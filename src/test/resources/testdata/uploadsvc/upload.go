package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

// maxUpload bounds one request body, so a test cannot fill the disk by mistake.
const maxUpload = 1 << 20

// BUG: leakyUpload stores the body in a temp file and never removes it:
// one file per request stays in TMPDIR for the life of the process.
func leakyUpload(w http.ResponseWriter, r *http.Request) {
	name, size, err := saveToTemp(w, r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "stored %d bytes in %s\n", size, name)
}

// FIX: fixedUpload removes the temp file once the body is processed.
func fixedUpload(w http.ResponseWriter, r *http.Request) {
	name, size, err := saveToTemp(w, r)
	if name != "" {
		defer os.Remove(name)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	fmt.Fprintf(w, "processed %d bytes\n", size)
}

// saveToTemp returns the temp file's name even on error, so the caller
// decides whether it is removed.
func saveToTemp(w http.ResponseWriter, r *http.Request) (string, int64, error) {
	tmp, err := os.CreateTemp("", "uploadsvc-*")
	if err != nil {
		return "", 0, err
	}
	defer tmp.Close()
	size, err := io.Copy(tmp, http.MaxBytesReader(w, r.Body, maxUpload))
	return tmp.Name(), size, err
}
