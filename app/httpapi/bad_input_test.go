package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/auth"
)

func TestBadInputGetsAClearReason(t *testing.T) {
	f := newFixture(t)
	id := fmt.Sprint(f.alumnus)
	cases := []struct {
		name       string
		method     string
		path       string
		body       string
		wantStatus int
		wantCode   string
		wantField  string
	}{
		{"malformed JSON", "PUT", "/api/alumni/" + id, `{"name": "山田`, 400, "request.malformed_json", ""},
		{"trailing garbage", "PUT", "/api/alumni/" + id, `{"name":"山田"} {}`, 400, "request.malformed_json", ""},
		{"wrong JSON type", "PUT", "/api/alumni/" + id, `{"name": 42}`, 400, "request.malformed_json", ""},
		{"missing name", "PUT", "/api/alumni/" + id, `{"company_id":1,"name":""}`, 422, "alumni.invalid", "name"},
		{"invalid email", "PUT", "/api/alumni/" + id, `{"company_id":1,"name":"山田 太郎","email":"taro@"}`, 422, "alumni.invalid", "email"},
		{"impossible date", "PUT", "/api/alumni/" + id, `{"company_id":1,"name":"山田 太郎","join_date":"2015-02-30"}`, 422, "alumni.invalid", "join_date"},
		{"leave before join", "PUT", "/api/alumni/" + id, `{"company_id":1,"name":"山田 太郎","join_date":"2015-04-01","leave_date":"2014-03-31"}`, 422, "alumni.invalid", "leave_date"},
		{"kanji reading", "POST", "/api/alumni", `{"company_id":1,"name":"鈴木 一郎","name_reading":"鈴木"}`, 422, "alumni.invalid", "name_reading"},
		{"unknown company", "POST", "/api/alumni", `{"company_id":99,"name":"鈴木 一郎"}`, 400, "alumni.unknown_company", ""},
		{"duplicate email", "POST", "/api/alumni", `{"company_id":1,"name":"別人","email":"taro@example.jp"}`, 409, "alumni.duplicate", ""},
		{"unknown alumnus", "GET", "/api/alumni/999999", "", 404, "alumni.not_found", ""},
		{"id not a number", "GET", "/api/alumni/abc", "", 400, "request.bad_parameter", ""},
		{"negative offset", "GET", "/api/alumni?offset=-1", "", 400, "request.bad_parameter", ""},
		{"unknown sort", "GET", "/api/alumni?sort=salary", "", 422, "alumni.invalid", "sort"},
		{"unknown export format", "GET", "/api/alumni/export?format=pdf", "", 400, "export.unknown_format", ""},
		{"import without a file", "POST", "/api/alumni/import", "", 400, "request.no_file", ""},
		{"restore a file that is not a database", "POST", "/api/restore?filename=x.db", "not a database at all", 400, "store.backup_invalid", ""},
		{"unknown role for a user", "POST", "/api/users", `{"email":"a@example.jp","role":"king"}`, 400, "auth.unknown_role", ""},
		{"token without a name", "POST", "/api/tokens", `{"role":"viewer"}`, 400, "auth.invalid_name", ""},
		{"unknown job", "GET", "/api/jobs/nope", "", 404, "jobs.not_found", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ct := "application/json"
			if strings.Contains(c.path, "restore") || strings.Contains(c.path, "import") {
				ct = "application/octet-stream"
			}
			code, body := f.do(t, auth.Owner, c.method, c.path, strings.NewReader(c.body), ct)
			if code != c.wantStatus {
				t.Fatalf("status %d, want %d: %s", code, c.wantStatus, body)
			}
			e := decodeError(t, body)
			if e.Error.Code != c.wantCode {
				t.Errorf("code %q, want %q", e.Error.Code, c.wantCode)
			}
			if c.wantField != "" && e.Error.Fields[c.wantField] == "" {
				t.Errorf("no reason for field %q: %s", c.wantField, body)
			}
		})
	}
	// Nothing was lost: the alumnus is as it was.
	_, body := f.do(t, auth.Owner, "GET", "/api/alumni/"+id, nil, "")
	if !strings.Contains(string(body), `"name":"山田 太郎"`) || !strings.Contains(string(body), `"email":"taro@example.jp"`) {
		t.Errorf("alumnus changed by rejected requests: %s", body)
	}
}

func TestOversizedBodyIs413(t *testing.T) {
	f := newFixture(t)
	big := `{"name":"` + strings.Repeat("あ", 400_000) + `"}`
	code, body := f.do(t, auth.Owner, "PUT", fmt.Sprintf("/api/alumni/%d", f.alumnus), strings.NewReader(big), "application/json")
	if code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413: %.200s", code, body)
	}
	decodeError(t, body)
}

func TestHROnlyFieldsHiddenFromViewer(t *testing.T) {
	f := newFixture(t)
	path := fmt.Sprintf("/api/alumni/%d", f.alumnus)
	_, ownerBody := f.do(t, auth.Owner, "GET", path, nil, "")
	_, viewerBody := f.do(t, auth.Viewer, "GET", path, nil, "")
	for _, secret := range []string{"家業を継ぐため", "面談メモ", "eligible"} {
		if !strings.Contains(string(ownerBody), secret) {
			t.Errorf("owner does not see %q", secret)
		}
		if strings.Contains(string(viewerBody), secret) {
			t.Errorf("viewer sees HR-only %q", secret)
		}
	}
	// A coordinator edit keeps the HR-only fields; a viewer cannot edit at all.
	if code, _ := f.do(t, auth.Viewer, "PUT", path, jsonBody(map[string]any{"company_id": 1, "name": "改名"}), "application/json"); code != 403 {
		t.Errorf("viewer edit = %d, want 403", code)
	}
}

func TestLoginSessionAndCrossSiteProtection(t *testing.T) {
	f := newFixture(t)
	ctx := t.Context()
	if _, err := f.auth.CreateUser(ctx, "hr@example.jp", "人事 花子", auth.HRStaff, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	login := func(pw string, header map[string]string) *http.Response {
		req, _ := http.NewRequest("POST", f.http.URL+"/api/auth/login", jsonBody(map[string]string{"email": "HR@example.jp ", "password": pw}))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	// A login form posted from another site is refused before any check.
	if resp := login("correct horse battery", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}); resp.StatusCode != 403 {
		t.Errorf("cross-site login = %d, want 403", resp.StatusCode)
	}
	resp := login("correct horse battery", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login = %d", resp.StatusCode)
	}
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "kizuna_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie missing or not HttpOnly/SameSite: %+v", cookie)
	}
	req, _ := http.NewRequest("GET", f.http.URL+"/api/me", nil)
	req.AddCookie(cookie)
	me, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		User        struct{ Role string }
		Permissions []string
	}
	json.NewDecoder(me.Body).Decode(&body)
	me.Body.Close()
	if me.StatusCode != 200 || len(body.Permissions) == 0 {
		t.Fatalf("/api/me = %d %+v", me.StatusCode, body)
	}
	// A state-changing request from another site with the cookie is refused.
	req, _ = http.NewRequest("DELETE", fmt.Sprintf("%s/api/alumni/%d", f.http.URL, f.alumnus), nil)
	req.AddCookie(cookie)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != 403 {
		t.Errorf("cross-site DELETE = %d, want 403", resp.StatusCode)
	}
}

func TestLoginThrottling(t *testing.T) {
	f := newFixture(t)
	if _, err := f.auth.CreateUser(t.Context(), "hr@example.jp", "", auth.HRStaff, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	var codes []int
	for i := 0; i < 7; i++ {
		code, body := f.do(t, "", "POST", "/api/auth/login", jsonBody(map[string]string{"email": "hr@example.jp", "password": "wrong password"}), "application/json")
		decodeError(t, body)
		codes = append(codes, code)
	}
	if codes[0] != 401 || codes[4] != 401 || codes[5] != 429 || codes[6] != 429 {
		t.Fatalf("status codes %v: want 401 five times then 429", codes)
	}
	// Even the right password waits until the window has passed.
	if code, _ := f.do(t, "", "POST", "/api/auth/login", jsonBody(map[string]string{"email": "hr@example.jp", "password": "correct horse battery"}), "application/json"); code != 429 {
		t.Errorf("right password while throttled = %d, want 429", code)
	}
}

func TestDesktopDoorIsTheLocalOwner(t *testing.T) {
	f := newFixture(t)
	rec := httptest.NewRecorder()
	f.srv.DesktopHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/me", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `"desktop":true`) || !strings.Contains(rec.Body.String(), `"role":"owner"`) {
		t.Fatalf("desktop /api/me = %d %s", rec.Code, rec.Body)
	}
	// The network door does not trust anyone without credentials.
	if code, _ := f.do(t, "", "GET", "/api/me", nil, ""); code != 401 {
		t.Errorf("network /api/me without credentials = %d", code)
	}
}

func TestRevokedTokenStopsWorking(t *testing.T) {
	f := newFixture(t)
	tok, secret, err := f.auth.CreateToken(t.Context(), "script", auth.Viewer)
	if err != nil {
		t.Fatal(err)
	}
	get := func() int {
		req, _ := http.NewRequest("GET", f.http.URL+"/api/alumni?q=山田", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if get() != 200 {
		t.Fatal("fresh token refused")
	}
	if code, _ := f.do(t, auth.Owner, "DELETE", fmt.Sprintf("/api/tokens/%d", tok.ID), nil, ""); code != 204 {
		t.Fatalf("revoke = %d", code)
	}
	if code := get(); code != 401 {
		t.Errorf("revoked token = %d, want 401", code)
	}
}
