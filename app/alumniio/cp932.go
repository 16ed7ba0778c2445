package alumniio

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
)

// cp932Lookalikes maps characters that Shift_JIS (as Windows reads it) lacks
// to the CP932 character Japanese users see as the same: text typed on a Mac
// or in Unicode-first software uses the former.
var cp932Lookalikes = strings.NewReplacer(
	"\u301C", "\uFF5E", // 〜 WAVE DASH → ～
	"\u2212", "\uFF0D", // − MINUS SIGN → －
	"\u2016", "\u2225", // ‖ → ∥
	"\u00A2", "\uFFE0", // ¢ → ￠
	"\u00A3", "\uFFE1", // £ → ￡
	"\u00AC", "\uFFE2", // ¬ → ￢
	"\u2014", "\u2015", // — EM DASH → ―
)

// cp932Filter makes text encodable in Shift_JIS: lookalikes are swapped and
// any other character the encoding lacks becomes '?'.
type cp932Filter struct {
	enc *encoding.Encoder
	ok  map[rune]bool
}

func newCP932Filter() *cp932Filter {
	return &cp932Filter{enc: japanese.ShiftJIS.NewEncoder(), ok: map[rune]bool{}}
}

// filter returns s ready for Shift_JIS and how many characters became '?'.
func (f *cp932Filter) filter(s string) (string, int) {
	if isASCII(s) {
		return s, 0
	}
	s = cp932Lookalikes.Replace(s)
	replaced := 0
	var b strings.Builder
	for i, r := range s {
		ok, seen := f.ok[r]
		if !seen {
			_, err := f.enc.String(string(r))
			ok = err == nil && r != utf8.RuneError
			f.ok[r] = ok
		}
		if !ok {
			if replaced == 0 {
				b.WriteString(s[:i])
			}
			replaced++
			b.WriteByte('?')
		} else if replaced > 0 {
			b.WriteRune(r)
		}
	}
	if replaced == 0 {
		return s, 0
	}
	return b.String(), replaced
}
