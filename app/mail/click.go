package mail

import (
	"context"
	"database/sql"
	"errors"
	"html"
	"regexp"
	"strconv"
	"strings"
)

// Click tracking is off by default. When a campaign turns it on, each
// absolute link of its body (except links with merge fields) is stored
// once, the HTML template carries a mark in its place, and each recipient's
// message gets a signed redirect per link, {base}/click?t=TOKEN, naming the
// outbox row and the link. The footer says so.

// clickMark stands for tracked link i in a campaign's HTML template.
func clickMark(i int) string { return "KZCLICK" + strconv.Itoa(i) + "X" }

var hrefRE = regexp.MustCompile(`href="(https?://[^"]+)"`)

// trackLinks replaces the absolute links of sanitised HTML by marks and
// returns the links in mark order.
func trackLinks(src string) (string, []string) {
	var links []string
	out := hrefRE.ReplaceAllStringFunc(src, func(m string) string {
		u := hrefRE.FindStringSubmatch(m)[1]
		if strings.Contains(u, "KZMERGE") { // personalised: left as is
			return m
		}
		links = append(links, html.UnescapeString(u))
		return `href="` + clickMark(len(links)-1) + `"`
	})
	return out, links
}

// countMarks is how many tracked links an HTML template has.
func countMarks(src string) int {
	n := 0
	for strings.Contains(src, clickMark(n)) {
		n++
	}
	return n
}

// clickDisclosure is the footer line of a campaign with click tracking.
const clickDisclosure = "このメールのリンクは、クリック数を計測するため送信者のサーバーを経由します。"

// trackClicks puts each recipient's redirect links in place of the marks.
func (e *Engine) trackClicks(p *Personalised, links int, outboxID, campaignID int64) {
	base := strings.TrimSuffix(e.UnsubscribeURL(""), "/unsubscribe?t=") + "/click?t="
	for i := 0; i < links; i++ {
		u := base + e.signer.ClickToken(outboxID, i, campaignID)
		p.HTML = strings.ReplaceAll(p.HTML, clickMark(i), html.EscapeString(u))
		p.Text = strings.ReplaceAll(p.Text, clickMark(i), u)
	}
	p.HTML += `<p style="font-size:12px;color:#555">` + clickDisclosure + `</p>`
	if p.Text != "" {
		p.Text += clickDisclosure + "\n"
	}
}

// saveLinks replaces the tracked links of campaign id.
func saveLinks(ctx context.Context, tx *sql.Tx, id int64, links []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM mail_campaign_links WHERE campaign_id = ?`, id); err != nil {
		return err
	}
	for i, u := range links {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mail_campaign_links(campaign_id, idx, url) VALUES (?, ?, ?)`, id, i, u); err != nil {
			return err
		}
	}
	return nil
}

// Click verifies a click token, records the click and returns where the
// link goes. A preview's token (no message) only redirects.
func (e *Engine) Click(ctx context.Context, token string) (string, error) {
	outboxID, idx, campaignID, err := e.signer.VerifyClick(token)
	if err != nil {
		return "", err
	}
	var u string
	err = e.st.R.QueryRowContext(ctx, `SELECT url FROM mail_campaign_links WHERE campaign_id = ? AND idx = ?`, campaignID, idx).Scan(&u)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrInvalidToken
	}
	if err != nil || outboxID == 0 {
		return u, err
	}
	_, err = e.st.W.ExecContext(ctx, `INSERT INTO mail_clicks(outbox_id, idx, clicked_at) SELECT id, ?, ? FROM mail_outbox
		WHERE id = ? AND campaign_id = ?`, idx, e.cfg.Now().UnixMilli(), outboxID, campaignID)
	return u, err
}
