package api

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"
)

// Problem is the body of every 4xx and 5xx answer: a sentence, and the
// request field at fault when there is one.
type Problem struct {
	Error  string   `json:"error"`
	Field  string   `json:"field,omitempty"`
	Fields []string `json:"fields,omitempty"`
}

func abort(c *gin.Context, status int, msg string) {
	c.AbortWithStatusJSON(status, Problem{Error: msg})
}

func abortField(c *gin.Context, status int, field, msg string) {
	c.AbortWithStatusJSON(status, Problem{Error: msg, Field: field})
}

// abortBind answers a failed ShouldBindJSON: 413 for a body over the limit,
// 400 for JSON that does not parse or has a wrong type (naming the field),
// 422 for values that fail validation (naming every field).
func abortBind(c *gin.Context, err error) {
	var tooLarge *http.MaxBytesError
	var invalid validator.ValidationErrors
	var syntax *json.SyntaxError
	var wrongType *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		abort(c, http.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(tooLarge.Limit, 10)+" bytes")
	case errors.As(err, &invalid):
		p := Problem{}
		for _, fe := range invalid {
			p.Fields = append(p.Fields, fe.Field())
		}
		p.Field = invalid[0].Field()
		p.Error = p.Field + ": fails " + invalid[0].Tag()
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, p)
	case errors.As(err, &wrongType):
		abortField(c, http.StatusBadRequest, wrongType.Field, wrongType.Field+": must be "+wrongType.Type.String()+", not "+wrongType.Value)
	case errors.As(err, &syntax), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		abort(c, http.StatusBadRequest, "malformed JSON body")
	default:
		abort(c, http.StatusBadRequest, "bad request: "+err.Error())
	}
}

// jsonOnly answers 415 unless the body is declared as JSON.
func jsonOnly(c *gin.Context) {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || !strings.EqualFold(mt, "application/json") {
		abort(c, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	c.Next()
}

// limitBody refuses bodies over limit bytes with 413 once they are read.
func limitBody(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
		c.Next()
	}
}

var skuPattern = regexp.MustCompile(`^[A-Z]{3}-[0-9]{3,6}$`)

var registerValidation sync.Once

// setupValidation makes validation errors name JSON fields (quantity, not
// Quantity) and adds the sku rule. gin's validator is process-wide.
func setupValidation() {
	registerValidation.Do(func() {
		v, ok := binding.Validator.Engine().(*validator.Validate)
		if !ok {
			return
		}
		v.RegisterTagNameFunc(func(f reflect.StructField) string {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				return f.Name
			}
			return name
		})
		_ = v.RegisterValidation("sku", func(fl validator.FieldLevel) bool {
			return skuPattern.MatchString(fl.Field().String())
		})
	})
}
