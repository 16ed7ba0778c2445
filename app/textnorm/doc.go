// Package textnorm normalises Japanese text: Clean for storing what people
// typed or imported (half-width kana to full-width, full-width letters and
// digits to ASCII, CP932 symbols such as ㈱ and ① kept), and Fold for
// matching (kana of any width and script compare equal, case ignored).
package textnorm
