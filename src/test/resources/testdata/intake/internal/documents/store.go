// Package documents keeps the metadata of uploaded documents in memory: a
// bounded store (the oldest are forgotten first) with a retention purge.
package documents

import (
	"errors"
	"sort"
	"sync"
	"time"
)

// ErrNotFound is returned for an id the store does not hold (never given, or forgotten).
var ErrNotFound = errors.New("no such document")

// Document is what the API answers about one upload. The bytes themselves
// are not kept: only their digest and what the scanner said.
type Document struct {
	ID        int64     `json:"id" example:"42"`
	Title     string    `json:"title" example:"invoice-2026-11.pdf"`
	Size      int64     `json:"size" example:"18211"`
	SHA256    string    `json:"sha256" example:"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"`
	Verdict   string    `json:"verdict" example:"clean"`
	Tags      []string  `json:"tags"`
	CreatedAt time.Time `json:"created_at"`
}

// Store is safe for concurrent use.
type Store struct {
	mu     sync.Mutex
	keep   int
	nextID int64
	byID   map[int64]*Document
	order  []int64 // ids, oldest first
}

// NewStore keeps at most keep documents.
func NewStore(keep int) *Store {
	return &Store{keep: keep, byID: make(map[int64]*Document)}
}

// Add stores d with a new id and returns the stored copy.
func (s *Store) Add(d Document) Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	d.ID = s.nextID
	if d.Tags == nil {
		d.Tags = []string{}
	}
	s.byID[d.ID] = &d
	s.order = append(s.order, d.ID)
	for len(s.order) > s.keep {
		delete(s.byID, s.order[0])
		s.order = s.order[1:]
	}
	return d
}

// Get returns a copy of the document with id.
func (s *Store) Get(id int64) (Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.byID[id]
	if !ok {
		return Document{}, ErrNotFound
	}
	return clone(d), nil
}

// SetTags replaces the tags of the document with id.
func (s *Store) SetTags(id int64, tags []string) (Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.byID[id]
	if !ok {
		return Document{}, ErrNotFound
	}
	d.Tags = append([]string(nil), tags...)
	return clone(d), nil
}

// Newest returns up to limit documents, newest first; titled filters by exact title when not empty.
func (s *Store) Newest(limit int, titled string) []Document {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Document, 0, min(limit, len(s.order)))
	for i := len(s.order) - 1; i >= 0 && len(out) < limit; i-- {
		d := s.byID[s.order[i]]
		if titled == "" || d.Title == titled {
			out = append(out, clone(d))
		}
	}
	return out
}

// PurgeBefore forgets every document created before cutoff and says how many.
func (s *Store) PurgeBefore(cutoff time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	// order is by creation, so the expired ones are a prefix.
	n := sort.Search(len(s.order), func(i int) bool { return !s.byID[s.order[i]].CreatedAt.Before(cutoff) })
	for _, id := range s.order[:n] {
		delete(s.byID, id)
	}
	s.order = append(s.order[:0:0], s.order[n:]...)
	return n
}

// Len is the number of documents held.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.order)
}

func clone(d *Document) Document {
	c := *d
	c.Tags = append([]string{}, d.Tags...)
	return c
}
