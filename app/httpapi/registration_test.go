package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
)

var regSubjectCode = regexp.MustCompile(`登録確認コード (\d{6})`)

// caughtRegCode reads the newest registration code for addr from the mail catcher.
func (f *fixture) caughtRegCode(t *testing.T, addr string) string {
	t.Helper()
	f.drain(t)
	var list struct {
		Items []struct {
			Subject string   `json:"subject"`
			To      []string `json:"to"`
		} `json:"items"`
	}
	f.call(t, "GET", "/api/mail/caught", nil, &list)
	for _, m := range list.Items {
		if c := regSubjectCode.FindStringSubmatch(m.Subject); c != nil && len(m.To) > 0 && strings.Contains(m.To[0], addr) {
			return c[1]
		}
	}
	t.Fatalf("no registration code for %s", addr)
	return ""
}

func TestRegistrationQueueApprovalAndPassword(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	req := map[string]any{"name": "山田太郎", "name_reading": "ヤマダ タロウ", "join_year": 2005, "email": "taro.new@example.com"}

	// Bad input: a clear 422 with the field, nothing mailed or stored.
	bad := map[string]any{"name": "山田太郎", "name_reading": "山田", "email": "taro.new@example.com"}
	resp := f.portalPost(t, "/api/portal/register", "", bad)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 422 || !strings.Contains(string(body), `"name_reading"`) || !strings.Contains(string(body), `"employee_number"`) {
		t.Errorf("bad input: %d %s", resp.StatusCode, body)
	}
	if resp := f.portalPost(t, "/api/portal/register", "", req); resp.StatusCode != 202 {
		t.Fatalf("register: %d", resp.StatusCode)
	}
	code := f.caughtRegCode(t, "taro.new@example.com")
	resp = f.portalPost(t, "/api/portal/register/verify", "", map[string]string{"email": "taro.new@example.com", "code": code})
	var out struct{ Status string }
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode != 200 || out.Status != "pending" || len(resp.Cookies()) != 0 {
		t.Fatalf("verify: %d %+v", resp.StatusCode, out)
	}
	// The code is spent.
	if resp := f.portalPost(t, "/api/portal/register/verify", "", map[string]string{"email": "taro.new@example.com", "code": code}); resp.StatusCode != 401 {
		t.Errorf("reused code: %d", resp.StatusCode)
	}

	var q struct {
		Items []struct {
			ID         int64
			Candidates []struct {
				ID      int64
				Matches []string
			}
		}
	}
	if status, body := f.call(t, "GET", "/api/portal/registrations", nil, &q); status != 200 || len(q.Items) != 1 || len(q.Items[0].Candidates) == 0 ||
		q.Items[0].Candidates[0].ID != f.alumnus {
		t.Fatalf("queue: %d %s", status, body)
	}
	path := fmt.Sprintf("/api/portal/registrations/%d/", q.Items[0].ID)
	if status, _ := f.call(t, "POST", path+"reject", map[string]string{"reason": ""}, nil); status != 422 {
		t.Errorf("reject without reason: %d", status)
	}
	if status, body := f.call(t, "POST", path+"approve", map[string]any{"alumnus_id": f.alumnus, "update_email": true}, nil); status != 200 {
		t.Fatalf("approve: %d %s", status, body)
	}
	if status, _ := f.call(t, "POST", path+"approve", map[string]any{"alumnus_id": f.alumnus}, nil); status != 409 {
		t.Errorf("second approval: %d", status)
	}

	// Now a member with the new address: log in by code, set a password, log in with it.
	if resp := f.portalPost(t, "/api/portal/login/start", "", map[string]string{"email": "taro.new@example.com"}); resp.StatusCode != 202 {
		t.Fatal(resp.StatusCode)
	}
	resp = f.portalPost(t, "/api/portal/login/verify", "", map[string]string{"email": "taro.new@example.com", "code": f.caughtCode(t, "taro.new@example.com")})
	if resp.StatusCode != 200 || len(resp.Cookies()) == 0 {
		t.Fatalf("code login: %d", resp.StatusCode)
	}
	secret := resp.Cookies()[0].Value
	if status, body := f.asMember(t, secret, "PUT", "/api/portal/password", map[string]string{"password": "short"}); status != 422 {
		t.Errorf("weak password: %d %s", status, body)
	}
	if status, body := f.asMember(t, secret, "PUT", "/api/portal/password", map[string]string{"password": "a long enough secret"}); status != 200 {
		t.Fatalf("set password: %d %s", status, body)
	}
	if status, body := f.portalGet(t, "/api/portal/password", secret); status != 200 || !strings.Contains(string(body), `"set":true`) {
		t.Errorf("password state: %d %s", status, body)
	}
	for pw, want := range map[string]int{"a long enough secret": 200, "wrong secret here": 401} {
		if resp := f.portalPost(t, "/api/portal/login/password", "", map[string]string{"email": "taro.new@example.com", "password": pw}); resp.StatusCode != want {
			t.Errorf("password login %q: %d, want %d", pw, resp.StatusCode, want)
		}
	}
	if resp := f.portalPost(t, "/api/portal/login/password", "", map[string]string{"email": "nobody@example.com", "password": "a long enough secret"}); resp.StatusCode != 401 {
		t.Errorf("unknown address: %d", resp.StatusCode)
	}
}

func TestRegistrationFloodIsRateLimited(t *testing.T) {
	f := newFixture(t)
	status := 0
	for i := 0; i < 10 && status != 429; i++ {
		resp := f.portalPost(t, "/api/portal/register", "", map[string]any{"name": "山田太郎", "name_reading": "ヤマダタロウ",
			"leave_year": 2020, "email": fmt.Sprintf("flood%d@example.org", i)})
		status = resp.StatusCode
		if status == 429 && resp.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if status != 429 {
		t.Errorf("a flood from one client was not limited (last status %d)", status)
	}
	var n int
	f.st.R.QueryRow("SELECT count(*) FROM registrations").Scan(&n)
	if n != 5 {
		t.Errorf("%d requests stored, want the 5 allowed", n)
	}
}
