// Package cache is a small bounded LRU: it fills to its capacity and then
// evicts the least recently used entry, so its memory stops growing.
package cache

import (
	"container/list"
	"sync"
)

// LRU is safe for concurrent use.
type LRU[K comparable, V any] struct {
	mu       sync.Mutex
	capacity int
	order    *list.List // front: most recently used
	index    map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key   K
	value V
}

// NewLRU holds at most capacity entries (at least 1).
func NewLRU[K comparable, V any](capacity int) *LRU[K, V] {
	capacity = max(capacity, 1)
	return &LRU[K, V]{capacity: capacity, order: list.New(), index: make(map[K]*list.Element, capacity)}
}

// Get returns the value for key and marks it recently used.
func (c *LRU[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.index[key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*entry[K, V]).value, true
	}
	var zero V
	return zero, false
}

// Put stores value under key, evicting the oldest entry when full.
func (c *LRU[K, V]) Put(key K, value V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.index[key]; ok {
		el.Value.(*entry[K, V]).value = value
		c.order.MoveToFront(el)
		return
	}
	c.index[key] = c.order.PushFront(&entry[K, V]{key: key, value: value})
	if c.order.Len() > c.capacity {
		oldest := c.order.Remove(c.order.Back()).(*entry[K, V])
		delete(c.index, oldest.key)
	}
}

// Update stores fn(old value, present) under key, under the lock, and
// returns it; fn must be quick and must not call back into the cache.
func (c *LRU[K, V]) Update(key K, fn func(V, bool) V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.index[key]; ok {
		e := el.Value.(*entry[K, V])
		e.value = fn(e.value, true)
		c.order.MoveToFront(el)
		return e.value
	}
	var zero V
	v := fn(zero, false)
	c.index[key] = c.order.PushFront(&entry[K, V]{key: key, value: v})
	if c.order.Len() > c.capacity {
		oldest := c.order.Remove(c.order.Back()).(*entry[K, V])
		delete(c.index, oldest.key)
	}
	return v
}

// Len is the number of entries.
func (c *LRU[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// Capacity is the most entries the cache holds.
func (c *LRU[K, V]) Capacity() int { return c.capacity }
