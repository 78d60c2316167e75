// Command gin-lab is the calibration target of Gin Preflight: a small Gin API
// whose handlers carry, one pattern per file, the memory and goroutine leaks
// Go teams ship, each beside its fix. `-leaks` chooses which variant runs.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
