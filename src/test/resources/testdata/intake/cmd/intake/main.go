// Command intake is a document intake service: uploads are scanned by an
// upstream scanner, kept as metadata for a while, and announced on an event
// feed. Profiles are on a loopback listener of their own; there is no
// Prometheus endpoint.
//
//	@title			intake
//	@version		1.0
//	@description	Document intake: multipart uploads, their metadata and tags, a live event feed and a streamed export.
//	@BasePath		/v1
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"example.org/intake/internal/config"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main with its exit code returned: 2 for a bad command line, 1 when serving fails.
func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := config.Parse(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "intake:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, stdout, nil); err != nil {
		fmt.Fprintln(stderr, "intake:", err)
		return 1
	}
	return 0
}
