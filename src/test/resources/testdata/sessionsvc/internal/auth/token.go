// Package auth issues and checks the stateless session tokens of sessionsvc:
// an HMAC over the user name and expiry, so a login stores nothing server
// side and a million logins cost no memory.
package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidToken is every reason a token is refused; callers answer 401.
var ErrInvalidToken = errors.New("invalid or expired session token")

// userPattern is what a user name may look like; it never holds a dot, the
// token's separator.
var userPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// ValidUser reports whether name can log in at all.
func ValidUser(name string) bool { return userPattern.MatchString(name) }

// Issuer signs and verifies tokens "<user>.<expiry unix>.<mac>".
type Issuer struct {
	key []byte
	ttl time.Duration
	now func() time.Time
}

// NewIssuer uses secret as the HMAC key, or a random key when it is empty
// (tokens then die with the process, which suits a test service).
func NewIssuer(secret string, ttl time.Duration) *Issuer {
	key := []byte(secret)
	if len(key) == 0 {
		key = make([]byte, 32)
		_, _ = rand.Read(key)
	}
	return &Issuer{key: key, ttl: ttl, now: time.Now}
}

// Issue returns a token for user and when it expires.
func (i *Issuer) Issue(user string) (string, time.Time) {
	exp := i.now().Add(i.ttl).Truncate(time.Second)
	payload := user + "." + strconv.FormatInt(exp.Unix(), 10)
	return payload + "." + i.mac(payload), exp
}

// Verify returns the token's user, or ErrInvalidToken.
func (i *Issuer) Verify(token string) (string, error) {
	user, rest, ok := strings.Cut(token, ".")
	if !ok || !ValidUser(user) {
		return "", ErrInvalidToken
	}
	expText, mac, ok := strings.Cut(rest, ".")
	if !ok {
		return "", ErrInvalidToken
	}
	if !hmac.Equal([]byte(mac), []byte(i.mac(user+"."+expText))) {
		return "", ErrInvalidToken
	}
	exp, err := strconv.ParseInt(expText, 10, 64)
	if err != nil || i.now().Unix() >= exp {
		return "", ErrInvalidToken
	}
	return user, nil
}

func (i *Issuer) mac(payload string) string {
	h := hmac.New(sha256.New, i.key)
	h.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// Directory checks passwords. The demo directory knows every valid user
// name and one shared password: enough for load tests, and it keeps no
// per-user state.
type Directory struct {
	password []byte
}

// NewDemoDirectory accepts any valid user name with password.
func NewDemoDirectory(password string) *Directory {
	return &Directory{password: []byte(password)}
}

// Authenticate reports whether user may log in with password.
func (d *Directory) Authenticate(user, password string) bool {
	return ValidUser(user) && subtle.ConstantTimeCompare([]byte(password), d.password) == 1
}
