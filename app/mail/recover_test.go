package mail

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/store"
)

// TestCrashRecovery: rows a crash left in 'sending' go back to 'queued' at
// Start and are delivered; nothing is skipped.
func TestCrashRecovery(t *testing.T) {
	ctx := context.Background()
	e, st := newEngine(t, Config{Concurrency: 2}, true)
	addrs := make([]string, 50)
	for i := range addrs {
		addrs[i] = fmt.Sprintf("u%d@example.jp", i)
	}
	addAlumni(t, e, addrs, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	// A "crash" after claiming 20 rows: they stay in 'sending'.
	claimed, err := e.claim(ctx, 20)
	if err != nil || len(claimed) != 20 {
		t.Fatalf("claimed %d, %v", len(claimed), err)
	}
	counts, _ := e.Counts(ctx, 0)
	if counts[Sending] != 20 || counts[Queued] != 30 {
		t.Fatalf("before restart: %v", counts)
	}
	e2, err := New(ctx, st, Config{Concurrency: 2, BaseURL: "https://alumni.example.jp"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	run(t, e2)
	counts, _ = e2.Counts(ctx, 0)
	if counts[Sent] != 50 || len(counts) != 1 {
		t.Fatalf("after restart: %v", counts)
	}
	if n, _ := NewCatcher(st, quiet).Count(ctx); n != 50 {
		t.Fatalf("caught %d, want 50", n)
	}
}

// TestKillDuringCampaign runs a campaign in a child process, kills it with
// SIGKILL mid-send, restarts in this process: every recipient is delivered,
// none skipped, and duplicates stay within the in-flight bound.
func TestKillDuringCampaign(t *testing.T) {
	if os.Getenv("KIZUNA_MAIL_CHILD") != "" {
		childSend()
		return
	}
	if testing.Short() {
		t.Skip("spawns a process")
	}
	ctx := context.Background()
	srv := startFaultyServer(t, 0, 0, 0)
	dir := t.TempDir()
	st, err := store.Open(ctx, dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Concurrency: 4, Relay: &Relay{Addr: srv.addr, RatePerSecond: 2000}, BaseURL: "https://alumni.example.jp"}
	e, err := New(ctx, st, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	e.SetIdentity(ctx, testIdentity)
	const n = 3000
	addrs := make([]string, n)
	for i := range addrs {
		addrs[i] = fmt.Sprintf("k%d@example.jp", i)
	}
	addAlumni(t, e, addrs, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillDuringCampaign$")
	cmd.Env = append(os.Environ(), "KIZUNA_MAIL_CHILD=1", "KIZUNA_MAIL_DIR="+dir, "KIZUNA_MAIL_SMTP="+srv.addr)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for srv.acceptedCount() < n/3 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	before := srv.acceptedCount()
	if before == 0 || before >= n {
		t.Fatalf("killed after %d of %d messages: not mid-campaign", before, n)
	}

	st, err = store.Open(ctx, dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e, err = New(ctx, st, cfg, quiet)
	if err != nil {
		t.Fatal(err)
	}
	run(t, e)
	counts, _ := e.Counts(ctx, 0)
	if counts[Sent] != n || len(counts) != 1 {
		t.Fatalf("after restart: %v", counts)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	dups := 0
	for id := int64(1); id <= n; id++ {
		switch c := srv.accepted[id]; {
		case c == 0:
			t.Errorf("message %d skipped", id)
		case c > 1:
			dups += c - 1
		}
	}
	bound := cfg.Concurrency + (Config{}).withDefaults().ResultBatch
	t.Logf("killed after %d accepted; %d duplicates (bound %d)", before, dups, bound)
	if dups > bound {
		t.Errorf("%d duplicates, more than in flight (%d)", dups, bound)
	}
}

func (f *faultyServer) acceptedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.accepted)
}

// childSend is the killed process: it sends the queued campaign until killed.
func childSend() {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("KIZUNA_MAIL_DIR"), quiet)
	if err != nil {
		panic(err)
	}
	e, err := New(ctx, st, Config{Concurrency: 4, Relay: &Relay{Addr: os.Getenv("KIZUNA_MAIL_SMTP"), RatePerSecond: 2000},
		BaseURL: "https://alumni.example.jp"}, quiet)
	if err != nil {
		panic(err)
	}
	if err := e.Start(ctx); err != nil {
		panic(err)
	}
	time.Sleep(time.Minute)
}
