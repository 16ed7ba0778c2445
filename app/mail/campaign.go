package mail

import (
	"context"
	"encoding/json"
	htmltemplate "html/template"
	"io"
	"strings"
	texttemplate "text/template"
)

// Campaign is a promotional mail to many alumni: templates rendered per
// recipient at send time with merge fields such as {{.姓}} and {{.氏名}}.
type Campaign struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Subject string `json:"subject"` // text/template
	HTML    string `json:"html"`    // html/template
}

// Merge fields every recipient has.
var sampleVars = map[string]string{"氏名": "山田 太郎", "姓": "山田", "名": "太郎", "フリガナ": "ヤマダ タロウ", "email": "taro@example.jp"}

// varsSQL builds the merge fields from an alumni row aliased a.
const varsSQL = `json_object('氏名', a.name,
	'姓', CASE WHEN instr(a.name, ' ') > 0 THEN substr(a.name, 1, instr(a.name, ' ') - 1) ELSE a.name END,
	'名', CASE WHEN instr(a.name, ' ') > 0 THEN substr(a.name, instr(a.name, ' ') + 1) ELSE '' END,
	'フリガナ', a.name_reading, 'email', a.email)`

type campaignTemplates struct {
	subject *texttemplate.Template
	html    *htmltemplate.Template
	// text renders the plain-text part directly: the HTML template turned
	// into text once, at parse time. nil when that conversion cannot be
	// trusted; the text is then derived from each rendered HTML.
	text *texttemplate.Template
}

func parseCampaign(c Campaign) (*campaignTemplates, error) {
	s, err := texttemplate.New("subject").Option("missingkey=zero").Parse(c.Subject)
	if err != nil {
		return nil, ErrInvalidTemplate.Wrap(err).WithFields(map[string]string{"subject": err.Error()})
	}
	h, err := htmltemplate.New("html").Option("missingkey=zero").Parse(c.HTML)
	if err != nil {
		return nil, ErrInvalidTemplate.Wrap(err).WithFields(map[string]string{"html": err.Error()})
	}
	t := &campaignTemplates{subject: s, html: h}
	// Errors are caught here, never mid-campaign.
	if err := t.subject.Execute(io.Discard, sampleVars); err != nil {
		return nil, ErrInvalidTemplate.Wrap(err).WithFields(map[string]string{"subject": err.Error()})
	}
	var hb strings.Builder
	if err := t.html.Execute(&hb, sampleVars); err != nil {
		return nil, ErrInvalidTemplate.Wrap(err).WithFields(map[string]string{"html": err.Error()})
	}
	if tt, err := texttemplate.New("text").Option("missingkey=zero").Parse(HTMLToText(c.HTML)); err == nil {
		var tb strings.Builder
		if tt.Execute(&tb, sampleVars) == nil && tb.String() == HTMLToText(hb.String()) {
			t.text = tt
		}
	}
	return t, nil
}

// Audience picks the campaign's recipients among alumni. Consent and
// suppression are always applied on top.
type Audience struct {
	AlumniIDs []int64 // nil: every alumnus with an opt-in
}

// Enqueued says what EnqueueCampaign did.
type Enqueued struct {
	CampaignID int64 `json:"campaign_id"`
	Queued     int   `json:"queued"`
}

// enqueueChunk is how many recipients one transaction queues: the senders
// start on the first chunk while the rest is still being queued.
const enqueueChunk = 2000

// EnqueueCampaign checks the sender identity and the templates, stores the
// campaign and queues one message per alumnus of the audience who has a
// recorded, unrevoked opt-in and is not suppressed. Rendering happens at
// send time, just ahead of the senders.
func (e *Engine) EnqueueCampaign(ctx context.Context, c Campaign, aud Audience) (Enqueued, error) {
	id, err := e.Identity(ctx)
	if err != nil {
		return Enqueued{}, err
	}
	if !id.Complete() {
		return Enqueued{}, ErrNoSenderIdentity
	}
	if e.BaseURL() == "" {
		return Enqueued{}, ErrNoSenderIdentity.Withf("配信停止リンクの URL（BaseURL）が未設定", "the unsubscribe link's base URL is not set")
	}
	tpl, err := parseCampaign(c)
	if err != nil {
		return Enqueued{}, err
	}
	res, err := e.st.W.ExecContext(ctx, `INSERT INTO mail_campaigns(name, subject, html) VALUES (?, ?, ?)`, c.Name, c.Subject, c.HTML)
	if err != nil {
		return Enqueued{}, err
	}
	out := Enqueued{}
	out.CampaignID, _ = res.LastInsertId()
	e.tplMu.Lock()
	e.templates[out.CampaignID] = tpl
	e.tplMu.Unlock()

	filter := ""
	var ids string
	if aud.AlumniIDs != nil {
		b, _ := json.Marshal(aud.AlumniIDs)
		ids = string(b)
		filter = ` AND a.id IN (SELECT value FROM json_each(?4))`
	}
	q := `INSERT INTO mail_outbox(kind, priority, campaign_id, alumnus_id, address, display_name, message_id, vars, created_at, next_attempt_at)
		SELECT 'promotional', 1, ?1, a.id, a.email, a.name, lower(hex(randomblob(12))) || '@' || ?2, ` + varsSQL + `, ?3, ?3
		FROM alumni a
		WHERE a.id > ?5 AND a.email <> ''` + filter + `
		AND EXISTS (SELECT 1 FROM mail_consent c WHERE c.address = a.email AND c.revoked_at IS NULL)
		AND NOT EXISTS (SELECT 1 FROM mail_suppression s WHERE s.address = a.email)
		ORDER BY a.id LIMIT ?6 RETURNING alumnus_id`
	var last int64
	for {
		now := e.cfg.Now().UnixMilli()
		rows, err := e.st.W.QueryContext(ctx, q, out.CampaignID, e.cfg.Domain, now, ids, last, enqueueChunk)
		if err != nil {
			return out, err
		}
		n := 0
		for rows.Next() {
			var aid int64
			if err := rows.Scan(&aid); err != nil {
				rows.Close()
				return out, err
			}
			last = max(last, aid)
			n++
		}
		if err := rows.Close(); err != nil {
			return out, err
		}
		out.Queued += n
		e.Wake()
		if n < enqueueChunk {
			return out, nil
		}
	}
}

// campaign returns the parsed templates of a campaign, loading them once.
func (e *Engine) campaign(ctx context.Context, id int64) (*campaignTemplates, error) {
	e.tplMu.Lock()
	t := e.templates[id]
	e.tplMu.Unlock()
	if t != nil {
		return t, nil
	}
	var c Campaign
	if err := e.st.R.QueryRowContext(ctx, `SELECT id, name, subject, html FROM mail_campaigns WHERE id = ?`, id).
		Scan(&c.ID, &c.Name, &c.Subject, &c.HTML); err != nil {
		return nil, err
	}
	t, err := parseCampaign(c)
	if err != nil {
		return nil, err
	}
	e.tplMu.Lock()
	e.templates[id] = t
	e.tplMu.Unlock()
	return t, nil
}

// renderCampaign executes the campaign's templates for one recipient.
// text is "" when the campaign has no direct text template.
func renderCampaign(t *campaignTemplates, varsJSON string) (subject, html, text string, err error) {
	vars := map[string]string{}
	if err := json.Unmarshal([]byte(varsJSON), &vars); err != nil {
		return "", "", "", err
	}
	var sb, hb, tb strings.Builder
	if err := t.subject.Execute(&sb, vars); err != nil {
		return "", "", "", err
	}
	if err := t.html.Execute(&hb, vars); err != nil {
		return "", "", "", err
	}
	if t.text != nil {
		if err := t.text.Execute(&tb, vars); err != nil {
			return "", "", "", err
		}
	}
	return strings.TrimSpace(sb.String()), hb.String(), tb.String(), nil
}
