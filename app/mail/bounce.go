package mail

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// ErrNotDSN: the message is not a delivery status notification (RFC 3464).
var ErrNotDSN = errors.New("not a delivery status notification")

// BounceKind separates permanent failures from temporary ones.
type BounceKind string

// Bounce kinds: a 5.x.x status is hard, a 4.x.x one soft.
const (
	HardBounce BounceKind = "hard"
	SoftBounce BounceKind = "soft"
)

// Bounce is one failed recipient reported by a DSN.
type Bounce struct {
	Address    string     `json:"address"`    // the recipient we sent to
	Kind       BounceKind `json:"kind"`       // hard or soft
	Status     string     `json:"status"`     // RFC 3463 code, e.g. 5.1.1
	Diagnostic string     `json:"diagnostic"` // the remote server's reply
}

// Report is what a DSN says: which message it is about and who failed.
type Report struct {
	ReportID  string   // Message-ID of the DSN itself
	MessageID string   // Message-ID of the original message, when included
	OutboxID  int64    // X-Kizuna-Message of the original, when included
	Bounces   []Bounce // recipients with Action: failed
}

// ParseDSN reads a multipart/report; report-type=delivery-status message
// with go-message: the delivery-status part gives each recipient's action
// and status, the returned message or its headers give Kizuna's ids.
// Delayed, delivered and relayed recipients are not bounces.
func ParseDSN(r io.Reader) (*Report, error) {
	m, err := message.Read(r)
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return nil, err
	}
	mt, params, _ := m.Header.ContentType()
	if mt != "multipart/report" || !strings.EqualFold(params["report-type"], "delivery-status") {
		return nil, ErrNotDSN
	}
	rep := &Report{ReportID: strings.Trim(m.Header.Get("Message-Id"), "<> ")}
	mr := m.MultipartReader()
	if mr == nil {
		return nil, ErrNotDSN
	}
	status := false
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
			return nil, err
		}
		pt, _, _ := p.Header.ContentType()
		switch pt {
		case "message/delivery-status", "message/global-delivery-status":
			status = true
			if rep.Bounces, err = parseStatus(p.Body); err != nil {
				return nil, err
			}
		case "message/rfc822", "text/rfc822-headers", "message/rfc822-headers", "message/global", "message/global-headers":
			h, err := textproto.ReadHeader(bufio.NewReader(p.Body))
			if err != nil && h.Len() == 0 {
				continue
			}
			rep.MessageID = strings.Trim(h.Get("Message-Id"), "<> ")
			rep.OutboxID, _ = strconv.ParseInt(strings.TrimSpace(h.Get(HeaderMessage)), 10, 64)
		}
	}
	if !status {
		return nil, ErrNotDSN
	}
	return rep, nil
}

// parseStatus reads the per-message block and the per-recipient blocks.
func parseStatus(r io.Reader) ([]Bounce, error) {
	br := bufio.NewReader(r)
	var out []Bounce
	for {
		// Skip blank lines between blocks; stop at the end.
		for {
			b, err := br.Peek(1)
			if err != nil {
				return out, nil
			}
			if b[0] != '\r' && b[0] != '\n' {
				break
			}
			br.ReadByte()
		}
		h, err := textproto.ReadHeader(br)
		if err != nil && h.Len() == 0 {
			return out, nil
		}
		addr := recipientOf(h.Get("Original-Recipient"))
		if addr == "" {
			addr = recipientOf(h.Get("Final-Recipient"))
		}
		if addr == "" || !strings.EqualFold(strings.TrimSpace(h.Get("Action")), "failed") {
			continue
		}
		code := strings.Fields(h.Get("Status") + " ")
		b := Bounce{Address: addr, Diagnostic: diagnostic(h.Get("Diagnostic-Code"))}
		if len(code) > 0 {
			b.Status = code[0]
		}
		switch {
		case strings.HasPrefix(b.Status, "5."):
			b.Kind = HardBounce
		case strings.HasPrefix(b.Status, "4."):
			b.Kind = SoftBounce
		default:
			continue
		}
		out = append(out, b)
	}
}

// recipientOf reads "rfc822; user@example.jp" (RFC 3464 address-type; address).
func recipientOf(v string) string {
	_, a, ok := strings.Cut(v, ";")
	if !ok {
		a = v
	}
	a = strings.Trim(strings.TrimSpace(a), "<>")
	if n, err := NormalizeAddress(a); err == nil {
		return n
	}
	return strings.ToLower(a)
}

// diagnostic drops the "smtp;" type and unfolds the server's reply.
func diagnostic(v string) string {
	if t, rest, ok := strings.Cut(v, ";"); ok && !strings.ContainsAny(t, " ") {
		v = rest
	}
	return strings.Join(strings.Fields(v), " ")
}

// BounceSummary says what RecordReport did.
type BounceSummary struct {
	Hard, Soft int // bounces recorded (a DSN seen before counts 0)
	Matched    int // of which matched to an outbox message
	Suppressed int // addresses put on the suppression list
}

// RecordReport records a DSN's bounces: each is matched to the message
// (Kizuna's Message-ID, else the latest message sent to the address) and
// noted on its outbox row; a hard bounce suppresses the address at once,
// soft bounces do after Config.SoftBounceLimit within SoftBounceWindow.
// A DSN seen before (same Message-ID) changes nothing.
func (e *Engine) RecordReport(ctx context.Context, rep *Report, source string) (BounceSummary, error) {
	var sum BounceSummary
	tx, err := e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return sum, err
	}
	defer tx.Rollback()
	now := e.cfg.Now()
	for _, b := range rep.Bounces {
		id, err := matchBounce(ctx, tx, rep, b.Address)
		if err != nil {
			return sum, err
		}
		reply := strings.TrimSpace(string(b.Kind) + " bounce " + b.Status + " " + b.Diagnostic)
		res, err := tx.ExecContext(ctx, `INSERT INTO mail_bounces(received_at, outbox_id, address, kind, status, diagnostic, source, report_id)
			VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, NULLIF(?, '')) ON CONFLICT DO NOTHING`,
			now.UnixMilli(), id, b.Address, b.Kind, b.Status, b.Diagnostic, source, rep.ReportID)
		if err != nil {
			return sum, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // this DSN was recorded before
		}
		if b.Kind == HardBounce {
			sum.Hard++
		} else {
			sum.Soft++
		}
		if id != 0 {
			sum.Matched++
			if err := markBounced(ctx, tx, id, b.Kind, reply); err != nil {
				return sum, err
			}
		}
		suppress := b.Kind == HardBounce
		if !suppress {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mail_bounces WHERE address = ? AND kind = 'soft' AND received_at >= ?`,
				b.Address, now.Add(-e.cfg.SoftBounceWindow).UnixMilli()).Scan(&n); err != nil {
				return sum, err
			}
			suppress = n >= e.cfg.SoftBounceLimit
		}
		if suppress {
			reason := "hard_bounce"
			if b.Kind == SoftBounce {
				reason = "soft_bounces"
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO mail_suppression(address, reason, detail) VALUES (?, ?, ?)
				ON CONFLICT(address) DO NOTHING`, b.Address, reason, reply)
			if err != nil {
				return sum, err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				sum.Suppressed++
			}
		}
	}
	return sum, tx.Commit()
}

// matchBounce finds the outbox message a bounce reports (0: none).
func matchBounce(ctx context.Context, tx *sql.Tx, rep *Report, addr string) (int64, error) {
	var id int64
	var err error
	switch {
	case rep.MessageID != "":
		err = tx.QueryRowContext(ctx, `SELECT id FROM mail_outbox WHERE message_id = ? AND address = ?`, rep.MessageID, addr).Scan(&id)
	case rep.OutboxID != 0:
		err = tx.QueryRowContext(ctx, `SELECT id FROM mail_outbox WHERE id = ? AND address = ?`, rep.OutboxID, addr).Scan(&id)
	default:
		err = sql.ErrNoRows
	}
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT id FROM mail_outbox WHERE address = ? AND sent_at IS NOT NULL
			ORDER BY sent_at DESC, id DESC LIMIT 1`, addr).Scan(&id)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// markBounced notes the bounce on the outbox row: a hard bounce moves a
// sent message to 'bounced' where the schema has that state (the campaign
// screens add it), a soft one only records the reply.
func markBounced(ctx context.Context, tx *sql.Tx, id int64, kind BounceKind, reply string) error {
	if kind == HardBounce {
		_, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET state = 'bounced', last_reply = ? WHERE id = ? AND state = 'sent'`, reply, id)
		if err == nil || !strings.Contains(err.Error(), "CHECK constraint failed") {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET last_reply = ? WHERE id = ?`, reply, id)
	return err
}

// BounceCount is how many bounces an address had since a time.
func (e *Engine) BounceCount(ctx context.Context, addr string, since time.Time) (hard, soft int, err error) {
	err = e.st.R.QueryRowContext(ctx, `SELECT coalesce(sum(kind = 'hard'), 0), coalesce(sum(kind = 'soft'), 0)
		FROM mail_bounces WHERE address = ? AND received_at >= ?`, addr, since.UnixMilli()).Scan(&hard, &soft)
	return hard, soft, err
}
