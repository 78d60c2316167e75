package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// ownProcessEnv names the test a child process runs for inOwnProcess.
const ownProcessEnv = "GIN_LAB_OWN_PROCESS"

// inOwnProcess runs the calling test again in a process of its own (this
// test binary, run for that test alone) and returns true in the parent, whose
// test must then return; in the child it returns false and the test runs.
//
// A post-GC heap, a goroutine count or a descriptor count is the process's,
// not the test's: in the test binary it moves with what earlier tests leaked
// on purpose (their leaks are process-wide) and are still freeing, and
// `go test -count=20` runs every test twenty times in one process. A test
// that measures one of them runs in a fresh process.
func inOwnProcess(t *testing.T) bool {
	t.Helper()
	if name := os.Getenv(ownProcessEnv); name == t.Name() || strings.HasPrefix(name, t.Name()+"/") {
		return false
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	child := exec.Command(self, "-test.run="+strings.Join(parts, "/"), "-test.count=1", "-test.v",
		"-test.timeout=5m")
	child.Env = append(os.Environ(), ownProcessEnv+"="+t.Name())
	out, err := child.CombinedOutput()
	if err != nil {
		t.Fatalf("in a process of its own: %v\n%s", err, out)
	}
	// A pattern that matched nothing passes too: that is no pass of this test.
	if !bytes.Contains(out, []byte("--- PASS: "+t.Name()+" ")) {
		t.Fatalf("the process of its own did not run %s:\n%s", t.Name(), out)
	}
	t.Logf("in a process of its own:\n%s", out)
	return true
}
