package mail

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// CampaignState is where a campaign is in its life.
type CampaignState string

// Campaign states.
const (
	CampaignDraft     CampaignState = "draft"
	CampaignScheduled CampaignState = "scheduled"
	CampaignRunning   CampaignState = "running"
	CampaignPaused    CampaignState = "paused"
	CampaignCancelled CampaignState = "cancelled"
	CampaignFinished  CampaignState = "finished"
)

// CampaignInput is what HR writes: content, sender name and audience.
type CampaignInput struct {
	Name          string `json:"name"`
	Subject       string `json:"subject"`     // merge syntax: {{姓}}, {{姓|卒業生}}
	BodyFormat    string `json:"body_format"` // markdown or html
	Body          string `json:"body"`
	FromName      string `json:"from_name"` // "" = the sender identity's name
	SegmentID     *int64 `json:"segment_id"`
	ClickTracking bool   `json:"click_tracking"`
}

// CampaignInfo is a campaign as the console shows it.
type CampaignInfo struct {
	ID int64 `json:"id"`
	CampaignInput
	SegmentName   string         `json:"segment_name"`
	State         CampaignState  `json:"state"`
	ScheduledAt   *time.Time     `json:"scheduled_at"`
	StartedAt     *time.Time     `json:"started_at"`
	FinishedAt    *time.Time     `json:"finished_at"`
	PauseReason   string         `json:"pause_reason"`
	PauseReasonEN string         `json:"pause_reason_en"`
	Counts        CampaignCounts `json:"counts"`
	CreatedAt     time.Time      `json:"created_at"`
	UpdatedAt     time.Time      `json:"updated_at"`
	CreatedBy     string         `json:"created_by"`
}

// CampaignCounts is how many of a campaign's messages are in each state.
type CampaignCounts struct {
	Total        int `json:"total"`
	Queued       int `json:"queued"` // held (paused) included
	Sending      int `json:"sending"`
	Sent         int `json:"sent"`
	Failed       int `json:"failed"`
	Bounced      int `json:"bounced"`
	Suppressed   int `json:"suppressed"`
	Unsubscribed int `json:"unsubscribed"`
	Cancelled    int `json:"cancelled"`
	Clicked      int `json:"clicked"` // recipients who clicked a tracked link
}

// AudienceResolver resolves a saved segment to alumni ids (app/segments).
type AudienceResolver interface {
	Resolve(ctx context.Context, segmentID int64) ([]int64, error)
}

// Campaigns runs the campaign lifecycle over an engine: drafts, schedules,
// start (the audience streamed into the outbox), pause, resume, cancel,
// finishing, and the pause on a run of SMTP errors. Run supervises it.
type Campaigns struct {
	e   *Engine
	aud AudienceResolver
	log *slog.Logger

	mu        sync.Mutex
	enqueuing map[int64]bool
	baseCtx   context.Context
	wg        sync.WaitGroup
}

// NewCampaigns returns the lifecycle over e, resolving segments with aud.
func NewCampaigns(e *Engine, aud AudienceResolver) *Campaigns {
	return &Campaigns{e: e, aud: aud, log: e.log, enqueuing: map[int64]bool{}, baseCtx: context.Background()}
}

// Campaign errors.
var (
	ErrCampaignNotFound = fault.New(fault.NotFound, "campaign.not_found", "キャンペーンが見つかりません", "campaign not found")
	ErrNotEditable      = fault.New(fault.Conflict, "campaign.not_editable",
		"下書きまたは予約中のキャンペーンだけが編集・削除できます", "only draft or scheduled campaigns can be edited or deleted")
	ErrBadState   = fault.New(fault.Conflict, "campaign.bad_state", "この操作は現在の状態ではできません", "not allowed in the current state")
	ErrNoAudience = fault.New(fault.Invalid, "campaign.no_audience",
		"配信できる相手がいません（メールアドレス・配信同意・配信停止を確認してください）",
		"nobody is reachable (check addresses, opt-ins and the suppression list)").
		WithFields(map[string]string{"segment_id": "配信可能な人数が0人です / nobody reachable"})
	ErrCampaignInvalid = fault.New(fault.Invalid, "campaign.invalid", "キャンペーンの内容に誤りがあります", "the campaign is invalid")
)

// errStartIdentity is ErrNoSenderIdentity as a start refusal (422), naming
// what is missing and where to set it.
func errStartIdentity(err error) error {
	fe, _ := fault.As(err)
	return fault.New(fault.Invalid, ErrNoSenderIdentity.Code, fe.JA+"。設定 → メール で送信者情報を設定してください",
		fe.EN+". Set it in Settings → Mail").WithFields(map[string]string{"sender_identity": fe.JA + " / " + fe.EN})
}

func badState(s CampaignState, action string) error {
	return ErrBadState.Withf("現在の状態（%[1]s）では「%[2]s」できません", "the campaign is %[1]s; %[2]s is not allowed", s, action)
}

const campaignColumns = `c.id, c.name, c.subject_source, c.body_format, c.body, c.from_name, c.segment_id, coalesce(s.name, ''), c.state,
	c.scheduled_at, c.started_at, c.finished_at, c.pause_reason, c.pause_reason_en, c.click_tracking, c.created_at,
	coalesce(c.updated_at, c.created_at), c.created_by
	FROM mail_campaigns c LEFT JOIN segments s ON s.id = c.segment_id`

func scanCampaign(sc interface{ Scan(...any) error }) (CampaignInfo, error) {
	var c CampaignInfo
	var seg sql.NullInt64
	var sched, started, finished sql.NullString
	var created, updated string
	if err := sc.Scan(&c.ID, &c.Name, &c.Subject, &c.BodyFormat, &c.Body, &c.FromName, &seg, &c.SegmentName, &c.State,
		&sched, &started, &finished, &c.PauseReason, &c.PauseReasonEN, &c.ClickTracking, &created, &updated, &c.CreatedBy); err != nil {
		return c, err
	}
	if seg.Valid {
		c.SegmentID = &seg.Int64
	}
	c.ScheduledAt, c.StartedAt, c.FinishedAt = parseTimePtr(sched), parseTimePtr(started), parseTimePtr(finished)
	c.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	c.UpdatedAt, _ = time.Parse(time.RFC3339Nano, updated)
	return c, nil
}

func parseTimePtr(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return nil
	}
	return &t
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// List returns the campaigns, newest first; state "" lists all.
func (c *Campaigns) List(ctx context.Context, state string) ([]CampaignInfo, error) {
	rows, err := c.e.st.R.QueryContext(ctx, `SELECT `+campaignColumns+` WHERE ?1 = '' OR c.state = ?1 ORDER BY c.id DESC`, state)
	if err != nil {
		return nil, err
	}
	out := []CampaignInfo{}
	for rows.Next() {
		ci, err := scanCampaign(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, ci)
	}
	rows.Close()
	for i := range out {
		if out[i].Counts, err = c.counts(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, rows.Err()
}

// Get returns one campaign with its counts.
func (c *Campaigns) Get(ctx context.Context, id int64) (CampaignInfo, error) {
	ci, err := scanCampaign(c.e.st.R.QueryRowContext(ctx, `SELECT `+campaignColumns+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ci, ErrCampaignNotFound
	}
	if err != nil {
		return ci, err
	}
	ci.Counts, err = c.counts(ctx, id)
	return ci, err
}

func (c *Campaigns) counts(ctx context.Context, id int64) (CampaignCounts, error) {
	m, err := c.e.Counts(ctx, id)
	if err != nil {
		return CampaignCounts{}, err
	}
	n := CampaignCounts{Queued: m[Queued] + m[Held], Sending: m[Sending], Sent: m[Sent], Failed: m[Failed], Bounced: m[Bounced],
		Suppressed: m[Suppressed], Unsubscribed: m[Unsubscribed], Cancelled: m[Cancelled]}
	for _, v := range m {
		n.Total += v
	}
	err = c.e.st.R.QueryRowContext(ctx, `SELECT count(DISTINCT k.outbox_id) FROM mail_clicks k
		JOIN mail_outbox o ON o.id = k.outbox_id WHERE o.campaign_id = ?`, id).Scan(&n.Clicked)
	return n, err
}

// Create stores a new draft.
func (c *Campaigns) Create(ctx context.Context, in CampaignInput, createdBy string) (CampaignInfo, error) {
	comp, err := compileInput(&in)
	if err != nil {
		return CampaignInfo{}, err
	}
	now := stamp(c.e.cfg.Now())
	var id int64
	err = c.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO mail_campaigns(name, subject_source, subject, html, body_format, body, from_name,
			segment_id, state, click_tracking, created_by, created_at, updated_at, enqueued)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, 0)`, in.Name, in.Subject, comp.subject, comp.html,
			in.BodyFormat, in.Body, in.FromName, in.SegmentID, in.ClickTracking, createdBy, now, now)
		if err != nil {
			return fmt.Errorf("create campaign: %w", err)
		}
		id, _ = res.LastInsertId()
		return saveLinks(ctx, tx, id, comp.links)
	})
	if err != nil {
		return CampaignInfo{}, err
	}
	return c.Get(ctx, id)
}

// Update replaces a draft's or scheduled campaign's content.
func (c *Campaigns) Update(ctx context.Context, id int64, in CampaignInput) (CampaignInfo, error) {
	comp, err := compileInput(&in)
	if err != nil {
		return CampaignInfo{}, err
	}
	if err := c.editable(ctx, id); err != nil {
		return CampaignInfo{}, err
	}
	err = c.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE mail_campaigns SET name = ?, subject_source = ?, subject = ?, html = ?, body_format = ?,
			body = ?, from_name = ?, segment_id = ?, click_tracking = ?, updated_at = ? WHERE id = ? AND state IN ('draft','scheduled')`,
			in.Name, in.Subject, comp.subject, comp.html, in.BodyFormat, in.Body, in.FromName, in.SegmentID, in.ClickTracking,
			stamp(c.e.cfg.Now()), id); err != nil {
			return err
		}
		return saveLinks(ctx, tx, id, comp.links)
	})
	if err != nil {
		return CampaignInfo{}, err
	}
	c.e.forget(id)
	return c.Get(ctx, id)
}

// inTx runs fn in one write transaction.
func (c *Campaigns) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := c.e.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

func (c *Campaigns) editable(ctx context.Context, id int64) error {
	ci, err := c.Get(ctx, id)
	if err != nil {
		return err
	}
	if ci.State != CampaignDraft && ci.State != CampaignScheduled {
		return ErrNotEditable.Withf("現在の状態（%s）では編集・削除できません", "a %s campaign cannot be edited or deleted", ci.State)
	}
	return nil
}

// Delete removes a draft or scheduled campaign.
func (c *Campaigns) Delete(ctx context.Context, id int64) error {
	if err := c.editable(ctx, id); err != nil {
		return err
	}
	_, err := c.e.st.W.ExecContext(ctx, `DELETE FROM mail_campaigns WHERE id = ? AND state IN ('draft','scheduled')`, id)
	return err
}

// Duplicate copies a campaign's content into a new draft.
func (c *Campaigns) Duplicate(ctx context.Context, id int64, createdBy string) (CampaignInfo, error) {
	ci, err := c.Get(ctx, id)
	if err != nil {
		return ci, err
	}
	in := ci.CampaignInput
	in.Name += "（コピー）"
	return c.Create(ctx, in, createdBy)
}
