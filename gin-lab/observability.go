package main

import (
	"expvar"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// Lab counters on /debug/vars; the default expvar set already carries
// memstats and cmdline.
var (
	labRequests = expvar.NewInt("lab_requests_served")
	labLeaks    = expvar.NewString("lab_leaks")
)

func init() {
	expvar.Publish("lab_leak_budget_used", expvar.Func(func() any {
		return budgetUsage()
	}))
	// The default registry already has the Go and process collectors; these
	// gauges say how much the leaky variants hold, which the heap alone
	// cannot attribute.
	for _, b := range allBudgets() {
		prometheus.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name:        "gin_lab_leak_budget_used",
			Help:        "Resources currently held by leaky handlers, by resource.",
			ConstLabels: prometheus.Labels{"resource": b.name},
		}, func() float64 { return float64(b.used.Load()) }))
	}
}

func allBudgets() []*leakBudget {
	return []*leakBudget{retainedBytesBudget, goroutineBudget, fdBudget, tempFileBudget, tempBytesBudget}
}

func budgetUsage() map[string]int64 {
	m := map[string]int64{}
	for _, b := range allBudgets() {
		m[b.name] = b.used.Load()
	}
	return m
}

func countRequests() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		labRequests.Add(1)
	}
}
