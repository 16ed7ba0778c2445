package mail

import (
	"context"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"io"
	"slices"
	"sort"
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

// varsSQL builds the merge fields from an alumni row aliased a.
const varsSQL = `json_object('氏名', a.name,
	'姓', CASE WHEN instr(a.name, ' ') > 0 THEN substr(a.name, 1, instr(a.name, ' ') - 1) ELSE a.name END,
	'名', CASE WHEN instr(a.name, ' ') > 0 THEN substr(a.name, instr(a.name, ' ') + 1) ELSE '' END,
	'フリガナ', a.name_reading, 'email', a.email, 'メール', a.email,
	'会社', coalesce((SELECT name FROM companies WHERE id = a.company_id), ''),
	'部署', a.department, '現在の勤務先', a.current_employer)`

type campaignTemplates struct {
	subject *texttemplate.Template
	html    *htmltemplate.Template
	// text renders the plain-text part directly: the HTML template turned
	// into text once, at parse time. nil when that conversion cannot be
	// trusted; the text is then derived from each rendered HTML.
	text *texttemplate.Template
	// fromName replaces the identity's name in From when set.
	fromName string
	// links is the number of click-tracked links (0: tracking off).
	links int
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
	t := &campaignTemplates{subject: s, html: h, links: countMarks(c.HTML)}
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

// EnqueueCampaign checks the sender identity and the templates, stores the
// campaign and queues one message per alumnus of the audience who has a
// recorded, unrevoked opt-in and is not suppressed. Rendering happens at
// send time, just ahead of the senders.
func (e *Engine) EnqueueCampaign(ctx context.Context, c Campaign, aud Audience) (Enqueued, error) {
	if err := e.checkIdentity(ctx); err != nil {
		return Enqueued{}, err
	}
	tpl, err := parseCampaign(c)
	if err != nil {
		return Enqueued{}, err
	}
	res, err := e.st.W.ExecContext(ctx, `INSERT INTO mail_campaigns(name, subject, subject_source, html, body, state, enqueued, started_at)
		VALUES (?, ?, ?, ?, ?, 'running', 0, strftime('%Y-%m-%dT%H:%M:%fZ','now'))`, c.Name, c.Subject, c.Subject, c.HTML, c.HTML)
	if err != nil {
		return Enqueued{}, err
	}
	out := Enqueued{}
	out.CampaignID, _ = res.LastInsertId()
	e.tplMu.Lock()
	e.templates[out.CampaignID] = tpl
	e.tplMu.Unlock()
	out.Queued, err = e.enqueue(ctx, out.CampaignID, aud.AlumniIDs)
	return out, err
}

// checkIdentity refuses promotional mail while the sender identity or the
// unsubscribe link's base URL is missing.
func (e *Engine) checkIdentity(ctx context.Context) error {
	id, err := e.Identity(ctx)
	if err != nil {
		return err
	}
	if !id.Complete() {
		var ja, en []string
		for _, f := range []struct{ v, ja, en string }{{id.Name, "名称", "name"}, {id.FromAddress, "送信元アドレス", "from address"},
			{id.PostalAddress, "住所", "postal address"}, {id.Contact, "連絡先", "contact"}} {
			if f.v == "" {
				ja, en = append(ja, f.ja), append(en, f.en)
			}
		}
		return ErrNoSenderIdentity.Withf("未設定: %[1]s", "missing: %[2]s", strings.Join(ja, "・"), strings.Join(en, ", "))
	}
	if strings.HasPrefix(e.UnsubscribeURL(""), "/") {
		return ErrNoSenderIdentity.Withf("配信停止リンクの URL（BaseURL）が未設定", "the unsubscribe link's base URL is not set")
	}
	return nil
}

// enqueueChunk is how many recipients one transaction queues: the senders
// start on the first chunk while the rest is still being queued.
const enqueueChunk = 2000

// enqueueSQL queues the campaign's messages for alumni with an address, an
// opt-in and no suppression, in id order after ?5; %s narrows to a chunk of
// the audience. Rows of a paused campaign are queued held; a cancelled one
// gets none (checked in the same statement, so no cancel slips between).
const enqueueSQL = `INSERT INTO mail_outbox(kind, priority, campaign_id, alumnus_id, address, display_name, message_id, vars,
		created_at, next_attempt_at, state)
	SELECT 'promotional', 1, ?1, a.id, a.email, a.name, lower(hex(randomblob(12))) || '@' || ?2, ` + varsSQL + `, ?3, ?3,
		CASE (SELECT state FROM mail_campaigns WHERE id = ?1) WHEN 'paused' THEN 'held' ELSE 'queued' END
	FROM alumni a
	WHERE a.id > ?5 AND a.email <> ''%s
	AND (SELECT state FROM mail_campaigns WHERE id = ?1) IN ('running','paused')
	AND EXISTS (SELECT 1 FROM mail_consent c WHERE c.address = a.email AND c.revoked_at IS NULL)
	AND NOT EXISTS (SELECT 1 FROM mail_suppression s WHERE s.address = a.email)
	ORDER BY a.id LIMIT ?6 RETURNING alumnus_id`

// enqueue queues the campaign's recipients in chunks, one transaction each,
// waking the senders after each, starting after the last alumnus already
// queued (so a restart resumes). ids nil means every opted-in alumnus. It
// stops early when the campaign is cancelled, and marks it fully enqueued.
func (e *Engine) enqueue(ctx context.Context, campaignID int64, ids []int64) (int, error) {
	var last int64
	if err := e.st.W.QueryRowContext(ctx, `SELECT coalesce(max(alumnus_id), 0) FROM mail_outbox WHERE campaign_id = ?`,
		campaignID).Scan(&last); err != nil {
		return 0, err
	}
	all := fmt.Sprintf(enqueueSQL, "")
	some := fmt.Sprintf(enqueueSQL, " AND a.id IN (SELECT value FROM json_each(?4))")
	if ids != nil {
		ids = slices.Clone(ids)
		slices.Sort(ids)
		ids = ids[sort.Search(len(ids), func(i int) bool { return ids[i] > last }):]
	}
	total := 0
	for {
		var state string
		if err := e.st.W.QueryRowContext(ctx, `SELECT state FROM mail_campaigns WHERE id = ?`, campaignID).Scan(&state); err != nil {
			return total, err
		}
		if state == string(CampaignCancelled) {
			return total, nil
		}
		q, chunk, limit := all, "", enqueueChunk
		if ids != nil {
			if len(ids) == 0 {
				break
			}
			n := min(len(ids), enqueueChunk)
			b, _ := json.Marshal(ids[:n])
			q, chunk, limit, ids = some, string(b), n, ids[n:]
		}
		now := e.cfg.Now().UnixMilli()
		rows, err := e.st.W.QueryContext(ctx, q, campaignID, e.cfg.Domain, now, chunk, last, limit)
		if err != nil {
			return total, err
		}
		n := 0
		for rows.Next() {
			var aid int64
			if err := rows.Scan(&aid); err != nil {
				rows.Close()
				return total, err
			}
			last = max(last, aid)
			n++
		}
		if err := rows.Close(); err != nil {
			return total, err
		}
		total += n
		e.Wake()
		if ids == nil && n < enqueueChunk {
			break
		}
	}
	_, err := e.st.W.ExecContext(ctx, `UPDATE mail_campaigns SET enqueued = 1 WHERE id = ?`, campaignID)
	return total, err
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
	var fromName string
	if err := e.st.R.QueryRowContext(ctx, `SELECT id, name, subject, html, from_name FROM mail_campaigns WHERE id = ?`, id).
		Scan(&c.ID, &c.Name, &c.Subject, &c.HTML, &fromName); err != nil {
		return nil, err
	}
	t, err := parseCampaign(c)
	if err != nil {
		return nil, err
	}
	t.fromName = fromName
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

// Personalised is one recipient's rendered campaign mail, footer included.
type Personalised struct {
	Subject        string `json:"subject"`
	HTML           string `json:"html"`
	Text           string `json:"text"`
	unsubscribeURL string
}

// personalise renders the campaign for one recipient with the legal footer
// and the signed unsubscribe link: exactly what is sent, and what preview shows.
func (e *Engine) personalise(id Identity, t *campaignTemplates, vars string, u Unsubscribe, outboxID int64) (Personalised, error) {
	if !id.Complete() {
		return Personalised{}, ErrNoSenderIdentity
	}
	var p Personalised
	var err error
	if p.Subject, p.HTML, p.Text, err = renderCampaign(t, vars); err != nil {
		return p, err
	}
	if t.links > 0 {
		e.trackClicks(&p, t.links, outboxID, u.CampaignID)
	}
	p.unsubscribeURL = e.UnsubscribeURL(e.signer.Token(u))
	p.HTML += footerHTML(id, p.unsubscribeURL)
	if p.Text != "" {
		p.Text += "\n" + footerText(id, p.unsubscribeURL)
	}
	return p, nil
}
