package httpapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	gomail "github.com/emersion/go-message/mail"

	"golang.org/x/text/encoding/japanese"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/mail/mailtest"
)

// startMail starts the fixture's engine on the built-in catcher, with the
// test server's address as the base of unsubscribe links.
func (f *fixture) startMail(t *testing.T) {
	t.Helper()
	f.mail.SetDefaultBaseURL(f.http.URL)
	ctx := context.Background()
	if err := f.mail.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.mail.Stop(ctx) })
}

func (f *fixture) drain(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := f.mail.Drain(ctx); err != nil {
		t.Fatal(err)
	}
}

// attachmentMessage is a multipart/mixed message with an HTML part and an .ics file, built with go-message.
func attachmentMessage(t *testing.T) []byte {
	var buf bytes.Buffer
	var h gomail.Header
	h.SetAddressList("From", []*gomail.Address{{Name: "人事部 佐藤", Address: "sato@kizuna.example.jp"}})
	h.SetAddressList("To", []*gomail.Address{{Name: "鈴木 花子", Address: "hanako@example.jp"}})
	h.SetSubject("懇親会の招待状（カレンダー添付）")
	h.SetDate(time.Now())
	w, err := gomail.CreateWriter(&buf, h)
	if err != nil {
		t.Fatal(err)
	}
	var ih gomail.InlineHeader
	ih.SetContentType("text/html", map[string]string{"charset": "utf-8"})
	iw, _ := w.CreateSingleInline(ih)
	iw.Write([]byte("<p>懇親会にご招待します。</p>"))
	iw.Close()
	var ah gomail.AttachmentHeader
	ah.SetContentType("text/calendar", nil)
	ah.SetFilename("懇親会.ics")
	aw, _ := w.CreateAttachment(ah)
	aw.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
	aw.Close()
	w.Close()
	return buf.Bytes()
}

// iso2022jpMessage is a plain text message in ISO-2022-JP, as older Japanese mailers send.
func iso2022jpMessage(t *testing.T) []byte {
	body, err := japanese.ISO2022JP.NewEncoder().String("お世話になっております。\r\n")
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := japanese.ISO2022JP.NewEncoder().String("ご連絡")
	return []byte("From: old@example.jp\r\nTo: hr@kizuna.example.jp\r\nSubject: =?ISO-2022-JP?B?" +
		b64(subj) + "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n" + body)
}

func TestMailboxAPI(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	ctx := context.Background()
	if _, err := f.mail.Send(ctx, mail.Outgoing{To: "taro@example.jp", ToName: "山田 太郎", Subject: "【重要】アルムナイ交流会のご案内",
		HTML: "<h1>山田 太郎 様</h1><p>交流会を開催します。</p>"}); err != nil {
		t.Fatal(err)
	}
	f.drain(t)
	addr := f.mail.Catcher().Addr()
	for i, raw := range [][]byte{attachmentMessage(t), iso2022jpMessage(t)} {
		if err := mailtest.Deliver(addr, "sender@example.jp", []string{fmt.Sprintf("rcpt%d@example.jp", i)}, raw); err != nil {
			t.Fatal(err)
		}
	}
	type item struct {
		ID      int64    `json:"id"`
		Subject string   `json:"subject"`
		To      []string `json:"to"`
	}
	var list struct {
		Total int    `json:"total"`
		Items []item `json:"items"`
	}
	code, body := f.do(t, auth.Viewer, "GET", "/api/mail/caught", nil, "")
	json.Unmarshal(body, &list)
	if code != 200 || list.Total != 3 || len(list.Items) != 3 {
		t.Fatalf("list: %d %s", code, body)
	}
	_, body = f.do(t, auth.Viewer, "GET", "/api/mail/caught?q="+urlq("交流会"), nil, "")
	json.Unmarshal(body, &list)
	if list.Total != 1 || list.Items[0].Subject != "【重要】アルムナイ交流会のご案内" || list.Items[0].To[0] != "taro@example.jp" {
		t.Fatalf("search by subject: %s", body)
	}
	id := list.Items[0].ID
	_, body = f.do(t, auth.Viewer, "GET", "/api/mail/caught?q=rcpt1", nil, "")
	if json.Unmarshal(body, &list); list.Total != 1 {
		t.Fatalf("search by recipient: %s", body)
	}

	var msg struct {
		Subject     string            `json:"subject"`
		HeaderTo    []string          `json:"header_to"`
		Headers     [][2]string       `json:"headers"`
		HTML        string            `json:"html"`
		Text        string            `json:"text"`
		Attachments []mail.Attachment `json:"attachments"`
	}
	code, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/mail/caught/%d", id), nil, "")
	json.Unmarshal(body, &msg)
	if code != 200 || msg.Subject != "【重要】アルムナイ交流会のご案内" || !strings.Contains(msg.HTML, "<h1>山田 太郎 様</h1>") ||
		!strings.Contains(msg.Text, "交流会を開催します。") || len(msg.HeaderTo) != 1 || !strings.Contains(msg.HeaderTo[0], "山田 太郎") {
		t.Fatalf("one message: %d %s", code, body)
	}
	if !hasHeader(msg.Headers, "Subject", "【重要】アルムナイ交流会のご案内") || !hasHeader(msg.Headers, "Message-Id", "") {
		t.Fatalf("headers: %v", msg.Headers)
	}
	code, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/mail/caught/%d/raw", id), nil, "")
	if code != 200 || !strings.Contains(string(body), "Content-Type: multipart/alternative") {
		t.Fatalf("raw: %d %.300s", code, body)
	}
	if first, _, _ := strings.Cut(string(body), ":"); !strings.EqualFold(first, msg.Headers[0][0]) {
		t.Fatalf("headers out of order: raw starts with %s, list with %s", first, msg.Headers[0][0])
	}
	entries, _ := audit.New(f.st).List(ctx, audit.Filter{Subject: fmt.Sprintf("caught:%d", id)})
	if len(entries) != 2 {
		t.Fatalf("viewing a caught message is audited: %+v", entries)
	}

	// The attachment and the ISO-2022-JP message read back decoded.
	_, body = f.do(t, auth.Viewer, "GET", "/api/mail/caught?q=rcpt0", nil, "")
	json.Unmarshal(body, &list)
	_, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/mail/caught/%d", list.Items[0].ID), nil, "")
	json.Unmarshal(body, &msg)
	if msg.Subject != "懇親会の招待状（カレンダー添付）" || len(msg.Attachments) != 1 || msg.Attachments[0].Filename != "懇親会.ics" ||
		msg.Attachments[0].ContentType != "text/calendar" || msg.Attachments[0].Size != 32 || !strings.Contains(msg.HTML, "ご招待") {
		t.Fatalf("attachment message: %s", body)
	}
	_, body = f.do(t, auth.Viewer, "GET", "/api/mail/caught?q=rcpt1", nil, "")
	json.Unmarshal(body, &list)
	_, body = f.do(t, auth.Viewer, "GET", fmt.Sprintf("/api/mail/caught/%d", list.Items[0].ID), nil, "")
	json.Unmarshal(body, &msg)
	if msg.Subject != "ご連絡" || !strings.Contains(msg.Text, "お世話になっております。") {
		t.Fatalf("ISO-2022-JP message: %s", body)
	}

	if code, _ := f.do(t, auth.Viewer, "GET", "/api/mail/caught/999999", nil, ""); code != 404 {
		t.Errorf("unknown message: %d", code)
	}
	if code, _ := f.do(t, auth.Viewer, "DELETE", "/api/mail/caught", nil, ""); code != 403 {
		t.Errorf("viewer emptied the mailbox: %d", code)
	}
	if code, _ := f.do(t, auth.HRStaff, "DELETE", "/api/mail/caught", nil, ""); code != 204 {
		t.Errorf("clear: %d", code)
	}
	_, body = f.do(t, auth.Viewer, "GET", "/api/mail/caught", nil, "")
	if json.Unmarshal(body, &list); list.Total != 0 {
		t.Fatalf("after clear: %s", body)
	}
}

func hasHeader(hs [][2]string, key, value string) bool {
	for _, h := range hs {
		if strings.EqualFold(h[0], key) && (value == "" || h[1] == value) {
			return true
		}
	}
	return false
}

func urlq(s string) string { return url.QueryEscape(s) }

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
