package mail

import (
	"context"
	"encoding/json"
	"slices"
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
	from := []CampaignState{CampaignDraft, CampaignScheduled}
	if ci.State == CampaignPaused && ci.StartedAt == nil { // a scheduled start that failed
		from = append(from, CampaignPaused)
	}
	if !slices.Contains(from, ci.State) {
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
	ci, err = c.transition(ctx, id, "開始", from,
		`state = 'running', started_at = ?, audience = ?, enqueued = 0, window_from = ?, pause_reason = '', pause_reason_en = ''`, []any{stamp(now), string(b), now.UnixMilli()}, "")
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

// Resume releases the held messages; a campaign whose scheduled start
// failed is started now.
func (c *Campaigns) Resume(ctx context.Context, id int64) (CampaignInfo, error) {
	if ci, err := c.Get(ctx, id); err != nil {
		return ci, err
	} else if ci.State == CampaignPaused && ci.StartedAt == nil {
		return c.Start(ctx, id)
	}
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
