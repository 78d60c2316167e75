package auth

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestIssuedTokensVerify(t *testing.T) {
	i := NewIssuer("secret", time.Hour)
	token, exp := i.Issue("alice")
	if time.Until(exp) < 59*time.Minute {
		t.Fatalf("token expires at %v, want about an hour from now", exp)
	}
	user, err := i.Verify(token)
	if err != nil || user != "alice" {
		t.Fatalf("Verify = %q, %v", user, err)
	}
}

func TestTamperedExpiredAndForeignTokensAreRefused(t *testing.T) {
	i := NewIssuer("secret", time.Hour)
	token, _ := i.Issue("alice")
	expired := NewIssuer("secret", time.Hour)
	expired.now = func() time.Time { return time.Now().Add(-2 * time.Hour) }
	old, _ := expired.Issue("alice")
	for name, tok := range map[string]string{
		"other user":  strings.Replace(token, "alice", "mallory", 1),
		"no mac":      token[:strings.LastIndex(token, ".")],
		"empty":       "",
		"other key":   func() string { s, _ := NewIssuer("other", time.Hour).Issue("alice"); return s }(),
		"expired":     old,
		"garbage exp": "alice.soon." + i.mac("alice.soon"),
	} {
		if _, err := i.Verify(tok); !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("%s: Verify(%q) = %v, want ErrInvalidToken", name, tok, err)
		}
	}
}

func TestDemoDirectory(t *testing.T) {
	d := NewDemoDirectory("pw")
	for _, tc := range []struct {
		user, password string
		ok             bool
	}{
		{"alice", "pw", true},
		{"u-12345", "pw", true},
		{"alice", "PW", false},
		{"Alice", "pw", false},
		{"a.b", "pw", false},
		{"", "pw", false},
	} {
		if got := d.Authenticate(tc.user, tc.password); got != tc.ok {
			t.Fatalf("Authenticate(%q, %q) = %v", tc.user, tc.password, got)
		}
	}
}
