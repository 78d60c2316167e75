package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

func TestUploadTempFiles(t *testing.T) {
	for _, tc := range []struct {
		name          string
		keepTempFiles bool
		wantFiles     int
	}{
		{"leaky handler keeps one file per upload", true, 3},
		{"fixed handler removes its files", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Setenv("TMPDIR", dir)
			mux := newMux(tc.keepTempFiles)
			for i := 0; i < 3; i++ {
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/upload", strings.NewReader("payload")))
				if w.Code != http.StatusOK {
					t.Fatalf("upload %d: status %d, body %q", i, w.Code, w.Body.String())
				}
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != tc.wantFiles {
				t.Fatalf("TMPDIR holds %d files after 3 uploads, want %d", len(entries), tc.wantFiles)
			}
		})
	}
}
