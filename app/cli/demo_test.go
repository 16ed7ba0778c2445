package cli

import (
	"context"
	"testing"

	"github.com/kizuna-hr/kizuna/app/store"
)

// The demo's mail data is consistent: about three in four alumni opted in,
// three segments, a draft, and a finished campaign whose every message is
// sent and in the built-in mailbox.
func TestDemoMail(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "", "demo", "--count", "400", "--data", data); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	st, err := store.Open(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var members, alumniN, optedIn, segs, drafts, finished, sent, caught, open int
	for _, q := range []struct {
		sql string
		dst *int
	}{
		{`SELECT count(*) FROM alumni`, &alumniN},
		{`SELECT count(*) FROM memberships`, &members},
		{`SELECT count(*) FROM mail_consent WHERE revoked_at IS NULL AND method = 'web'`, &optedIn},
		{`SELECT count(*) FROM segments`, &segs},
		{`SELECT count(*) FROM mail_campaigns WHERE state = 'draft'`, &drafts},
		{`SELECT count(*) FROM mail_campaigns WHERE state = 'finished' AND finished_at IS NOT NULL`, &finished},
		{`SELECT count(*) FROM mail_outbox WHERE state = 'sent'`, &sent},
		{`SELECT count(*) FROM mail_caught`, &caught},
		{`SELECT count(*) FROM mail_outbox WHERE state <> 'sent'`, &open},
	} {
		if err := st.R.QueryRow(q.sql).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	if optedIn < alumniN*7/10 || optedIn > alumniN*8/10 || segs != 3 || drafts != 1 || finished != 1 || sent == 0 || caught != sent || open != 0 {
		t.Fatalf("alumni %d opted in %d segments %d drafts %d finished %d sent %d caught %d not sent %d",
			alumniN, optedIn, segs, drafts, finished, sent, caught, open)
	}
	if members < alumniN/2 || members >= alumniN {
		t.Errorf("portal members %d of %d alumni: most, not all, should be members", members, alumniN)
	}
}

// The demo has events alive: an upcoming full one with a waitlist, a past
// one with photos and check-ins, and unread notifications.
func TestDemoEvents(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "", "demo", "--count", "50", "--data", data); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	st, err := store.Open(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var events, waiting, photos, checked, notes int
	for _, q := range []struct {
		sql string
		dst *int
	}{
		{`SELECT count(*) FROM meetups`, &events},
		{`SELECT count(*) FROM meetup_rsvps WHERE state = 'waitlist'`, &waiting},
		{`SELECT count(*) FROM meetup_photos`, &photos},
		{`SELECT count(*) FROM meetup_rsvps WHERE checked_in != ''`, &checked},
		{`SELECT count(*) FROM notifications WHERE read_at = ''`, &notes},
	} {
		if err := st.R.QueryRow(q.sql).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	if events != 3 || waiting != 2 || photos != 3 || checked != 8 || notes == 0 {
		t.Fatalf("events %d waiting %d photos %d checked in %d notifications %d", events, waiting, photos, checked, notes)
	}
}

// The demo has portal members with survey answers, photos and some fields
// kept for HR only.
func TestDemoProfiles(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "", "demo", "--count", "100", "--data", data); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	st, err := store.Open(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var members, photos, answered, hidden, versions, startup int
	for _, q := range []struct {
		sql string
		dst *int
	}{
		{`SELECT count(*) FROM member_profiles`, &members},
		{`SELECT count(*) FROM member_profiles WHERE photo IS NOT NULL`, &photos},
		{`SELECT count(*) FROM survey_answers WHERE skipped = 0`, &answered},
		{`SELECT count(*) FROM member_profiles WHERE visibility LIKE '%"company":"hr"%'`, &hidden},
		{`SELECT count(DISTINCT version) FROM survey_answers`, &versions},
		{`SELECT count(*) FROM survey_answers, json_each(answers, '$.interests') j WHERE j.value = 'startup'`, &startup},
	} {
		if err := st.R.QueryRow(q.sql).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	if members != demoMembers || photos == 0 || photos == members || answered == 0 || hidden == 0 || versions != 2 || startup == 0 {
		t.Fatalf("members %d photos %d answered %d company hidden %d survey versions %d chose the v2 option %d",
			members, photos, answered, hidden, versions, startup)
	}
}

// TestDemoFeed: the demo network's feed has company posts of every kind
// (some pinned, one scheduled, one targeted), alumni posts with comments and
// reactions, and spaces with members.
func TestDemoFeed(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "", "demo", "--count", "200", "--data", data); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	st, err := store.Open(context.Background(), data, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checks := []struct {
		sql  string
		want func(n int) bool
	}{
		{`SELECT count(DISTINCT kind) FROM feed_posts WHERE kind <> 'alumni'`, func(n int) bool { return n == 5 }},
		{`SELECT count(*) FROM feed_posts WHERE pinned = 1`, func(n int) bool { return n >= 1 }},
		{`SELECT count(*) FROM feed_posts WHERE publish_at > strftime('%Y-%m-%dT%H:%M:%fZ','now')`, func(n int) bool { return n == 1 }},
		{`SELECT count(*) FROM feed_posts WHERE segment_id IS NOT NULL`, func(n int) bool { return n == 1 }},
		{`SELECT count(*) FROM feed_posts WHERE kind = 'alumni'`, func(n int) bool { return n >= 3 }},
		{`SELECT count(*) FROM feed_comments`, func(n int) bool { return n >= 3 }},
		{`SELECT count(*) FROM feed_reactions`, func(n int) bool { return n >= 3 }},
		{`SELECT count(*) FROM feed_spaces`, func(n int) bool { return n == 3 }},
		{`SELECT count(*) FROM feed_space_members`, func(n int) bool { return n >= 3 }},
	}
	for _, c := range checks {
		var n int
		if err := st.R.QueryRow(c.sql).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if !c.want(n) {
			t.Errorf("%s = %d", c.sql, n)
		}
	}
}
