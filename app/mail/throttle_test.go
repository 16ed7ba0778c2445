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

func TestHourlyQuota(t *testing.T) {
	th := newThrottle(0, 0, 3, 1, time.Now)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	for i := 0; i < 3; i++ {
		if err := th.wait(ctx); err != nil {
			t.Fatalf("message %d within the quota: %v", i, err)
		}
	}
	if err := th.wait(ctx); err == nil {
		t.Fatal("a fourth message went out with a quota of 3 per hour")
	}
}
