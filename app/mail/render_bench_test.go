package mail

import (
	"context"
	"testing"
)

// BenchmarkRender measures rendering one personalised promotional message
// (templates, footer, signed link, MIME with text part and base64).
func BenchmarkRender(b *testing.B) {
	ctx := context.Background()
	t := &testing.T{}
	e, _ := newEngine(t, Config{}, true)
	c := testCampaign
	res, _ := e.st.W.Exec(`INSERT INTO mail_campaigns(name, subject, html) VALUES (?, ?, ?)`, c.Name, c.Subject, c.HTML)
	cid, _ := res.LastInsertId()
	r := row{id: 1, campaignID: cid, alumnusID: 1, kind: Promotional, address: "taro@example.jp", name: "山田 太郎",
		messageID: "x@kizuna.local", vars: `{"氏名":"山田 太郎","姓":"山田","名":"太郎"}`}
	b.ReportAllocs()
	for b.Loop() {
		j := &job{row: r}
		if err := e.render(ctx, j); err != nil {
			b.Fatal(err)
		}
		e.release(j)
	}
}
