package mail

import (
	"context"
	"strconv"
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

// BenchmarkOutbox measures the outbox bookkeeping per message: claiming
// rows (queued→sending, with the suppression and consent checks) and
// recording their outcomes, as the engine does, in its batch sizes.
func BenchmarkOutbox(b *testing.B) {
	ctx := context.Background()
	t := &testing.T{}
	e, _ := newEngine(t, Config{}, true)
	addrs := make([]string, 2000)
	for i := range addrs {
		addrs[i] = "bench" + strconv.Itoa(i) + "@example.jp"
	}
	addAlumni(t, e, addrs, nil)
	b.ReportAllocs()
	b.ResetTimer()
	done := 0
	for done < b.N {
		b.StopTimer()
		e.st.W.Exec(`DELETE FROM mail_outbox`)
		if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for done < b.N {
			rows, err := e.claim(ctx, claimBatch)
			if err != nil {
				b.Fatal(err)
			}
			if len(rows) == 0 {
				break
			}
			batch := make([]outcome, len(rows))
			for i, r := range rows {
				batch[i] = outcome{id: r.id, state: Sent, attempts: 1, reply: "250 2.0.0 Ok: queued as 4Yk2Qp1ZzHz9sWd"}
			}
			if err := e.record(ctx, batch); err != nil {
				b.Fatal(err)
			}
			done += len(rows)
		}
	}
}
