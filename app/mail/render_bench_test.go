package mail

import (
	"context"
	"testing"
)

// BenchmarkRender measures rendering one personalised promotional message
// (templates, footer, signed link, MIME with text part and base64).
func BenchmarkRender(b *testing.B) {
	t := &testing.T{}
	e, _ := newEngine(t, Config{}, true)
	c := testCampaign
	res, _ := e.st.W.Exec(`INSERT INTO mail_campaigns(name, subject, html) VALUES (?, ?, ?)`, c.Name, c.Subject, c.HTML)
	cid, _ := res.LastInsertId()
	r := row{id: 1, campaignID: cid, alumnusID: 1, kind: Promotional, address: "taro@example.jp", name: "山田 太郎",
		messageID: "x@kizuna.local", vars: `{"氏名":"山田 太郎","姓":"山田","名":"太郎"}`}
	benchRender(b, e, r)
}

// BenchmarkRenderMerge is BenchmarkRender for a campaign written in the
// console's merge syntax (Markdown, fallbacks), as Campaigns stores it.
func BenchmarkRenderMerge(b *testing.B) {
	ctx := context.Background()
	t := &testing.T{}
	e, _ := newEngine(t, Config{}, true)
	in := CampaignInput{Name: "n", Subject: "{{姓|卒業生}}様：秋のアルムナイ交流会のご案内", BodyFormat: FormatMarkdown,
		Body: "# {{氏名}} 様\n\nいつもありがとうございます。{{会社|当社}}の交流会を開催します。\n\n[詳細はこちら](https://alumni.example.jp/events/1)"}
	ci, err := NewCampaigns(e, audienceOf(nil)).Create(ctx, in, "")
	if err != nil {
		b.Fatal(err)
	}
	r := row{id: 1, campaignID: ci.ID, alumnusID: 1, kind: Promotional, address: "taro@example.jp", name: "山田 太郎",
		messageID: "x@kizuna.local", vars: `{"氏名":"山田 太郎","姓":"山田","名":"太郎","会社":""}`}
	benchRender(b, e, r)
}

func benchRender(b *testing.B, e *Engine, r row) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		j := &job{row: r}
		if err := e.render(ctx, j); err != nil {
			b.Fatal(err)
		}
		e.release(j)
	}
}
