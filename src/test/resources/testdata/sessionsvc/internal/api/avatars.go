package api

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
	"sync/atomic"

	"example.com/sessionsvc/internal/cache"
	"example.com/sessionsvc/internal/config"
	"github.com/gin-gonic/gin"
)

const (
	// MaxAvatarBody bounds an upload request; larger ones are answered 413.
	MaxAvatarBody = 8 << 20
	// MaxAvatarMemory is the engine's MaxMultipartMemory: larger parts
	// spill to temp files, which net/http removes after the request.
	MaxAvatarMemory = 1 << 20
	// maxAvatarsPerBatch bounds POST /v1/avatars/batch.
	maxAvatarsPerBatch = 8
	// recentAvatars is how many uploads the fixed index remembers.
	recentAvatars = 256
)

// Avatar is what an upload answers.
type Avatar struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// avatarIndex remembers the digest of recent uploads by upload number, so
// a client can check what arrived; it keeps digestBytes of hex per upload
// (what -avatar-index-bytes sizes).
type avatarIndex struct {
	digestBytes int
	next        atomic.Uint64
	recent      *cache.LRU[uint64, string] // FIX

	mu       sync.Mutex
	byNumber map[uint64]string // BUG
}

func newAvatarIndex(digestBytes int) *avatarIndex {
	return &avatarIndex{digestBytes: digestBytes, recent: cache.NewLRU[uint64, string](recentAvatars), byNumber: map[uint64]string{}}
}

// Len is the number of uploads the index holds.
func (x *avatarIndex) Len() int {
	x.mu.Lock()
	n := len(x.byNumber)
	x.mu.Unlock()
	return n + x.recent.Len()
}

// BUG: rememberLeaky indexes every upload in a map nothing ever prunes
// ("clients may check an upload later"): each upload keeps its digest
// prefix and its map slot for good.
func (x *avatarIndex) rememberLeaky(n uint64, digest string) {
	d := strings.Clone(digest[:min(len(digest), x.digestBytes)])
	x.mu.Lock()
	x.byNumber[n] = d
	x.mu.Unlock()
}

// FIX: remember keeps the newest recentAvatars uploads.
func (x *avatarIndex) remember(n uint64, digest string) {
	x.recent.Put(n, strings.Clone(digest[:min(len(digest), x.digestBytes)]))
}

func (h *Handlers) registerAvatars(rg *gin.RouterGroup) {
	body := limitBody(MaxAvatarBody)
	rg.POST("/avatars", body, h.uploadAvatar)
	rg.POST("/avatars/batch", body, h.uploadAvatars)
}

// uploadAvatar takes one image in the multipart field "avatar": 201 with
// its digest; 400 without the part or for a malformed body; 413 over 8 MiB.
func (h *Handlers) uploadAvatar(c *gin.Context) {
	fh, err := c.FormFile("avatar")
	if err != nil {
		abortUpload(c, err, "avatar")
		return
	}
	a, err := h.storeAvatar(fh)
	if err != nil {
		abortUpload(c, err, "avatar")
		return
	}
	c.JSON(http.StatusCreated, a)
}

// uploadAvatars takes up to 8 images in the multipart fields "avatars".
func (h *Handlers) uploadAvatars(c *gin.Context) {
	form, err := c.MultipartForm()
	if err != nil {
		abortUpload(c, err, "avatars")
		return
	}
	files := form.File["avatars"]
	if len(files) == 0 {
		abortField(c, http.StatusBadRequest, "avatars", "avatars: at least one file part is required")
		return
	}
	if len(files) > maxAvatarsPerBatch {
		abortField(c, http.StatusUnprocessableEntity, "avatars", "avatars: at most 8 files")
		return
	}
	out := make([]Avatar, 0, len(files))
	for _, fh := range files {
		a, err := h.storeAvatar(fh)
		if err != nil {
			abortUpload(c, err, "avatars")
			return
		}
		out = append(out, a)
	}
	c.JSON(http.StatusCreated, out)
}

func (h *Handlers) storeAvatar(fh *multipart.FileHeader) (Avatar, error) {
	f, err := fh.Open()
	if err != nil {
		return Avatar{}, err
	}
	defer f.Close()
	sum := sha256.New()
	n, err := io.Copy(sum, f)
	if err != nil {
		return Avatar{}, err
	}
	number := h.avatars.next.Add(1)
	a := Avatar{
		ID:     "av-" + strconv.FormatUint(number, 36),
		Name:   fh.Filename,
		Bytes:  n,
		SHA256: hex.EncodeToString(sum.Sum(nil)),
	}
	if h.leaks.On(config.AvatarIndex) {
		h.avatars.rememberLeaky(number, a.SHA256)
	} else {
		h.avatars.remember(number, a.SHA256)
	}
	return a, nil
}

// abortUpload answers 413 for a body over the limit and 400 for anything
// else (no such part, a multipart body that does not parse or ends early).
func abortUpload(c *gin.Context, err error, field string) {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		abort(c, http.StatusRequestEntityTooLarge, "upload larger than "+strconv.FormatInt(tooLarge.Limit, 10)+" bytes")
	case errors.Is(err, http.ErrMissingFile):
		abortField(c, http.StatusBadRequest, field, field+": no file part of that name")
	default:
		abort(c, http.StatusBadRequest, "unreadable multipart body: "+err.Error())
	}
}
