package mail

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// forget drops a campaign's parsed templates so the next render reloads them.
func (e *Engine) forget(id int64) {
	e.tplMu.Lock()
	delete(e.templates, id)
	e.tplMu.Unlock()
}

// transition moves campaign id from one of from to the state set by set
// (SQL assignments), in one transaction with the outbox statement outbox
// (may be ""); it refuses with ErrBadState naming the current state.
func (c *Campaigns) transition(ctx context.Context, id int64, action string, from []CampaignState, set string, args []any, outbox string) (CampaignInfo, error) {
	ci, err := c.Get(ctx, id)
	if err != nil {
		return ci, err
	}
	allowed := false
	for _, s := range from {
		allowed = allowed || ci.State == s
	}
	if !allowed {
		return ci, badState(ci.State, action)
	}
	tx, err := c.e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return ci, err
	}
	defer tx.Rollback()
	states := make([]string, len(from))
	for i, s := range from {
		states[i] = "'" + string(s) + "'"
	}
	res, err := tx.ExecContext(ctx, `UPDATE mail_campaigns SET `+set+`, updated_at = ? WHERE id = ? AND state IN (`+
		strings.Join(states, ",")+`)`, append(args, stamp(c.e.cfg.Now()), id)...)
	if err != nil {
		return ci, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ci, badState(ci.State, action) // changed meanwhile
	}
	if outbox != "" {
		if _, err := tx.ExecContext(ctx, outbox, id); err != nil {
			return ci, err
		}
	}
	if err := tx.Commit(); err != nil {
		return ci, err
	}
	c.e.Wake()
	return c.Get(ctx, id)
}

// Schedule makes a draft start by itself at at (in the future).
func (c *Campaigns) Schedule(ctx context.Context, id int64, at time.Time) (CampaignInfo, error) {
	if !at.After(c.e.cfg.Now()) {
		return CampaignInfo{}, ErrCampaignInvalid.WithFields(map[string]string{"at": "未来の日時を指定してください / must be in the future"})
	}
	if err := c.ready(ctx, id); err != nil {
		return CampaignInfo{}, err
	}
	return c.transition(ctx, id, "予約", []CampaignState{CampaignDraft, CampaignScheduled}, `state = 'scheduled', scheduled_at = ?`,
		[]any{stamp(at)}, "")
}

// ready checks what a start needs except the audience: a sender identity
// and base URL, and a segment.
func (c *Campaigns) ready(ctx context.Context, id int64) error {
	if err := c.e.checkIdentity(ctx); err != nil {
		return errStartIdentity(err)
	}
	ci, err := c.Get(ctx, id)
	if err != nil {
		return err
	}
	if ci.SegmentID == nil {
		return ErrCampaignInvalid.WithFields(map[string]string{"segment_id": "配信先のセグメントを選んでください / choose a segment"})
	}
	return nil
}

// Start resolves the segment, refuses when nobody is reachable, and starts
// queueing the audience in the background (the first chunk goes out at once).
func (c *Campaigns) Start(ctx context.Context, id int64) (CampaignInfo, error) {
	if err := c.ready(ctx, id); err != nil {
		return CampaignInfo{}, err
	}
	ci, err := c.Get(ctx, id)
	if err != nil {
		return ci, err
	}
	if ci.State != CampaignDraft && ci.State != CampaignScheduled {
		return ci, badState(ci.State, "開始")
	}
	ids, err := c.aud.Resolve(ctx, *ci.SegmentID)
	if err != nil {
		return ci, err
	}
	if ok, err := c.anyReachable(ctx, ids); err != nil {
		return ci, err
	} else if !ok {
		return ci, ErrNoAudience
	}
	b, _ := json.Marshal(ids)
	now := c.e.cfg.Now()
	ci, err = c.transition(ctx, id, "開始", []CampaignState{CampaignDraft, CampaignScheduled},
		`state = 'running', started_at = ?, audience = ?, enqueued = 0, window_from = ?`, []any{stamp(now), string(b), now.UnixMilli()}, "")
	if err != nil {
		return ci, err
	}
	c.e.forget(id)
	c.spawnEnqueue(id, ids)
	return ci, nil
}

func (c *Campaigns) anyReachable(ctx context.Context, ids []int64) (bool, error) {
	b, _ := json.Marshal(ids)
	var n int
	err := c.e.st.R.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM alumni a
		WHERE a.id IN (SELECT value FROM json_each(?)) AND a.email <> ''
		AND EXISTS (SELECT 1 FROM mail_consent c WHERE c.address = a.email AND c.revoked_at IS NULL)
		AND NOT EXISTS (SELECT 1 FROM mail_suppression s WHERE s.address = a.email) LIMIT 1)`, string(b)).Scan(&n)
	return n > 0, err
}

// spawnEnqueue queues the audience in the background, once per campaign.
func (c *Campaigns) spawnEnqueue(id int64, ids []int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.enqueuing[id] {
		return
	}
	c.enqueuing[id] = true
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		if _, err := c.e.enqueue(c.baseCtx, id, ids); err != nil && c.baseCtx.Err() == nil {
			c.log.Error("mail: queueing a campaign", "campaign", id, "err", err)
		}
		c.mu.Lock()
		delete(c.enqueuing, id)
		c.mu.Unlock()
	}()
}

// Pause holds the campaign's queued messages; messages already handed to
// the SMTP server finish.
func (c *Campaigns) Pause(ctx context.Context, id int64) (CampaignInfo, error) {
	return c.pause(ctx, id, "担当者が一時停止しました", "paused by HR")
}

func (c *Campaigns) pause(ctx context.Context, id int64, ja, en string) (CampaignInfo, error) {
	return c.transition(ctx, id, "一時停止", []CampaignState{CampaignRunning},
		`state = 'paused', pause_reason = ?, pause_reason_en = ?`, []any{ja, en},
		`UPDATE mail_outbox SET state = 'held' WHERE campaign_id = ? AND state = 'queued'`)
}

// Resume releases the held messages.
func (c *Campaigns) Resume(ctx context.Context, id int64) (CampaignInfo, error) {
	return c.transition(ctx, id, "再開", []CampaignState{CampaignPaused},
		`state = 'running', pause_reason = '', pause_reason_en = '', window_from = ?`, []any{c.e.cfg.Now().UnixMilli()},
		`UPDATE mail_outbox SET state = 'queued' WHERE campaign_id = ? AND state = 'held'`)
}

// Cancel stops a scheduled, running or paused campaign for good: its
// queued and held messages become cancelled.
func (c *Campaigns) Cancel(ctx context.Context, id int64) (CampaignInfo, error) {
	return c.transition(ctx, id, "中止", []CampaignState{CampaignScheduled, CampaignRunning, CampaignPaused},
		`state = 'cancelled', finished_at = ?`, []any{stamp(c.e.cfg.Now())},
		`UPDATE mail_outbox SET state = 'cancelled' WHERE campaign_id = ? AND state IN ('queued','held')`)
}

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
					c.transition(ctx, ci.ID, "一時停止", []CampaignState{CampaignScheduled}, `state = 'paused', pause_reason = ?, pause_reason_en = ?`,
						[]any{"予約開始できませんでした: " + errJA(err), "the scheduled start failed: " + err.Error()}, "")
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

func errJA(err error) string {
	if s, _, ok := strings.Cut(err.Error(), " / "); ok {
		return s
	}
	return err.Error()
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
