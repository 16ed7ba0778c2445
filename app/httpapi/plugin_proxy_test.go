package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/httpapi"
	"github.com/kizuna-hr/kizuna/sdk/bundle"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

const testPlugin = "jp.kizuna.test.misbehave"

var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kizuna-httpapi-plugin-")
	if err != nil {
		return "", err
	}
	return bundle.Build(context.Background(), "../plugins/testdata/misbehave", bundle.Options{OutDir: dir})
})

// withPlugin installs and enables the test plugin (a real process) in f's host.
func withPlugin(t testing.TB, f *fixture) {
	t.Helper()
	installBundle(t, f, buildOnce, testPlugin, nil)
}

// installBundle builds (once) and installs a plugin bundle in f's host,
// enables it with grants and waits until it runs.
func installBundle(t testing.TB, f *fixture, build func() (string, error), id string, grants []string) {
	t.Helper()
	path, err := build()
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	ctx := actor.With(context.Background(), actor.Actor{Kind: actor.CLI, Name: "test", Role: "owner"})
	if _, err := f.plugins.Install(ctx, file); err != nil {
		t.Fatal(err)
	}
	if err := f.plugins.Enable(ctx, id, grants); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if s, _ := f.plugins.Get(ctx, id); s.Running {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("plugin %s did not start", id)
		}
	}
}

func TestPluginProxy(t *testing.T) {
	f := newFixture(t)
	withPlugin(t, f)

	// The plugin sees the trusted caller, never the credentials, and the path without its prefix.
	req, _ := http.NewRequest("GET", f.http.URL+"/plugins/"+testPlugin+"/headers", nil)
	req.Header.Set("Authorization", "Bearer "+f.tokens[auth.HRStaff])
	req.Header.Set("Cookie", "kizuna_session=secret")
	req.Header.Set("X-Kizuna-Role", "owner")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	want := `cookie="" auth="" caller=test-hr_staff role=hr_staff path=/headers`
	if res.StatusCode != 200 || body != want {
		t.Errorf("plugin saw %d %q, want %q", res.StatusCode, body, want)
	}
	if c := res.Header.Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("plugin set a host cookie: %v", c)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") {
		t.Errorf("CSP = %q", csp)
	}

	// Bodies larger than gRPC's default 4 MB message cross both ways.
	big := strings.Repeat("あ", 2<<20) // 6 MB
	if code, body := f.do(t, auth.Viewer, "POST", "/plugins/"+testPlugin+"/size", strings.NewReader(big), "text/plain"); code != 200 || string(body) != "6291456" {
		t.Errorf("6 MB body: %d %.100s", code, body)
	}
	if code, _ := f.do(t, auth.Viewer, "POST", "/plugins/"+testPlugin+"/size", strings.NewReader(big+big+big), "text/plain"); code != 413 {
		t.Errorf("18 MB body: %d, want 413", code)
	}
	if code, _ := f.do(t, "", "GET", "/plugins/"+testPlugin+"/", nil, ""); code != 401 {
		t.Errorf("anonymous: %d, want 401", code)
	}
	if code, _ := f.do(t, auth.Viewer, "GET", "/plugins/"+testPlugin+"/panic", nil, ""); code != 500 {
		t.Errorf("panicking handler: %d, want 500", code)
	}
	if code, _ := f.do(t, auth.Viewer, "GET", "/plugins/"+testPlugin+"/", nil, ""); code != 200 {
		t.Errorf("after the panic: %d, want 200", code)
	}
	if code, body := f.do(t, auth.Viewer, "GET", "/plugins/jp.example.none/", nil, ""); code != 503 || !strings.Contains(string(body), "plugin.not_running") {
		t.Errorf("unknown plugin: %d %s", code, body)
	}
	if code, body := f.do(t, "", "GET", "/plugins/_sdk/kizuna.css", nil, ""); code != 200 || !strings.Contains(string(body), ".kz-table") {
		t.Errorf("stylesheet: %d", code)
	}
	// The console lists it; a viewer may not manage plugins.
	if code, body := f.do(t, auth.HRAdmin, "GET", "/api/plugins", nil, ""); code != 200 || !strings.Contains(string(body), testPlugin) {
		t.Errorf("list: %d %s", code, body)
	}
	if code, _ := f.do(t, auth.Viewer, "GET", "/api/plugins", nil, ""); code != 403 {
		t.Errorf("viewer list: %d", code)
	}
}

func readAll(t testing.TB, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			return b.String()
		}
	}
}

// BenchmarkPluginProxyOverhead reports the p50 of a request through the
// host's HTTP handler to the plugin and of the same call made directly over
// gRPC; the difference is what the host adds.
func BenchmarkPluginProxyOverhead(b *testing.B) {
	f := newFixture(b)
	withPlugin(b, f)
	client := f.http.Client()
	url := f.http.URL + "/plugins/" + testPlugin + "/"
	token := "Bearer " + f.tokens[auth.HRAdmin]
	var direct, proxied []time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := f.plugins.ServeHTTP(context.Background(), testPlugin, &pb.HTTPRequest{Method: "GET", Path: "/"}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", token)
		res, err := client.Do(req)
		if err != nil || res.StatusCode != 200 {
			b.Fatal(err, res.StatusCode)
		}
		readAll(b, res)
		proxied = append(proxied, time.Since(t1))
		direct = append(direct, t1.Sub(t0))
	}
	p50 := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
	pd, pp := p50(direct), p50(proxied)
	b.ReportMetric(float64(pd.Microseconds()), "direct-p50-µs")
	b.ReportMetric(float64(pp.Microseconds()), "proxied-p50-µs")
	b.ReportMetric(float64((pp - pd).Microseconds()), "added-p50-µs")
}

// A page opened with a console session is moved under a frame grant: the
// plugin still sees its user (and the grant's base path), the page is sent
// in an opaque-origin sandbox, and the grant ends with the session and
// cannot be forged.
func TestPluginPagesUnderFrameGrant(t *testing.T) {
	f := newFixture(t)
	withPlugin(t, f)
	ctx := context.Background()
	if _, err := f.auth.CreateUser(ctx, "hr@example.jp", "人事", auth.HRStaff, "a long enough password"); err != nil {
		t.Fatal(err)
	}
	_, session, err := f.auth.Login(ctx, "hr@example.jp", "a long enough password", "test")
	if err != nil {
		t.Fatal(err)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string, cookie bool) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", f.http.URL+path, nil)
		if cookie {
			req.AddCookie(&http.Cookie{Name: httpapi.SessionCookie, Value: session})
		}
		res, err := noFollow.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}

	res := get("/plugins/"+testPlugin+"/headers?x=1", true)
	loc := res.Header.Get("Location")
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/pf/") || !strings.HasSuffix(loc, "/headers?x=1") {
		t.Fatalf("open with a session: %d Location=%q", res.StatusCode, loc)
	}
	// The browser follows it from the sandbox, with no cookie.
	res = get(loc, false)
	body := readAll(t, res)
	if res.StatusCode != 200 || body != `cookie="" auth="" caller=hr@example.jp role=hr_staff path=/headers` {
		t.Errorf("framed page: %d %q", res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox allow-scripts") || strings.Contains(csp, "allow-same-origin") {
		t.Errorf("framed page CSP = %q", csp)
	}

	cases := []struct {
		name string
		path string
	}{
		{"forged grant", "/pf/not-a-grant/headers"},
		{"grant after logout", loc},
	}
	f.auth.Logout(ctx, session)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := get(c.path, false)
			body := readAll(t, res)
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "開き直してください") {
				t.Errorf("%d %s", res.StatusCode, body)
			}
		})
	}
}

// In the desktop window a plugin page is served where it was asked for (no
// redirect for the window's WebView to follow), still in its sandbox.
func TestPluginPageInTheDesktopWindow(t *testing.T) {
	f := newFixture(t)
	withPlugin(t, f)
	rec := httptest.NewRecorder()
	f.srv.DesktopHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/plugins/"+testPlugin+"/headers", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "caller=desktop") {
		t.Errorf("desktop: %d %q", rec.Code, rec.Body.String())
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox ") {
		t.Errorf("desktop CSP = %q", csp)
	}
}
