package alumniio

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestOpenText(t *testing.T) {
	cp932 := "氏名,備考\n髙橋 一郎,㈱キズナ①～\n"
	asciiHead := strings.Repeat("name,notes\nTaro Yamada,ok\n", 5000)
	tests := []struct {
		name    string
		in      string
		enc     string
		want    string
		wantErr error
	}{
		{"utf-8", cp932, EncodingUTF8, cp932, nil},
		{"utf-8 with BOM", "\xEF\xBB\xBF" + cp932, EncodingUTF8BOM, cp932, nil},
		{"ascii", "name\nTaro\n", EncodingUTF8, "name\nTaro\n", nil},
		{"shift_jis with CP932 extensions", sjis(t, cp932), EncodingSJIS, cp932, nil},
		{"utf-16 LE", "\xFF\xFEn\x00a\x00", "", "", ErrUnknownEncoding},
		{"utf-16 BE", "\xFE\xFF\x00n\x00a", "", "", ErrUnknownEncoding},
		{"utf-16 without BOM", "n\x00a\x00m\x00e\x00", "", "", ErrUnknownEncoding},
		{"invalid in both", "氏名\n\x82\xFF\xFF\x80\n", "", "", ErrUnknownEncoding},
		{"ascii, then shift_jis past the sniffed part", asciiHead + sjis(t, cp932), EncodingSJIS, asciiHead + cp932, nil},
		{"ascii, then utf-8 past the sniffed part", asciiHead + cp932, EncodingUTF8, asciiHead + cp932, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := openText(bufio.NewReaderSize(strings.NewReader(tt.in), sniffSize))
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if r.encoding() != tt.enc || string(got) != tt.want {
				t.Errorf("got %q as %s, want %q as %s", got, r.encoding(), tt.want, tt.enc)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		head, ext string
		want      rune
	}{
		{"a,b,c\n1\t2\t3\t4\t5", ".csv", ','},
		{"a\tb\tc\n", ".txt", '\t'},
		{"\"a,b\"\tc\n", ".csv", '\t'},
		{"a;b;c\n", ".csv", ';'},
		{"name\n", ".tsv", ','},
		{"name\tx,y\n", ".tsv", '\t'},
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.head), tt.ext); got != tt.want {
			t.Errorf("sniffDelimiter(%q, %s) = %q, want %q", tt.head, tt.ext, got, tt.want)
		}
	}
}
