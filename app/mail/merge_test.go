package mail

import (
	"strings"
	"testing"
)

func TestMergeSyntax(t *testing.T) {
	vars := `{"姓":"山田","名":"","氏名":"山田 太郎","会社":"株式会社きずな商事","部署":"","現在の勤務先":"ミライテック","メール":"t@example.jp"}`
	cases := []struct {
		name, subject, body string
		wantSubject         string
		wantBody            string // substring of the HTML
		errField            string
	}{
		{"plain field", "{{姓}} 様", "こんにちは", "山田 様", "こんにちは", ""},
		{"fallback unused", "{{姓|卒業生}} 様", "x", "山田 様", "", ""},
		{"fallback used", "{{名|皆さま}}へ", "{{部署|部署未登録}}", "皆さまへ", "部署未登録", ""},
		{"spaces inside", "{{ 会社 }}", "{{現在の勤務先}}", "株式会社きずな商事", "ミライテック", ""},
		{"fallback is escaped in html", "x", `{{部署|<b>"不明"</b>}}`, "x", "&lt;b&gt;&#34;不明&#34;&lt;/b&gt;", ""},
		{"many fields", "{{姓}}{{名}}{{氏名}}{{フリガナ}}{{会社}}{{部署}}{{現在の勤務先}}{{メール}}", "x", "山田山田 太郎株式会社きずな商事ミライテックt@example.jp", "", ""},
		{"unknown field in subject", "{{年齢}} 様", "x", "", "", "subject"},
		{"unknown field in body", "x", "本文\n{{役職}}", "", "", "body"},
		{"unclosed", "{{姓 様", "x", "", "", "subject"},
		{"stray closing", "x", "ok }} no", "", "", "body"},
		{"nested", "x", "{{姓{{名}}}}", "", "", "body"},
		{"go template syntax is not merge syntax", "{{.姓}}", "x", "", "", "subject"},
		{"empty", "{{}}", "x", "", "", "subject"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := CampaignInput{Name: "n", Subject: c.subject, BodyFormat: FormatMarkdown, Body: c.body}
			comp, err := compileInput(&in)
			if c.errField != "" {
				fe, ok := faultOf(err)
				if !ok || fe.Code != ErrInvalidTemplate.Code || fe.Fields[c.errField] == "" {
					t.Fatalf("got %v, want %s with fields.%s", err, ErrInvalidTemplate.Code, c.errField)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := parseCampaign(Campaign{Subject: comp.subject, HTML: comp.html})
			if err != nil {
				t.Fatal(err)
			}
			s, h, _, err := renderCampaign(tpl, vars)
			if err != nil {
				t.Fatal(err)
			}
			if s != c.wantSubject || !strings.Contains(h, c.wantBody) {
				t.Fatalf("subject %q html %q; want %q and %q", s, h, c.wantSubject, c.wantBody)
			}
		})
	}
}

func TestBodySanitised(t *testing.T) {
	cases := []struct {
		format, body string
		want         []string
		never        []string
	}{
		{FormatMarkdown, "# 見出し\n\n**太字** [リンク](https://example.jp)\n\n<script>alert(1)</script>",
			[]string{"<h1>見出し</h1>", "<strong>太字</strong>", `href="https://example.jp"`}, []string{"<script", "alert(1)"}},
		{FormatMarkdown, "[x](javascript:alert(1))", nil, []string{"javascript:"}},
		{FormatHTML, `<p onclick="steal()" style="color:red">本文</p><img src="https://example.jp/a.png" onerror="x()"><iframe src="https://evil"></iframe>`,
			[]string{"本文", `style="color:red"`, `src="https://example.jp/a.png"`}, []string{"onclick", "onerror", "<iframe", "steal"}},
		{FormatHTML, `<a href="https://example.jp/?n={{メール}}">登録</a>`, []string{`href="https://example.jp/?n=t%40example.jp"`}, nil},
	}
	for _, c := range cases {
		comp, err := compileInput(&CampaignInput{Name: "n", Subject: "s", BodyFormat: c.format, Body: c.body})
		if err != nil {
			t.Fatal(err)
		}
		tpl, _ := parseCampaign(Campaign{Subject: "s", HTML: comp.html})
		_, h, _, _ := renderCampaign(tpl, `{"メール":"t@example.jp"}`)
		for _, w := range c.want {
			if !strings.Contains(h, w) {
				t.Errorf("%s: %q lacks %q", c.body, h, w)
			}
		}
		for _, n := range c.never {
			if strings.Contains(h, n) {
				t.Errorf("%s: %q keeps %q", c.body, h, n)
			}
		}
	}
}
