package main

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
)

// Binding endpoints: JSON and form bodies into structs validated by
// `binding:` tags, and JSON into map[string]any (a trap). Path and query
// binding live with the handlers that use them (items, search, watch).

type orderLine struct {
	SKU      string `json:"sku" binding:"required,alphanum,max=32"`
	Quantity int    `json:"quantity" binding:"required,min=1,max=1000"`
}

type orderRequest struct {
	CustomerEmail string      `json:"customerEmail" binding:"required,email"`
	Lines         []orderLine `json:"lines" binding:"required,min=1,max=100,dive"`
	Note          string      `json:"note" binding:"max=1024"`
}

type contactForm struct {
	Name    string `form:"name" binding:"required,max=128"`
	Email   string `form:"email" binding:"required,email"`
	Message string `form:"message" binding:"required,max=4096"`
}

func addBindingRoutes(rg *gin.RouterGroup) {
	rg.POST("/orders", requireContentType("application/json"), createOrder)
	rg.POST("/forms/contact", requireContentType("application/x-www-form-urlencoded", "multipart/form-data"), submitContact)
	rg.POST("/bind/map", requireContentType("application/json"), trapBindMap)
}

func createOrder(c *gin.Context) {
	var req orderRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		abortBindError(c, err)
		return
	}
	total := 0
	for _, l := range req.Lines {
		total += l.Quantity
	}
	c.JSON(http.StatusCreated, gin.H{"lines": len(req.Lines), "quantity": total})
}

func submitContact(c *gin.Context) {
	var form contactForm
	if err := c.ShouldBindWith(&form, binding.Form); err != nil {
		abortBindError(c, err)
		return
	}
	c.JSON(http.StatusAccepted, gin.H{"received": true})
}

// TRAP map-binding: binding arbitrary JSON into map[string]any allocates a
// tree of interfaces per request; it looks heavy in an allocation profile
// but nothing outlives the request.
func trapBindMap(c *gin.Context) {
	var doc map[string]any
	if err := c.ShouldBindJSON(&doc); err != nil {
		abortBindError(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"keys": len(doc)})
}
