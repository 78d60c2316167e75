package main

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

// TRAP map-peak: POST /api/reservations/batch?keys=8192 reserves keys new
// item ids in a long-lived reservations table (a map), works on them, and
// deletes every one of them before it answers.
//
// Why it looks like a leak: the first batch raises the post-GC heap by the
// map's peak size (8192 live keys: ~300–600 KiB of map groups) and the heap
// never comes back, although the map is empty again: Go maps do not shrink
// when keys are deleted; they keep the buckets (groups, tables) of their
// largest size.
//
// Why it is not: it is a high-water mark. Later batches of the same size
// fill the same groups with other keys and allocate nothing new. The peak is
// bounded: one batch at a time (the table's mutex is held for the whole
// batch), at most maxReservationKeys keys, so the map never holds more than
// that.

const (
	defaultReservationKeys = 8192
	maxReservationKeys     = 65536
)

type reservation struct {
	owner uint64
	qty   int64
	at    int64
}

// reservationTable is owned by the router, like the catalogue's LRU.
type reservationTable struct {
	mu   sync.Mutex
	next uint64
	live map[uint64]reservation
}

func newReservationTable() *reservationTable {
	return &reservationTable{live: map[uint64]reservation{}}
}

type reservationQuery struct {
	Keys int `form:"keys" binding:"min=1,max=65536"`
}

// Not inlined, so the map's growth shows as main.(*reservationTable).trapMapPeak.
//
//go:noinline
func (t *reservationTable) trapMapPeak(c *gin.Context) {
	q := reservationQuery{Keys: defaultReservationKeys}
	if err := c.ShouldBindQuery(&q); err != nil {
		abortBindError(c, err)
		return
	}
	owner := c.GetUint64(requestIDKey)
	t.mu.Lock()
	first := t.next
	t.next += uint64(q.Keys) // new ids every batch, as real reservations would be
	for i := range uint64(q.Keys) {
		t.live[first+i] = reservation{owner: owner, qty: int64(i%7 + 1), at: int64(i)}
	}
	var total int64
	for i := range uint64(q.Keys) {
		total += t.live[first+i].qty
	}
	for i := range uint64(q.Keys) {
		delete(t.live, first+i)
	}
	left := len(t.live)
	t.mu.Unlock()
	c.JSON(http.StatusOK, gin.H{"reserved": q.Keys, "quantity": total, "live": left})
}
