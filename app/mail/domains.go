package mail

import (
	"context"
	"strings"
	"sync"
)

// domainGate caps concurrent messages per recipient domain without making
// a sender wait while it holds a message: a message whose domain is at its
// cap is parked, and the sender takes the next one. A sender finishing a
// message for a domain takes that domain's next parked message itself. Only
// when maxParked messages are parked does a sender wait, holding nothing,
// until one of them may go.
type domainGate struct {
	limits    map[string]int
	other     int // cap for other domains, 0: none
	maxParked int

	mu      sync.Mutex
	cond    *sync.Cond
	busy    map[string]int
	parked  map[string][]*job
	nparked int
}

func newDomainGate(limits map[string]int, other, maxParked int) *domainGate {
	g := &domainGate{limits: limits, other: other, maxParked: max(1, maxParked), busy: map[string]int{}, parked: map[string][]*job{}}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func domainOf(addr string) string {
	return strings.ToLower(addr[strings.LastIndexByte(addr, '@')+1:])
}

func (g *domainGate) limit(d string) int {
	if n, ok := g.limits[d]; ok && n > 0 {
		return n
	}
	return g.other
}

func (g *domainGate) free(d string) bool {
	l := g.limit(d)
	return l <= 0 || g.busy[d] < l
}

// admit takes a slot for j's domain, or parks j and returns false.
func (g *domainGate) admit(j *job) bool {
	d := domainOf(j.address)
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.parked[d]) == 0 && g.free(d) {
		g.busy[d]++
		return true
	}
	g.parked[d] = append(g.parked[d], j)
	g.nparked++
	return false
}

// done frees j's slot and returns the domain's next parked message with the
// slot already taken for it, or nil.
func (g *domainGate) done(j *job) *job {
	d := domainOf(j.address)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.busy[d]--
	if next := g.unpark(d); next != nil {
		return next
	}
	if g.busy[d] <= 0 {
		delete(g.busy, d)
	}
	g.cond.Broadcast()
	return nil
}

func (g *domainGate) unpark(d string) *job {
	q := g.parked[d]
	if len(q) == 0 || !g.free(d) {
		return nil
	}
	next := q[0]
	q[0] = nil
	if len(q) == 1 {
		delete(g.parked, d)
	} else {
		g.parked[d] = q[1:]
	}
	g.nparked--
	g.busy[d]++
	return next
}

// full reports whether senders must stop taking new messages.
func (g *domainGate) full() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.nparked >= g.maxParked
}

// await waits until fewer than maxParked messages are parked (nil: take a
// new one) or a parked one may go (returned with its slot taken).
func (g *domainGate) await(ctx context.Context) (*job, error) {
	stop := context.AfterFunc(ctx, func() { g.mu.Lock(); g.cond.Broadcast(); g.mu.Unlock() })
	defer stop()
	g.mu.Lock()
	defer g.mu.Unlock()
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for d := range g.parked {
			if next := g.unpark(d); next != nil {
				return next, nil
			}
		}
		if g.nparked < g.maxParked {
			return nil, nil
		}
		g.cond.Wait()
	}
}
