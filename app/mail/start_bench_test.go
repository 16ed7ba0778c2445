package mail_test

import (
	"context"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/demo"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/segments"
	"github.com/kizuna-hr/kizuna/app/store"
)

// BenchmarkStartFirstMessage100k measures, for a segment of 100,000
// opted-in alumni, the time from Campaigns.Start (segment resolved, audience
// checked, queueing begun) to the first message accepted by the built-in
// catcher. Each iteration cancels the campaign after its first message.
func BenchmarkStartFirstMessage100k(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, b.TempDir(), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	repo := alumni.NewRepo(st)
	records := demo.Alumni(100_000, []int64{1}, 3)
	for _, a := range records {
		alumni.Normalize(a)
	}
	if _, err := repo.Upsert(ctx, records, nil); err != nil {
		b.Fatal(err)
	}
	eng, err := mail.New(ctx, st, mail.Config{BaseURL: "https://alumni.example.jp"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	consents := make([]mail.Consent, len(records))
	for i, a := range records {
		consents[i] = mail.Consent{Address: a.Email, AlumnusID: a.ID, GrantedAt: time.Now(), Method: "bench", TextAgreed: "同意します"}
	}
	if err := eng.RecordConsents(ctx, consents); err != nil {
		b.Fatal(err)
	}
	eng.SetIdentity(ctx, demo.Identity)
	segs := segments.New(st, alumni.NewDirectory(repo, func(context.Context) (map[int64]string, error) { return map[int64]string{1: "本社"}, nil }))
	seg, err := segs.Create(ctx, segments.Segment{Name: "全員"}, "")
	if err != nil {
		b.Fatal(err)
	}
	camps := mail.NewCampaigns(eng, segs)
	if _, err := segs.Resolve(ctx, seg.ID); err != nil { // the directory loads once, as in the running app
		b.Fatal(err)
	}
	var total time.Duration
	for b.Loop() {
		c, err := camps.Create(ctx, mail.CampaignInput{Name: "bench", Subject: "{{姓|卒業生}} 様", Body: "# {{氏名}} 様\n\nご案内です。", SegmentID: &seg.ID}, "")
		if err != nil {
			b.Fatal(err)
		}
		if err := eng.Start(ctx); err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := camps.Start(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
		for eng.FirstSentAfter() == 0 {
			time.Sleep(time.Millisecond)
		}
		total += time.Since(t0)
		camps.Cancel(ctx, c.ID)
		camps.Wait()
		eng.Stop(ctx)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-first-message")
}
