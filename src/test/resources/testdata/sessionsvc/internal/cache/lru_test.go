package cache

import (
	"strconv"
	"testing"
)

func TestLRUStopsAtItsCapacityAndEvictsTheOldest(t *testing.T) {
	c := NewLRU[string, int](3)
	for i := range 10 {
		c.Put(strconv.Itoa(i), i)
	}
	if c.Len() != 3 {
		t.Fatalf("Len = %d, want 3", c.Len())
	}
	if _, ok := c.Get("6"); ok {
		t.Fatal("6 should be evicted")
	}
	c.Get("7") // 7 is now the most recent; 8 is the oldest
	c.Put("10", 10)
	if _, ok := c.Get("8"); ok {
		t.Fatal("8 should be evicted before 7")
	}
	if v, ok := c.Get("7"); !ok || v != 7 {
		t.Fatalf("Get(7) = %d, %v", v, ok)
	}
}

func TestUpdate(t *testing.T) {
	c := NewLRU[string, int](2)
	add := func(old int, _ bool) int { return old + 1 }
	c.Update("a", add)
	if got := c.Update("a", add); got != 2 {
		t.Fatalf("Update = %d, want 2", got)
	}
	c.Update("b", add)
	c.Update("c", add)
	if c.Len() != 2 {
		t.Fatalf("Len = %d, want 2", c.Len())
	}
	if _, ok := c.Get("a"); ok {
		t.Fatal("a should be evicted")
	}
}
