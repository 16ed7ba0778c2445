package feed

import (
	"sync"
	"time"
)

// limiter allows max events per window per key (a sliding window).
type limiter struct {
	mu    sync.Mutex
	max   int
	every time.Duration
	now   func() time.Time
	seen  map[string][]time.Time
}

func newLimiter(max int, every time.Duration, now func() time.Time) *limiter {
	return &limiter{max: max, every: every, now: now, seen: map[string][]time.Time{}}
}

// take records one event for key, or reports false when the window is full.
func (l *limiter) take(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	kept := l.seen[key][:0]
	for _, t := range l.seen[key] {
		if now.Sub(t) < l.every {
			kept = append(kept, t)
		}
	}
	if len(kept) >= l.max {
		l.seen[key] = kept
		return false
	}
	l.seen[key] = append(kept, now)
	return true
}
