package mail

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/emersion/go-message/mail"
)

// TestSendPromotionalFollowsConsentRules: a single promotional message goes
// only to an opted-in address, and arrives with the sender identity, the
// unsubscribe link and the List-Unsubscribe headers.
func TestSendPromotionalFollowsConsentRules(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{Concurrency: 1, UnsubscribeMailto: "unsubscribe@kizuna.example.jp"}, true)
	ids := addAlumni(t, e, []string{"taro@example.jp", "hanako@example.jp"}, func(i int) bool { return i == 0 })
	survey := Outgoing{AlumnusID: ids[0], To: "taro@example.jp", Subject: "【アンケートのお願い】年次調査", HTML: `<p><a href="https://alumni.example.jp/s/1">回答する</a></p>`}
	if _, err := e.SendPromotional(ctx, survey); err != nil {
		t.Fatal(err)
	}
	other := survey
	other.AlumnusID, other.To = ids[1], "hanako@example.jp"
	if _, err := e.SendPromotional(ctx, other); !errors.Is(err, ErrNoConsent) {
		t.Errorf("without consent: %v, want ErrNoConsent", err)
	}
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx)
	if err := e.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := e.Catcher().List(ctx, 10, 0)
	if err != nil || len(list) != 1 || list[0].RcptTo[0] != "taro@example.jp" {
		t.Fatalf("caught %+v, %v: want only taro", list, err)
	}
	m, _ := e.Catcher().Get(ctx, list[0].ID)
	r, err := mail.CreateReader(bytes.NewReader(m.Raw))
	if err != nil {
		t.Fatal(err)
	}
	if lu := r.Header.Get("List-Unsubscribe"); !strings.Contains(lu, "/unsubscribe?t=") || r.Header.Get("List-Unsubscribe-Post") == "" {
		t.Errorf("List-Unsubscribe = %q", lu)
	}
	var body string
	for _, p := range readParts(t, r) {
		body += string(p.body)
	}
	for _, want := range []string{"回答する", testIdentity.PostalAddress, "/unsubscribe?t="} {
		if !strings.Contains(body, want) {
			t.Errorf("message lacks %q", want)
		}
	}
}

func TestSendPromotionalNeedsSenderIdentity(t *testing.T) {
	e, _ := newEngine(t, Config{}, false)
	ids := addAlumni(t, e, []string{"taro@example.jp"}, nil)
	_, err := e.SendPromotional(context.Background(), Outgoing{AlumnusID: ids[0], To: "taro@example.jp", Subject: "x", HTML: "<p>x</p>"})
	if !errors.Is(err, ErrNoSenderIdentity) {
		t.Errorf("err = %v, want ErrNoSenderIdentity", err)
	}
}
