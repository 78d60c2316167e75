package httpapi

import (
	"net/http"
	"strconv"

	"example.org/intake/internal/documents"
	"github.com/gin-gonic/gin"
)

// Export streams the newest documents as events, then a done event, and ends.
type Export struct {
	store *documents.Store
}

// Serve writes one event per document.
//
//	@Summary	Export the newest documents as a stream
//	@Tags		events
//	@Produce	event-stream
//	@Param		limit	query		int		false	"How many, 1 to 100"	default(20)
//	@Success	200		{string}	string	"a document event per document, newest first, then done"
//	@Failure	400		{object}	Problem	"limit is not a number"
//	@Failure	422		{object}	Problem	"limit is outside 1 to 100"
//	@Router		/exports/stream [get]
func (e *Export) Serve(c *gin.Context) {
	limit, err := strconv.Atoi(c.DefaultQuery("limit", "20"))
	if err != nil {
		problem(c, http.StatusBadRequest, "limit must be a number")
		return
	}
	if limit < 1 || limit > 100 {
		problem(c, http.StatusUnprocessableEntity, "limit must be 1 to 100")
		return
	}
	streamHeaders(c)
	docs := e.store.Newest(limit, "")
	for _, d := range docs {
		if c.Request.Context().Err() != nil {
			return
		}
		c.SSEvent("document", d)
		c.Writer.Flush()
	}
	c.SSEvent("done", gin.H{"count": len(docs)})
	c.Writer.Flush()
}
