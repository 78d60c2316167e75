package api

import (
	"hash/fnv"
	"net/http"
	"strings"
	"time"

	"example.com/sessionsvc/internal/auth"
	"github.com/gin-gonic/gin"
)

// SessionCookie carries the token for browsers; API clients may send it as
// "Authorization: Bearer <token>" instead.
const SessionCookie = "sid"

const userKey = "api.user"

type loginRequest struct {
	User     string `json:"user" binding:"required,max=32"`
	Password string `json:"password" binding:"required,max=128"`
}

type loginResponse struct {
	User      string    `json:"user"`
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

// login checks the password, then answers a token and sets it as a cookie.
func (h *Handlers) login(c *gin.Context) {
	var req loginRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		abortBind(c, err)
		return
	}
	if !h.directory.Authenticate(req.User, req.Password) {
		abort(c, http.StatusUnauthorized, "unknown user or wrong password")
		return
	}
	token, exp := h.tokens.Issue(req.User)
	c.SetSameSite(http.SameSiteLaxMode)
	c.SetCookie(SessionCookie, token, int(time.Until(exp).Seconds()), "/", "", false, true)
	c.JSON(http.StatusOK, loginResponse{User: req.User, Token: token, ExpiresAt: exp})
}

// requireSession lets the request on only with a valid token, and puts its
// user in the context.
func (h *Handlers) requireSession(c *gin.Context) {
	token, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if !ok {
		token, _ = c.Cookie(SessionCookie)
	}
	if token == "" {
		c.Header("WWW-Authenticate", `Bearer realm="sessionsvc"`)
		abort(c, http.StatusUnauthorized, "log in first: no session token")
		return
	}
	user, err := h.tokens.Verify(token)
	if err != nil {
		c.Header("WWW-Authenticate", `Bearer realm="sessionsvc", error="invalid_token"`)
		abort(c, http.StatusUnauthorized, err.Error())
		return
	}
	c.Set(userKey, user)
	c.Next()
}

// Profile is what GET /v1/profile/:user answers. The demo directory has no
// storage, so it is derived from the name.
type Profile struct {
	User        string `json:"user"`
	DisplayName string `json:"display_name"`
	Plan        string `json:"plan"`
	MemberSince string `json:"member_since"`
	// Points and Tier come from the loyalty service; -1 and "" when it
	// did not answer (the profile is served anyway).
	Points int    `json:"points"`
	Tier   string `json:"tier,omitempty"`
}

var plans = [...]string{"free", "pro", "team"}

func (h *Handlers) profile(c *gin.Context) {
	user := c.Param("user")
	if !auth.ValidUser(user) {
		abortField(c, http.StatusBadRequest, "user", "user: not a valid user name")
		return
	}
	if user != c.GetString(userKey) {
		abort(c, http.StatusForbidden, "a session may read its own profile only")
		return
	}
	sum := fnv.New32a()
	sum.Write([]byte(user))
	n := sum.Sum32()
	p := Profile{
		User:        user,
		DisplayName: strings.ToUpper(user[:1]) + user[1:],
		Plan:        plans[n%uint32(len(plans))],
		MemberSince: time.Date(2020+int(n%5), time.Month(1+n%12), 1, 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
	}
	p.Points, p.Tier = h.balance(c, user)
	h.views.count(p)
	c.JSON(http.StatusOK, p)
}

// balance is the user's loyalty balance, from the bounded cache or the
// loyalty service (over the keep-alive pool).
func (h *Handlers) balance(c *gin.Context, user string) (int, string) {
	if b, ok := h.loyalty.Get(user); ok {
		return b.Points, b.Tier
	}
	if h.backends.Loyalty == nil {
		return -1, ""
	}
	b, err := h.backends.Loyalty.Balance(c.Request.Context(), user)
	if err != nil {
		return -1, ""
	}
	h.loyalty.Put(user, b)
	return b.Points, b.Tier
}
