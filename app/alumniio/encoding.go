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

// textReader reads a text file as UTF-8 (BOM removed). Its encoding is
// decided by the first sniffSize bytes from the first non-ASCII byte on, so
// a file whose first lines are all ASCII (English headers, romaji) is judged
// by its first Japanese text. Rows are checked again as they are read (see
// validText), so a file that changes encoding later is refused too.
type textReader struct {
	br    *bufio.Reader // of size sniffSize
	dec   io.Reader     // the decoded text, once the encoding is known
	enc   string        // "" while only ASCII has been read
	lines int           // newlines passed on while undecided
}

// openText starts reading a text file; it fails at once for a file that is
// UTF-16 or binary or whose first non-ASCII text is neither UTF-8 nor
// Shift_JIS.
func openText(br *bufio.Reader) (*textReader, error) {
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	t := &textReader{br: br}
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		br.Discard(len(utf8BOM))
		t.enc, t.dec = EncodingUTF8BOM, br
		return t, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}),
		bytes.IndexByte(head, 0) >= 0: // UTF-16/32, or binary
		return nil, ErrUnknownEncoding
	}
	if err := t.decide(); err != nil {
		return nil, err
	}
	return t, nil
}

// decide judges the encoding from the buffered bytes when they hold
// non-ASCII text (or are the whole rest of the file).
func (t *textReader) decide() error {
	head, err := t.br.Peek(sniffSize)
	complete := err == io.EOF
	i := firstNonASCII(head)
	switch {
	case i < 0 && complete:
		t.enc, t.dec = EncodingUTF8, t.br
		return nil
	case i < 0:
		return nil // all ASCII so far: pass it on undecided
	}
	head = head[i:]
	if !complete {
		// Judge whole lines only, so a character cut at the end does not count.
		if j := bytes.LastIndexByte(head, '\n'); j > 0 {
			head = head[:j+1]
		}
	}
	if utf8.Valid(head) {
		t.enc, t.dec = EncodingUTF8, t.br
		return nil
	}
	decoded, _, err := transform.Bytes(japanese.ShiftJIS.NewDecoder(), head)
	if err != nil || bytes.ContainsRune(decoded, utf8.RuneError) {
		if t.lines > 0 {
			return ErrUnknownEncoding.Withf("%d行目", "line %d", t.lines+1)
		}
		return ErrUnknownEncoding
	}
	t.enc, t.dec = EncodingSJIS, transform.NewReader(t.br, japanese.ShiftJIS.NewDecoder())
	return nil
}

// Read implements io.Reader: ASCII passes as it is until the first
// non-ASCII byte decides the encoding.
func (t *textReader) Read(p []byte) (int, error) {
	if t.dec != nil {
		return t.dec.Read(p)
	}
	if _, err := t.br.Peek(1); err != nil {
		return 0, err
	}
	data, _ := t.br.Peek(min(t.br.Buffered(), len(p)))
	i := firstNonASCII(data)
	if i == 0 {
		if err := t.decide(); err != nil {
			return 0, err
		}
		if t.dec != nil {
			return t.dec.Read(p)
		}
	}
	if i > 0 {
		data = data[:i]
	}
	n := copy(p, data)
	t.lines += bytes.Count(data[:n], []byte{'\n'})
	t.br.Discard(n)
	return n, nil
}

// encoding names the encoding read so far (UTF-8 for plain ASCII).
func (t *textReader) encoding() string {
	if t.enc == "" {
		return EncodingUTF8
	}
	return t.enc
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

func firstNonASCII(b []byte) int {
	for i, c := range b {
		if c >= utf8.RuneSelf {
			return i
		}
	}
	return -1
}
