package alumniio

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

// Encodings named in Report.Encoding.
const (
	EncodingUTF8    = "utf-8"
	EncodingUTF8BOM = "utf-8-bom"
	EncodingSJIS    = "shift_jis"
)

// sniffSize is how much of a text file decides its encoding and delimiter.
const sniffSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// openText detects the encoding of a text file from its first bytes and
// returns a reader of its UTF-8 text (BOM removed). Rows are checked again as
// they are read (see validText), so a file that changes encoding past the
// sniffed part is refused too.
func openText(br *bufio.Reader) (io.Reader, string, error) {
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	complete := err == io.EOF
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		br.Discard(len(utf8BOM))
		return br, EncodingUTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}),
		bytes.IndexByte(head, 0) >= 0: // UTF-16/32, or binary
		return nil, "", ErrUnknownEncoding
	}
	if !complete {
		// Judge whole lines only, so a character cut at the end does not count.
		if i := bytes.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i+1]
		}
	}
	if utf8.Valid(head) {
		return br, EncodingUTF8, nil
	}
	decoded, _, err := transform.Bytes(japanese.ShiftJIS.NewDecoder(), head)
	if err != nil || bytes.ContainsRune(decoded, utf8.RuneError) {
		return nil, "", ErrUnknownEncoding
	}
	return transform.NewReader(br, japanese.ShiftJIS.NewDecoder()), EncodingSJIS, nil
}

// validText reports whether s, read from a file of the given encoding, was
// decoded without loss: UTF-8 input must be valid UTF-8, Shift_JIS input must
// not have produced replacement characters.
func validText(s, encoding string) bool {
	if encoding == EncodingSJIS {
		return !strings.Contains(s, "\uFFFD")
	}
	return utf8.ValidString(s)
}
