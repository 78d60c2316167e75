// Package debugserver serves the profiles on a listener of their own, bound to
// loopback, never on the API's: what the Go team's checklist asks for.
package debugserver

import (
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux

	"example.org/intake/internal/config"
	ginpprof "github.com/gin-contrib/pprof"
	"github.com/gin-gonic/gin"
)

// Handler is net/http/pprof's http.DefaultServeMux (every profile the runtime
// has, goroutineleak included from Go 1.27), or a Gin engine with
// gin-contrib/pprof's fixed list of routes.
func Handler(mux config.PprofMux) http.Handler {
	if mux == config.GinContrib {
		engine := gin.New()
		ginpprof.Register(engine)
		return engine
	}
	return http.DefaultServeMux
}
