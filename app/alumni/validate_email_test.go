package alumni

import "testing"

func TestValidEmail(t *testing.T) {
	cases := map[string]bool{
		"taro@example.jp":               true,
		"taro.yamada+hr@ex-ample.co.jp": true,
		"o'brien@example.com":           true,
		"山田@example.jp":                 true, // an internationalised address (RFC 6532)
		"taro@":                         false,
		"@example.jp":                   false,
		"taro@example":                  false,
		"taro@@example.jp":              false,
		"taro..x@example.jp":            false,
		".taro@example.jp":              false,
		"taro @example.jp":              false,
		"Taro <taro@example.jp>":        false,
	}
	for in, want := range cases {
		if got := ValidEmail(in); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", in, got, want)
		}
	}
	// The fast path never accepts what the full parser would refuse.
	for in := range cases {
		if plainAddress(in) && !ValidEmail(in) {
			t.Errorf("fast path accepts %q", in)
		}
	}
}
