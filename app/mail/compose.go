package mail

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"math/rand/v2"
	"mime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// envelope is everything compose needs for one message.
type envelope struct {
	FromName, FromAddr string
	ToName, ToAddr     string
	ReplyTo            string // optional Reply-To address
	Subject            string
	HTML               string // body, footer included
	Text               string // plain-text part; "" derives it from HTML
	MessageID          string // without angle brackets
	Date               time.Time
	OutboxID           int64
	CampaignID         int64
	UnsubscribeURL     string // https URL; set for promotional mail
	UnsubscribeMailto  string // optional mailto: address
	Attachments        []Attachment
}

// Attachment is a file sent with a message, e.g. an event invitation (.ics).
type Attachment struct {
	Filename    string `json:"filename"`     // may be Japanese (RFC 2231 encoded)
	ContentType string `json:"content_type"` // e.g. "application/pdf", "text/calendar; method=REQUEST; charset=utf-8"
	Data        []byte `json:"data"`         // base64 in JSON
}

// Custom headers carrying Kizuna's ids, for matching bounces later.
const (
	HeaderMessage  = "X-Kizuna-Message"
	HeaderCampaign = "X-Kizuna-Campaign"
)

// compose writes the message: headers with go-message, multipart/alternative
// (text generated from the HTML, then HTML), UTF-8, base64 bodies; with
// attachments, that inside a go-message multipart/mixed writer.
func compose(buf *bytes.Buffer, env envelope) error {
	// A fresh header: Add, not Set (which first looks for the field).
	var h gomail.Header
	h.Add("From", formatAddress(env.FromName, env.FromAddr))
	h.Add("To", formatAddress(env.ToName, env.ToAddr))
	if env.ReplyTo != "" {
		h.Add("Reply-To", formatAddress("", env.ReplyTo))
	}
	h.Add("Subject", encodeWords(env.Subject))
	h.SetDate(env.Date)
	h.SetMessageID(env.MessageID)
	h.Add(HeaderMessage, strconv.FormatInt(env.OutboxID, 10))
	if env.CampaignID != 0 {
		h.Add(HeaderCampaign, strconv.FormatInt(env.CampaignID, 10))
	}
	if env.UnsubscribeURL != "" {
		v := "<" + env.UnsubscribeURL + ">"
		if env.UnsubscribeMailto != "" {
			v = "<mailto:" + env.UnsubscribeMailto + "?subject=unsubscribe>, " + v
		}
		h.Add("List-Unsubscribe", v)
		h.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
		h.Add("Precedence", "bulk")
	}
	text := env.Text
	if text == "" {
		text = HTMLToText(env.HTML)
	}
	boundary := newBoundary()
	h.Add("MIME-Version", "1.0")
	if len(env.Attachments) == 0 {
		// The common case, once per recipient of a campaign: the two parts
		// are written directly (go-message's general part writer, with its
		// header maps per part, doubles the render time).
		h.Add("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
		if err := textproto.WriteHeader(buf, h.Header.Header); err != nil {
			return err
		}
		writeAlternative(buf, boundary, text, env.HTML)
		return nil
	}
	h.SetContentType("multipart/mixed", nil)
	w, err := message.CreateWriter(buf, h.Header)
	if err != nil {
		return err
	}
	var ph message.Header
	ph.SetContentType("multipart/alternative", map[string]string{"boundary": boundary})
	pw, err := w.CreatePart(ph)
	if err != nil {
		return err
	}
	var alt bytes.Buffer
	writeAlternative(&alt, boundary, text, env.HTML)
	if _, err := pw.Write(alt.Bytes()); err != nil {
		return err
	}
	for _, a := range env.Attachments {
		var ah gomail.AttachmentHeader
		mt, params, err := mime.ParseMediaType(cmp.Or(a.ContentType, "application/octet-stream"))
		if err != nil {
			return ErrInvalidAttachment.Wrap(err).Withf("%s", "%s", a.Filename)
		}
		ah.SetContentType(mt, params)
		ah.SetFilename(a.Filename)
		ah.Set("Content-Transfer-Encoding", "base64")
		aw, err := w.CreatePart(ah.Header)
		if err != nil {
			return err
		}
		if _, err := aw.Write(a.Data); err != nil {
			return err
		}
		if err := aw.Close(); err != nil {
			return err
		}
	}
	return w.Close()
}

func newBoundary() string {
	return fmt.Sprintf("kz%016x%016x", rand.Uint64(), rand.Uint64())
}

// writeAlternative writes the body of a multipart/alternative entity: the
// text and HTML parts, UTF-8 in base64 lines of 76 characters, and the
// closing boundary.
func writeAlternative(buf *bytes.Buffer, boundary, text, html string) {
	writePart(buf, boundary, "text/plain", text)
	writePart(buf, boundary, "text/html", html)
	buf.WriteString("--" + boundary + "--\r\n")
}

func writePart(buf *bytes.Buffer, boundary, ctype, body string) {
	buf.WriteString("--" + boundary + "\r\nContent-Type: " + ctype + "; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	const chunk = 57 // bytes per 76-character line
	var line [76]byte
	for len(body) > 0 {
		n := min(chunk, len(body))
		b64std.Encode(line[:], []byte(body[:n]))
		buf.Write(line[:b64std.EncodedLen(n)])
		buf.WriteString("\r\n")
		body = body[n:]
	}
}

// formatAddress writes "display name <addr>" with the name as RFC 2047
// encoded words when it is not plain ASCII.
func formatAddress(name, addr string) string {
	if name == "" {
		return "<" + addr + ">"
	}
	if isPlainPhrase(name) {
		return name + " <" + addr + ">"
	}
	if isPrintableASCII(name) {
		return strconv.Quote(name) + " <" + addr + ">"
	}
	return encodeWords(name) + " <" + addr + ">"
}

// maxWordBytes keeps each encoded word (=?UTF-8?B?…?=) at 12+52 = 64
// characters, so "Subject: " and a word fit a 76-character line.
const maxWordBytes = 39

// encodeWords encodes s as RFC 2047 B encoded words of at most 64 characters
// separated by spaces, never splitting a UTF-8 character, so that the header
// writer folds between words. mime.BEncoding alone makes one long word.
// Printable ASCII is returned as is.
func encodeWords(s string) string {
	if isPrintableASCII(s) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > maxWordBytes {
				break
			}
			n += size
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("=?UTF-8?B?")
		b.WriteString(b64std.EncodeToString([]byte(s[:n])))
		b.WriteString("?=")
		s = s[n:]
	}
	return b.String()
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// isPlainPhrase reports whether s can stand unquoted as a display name.
func isPlainPhrase(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == ' ' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0) {
			return false
		}
	}
	return true
}

// footerHTML is the 特定電子メール法 block every promotional mail ends with.
func footerHTML(id Identity, unsubscribeURL string) string {
	esc := html.EscapeString
	return `<hr><p style="font-size:12px;color:#555">送信者: ` + esc(id.Name) + `<br>住所: ` + esc(id.PostalAddress) +
		`<br>お問い合わせ: ` + esc(id.Contact) +
		`<br>今後このようなメールの受信を希望されない場合は、<a href="` + esc(unsubscribeURL) + `">こちらから配信停止</a>できます。</p>`
}

// footerText is footerHTML as plain text.
func footerText(id Identity, unsubscribeURL string) string {
	return "----------\n送信者: " + id.Name + "\n住所: " + id.PostalAddress + "\nお問い合わせ: " + id.Contact +
		"\n今後このようなメールの受信を希望されない場合は、こちらから配信停止 ( " + unsubscribeURL + " )できます。\n"
}
