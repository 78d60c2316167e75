// Package attachments takes files staged for an order (delivery notes,
// customs forms) as multipart uploads, before or after the order exists.
package attachments

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

const (
	// MaxBody bounds an upload request: larger ones are 413.
	MaxBody = 8 << 20
	// MaxMemory is the engine's MaxMultipartMemory: larger parts spill to
	// temp files, which net/http removes after the request.
	MaxMemory = 1 << 20
	maxFiles  = 5
	// perOrder is how many digests the fixed index keeps of one order.
	perOrder = 5
	// orders is how many orders the fixed index keeps digests of.
	orders = 200
)

// Attachment is what an upload answers.
type Attachment struct {
	Order  int64  `json:"order"`
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Store indexes attachment digests by order; each keeps digestBytes of hex.
type Store struct {
	leaky       bool
	digestBytes int

	mu      sync.Mutex
	byOrder map[int64][]string
	uploads uint64
	order   []int64 // FIX: the orders indexed, oldest first
}

// NewStore indexes digestBytes of each digest; leaky plants attachment-index.
func NewStore(leaky bool, digestBytes int) *Store {
	return &Store{leaky: leaky, digestBytes: digestBytes, byOrder: map[int64][]string{}}
}

// Register adds the upload routes to rg.
func (s *Store) Register(rg *gin.RouterGroup) {
	limit := func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, MaxBody)
		c.Next()
	}
	rg.POST("/orders/:id/attachments", limit, s.one)
	rg.POST("/orders/:id/attachments/batch", limit, s.many)
}

// Indexed is the number of digests the index holds.
func (s *Store) Indexed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, d := range s.byOrder {
		n += len(d)
	}
	return n
}

// one takes the multipart field "file": 201, 400 without it or for a
// malformed body, 413 over 8 MiB.
func (s *Store) one(c *gin.Context) {
	id, ok := orderID(c)
	if !ok {
		return
	}
	fh, err := c.FormFile("file")
	if err != nil {
		refuse(c, err)
		return
	}
	a, err := s.keep(id, fh)
	if err != nil {
		refuse(c, err)
		return
	}
	c.JSON(http.StatusCreated, a)
}

// many takes up to 5 files in the multipart fields "files".
func (s *Store) many(c *gin.Context) {
	id, ok := orderID(c)
	if !ok {
		return
	}
	form, err := c.MultipartForm()
	if err != nil {
		refuse(c, err)
		return
	}
	files := form.File["files"]
	if len(files) == 0 || len(files) > maxFiles {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"code": "invalid_upload", "message": "send 1 to 5 parts named files"})
		return
	}
	out := make([]Attachment, 0, len(files))
	for _, fh := range files {
		a, err := s.keep(id, fh)
		if err != nil {
			refuse(c, err)
			return
		}
		out = append(out, a)
	}
	c.JSON(http.StatusCreated, out)
}

func (s *Store) keep(order int64, fh *multipart.FileHeader) (Attachment, error) {
	f, err := fh.Open()
	if err != nil {
		return Attachment{}, err
	}
	defer f.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, f)
	if err != nil {
		return Attachment{}, err
	}
	a := Attachment{Order: order, Name: fh.Filename, Bytes: n, SHA256: hex.EncodeToString(sum.Sum(nil))}
	digest := strings.Clone(a.SHA256[:min(len(a.SHA256), s.digestBytes)])
	if s.leaky {
		s.indexLeaky(order, digest)
	} else {
		s.index(order, digest)
	}
	return a, nil
}

// BUG: indexLeaky keys the index by the order id of the URL, which the
// client chooses (attachments are staged before the order exists), and
// nothing ever drops an entry: every upload keeps its digest and a slot.
func (s *Store) indexLeaky(order int64, digest string) {
	s.mu.Lock()
	s.byOrder[order] = append(s.byOrder[order], digest)
	s.uploads++
	s.mu.Unlock()
}

// FIX: index keeps the newest perOrder digests of the newest orders orders.
func (s *Store) index(order int64, digest string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.uploads++
	d, known := s.byOrder[order]
	if !known {
		s.order = append(s.order, order)
		if len(s.order) > orders {
			delete(s.byOrder, s.order[0])
			s.order = s.order[1:]
		}
	}
	if len(d) >= perOrder {
		d = d[1:]
	}
	s.byOrder[order] = append(d, digest)
}

func orderID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"code": "invalid_id", "message": "id must be a positive number"})
		return 0, false
	}
	return id, true
}

func refuse(c *gin.Context, err error) {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, gin.H{"code": "too_large", "message": "uploads are at most 8 MiB"})
	case errors.Is(err, http.ErrMissingFile):
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"code": "invalid_upload", "message": "no file part of that name"})
	default:
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"code": "invalid_upload", "message": "unreadable multipart body: " + err.Error()})
	}
}
