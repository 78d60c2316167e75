package documents

import (
	"testing"
	"time"
)

func TestTheStoreForgetsTheOldestBeyondItsBound(t *testing.T) {
	s := NewStore(3)
	for i := 0; i < 10; i++ {
		s.Add(Document{Title: "d"})
	}
	if s.Len() != 3 {
		t.Fatalf("Len() = %d, want 3", s.Len())
	}
	if _, err := s.Get(7); err != ErrNotFound {
		t.Fatalf("Get(7) = %v, want ErrNotFound", err)
	}
	newest := s.Newest(10, "")
	if len(newest) != 3 || newest[0].ID != 10 || newest[2].ID != 8 {
		t.Fatalf("Newest = %+v, want ids 10, 9, 8", newest)
	}
}

func TestPurgeForgetsOnlyWhatIsOlderThanTheCutoff(t *testing.T) {
	s := NewStore(10)
	start := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	for i := 0; i < 5; i++ {
		s.Add(Document{CreatedAt: start.Add(time.Duration(i) * time.Minute)})
	}
	if n := s.PurgeBefore(start.Add(2 * time.Minute)); n != 2 {
		t.Fatalf("PurgeBefore purged %d, want 2", n)
	}
	if _, err := s.Get(3); err != nil {
		t.Fatalf("Get(3) after the purge: %v", err)
	}
	if _, err := s.Get(2); err != ErrNotFound {
		t.Fatalf("Get(2) after the purge = %v, want ErrNotFound", err)
	}
}

func TestCopiesDoNotShareTheirTags(t *testing.T) {
	s := NewStore(2)
	d := s.Add(Document{})
	got, _ := s.SetTags(d.ID, []string{"a"})
	got.Tags[0] = "changed"
	again, _ := s.Get(d.ID)
	if again.Tags[0] != "a" {
		t.Fatalf("a caller's copy changed the stored tags: %v", again.Tags)
	}
}
