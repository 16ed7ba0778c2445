package mail

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Kind separates mail people asked for from mail that promotes.
type Kind string

// Message kinds.
const (
	Transactional Kind = "transactional" // login links, replies, reminders: no opt-in needed
	Promotional   Kind = "promotional"   // news, campaigns: opt-in required
)

// State is where a message is in the outbox.
type State string

// Message states.
const (
	Queued     State = "queued"
	Sending    State = "sending"
	Sent       State = "sent"
	Failed     State = "failed"
	Suppressed State = "suppressed"
	// Held: queued for a paused campaign; resume queues it again.
	Held State = "held"
	// Cancelled: the campaign was cancelled before it went.
	Cancelled State = "cancelled"
	// Bounced: accepted, then reported undeliverable.
	Bounced State = "bounced"
	// Unsubscribed: the recipient unsubscribed before it went.
	Unsubscribed State = "unsubscribed"
)

// Outgoing is a transactional message handed to the engine.
type Outgoing struct {
	To        string // address
	ToName    string // display name, e.g. 山田 太郎
	AlumnusID int64  // 0 when not an alumnus
	Subject   string
	HTML      string
	// Attachments go with the message, e.g. EventInvitation's .ics
	// (at most MaxAttachmentBytes in all).
	Attachments []Attachment
	// FromName replaces the sender identity's display name ("" keeps it);
	// the From address stays the identity's.
	FromName string
	// ReplyTo is the Reply-To address, e.g. the inviting former manager.
	ReplyTo string
}

// Message is one outbox row as the console and tests see it.
type Message struct {
	ID            int64     `json:"id"`
	Kind          Kind      `json:"kind"`
	CampaignID    int64     `json:"campaign_id,omitempty"`
	AlumnusID     int64     `json:"alumnus_id,omitempty"`
	Address       string    `json:"address"`
	MessageID     string    `json:"message_id"`
	State         State     `json:"state"`
	Attempts      int       `json:"attempts"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
	LastReply     string    `json:"last_reply"`
	CreatedAt     time.Time `json:"created_at"`
}

func (e *Engine) newMessageID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:]) + "@" + e.cfg.Domain
}

// Send queues a transactional message ahead of any promotional mail. It
// needs no opt-in, but a suppressed (hard-bounced) address is refused.
func (e *Engine) Send(ctx context.Context, m Outgoing) (Message, error) {
	addr, err := NormalizeAddress(m.To)
	if err != nil {
		return Message{}, err
	}
	if reason, ok, err := e.Suppressed(ctx, addr); err != nil {
		return Message{}, err
	} else if ok {
		return Message{}, ErrSuppressed.Withf("%s: %s", "%s: %s", addr, reason)
	}
	if err := checkAttachments(m.Attachments); err != nil {
		return Message{}, err
	}
	return e.queue(ctx, Transactional, addr, m)
}

// queue inserts one ready-rendered message (transactional first, then
// promotional) and wakes the sender.
func (e *Engine) queue(ctx context.Context, kind Kind, addr string, m Outgoing) (Message, error) {
	now := e.cfg.Now()
	msg := Message{Kind: kind, AlumnusID: m.AlumnusID, Address: addr, MessageID: e.newMessageID(),
		State: Queued, CreatedAt: now, NextAttemptAt: now}
	priority := 0
	if kind == Promotional {
		priority = 1
	}
	tx, err := e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return Message{}, err
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO mail_outbox(kind, priority, alumnus_id, address, display_name,
		message_id, subject, html, created_at, next_attempt_at, from_name, reply_to) VALUES (?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		string(kind), priority, m.AlumnusID, addr, m.ToName, msg.MessageID, m.Subject, m.HTML, now.UnixMilli(), now.UnixMilli(),
		m.FromName, m.ReplyTo)
	if err != nil {
		return Message{}, err
	}
	msg.ID, _ = res.LastInsertId()
	if err := storeAttachments(ctx, tx, msg.ID, m.Attachments); err != nil {
		return Message{}, err
	}
	if err := tx.Commit(); err != nil {
		return Message{}, err
	}
	e.Wake()
	return msg, nil
}

// Get returns one outbox row.
func (e *Engine) Get(ctx context.Context, id int64) (Message, error) {
	var m Message
	var created, next int64
	err := e.st.R.QueryRowContext(ctx, `SELECT id, kind, coalesce(campaign_id, 0), coalesce(alumnus_id, 0), address,
		message_id, state, attempts, next_attempt_at, last_reply, created_at FROM mail_outbox WHERE id = ?`, id).
		Scan(&m.ID, &m.Kind, &m.CampaignID, &m.AlumnusID, &m.Address, &m.MessageID, &m.State, &m.Attempts, &next, &m.LastReply, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	m.CreatedAt, m.NextAttemptAt = time.UnixMilli(created), time.UnixMilli(next)
	return m, err
}

// Counts returns how many messages are in each state (campaignID 0: all).
func (e *Engine) Counts(ctx context.Context, campaignID int64) (map[State]int, error) {
	q := `SELECT state, count(*) FROM mail_outbox GROUP BY state`
	args := []any{}
	if campaignID != 0 {
		q = `SELECT state, count(*) FROM mail_outbox WHERE campaign_id = ? GROUP BY state`
		args = append(args, campaignID)
	}
	rows, err := e.st.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[State]int{}
	for rows.Next() {
		var s State
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// pending reports whether any message is queued or being sent.
func (e *Engine) pending(ctx context.Context) (bool, error) {
	var one int
	err := e.st.R.QueryRowContext(ctx, `SELECT 1 FROM mail_outbox WHERE state IN ('queued','sending') LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// requeued is the state a row goes back to for another attempt: 'queued',
// or 'held' / 'cancelled' when its campaign was paused or cancelled meanwhile.
const requeued = `CASE WHEN campaign_id IS NULL THEN 'queued' ELSE coalesce((SELECT CASE c.state WHEN 'paused' THEN 'held'
	WHEN 'cancelled' THEN 'cancelled' END FROM mail_campaigns c WHERE c.id = mail_outbox.campaign_id), 'queued') END`

// Recover puts rows a crash left in 'sending' back to 'queued' and returns
// how many. Start calls it; nothing else may be running on the outbox.
func (e *Engine) Recover(ctx context.Context) (int64, error) {
	res, err := e.st.W.ExecContext(ctx, `UPDATE mail_outbox SET state = `+requeued+` WHERE state = 'sending'`)
	if err != nil {
		return 0, fmt.Errorf("recover outbox: %w", err)
	}
	return res.RowsAffected()
}

// row is a claimed outbox row: what the renderer needs.
type row struct {
	id, campaignID, alumnusID int64
	kind                      Kind
	address, name, messageID  string
	subject, html, vars       string
	fromName, replyTo         string
	attempts                  int
	createdAt                 int64
	blocked                   string // why it must not go (suppressed, unsubscribed), "" otherwise
	priority                  int
	due                       int64
}

// claim moves up to limit due rows from queued to sending and returns them,
// each with the reason it must not go when the address was suppressed or
// (promotional) unsubscribed since enqueue.
func (e *Engine) claim(ctx context.Context, limit int) ([]row, error) {
	rows, err := e.st.W.QueryContext(ctx, `UPDATE mail_outbox SET state = 'sending'
		WHERE id IN (SELECT id FROM mail_outbox INDEXED BY mail_outbox_due WHERE state = 'queued' AND next_attempt_at <= ?
			ORDER BY priority, next_attempt_at, id LIMIT ?)
		RETURNING id, kind, coalesce(campaign_id, 0), coalesce(alumnus_id, 0), address, display_name, message_id,
			subject, html, vars, attempts, created_at, priority, next_attempt_at, from_name, reply_to,
			CASE WHEN EXISTS (SELECT 1 FROM mail_suppression s WHERE s.address = mail_outbox.address) THEN 'suppressed address'
				WHEN kind = 'promotional' AND NOT EXISTS (SELECT 1 FROM mail_consent c
					WHERE c.address = mail_outbox.address AND c.revoked_at IS NULL) THEN '`+blockedNoConsent+`'
				ELSE '' END`, e.cfg.Now().UnixMilli(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.kind, &r.campaignID, &r.alumnusID, &r.address, &r.name, &r.messageID,
			&r.subject, &r.html, &r.vars, &r.attempts, &r.createdAt, &r.priority, &r.due, &r.fromName, &r.replyTo, &r.blocked); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	// RETURNING gives rows in table order: restore the send order.
	slices.SortFunc(out, func(a, b row) int {
		return cmp.Or(cmp.Compare(a.priority, b.priority), cmp.Compare(a.due, b.due), cmp.Compare(a.id, b.id))
	})
	return out, rows.Err()
}

// blockedNoConsent is why a promotional row claimed after its recipient
// unsubscribed does not go.
const blockedNoConsent = "no consent (unsubscribed)"

// blockedState is the final state of a row that must not go.
func blockedState(reason string) State {
	if reason == blockedNoConsent {
		return Unsubscribed
	}
	return Suppressed
}

// nextDue returns when the earliest queued row becomes due (ok false: none).
func (e *Engine) nextDue(ctx context.Context) (time.Time, bool, error) {
	var ms sql.NullInt64
	err := e.st.R.QueryRowContext(ctx, `SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'`).Scan(&ms)
	if err != nil || !ms.Valid {
		return time.Time{}, false, err
	}
	return time.UnixMilli(ms.Int64), true, nil
}

// outcome is the result of one delivery attempt, recorded per message.
type outcome struct {
	id       int64
	state    State // sent, queued (retry) or failed
	attempts int
	next     time.Time
	reply    string
	suppress string // address to put on the suppression list (hard failure)
}

// record commits a batch of outcomes in one transaction. Each row gets its
// own state; the batch only saves commits. The rows are updated by one
// statement over a JSON array of [state, attempts, next attempt, reply, id]
// (a statement per row costs more than the row).
func (e *Engine) record(ctx context.Context, batch []outcome) error {
	arr := make([]byte, 0, 64*len(batch))
	arr = append(arr, '[')
	for i, o := range batch {
		if i > 0 {
			arr = append(arr, ',')
		}
		arr = append(arr, '[')
		arr = appendJSONString(arr, string(o.state))
		arr = append(arr, ',')
		arr = strconv.AppendInt(arr, int64(o.attempts), 10)
		arr = append(arr, ',')
		arr = strconv.AppendInt(arr, o.next.UnixMilli(), 10)
		arr = append(arr, ',')
		arr = appendJSONString(arr, o.reply)
		arr = append(arr, ',')
		arr = strconv.AppendInt(arr, o.id, 10)
		arr = append(arr, ']')
	}
	arr = append(arr, ']')
	tx, err := e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// A retry of a campaign paused or cancelled meanwhile is held or cancelled.
	if _, err := tx.ExecContext(ctx, `UPDATE mail_outbox SET state = CASE WHEN o.value->>0 = 'queued' THEN `+requeued+` ELSE o.value->>0 END,
		attempts = o.value->>1, next_attempt_at = o.value->>2, last_reply = o.value->>3, attempted_at = ?1,
		sent_at = CASE WHEN o.value->>0 = 'sent' THEN ?1 ELSE sent_at END
		FROM json_each(?2) AS o WHERE mail_outbox.id = o.value->>4`, e.cfg.Now().UnixMilli(), string(arr)); err != nil {
		return err
	}
	for _, o := range batch {
		if o.suppress != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO mail_suppression(address, reason, detail) VALUES (?, 'hard_bounce', ?)
				ON CONFLICT(address) DO NOTHING`, o.suppress, o.reply); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

// appendJSONString appends s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	q, _ := json.Marshal(s)
	return append(b, q...)
}
