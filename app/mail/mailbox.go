package mail

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	_ "github.com/emersion/go-message/charset" // ISO-2022-JP, Shift_JIS and other charsets of Japanese mail
	gomail "github.com/emersion/go-message/mail"
)

// Search returns caught messages newest first, without bodies, whose
// subject, sender or recipients contain q (all when q is empty), and how
// many match in all.
func (c *Catcher) Search(ctx context.Context, q string, limit, offset int) ([]CaughtMessage, int, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	like := likePattern(q)
	const where = ` FROM mail_caught WHERE subject LIKE ?1 ESCAPE '\' OR mail_from LIKE ?1 ESCAPE '\' OR rcpt_to LIKE ?1 ESCAPE '\'`
	var total int
	if err := c.st.R.QueryRowContext(ctx, `SELECT count(*)`+where, like).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := c.st.R.QueryContext(ctx, `SELECT id, received_at, mail_from, rcpt_to, subject, message_id`+where+
		` ORDER BY id DESC LIMIT ?2 OFFSET ?3`, like, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []CaughtMessage{}
	for rows.Next() {
		m, err := scanCaught(rows, false)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, m)
	}
	return out, total, rows.Err()
}

// likePattern is a LIKE pattern (ESCAPE '\') matching values that contain q.
func likePattern(q string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.TrimSpace(q)) + "%"
}

// Clear empties the mailbox.
func (c *Catcher) Clear(ctx context.Context) error {
	_, err := c.st.W.ExecContext(ctx, `DELETE FROM mail_caught`)
	return err
}

// Parsed is a message read back with a MIME parser: decoded headers, the
// HTML and text parts, and the attachments.
type Parsed struct {
	From        string       `json:"from"`
	To          []string     `json:"to"`
	Subject     string       `json:"subject"`
	Date        time.Time    `json:"date"`
	Headers     [][2]string  `json:"headers"` // in order, decoded
	HTML        string       `json:"html"`
	Text        string       `json:"text"`
	Attachments []Attachment `json:"attachments"`
}

// displayAddress is "山田 太郎 <taro@example.jp>", decoded, for people to read.
func displayAddress(a *gomail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	return a.Name + " <" + a.Address + ">"
}

// Attachment describes one attached file.
type Attachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// ParseMessage parses a raw message (MIME, any charset): the first HTML and
// first text part become HTML and Text; other parts are attachments.
func ParseMessage(raw []byte) (Parsed, error) {
	p := Parsed{Headers: [][2]string{}, Attachments: []Attachment{}}
	mr, err := gomail.CreateReader(strings.NewReader(string(raw)))
	if err != nil && mr == nil {
		return p, err
	}
	defer mr.Close()
	h := mr.Header
	p.Subject, _ = h.Subject()
	p.Date, _ = h.Date()
	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		p.From = displayAddress(from[0])
	}
	if to, err := h.AddressList("To"); err == nil {
		for _, a := range to {
			p.To = append(p.To, displayAddress(a))
		}
	}
	for f := h.Fields(); f.Next(); {
		v, err := f.Text()
		if err != nil {
			v = f.Value()
		}
		p.Headers = append(p.Headers, [2]string{f.Key(), v})
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return p, err
		}
		switch ph := part.Header.(type) {
		case *gomail.InlineHeader:
			ct, _, _ := ph.ContentType()
			b, err := io.ReadAll(part.Body)
			if err != nil {
				return p, err
			}
			switch {
			case ct == "text/html" && p.HTML == "":
				p.HTML = string(b)
			case (ct == "text/plain" || ct == "") && p.Text == "":
				p.Text = string(b)
			default:
				p.Attachments = append(p.Attachments, Attachment{ContentType: ct, Size: int64(len(b))})
			}
		case *gomail.AttachmentHeader:
			name, _ := ph.Filename()
			ct, _, _ := ph.ContentType()
			n, err := io.Copy(io.Discard, part.Body)
			if err != nil {
				return p, err
			}
			p.Attachments = append(p.Attachments, Attachment{Filename: name, ContentType: ct, Size: n})
		}
	}
	return p, nil
}
