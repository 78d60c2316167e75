package api

import (
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
)

// profileViews counts GET /v1/profile/:user answers.
type profileViews struct {
	byPlan *prometheus.CounterVec
	byUser *prometheus.CounterVec // only with metrics-label
	every  uint64
	seen   atomic.Uint64
}

func newProfileViews(reg prometheus.Registerer, leaky bool, every int) *profileViews {
	v := &profileViews{
		byPlan: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sessionsvc_profile_views_total",
			Help: "Profiles served, by the plan of the profile.",
		}, []string{"plan"}),
		every: uint64(max(every, 1)),
	}
	reg.MustRegister(v.byPlan)
	if leaky {
		v.byUser = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sessionsvc_profile_views_by_user_total",
			Help: "Profiles served, by user.",
		}, []string{"user"})
		reg.MustRegister(v.byUser)
	}
	return v
}

func (v *profileViews) count(p Profile) {
	if v.byUser != nil && v.seen.Add(1)%v.every == 0 {
		v.countLeaky(p)
		return
	}
	v.countFixed(p)
}

// BUG: countLeaky labels the counter with the user name. Every new user is
// a new series that client_golang keeps for the life of the process (label
// values, hash entry, counter: a few hundred bytes each) and every scrape
// returns: unbounded cardinality. With -metrics-label-every N only every
// Nth view is counted this way.
func (v *profileViews) countLeaky(p Profile) {
	v.byUser.WithLabelValues(p.User).Inc()
}

// FIX: countFixed labels by plan, a value from a fixed set of three; per
// user numbers belong in logs or the analytics events, not in metrics.
func (v *profileViews) countFixed(p Profile) {
	v.byPlan.WithLabelValues(p.Plan).Inc()
}

// RequestMetrics counts every request by route pattern and status class
// and times it: both labels are bounded, unlike a raw path would be.
func RequestMetrics(reg prometheus.Registerer) gin.HandlerFunc {
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "sessionsvc_http_requests_total",
		Help: "HTTP requests by route pattern and status code.",
	}, []string{"route", "code"})
	latency := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "sessionsvc_http_request_duration_seconds",
		Help:    "HTTP request latency by route pattern.",
		Buckets: []float64{.0005, .001, .005, .01, .05, .1, .5, 1},
	}, []string{"route"})
	reg.MustRegister(requests, latency)
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		requests.WithLabelValues(route, strconv.Itoa(c.Writer.Status())).Inc()
		latency.WithLabelValues(route).Observe(time.Since(start).Seconds())
	}
}
