package mail

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// audienceOf resolves every segment to the same ids.
type audienceOf []int64

func (a audienceOf) Resolve(context.Context, int64) ([]int64, error) { return a, nil }

// campaignWorld is an engine (not started) with three opted-in alumni, a
// lifecycle whose every segment is those alumni, and one draft.
func campaignWorld(t *testing.T, cfg Config) (*Engine, *Campaigns, []int64, CampaignInfo) {
	t.Helper()
	e, _ := newEngine(t, cfg, true)
	ids := addAlumni(t, e, []string{"a@example.jp", "b@example.jp", "c@example.jp"}, nil)
	c := NewCampaigns(e, audienceOf(ids))
	seg := int64(1)
	e.st.W.Exec(`INSERT INTO segments(id, name) VALUES (1, '全員')`)
	ci, err := c.Create(context.Background(), CampaignInput{Name: "交流会", Subject: "{{姓|卒業生}} 様", Body: "**ご案内**", SegmentID: &seg}, "hr@example.jp")
	if err != nil {
		t.Fatal(err)
	}
	return e, c, ids, ci
}

func TestCampaignTransitions(t *testing.T) {
	ctx := context.Background()
	type step struct {
		action  string
		wantErr error
		state   CampaignState
	}
	cases := []struct {
		name  string
		steps []step
	}{
		{"start pause resume cancel", []step{{"start", nil, CampaignRunning}, {"start", ErrBadState, ""}, {"pause", nil, CampaignPaused},
			{"pause", ErrBadState, ""}, {"edit", ErrNotEditable, ""}, {"delete", ErrNotEditable, ""}, {"resume", nil, CampaignRunning},
			{"cancel", nil, CampaignCancelled}, {"resume", ErrBadState, ""}, {"start", ErrBadState, ""}}},
		{"draft cannot pause, resume or cancel", []step{{"pause", ErrBadState, ""}, {"resume", ErrBadState, ""}, {"cancel", ErrBadState, ""},
			{"edit", nil, CampaignDraft}, {"delete", nil, ""}}},
		{"schedule then start", []step{{"schedule", nil, CampaignScheduled}, {"edit", nil, CampaignScheduled}, {"start", nil, CampaignRunning}}},
		{"schedule then cancel", []step{{"schedule", nil, CampaignScheduled}, {"cancel", nil, CampaignCancelled}, {"schedule", ErrBadState, ""}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, c, _, ci := campaignWorld(t, Config{})
			for _, s := range tc.steps {
				var got CampaignInfo
				var err error
				switch s.action {
				case "start":
					got, err = c.Start(ctx, ci.ID)
				case "pause":
					got, err = c.Pause(ctx, ci.ID)
				case "resume":
					got, err = c.Resume(ctx, ci.ID)
				case "cancel":
					got, err = c.Cancel(ctx, ci.ID)
				case "schedule":
					got, err = c.Schedule(ctx, ci.ID, time.Now().Add(time.Hour))
				case "edit":
					got, err = c.Update(ctx, ci.ID, ci.CampaignInput)
				case "delete":
					err = c.Delete(ctx, ci.ID)
				}
				if s.wantErr != nil {
					if !errors.Is(err, s.wantErr) {
						t.Fatalf("%s: got %v, want %v", s.action, err, s.wantErr)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s: %v", s.action, err)
				}
				if s.state != "" && got.State != s.state {
					t.Fatalf("%s: state %s, want %s", s.action, got.State, s.state)
				}
				c.wg.Wait()
			}
		})
	}
}

func TestPauseHoldsResumeReleasesCancelCounts(t *testing.T) {
	ctx := context.Background()
	e, c, _, ci := campaignWorld(t, Config{})
	if _, err := c.Start(ctx, ci.ID); err != nil {
		t.Fatal(err)
	}
	c.wg.Wait() // the engine is not running: nothing is sent
	got, _ := c.Pause(ctx, ci.ID)
	if m, _ := e.Counts(ctx, ci.ID); m[Held] != 3 || got.Counts.Queued != 3 || got.PauseReason == "" {
		t.Fatalf("after pause: %v %+v", m, got)
	}
	// A message in flight when the app stopped comes back held, not queued.
	e.st.W.Exec(`UPDATE mail_outbox SET state = 'sending' WHERE id = (SELECT min(id) FROM mail_outbox)`)
	if _, err := e.Recover(ctx); err != nil {
		t.Fatal(err)
	}
	if m, _ := e.Counts(ctx, ci.ID); m[Held] != 3 {
		t.Fatalf("after recovery while paused: %v", m)
	}
	c.Resume(ctx, ci.ID)
	if m, _ := e.Counts(ctx, ci.ID); m[Queued] != 3 {
		t.Fatalf("after resume: %v", m)
	}
	if err := e.RevokeConsent(ctx, "b@example.jp", "link"); err != nil {
		t.Fatal(err)
	}
	got, _ = c.Cancel(ctx, ci.ID)
	if got.Counts.Cancelled != 2 || got.Counts.Unsubscribed != 1 || got.Counts.Total != 3 {
		t.Fatalf("after cancel: %+v", got.Counts)
	}
}

func TestStartRefusals(t *testing.T) {
	ctx := context.Background()
	e, c, _, ci := campaignWorld(t, Config{})
	e.SetIdentity(ctx, Identity{Name: "人事部"})
	_, err := c.Start(ctx, ci.ID)
	if fe, ok := faultOf(err); !ok || fe.Code != ErrNoSenderIdentity.Code || fe.Fields["sender_identity"] == "" {
		t.Fatalf("start without identity: %v", err)
	}
	e.SetIdentity(ctx, testIdentity)
	for _, a := range []string{"a@example.jp", "b@example.jp", "c@example.jp"} {
		e.Suppress(ctx, a, "manual", "")
	}
	if _, err := c.Start(ctx, ci.ID); !errors.Is(err, ErrNoAudience) {
		t.Fatalf("start with nobody reachable: %v", err)
	}
}

func TestCampaignRunsToFinished(t *testing.T) {
	ctx := context.Background()
	e, c, ids, ci := campaignWorld(t, Config{})
	if _, err := c.Start(ctx, ci.ID); err != nil {
		t.Fatal(err)
	}
	c.wg.Wait() // queued
	run(t, e)
	c.Supervise(ctx)
	got, _ := c.Get(ctx, ci.ID)
	if got.State != CampaignFinished || got.Counts.Sent != 3 || got.FinishedAt == nil {
		t.Fatalf("after drain: %+v", got)
	}
	p, err := c.Preview(ctx, PreviewInput{CampaignID: ci.ID, Subject: ci.Subject, BodyFormat: ci.BodyFormat, Body: ci.Body, SegmentID: ci.SegmentID, AlumnusID: &ids[1]})
	if err != nil || p.Subject != "山田 様" || !strings.Contains(p.HTML, "/unsubscribe?t=") || p.Recipient.Email != "b@example.jp" {
		t.Fatalf("preview: %+v %v", p, err)
	}
	other := ids[2] + 100
	if _, err := c.Preview(ctx, PreviewInput{Subject: "s", Body: "b", SegmentID: ci.SegmentID, AlumnusID: &other}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("preview for someone outside the segment: %v", err)
	}
}

// A relay answering 451 to every message pauses the campaign by itself,
// with the relay's reply as the reason.
func TestAutoPauseOnErrorRun(t *testing.T) {
	ctx := context.Background()
	srv := startFaultyServer(t, 0, 1, 0)
	e, _ := newEngine(t, Config{Relay: &Relay{Addr: srv.addr}, BackoffBase: time.Hour}, true)
	addrs := make([]string, 30)
	for i := range addrs {
		addrs[i] = "p" + strings.Repeat("x", i) + "@example.jp"
	}
	ids := addAlumni(t, e, addrs, nil)
	c := NewCampaigns(e, audienceOf(ids))
	e.st.W.Exec(`INSERT INTO segments(id, name) VALUES (1, '全員')`)
	seg := int64(1)
	ci, err := c.Create(ctx, CampaignInput{Name: "n", Subject: "s", Body: "b", SegmentID: &seg}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Start(ctx, ci.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c.Supervise(ctx)
		if got, _ := c.Get(ctx, ci.ID); got.State == CampaignPaused {
			if !strings.Contains(got.PauseReason, "451") || !strings.Contains(got.PauseReasonEN, "451") {
				t.Fatalf("pause reason %q / %q", got.PauseReason, got.PauseReasonEN)
			}
			// Messages in flight at the pause come back held.
			for got.Counts.Sending > 0 && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
				got, _ = c.Get(ctx, ci.ID)
			}
			if m, _ := e.Counts(ctx, ci.ID); got.Counts.Sent != 0 || m[Held] != 30 {
				t.Fatalf("counts %+v %v", got.Counts, m)
			}
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the campaign was not paused")
}

// A scheduled campaign starts when due, and a campaign whose queueing a
// stop interrupted resumes it, each recipient queued once.
func TestSupervisorSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	e, c, ids, ci := campaignWorld(t, Config{})
	if _, err := c.Schedule(ctx, ci.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// As after a restart an hour later: a new lifecycle over the same data.
	e.st.W.Exec(`UPDATE mail_campaigns SET scheduled_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`, ci.ID)
	c2 := NewCampaigns(e, audienceOf(ids))
	c2.Supervise(ctx)
	c2.Wait()
	if got, _ := c2.Get(ctx, ci.ID); got.State != CampaignRunning || got.Counts.Queued != 3 {
		t.Fatalf("scheduled start: %+v", got)
	}
	// Interrupted queueing: only the first recipient made it.
	second, _ := c2.Create(ctx, ci.CampaignInput, "")
	if _, err := c2.Start(ctx, second.ID); err != nil {
		t.Fatal(err)
	}
	c2.Wait()
	e.st.W.Exec(`DELETE FROM mail_outbox WHERE campaign_id = ? AND alumnus_id > ?`, second.ID, ids[0])
	e.st.W.Exec(`UPDATE mail_campaigns SET enqueued = 0 WHERE id = ?`, second.ID)
	c3 := NewCampaigns(e, audienceOf(nil)) // the stored audience is used, not a new resolution
	c3.Supervise(ctx)
	c3.Wait()
	var n, distinct int
	e.st.R.QueryRow(`SELECT count(*), count(DISTINCT alumnus_id) FROM mail_outbox WHERE campaign_id = ?`, second.ID).Scan(&n, &distinct)
	if n != 3 || distinct != 3 {
		t.Fatalf("after resuming: %d rows, %d recipients", n, distinct)
	}
}

// A scheduled start that fails (no sender identity by then) pauses the
// campaign with the reason; resuming once it is fixed starts it.
func TestScheduledStartFailure(t *testing.T) {
	ctx := context.Background()
	e, c, _, ci := campaignWorld(t, Config{})
	if _, err := c.Schedule(ctx, ci.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	e.SetIdentity(ctx, Identity{Name: "人事部"})
	e.st.W.Exec(`UPDATE mail_campaigns SET scheduled_at = '2000-01-01T00:00:00.000Z' WHERE id = ?`, ci.ID)
	c.Supervise(ctx)
	got, _ := c.Get(ctx, ci.ID)
	if got.State != CampaignPaused || !strings.Contains(got.PauseReason, "住所") || !strings.Contains(got.PauseReasonEN, "postal address") ||
		strings.Contains(got.PauseReasonEN, "送信者") {
		t.Fatalf("after a failed scheduled start: %+v", got)
	}
	e.SetIdentity(ctx, testIdentity)
	if got, err := c.Resume(ctx, ci.ID); err != nil || got.State != CampaignRunning || got.PauseReason != "" {
		t.Fatalf("resume: %+v %v", got, err)
	}
	c.Wait()
	if got, _ := c.Get(ctx, ci.ID); got.Counts.Queued != 3 {
		t.Fatalf("queued %+v", got.Counts)
	}
}
