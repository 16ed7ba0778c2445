package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
)

func TestConsentAPI(t *testing.T) {
	f := newFixture(t)
	path := fmt.Sprintf("/api/alumni/%d/consent", f.alumnus)
	type history struct {
		OptedIn bool `json:"opted_in"`
		Items   []struct {
			Method     string  `json:"method"`
			TextAgreed string  `json:"text_agreed"`
			RevokedAt  *string `json:"revoked_at"`
			RevokedHow string  `json:"revoked_how"`
		} `json:"items"`
	}
	get := func() history {
		t.Helper()
		code, body := f.do(t, auth.Viewer, "GET", path, nil, "")
		var h history
		if code != 200 || json.Unmarshal(body, &h) != nil {
			t.Fatalf("get consent: %d %s", code, body)
		}
		return h
	}
	if h := get(); h.OptedIn || len(h.Items) != 0 {
		t.Fatalf("fresh: %+v", h)
	}
	bad := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"unknown method", map[string]any{"method": "phone", "text_agreed": "同意します"}, "method"},
		{"no text", map[string]any{"method": "paper"}, "text_agreed"},
		{"future date", map[string]any{"method": "paper", "text_agreed": "同意します", "granted_at": "2099-01-01T00:00:00Z"}, "granted_at"},
	}
	for _, c := range bad {
		code, body := f.do(t, auth.HRStaff, "POST", path, jsonBody(c.body), "application/json")
		if e := decodeError(t, body); code != 422 || e.Error.Fields[c.field] == "" {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	if code, _ := f.do(t, auth.Coordinator, "POST", path, jsonBody(map[string]any{"method": "paper", "text_agreed": "x"}), "application/json"); code != 403 {
		t.Errorf("coordinator recorded consent: %d", code)
	}
	paper := map[string]any{"method": "paper", "text_agreed": "アルムナイ向けのお知らせメールの受信に同意します（2026年10月 交流会の申込書）",
		"granted_at": "2026-10-01T10:00:00+09:00"}
	if code, body := f.do(t, auth.HRStaff, "POST", path, jsonBody(paper), "application/json"); code != 201 || !strings.Contains(string(body), `"granted_at":"2026-10-01T01:00:00Z"`) {
		t.Fatalf("record: %d %s", code, body)
	}
	if h := get(); !h.OptedIn || len(h.Items) != 1 || h.Items[0].Method != "paper" || !strings.Contains(h.Items[0].TextAgreed, "申込書") {
		t.Fatalf("after record: %+v", h)
	}
	if ok, _ := f.mail.HasConsent(context.Background(), "taro@example.jp"); !ok {
		t.Fatal("the engine does not see the opt-in")
	}
	if code, body := f.do(t, auth.HRStaff, "DELETE", path, nil, ""); code != 204 {
		t.Fatalf("revoke: %d %s", code, body)
	}
	if h := get(); h.OptedIn || h.Items[0].RevokedAt == nil || !strings.HasPrefix(h.Items[0].RevokedHow, "console:token") {
		t.Fatalf("after revoke: %+v", h)
	}
	entries, _ := audit.New(f.st).List(context.Background(), audit.Filter{Subject: fmt.Sprintf("alumnus:%d", f.alumnus)})
	actions := map[string]int{}
	for _, e := range entries {
		actions[e.Action]++
	}
	if actions["mail.consent.record"] != 1 || actions["mail.consent.revoke"] != 1 || actions["mail.consent.read"] != 3 {
		t.Fatalf("audit: %v", actions)
	}
	if code, _ := f.do(t, auth.Viewer, "GET", "/api/alumni/999999/consent", nil, ""); code != 404 {
		t.Errorf("unknown alumnus: %d", code)
	}
}

func TestSuppressionAPI(t *testing.T) {
	f := newFixture(t)
	for _, addr := range []string{"", "not-an-address", "a@b@c"} {
		code, body := f.do(t, auth.HRStaff, "POST", "/api/mail/suppressions", jsonBody(map[string]string{"address": addr}), "application/json")
		if e := decodeError(t, body); code != 422 || e.Error.Fields["address"] == "" {
			t.Errorf("%q: %d %s", addr, code, body)
		}
	}
	for _, addr := range []string{"Blocked@Example.jp", "other@example.jp"} {
		if code, body := f.do(t, auth.HRStaff, "POST", "/api/mail/suppressions", jsonBody(map[string]string{"address": addr, "reason": "本人の申し出"}), "application/json"); code != 201 {
			t.Fatalf("add: %d %s", code, body)
		}
	}
	code, body := f.do(t, auth.Viewer, "GET", "/api/mail/suppressions?q=blocked", nil, "")
	var list struct {
		Items []struct {
			Address, Reason, Detail string
		} `json:"items"`
	}
	json.Unmarshal(body, &list)
	if code != 200 || len(list.Items) != 1 || list.Items[0].Address != "blocked@example.jp" || list.Items[0].Reason != "本人の申し出" {
		t.Fatalf("search: %d %s", code, body)
	}
	if _, ok, _ := f.mail.Suppressed(context.Background(), "blocked@example.jp"); !ok {
		t.Fatal("the engine does not see the suppression")
	}
	if code, _ := f.do(t, auth.HRStaff, "DELETE", "/api/mail/suppressions/blocked@example.jp", nil, ""); code != 204 {
		t.Fatalf("remove: %d", code)
	}
	if code, _ := f.do(t, auth.HRStaff, "DELETE", "/api/mail/suppressions/blocked@example.jp", nil, ""); code != 404 {
		t.Fatalf("remove twice: %d", code)
	}
	_, body = f.do(t, auth.Viewer, "GET", "/api/mail/suppressions", nil, "")
	if json.Unmarshal(body, &list); len(list.Items) != 1 || list.Items[0].Address != "other@example.jp" {
		t.Fatalf("after remove: %s", body)
	}
	entries, _ := audit.New(f.st).List(context.Background(), audit.Filter{Subject: "address:blocked@example.jp"})
	if len(entries) != 2 {
		t.Fatalf("audit: %+v", entries)
	}
}
