package mail

import (
	"context"
	"encoding/json"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Run supervises campaigns until ctx ends: it starts due scheduled
// campaigns, resumes queueing interrupted by a stop, marks campaigns with
// nothing left finished, and pauses a campaign on a run of SMTP errors.
func (c *Campaigns) Run(ctx context.Context) {
	c.mu.Lock()
	c.baseCtx = ctx
	c.mu.Unlock()
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		c.Supervise(ctx)
		select {
		case <-ctx.Done():
			c.wg.Wait()
			return
		case <-t.C:
		}
	}
}

// Supervise runs one round of Run's checks.
func (c *Campaigns) Supervise(ctx context.Context) {
	list, err := c.active(ctx)
	if err != nil {
		if ctx.Err() == nil {
			c.log.Error("mail: campaign supervisor", "err", err)
		}
		return
	}
	now := c.e.cfg.Now()
	for _, ci := range list {
		switch ci.State {
		case CampaignScheduled:
			if ci.ScheduledAt != nil && !ci.ScheduledAt.After(now) {
				if _, err := c.Start(ctx, ci.ID); err != nil {
					c.log.Warn("mail: scheduled campaign did not start", "campaign", ci.ID, "err", err)
					ja, en := err.Error(), err.Error()
					if fe, ok := fault.As(err); ok {
						ja, en = fe.JA, fe.EN
					}
					c.transition(ctx, ci.ID, "一時停止", []CampaignState{CampaignScheduled}, `state = 'paused', pause_reason = ?, pause_reason_en = ?`,
						[]any{"予約時刻に開始できませんでした: " + ja, "the scheduled start failed: " + en}, "")
				}
			}
		case CampaignRunning, CampaignPaused:
			c.superviseActive(ctx, ci)
		}
	}
}

// active returns the scheduled, running and paused campaigns.
func (c *Campaigns) active(ctx context.Context) ([]CampaignInfo, error) {
	rows, err := c.e.st.R.QueryContext(ctx, `SELECT id FROM mail_campaigns WHERE state IN ('scheduled','running','paused')`)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	out := make([]CampaignInfo, 0, len(ids))
	for _, id := range ids {
		ci, err := c.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, ci)
	}
	return out, rows.Err()
}

func (c *Campaigns) superviseActive(ctx context.Context, ci CampaignInfo) {
	var enqueued int
	var audience string
	var windowFrom int64
	if err := c.e.st.R.QueryRowContext(ctx, `SELECT enqueued, audience, window_from FROM mail_campaigns WHERE id = ?`, ci.ID).
		Scan(&enqueued, &audience, &windowFrom); err != nil {
		return
	}
	if enqueued == 0 {
		var ids []int64
		json.Unmarshal([]byte(audience), &ids)
		c.spawnEnqueue(ci.ID, ids)
		return
	}
	if ci.State != CampaignRunning {
		return
	}
	if ci.Counts.Queued+ci.Counts.Sending == 0 {
		c.transition(ctx, ci.ID, "完了", []CampaignState{CampaignRunning}, `state = 'finished', finished_at = ?`,
			[]any{stamp(c.e.cfg.Now())}, "")
		return
	}
	if reply, bad := c.errorRun(ctx, ci.ID, windowFrom); bad {
		c.log.Warn("mail: campaign paused on a run of SMTP errors", "campaign", ci.ID, "reply", reply)
		c.pause(ctx, ci.ID, "SMTP エラーが続いたため自動で一時停止しました: "+reply,
			"paused automatically after a run of SMTP errors: "+reply)
	}
}

// Thresholds of the automatic pause: this many failed attempts in a row,
// or more than half of the last errorWindow attempts.
const (
	errorRunLength = 20
	errorWindow    = 50
)

// errorRun looks at the campaign's latest delivery attempts since
// windowFrom and reports whether they are a run of errors, with the last reply.
func (c *Campaigns) errorRun(ctx context.Context, id, windowFrom int64) (string, bool) {
	rows, err := c.e.st.R.QueryContext(ctx, `SELECT state, last_reply FROM mail_outbox
		WHERE campaign_id = ? AND attempted_at >= ? AND state NOT IN ('suppressed','unsubscribed','cancelled')
		ORDER BY attempted_at DESC, id DESC LIMIT ?`, id, windowFrom, errorWindow)
	if err != nil {
		return "", false
	}
	defer rows.Close()
	n, errs, run, inRun, last := 0, 0, 0, true, ""
	for rows.Next() {
		var state, reply string
		if rows.Scan(&state, &reply) != nil {
			return "", false
		}
		if n == 0 {
			last = reply
		}
		n++
		if state != string(Sent) {
			errs++
			if inRun {
				run++
			}
		} else {
			inRun = false
		}
	}
	return last, run >= errorRunLength || (n == errorWindow && errs*2 > errorWindow)
}

// Wait waits until the audiences being queued in the background are queued.
func (c *Campaigns) Wait() { c.wg.Wait() }
