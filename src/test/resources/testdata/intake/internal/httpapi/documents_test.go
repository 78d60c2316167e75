package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"example.org/intake/internal/documents"
)

func TestAnUploadIsScannedStoredAndReadBack(t *testing.T) {
	a := newAPI(t, false)
	content := bytes.Repeat([]byte("invoice line\n"), 200)

	resp := a.upload(t, "document", "invoice.pdf", content)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload answered %d: %s", resp.StatusCode, body)
	}
	doc := decode[documents.Document](t, string(body))
	sum := sha256.Sum256(content)
	if doc.ID != 1 || doc.Title != "invoice.pdf" || doc.Size != int64(len(content)) || doc.SHA256 != hex.EncodeToString(sum[:]) ||
		!strings.HasPrefix(doc.Verdict, "clean") {
		t.Fatalf("upload answered %+v", doc)
	}
	if code, got := a.do(t, http.MethodGet, "/v1/documents/1", "", ""); code != http.StatusOK || decode[documents.Document](t, got).SHA256 != doc.SHA256 {
		t.Fatalf("GET /v1/documents/1 = %d %s", code, got)
	}
	if code, got := a.do(t, http.MethodPut, "/v1/documents/1/tags", "application/json", `{"tags":["urgent","finance"]}`); code != http.StatusOK ||
		len(decode[documents.Document](t, got).Tags) != 2 {
		t.Fatalf("PUT tags = %d %s", code, got)
	}
	if code, got := a.do(t, http.MethodGet, "/v1/documents?limit=5&title=invoice.pdf", "", ""); code != http.StatusOK ||
		len(decode[[]documents.Document](t, got)) != 1 {
		t.Fatalf("GET /v1/documents = %d %s", code, got)
	}
}

func TestAPartAboveMultipartMemoryIsStillRead(t *testing.T) {
	// GIVEN a part larger than the 1 MiB Gin keeps in memory, under a limit that allows it
	a := newAPI(t, false)
	a.deps.MaxUpload = 4 << 20
	router, _ := NewRouter(a.deps)
	a.Config.Handler = router
	resp := a.upload(t, "document", "", bytes.Repeat([]byte{7}, 3<<20))
	// THEN it spilled to a temp file that net/http removes after the request, and was stored
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("a 3 MiB upload answered %d", resp.StatusCode)
	}
}

func TestUploadsThatCannotBeStoredAreRefusedWithTheirStatus(t *testing.T) {
	a := newAPI(t, false)
	for name, c := range map[string]struct {
		field   string
		content []byte
		want    int
	}{
		"no document part":     {"", nil, http.StatusBadRequest},
		"another part name":    {"file", []byte("x"), http.StatusBadRequest},
		"above -max-upload":    {"document", bytes.Repeat([]byte{1}, 128<<10), http.StatusRequestEntityTooLarge},
		"the EICAR test virus": {"document", []byte(`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`), http.StatusUnprocessableEntity},
	} {
		if resp := a.upload(t, c.field, "", c.content); resp.StatusCode != c.want {
			t.Errorf("%s: answered %d, want %d", name, resp.StatusCode, c.want)
		}
	}
	if code, _ := a.do(t, http.MethodPost, "/v1/documents", "multipart/form-data; boundary=cut",
		"--cut\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a\"\r\n\r\nno closing boundary"); code != http.StatusBadRequest {
		t.Errorf("a multipart body without its closing boundary answered %d, want 400", code)
	}
	if code, _ := a.do(t, http.MethodPost, "/v1/documents", "application/json", `{}`); code != http.StatusBadRequest {
		t.Errorf("a JSON body answered %d, want 400", code)
	}
	if a.deps.Store.Len() != 0 {
		t.Fatalf("refused uploads were stored: %d", a.deps.Store.Len())
	}
}

func TestBadParametersAndBodiesGetTheirStatus(t *testing.T) {
	a := newAPI(t, false)
	a.upload(t, "document", "", []byte("one"))
	for _, c := range []struct {
		method, path, body string
		want               int
	}{
		{http.MethodGet, "/v1/documents/abc", "", http.StatusBadRequest},
		{http.MethodGet, "/v1/documents/0", "", http.StatusBadRequest},
		{http.MethodGet, "/v1/documents/999", "", http.StatusNotFound},
		{http.MethodGet, "/v1/documents?limit=ten", "", http.StatusBadRequest},
		{http.MethodGet, "/v1/documents?limit=0", "", http.StatusUnprocessableEntity},
		{http.MethodPut, "/v1/documents/1/tags", `{"tags":[`, http.StatusBadRequest},
		{http.MethodPut, "/v1/documents/1/tags", `{"tags":"urgent"}`, http.StatusBadRequest},
		{http.MethodPut, "/v1/documents/1/tags", `{}`, http.StatusUnprocessableEntity},
		{http.MethodPut, "/v1/documents/1/tags", `{"tags":[""]}`, http.StatusUnprocessableEntity},
		{http.MethodPut, "/v1/documents/999/tags", `{"tags":["a"]}`, http.StatusNotFound},
		{http.MethodPut, "/v1/documents/x/tags", `{"tags":["a"]}`, http.StatusBadRequest},
		{http.MethodGet, "/v1/exports/stream?limit=ten", "", http.StatusBadRequest},
		{http.MethodGet, "/v1/exports/stream?limit=101", "", http.StatusUnprocessableEntity},
		{http.MethodGet, "/api/items/1", "", http.StatusNotFound},
		{http.MethodGet, "/healthz", "", http.StatusOK},
	} {
		if code, body := a.do(t, c.method, c.path, "application/json", c.body); code != c.want {
			t.Errorf("%s %s %s: answered %d %s, want %d", c.method, c.path, c.body, code, body, c.want)
		}
	}
}

func TestEveryRequestIsLoggedWithItsPathAndRoute(t *testing.T) {
	a := newAPI(t, false)
	a.do(t, http.MethodGet, "/v1/documents/17", "", "")
	a.do(t, http.MethodGet, "/nowhere", "", "")
	eventually(t, 5*time.Second, "both requests logged", func() bool {
		logged := a.log.String()
		return strings.Contains(logged, `"path":"/v1/documents/17","route":"/v1/documents/:id","status":404`) &&
			strings.Contains(logged, `"path":"/nowhere","route":"","status":404`)
	})
}
