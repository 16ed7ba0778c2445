package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
)

// portalPost sends a JSON POST with an optional kizuna_member cookie.
func (f *fixture) portalPost(t *testing.T, path, cookie string, body any) *http.Response {
	t.Helper()
	return f.portalDo(t, "POST", path, cookie, jsonBody(body))
}

func (f *fixture) portalGet(t *testing.T, path, cookie string) (int, []byte) {
	t.Helper()
	resp := f.portalDo(t, "GET", path, cookie, nil)
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func (f *fixture) portalDo(t *testing.T, method, path, cookie string, body io.Reader) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, f.http.URL+path, body)
	req.Header.Set("Content-Type", "application/json")
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: "kizuna_member", Value: cookie})
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

var subjectCode = regexp.MustCompile(`ログインコード (\d{6})`)

// caughtCode reads the newest login code for addr from the mail catcher, as HR.
func (f *fixture) caughtCode(t *testing.T, addr string) string {
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
		if c := subjectCode.FindStringSubmatch(m.Subject); c != nil && len(m.To) > 0 && strings.Contains(m.To[0], addr) {
			return c[1]
		}
	}
	t.Fatalf("no login code for %s in %+v", addr, list.Items)
	return ""
}

func TestPortalLogin(t *testing.T) {
	f := newFixture(t)
	f.startMail(t)
	// HR makes the alumnus a member.
	var m struct{ Member bool }
	if status, body := f.call(t, "POST", fmt.Sprintf("/api/alumni/%d/portal", f.alumnus), nil, &m); status != 200 || !m.Member {
		t.Fatalf("admit: %d %s", status, body)
	}
	if status, _ := f.call(t, "POST", "/api/alumni/99999/portal", nil, nil); status != 404 {
		t.Errorf("admit unknown alumnus: %d", status)
	}

	// Start answers 202 for a member and a stranger alike.
	for _, email := range []string{"taro@example.jp", "stranger@example.jp"} {
		if resp := f.portalPost(t, "/api/portal/login/start", "", map[string]string{"email": email}); resp.StatusCode != 202 {
			t.Fatalf("start %s: %d", email, resp.StatusCode)
		}
	}
	code := f.caughtCode(t, "taro@example.jp")

	resp := f.portalPost(t, "/api/portal/login/verify", "", map[string]string{"email": "taro@example.jp", "code": code})
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("verify: %d %s", resp.StatusCode, b)
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "kizuna_member" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Value == "" {
		t.Fatalf("cookie = %+v", cookie)
	}
	status, body := f.portalGet(t, "/api/portal/me", cookie.Value)
	var me struct{ Alumnus struct{ ID int64 } }
	json.Unmarshal(body, &me)
	if status != 200 || me.Alumnus.ID != f.alumnus || !strings.Contains(string(body), "山田 太郎") {
		t.Fatalf("me: %d %s", status, body)
	}

	// The code is single use.
	resp = f.portalPost(t, "/api/portal/login/verify", "", map[string]string{"email": "taro@example.jp", "code": code})
	if e := decodeBody(t, resp); resp.StatusCode != 401 || e.Error.Code != "members.bad_code" || e.Error.MessageEN == "" {
		t.Errorf("reused code: %d %+v", resp.StatusCode, e)
	}

	// Bad input answers 4xx with a bilingual message.
	for _, c := range []struct {
		path   string
		body   map[string]string
		status int
		code   string
	}{
		{"/api/portal/login/start", map[string]string{"email": ""}, 422, "members.missing_email"},
		{"/api/portal/login/verify", map[string]string{"email": "taro@example.jp"}, 422, "members.missing_code"},
		{"/api/portal/login/verify", map[string]string{"token": "forged"}, 401, "members.bad_link"},
	} {
		resp := f.portalPost(t, c.path, "", c.body)
		if e := decodeBody(t, resp); resp.StatusCode != c.status || e.Error.Code != c.code || e.Error.Message == "" {
			t.Errorf("%s %v: %d %+v", c.path, c.body, resp.StatusCode, e)
		}
	}

	// HR credentials never open a member route.
	if status, _ := f.do(t, auth.Owner, "GET", "/api/portal/me", nil, ""); status != 401 {
		t.Errorf("HR token on /api/portal/me: %d", status)
	}

	// Log out everywhere ends this session.
	if resp := f.portalPost(t, "/api/portal/logout-all", cookie.Value, nil); resp.StatusCode != 204 {
		t.Fatalf("logout-all: %d", resp.StatusCode)
	}
	if status, _ := f.portalGet(t, "/api/portal/me", cookie.Value); status != 401 {
		t.Errorf("me after logout-all: %d", status)
	}

	// HR ends the membership: no more codes.
	if status, body := f.call(t, "DELETE", fmt.Sprintf("/api/alumni/%d/portal", f.alumnus), nil, &m); status != 200 || m.Member {
		t.Fatalf("revoke: %d %s", status, body)
	}
}

func decodeBody(t *testing.T, resp *http.Response) apiError {
	t.Helper()
	b, _ := io.ReadAll(resp.Body)
	return decodeError(t, b)
}

func TestPortalSettings(t *testing.T) {
	f := newFixture(t)
	var got struct {
		NetworkName string `json:"network_name"`
	}
	if status, body := f.call(t, "PUT", "/api/portal/settings", map[string]string{"network_name": " きずなアルムナイ "}, &got); status != 200 || got.NetworkName != "きずなアルムナイ" {
		t.Fatalf("put: %d %s", status, body)
	}
	status, body := f.portalGet(t, "/api/portal/info", "")
	if status != 200 || !strings.Contains(string(body), "きずなアルムナイ") {
		t.Errorf("info as a visitor: %d %s", status, body)
	}
	status, body = f.call(t, "PUT", "/api/portal/settings", map[string]string{"network_name": strings.Repeat("絆", 61)}, nil)
	if e := decodeError(t, body); status != 422 || e.Error.Fields["network_name"] == "" {
		t.Errorf("too long: %d %s", status, body)
	}
	if status, _ := f.do(t, auth.Viewer, "PUT", "/api/portal/settings", jsonBody(map[string]string{"network_name": "x"}), "application/json"); status != 403 {
		t.Errorf("viewer: %d", status)
	}
}
