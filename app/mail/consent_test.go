package mail

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestOptInEnforcement: promotional mail reaches only opted-in, unrevoked,
// unsuppressed alumni; transactional mail ignores opt-in but not suppression.
func TestOptInEnforcement(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{Concurrency: 2}, true)
	addrs := []string{"opted@example.jp", "never@example.jp", "revoked@example.jp", "bounced@example.jp", "opted2@example.jp"}
	ids := addAlumni(t, e, addrs, func(i int) bool { return i != 1 })
	if err := e.RevokeConsent(ctx, "revoked@example.jp", "test"); err != nil {
		t.Fatal(err)
	}
	if err := e.Suppress(ctx, "bounced@example.jp", "hard_bounce", "550 5.1.1 no such user"); err != nil {
		t.Fatal(err)
	}
	enq, err := e.EnqueueCampaign(ctx, testCampaign, Audience{})
	if err != nil {
		t.Fatal(err)
	}
	if enq.Queued != 2 {
		t.Fatalf("queued %d, want 2 (opted, opted2)", enq.Queued)
	}
	// An audience naming people without consent still only gets the opted-in.
	enq2, err := e.EnqueueCampaign(ctx, testCampaign, Audience{AlumniIDs: []int64{ids[0], ids[1], ids[2]}})
	if err != nil || enq2.Queued != 1 {
		t.Fatalf("audience enqueue = %+v, %v; want 1", enq2, err)
	}

	tests := []struct {
		name    string
		to      string
		wantErr error
	}{
		{"transactional needs no opt-in", "never@example.jp", nil},
		{"transactional to an unsubscribed address", "revoked@example.jp", nil},
		{"transactional to a hard bounce is refused", "bounced@example.jp", ErrSuppressed},
		{"invalid address", "not an address", ErrInvalidAddress},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.Send(ctx, Outgoing{To: tc.to, Subject: "ログイン", HTML: "<p>link</p>"})
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("Send(%s) = %v, want %v", tc.to, err, tc.wantErr)
			}
		})
	}
	run(t, e)
	caught := map[string]int{}
	list, _ := NewCatcher(e.st, quiet).List(ctx, 100, 0)
	for _, m := range list {
		caught[m.RcptTo[0]]++
	}
	want := map[string]int{"opted@example.jp": 2, "opted2@example.jp": 1, "never@example.jp": 1, "revoked@example.jp": 1}
	if len(caught) != len(want) {
		t.Fatalf("caught %v, want %v", caught, want)
	}
	for k, v := range want {
		if caught[k] != v {
			t.Errorf("%s received %d, want %d", k, caught[k], v)
		}
	}
}

func TestPromotionalNeedsSenderIdentity(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{}, false)
	addAlumni(t, e, []string{"a@example.jp"}, nil)
	_, err := e.EnqueueCampaign(ctx, testCampaign, Audience{})
	if !errors.Is(err, ErrNoSenderIdentity) {
		t.Fatalf("err = %v, want ErrNoSenderIdentity", err)
	}
	if fe, ok := faultOf(err); !ok || fe.JA == "" || fe.EN == "" {
		t.Errorf("not a bilingual fault: %v", err)
	}
	// Half an identity is no identity.
	e.SetIdentity(ctx, Identity{Name: "人事部", FromAddress: "hr@example.jp"})
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); !errors.Is(err, ErrNoSenderIdentity) {
		t.Fatalf("partial identity: err = %v", err)
	}
	e.SetIdentity(ctx, testIdentity)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	// A broken template is refused before anything is queued.
	bad := testCampaign
	bad.HTML = "<p>{{.姓</p>"
	if _, err := e.EnqueueCampaign(ctx, bad, Audience{}); !errors.Is(err, ErrInvalidTemplate) {
		t.Fatalf("broken template: err = %v", err)
	}
}

// TestUnsubscribeStopsRunningCampaign: an unsubscribe withdraws mail already
// queued for the address, and a consent record needs when, how and what.
func TestUnsubscribeStopsRunningCampaign(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{}, true)
	addAlumni(t, e, []string{"a@example.jp", "b@example.jp"}, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	tok := e.Signer().Token(Unsubscribe{Address: "a@example.jp"})
	if _, err := e.Unsubscribe(ctx, tok+"x", "link"); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("tampered token accepted: %v", err)
	}
	if _, err := e.Unsubscribe(ctx, tok, "link"); err != nil {
		t.Fatal(err)
	}
	counts, _ := e.Counts(ctx, 0)
	if counts[Queued] != 1 || counts[Unsubscribed] != 1 {
		t.Fatalf("counts after unsubscribe = %v", counts)
	}
	hist, _ := e.ConsentHistory(ctx, "a@example.jp")
	if len(hist) != 1 || hist[0].RevokedAt == nil || hist[0].RevokedHow != "link" || hist[0].TextAgreed == "" {
		t.Errorf("consent ledger = %+v", hist)
	}
	for _, c := range []Consent{
		{Address: "c@example.jp", Method: "form", TextAgreed: "同意"},
		{Address: "c@example.jp", GrantedAt: time.Now(), TextAgreed: "同意"},
		{Address: "c@example.jp", GrantedAt: time.Now(), Method: "form"},
	} {
		if _, err := e.RecordConsent(ctx, c); !errors.Is(err, ErrInvalidConsent) {
			t.Errorf("RecordConsent(%+v) = %v", c, err)
		}
	}
}

func TestRecordConsentsIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	e, _ := newEngine(t, Config{}, false)
	now := time.Now()
	good := Consent{Address: "A@Example.jp", GrantedAt: now, Method: "form", TextAgreed: "同意します"}
	tests := []struct {
		name    string
		list    []Consent
		wantErr error
		want    int
	}{
		{"one bad address rejects all", []Consent{good, {Address: "bad", GrantedAt: now, Method: "form", TextAgreed: "x"}}, ErrInvalidAddress, 0},
		{"one without text rejects all", []Consent{good, {Address: "b@example.jp", GrantedAt: now, Method: "form"}}, ErrInvalidConsent, 0},
		{"all good", []Consent{good, {Address: "b@example.jp", GrantedAt: now, Method: "paper", TextAgreed: "同意します"}}, nil, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := e.RecordConsents(ctx, tc.list)
			if tc.wantErr == nil && err != nil || tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			var n int
			e.st.R.QueryRow(`SELECT count(*) FROM mail_consent`).Scan(&n)
			if n != tc.want {
				t.Fatalf("%d consent rows, want %d", n, tc.want)
			}
		})
	}
	if ok, _ := e.HasConsent(ctx, "a@example.jp"); !ok {
		t.Error("address not normalised to lower case")
	}
}
