// Package textnorm normalises Japanese text: Clean for storing what people
// typed or imported (half-width kana to full-width, full-width letters and
// digits to ASCII, CP932 symbols such as ㈱ and ① kept), and Fold for
// matching (kana of any width and script compare equal, case ignored).
package textnorm

import (
	"strings"
	"unicode"

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
	s = norm.NFC.String(width.Fold.String(s))
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports, cheaply, that Clean would return s unchanged: no
// full-width or half-width forms, no ideographic or repeated spaces, no
// spaces at the ends, no other white space, and already in NFC.
func isClean(s string) bool {
	prevSpace := true // a leading space is not clean
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
		}
		prevSpace = false
	}
	return (s == "" || !prevSpace) && norm.NFC.IsNormalString(s)
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
