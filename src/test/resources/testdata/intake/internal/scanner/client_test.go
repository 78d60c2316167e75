package scanner

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestScanSaysCleanOrInfected(t *testing.T) {
	stub := httptest.NewServer(&Stub{})
	defer stub.Close()
	c := NewClient(stub.URL)
	defer c.Close()

	for body, want := range map[string]string{
		"a plain invoice": "clean",
		"prefix " + string(eicar) + " and the rest": "infected",
	} {
		v, err := c.Scan(context.Background(), strings.NewReader(body), int64(len(body)))
		if err != nil {
			t.Fatalf("Scan: %v", err)
		}
		if v.Verdict != want || v.Signatures == "" {
			t.Errorf("Scan(%q) = %+v, want verdict %s and a signature version", body, v, want)
		}
	}
}

func TestScansReuseOneKeepAliveConnection(t *testing.T) {
	var opened atomic.Int64
	stub := httptest.NewUnstartedServer(&Stub{})
	stub.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			opened.Add(1)
		}
	}
	stub.Start()
	defer stub.Close()
	c := NewClient(stub.URL)
	defer c.Close()

	for i := 0; i < 20; i++ {
		if _, err := c.Scan(context.Background(), strings.NewReader("doc"), 3); err != nil {
			t.Fatalf("Scan %d: %v", i, err)
		}
		if _, err := c.Signatures(context.Background()); err != nil {
			t.Fatalf("Signatures %d: %v", i, err)
		}
	}
	if n := opened.Load(); n != 1 {
		t.Fatalf("40 sequential calls opened %d connections, want 1 (kept alive)", n)
	}
}

func TestAnUpstreamErrorIsAnError(t *testing.T) {
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	c := NewClient(down.URL)
	defer c.Close()
	if _, err := c.Signatures(context.Background()); err == nil || !strings.Contains(err.Error(), "HTTP 503") {
		t.Fatalf("Signatures against a 503 = %v, want an error naming HTTP 503", err)
	}
}

func TestTheStubStopsCleanly(t *testing.T) {
	url, stop, err := StartStub()
	if err != nil {
		t.Fatal(err)
	}
	c := NewClient(url)
	if _, err := c.Signatures(context.Background()); err != nil {
		t.Fatalf("Signatures: %v", err)
	}
	c.Close()
	stop()
}
