package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// Problem is every error body: a short code and a sentence.
type Problem struct {
	Code    string `json:"code" example:"invalid_body"`
	Message string `json:"message" example:"customer is required"`
}

func fail(c *gin.Context, status int, code, message string) {
	c.AbortWithStatusJSON(status, Problem{Code: code, Message: message})
}

// NotFound answers unknown routes.
func NotFound(c *gin.Context) {
	fail(c, http.StatusNotFound, "no_route", "no such route: "+c.Request.Method+" "+c.Request.URL.Path)
}
