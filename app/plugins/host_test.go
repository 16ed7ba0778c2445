package plugins

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

const helloID = "jp.kizuna.hello"

func get(t testing.TB, h *testHost, id, path string) *pb.HTTPResponse {
	t.Helper()
	res, err := h.m.ServeHTTP(context.Background(), id, &pb.HTTPRequest{Method: "GET", Path: path,
		Caller: &pb.Caller{Kind: "user", Id: 1, Name: "hr@example.jp", Role: "owner"}})
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res
}

type counts struct {
	LastEventID int64            `json:"last_event_id"`
	ByType      map[string]int64 `json:"by_type"`
}

func helloCounts(t testing.TB, h *testHost) counts {
	var c counts
	res, err := h.m.ServeHTTP(context.Background(), helloID, &pb.HTTPRequest{Method: "GET", Path: "/api/counts"})
	if err != nil {
		return c
	}
	json.Unmarshal(res.Body, &c)
	return c
}

func createAlumni(t testing.TB, h *testHost, from, n int) {
	t.Helper()
	for i := from; i < from+n; i++ {
		a := &alumni.Alumnus{CompanyID: 1, EmployeeNumber: fmt.Sprintf("E%05d", i), Name: "山田 太郎", NameReading: "やまだ たろう",
			Email: fmt.Sprintf("taro%d@example.jp", i)}
		if _, err := h.alumni.Create(hr(), a); err != nil {
			t.Fatal(err)
		}
	}
}

func TestInstallEnableEventsAndHTTP(t *testing.T) {
	h := newTestHost(t)
	rec := h.install(t, "hello")
	if rec.State != StateDisabled || rec.Version != "1.0.0" {
		t.Fatalf("installed as %s %s, want disabled 1.0.0", rec.State, rec.Version)
	}
	// Events emitted before enabling (while stopped) are delivered too.
	createAlumni(t, h, 0, 3)
	if err := h.m.Enable(hr(), helloID, []string{"alumni.read", "nav"}); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, helloID)
	createAlumni(t, h, 3, 2)
	waitFor(t, "5 alumnus.created counted", func() bool { return helloCounts(t, h).ByType["alumnus.created"] == 5 })

	page := get(t, h, helloID, "/")
	if page.Status != 200 || !strings.Contains(string(page.Body), "こんにちは、hr@example.jp さん") {
		t.Errorf("page: %d %s", page.Status, page.Body)
	}
	nav, _ := h.m.Navigation(context.Background(), "console")
	if len(nav) != 1 || nav[0].LabelJA != "ハロー" {
		t.Errorf("navigation = %+v", nav)
	}
	waitFor(t, "the plugin's own log line kept for its page", func() bool {
		for _, l := range h.m.Logs(helloID) {
			if strings.Contains(l.Line, "hello activated") {
				return true
			}
		}
		return false
	})
}

func TestKilledMidStreamLosesNoEvent(t *testing.T) {
	h := newTestHost(t)
	h.install(t, "hello")
	if err := h.m.Enable(hr(), helloID, []string{"alumni.read"}); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, helloID)
	createAlumni(t, h, 0, 200)
	// Kill the plugin process while it works through the stream.
	h.m.runner(helloID).mu.Lock()
	pid := h.m.runner(helloID).pid
	h.m.runner(helloID).mu.Unlock()
	syscall.Kill(pid, syscall.SIGKILL)
	createAlumni(t, h, 200, 100) // emitted while it is down or restarting
	waitFor(t, "all 300 events counted after the restart", func() bool {
		return helloCounts(t, h).ByType["alumnus.created"] == 300
	})
	s, _ := h.m.Get(context.Background(), helloID)
	if s.State != StateEnabled {
		t.Errorf("state after one crash = %s, want enabled", s.State)
	}
}

func TestUpgradeKeepsDataAndRefusesDowngrade(t *testing.T) {
	h := newTestHost(t)
	h.install(t, "hello")
	if err := h.m.Enable(hr(), helloID, []string{"alumni.read"}); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, helloID)
	createAlumni(t, h, 0, 2)
	waitFor(t, "2 counted", func() bool { return helloCounts(t, h).ByType["alumnus.created"] == 2 })

	entries := readBundle(t, bundles["hello"])
	up := withManifest(t, entries, func(m map[string]any) { m["version"] = "1.1.0" })
	if _, err := h.m.Install(hr(), strings.NewReader(string(up))); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, helloID)
	s, _ := h.m.Get(context.Background(), helloID)
	if s.Version != "1.1.0" || s.State != StateEnabled {
		t.Errorf("after upgrade: %s %s", s.Version, s.State)
	}
	waitFor(t, "counts kept", func() bool { return helloCounts(t, h).ByType["alumnus.created"] == 2 })

	_, err := h.m.Install(hr(), strings.NewReader(string(withManifest(t, entries, func(m map[string]any) { m["version"] = "0.9.0" }))))
	if !errors.Is(err, ErrDowngrade) {
		t.Errorf("downgrade: %v", err)
	}
}

func TestMisbehavingPluginHurtsOnlyItself(t *testing.T) {
	h := newTestHost(t)
	h.install(t, "hello")
	h.install(t, "misbehave")
	const mb = "jp.kizuna.test.misbehave"
	for _, id := range []string{helloID, mb} {
		if err := h.m.Enable(hr(), id, []string{"alumni.read"}); err != nil {
			t.Fatal(err)
		}
		h.waitRunning(t, id)
	}
	// A panic in a handler answers 500 to that request only.
	if res := get(t, h, mb, "/panic"); res.Status != 500 {
		t.Errorf("panic: status %d", res.Status)
	}
	if res := get(t, h, mb, "/"); res.Status != 200 {
		t.Errorf("after panic: status %d", res.Status)
	}
	// An ungranted permission gives a clear message.
	if res := get(t, h, mb, "/audit"); !strings.Contains(string(res.Body), "audit.write") || !strings.Contains(string(res.Body), "付与されていません") {
		t.Errorf("ungranted audit: %s", res.Body)
	}
	// A hanging handler times out (504); the host and other plugins go on.
	short, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := h.m.ServeHTTP(short, mb, &pb.HTTPRequest{Method: "GET", Path: "/hang"}); fault.KindOf(err) != fault.Timeout {
		t.Errorf("hang: %v", err)
	}
	// An unhealthy plugin says why on its page.
	get(t, h, mb, "/sick")
	waitFor(t, "health reason shown", func() bool {
		s, _ := h.m.Get(context.Background(), mb)
		return s.Health == "sick on purpose"
	})
	// A plugin that dies inside a request: 502, then it is restarted.
	if _, err := h.m.ServeHTTP(context.Background(), mb, &pb.HTTPRequest{Method: "GET", Path: "/exit"}); fault.KindOf(err) != fault.Upstream {
		t.Errorf("exit: %v", err)
	}
	if res := get(t, h, helloID, "/"); res.Status != 200 {
		t.Errorf("other plugin: status %d", res.Status)
	}
	h.waitRunning(t, mb)
	// Its scheduled job runs (every second) and writes to its own store.
	rec, _ := h.m.reg.get(context.Background(), mb)
	api := newHostAPI(h.m, rec, &lineWriter{id: mb, ring: newRing(10), log: h.m.log})
	waitFor(t, "the scheduled job ran", func() bool {
		e, err := api.KVGet(context.Background(), &pb.KVKey{Key: "ticked"})
		return err == nil && e.Found
	})
}

func TestPluginMailJoinsTheHostOutbox(t *testing.T) {
	h := newTestHost(t)
	eng, err := mail.New(context.Background(), h.st, mail.Config{BaseURL: "https://alumni.example.jp"}, h.m.log)
	if err != nil {
		t.Fatal(err)
	}
	h.m.Mailer = OutboxMailer{Outbox: eng, Alumni: h.alumni}
	const mb = "jp.kizuna.test.misbehave"
	h.install(t, "misbehave")
	if err := h.m.Enable(hr(), mb, []string{"mail.transactional"}); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, mb)
	if res := get(t, h, mb, "/mail"); string(res.Body) != "<nil>" {
		t.Fatalf("send: %s", res.Body)
	}
	var addr, kind string
	if err := h.st.R.QueryRow("SELECT address, kind FROM mail_outbox").Scan(&addr, &kind); err != nil {
		t.Fatal(err)
	}
	if addr != "a@example.jp" || kind != "transactional" {
		t.Errorf("outbox row: %s %s", addr, kind)
	}
}

func TestCursorMovesOnlyAfterAcknowledgement(t *testing.T) {
	h := newTestHost(t)
	const mb = "jp.kizuna.test.misbehave"
	h.install(t, "misbehave")
	if err := h.m.Enable(hr(), mb, nil); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, mb)
	ctx := context.Background()
	start, _ := h.ev.Last(ctx)
	h.ev.Emit(ctx, "test.fail", "test:1", nil) // the plugin refuses the first batch holding this
	h.ev.Emit(ctx, "test.ok", "test:2", nil)
	rec, _ := h.m.reg.get(ctx, mb)
	api := newHostAPI(h.m, rec, &lineWriter{id: mb, ring: newRing(10), log: h.m.log})
	for _, id := range []int64{start + 1, start + 2} {
		waitFor(t, fmt.Sprintf("event %d handled", id), func() bool {
			e, err := api.KVGet(ctx, &pb.KVKey{Key: fmt.Sprintf("seen/%d", id)})
			return err == nil && e.Found
		})
	}
	refused := false
	for _, l := range h.m.Logs(mb) {
		refused = refused || strings.Contains(l.Line, "not acknowledged")
	}
	if !refused {
		t.Error("the refused batch is not in the plugin's log")
	}
	waitFor(t, "cursor at the end", func() bool { r, _ := h.m.reg.get(ctx, mb); return r.Cursor == start+2 })
}
