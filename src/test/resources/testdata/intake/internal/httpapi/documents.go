package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"example.org/intake/internal/documents"
	"example.org/intake/internal/events"
	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"
)

// Documents handles /v1/documents.
type Documents struct {
	deps Deps
}

// TagsRequest replaces a document's tags.
type TagsRequest struct {
	Tags []string `json:"tags" binding:"required,min=1,max=10,dive,min=1,max=32" example:"urgent,finance"`
}

// Upload stores a document after the scanner has read it.
//
//	@Summary	Upload a document
//	@Tags		documents
//	@Accept		mpfd
//	@Produce	json
//	@Param		document	formData	file		true	"The document, at most -max-upload bytes (8 MiB)"
//	@Param		title		formData	string		false	"Its title; the file name when empty"	maxlength(200)
//	@Success	201			{object}	documents.Document
//	@Failure	400			{object}	Problem	"not multipart, or no document part"
//	@Failure	413			{object}	Problem	"larger than -max-upload"
//	@Failure	422			{object}	Problem	"the scanner found a virus, or the title is too long"
//	@Failure	502			{object}	Problem	"the scanner did not answer"
//	@Router		/documents [post]
func (h *Documents) Upload(c *gin.Context) {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, h.deps.MaxUpload)
	part, err := c.FormFile("document")
	if err != nil {
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			problem(c, http.StatusRequestEntityTooLarge, "the upload is larger than "+strconv.FormatInt(tooLarge.Limit, 10)+" bytes")
		case errors.Is(err, http.ErrMissingFile):
			problem(c, http.StatusBadRequest, "the form has no document part")
		default:
			problem(c, http.StatusBadRequest, "not a multipart form: "+err.Error())
		}
		return
	}
	title := c.PostForm("title")
	if title == "" {
		title = part.Filename
	}
	if len(title) > 200 {
		problem(c, http.StatusUnprocessableEntity, "title is longer than 200 bytes")
		return
	}
	file, err := part.Open()
	if err != nil {
		problem(c, http.StatusBadRequest, "the document part cannot be read: "+err.Error())
		return
	}
	defer file.Close()
	digest := sha256.New()
	verdict, err := h.deps.Scanner.Scan(c.Request.Context(), io.TeeReader(file, digest), part.Size)
	if err != nil {
		problem(c, http.StatusBadGateway, "the scanner did not answer: "+err.Error())
		return
	}
	if verdict.Verdict != "clean" {
		problem(c, http.StatusUnprocessableEntity, "the scanner says the document is "+verdict.Verdict)
		return
	}
	doc := h.deps.Store.Add(documents.Document{Title: title, Size: part.Size, SHA256: hex.EncodeToString(digest.Sum(nil)),
		Verdict: verdict.Verdict + " (signatures " + verdict.Signatures + ")", CreatedAt: time.Now().UTC()})
	h.deps.Hub.Publish(events.Event{Name: "document", Data: doc})
	c.JSON(http.StatusCreated, doc)
}

// Get answers one document.
//
//	@Summary	Read a document
//	@Tags		documents
//	@Produce	json
//	@Param		id	path		int	true	"Document id"	minimum(1)
//	@Success	200	{object}	documents.Document
//	@Failure	400	{object}	Problem	"id is not a positive number"
//	@Failure	404	{object}	Problem	"no such document, or purged"
//	@Router		/documents/{id} [get]
func (h *Documents) Get(c *gin.Context) {
	id, ok := documentID(c)
	if !ok {
		return
	}
	doc, err := h.deps.Store.Get(id)
	if err != nil {
		problem(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, doc)
}

// List answers the newest documents.
//
//	@Summary	List the newest documents
//	@Tags		documents
//	@Produce	json
//	@Param		limit	query	int		false	"How many, 1 to 100"	default(20)
//	@Param		title	query	string	false	"Only documents with exactly this title"
//	@Success	200		{array}		documents.Document
//	@Failure	400		{object}	Problem	"limit is not a number"
//	@Failure	422		{object}	Problem	"limit is outside 1 to 100"
//	@Router		/documents [get]
func (h *Documents) List(c *gin.Context) {
	limit, err := strconv.Atoi(c.DefaultQuery("limit", "20"))
	if err != nil {
		problem(c, http.StatusBadRequest, "limit must be a number")
		return
	}
	if limit < 1 || limit > 100 {
		problem(c, http.StatusUnprocessableEntity, "limit must be 1 to 100")
		return
	}
	c.JSON(http.StatusOK, h.deps.Store.Newest(limit, c.Query("title")))
}

// SetTags replaces the tags of a document.
//
//	@Summary	Replace a document's tags
//	@Tags		documents
//	@Accept		json
//	@Produce	json
//	@Param		id		path		int			true	"Document id"	minimum(1)
//	@Param		tags	body		TagsRequest	true	"1 to 10 tags of 1 to 32 characters"
//	@Success	200		{object}	documents.Document
//	@Failure	400		{object}	Problem	"id is not a positive number, or the body is not JSON of this shape"
//	@Failure	404		{object}	Problem	"no such document"
//	@Failure	422		{object}	Problem	"no tags, too many, or a tag too long"
//	@Router		/documents/{id}/tags [put]
func (h *Documents) SetTags(c *gin.Context) {
	id, ok := documentID(c)
	if !ok {
		return
	}
	var req TagsRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		var invalid validator.ValidationErrors
		var syntax *json.SyntaxError
		var wrongType *json.UnmarshalTypeError
		switch {
		case errors.As(err, &invalid):
			problem(c, http.StatusUnprocessableEntity, invalid.Error())
		case errors.As(err, &syntax), errors.As(err, &wrongType), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
			problem(c, http.StatusBadRequest, "the body is not JSON of the form {\"tags\": [\"...\"]}")
		default:
			problem(c, http.StatusBadRequest, err.Error())
		}
		return
	}
	doc, err := h.deps.Store.SetTags(id, req.Tags)
	if err != nil {
		problem(c, http.StatusNotFound, err.Error())
		return
	}
	c.JSON(http.StatusOK, doc)
}

func documentID(c *gin.Context) (int64, bool) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		problem(c, http.StatusBadRequest, "id must be a positive number")
		return 0, false
	}
	return id, true
}
