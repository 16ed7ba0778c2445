package cli

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kizuna-hr/kizuna/app/httpapi"
)

// The handler serve and the desktop window use has every portal capability
// wired: after the demo, a visitor sees the network's name and a logged-in
// member opens each portal page's API.
func TestServedHandlerWiresThePortal(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "", "demo", "--count", "60", "--data", data); r.code != 0 {
		t.Fatalf("%+v", r)
	}
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := openApp(ctx, data, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	srv := httptest.NewServer(a.handler(&env{assets: fstest.MapFS{"index.html": {Data: []byte("<!doctype html>")}}, log: quiet}))
	defer srv.Close()

	get := func(path, secret string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if secret != "" {
			req.AddCookie(&http.Cookie{Name: httpapi.MemberCookie, Value: secret})
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := get("/api/portal/info", ""); code != 200 || !strings.Contains(body, "アルムナイネットワーク") {
		t.Errorf("portal info: %d %s", code, body)
	}
	var member int64
	if err := a.store.R.QueryRow("SELECT alumnus_id FROM memberships ORDER BY alumnus_id LIMIT 1").Scan(&member); err != nil {
		t.Fatal(err)
	}
	secret, err := a.members.Open(ctx, member, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/portal/me", "/api/portal/feed", "/api/portal/events", "/api/portal/alumni",
		"/api/portal/profile", "/api/portal/notifications", "/api/portal/plugins/nav"} {
		if code, body := get(path, secret); code != 200 {
			t.Errorf("GET %s as a member: %d %.200s", path, code, body)
		}
	}
}
