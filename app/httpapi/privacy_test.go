package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
)

type privacyStatus struct {
	Purpose *struct {
		Version int    `json:"version"`
		TextJA  string `json:"text_ja"`
	} `json:"purpose"`
	Accepted *struct {
		Version int `json:"version"`
	} `json:"accepted"`
	NeedsAcceptance bool `json:"needs_acceptance"`
	Promotional     bool `json:"promotional"`
	Deletion        *struct {
		ID    int64  `json:"id"`
		State string `json:"state"`
	} `json:"deletion"`
}

type deletionJSON struct {
	ID        int64  `json:"id"`
	AlumnusID int64  `json:"alumnus_id"`
	Name      string `json:"name"`
	State     string `json:"state"`
	Reason    string `json:"reason"`
}

func (f *fixture) publishPurpose(t *testing.T, ja, en string) int {
	t.Helper()
	var p struct{ Version int }
	if code, body := f.call(t, "POST", "/api/privacy/purpose", map[string]string{"text_ja": ja, "text_en": en}, &p); code != 201 {
		t.Fatalf("publish: %d %s", code, body)
	}
	return p.Version
}

func TestPurposeOfUseAndPromotionalOptIn(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	var st privacyStatus
	if code, e := f.memberJSON(t, taro, "GET", "/api/portal/privacy", nil, &st); code != 200 || st.Purpose != nil || st.NeedsAcceptance {
		t.Fatalf("before any purpose: %d %+v %+v", code, e, st)
	}
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/privacy/accept", map[string]any{"version": 1}, nil); code != 409 || e.Error.Code != "privacy.no_purpose" {
		t.Errorf("accept with none published: %d %+v", code, e)
	}
	v1 := f.publishPurpose(t, "採用・交流のために利用します", "Used for rehiring and networking")
	f.memberJSON(t, taro, "GET", "/api/portal/privacy", nil, &st)
	if st.Purpose == nil || st.Purpose.Version != v1 || !st.NeedsAcceptance {
		t.Fatalf("after v1: %+v", st)
	}
	v2 := f.publishPurpose(t, "採用・交流・イベントのために利用します", "Used for rehiring, networking and events")

	for _, c := range []struct {
		name string
		body any
		code int
		want string
	}{
		{"outdated version", map[string]any{"version": v1}, 409, "privacy.outdated_version"},
		{"no version", map[string]any{}, 409, "privacy.outdated_version"},
	} {
		if code, e := f.memberJSON(t, taro, "POST", "/api/portal/privacy/accept", c.body, nil); code != c.code || e.Error.Code != c.want || e.Error.MessageEN == "" {
			t.Errorf("%s: %d %+v", c.name, code, e)
		}
	}
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/privacy/accept", map[string]any{"version": v2, "promotional": true}, &st); code != 200 {
		t.Fatalf("accept: %d %+v", code, e)
	}
	if st.NeedsAcceptance || st.Accepted == nil || st.Accepted.Version != v2 || !st.Promotional {
		t.Fatalf("after accepting: %+v", st)
	}
	hist, err := f.mail.ConsentHistory(context.Background(), "taro@example.jp")
	if err != nil || len(hist) != 1 || hist[0].Method != "portal" || hist[0].AlumnusID != f.alumnus || hist[0].RevokedAt != nil {
		t.Fatalf("ledger: %v %+v", err, hist)
	}
	f.memberJSON(t, taro, "PUT", "/api/portal/privacy/promotional", map[string]any{"opt_in": false}, &st)
	if ok, _ := f.mail.HasConsent(context.Background(), "taro@example.jp"); ok || st.Promotional {
		t.Errorf("opt-out: ledger %v, status %+v", ok, st)
	}
	// A new version asks again.
	f.publishPurpose(t, "第3版", "version 3")
	f.memberJSON(t, taro, "GET", "/api/portal/privacy", nil, &st)
	if !st.NeedsAcceptance || st.Accepted.Version != v2 {
		t.Errorf("after v3: %+v", st)
	}

	// HR's bad input and permissions.
	if code, body := f.call(t, "POST", "/api/privacy/purpose", map[string]string{"text_ja": " ", "text_en": "x"}, nil); code != 422 ||
		!strings.Contains(string(body), "privacy.missing_text") {
		t.Errorf("empty text: %d %s", code, body)
	}
	if code, _ := f.do(t, auth.Viewer, "POST", "/api/privacy/purpose", jsonBody(map[string]string{"text_ja": "a", "text_en": "b"}), "application/json"); code != 403 {
		t.Errorf("viewer publishes: %d", code)
	}
	var hl struct{ Items []struct{ Version int } }
	if f.call(t, "GET", "/api/privacy/purpose", nil, &hl); len(hl.Items) != 3 || hl.Items[0].Version != 3 {
		t.Errorf("history: %+v", hl)
	}
}

func TestDataDownload(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	_, misaki := f.member(t, "田中 美咲", "たなか みさき", "misaki@example.jp")
	code, body := f.asMember(t, taro, "GET", "/api/portal/privacy/export", nil)
	if code != 200 || !strings.Contains(string(body), "山田 太郎") || !strings.Contains(string(body), `"alumni"`) {
		t.Fatalf("export: %d %s", code, body)
	}
	if !strings.Contains(string(body), `"registrations"`) || strings.Contains(string(body), "code_hash") || strings.Contains(string(body), "token_hash") {
		t.Errorf("export: registrations listed, hashes of codes and links left out: %s", body)
	}
	// Another member gets their own data, never Taro's.
	if code, body := f.asMember(t, misaki, "GET", "/api/portal/privacy/export", nil); code != 200 || strings.Contains(string(body), "山田") ||
		!strings.Contains(string(body), "田中 美咲") {
		t.Errorf("another's export: %d %s", code, body)
	}
	// No portal session, or HR credentials: 401.
	for _, path := range []string{"/api/portal/privacy", "/api/portal/privacy/export"} {
		if code, _ := f.do(t, "", "GET", path, nil, ""); code != 401 {
			t.Errorf("anonymous %s: %d", path, code)
		}
		if code, _ := f.do(t, auth.Owner, "GET", path, nil, ""); code != 401 {
			t.Errorf("HR on %s: %d", path, code)
		}
	}
	var n int
	f.st.R.QueryRow(`SELECT count(*) FROM audit_log WHERE action = 'privacy.export' AND subject = ?`, fmt.Sprintf("alumnus:%d", f.alumnus)).Scan(&n)
	if n != 1 {
		t.Errorf("export audited %d times", n)
	}
}

// alumnusRows counts, in every table, the rows that name the alumnus in a
// column referring to alumni (by foreign key or by name).
func alumnusRows(t *testing.T, f *fixture, id int64) map[string]int {
	t.Helper()
	rows, err := f.st.R.Query(`SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.name IN ('alumnus_id', 'author_id', 'reporter_id')
		UNION SELECT m.name, f."from" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
		WHERE m.type = 'table' AND f."table" = 'alumni'`)
	if err != nil {
		t.Fatal(err)
	}
	type col struct{ table, column string }
	var cols []col
	for rows.Next() {
		var c col
		rows.Scan(&c.table, &c.column)
		cols = append(cols, c)
	}
	rows.Close()
	cols = append(cols, col{"alumni", "id"})
	out := map[string]int{}
	for _, c := range cols {
		if c.table == "alumni_changes" || c.table == "deletion_requests" {
			continue // change numbers (an id only) and the request itself, checked apart
		}
		var n int
		if err := f.st.R.QueryRow(`SELECT count(*) FROM `+c.table+` WHERE `+c.column+` = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			out[c.table+"."+c.column] = n
		}
	}
	return out
}

func TestDeletionRequest(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	ctx := context.Background()
	id := f.alumnus
	if err := f.login.Admit(ctx, id, "hr"); err != nil {
		t.Fatal(err)
	}
	taro := f.memberSecret(t, id)
	v := f.publishPurpose(t, "利用目的", "purpose")
	f.memberJSON(t, taro, "POST", "/api/portal/privacy/accept", map[string]any{"version": v, "promotional": true}, nil)
	// Data in many tables: profile, survey, a post with a comment and a
	// reaction by someone else reporting it, notifications, mail.
	if code, e := f.memberJSON(t, taro, "PUT", "/api/portal/profile", map[string]any{"headline": "営業"}, nil); code != 200 {
		t.Fatalf("profile: %d %+v", code, e)
	}
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/survey", map[string]any{"skipped": true}, nil); code != 200 {
		t.Fatalf("survey: %d %+v", code, e)
	}
	var post struct{ ID int64 }
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/posts", map[string]any{"body": "こんにちは"}, &post); code != 201 {
		t.Fatalf("post: %d %+v", code, e)
	}
	_, misaki := f.member(t, "田中 美咲", "たなか みさき", "misaki@example.jp")
	f.memberJSON(t, taro, "POST", fmt.Sprintf("/api/portal/posts/%d/comments", post.ID), map[string]any{"body": "追記"}, nil)
	f.memberJSON(t, misaki, "POST", fmt.Sprintf("/api/portal/posts/%d/reactions", post.ID), map[string]any{"reaction": "thanks"}, nil)
	f.memberJSON(t, misaki, "POST", "/api/portal/reports", map[string]any{"target_kind": "post", "target_id": post.ID, "reason": "spam"}, nil)
	if _, err := f.mail.Send(ctx, mail.Outgoing{To: "taro@example.jp", ToName: "山田 太郎", AlumnusID: id, Subject: "テスト", HTML: "<p>x</p>"}); err != nil {
		t.Fatal(err)
	}
	f.st.W.Exec(`INSERT INTO notifications(alumnus_id, kind, title_ja, created_at) VALUES (?, 'feed', 't', '2026-01-01T00:00:00Z')`, id)
	// An open-registration request HR approved (linked ON DELETE SET NULL) and
	// an earlier one from the same address that was never linked.
	for _, link := range []any{id, nil} {
		if _, err := f.st.W.Exec(`INSERT INTO registrations(email, name, name_reading, status, expires_at, alumnus_id, created_at)
			VALUES ('Taro@example.jp', '山田 太郎', 'ヤマダ タロウ', 'approved', '2026-01-01T00:00:00Z', ?, '2026-01-01T00:00:00Z')`, link); err != nil {
			t.Fatal(err)
		}
	}
	before := alumnusRows(t, f, id)
	for _, want := range []string{"alumni.id", "memberships.alumnus_id", "member_sessions.alumnus_id", "member_profiles.alumnus_id",
		"survey_answers.alumnus_id", "feed_posts.author_id", "feed_comments.author_id", "mail_outbox.alumnus_id",
		"mail_consent.alumnus_id", "privacy_acceptances.alumnus_id", "registrations.alumnus_id"} {
		if before[want] == 0 {
			t.Errorf("no %s row before the deletion: %v", want, before)
		}
	}

	var st privacyStatus
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/privacy/deletion", nil, &st); code != 200 || st.Deletion == nil || st.Deletion.State != "requested" {
		t.Fatalf("request: %d %+v %+v", code, e, st)
	}
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/privacy/deletion", nil, nil); code != 409 || e.Error.Code != "privacy.request_open" {
		t.Errorf("second request: %d %+v", code, e)
	}
	if code, _ := f.do(t, "", "POST", "/api/portal/privacy/deletion", nil, ""); code != 401 {
		t.Errorf("anonymous request: %d", code)
	}
	var list struct{ Items []deletionJSON }
	f.call(t, "GET", "/api/privacy/deletions", nil, &list)
	if len(list.Items) != 1 || list.Items[0].Name != "山田 太郎" || list.Items[0].AlumnusID != id {
		t.Fatalf("list: %+v", list)
	}
	req := list.Items[0].ID
	path := fmt.Sprintf("/api/privacy/deletions/%d", req)
	if code, body := f.call(t, "POST", path+"/decline", map[string]string{"reason": " "}, nil); code != 422 || !strings.Contains(string(body), "privacy.missing_reason") {
		t.Errorf("decline without reason: %d %s", code, body)
	}
	if code, _ := f.do(t, auth.Viewer, "POST", path+"/complete", nil, ""); code != 403 {
		t.Errorf("viewer completes: %d", code)
	}
	if code, _ := f.call(t, "POST", "/api/privacy/deletions/9999/complete", nil, nil); code != 404 {
		t.Errorf("unknown request: %d", code)
	}
	var done deletionJSON
	if code, body := f.call(t, "POST", path+"/complete", nil, &done); code != 200 || done.State != "completed" || done.Name != "" || done.AlumnusID != 0 {
		t.Fatalf("complete: %d %s", code, body)
	}
	if code, body := f.call(t, "POST", path+"/complete", nil, nil); code != 409 || !strings.Contains(string(body), "privacy.already_decided") {
		t.Errorf("complete twice: %d %s", code, body)
	}
	if code, body := f.call(t, "POST", path+"/decline", map[string]string{"reason": "x"}, nil); code != 409 {
		t.Errorf("decline a completed request: %d %s", code, body)
	}

	if left := alumnusRows(t, f, id); len(left) != 0 {
		t.Errorf("rows left after the deletion: %v", left)
	}
	for _, q := range []string{
		`SELECT count(*) FROM mail_consent WHERE address = 'taro@example.jp'`,
		`SELECT count(*) FROM feed_reports`,
		`SELECT count(*) FROM feed_reactions`,
		`SELECT count(*) FROM deletion_requests WHERE name <> '' OR address <> '' OR alumnus_id IS NOT NULL`,
		`SELECT count(*) FROM audit_log WHERE action LIKE 'privacy.%' AND detail LIKE '%山田%'`,
		`SELECT count(*) FROM registrations`,
	} {
		var n int
		if f.st.R.QueryRow(q).Scan(&n); n != 0 {
			t.Errorf("%s: %d", q, n)
		}
	}
	if code, _ := f.call(t, "GET", fmt.Sprintf("/api/alumni/%d", id), nil, nil); code != 404 {
		t.Errorf("alumnus after deletion: %d", code)
	}
	if code, _ := f.asMember(t, taro, "GET", "/api/portal/privacy", nil); code != 401 {
		t.Errorf("session after deletion: %d", code)
	}
	f.drain(t)
	var outcome bool
	for _, raw := range f.caughtFor(t, "taro@example.jp") {
		outcome = outcome || strings.Contains(string(raw), "taro@example.jp") && strings.Contains(string(raw), "Subject:")
	}
	if !outcome {
		t.Error("no outcome mail to the address captured with the request")
	}
}

func TestDeclinedDeletionRequest(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	var st privacyStatus
	f.memberJSON(t, taro, "POST", "/api/portal/privacy/deletion", nil, &st)
	var d deletionJSON
	if code, body := f.call(t, "POST", fmt.Sprintf("/api/privacy/deletions/%d/decline", st.Deletion.ID), map[string]string{"reason": "雇用契約上の保存期間中です"}, &d); code != 200 ||
		d.State != "declined" || d.Reason == "" {
		t.Fatalf("decline: %d %s", code, body)
	}
	f.memberJSON(t, taro, "GET", "/api/portal/privacy", nil, &st)
	if st.Deletion.State != "declined" {
		t.Errorf("member sees %+v", st.Deletion)
	}
	// A new request may follow a declined one.
	if code, e := f.memberJSON(t, taro, "POST", "/api/portal/privacy/deletion", nil, &st); code != 200 || st.Deletion.State != "requested" {
		t.Errorf("new request: %d %+v", code, e)
	}
	if code, _ := f.call(t, "GET", fmt.Sprintf("/api/alumni/%d", f.alumnus), nil, nil); code != 200 {
		t.Errorf("declined: alumnus gone (%d)", code)
	}
}
