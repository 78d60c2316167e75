package api

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
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

// Avatar is what an upload answers, and what the index remembers.
type Avatar struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// avatarIndex remembers uploads so a client can ask what it sent; the
// digest it keeps is digestBytes of hex (what -avatar-index-bytes sizes).
type avatarIndex struct {
	digestBytes int
	next        atomic.Uint64
	recent      *cache.LRU[string, Avatar] // FIX

	mu  sync.Mutex
	all map[string]Avatar // BUG
}

func newAvatarIndex(digestBytes int) *avatarIndex {
	return &avatarIndex{digestBytes: digestBytes, recent: cache.NewLRU[string, Avatar](recentAvatars), all: map[string]Avatar{}}
}

// Len is the number of uploads the index holds.
func (x *avatarIndex) Len() int {
	x.mu.Lock()
	n := len(x.all)
	x.mu.Unlock()
	return n + x.recent.Len()
}

// BUG: rememberLeaky indexes every upload in a map nothing ever prunes
// ("so clients can look them up later"): each upload keeps its entry (the
// ID, the digest prefix, the struct and its map slot) for good.
func (x *avatarIndex) rememberLeaky(a Avatar) {
	a.SHA256 = cloneString(a.SHA256[:min(len(a.SHA256), x.digestBytes)])
	x.mu.Lock()
	x.all[a.ID] = a
	x.mu.Unlock()
}

// FIX: remember keeps the newest recentAvatars uploads.
func (x *avatarIndex) remember(a Avatar) {
	a.SHA256 = cloneString(a.SHA256[:min(len(a.SHA256), x.digestBytes)])
	x.recent.Put(a.ID, a)
}

func cloneString(s string) string { return string([]byte(s)) }

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
	a := Avatar{
		ID:     "av-" + strconv.FormatUint(h.avatars.next.Add(1), 36),
		Name:   fh.Filename,
		Bytes:  n,
		SHA256: hex.EncodeToString(sum.Sum(nil)),
	}
	if h.leaks.On(config.AvatarIndex) {
		h.avatars.rememberLeaky(a)
	} else {
		h.avatars.remember(a)
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
