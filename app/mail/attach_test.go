package mail

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-msgauth/dkim"
)

var testEvent = Event{UID: "event-42@alumni.example.jp", Summary: "秋のアルムナイ交流会（オンライン・オフライン同時開催）",
	Location: "本社 20 階ラウンジ; 東京都千代田区丸の内1-1-1, 受付は 19 時から", Description: "懇親会があります。\n軽食をご用意しています。",
	URL:   "https://alumni.example.jp/events/42",
	Start: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC), End: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC),
	OrganizerName: "株式会社きずな商事 人事部", OrganizerEmail: "alumni@kizuna.example.jp",
	AttendeeName: "山田 太郎", AttendeeEmail: "taro@example.jp"}

// TestEventInvitation: the .ics reads back with an iCalendar library as a
// request in Japan time with the Japanese text intact; lines are folded.
func TestEventInvitation(t *testing.T) {
	a, err := EventInvitation(testEvent)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(a.Data), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(a.Data))
	if err != nil {
		t.Fatal(err)
	}
	if m := cal.CalendarProperties; !hasProp(m, "METHOD", "REQUEST") {
		t.Errorf("no METHOD:REQUEST in %v", m)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	get := func(p ics.ComponentProperty) *ics.IANAProperty { return ev.GetProperty(p) }
	if got := get(ics.ComponentPropertySummary).Value; got != testEvent.Summary {
		t.Errorf("SUMMARY = %q", got)
	}
	if got := get(ics.ComponentPropertyLocation).Value; got != testEvent.Location {
		t.Errorf("LOCATION = %q", got)
	}
	if got := get(ics.ComponentPropertyDescription).Value; got != testEvent.Description {
		t.Errorf("DESCRIPTION = %q", got)
	}
	st := get(ics.ComponentPropertyDtStart)
	if st.Value != "20261128T190000" || st.ICalParameters["TZID"][0] != "Asia/Tokyo" {
		t.Errorf("DTSTART = %v %q, want 19:00 Asia/Tokyo", st.ICalParameters, st.Value)
	}
	if get(ics.ComponentPropertyUniqueId).Value != testEvent.UID {
		t.Errorf("UID = %q", get(ics.ComponentPropertyUniqueId).Value)
	}
	if att := get(ics.ComponentPropertyAttendee); att == nil || att.Value != "mailto:taro@example.jp" || att.ICalParameters["CN"][0] != "山田 太郎" {
		t.Errorf("ATTENDEE = %+v", att)
	}
	if !strings.Contains(a.ContentType, "method=REQUEST") || a.Filename != "invite.ics" {
		t.Errorf("attachment %q %q", a.Filename, a.ContentType)
	}

	bad := []struct {
		name string
		edit func(*Event)
	}{
		{"no UID", func(e *Event) { e.UID = "" }},
		{"no summary", func(e *Event) { e.Summary = "" }},
		{"no organizer", func(e *Event) { e.OrganizerEmail = "" }},
		{"ends before it starts", func(e *Event) { e.End = e.Start.Add(-time.Hour) }},
	}
	for _, tc := range bad {
		ev := testEvent
		tc.edit(&ev)
		if _, err := EventInvitation(ev); !errors.Is(err, ErrInvalidAttachment) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}

func hasProp(ps []ics.CalendarProperty, name, value string) bool {
	for _, p := range ps {
		if p.IANAToken == name && p.Value == value {
			return true
		}
	}
	return false
}

// TestSendWithAttachments: a transactional message with an invitation and a
// file with a Japanese name arrives with both, byte for byte; bad
// attachments are refused at enqueue and queue nothing.
func TestSendWithAttachments(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{Concurrency: 1}, true)
	inv, err := EventInvitation(testEvent)
	if err != nil {
		t.Fatal(err)
	}
	pdf := Attachment{Filename: "交流会のご案内.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4\n\x00\x01\x02binary")}
	m, err := e.Send(ctx, Outgoing{To: "taro@example.jp", ToName: "山田 太郎", Subject: "交流会のご案内（招待状）",
		HTML: "<p>招待状を添付します。</p>", Attachments: []Attachment{inv, pdf}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		att  Attachment
	}{
		{"no file name", Attachment{ContentType: "text/plain", Data: []byte("x")}},
		{"path in the file name", Attachment{Filename: "../etc/passwd", Data: []byte("x")}},
		{"bad content type", Attachment{Filename: "a.txt", ContentType: "text/plain; charset", Data: []byte("x")}},
		{"too large", Attachment{Filename: "big.bin", Data: make([]byte, MaxAttachmentBytes+1)}},
	} {
		if _, err := e.Send(ctx, Outgoing{To: "x@example.jp", Subject: "x", HTML: "x", Attachments: []Attachment{tc.att}}); !errors.Is(err, ErrInvalidAttachment) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	run(t, e)
	if counts, _ := e.Counts(ctx, 0); counts[Sent] != 1 || len(counts) != 1 {
		t.Fatalf("counts %v: a refused message was queued", counts)
	}
	caught, _ := NewCatcher(e.st, quiet).List(ctx, 10, 0)
	full, _ := NewCatcher(e.st, quiet).Get(ctx, caught[0].ID)
	if full.MessageID != m.MessageID {
		t.Fatalf("caught %s", full.MessageID)
	}
	r, err := mail.CreateReader(bytes.NewReader(full.Raw))
	if err != nil {
		t.Fatal(err)
	}
	var inline []string
	files := map[string][]byte{}
	for _, p := range readParts(t, r) {
		if p.filename == "" {
			inline = append(inline, p.ctype)
		} else {
			files[p.filename] = p.body
		}
	}
	if strings.Join(inline, ",") != "text/plain,text/html" {
		t.Errorf("inline parts %v", inline)
	}
	if !bytes.Equal(files["invite.ics"], inv.Data) || !bytes.Equal(files[pdf.Filename], pdf.Data) {
		t.Errorf("attachments %d: names %v", len(files), keys(files))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestDKIM: a campaign message and a transactional one, signed with RSA or
// Ed25519, verify with go-msgauth against the published key (a DNS stub);
// the signature covers the unsubscribe headers and breaks if the subject
// is altered. Unusable settings are refused at New.
func TestDKIM(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsaDER, _ := x509.MarshalPKIXPublicKey(&rsaKey.PublicKey)
	edPub, edKey, _ := ed25519.GenerateKey(rand.Reader)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(rsaKey)})
	edDER, _ := x509.MarshalPKCS8PrivateKey(edKey)
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edDER})
	tests := []struct {
		name, pem, txt string
	}{
		{"rsa-sha256", string(pkcs1), "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(rsaDER)},
		{"ed25519-sha256", string(pkcs8), "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(edPub)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			e, _ := newEngine(t, Config{Concurrency: 1, DKIM: &DKIM{Domain: "kizuna.example.jp", Selector: "kz2026", PrivateKeyPEM: tc.pem}}, true)
			addAlumni(t, e, []string{"taro@example.jp"}, nil)
			if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Send(ctx, Outgoing{To: "b@example.jp", Subject: "ログイン用リンク", HTML: "<p>x</p>"}); err != nil {
				t.Fatal(err)
			}
			run(t, e)
			opts := &dkim.VerifyOptions{LookupTXT: func(domain string) ([]string, error) {
				if domain != "kz2026._domainkey.kizuna.example.jp" {
					return nil, errors.New("no such record: " + domain)
				}
				return []string{tc.txt}, nil
			}}
			list, _ := NewCatcher(e.st, quiet).List(ctx, 10, 0)
			if len(list) != 2 {
				t.Fatalf("caught %d", len(list))
			}
			for _, sum := range list {
				m, _ := NewCatcher(e.st, quiet).Get(ctx, sum.ID)
				vs, err := dkim.VerifyWithOptions(bytes.NewReader(m.Raw), opts)
				if err != nil || len(vs) != 1 || vs[0].Err != nil || vs[0].Domain != "kizuna.example.jp" {
					t.Fatalf("verify: %v %+v", err, vs)
				}
				signed := strings.Join(vs[0].HeaderKeys, ",")
				if sum.RcptTo[0] == "taro@example.jp" && !strings.Contains(strings.ToLower(signed), "list-unsubscribe-post") {
					t.Errorf("signed headers %s lack List-Unsubscribe-Post", signed)
				}
				tampered := bytes.Replace(m.Raw, []byte("Subject: "), []byte("Subject: =?UTF-8?B?44CQ?= "), 1)
				vs, _ = dkim.VerifyWithOptions(bytes.NewReader(tampered), opts)
				if len(vs) != 1 || vs[0].Err == nil {
					t.Error("an altered subject still verifies")
				}
			}
		})
	}

	for _, tc := range []struct {
		name string
		d    DKIM
	}{
		{"no selector", DKIM{Domain: "kizuna.example.jp", PrivateKeyPEM: string(pkcs1)}},
		{"no domain", DKIM{Selector: "kz", PrivateKeyPEM: string(pkcs1)}},
		{"not PEM", DKIM{Domain: "kizuna.example.jp", Selector: "kz", PrivateKeyPEM: "secret"}},
		{"a certificate, not a key", DKIM{Domain: "kizuna.example.jp", Selector: "kz",
			PrivateKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1, 2, 3}}))}},
	} {
		if err := tc.d.Check(); !errors.Is(err, ErrInvalidDKIM) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
}
