package mail

import (
	"bytes"
	"mime"
	"strings"
	"testing"
	"time"
)

func TestEncodeWords(t *testing.T) {
	dec := new(mime.WordDecoder)
	tests := []struct{ name, in string }{
		{"ascii stays", "Autumn alumni meetup"},
		{"short japanese", "ご案内"},
		{"long japanese", "【重要】アルムナイ交流会（オンライン・オフライン同時開催）のご案内と参加登録のお願い、および新しい副業・業務委託の募集について"},
		{"mixed", "Kizuna通信 2026年11月号 — カムバック採用インタビュー"},
		{"emoji", "🎉 再会のご案内 🎉"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			enc := encodeWords(tc.in)
			for _, w := range strings.Fields(enc) {
				if strings.HasPrefix(w, "=?") && len(w) > 75 {
					t.Errorf("encoded word of %d characters: %s", len(w), w)
				}
			}
			got, err := dec.DecodeHeader(enc)
			if err != nil || got != tc.in {
				t.Errorf("decoded %q, %v; want %q", got, err, tc.in)
			}
		})
	}
}

func TestComposeFoldsHeaders(t *testing.T) {
	var buf bytes.Buffer
	err := compose(&buf, envelope{FromName: testIdentity.Name, FromAddr: testIdentity.FromAddress, ToName: "山田 太郎",
		ToAddr: "taro@example.jp", Subject: strings.Repeat("アルムナイ交流会のご案内。", 8), HTML: "<p>本文</p>",
		MessageID: "abc@kizuna.local", Date: time.Now(), OutboxID: 1, CampaignID: 2, UnsubscribeURL: "https://x/unsubscribe?t=1"})
	if err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(buf.String(), "\r\n\r\n")
	for _, line := range strings.Split(head, "\r\n") {
		if len(line) > 78 {
			t.Errorf("header line of %d characters: %s", len(line), line)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, html, want string }{
		{"paragraphs", "<p>一行目</p><p>二行目</p>", "一行目\n二行目\n"},
		{"link keeps target", `<p>詳細は<a href="https://x.jp/e/1">こちら</a></p>`, "詳細はこちら ( https://x.jp/e/1 )\n"},
		{"br and entities", "A &amp; B<br>C&lt;D", "A & B\nC<D\n"},
		{"list", "<ul><li>一</li><li>二</li></ul>", "・一\n・二\n"},
		{"style dropped", "<style>p{color:red}</style><p>本文</p>", "本文\n"},
		{"inline spacing", "Hello <b>world</b>!", "Hello world!\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := HTMLToText(tc.html); got != tc.want {
				t.Errorf("HTMLToText(%q) = %q, want %q", tc.html, got, tc.want)
			}
		})
	}
}

func TestFooterTextMatchesHTML(t *testing.T) {
	url := "https://alumni.example.jp/unsubscribe?t=abc.def"
	if got, want := footerText(testIdentity, url), HTMLToText(footerHTML(testIdentity, url)); got != want {
		t.Errorf("footerText = %q\nHTMLToText(footerHTML) = %q", got, want)
	}
}
