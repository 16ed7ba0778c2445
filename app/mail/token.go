package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// Unsubscribe is what a signed unsubscribe token names.
type Unsubscribe struct {
	Address    string
	AlumnusID  int64 // 0 when unknown
	CampaignID int64 // 0 for mail outside a campaign
}

// Signer signs and verifies per-recipient unsubscribe tokens (HMAC-SHA256).
type Signer struct{ key []byte }

// NewSigner returns a Signer over key (at least 16 bytes).
func NewSigner(key []byte) *Signer { return &Signer{key: append([]byte(nil), key...)} }

var b64 = base64.RawURLEncoding

// Token returns the URL-safe signed token for u.
func (s *Signer) Token(u Unsubscribe) string {
	payload := "1|" + strconv.FormatInt(u.AlumnusID, 36) + "|" + strconv.FormatInt(u.CampaignID, 36) + "|" + u.Address
	p := b64.EncodeToString([]byte(payload))
	return p + "." + b64.EncodeToString(s.mac(p))
}

func (s *Signer) mac(p string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(p))
	return m.Sum(nil)[:18]
}

// Verify checks token's signature and returns what it names; a tampered,
// truncated or foreign token gives ErrInvalidToken.
func (s *Signer) Verify(token string) (Unsubscribe, error) {
	p, sig, ok := strings.Cut(token, ".")
	if !ok {
		return Unsubscribe{}, ErrInvalidToken
	}
	got, err := b64.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(p)) {
		return Unsubscribe{}, ErrInvalidToken
	}
	raw, err := b64.DecodeString(p)
	if err != nil {
		return Unsubscribe{}, ErrInvalidToken
	}
	f := strings.SplitN(string(raw), "|", 4)
	if len(f) != 4 || f[0] != "1" {
		return Unsubscribe{}, ErrInvalidToken
	}
	alumnus, err1 := strconv.ParseInt(f[1], 36, 64)
	campaign, err2 := strconv.ParseInt(f[2], 36, 64)
	if err1 != nil || err2 != nil || f[3] == "" {
		return Unsubscribe{}, ErrInvalidToken
	}
	return Unsubscribe{Address: f[3], AlumnusID: alumnus, CampaignID: campaign}, nil
}

// ClickToken returns the signed token of tracked link idx of campaign
// campaignID in outbox message outboxID (0 in previews).
func (s *Signer) ClickToken(outboxID int64, idx int, campaignID int64) string {
	p := b64.EncodeToString([]byte("c|" + strconv.FormatInt(outboxID, 36) + "|" + strconv.Itoa(idx) + "|" + strconv.FormatInt(campaignID, 36)))
	return p + "." + b64.EncodeToString(s.mac(p))
}

// VerifyClick checks a click token and returns what it names.
func (s *Signer) VerifyClick(token string) (outboxID int64, idx int, campaignID int64, err error) {
	p, sig, ok := strings.Cut(token, ".")
	got, err := b64.DecodeString(sig)
	if !ok || err != nil || !hmac.Equal(got, s.mac(p)) {
		return 0, 0, 0, ErrInvalidToken
	}
	raw, _ := b64.DecodeString(p)
	f := strings.Split(string(raw), "|")
	if len(f) != 4 || f[0] != "c" {
		return 0, 0, 0, ErrInvalidToken
	}
	outboxID, err1 := strconv.ParseInt(f[1], 36, 64)
	idx, err2 := strconv.Atoi(f[2])
	campaignID, err3 := strconv.ParseInt(f[3], 36, 64)
	if err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, 0, ErrInvalidToken
	}
	return outboxID, idx, campaignID, nil
}
