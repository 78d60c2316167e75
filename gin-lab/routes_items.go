package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// itemURI binds the path; a non-number is a 400 (cannot bind), zero is a
// 422 naming ID (bound, but fails validation).
type itemURI struct {
	ID uint64 `uri:"id" binding:"required,min=1"`
}

type item struct {
	ID    uint64 `json:"id"`
	Name  string `json:"name"`
	Price int    `json:"priceCents"`
}

func addItemRoutes(rg *gin.RouterGroup, l *lab) {
	rg.GET("/items/:id", getItem)
}

func getItem(c *gin.Context) {
	var uri itemURI
	if err := c.ShouldBindUri(&uri); err != nil {
		abortBindError(c, err)
		return
	}
	c.JSON(http.StatusOK, lookupItem(uri.ID))
}

func lookupItem(id uint64) item {
	return item{ID: id, Name: "item-" + uitoa(id), Price: int(id%10_000) + 99}
}
