package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"runtime/pprof"
	"time"

	"github.com/gin-gonic/gin"
)

// Pattern upstream-body: a handler calls the in-lab upstream over a real
// loopback socket and, on the error path, neither closes nor drains the
// response body.
//
// The leak is a connection: net/http's persistConn keeps a readLoop and a
// writeLoop goroutine waiting for the body to be read, the upstream keeps
// its side open, and two descriptors stay in use. Those goroutines run
// net/http code, so the leaky call is made under the pprof label
// leakyFunc=main.(*upstream).leakyUpstreamProxy, which the goroutines it
// starts inherit: /debug/pprof/goroutine?debug=1 shows the label on the
// leaked readLoop and writeLoop groups.

const (
	upstreamTimeout = 5 * time.Second
	// upstreamDrainLimit bounds how much of an error body the fix reads to
	// put the connection back in the pool; bigger bodies are just closed.
	upstreamDrainLimit = 64 << 10
)

type upstreamQuery struct {
	Fail bool `form:"fail"`
}

// upstream is a second HTTP server inside the lab, on its own loopback
// port, standing for a service the API depends on.
type upstream struct {
	baseURL string
	srv     *http.Server
	client  *http.Client
	// untimedClient is how the bug usually ships: a client without Timeout
	// (like http.DefaultClient). With a Timeout, the client itself would
	// cancel the stuck response after it and free the connection, hiding
	// the missing Close.
	untimedClient *http.Client
}

func (l *lab) startUpstream() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /upstream/items/{id}", serveUpstreamItem)
	// One idle connection at most: the pool's size is a high-water mark of
	// concurrent upstream calls, each idle connection costing 3 goroutines
	// (readLoop, writeLoop, the upstream's conn) and ~26 KiB for
	// IdleConnTimeout (30 s, longer than a probe's settling). With 64, a
	// judged phase busier than its warm-up kept 4-10 more connections than
	// the warm-up had: +12-30 goroutines and 130-255 KiB after the fixed
	// api phase (docs/how-it-measures.md). A call made while the one idle
	// connection is in use dials its own and closes it after.
	transport := &http.Transport{MaxIdleConnsPerHost: 1, IdleConnTimeout: 30 * time.Second}
	u := &upstream{
		baseURL:       "http://" + ln.Addr().String(),
		srv:           &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second},
		client:        &http.Client{Timeout: upstreamTimeout, Transport: transport},
		untimedClient: &http.Client{Transport: transport},
	}
	l.upstream = u
	// Two background goroutines, both started here, so a goleak snapshot
	// taken right after newLab already contains them.
	l.background(func(context.Context) { _ = u.srv.Serve(ln) })
	l.background(func(ctx context.Context) {
		<-ctx.Done()
		u.client.CloseIdleConnections()
		u.srv.Close()
	})
	return nil
}

// serveUpstreamItem answers 503 with a JSON body when asked to fail.
func serveUpstreamItem(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	if r.URL.Query().Get("fail") == "true" {
		w.WriteHeader(http.StatusServiceUnavailable)
		json.NewEncoder(w).Encode(apiError{Error: "upstream overloaded"})
		return
	}
	json.NewEncoder(w).Encode(gin.H{"id": r.PathValue("id"), "source": "upstream"})
}

func addUpstreamRoutes(rg *gin.RouterGroup, l *lab) {
	handler := l.upstream.fixedUpstreamProxy
	if l.cfg.leaks.on("upstream-body") {
		handler = l.upstream.leakyUpstreamProxy
	}
	rg.GET("/upstream/items/:id", handler)
}

func (u *upstream) itemURL(c *gin.Context) (string, bool) {
	var uri itemURI
	if err := c.ShouldBindUri(&uri); err != nil {
		abortBindError(c, err)
		return "", false
	}
	var q upstreamQuery
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return "", false
	}
	url := u.baseURL + "/upstream/items/" + uitoa(uri.ID)
	if q.Fail {
		url += "?fail=true"
	}
	return url, true
}

// BUG: leakyUpstreamProxy returns on a non-200 status without closing the
// body, and makes the call without the request's context or a client
// timeout, so nothing cancels the stuck connection either.
func (u *upstream) leakyUpstreamProxy(c *gin.Context) {
	url, ok := u.itemURL(c)
	if !ok {
		return
	}
	if !goroutineBudget.take(3, "upstream-body") {
		u.fixedUpstreamProxy(c)
		return
	}
	if !fdBudget.take(2, "upstream-body") {
		goroutineBudget.give(3)
		u.fixedUpstreamProxy(c)
		return
	}
	pprof.Do(context.Background(), pprof.Labels("leakyFunc", "main.(*upstream).leakyUpstreamProxy"), func(context.Context) {
		resp, err := u.untimedClient.Get(url)
		if err != nil {
			abortJSON(c, http.StatusBadGateway, "upstream unreachable")
			return
		}
		if resp.StatusCode != http.StatusOK {
			abortJSON(c, http.StatusBadGateway, "upstream answered "+resp.Status)
			return
		}
		defer resp.Body.Close()
		goroutineBudget.give(3)
		fdBudget.give(2)
		relayUpstream(c, resp)
	})
}

// FIX: fixedUpstreamProxy closes the body on every path (and drains a
// small error body so the connection can be reused), with the request's
// context on the call.
func (u *upstream) fixedUpstreamProxy(c *gin.Context) {
	url, ok := u.itemURL(c)
	if !ok {
		return
	}
	req, err := http.NewRequestWithContext(c.Request.Context(), http.MethodGet, url, nil)
	if err != nil {
		abortJSON(c, http.StatusInternalServerError, "bad upstream request")
		return
	}
	resp, err := u.client.Do(req)
	if err != nil {
		abortJSON(c, http.StatusBadGateway, "upstream unreachable")
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, upstreamDrainLimit))
		abortJSON(c, http.StatusBadGateway, "upstream answered "+resp.Status)
		return
	}
	relayUpstream(c, resp)
}

func relayUpstream(c *gin.Context, resp *http.Response) {
	var body map[string]any
	if err := json.NewDecoder(io.LimitReader(resp.Body, upstreamDrainLimit)).Decode(&body); err != nil {
		abortJSON(c, http.StatusBadGateway, "upstream sent malformed JSON")
		return
	}
	c.JSON(http.StatusOK, body)
}
