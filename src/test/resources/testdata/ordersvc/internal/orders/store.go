// Package orders keeps orders in a bounded store and tells long polls when
// an order changes.
package orders

import (
	"sync"
	"time"
)

// Status is where an order is in its life.
type Status string

const (
	Placed    Status = "placed"
	Paid      Status = "paid"
	Shipped   Status = "shipped"
	Cancelled Status = "cancelled"
)

// Line is one item of an order.
type Line struct {
	SKU      string `json:"sku" binding:"required" example:"MUG-01"`
	Quantity int    `json:"quantity" binding:"required,min=1,max=20" example:"2"`
}

// Order is what the API returns.
type Order struct {
	ID       int64     `json:"id" example:"42"`
	Customer string    `json:"customer" example:"ada"`
	Lines    []Line    `json:"lines"`
	Status   Status    `json:"status" example:"placed"`
	Created  time.Time `json:"created"`
	Version  int       `json:"version" example:"1"`
}

// Store keeps the newest orders, at most keep of them: older ones are
// forgotten, so a load test's stream of new orders costs constant memory.
type Store struct {
	mu     sync.Mutex
	keep   int
	nextID int64
	byID   map[int64]*Order
	order  []int64 // ring of IDs, oldest first once full
	head   int
}

// NewStore keeps at most keep orders.
func NewStore(keep int) *Store {
	return &Store{keep: keep, byID: make(map[int64]*Order, keep), order: make([]int64, 0, keep)}
}

// Place stores a new order and returns a copy of it.
func (s *Store) Place(customer string, lines []Line, now time.Time) Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	o := &Order{ID: s.nextID, Customer: customer, Lines: append([]Line(nil), lines...), Status: Placed, Created: now, Version: 1}
	if len(s.order) < s.keep {
		s.order = append(s.order, o.ID)
	} else {
		delete(s.byID, s.order[s.head])
		s.order[s.head] = o.ID
		s.head = (s.head + 1) % s.keep
	}
	s.byID[o.ID] = o
	return *o
}

// Get returns a copy of the order.
func (s *Store) Get(id int64) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		return Order{}, false
	}
	return *o, true
}

// SetStatus moves an order on and bumps its version.
func (s *Store) SetStatus(id int64, status Status) (Order, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, ok := s.byID[id]
	if !ok {
		return Order{}, false
	}
	o.Status = status
	o.Version++
	return *o, true
}

// List returns up to limit orders, newest first, of one status or of all when status is empty.
func (s *Store) List(status Status, limit int) []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Order, 0, limit)
	for id := s.nextID; id > 0 && len(out) < limit; id-- {
		o, ok := s.byID[id]
		if !ok {
			break // older ones were forgotten
		}
		if status == "" || o.Status == status {
			out = append(out, *o)
		}
	}
	return out
}

// Len is the number of orders kept.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byID)
}
