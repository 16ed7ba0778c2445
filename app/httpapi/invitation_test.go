package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
)

var inviteLinkRe = regexp.MustCompile(`/portal/invite/([A-Za-z0-9_-]+)`)

// caughtInvite reads the newest invitation mail for addr from the catcher.
func (f *fixture) caughtInvite(t *testing.T, addr string) (token string, headers [][2]string) {
	t.Helper()
	f.drain(t)
	var list struct {
		Items []struct {
			ID      int64    `json:"id"`
			Subject string   `json:"subject"`
			To      []string `json:"to"`
		} `json:"items"`
	}
	f.call(t, "GET", "/api/mail/caught", nil, &list)
	for _, m := range list.Items {
		if strings.Contains(m.Subject, "招待") && len(m.To) > 0 && strings.Contains(m.To[0], addr) {
			var full struct {
				HTML    string      `json:"html"`
				Headers [][2]string `json:"headers"`
			}
			f.call(t, "GET", fmt.Sprintf("/api/mail/caught/%d", m.ID), nil, &full)
			if k := inviteLinkRe.FindStringSubmatch(full.HTML); k != nil {
				return k[1], full.Headers
			}
		}
	}
	t.Fatalf("no invitation for %s in %+v", addr, list.Items)
	return "", nil
}

func errCode(body []byte) string {
	var e struct {
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	json.Unmarshal(body, &e)
	return e.Error.Code
}

func TestInvitationFlow(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	var sent struct {
		Results []struct{ Sent bool } `json:"results"`
	}
	if code, body := f.call(t, "POST", "/api/invitations", map[string]any{"alumnus_ids": []int64{f.alumnus}, "send": true,
		"sender_kind": "manager", "sender_name": "高橋 部長", "sender_email": "takahashi@example.jp", "message": "また会いましょう"}, &sent); code != 200 || !sent.Results[0].Sent {
		t.Fatalf("send: %d %s", code, body)
	}
	token, headers := f.caughtInvite(t, "taro@example.jp")
	var replyTo, from string
	for _, h := range headers {
		switch h[0] {
		case "Reply-To":
			replyTo = h[1]
		case "From":
			from = h[1]
		}
	}
	if !strings.Contains(replyTo, "takahashi@example.jp") || !strings.Contains(from, "=?") && !strings.Contains(from, "高橋") {
		t.Errorf("From %q, Reply-To %q", from, replyTo)
	}
	code, body := f.portalGet(t, "/api/portal/invitations/"+token, "")
	if code != 200 || !strings.Contains(string(body), "高橋 部長") {
		t.Fatalf("invitation page: %d %s", code, body)
	}
	resp := f.portalPost(t, "/api/portal/invitations/"+token+"/accept", "", nil)
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("accept: %d %s", resp.StatusCode, b)
	}
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "kizuna_member" {
			cookie = c.Value
		}
	}
	if code, body := f.portalGet(t, "/api/portal/me", cookie); code != 200 {
		t.Fatalf("portal after accepting: %d %s", code, body)
	}
	// Reused link, garbage link.
	for _, tc := range []struct{ token, want string }{{token, "invitations.used"}, {"garbage", "invitations.bad_link"}} {
		resp := f.portalPost(t, "/api/portal/invitations/"+tc.token+"/accept", "", nil)
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 || errCode(b) != tc.want {
			t.Errorf("accept %s: %d %s", tc.token, resp.StatusCode, b)
		}
	}
	var list struct {
		Items []struct {
			Status string `json:"status"`
		} `json:"items"`
	}
	f.call(t, "GET", "/api/invitations?status=accepted", nil, &list)
	if len(list.Items) != 1 {
		t.Errorf("accepted list: %+v", list)
	}
	// Already a member now: said so, nothing sent.
	code, body = f.call(t, "POST", "/api/invitations", map[string]any{"alumnus_ids": []int64{f.alumnus}, "send": true}, nil)
	if code != 409 || errCode(body) != "invitations.already_member" {
		t.Errorf("invite a member: %d %s", code, body)
	}
}

func TestInvitationBadInput(t *testing.T) {
	f := newFixture(t)
	var noEmail struct{ ID int64 }
	f.call(t, "POST", "/api/alumni", map[string]any{"company_id": 1, "name": "鈴木 一郎"}, &noEmail)
	for _, tc := range []struct {
		name   string
		method string
		path   string
		body   any
		status int
		code   string
	}{
		{"no email", "POST", "/api/invitations", map[string]any{"alumnus_ids": []int64{noEmail.ID}, "send": true}, 400, "invitations.no_email"},
		{"message too long", "POST", "/api/invitations", map[string]any{"alumnus_ids": []int64{f.alumnus}, "send": true, "message": strings.Repeat("長", 1001)}, 422, "invitations.message_too_long"},
		{"bad days", "POST", "/api/invitations", map[string]any{"alumnus_ids": []int64{f.alumnus}, "days": 365}, 422, "invitations.bad_days"},
		{"nobody", "POST", "/api/invitations", map[string]any{}, 400, "invitations.no_alumni"},
		{"bad window", "GET", "/api/invitations/leavers?from=2026-13-01&to=x", nil, 400, "invitations.bad_window"},
		{"revoke none", "DELETE", fmt.Sprintf("/api/invitations/%d", f.alumnus), nil, 404, "invitations.not_found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := f.call(t, tc.method, tc.path, tc.body, nil)
			if code != tc.status || errCode(body) != tc.code {
				t.Errorf("%d %s", code, body)
			}
		})
	}
}

func TestInvitationRevokeAndLeaflet(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	f.call(t, "POST", "/api/invitations", map[string]any{"alumnus_ids": []int64{f.alumnus}, "send": true}, nil)
	token, _ := f.caughtInvite(t, "taro@example.jp")
	if code, body := f.call(t, "DELETE", fmt.Sprintf("/api/invitations/%d", f.alumnus), nil, nil); code != 204 {
		t.Fatalf("revoke: %d %s", code, body)
	}
	code, body := f.portalGet(t, "/api/portal/invitations/"+token, "")
	if code != 409 || errCode(body) != "invitations.revoked" {
		t.Errorf("revoked link: %d %s", code, body)
	}
	code, body = f.call(t, "POST", "/api/invitations/leaflets", map[string]any{"alumnus_ids": []int64{f.alumnus}}, nil)
	if code == 503 && errCode(body) == "invitations.no_font" {
		t.Skip("IPA Gothic not installed")
	}
	if code != 200 || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("leaflet: %d %.200s", code, body)
	}
	var list struct {
		Items []struct {
			Status string `json:"status"`
		} `json:"items"`
	}
	f.call(t, "GET", fmt.Sprintf("/api/invitations?alumnus_id=%d", f.alumnus), nil, &list)
	if len(list.Items) != 1 || list.Items[0].Status != "unsent" {
		t.Errorf("after the leaflet: %+v", list)
	}
}

// Someone guessing links on the public invitation page is slowed down.
func TestInvitationPageRateLimit(t *testing.T) {
	f := newFixture(t)
	limited := false
	for i := 0; i < 40 && !limited; i++ {
		code, body := f.portalGet(t, fmt.Sprintf("/api/portal/invitations/guess-%d", i), "")
		switch {
		case code == 429:
			limited = true
		case code != 404 || errCode(body) != "invitations.bad_link":
			t.Fatalf("guess %d: %d %s", i, code, body)
		}
	}
	if !limited {
		t.Error("40 guesses in a row were never rate-limited")
	}
}
