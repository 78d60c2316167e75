package main

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

const (
	uploadRequests = 200
	uploadSize     = 16 << 10
)

// multipartBody builds a multipart/form-data body with one part per
// content under field.
func multipartBody(t *testing.T, field string, contents ...string) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i, content := range contents {
		fw, err := mw.CreateFormFile(field, fmt.Sprintf("part-%d.bin", i))
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte(content))
	}
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

// privateTempDir points os.TempDir at a directory of the test's own, as the
// Java launcher does with TMPDIR, and returns it.
func privateTempDir(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

func countEntries(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("needs /proc/self/fd to count descriptors")
	}
	return len(entries)
}

func TestTempFileKeptLeakyLeavesOneFilePerUpload(t *testing.T) {
	tmp := privateTempDir(t)
	_, r := newTestLab(t, "temp-file-kept")
	body, ct := multipartBody(t, "file", strings.Repeat("x", uploadSize))
	for range uploadRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/uploads", ct, body), http.StatusCreated)
	}
	kept := countEntries(t, tmp)
	t.Logf("temp-file-kept leaky: %d temp files left after %d uploads = %.2f/request", kept, uploadRequests, float64(kept)/uploadRequests)
	if kept != uploadRequests {
		t.Fatalf("expected <%d> temp files but was <%d>", uploadRequests, kept)
	}
}

func TestTempFileKeptFixedLeavesNothing(t *testing.T) {
	tmp := privateTempDir(t)
	_, r := newTestLab(t)
	body, ct := multipartBody(t, "file", strings.Repeat("x", uploadSize))
	batch, batchCT := multipartBody(t, "files", "one", "two", "three")
	for range uploadRequests {
		mustStatus(t, do(r, http.MethodPost, "/api/uploads", ct, body), http.StatusCreated)
		mustStatus(t, do(r, http.MethodPost, "/api/uploads/batch", batchCT, batch), http.StatusCreated)
	}
	if kept := countEntries(t, tmp); kept != 0 {
		t.Fatalf("expected <0> temp files but was <%d>", kept)
	}
}

func TestTempFileKeptLeakyBatchLeavesOneDirectoryPerUpload(t *testing.T) {
	tmp := privateTempDir(t)
	_, r := newTestLab(t, "temp-file-kept")
	batch, batchCT := multipartBody(t, "files", "one", "two")
	for range 50 {
		mustStatus(t, do(r, http.MethodPost, "/api/uploads/batch", batchCT, batch), http.StatusCreated)
	}
	if kept := countEntries(t, tmp); kept != 50 {
		t.Fatalf("expected <50> batch directories but was <%d>", kept)
	}
}

func TestFileNotClosedLeakyKeepsOneDescriptorPerUpload(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	tmp := privateTempDir(t)
	_, r := newTestLab(t, "file-not-closed")
	before := openFDs(t)
	for i := range uploadRequests {
		mustStatus(t, do(r, http.MethodPut, "/api/blobs/b"+uitoa(uint64(i)), "application/octet-stream", strings.Repeat("y", uploadSize)), http.StatusCreated)
	}
	heapAfterGC() // an unreachable *os.File would be closed by its cleanup here
	leaked := openFDs(t) - before
	runtime.KeepAlive(r) // the router owns the resumable table, as in the running lab
	t.Logf("file-not-closed leaky: %d descriptors left open after %d uploads = %.2f/request (temp files left: %d)", leaked, uploadRequests, float64(leaked)/uploadRequests, countEntries(t, tmp))
	if leaked < uploadRequests {
		t.Fatalf("expected at least %d open descriptors but was %d", uploadRequests, leaked)
	}
}

func TestFileNotClosedFixedClosesEveryDescriptor(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	tmp := privateTempDir(t)
	_, r := newTestLab(t)
	before := openFDs(t)
	for i := range uploadRequests {
		mustStatus(t, do(r, http.MethodPut, "/api/blobs/b"+uitoa(uint64(i)), "application/octet-stream", strings.Repeat("y", uploadSize)), http.StatusCreated)
	}
	if leaked := openFDs(t) - before; leaked > 0 {
		t.Fatalf("expected no extra open descriptors but found %d", leaked)
	}
	if kept := countEntries(t, tmp); kept != 0 {
		t.Fatalf("expected <0> temp files but was <%d>", kept)
	}
}

// TestUploadsFixedStayFlatWhenClientsAbort cuts PUT and multipart bodies
// off mid-stream over a real socket, as a load generator timing out does.
func TestUploadsFixedStayFlatWhenClientsAbort(t *testing.T) {
	if inOwnProcess(t) {
		return
	}
	tmp := privateTempDir(t)
	_, r := newTestLab(t)
	srv := httptest.NewServer(r)
	defer srv.Close()
	before := openFDs(t)
	body, ct := multipartBody(t, "file", strings.Repeat("z", 256<<10))
	for range 50 {
		abortedRequest(t, srv.Listener.Addr().String(), "PUT /api/blobs/cut", "application/octet-stream", strings.Repeat("z", 256<<10))
		abortedRequest(t, srv.Listener.Addr().String(), "POST /api/uploads", ct, body)
	}
	srv.Close() // waits for the handlers of the cut connections
	if leaked := openFDs(t) - before; leaked > 0 {
		t.Fatalf("expected no extra open descriptors after aborted uploads but found %d", leaked)
	}
	if kept := countEntries(t, tmp); kept != 0 {
		t.Fatalf("expected <0> temp files after aborted uploads but was <%d>", kept)
	}
}

// abortedRequest announces the full body, sends half of it and hangs up.
func abortedRequest(t *testing.T, addr, requestLine, contentType, body string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s HTTP/1.1\r\nHost: lab\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", requestLine, contentType, len(body))
	conn.Write([]byte(body[:len(body)/2]))
	time.Sleep(5 * time.Millisecond)
}

func TestUploadBadInput(t *testing.T) {
	privateTempDir(t)
	l, err := newLab(config{leaks: leakSet{}, uploadLimit: 64 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r := setupRouter(l)
	body, ct := multipartBody(t, "file", "small")
	wrongField, wrongCT := multipartBody(t, "attachment", "small")
	big, bigCT := multipartBody(t, "file", strings.Repeat("b", 128<<10))
	cases := []struct {
		name, method, target, contentType, body string
		want                                    int
	}{
		{"missing file part", http.MethodPost, "/api/uploads", wrongCT, wrongField, http.StatusBadRequest},
		{"missing batch part", http.MethodPost, "/api/uploads/batch", wrongCT, wrongField, http.StatusBadRequest},
		{"oversized multipart", http.MethodPost, "/api/uploads", bigCT, big, http.StatusRequestEntityTooLarge},
		{"oversized stream", http.MethodPut, "/api/blobs/big", "application/octet-stream", strings.Repeat("b", 128<<10), http.StatusRequestEntityTooLarge},
		{"wrong content type", http.MethodPost, "/api/uploads", "application/json", body, http.StatusUnsupportedMediaType},
		{"stream wrong content type", http.MethodPut, "/api/blobs/x", "text/plain", "abc", http.StatusUnsupportedMediaType},
		{"malformed multipart", http.MethodPost, "/api/uploads", "multipart/form-data; boundary=nope", "garbage", http.StatusBadRequest},
		{"ok", http.MethodPost, "/api/uploads", ct, body, http.StatusCreated},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w := do(r, tc.method, tc.target, tc.contentType, tc.body)
			mustStatus(t, w, tc.want)
			if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
				t.Fatalf("expected a JSON answer but Content-Type was %q", w.Header().Get("Content-Type"))
			}
		})
	}
}

// TestSpilledPartsAreRemovedByTheServer uploads parts larger than
// -multipart-memory through a real server: mime/multipart spills them to
// temp files and net/http removes those after the handler, so only the
// lab's own handling decides what stays in TMPDIR.
func TestSpilledPartsAreRemovedByTheServer(t *testing.T) {
	tmp := privateTempDir(t)
	l, err := newLab(config{leaks: leakSet{}, multipartMemory: 1 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	srv := httptest.NewServer(setupRouter(l))
	defer srv.Close()
	body, ct := multipartBody(t, "files", strings.Repeat("s", 64<<10), strings.Repeat("t", 64<<10))
	for range 10 {
		resp, err := http.Post(srv.URL+"/api/uploads/batch", ct, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("expected <201> but was <%d>", resp.StatusCode)
		}
	}
	http.DefaultClient.CloseIdleConnections()
	srv.Close()
	if kept := countEntries(t, tmp); kept != 0 {
		t.Fatalf("expected <0> temp files after spilled uploads but was <%d>", kept)
	}
}

func TestUploadFlagsReachTheLab(t *testing.T) {
	cfg, err := parseFlags([]string{"-upload-limit", "1024", "-multipart-memory", "512", "-leaks", "temp-file-kept, file-not-closed"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.uploadLimit != 1024 || cfg.multipartMemory != 512 || cfg.leaks.String() != "temp-file-kept,file-not-closed" {
		t.Fatalf("unexpected config %+v", cfg)
	}
}
