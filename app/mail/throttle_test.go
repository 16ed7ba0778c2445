package mail

import (
	"context"
	"math"
	"testing"
	"time"
)

// TestThrottleAdapts: throttling replies halve the rate (at most once a
// second, never below the floor); quiet seconds bring it back gradually to
// the ceiling, or to no limit when there is none.
func TestThrottleAdapts(t *testing.T) {
	tests := []struct {
		name    string
		ceiling float64
		floor   float64
	}{
		{"with ceiling", 1000, 5},
		{"no ceiling", 0, 5},
		{"floor holds", 40, 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock := time.Unix(1_800_000_000, 0)
			now := func() time.Time { return clock }
			th := newThrottle(tc.ceiling, tc.floor, 0, 4, now)
			th.sent.Add(800) // 800 msgs/s observed
			clock = clock.Add(time.Second)
			th.tick()
			start := th.current()
			th.throttled()
			first := th.current()
			want := math.Max(math.Min(start, 800)/2, tc.floor)
			if math.Abs(first-want) > 0.01 {
				t.Fatalf("after one throttle: %.1f, want %.1f", first, want)
			}
			th.throttled() // same second: no second cut
			if th.current() != first {
				t.Fatalf("cut twice in one second: %.1f", th.current())
			}
			for i := 0; i < 8; i++ {
				clock = clock.Add(1100 * time.Millisecond)
				th.throttled()
			}
			if th.current() < th.floor-0.01 {
				t.Fatalf("below the floor: %.2f", th.current())
			}
			prev := th.current()
			for i := 0; i < 200 && th.slowed; i++ {
				clock = clock.Add(time.Second)
				th.tick()
				if cur := th.current(); cur < prev || (th.slowed && cur > prev*1.3+1) {
					t.Fatalf("recovery not gradual: %.1f -> %.1f", prev, cur)
				}
				prev = th.current()
			}
			if th.slowed {
				t.Fatal("never recovered")
			}
			if tc.ceiling > 0 && th.current() != tc.ceiling || tc.ceiling == 0 && !math.IsInf(th.current(), 1) {
				t.Fatalf("recovered to %.1f, want the ceiling %.1f", th.current(), tc.ceiling)
			}
		})
	}
}

// TestHourlyQuota: the feeder may claim only what the hourly quota allows;
// more becomes claimable as the hour goes by.
func TestHourlyQuota(t *testing.T) {
	clock := time.Unix(1_800_000_000, 0)
	th := newThrottle(0, 0, 3, 1, func() time.Time { return clock })
	if n, _ := th.allowance(128); n != 3 {
		t.Fatalf("allowance %d, want 3", n)
	}
	th.spend(3)
	n, wait := th.allowance(128)
	if n != 0 || wait < 19*time.Minute || wait > 21*time.Minute {
		t.Fatalf("after 3 of 3: allowance %d, next in %v; want 0, 20m", n, wait)
	}
	clock = clock.Add(wait)
	if n, _ := th.allowance(128); n != 1 {
		t.Fatalf("after %v: allowance %d, want 1", wait, n)
	}
}

// TestHourlyQuotaKeepsQueue: with a quota of 3 per hour, 3 messages go and
// the rest stay queued (not claimed, not failed); a transactional message
// queued later is first in line.
func TestHourlyQuotaKeepsQueue(t *testing.T) {
	ctx := context.Background()
	srv := startRelay(t, TLSNone, nil, &testRelay{})
	e, _ := newEngine(t, Config{Concurrency: 2, Relay: &Relay{Addr: srv.addr, PerHour: 3}}, true)
	addAlumni(t, e, []string{"a@example.jp", "b@example.jp", "c@example.jp", "d@example.jp", "e@example.jp"}, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { c, _ := e.Counts(ctx, 0); return c[Sent] == 3 })
	m, err := e.Send(ctx, Outgoing{To: "x@example.jp", Subject: "ログイン用リンク", HTML: "<p>x</p>"})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // give a wrong engine time to claim or send more
	counts, _ := e.Counts(ctx, 0)
	if counts[Sent] != 3 || counts[Queued] != 3 || counts[Sending] != 0 {
		t.Fatalf("counts %v, want 3 sent and 3 queued", counts)
	}
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	var first int64
	e.st.R.QueryRow(`SELECT id FROM mail_outbox WHERE state = 'queued' ORDER BY priority, next_attempt_at, id LIMIT 1`).Scan(&first)
	if first != m.ID {
		t.Errorf("next in line is %d, want the transactional message %d", first, m.ID)
	}
}
