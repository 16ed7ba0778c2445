package mail

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-message/mail"
)

// TestDeliveryThroughCatcher sends a campaign and a transactional message
// through the built-in catcher (a real SMTP server on loopback) and parses
// what arrived with go-message.
func TestDeliveryThroughCatcher(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{Concurrency: 1, UnsubscribeMailto: "unsubscribe@kizuna.example.jp"}, true)
	addAlumni(t, e, []string{"taro@example.jp", "hanako@example.jp", "jiro@example.jp"}, nil)
	enq, err := e.EnqueueCampaign(ctx, testCampaign, Audience{})
	if err != nil || enq.Queued != 3 {
		t.Fatalf("EnqueueCampaign = %+v, %v", enq, err)
	}
	_, err = e.Send(ctx, Outgoing{To: "new.member@example.jp", ToName: "新 会員", Subject: "ログイン用リンク", HTML: "<p>こちらからログインしてください</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	catcher := e.Catcher()
	if catcher == nil {
		t.Fatal("no relay configured but no catcher")
	}
	if err := e.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	counts, _ := e.Counts(ctx, 0)
	if counts[Sent] != 4 || len(counts) != 1 {
		t.Fatalf("counts = %v", counts)
	}
	list, err := catcher.List(ctx, 10, 0)
	if err != nil || len(list) != 4 {
		t.Fatalf("caught %d, %v", len(list), err)
	}
	for _, sum := range list {
		m, err := catcher.Get(ctx, sum.ID)
		if err != nil {
			t.Fatal(err)
		}
		promo := sum.RcptTo[0] != "new.member@example.jp"
		checkMessage(t, e, m, promo)
	}
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
}

func checkMessage(t *testing.T, e *Engine, m CaughtMessage, promo bool) {
	t.Helper()
	ctx := context.Background()
	r, err := mail.CreateReader(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := r.Header.Subject()
	if err != nil {
		t.Fatal(err)
	}
	from, err := r.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != testIdentity.Name || from[0].Address != testIdentity.FromAddress {
		t.Errorf("From = %v, %v", from, err)
	}
	to, _ := r.Header.AddressList("To")
	if len(to) != 1 || to[0].Address != m.RcptTo[0] {
		t.Errorf("To = %v, envelope %v", to, m.RcptTo)
	}
	if id, _ := r.Header.MessageID(); id != m.MessageID || id == "" {
		t.Errorf("Message-ID %q vs %q", id, m.MessageID)
	}
	if d, err := r.Header.Date(); err != nil || d.IsZero() {
		t.Errorf("Date: %v", err)
	}
	outboxID, _ := strconv.ParseInt(r.Header.Get(HeaderMessage), 10, 64)
	row := stateOf(t, e, outboxID)
	if row.MessageID != m.MessageID || row.State != Sent || !strings.HasPrefix(row.LastReply, "250") {
		t.Errorf("outbox row %+v does not match caught message %s", row, m.MessageID)
	}
	parts := map[string]string{}
	for _, p := range readParts(t, r) {
		if p.filename == "" {
			parts[p.ctype] = string(p.body)
		}
	}
	if len(parts) != 2 || parts["text/plain"] == "" || parts["text/html"] == "" {
		t.Fatalf("parts = %v", parts)
	}
	if !promo {
		if subject != "ログイン用リンク" || r.Header.Get("List-Unsubscribe") != "" {
			t.Errorf("transactional: subject %q, List-Unsubscribe %q", subject, r.Header.Get("List-Unsubscribe"))
		}
		return
	}
	if want := "山田様へ：秋のアルムナイ交流会（オンライン・オフライン同時開催）のご案内"; subject != want {
		t.Errorf("subject = %q, want %q", subject, want)
	}
	if !strings.Contains(parts["text/plain"], "山田 太郎") || !strings.Contains(parts["text/plain"], testIdentity.PostalAddress) {
		t.Errorf("text part lacks the merge field or the sender's address:\n%s", parts["text/plain"])
	}
	if r.Header.Get(HeaderCampaign) == "" {
		t.Error("no campaign header")
	}
	if got := r.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}
	lu := r.Header.Get("List-Unsubscribe")
	if !strings.Contains(lu, "<mailto:unsubscribe@kizuna.example.jp") {
		t.Errorf("List-Unsubscribe lacks mailto: %q", lu)
	}
	i := strings.Index(lu, "<https://")
	if i < 0 {
		t.Fatalf("List-Unsubscribe lacks https: %q", lu)
	}
	u, err := url.Parse(strings.TrimSuffix(lu[i+1:], ">"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.Signer().Verify(u.Query().Get("t"))
	if err != nil || got.Address != m.RcptTo[0] || got.AlumnusID != row.AlumnusID || got.CampaignID != row.CampaignID {
		t.Errorf("unsubscribe token names %+v, %v", got, err)
	}
	if !strings.Contains(parts["text/html"], u.String()) {
		t.Error("the HTML footer lacks the unsubscribe link")
	}
	// The link works: the address loses its opt-in.
	if _, err := e.Unsubscribe(ctx, u.Query().Get("t"), "one-click"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := e.HasConsent(ctx, m.RcptTo[0]); ok {
		t.Error("still opted in after unsubscribe")
	}
}

// part is one leaf of a parsed message: inline (filename "") or attachment.
type part struct {
	ctype, filename string
	body            []byte
}

// readParts reads every part of r with go-message, in order.
func readParts(t *testing.T, r *mail.Reader) []part {
	t.Helper()
	var out []part
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		var pt part
		pt.body, _ = io.ReadAll(p.Body)
		switch h := p.Header.(type) {
		case *mail.InlineHeader:
			pt.ctype, _, _ = h.ContentType()
		case *mail.AttachmentHeader:
			pt.ctype, _, _ = h.ContentType()
			pt.filename, _ = h.Filename()
		}
		out = append(out, pt)
	}
}

// Transactional mail goes ahead of a queued campaign: the outbox hands it to
// the renderers first. (Their arrival order may still differ by a message or
// two: the renderers work side by side.)
func TestClaimPutsTransactionalFirst(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{Concurrency: 1, UnsubscribeMailto: "unsubscribe@kizuna.example.jp"}, true)
	addAlumni(t, e, []string{"taro@example.jp", "hanako@example.jp", "jiro@example.jp"}, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	tx, err := e.Send(ctx, Outgoing{To: "new.member@example.jp", Subject: "ログイン用リンク", HTML: "<p>ログイン</p>"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := e.claim(ctx, 10)
	if err != nil || len(rows) != 4 {
		t.Fatalf("claimed %d rows, %v", len(rows), err)
	}
	if rows[0].id != tx.ID || rows[0].kind != Transactional {
		t.Errorf("first claimed = %d (%s), want the transactional message %d", rows[0].id, rows[0].kind, tx.ID)
	}
}
