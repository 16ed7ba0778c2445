package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
)

// syncBuffer is a bytes.Buffer safe to write from the server while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeRunsTheMailEngine: `kizuna serve` starts the engine on the
// built-in catcher, sends what was queued before it started, points
// unsubscribe links at its listener, and stops cleanly.
func TestServeRunsTheMailEngine(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := openApp(ctx, data, quiet)
	if err != nil {
		t.Fatal(err)
	}
	queued, err := a.mail.Send(ctx, mail.Outgoing{To: "taro@example.jp", Subject: "起動前に登録したメール", HTML: "<p>本文</p>"})
	a.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := kizuna(t, "", "token", "create", "--name", "test", "--role", "owner", "--data", data)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	token := lines[len(lines)-1]

	serveCtx, stop := context.WithCancel(ctx)
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(serveCtx, []string{"serve", "--addr", "127.0.0.1:0", "--data", data}, fstest.MapFS{}, strings.NewReader(""), &out, &errb)
	}()
	addrRe := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/console/`)
	var base string
	for i := 0; i < 200 && base == ""; i++ {
		if m := addrRe.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
		}
		time.Sleep(25 * time.Millisecond)
	}
	if base == "" {
		stop()
		t.Fatalf("serve did not start: %s %s", out.String(), errb.String())
	}
	get := func(path string, v any) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		json.NewDecoder(resp.Body).Decode(v)
	}
	var settings struct {
		Transport string `json:"transport"`
		BaseURL   string `json:"base_url"`
	}
	get("/api/mail/settings", &settings)
	if settings.Transport != "catcher" || settings.BaseURL != base {
		t.Errorf("settings: %+v, want the catcher and %s", settings, base)
	}
	var caught struct {
		Total int `json:"total"`
		Items []struct {
			Subject string `json:"subject"`
		} `json:"items"`
	}
	for i := 0; i < 200 && caught.Total == 0; i++ {
		get("/api/mail/caught", &caught)
		time.Sleep(25 * time.Millisecond)
	}
	if caught.Total != 1 || caught.Items[0].Subject != "起動前に登録したメール" {
		t.Errorf("the queued message did not reach the catcher: %+v", caught)
	}
	stop()
	if code := <-done; code != 0 {
		t.Fatalf("serve exited %d: %s", code, errb.String())
	}
	a, err = openApp(ctx, data, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if m, err := a.mail.Get(ctx, queued.ID); err != nil || m.State != mail.Sent {
		t.Fatalf("after stop: %+v %v", m, err)
	}
}

func TestListenerURL(t *testing.T) {
	for _, c := range []struct{ addr, want string }{
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"192.168.1.10:8080", "http://192.168.1.10:8080"},
		{"[::1]:8080", "http://[::1]:8080"},
	} {
		ap, _ := net.ResolveTCPAddr("tcp", c.addr)
		if got := listenerURL(ap); got != c.want {
			t.Errorf("%s: %s, want %s", c.addr, got, c.want)
		}
	}
	ap, _ := net.ResolveTCPAddr("tcp", "0.0.0.0:8080")
	if got := listenerURL(ap); strings.Contains(got, "0.0.0.0") || !strings.HasSuffix(got, ":8080") {
		t.Errorf("wildcard host kept: %s", got)
	}
}
