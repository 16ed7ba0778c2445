package mail

import (
	"errors"
	"strings"
	"testing"
)

func TestUnsubscribeToken(t *testing.T) {
	s := NewSigner([]byte("0123456789abcdef0123456789abcdef"))
	u := Unsubscribe{Address: "taro@example.jp", AlumnusID: 42, CampaignID: 7}
	good := s.Token(u)
	p, sig, _ := strings.Cut(good, ".")
	flip := func(x string) string {
		b := []byte(x)
		if b[3] == 'A' {
			b[3] = 'B'
		} else {
			b[3] = 'A'
		}
		return string(b)
	}
	other := NewSigner([]byte("another-secret-another-secret-!!")).Token(u)
	forged := b64.EncodeToString([]byte("1|16|7|hanako@example.jp")) + "." + sig
	tests := []struct {
		name  string
		token string
		ok    bool
	}{
		{"valid", good, true},
		{"tampered payload", flip(p) + "." + sig, false},
		{"tampered signature", p + "." + flip(sig), false},
		{"other address, same signature", forged, false},
		{"truncated", good[:len(good)-4], false},
		{"no signature", p, false},
		{"other secret", other, false},
		{"empty", "", false},
		{"garbage", "not-a-token.at-all", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.Verify(tc.token)
			if tc.ok {
				if err != nil || got != u {
					t.Fatalf("Verify = %+v, %v; want %+v", got, err, u)
				}
				return
			}
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("Verify(%q) err = %v, want ErrInvalidToken", tc.token, err)
			}
		})
	}
	if strings.ContainsAny(good, "+/=?&") {
		t.Errorf("token %q is not URL-safe", good)
	}
}
