package mail

import (
	"context"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
)

// throttle is the per-relay rate control: a token bucket at the ceiling
// (unlimited when none is set), an optional hourly quota, and an adaptive
// limit that halves on throttling replies (421, 451, 4.7.x) and recovers
// gradually. Waiting is per token: it never sleeps per N messages. The
// hourly quota limits what the feeder claims, so no message waits for it
// in the senders' hands.
type throttle struct {
	ceiling float64 // msgs/s, 0 = none
	floor   float64 // the slow-down never goes below this
	burst   int
	limiter *rate.Limiter
	hourly  *rate.Limiter // nil without a quota

	sent atomic.Int64 // messages out, for the observed rate

	mu        sync.Mutex
	slowed    bool
	lastCut   time.Time
	observed  float64 // msgs/s over the last tick
	lastCount int64
	lastTick  time.Time
	now       func() time.Time
}

func newThrottle(ceiling, floor float64, perHour, concurrency int, now func() time.Time) *throttle {
	if floor <= 0 {
		floor = 5
	}
	if ceiling > 0 {
		floor = min(floor, ceiling)
	}
	t := &throttle{ceiling: ceiling, floor: floor, burst: max(1, concurrency), now: now}
	limit := rate.Inf
	if ceiling > 0 {
		limit = rate.Limit(ceiling)
	}
	t.limiter = rate.NewLimiter(limit, t.burst)
	if perHour > 0 {
		t.hourly = rate.NewLimiter(rate.Limit(float64(perHour)/3600), perHour)
	}
	t.lastTick = now()
	return t
}

// wait blocks until the next message may go. Senders call it before they
// take a message.
func (t *throttle) wait(ctx context.Context) error {
	if t.limiter.Limit() == rate.Inf {
		return ctx.Err()
	}
	return t.limiter.Wait(ctx)
}

// allowance is how many of n messages the hourly quota lets the feeder
// claim now; when none, it also says how long until one more. Rows beyond
// the quota are never claimed: they stay queued, and a transactional
// message queued meanwhile goes first when the quota allows.
func (t *throttle) allowance(n int) (int, time.Duration) {
	if t.hourly == nil {
		return n, 0
	}
	tokens := t.hourly.TokensAt(t.now())
	if tokens >= 1 {
		return min(n, int(tokens)), 0
	}
	return 0, time.Duration((1 - tokens) / float64(t.hourly.Limit()) * float64(time.Second))
}

// spend takes n messages off the hourly quota.
func (t *throttle) spend(n int) {
	if t.hourly != nil && n > 0 {
		t.hourly.AllowN(t.now(), n)
	}
}

// current returns the limit in force (math.Inf when unlimited).
func (t *throttle) current() float64 {
	l := t.limiter.Limit()
	if l == rate.Inf {
		return math.Inf(1)
	}
	return float64(l)
}

// throttled halves the rate, at most once a second.
func (t *throttle) throttled() {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if now.Sub(t.lastCut) < time.Second {
		return
	}
	t.lastCut = now
	// Halve what actually goes out, not a limit far above it.
	cur := t.current()
	if t.observed > 0 {
		cur = min(cur, t.observed)
	}
	if math.IsInf(cur, 1) {
		cur = 2 * t.floor
	}
	t.limiter.SetLimitAt(now, rate.Limit(max(cur/2, t.floor)))
	t.slowed = true
}

// tick updates the observed rate and, when no throttling reply came for
// 2 s, raises a slowed limit by a quarter until it is back at the ceiling.
func (t *throttle) tick() {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	n := t.sent.Load()
	if dt := now.Sub(t.lastTick).Seconds(); dt > 0 {
		t.observed = float64(n-t.lastCount) / dt
	}
	t.lastCount, t.lastTick = n, now
	if !t.slowed || now.Sub(t.lastCut) < 2*time.Second {
		return
	}
	next := t.current()*1.25 + 1
	switch {
	case t.ceiling > 0 && next >= t.ceiling:
		t.limiter.SetLimitAt(now, rate.Limit(t.ceiling))
		t.slowed = false
	case t.ceiling == 0 && next > 10000:
		t.limiter.SetLimitAt(now, rate.Inf)
		t.slowed = false
	default:
		t.limiter.SetLimitAt(now, rate.Limit(next))
	}
}
