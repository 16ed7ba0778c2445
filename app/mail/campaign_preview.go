package mail

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
)

// PreviewInput is content to preview: a saved campaign's (CampaignID) or
// the editor's unsaved one, for one alumnus (nil: the first reachable
// member of the segment, else sample values).
type PreviewInput struct {
	CampaignID int64  `json:"-"`
	Subject    string `json:"subject"`
	BodyFormat string `json:"body_format"`
	Body       string `json:"body"`
	FromName   string `json:"-"`
	SegmentID  *int64 `json:"-"`
	AlumnusID  *int64 `json:"alumnus_id"`
	// ClickTracking previews the tracked links and the footer disclosure.
	ClickTracking bool `json:"click_tracking"`
}

// Recipient is who a preview is for.
type Recipient struct {
	AlumnusID int64  `json:"alumnus_id"`
	Name      string `json:"name"`
	Email     string `json:"email"`
}

// Preview is a rendered mail exactly as it is sent, footer and
// unsubscribe link included.
type Preview struct {
	Personalised
	Recipient *Recipient `json:"recipient"`
}

// ForCampaign fills in the saved campaign's content and segment.
func (c *Campaigns) ForCampaign(ctx context.Context, id int64, alumnusID *int64) (PreviewInput, error) {
	ci, err := c.Get(ctx, id)
	if err != nil {
		return PreviewInput{}, err
	}
	return PreviewInput{CampaignID: id, Subject: ci.Subject, BodyFormat: ci.BodyFormat, Body: ci.Body, FromName: ci.FromName,
		SegmentID: ci.SegmentID, AlumnusID: alumnusID, ClickTracking: ci.ClickTracking}, nil
}

// Preview renders in for its recipient. An alumnus outside the campaign's
// segment is not found; a broken template is ErrInvalidTemplate.
func (c *Campaigns) Preview(ctx context.Context, in PreviewInput) (Preview, error) {
	cin := CampaignInput{Name: "preview", Subject: in.Subject, BodyFormat: in.BodyFormat, Body: in.Body, ClickTracking: in.ClickTracking}
	comp, err := compileInput(&cin)
	if err != nil {
		return Preview{}, err
	}
	t, err := parseCampaign(Campaign{Subject: comp.subject, HTML: comp.html})
	if err != nil {
		return Preview{}, err
	}
	var members []int64
	if in.SegmentID != nil {
		if members, err = c.aud.Resolve(ctx, *in.SegmentID); err != nil {
			return Preview{}, err
		}
	}
	var rcpt *Recipient
	vars := ""
	switch {
	case in.AlumnusID != nil:
		if in.SegmentID != nil && !slices.Contains(members, *in.AlumnusID) {
			return Preview{}, ErrNotFound.Withf("この卒業生は配信先に含まれていません", "the alumnus is not in this campaign's audience")
		}
		rcpt, vars, err = c.alumnusVars(ctx, `a.id = ?`, *in.AlumnusID)
	case members != nil:
		b, _ := json.Marshal(members)
		rcpt, vars, err = c.alumnusVars(ctx, `a.id IN (SELECT value FROM json_each(?)) AND a.email <> ''
			AND EXISTS (SELECT 1 FROM mail_consent c WHERE c.address = a.email AND c.revoked_at IS NULL)
			AND NOT EXISTS (SELECT 1 FROM mail_suppression s WHERE s.address = a.email)`, string(b))
		if errors.Is(err, ErrNotFound) {
			err = nil
		}
	}
	if err != nil {
		return Preview{}, err
	}
	u := Unsubscribe{CampaignID: in.CampaignID, Address: sampleVars["メール"]}
	if rcpt == nil {
		b, _ := json.Marshal(sampleVars)
		vars = string(b)
	} else {
		u.Address, u.AlumnusID = rcpt.Email, rcpt.AlumnusID
	}
	id, err := c.e.Identity(ctx)
	if err != nil {
		return Preview{}, err
	}
	if !id.Complete() { // preview still shows the footer, with what is missing left blank
		id.Name, id.FromAddress = id.Name+" ", id.FromAddress+" "
		id.PostalAddress, id.Contact = id.PostalAddress+" ", id.Contact+" "
	}
	p, err := c.e.personalise(id, t, vars, u, 0)
	if err != nil {
		return Preview{}, err
	}
	if p.Text == "" {
		p.Text = HTMLToText(p.HTML)
	}
	return Preview{Personalised: p, Recipient: rcpt}, nil
}

// alumnusVars returns the first alumnus matching where (by id) and its merge fields.
func (c *Campaigns) alumnusVars(ctx context.Context, where string, arg any) (*Recipient, string, error) {
	var r Recipient
	var vars string
	err := c.e.st.R.QueryRowContext(ctx, `SELECT a.id, a.name, a.email, `+varsSQL+` FROM alumni a WHERE `+where+` ORDER BY a.id LIMIT 1`, arg).
		Scan(&r.AlumnusID, &r.Name, &r.Email, &vars)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", ErrNotFound.Withf("卒業生が見つかりません", "alumnus not found")
	}
	return &r, vars, err
}

// TestSent is the outcome of a test send.
type TestSent struct {
	MessageID string `json:"message_id"`
	Reply     string `json:"reply"`
}

// TestSend sends the campaign as rendered for its first reachable member
// (or sample values) to addr, as transactional mail ahead of bulk, and
// waits up to wait for the server's reply.
func (c *Campaigns) TestSend(ctx context.Context, id int64, addr string, wait time.Duration) (TestSent, error) {
	in, err := c.ForCampaign(ctx, id, nil)
	if err != nil {
		return TestSent{}, err
	}
	if err := c.e.checkIdentity(ctx); err != nil {
		return TestSent{}, errStartIdentity(err)
	}
	p, err := c.Preview(ctx, in)
	if err != nil {
		return TestSent{}, err
	}
	m, err := c.e.Send(ctx, Outgoing{To: addr, Subject: "[テスト送信] " + p.Subject, HTML: p.HTML})
	if err != nil {
		return TestSent{}, err
	}
	out := TestSent{MessageID: m.MessageID}
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		got, err := c.e.Get(ctx, m.ID)
		if err != nil {
			return out, err
		}
		if got.State != Queued && got.State != Sending {
			out.Reply = got.LastReply
			return out, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	out.Reply = "queued"
	return out, nil
}

// RecipientRow is one message of a campaign in the recipient log.
type RecipientRow struct {
	ID        int64      `json:"id"`
	AlumnusID int64      `json:"alumnus_id"`
	Name      string     `json:"name"`
	Address   string     `json:"address"`
	State     State      `json:"state"`
	Attempts  int        `json:"attempts"`
	LastReply string     `json:"last_reply"`
	SentAt    *time.Time `json:"sent_at"`
}

// RecipientPage is one page of the recipient log.
type RecipientPage struct {
	Total  int            `json:"total"`
	Offset int            `json:"offset"`
	Limit  int            `json:"limit"`
	Items  []RecipientRow `json:"items"`
}

// Recipients pages through a campaign's messages; q matches name or
// address, state one state ("" all; queued includes held). limit 0 = all.
func (c *Campaigns) Recipients(ctx context.Context, id int64, q, state string, offset, limit int, each func(RecipientRow) error) (int, error) {
	if _, err := c.Get(ctx, id); err != nil {
		return 0, err
	}
	where := `campaign_id = ?1 AND (?2 = '' OR display_name LIKE ?3 ESCAPE '\' OR address LIKE ?3 ESCAPE '\')
		AND (?4 = '' OR state = ?4 OR (?4 = 'queued' AND state = 'held'))`
	like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.TrimSpace(q)) + "%"
	args := []any{id, strings.TrimSpace(q), like, state}
	var total int
	if err := c.e.st.R.QueryRowContext(ctx, `SELECT count(*) FROM mail_outbox WHERE `+where, args...).Scan(&total); err != nil {
		return 0, err
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := c.e.st.R.QueryContext(ctx, `SELECT id, coalesce(alumnus_id, 0), display_name, address, state, attempts, last_reply, sent_at
		FROM mail_outbox WHERE `+where+` ORDER BY id LIMIT ?5 OFFSET ?6`, append(args, limit, offset)...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var r RecipientRow
		var sent sql.NullInt64
		if err := rows.Scan(&r.ID, &r.AlumnusID, &r.Name, &r.Address, &r.State, &r.Attempts, &r.LastReply, &sent); err != nil {
			return 0, err
		}
		if sent.Valid {
			t := time.UnixMilli(sent.Int64).UTC()
			r.SentAt = &t
		}
		if err := each(r); err != nil {
			return 0, err
		}
	}
	return total, rows.Err()
}
