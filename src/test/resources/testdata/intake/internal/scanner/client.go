// Package scanner talks to the virus scanner every upload passes through, over
// one keep-alive HTTP client shared by every request.
package scanner

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Client is safe for concurrent use.
type Client struct {
	base string
	http *http.Client
}

// NewClient keeps its connections to the scanner alive with Go's default
// pool (two idle connections per host, closed after 90 s idle): a new TCP
// connection per scan would cost more than the scan.
func NewClient(base string) *Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	return &Client{base: base, http: &http.Client{Transport: transport, Timeout: 30 * time.Second}}
}

// Verdict is the scanner's answer for one document.
type Verdict struct {
	Verdict    string `json:"verdict"`
	Signatures string `json:"signatures"`
}

// Scan sends body (size bytes) to the scanner.
func (c *Client) Scan(ctx context.Context, body io.Reader, size int64) (Verdict, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/scan", body)
	if err != nil {
		return Verdict{}, err
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	var v Verdict
	return v, c.do(req, &v)
}

// Signatures asks which signature set the scanner runs.
func (c *Client) Signatures(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/signatures", nil)
	if err != nil {
		return "", err
	}
	var answer struct {
		Version string `json:"version"`
	}
	return answer.Version, c.do(req, &answer)
}

// Close drops the idle connections.
func (c *Client) Close() {
	c.http.CloseIdleConnections()
}

func (c *Client) do(req *http.Request, into any) error {
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	// Read to the end and close: only a drained body lets the connection go back to the pool.
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("scanner %s %s: HTTP %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(into)
}
