package main

import (
	"bytes"
	"log"
	"os"
	"strings"
	"testing"
)

func TestLeakBudgetRefusesPastItsCapAndLogsOnce(t *testing.T) {
	var logs bytes.Buffer
	log.SetOutput(&logs)
	defer log.SetOutput(os.Stderr)
	b := &leakBudget{name: "test widgets", limit: 3}
	for i := range 3 {
		if !b.take(1, "demo") {
			t.Fatalf("expected take %d of 3 to succeed", i+1)
		}
	}
	if b.take(1, "demo") || b.take(1, "demo") {
		t.Fatal("expected takes past the cap to be refused")
	}
	b.give(1)
	if !b.take(1, "demo") {
		t.Fatal("expected a take to succeed after a give")
	}
	if n := strings.Count(logs.String(), "cap of 3 test widgets reached (pattern demo)"); n != 1 {
		t.Fatalf("expected the cap to be logged <1> time but was <%d>: %q", n, logs.String())
	}
}
