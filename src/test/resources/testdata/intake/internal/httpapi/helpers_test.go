package httpapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"example.org/intake/internal/documents"
	"example.org/intake/internal/events"
	"example.org/intake/internal/scanner"
	"github.com/gin-gonic/gin"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	gin.SetMode(gin.TestMode)
	// The planted leak's relays block for good by design; everything else must end with its test.
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("example.org/intake/internal/httpapi.leakyRelay.func1"))
}

// api is the router on a real listener, with a stub scanner behind it.
type api struct {
	*httptest.Server
	deps Deps
	feed *Feed
	log  *lockedWriter
}

func newAPI(t *testing.T, leakyFeed bool) *api {
	t.Helper()
	stub := httptest.NewServer(&scanner.Stub{})
	scan := scanner.NewClient(stub.URL)
	logged := &lockedWriter{}
	deps := Deps{Store: documents.NewStore(100), Hub: events.NewHub(), Scanner: scan, MaxUpload: 64 << 10,
		LeakyFeed: leakyFeed, Log: slog.New(slog.NewJSONHandler(logged, nil))}
	router, feed := NewRouter(deps)
	srv := httptest.NewServer(router)
	t.Cleanup(func() {
		srv.CloseClientConnections()
		srv.Close()
		scan.Close()
		stub.Close()
	})
	return &api{Server: srv, deps: deps, feed: feed, log: logged}
}

func (a *api) upload(t *testing.T, field, title string, content []byte) *http.Response {
	t.Helper()
	body := &bytes.Buffer{}
	form := multipart.NewWriter(body)
	if field != "" {
		part, _ := form.CreateFormFile(field, "scan.pdf")
		part.Write(content)
	}
	if title != "" {
		form.WriteField("title", title)
	}
	form.Close()
	resp, err := http.Post(a.URL+"/v1/documents", form.FormDataContentType(), body)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func (a *api) do(t *testing.T, method, path, contentType, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, a.URL+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(answer)
}

// stream is one open event stream.
type stream struct {
	resp   *http.Response
	reader *bufio.Reader
}

func (a *api) openStream(t *testing.T, path string) *stream {
	t.Helper()
	resp, err := http.Get(a.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("GET %s answered %d %q, want 200 text/event-stream", path, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	return &stream{resp: resp, reader: bufio.NewReader(resp.Body)}
}

// next reads the next event's name and data; io.EOF when the stream ended.
func (s *stream) next(t *testing.T) (string, string, error) {
	t.Helper()
	var name, data string
	for {
		line, err := s.reader.ReadString('\n')
		if err != nil {
			return name, data, err
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case line == "" && name != "":
			return name, data, nil
		case strings.HasPrefix(line, "event:"):
			name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			data = strings.TrimSpace(strings.TrimPrefix(line, "data:"))
		}
	}
}

func (s *stream) close() {
	s.resp.Body.Close()
}

func decode[T any](t *testing.T, text string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("not JSON of %T: %v: %s", v, err, text)
	}
	return v
}

// eventually waits for cond, polling, at most within.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", within, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
