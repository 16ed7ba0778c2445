package alumni

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEncodeList(t *testing.T) {
	cases := [][]string{
		nil,
		{},
		{"Go"},
		{"Go", "SQL", "法人営業", "①面談済み〜再連絡予定", "―"},
		{`say "hi"`},
		{`back\slash`},
		{"tab\there", "new\nline", "\x01"},
		{"<b>", "R&D", "a>b"},
		{"line\u2028sep", "para\u2029sep", "\u2027ok"},
		{"bad \xff utf-8"},
		{"plain", "needs \"escaping\""},
	}
	for _, c := range cases {
		want := "[]"
		if len(c) > 0 {
			b, _ := json.Marshal(c)
			want = string(b)
		}
		got := encodeList(c)
		if got != want {
			t.Errorf("encodeList(%q) = %s, want %s", c, got, want)
		}
		if back := decodeList(got); len(c) > 0 && utf8.ValidString(strings.Join(c, "")) && !slices.Equal(back, c) {
			t.Errorf("decodeList(%s) = %q", got, back)
		}
	}
}
