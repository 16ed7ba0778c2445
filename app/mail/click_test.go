package mail

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	gomail "github.com/emersion/go-message/mail"
)

// htmlPart returns the HTML part of a caught message.
func htmlPart(t *testing.T, raw []byte) string {
	t.Helper()
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			t.Fatal("no HTML part")
		}
		if err != nil {
			t.Fatal(err)
		}
		if ct, _, _ := p.Header.(*gomail.InlineHeader).ContentType(); ct == "text/html" {
			b, _ := io.ReadAll(p.Body)
			return string(b)
		}
	}
}

func TestClickTracking(t *testing.T) {
	ctx := context.Background()
	for _, on := range []bool{false, true} {
		e, c, _, ci := campaignWorld(t, Config{})
		in := ci.CampaignInput
		in.ClickTracking = on
		in.Body = "[詳細](https://alumni.example.jp/events/1?a=1&b=2) と [あなた専用](https://alumni.example.jp/me?m={{メール}})"
		if _, err := c.Update(ctx, ci.ID, in); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Start(ctx, ci.ID); err != nil {
			t.Fatal(err)
		}
		c.Wait()
		run(t, e)
		if err := e.Start(ctx); err != nil { // the catcher again, to read what it kept
			t.Fatal(err)
		}
		caught, _ := e.Catcher().List(ctx, 10, 0)
		full, _ := e.Catcher().Get(ctx, caught[0].ID)
		e.Stop(ctx)
		html := htmlPart(t, full.Raw)
		links := regexp.MustCompile(`/click\?t=([A-Za-z0-9_.-]+)`).FindAllStringSubmatch(html, -1)
		if !on {
			if len(links) != 0 || strings.Contains(html, clickDisclosure) || !strings.Contains(html, "https://alumni.example.jp/events/1?a=1&amp;b=2") {
				t.Fatalf("tracking off: %s", html)
			}
			continue
		}
		if len(links) != 1 || !strings.Contains(html, clickDisclosure) || !strings.Contains(html, "https://alumni.example.jp/me?m=") {
			t.Fatalf("tracking on: %s", html)
		}
		u, err := e.Click(ctx, links[0][1])
		if err != nil || u != "https://alumni.example.jp/events/1?a=1&b=2" {
			t.Fatalf("click: %q %v", u, err)
		}
		if got, _ := c.Get(ctx, ci.ID); got.Counts.Clicked != 1 {
			t.Fatalf("clicked = %d", got.Counts.Clicked)
		}
		if _, err := e.Click(ctx, links[0][1]+"x"); !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("forged click token: %v", err)
		}
		if _, err := e.Unsubscribe(ctx, links[0][1], "link"); !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("a click token unsubscribes: %v", err)
		}
	}
}
