package httpapi_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// mailWorld adds five alumni of 営業部 (four opted in) to the fixture,
// sets the sender identity, and starts the engine with the built-in
// catcher as its SMTP peer and the campaign supervisor.
func mailWorld(t *testing.T) (*fixture, []int64) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	var ids []int64
	for i, n := range []string{"佐藤 花子", "鈴木 一郎", "高橋 健二", "田中 美咲", "伊藤 翔太"} {
		code, body := f.do(t, auth.Owner, "POST", "/api/alumni", jsonBody(map[string]any{"company_id": 1, "name": n,
			"email": fmt.Sprintf("sales%d@example.jp", i), "department": "営業部"}), "application/json")
		if code != 201 {
			t.Fatalf("create alumnus: %d %s", code, body)
		}
		var a struct{ ID int64 }
		json.Unmarshal(body, &a)
		ids = append(ids, a.ID)
		if i < 4 {
			if _, err := f.mail.RecordConsent(ctx, mail.Consent{Address: fmt.Sprintf("sales%d@example.jp", i), AlumnusID: a.ID,
				GrantedAt: time.Now(), Method: "web", TextAgreed: "お知らせメールの受信に同意します"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.mail.SetIdentity(ctx, mail.Identity{Name: "株式会社きずな商事 人事部", FromAddress: "alumni@kizuna.example.jp",
		PostalAddress: "東京都千代田区丸の内1-1-1", Contact: "03-1234-5678"}); err != nil {
		t.Fatal(err)
	}
	if err := f.mail.Start(ctx); err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f.campaigns.Run(runCtx); close(done) }()
	t.Cleanup(func() { stop(); <-done; f.mail.Stop(ctx) })
	return f, ids
}

// call sends a JSON request as owner and decodes a JSON answer into out (may be nil).
func (f *fixture) call(t *testing.T, method, path string, in, out any) (int, []byte) {
	t.Helper()
	var code int
	var body []byte
	if in == nil {
		code, body = f.do(t, auth.Owner, method, path, nil, "")
	} else {
		code, body = f.do(t, auth.Owner, method, path, jsonBody(in), "application/json")
	}
	if out != nil && code < 300 {
		if err := json.Unmarshal(body, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, body)
		}
	}
	return code, body
}

func expectError(t *testing.T, what string, code int, body []byte, wantCode int, wantErr, field string) {
	t.Helper()
	if code != wantCode {
		t.Fatalf("%s: status %d, want %d: %s", what, code, wantCode, body)
	}
	e := decodeError(t, body)
	if e.Error.Code != wantErr || (field != "" && e.Error.Fields[field] == "") {
		t.Fatalf("%s: %s fields %v, want %s naming %q", what, e.Error.Code, e.Error.Fields, wantErr, field)
	}
}

type campaignJSON struct {
	ID          int64               `json:"id"`
	State       string              `json:"state"`
	PauseReason string              `json:"pause_reason"`
	Counts      mail.CampaignCounts `json:"counts"`
	Body        string              `json:"body"`
	Subject     string              `json:"subject"`
	Extra       map[string]any      `json:"-"`
}

func TestCampaignEndToEnd(t *testing.T) {
	f, ids := mailWorld(t)

	// Segments: bad input, live count, create.
	code, body := f.call(t, "POST", "/api/segments", map[string]any{"name": " "}, nil)
	expectError(t, "empty segment name", code, body, 422, "segment.invalid", "name")
	var counts map[string]int
	f.call(t, "POST", "/api/segments/count", map[string]any{"filter": map[string]any{"departments": []string{"営業部"}}}, &counts)
	if counts["matched"] != 5 || counts["opted_in"] != 4 || counts["reachable"] != 4 {
		t.Fatalf("count: %v", counts)
	}
	var seg struct {
		ID    int64          `json:"id"`
		Count map[string]int `json:"count"`
	}
	if code, body := f.call(t, "POST", "/api/segments", map[string]any{"name": "営業部 退職者", "filter": map[string]any{"departments": []string{"営業部"}}}, &seg); code != 201 || seg.Count["reachable"] != 4 {
		t.Fatalf("create segment: %d %s", code, body)
	}
	var members struct{ Total int }
	f.call(t, "GET", fmt.Sprintf("/api/segments/%d/members", seg.ID), nil, &members)
	if members.Total != 5 {
		t.Fatalf("members total %d", members.Total)
	}

	// Campaigns: bad input.
	bad := []struct {
		name  string
		in    map[string]any
		code  string
		field string
	}{
		{"empty name", map[string]any{"name": "", "subject": "s", "body": "b"}, "campaign.invalid", "name"},
		{"unknown merge field", map[string]any{"name": "n", "subject": "s", "body": "{{年齢}}"}, "mail.invalid_template", "body"},
		{"broken braces", map[string]any{"name": "n", "subject": "{{姓 様", "body": "b"}, "mail.invalid_template", "subject"},
	}
	for _, b := range bad {
		code, body := f.call(t, "POST", "/api/campaigns", b.in, nil)
		expectError(t, b.name, code, body, 422, b.code, b.field)
		code, body = f.call(t, "POST", "/api/mail/preview", b.in, nil)
		if b.code == "mail.invalid_template" {
			expectError(t, b.name+" (preview)", code, body, 422, b.code, b.field)
		}
	}

	var c campaignJSON
	code, body = f.call(t, "POST", "/api/campaigns", map[string]any{"name": "秋の交流会", "subject": "{{姓|皆さま}} 様、交流会のご案内",
		"body_format": "markdown", "body": "# ご案内\n\n{{氏名}} 様\n\n<script>alert(1)</script>", "segment_id": seg.ID}, &c)
	if code != 201 || c.State != "draft" {
		t.Fatalf("create campaign: %d %s", code, body)
	}

	// Preview: a member, someone outside the segment, the first reachable member.
	var p struct {
		Subject, HTML, Text string
		Recipient           *struct{ Email string }
	}
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/preview", c.ID), map[string]any{"alumnus_id": ids[1]}, &p)
	if p.Subject != "鈴木 様、交流会のご案内" || !strings.Contains(p.HTML, "鈴木 一郎 様") || strings.Contains(p.HTML, "<script") ||
		!strings.Contains(p.HTML, "http://kizuna.test/unsubscribe?t=") || !strings.Contains(p.HTML, "東京都千代田区丸の内1-1-1") {
		t.Fatalf("preview: %+v", p)
	}
	code, body = f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/preview", c.ID), map[string]any{"alumnus_id": f.alumnus}, nil)
	expectError(t, "preview for an alumnus outside the audience", code, body, 404, "mail.not_found", "")
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/preview", c.ID), map[string]any{}, &p)
	if p.Recipient == nil || p.Recipient.Email != "sales0@example.jp" {
		t.Fatalf("default preview recipient: %+v", p.Recipient)
	}

	// Test send through the outbox into the catcher.
	var sent mail.TestSent
	code, body = f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/test-send", c.ID), map[string]any{"to": "me@example.jp"}, &sent)
	if code != 200 || !strings.HasPrefix(sent.Reply, "250") || sent.MessageID == "" {
		t.Fatalf("test send: %d %s", code, body)
	}

	// Start; refusals while running.
	if code, body := f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/start", c.ID), nil, &c); code != 200 || c.State != "running" && c.State != "finished" {
		t.Fatalf("start: %d %s", code, body)
	}
	code, body = f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/start", c.ID), nil, nil)
	expectError(t, "start twice", code, body, 409, "campaign.bad_state", "")
	code, body = f.call(t, "PUT", fmt.Sprintf("/api/campaigns/%d", c.ID), map[string]any{"name": "x", "subject": "s", "body": "b"}, nil)
	expectError(t, "edit a running campaign", code, body, 409, "campaign.not_editable", "")

	// Drained: counts and recipient log.
	deadline := time.Now().Add(30 * time.Second)
	for c.State != "finished" && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		f.call(t, "GET", fmt.Sprintf("/api/campaigns/%d", c.ID), nil, &c)
	}
	if c.State != "finished" || c.Counts.Sent != 4 || c.Counts.Total != 4 {
		t.Fatalf("after the run: %+v", c)
	}
	n, _ := f.mail.Catcher().Count(context.Background())
	if n != 5 { // four recipients and the test send
		t.Fatalf("catcher holds %d messages", n)
	}
	var log struct {
		Total int
		Items []struct{ Name, Address, State string }
	}
	f.call(t, "GET", fmt.Sprintf("/api/campaigns/%d/recipients?q=%s&state=sent", c.ID, "鈴木"), nil, &log)
	if log.Total != 1 || log.Items[0].Address != "sales1@example.jp" || log.Items[0].State != "sent" {
		t.Fatalf("recipient search: %+v", log)
	}
	f.call(t, "GET", fmt.Sprintf("/api/campaigns/%d/recipients?state=failed", c.ID), nil, &log)
	if log.Total != 0 {
		t.Fatalf("failed recipients: %+v", log)
	}
	code, body = f.call(t, "GET", fmt.Sprintf("/api/campaigns/%d/recipients/export", c.ID), nil, nil)
	if code != 200 || !strings.HasPrefix(string(body), "\ufeff") {
		t.Fatalf("export: %d %.100s", code, body)
	}
	records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(body), "\ufeff"))).ReadAll()
	if err != nil || len(records) != 5 || records[0][2] != "氏名" || records[1][4] != "sent" {
		t.Fatalf("export CSV: %v %v", records, err)
	}
}

func TestCampaignControlAndRefusals(t *testing.T) {
	f, _ := mailWorld(t)
	ctx := context.Background()
	f.mail.Stop(ctx) // nothing goes out: the queue stays for pause, resume and cancel
	var seg, empty struct{ ID int64 }
	f.call(t, "POST", "/api/segments", map[string]any{"name": "営業部", "filter": map[string]any{"departments": []string{"営業部"}}}, &seg)
	f.call(t, "POST", "/api/segments", map[string]any{"name": "該当なし", "filter": map[string]any{"departments": []string{"存在しない部"}}}, &empty)
	newCampaign := func(segment int64) int64 {
		var c campaignJSON
		if code, body := f.call(t, "POST", "/api/campaigns", map[string]any{"name": "n", "subject": "{{姓}} 様", "body": "本文", "segment_id": segment}, &c); code != 201 {
			t.Fatalf("create: %d %s", code, body)
		}
		return c.ID
	}

	// Nobody reachable.
	code, body := f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/start", newCampaign(empty.ID)), nil, nil)
	expectError(t, "segment nobody reachable", code, body, 422, "campaign.no_audience", "")

	// No sender identity: the message says what is missing.
	f.mail.SetIdentity(ctx, mail.Identity{Name: "人事部"})
	id := newCampaign(seg.ID)
	code, body = f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/start", id), nil, nil)
	expectError(t, "start without sender identity", code, body, 422, "mail.no_sender_identity", "sender_identity")
	if e := decodeError(t, body); !strings.Contains(e.Error.Message, "住所") {
		t.Fatalf("the message does not say what is missing: %s", e.Error.Message)
	}
	f.mail.SetIdentity(ctx, mail.Identity{Name: "人事部", FromAddress: "a@kizuna.example.jp", PostalAddress: "東京都", Contact: "03"})

	// Scheduled: its segment cannot be deleted.
	code, body = f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/schedule", id), map[string]any{"at": time.Now().Add(time.Hour)}, nil)
	if code != 200 {
		t.Fatalf("schedule: %d %s", code, body)
	}
	code, body = f.call(t, "DELETE", fmt.Sprintf("/api/segments/%d", seg.ID), nil, nil)
	expectError(t, "delete a segment a scheduled campaign uses", code, body, 409, "segment.in_use", "")

	// Start, pause (held), resume, cancel (counted).
	var c campaignJSON
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/start", id), nil, &c)
	deadline := time.Now().Add(10 * time.Second)
	for c.Counts.Total < 4 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		f.call(t, "GET", fmt.Sprintf("/api/campaigns/%d", id), nil, &c)
	}
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/pause", id), nil, &c)
	if held, _ := f.mail.Counts(ctx, id); c.State != "paused" || held[mail.Held] != 4 || c.PauseReason == "" {
		t.Fatalf("pause: %+v %v", c, held)
	}
	code, body = f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/pause", id), nil, nil)
	expectError(t, "pause twice", code, body, 409, "campaign.bad_state", "")
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/resume", id), nil, &c)
	if queued, _ := f.mail.Counts(ctx, id); c.State != "running" || queued[mail.Queued] != 4 {
		t.Fatalf("resume: %+v %v", c, queued)
	}
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/cancel", id), nil, &c)
	if c.State != "cancelled" || c.Counts.Cancelled != 4 || c.Counts.Queued != 0 {
		t.Fatalf("cancel: %+v", c)
	}
	code, body = f.call(t, "DELETE", fmt.Sprintf("/api/campaigns/%d", id), nil, nil)
	expectError(t, "delete a cancelled campaign", code, body, 409, "campaign.not_editable", "")

	// The audit log has the lifecycle.
	var audit struct{ Items []struct{ Action string } }
	f.call(t, "GET", "/api/audit?subject="+fmt.Sprintf("campaign:%d", id), nil, &audit)
	var actions []string
	for _, a := range audit.Items {
		actions = append(actions, a.Action)
	}
	for _, want := range []string{"campaign.create", "campaign.schedule", "campaign.start", "campaign.pause", "campaign.resume", "campaign.cancel"} {
		if !strings.Contains(strings.Join(actions, ","), want) {
			t.Errorf("audit lacks %s: %v", want, actions)
		}
	}
	if code, _ := f.do(t, auth.Viewer, "POST", fmt.Sprintf("/api/campaigns/%d/start", id), nil, ""); code != http.StatusForbidden {
		t.Errorf("viewer may start: %d", code)
	}
}

// With click tracking on, the preview (as sent) shows redirect links and
// the disclosure; the public redirect sends the reader on, and refuses a
// forged link with a page.
func TestClickTrackingRedirect(t *testing.T) {
	f, _ := mailWorld(t)
	var p mail.Preview
	code, body := f.call(t, "POST", "/api/mail/preview", map[string]any{"subject": "s", "body": "[詳細](https://alumni.example.jp/e/1)",
		"click_tracking": true}, &p)
	if code != 200 || !strings.Contains(p.HTML, "クリック数を計測") || !strings.Contains(p.HTML, "http://kizuna.test/click?t=") {
		t.Fatalf("preview: %d %s", code, body)
	}
	var c campaignJSON
	f.call(t, "POST", "/api/campaigns", map[string]any{"name": "n", "subject": "s", "body": "[詳細](https://alumni.example.jp/e/1)",
		"click_tracking": true}, &c)
	f.call(t, "POST", fmt.Sprintf("/api/campaigns/%d/preview", c.ID), map[string]any{}, &p)
	i := strings.Index(p.HTML, "http://kizuna.test/click?t=")
	link := p.HTML[i : i+strings.IndexByte(p.HTML[i:], '"')]
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	path := strings.TrimPrefix(link, "http://kizuna.test")
	resp, err := noFollow.Get(f.http.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "https://alumni.example.jp/e/1" {
		t.Fatalf("redirect: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, err = noFollow.Get(f.http.URL + path + "x")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("forged link: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
