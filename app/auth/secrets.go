package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrWeakPassword reports a password that is too short or too long.
var ErrWeakPassword = fault.New(fault.Invalid, "auth.weak_password", "パスワードは10文字以上72バイト以内にしてください", "a password needs at least 10 characters and at most 72 bytes")

// randomToken returns n random bytes, base64url-encoded, with a prefix.
func randomToken(prefix string, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is how session ids and API tokens are stored: only their SHA-256.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// GeneratePassword returns a random one-time password easy to type.
func GeneratePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = alphabet[int(c)%len(alphabet)]
	}
	return string(out)
}

func hashPassword(pw string) (string, error) {
	if utf8.RuneCountInString(pw) < 10 || len(pw) > 72 {
		return "", ErrWeakPassword
	}
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// dummyHash keeps the time of a login for an unknown email the same as for a known one.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("kizuna-no-such-user"), bcrypt.DefaultCost)

func checkPassword(hash, pw string) bool {
	if hash == "" {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(pw))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
}

// NewSecret returns a fresh random secret for a session cookie or a link
// (32 random bytes, base64url). Store only HashSecret of it.
func NewSecret() string { return randomToken("", 32) }

// HashSecret is how a secret is kept at rest: its SHA-256 in hex.
func HashSecret(secret string) string { return hashToken(secret) }
