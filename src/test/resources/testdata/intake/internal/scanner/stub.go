package scanner

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// eicar is the start of the industry's test virus: a document that carries it is "infected".
var eicar = []byte(`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR`)

// Stub is a stand-in scanner for development and tests: it reads every
// document to the end and finds the EICAR test string, nothing else.
type Stub struct {
	refreshes atomic.Int64
}

// ServeHTTP answers POST /scan and GET /signatures.
func (s *Stub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/scan":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		verdict := "clean"
		if bytes.Contains(body, eicar) {
			verdict = "infected"
		}
		_ = json.NewEncoder(w).Encode(Verdict{Verdict: verdict, Signatures: s.version()})
	case r.Method == http.MethodGet && r.URL.Path == "/signatures":
		s.refreshes.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]string{"version": s.version()})
	default:
		http.NotFound(w, r)
	}
}

func (s *Stub) version() string {
	return "2026.12." + time.Now().UTC().Format("02")
}

// StartStub serves a Stub on a free loopback port until stop is called.
func StartStub() (url string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: &Stub{}, ReadHeaderTimeout: 5 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(ln) // ends with http.ErrServerClosed when stop closes it
	}()
	return "http://" + ln.Addr().String(), func() {
		srv.Close()
		<-done
	}, nil
}
