package main

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"
)

// apiError is the body of every 4xx and 5xx answer, so clients (and the
// Java checks) can rely on JSON even for bad input.
type apiError struct {
	Error  string   `json:"error"`
	Field  string   `json:"field,omitempty"`
	Fields []string `json:"fields,omitempty"`
}

func abortJSON(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, apiError{Error: msg})
}

// abortBindError maps a binding error to the status a client can act on:
// 413 too large, 422 naming the fields that failed validation, 400 for
// malformed input.
func abortBindError(c *gin.Context, err error) {
	var tooLarge *http.MaxBytesError
	var invalid validator.ValidationErrors
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		abortJSON(c, http.StatusRequestEntityTooLarge, "request body larger than "+strconv.FormatInt(tooLarge.Limit, 10)+" bytes")
	case errors.As(err, &invalid):
		body := apiError{Error: "validation failed"}
		for _, fe := range invalid {
			body.Fields = append(body.Fields, fe.Field())
			if body.Field == "" {
				body.Field = fe.Field()
				body.Error = "validation failed: field " + fe.Field() + " must satisfy " + fe.Tag()
			}
		}
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, body)
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		abortJSON(c, http.StatusBadRequest, "malformed JSON: "+err.Error())
	case errors.As(err, &wrongType):
		c.AbortWithStatusJSON(http.StatusBadRequest, apiError{Error: "wrong type for field " + wrongType.Field, Field: wrongType.Field})
	default:
		abortJSON(c, http.StatusBadRequest, "bad request: "+err.Error())
	}
}

// requireContentType answers 415 before a handler reads a body it cannot
// parse; media types are compared without parameters (charset, boundary).
func requireContentType(types ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
		if err == nil {
			for _, t := range types {
				if strings.EqualFold(mt, t) {
					c.Next()
					return
				}
			}
		}
		abortJSON(c, http.StatusUnsupportedMediaType, "Content-Type must be "+strings.Join(types, " or "))
	}
}

// limitBody caps every body so an oversized upload costs at most limit bytes
// of reading before it is refused with 413.
func limitBody(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body != nil {
			c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		}
		c.Next()
	}
}

func uitoa(n uint64) string { return strconv.FormatUint(n, 10) }

// init makes validation errors name fields as the client sent them (the
// json, form or uri key) rather than as the Go struct spells them.
func init() {
	v, ok := binding.Validator.Engine().(*validator.Validate)
	if !ok {
		return
	}
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, tag := range []string{"json", "form", "uri"} {
			if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
				return name
			}
		}
		return f.Name
	})
}
