package mail

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"
)

// Mailbox reads (and empties) what the built-in catcher kept, whether or
// not it is the transport now.
func (e *Engine) Mailbox() *Catcher { return e.mailbox }

// Transport reports where mail goes while running: "relay" or "catcher".
func (e *Engine) Transport() string {
	if e.viaRelay.Load() {
		return "relay"
	}
	return "catcher"
}

// Start recovers rows a crash left in 'sending', starts the built-in
// catcher when no relay is configured (Config.Relay, else the stored
// settings), and starts sending whatever is due.
func (e *Engine) Start(ctx context.Context) error {
	e.lifeMu.Lock()
	defer e.lifeMu.Unlock()
	return e.start(ctx)
}

func (e *Engine) start(ctx context.Context) error {
	if !e.running.CompareAndSwap(false, true) {
		return errors.New("mail engine already running")
	}
	if n, err := e.Recover(ctx); err != nil {
		e.running.Store(false)
		return err
	} else if n > 0 {
		e.log.Info("mail: messages interrupted by a stop were queued again", "count", n)
	}
	set, err := e.Settings(ctx)
	if err != nil {
		e.running.Store(false)
		return err
	}
	e.setBaseURL(set.BaseURL)
	concurrency := e.cfg.Concurrency
	e.relay = e.cfg.Relay
	if e.relay == nil {
		e.relay = set.Relay.relay()
		if set.Relay.Concurrency > 0 {
			concurrency = set.Relay.Concurrency
		}
	}
	if e.relay == nil {
		c := NewCatcher(e.st, e.log)
		if err := c.Start("127.0.0.1:0"); err != nil {
			e.running.Store(false)
			return err
		}
		e.catcher = c
		e.relay = &Relay{Addr: c.Addr()}
	} else {
		e.viaRelay.Store(true)
	}
	e.throttle = newThrottle(e.relay.RatePerSecond, e.relay.MinRatePerSecond, e.relay.PerHour, concurrency, e.cfg.Now)
	e.jobs = make(chan *job, 2*concurrency)
	e.results = make(chan outcome, 2*e.cfg.ResultBatch)
	e.started = time.Now()
	e.firstSent.Store(0)
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e.cancel = cancel

	var senders sync.WaitGroup
	for i := 0; i < concurrency; i++ {
		senders.Add(1)
		go func() { defer senders.Done(); e.sender(runCtx, e.relay) }()
	}
	e.wg.Add(3)
	go func() { defer e.wg.Done(); e.feed(runCtx); close(e.jobs); senders.Wait(); close(e.results) }()
	go func() { defer e.wg.Done(); e.commit() }()
	go func() { defer e.wg.Done(); e.tick(runCtx) }()
	return nil
}

// Stop stops sending, records every outcome already known, puts claimed but
// unsent rows back to 'queued' and stops the catcher.
func (e *Engine) Stop(ctx context.Context) error {
	e.lifeMu.Lock()
	defer e.lifeMu.Unlock()
	return e.stop(ctx)
}

func (e *Engine) stop(ctx context.Context) error {
	if !e.running.Load() {
		return nil
	}
	e.cancel()
	e.wg.Wait()
	_, err := e.Recover(ctx)
	if e.catcher != nil {
		err = errors.Join(err, e.catcher.Close())
		e.catcher = nil
	}
	e.viaRelay.Store(false)
	e.running.Store(false)
	return errors.Join(err, e.Err())
}

// apply puts saved settings into effect. When the relay changed on a
// running engine, the senders finish the message they are sending, rows
// claimed but not sent go back to the queue, and new senders start over
// the new relay.
func (e *Engine) apply(ctx context.Context, relayChanged bool) error {
	e.lifeMu.Lock()
	defer e.lifeMu.Unlock()
	if !e.running.Load() || !relayChanged {
		set, err := e.Settings(ctx)
		if err == nil {
			e.setBaseURL(set.BaseURL)
		}
		return err
	}
	if err := e.stop(ctx); err != nil {
		e.log.Warn("mail: stopping for new settings", "err", err)
	}
	return e.start(ctx)
}

// SetDefaultBaseURL names the address Kizuna listens on, used for
// unsubscribe links when neither the settings nor Config set a base URL.
func (e *Engine) SetDefaultBaseURL(u string) {
	u = strings.TrimRight(u, "/")
	e.defURL.Store(&u)
	if set, err := e.Settings(context.Background()); err == nil {
		e.setBaseURL(set.BaseURL)
	}
}

func (e *Engine) setBaseURL(fromSettings string) {
	u := strings.TrimRight(fromSettings, "/")
	if u == "" {
		u = e.cfg.BaseURL
	}
	if d := e.defURL.Load(); u == "" && d != nil {
		u = *d
	}
	e.baseURL.Store(&u)
}

// BaseURL is where unsubscribe links point ("" when unknown).
func (e *Engine) BaseURL() string { return *e.baseURL.Load() }
