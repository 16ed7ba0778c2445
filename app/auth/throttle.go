package auth

import (
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrThrottled tells a client to wait before trying to log in again.
var ErrThrottled = fault.New(fault.TooMany, "auth.throttled", "ログインの失敗が続いたため、しばらく待ってから再度お試しください", "too many failed logins; wait a while and try again")

// Throttle limits failed logins per email and per client address: after
// MaxFailures failures within Window, further attempts are refused until the
// window has passed since the last failure.
type Throttle struct {
	MaxFailures int
	Window      time.Duration

	mu       sync.Mutex
	failures map[string][]time.Time
	now      func() time.Time
}

// NewThrottle returns a Throttle allowing maxFailures per window.
func NewThrottle(maxFailures int, window time.Duration) *Throttle {
	return &Throttle{MaxFailures: maxFailures, Window: window, failures: map[string][]time.Time{}, now: time.Now}
}

func (t *Throttle) recent(key string) []time.Time {
	cutoff := t.now().Add(-t.Window)
	list := t.failures[key]
	i := 0
	for i < len(list) && list[i].Before(cutoff) {
		i++
	}
	list = list[i:]
	if len(list) == 0 {
		delete(t.failures, key)
	} else {
		t.failures[key] = list
	}
	return list
}

// Allow returns ErrThrottled when email or client has failed too often.
func (t *Throttle) Allow(email, client string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range []string{"e:" + email, "c:" + client} {
		if len(t.recent(k)) >= t.MaxFailures {
			return ErrThrottled
		}
	}
	return nil
}

// Fail records a failed attempt.
func (t *Throttle) Fail(email, client string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for _, k := range []string{"e:" + email, "c:" + client} {
		t.failures[k] = append(t.recent(k), now)
	}
}

// Succeed forgets the email's failures after a good login.
func (t *Throttle) Succeed(email, client string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.failures, "e:"+email)
}
