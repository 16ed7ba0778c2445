package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Clean normalises text for storage: half-width katakana become full-width
// (voiced marks composed), full-width ASCII letters, digits and spaces become
// ASCII, runs of spaces are collapsed and the ends trimmed. Other characters,
// including CP932 extensions (髙, ㈱, ①), are kept as they are.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	if c, ok := cleanKana(s); ok {
		return c
	}
	return cleanSlow(s)
}

// cleanSlow is Clean by definition.
func cleanSlow(s string) string {
	s = norm.NFC.String(width.Fold.String(s))
	return strings.Join(strings.Fields(s), " ")
}

// Combining voiced sound marks (dakuten, handakuten).
const (
	voicedMark     = '\u3099'
	semiVoicedMark = '\u309A'
)

// halfKana maps U+FF61..U+FF9F (half-width katakana and punctuation) as
// width.Fold does: to full-width forms, the voiced marks to combining ones.
var halfKana = func() (m [0xFF9F - 0xFF61 + 1]rune) {
	for i := range m {
		r := rune(0xFF61 + i)
		f := []rune(width.Fold.String(string(r)))
		if len(f) != 1 {
			panic("textnorm: half-width " + string(r) + " folds to several characters")
		}
		m[i] = f[0]
	}
	return m
}()

// voiced maps kana and a combining voiced mark to the kana NFC composes
// them into (カ+゙ → ガ).
var voiced = func() map[[2]rune]rune {
	m := map[[2]rune]rune{}
	for r := rune(0x3041); r <= 0x30FF; r++ {
		for _, mark := range []rune{voicedMark, semiVoicedMark} {
			if c := []rune(norm.NFC.String(string([]rune{r, mark}))); len(c) == 1 {
				m[[2]rune{r, mark}] = c[0]
			}
		}
	}
	return m
}()

// cleanKana is Clean, in one pass, for the text Japanese HR files hold:
// NFC-stable characters (see nfcStable), full-width ASCII, half-width kana
// and white space. ok is false for any other text, and for a voiced mark
// that does not compose with the kana before it.
func cleanKana(s string) (clean string, ok bool) {
	b := make([]byte, 0, len(s)) // every replacement is as short or shorter
	space := false               // white space seen since the last character
	last := -1                   // where the last character starts in b
	for _, r := range s {
		switch {
		case r < 0x80:
			if r == ' ' || r >= '\t' && r <= '\r' {
				space = true
				continue
			}
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
			r -= 0xFF01 - '!'
		case r >= 0xFF61 && r <= 0xFF9F:
			r = halfKana[r-0xFF61]
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if r == voicedMark || r == semiVoicedMark {
			if space || last < 0 {
				return "", false
			}
			prev, _ := utf8.DecodeRune(b[last:])
			c, found := voiced[[2]rune{prev, r}]
			if !found {
				return "", false
			}
			b = utf8.AppendRune(b[:last], c)
			continue
		}
		if r >= 0x80 && !nfcStable(r) {
			return "", false
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		last = len(b)
		b = utf8.AppendRune(b, r)
	}
	return string(b), true
}

// isClean reports, cheaply, that Clean would return s unchanged: no
// full-width or half-width forms, no ideographic or repeated spaces, no
// spaces at the ends, no other white space, and already in NFC. Text made
// only of NFC-stable characters (see nfcStable) is in NFC whatever their
// order, so only text with another character is checked with the norm
// package.
func isClean(s string) bool {
	prevSpace := true // a leading space is not clean
	stable := true
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r < ' ' || r == 0x7f || r == 0x3000 || (r >= 0xff00 && r <= 0xffef):
			return false
		case r >= 0x80 && unicode.IsSpace(r):
			return false
		case stable && r >= 0x80:
			stable = nfcStable(r)
		}
		prevSpace = false
	}
	return (s == "" || !prevSpace) && (stable || norm.NFC.IsNormalString(s))
}

// nfcStable reports whether r is in a block of characters that are each in
// NFC and never combine with the character before them (canonical
// combining class 0, NFC quick check Yes): kana, CJK ideographs and the
// symbols Japanese text uses. TestNFCStable checks every one of them.
func nfcStable(r rune) bool {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs
		return true
	case r >= 0x3041 && r <= 0x3096, r >= 0x309B && r <= 0x30FF: // kana, without the combining voiced marks
		return true
	case r >= 0x3001 && r <= 0x3029, r >= 0x3030 && r <= 0x303F: // CJK symbols and punctuation, without combining tone marks
		return true
	case r >= 0x3200 && r <= 0x33FF: // enclosed CJK (㈱), CJK compatibility (㌔)
		return true
	case r >= 0x2460 && r <= 0x24FF: // enclosed alphanumerics (①)
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205E: // general punctuation (―, …, ※)
		return true
	case r >= 0x2190 && r <= 0x21FF, r >= 0x2500 && r <= 0x26FF: // arrows, box drawing, shapes (○△□), symbols (★)
		return true
	case r >= 0x00A1 && r <= 0x00FF: // Latin-1 (×, é)
		return true
	}
	return false
}

// Fold maps text to its matching form: Unicode compatibility forms folded
// (NFKC), katakana turned into hiragana, letters lower-cased, spaces removed.
// Two strings a person would call "the same name" fold to the same string.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'ァ' && r <= 'ヶ':
			r -= 'ァ' - 'ぁ'
		case r == 'ヽ' || r == 'ヾ':
			r -= 'ヽ' - 'ゝ'
		case unicode.IsSpace(r):
			continue
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ToHiragana turns katakana into hiragana, leaving everything else as is.
func ToHiragana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ァ' && r <= 'ヶ' {
			return r - ('ァ' - 'ぁ')
		}
		return r
	}, s)
}

// ToKatakana turns hiragana into katakana, leaving everything else as is.
func ToKatakana(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'ぁ' && r <= 'ゖ' {
			return r + ('ァ' - 'ぁ')
		}
		return r
	}, s)
}
