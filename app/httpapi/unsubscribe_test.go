package httpapi_test

import (
	"bytes"
	"context"

	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// campaignTo sends a real promotional campaign to every opted-in alumnus
// through the engine into the catcher and returns how many were queued.
func (f *fixture) campaign(t *testing.T, name string) int {
	t.Helper()
	q, err := f.mail.EnqueueCampaign(context.Background(), mail.Campaign{Name: name, Subject: "{{.姓}}様へ：" + name,
		HTML: "<p>{{.氏名}} 様</p><p>" + name + "のお知らせです。</p>"}, mail.Audience{})
	if err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	return q.Queued
}

// caughtFor returns the raw messages the catcher holds for addr.
func (f *fixture) caughtFor(t *testing.T, addr string) [][]byte {
	t.Helper()
	list, _, err := f.mail.Mailbox().Search(context.Background(), addr, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, m := range list {
		full, err := f.mail.Mailbox().Get(context.Background(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, full.Raw)
	}
	return out
}

func TestOneClickUnsubscribe(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	if code, body := f.do(t, auth.HRStaff, "POST", "/api/alumni", jsonBody(map[string]any{"company_id": 1, "name": "佐藤 花子",
		"name_reading": "サトウ ハナコ", "email": "hanako@example.jp"}), "application/json"); code != 201 {
		t.Fatalf("second alumnus: %d %s", code, body)
	}
	if code, body := f.do(t, auth.Owner, "PUT", "/api/mail/settings", jsonBody(map[string]any{"identity": goodIdentity}), "application/json"); code != 200 {
		t.Fatalf("identity: %d %s", code, body)
	}
	for _, addr := range []string{"taro@example.jp", "hanako@example.jp"} {
		if _, err := f.mail.RecordConsent(context.Background(), mail.Consent{Address: addr, GrantedAt: time.Now(), Method: "web",
			TextAgreed: "お知らせメールの受信に同意します"}); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.campaign(t, "秋の交流会"); n != 2 {
		t.Fatalf("first campaign queued %d", n)
	}
	got := f.caughtFor(t, "taro@example.jp")
	if len(got) != 1 {
		t.Fatalf("taro got %d messages", len(got))
	}
	mr, err := gomail.CreateReader(bytes.NewReader(got[0]))
	if err != nil {
		t.Fatal(err)
	}
	link, post := mr.Header.Get("List-Unsubscribe"), mr.Header.Get("List-Unsubscribe-Post")
	if post != "List-Unsubscribe=One-Click" || !strings.HasPrefix(link, "<"+f.http.URL+"/unsubscribe?t=") {
		t.Fatalf("List-Unsubscribe %q, -Post %q", link, post)
	}
	link = strings.Trim(link, "<>")

	// The page shows who sends, asks, and works without any login.
	resp, page := fetch(t, "GET", link, "", nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "配信停止しますか") || !strings.Contains(page, "株式会社きずな商事 人事部") ||
		!strings.Contains(page, "t***@example.jp") || strings.Contains(page, "taro@example.jp") || !strings.Contains(page, `name="viewport"`) {
		t.Fatalf("GET page: %d %s", resp.StatusCode, page)
	}
	if strings.Index(page, "配信停止しますか") > strings.Index(page, "Unsubscribe?") {
		t.Fatal("Japanese must come first")
	}
	// A mail provider POSTs the one-click request from its own site.
	resp, page = fetch(t, "POST", link, "List-Unsubscribe=One-Click", map[string]string{
		"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://mail.provider.example", "Sec-Fetch-Site": "cross-site"})
	if resp.StatusCode != 200 || !strings.Contains(page, "配信を停止しました") || !strings.Contains(page, "You have been unsubscribed") {
		t.Fatalf("one-click POST: %d %s", resp.StatusCode, page)
	}
	if ok, _ := f.mail.HasConsent(context.Background(), "taro@example.jp"); ok {
		t.Fatal("consent not revoked")
	}
	hist, _ := f.mail.ConsentHistory(context.Background(), "taro@example.jp")
	if len(hist) != 1 || hist[0].RevokedHow != "one-click" {
		t.Fatalf("history: %+v", hist)
	}
	if entries, _ := audit.New(f.st).List(context.Background(), audit.Filter{Action: "mail.unsubscribe"}); len(entries) != 1 || entries[0].Subject != "address:taro@example.jp" {
		t.Fatalf("audit: %+v", entries)
	}
	// The next campaign skips the address.
	if n := f.campaign(t, "冬の交流会"); n != 1 {
		t.Fatalf("second campaign queued %d, want 1", n)
	}
	if len(f.caughtFor(t, "taro@example.jp")) != 1 || len(f.caughtFor(t, "hanako@example.jp")) != 2 {
		t.Fatal("the unsubscribed address got the next campaign")
	}
	// The exemption is for this route only: other cross-site POSTs are still refused.
	resp, _ = fetch(t, "POST", f.http.URL+"/api/auth/logout", "", map[string]string{"Origin": "https://mail.provider.example", "Sec-Fetch-Site": "cross-site"})
	if resp.StatusCode != 403 {
		t.Fatalf("cross-site POST elsewhere: %d", resp.StatusCode)
	}
}

func TestUnsubscribeBadTokens(t *testing.T) {
	f := newFixture(t)
	good := f.mail.Signer().Token(mail.Unsubscribe{Address: "taro@example.jp"})
	forged := mail.NewSigner([]byte("another key of sixteen bytes")).Token(mail.Unsubscribe{Address: "taro@example.jp"})
	for _, tok := range []string{"", "garbage", good[:len(good)-3], forged} {
		for _, method := range []string{"GET", "POST"} {
			resp, page := fetch(t, method, f.http.URL+"/unsubscribe?t="+tok, "List-Unsubscribe=One-Click", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
			if resp.StatusCode != 400 || !strings.Contains(page, "このリンクは無効です") || !strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
				t.Errorf("%s %q: %d %s", method, tok, resp.StatusCode, page)
			}
		}
	}
	// The form button (no one-click body) works too.
	resp, page := fetch(t, "POST", f.http.URL+"/unsubscribe?t="+good, "", map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	if resp.StatusCode != 200 || !strings.Contains(page, "配信を停止しました") {
		t.Fatalf("form POST: %d %s", resp.StatusCode, page)
	}
	// Rate limit per client address.
	limited := false
	for i := 0; i < 40 && !limited; i++ {
		resp, page := fetch(t, "GET", f.http.URL+"/unsubscribe?t=garbage", "", nil)
		limited = resp.StatusCode == 429 && strings.Contains(page, "しばらくお待ちください")
	}
	if !limited {
		t.Fatal("no rate limit")
	}
	// Valid links keep working from that address: a mail provider sends
	// many recipients' one-click requests from few addresses.
	for i := 0; i < 50; i++ {
		if resp, page := fetch(t, "POST", f.http.URL+"/unsubscribe?t="+good, "List-Unsubscribe=One-Click",
			map[string]string{"Content-Type": "application/x-www-form-urlencoded"}); resp.StatusCode != 200 {
			t.Fatalf("valid link refused after the limit: %d %s", resp.StatusCode, page)
		}
	}
}

func fetch(t *testing.T, method, url, body string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}
