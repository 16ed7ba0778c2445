package mail

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-msgauth/dkim"

	"github.com/kizuna-hr/kizuna/app/store"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// claimBatch is how many rows the feeder claims at once; they are rendered
// one by one just ahead of the senders, never all at once.
const claimBatch = 128

// commitEvery is how long an outcome may wait for its transaction: commits
// cost more than the rows they carry, so they gather a few dozen. The
// duplicates a hard kill can cause stay bounded by Config.ResultBatch.
const commitEvery = 40 * time.Millisecond

// Engine is the mail engine over one data directory.
type Engine struct {
	st     *store.Store
	cfg    Config
	log    *slog.Logger
	signer *Signer
	dkim   *dkim.SignOptions // nil: no signing

	tplMu     sync.Mutex
	templates map[int64]*campaignTemplates

	wake     chan struct{}
	jobs     chan *job // claimed rows, to the renderers
	ready    chan *job // rendered messages, to the senders
	results  chan outcome
	throttle *throttle
	gate     *domainGate
	catcher  *Catcher
	relay    *Relay
	bounceLn *BounceListener

	running   atomic.Bool
	cancel    context.CancelFunc
	wg        sync.WaitGroup
	started   time.Time
	firstSent atomic.Int64 // unix nanoseconds of the first accepted message
	errMu     sync.Mutex
	lastErr   error

	idMu sync.Mutex
	id   Identity
	idAt time.Time
}

// New returns an engine over st; Start runs it.
func New(ctx context.Context, st *store.Store, cfg Config, log *slog.Logger) (*Engine, error) {
	if log == nil {
		log = slog.Default()
	}
	cfg = cfg.withDefaults()
	key, err := loadSecret(ctx, st)
	if err != nil {
		return nil, err
	}
	e := &Engine{st: st, cfg: cfg, log: log, signer: NewSigner(key), templates: map[int64]*campaignTemplates{},
		wake: make(chan struct{}, 1)}
	if cfg.DKIM != nil {
		if e.dkim, err = cfg.DKIM.signOptions(); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// Signer returns the unsubscribe token signer (the portal verifies with it).
func (e *Engine) Signer() *Signer { return e.signer }

// BounceListener returns the inbound DSN listener when Config.BounceListen is set and the engine runs.
func (e *Engine) BounceListener() *BounceListener { return e.bounceLn }

// Catcher returns the built-in catcher when it is the transport, else nil.
func (e *Engine) Catcher() *Catcher { return e.catcher }

// Wake tells the engine new mail is due.
func (e *Engine) Wake() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// Start recovers rows a crash left in 'sending', starts the built-in
// catcher when no relay is configured, and starts sending whatever is due.
func (e *Engine) Start(ctx context.Context) error {
	if !e.running.CompareAndSwap(false, true) {
		return errors.New("mail engine already running")
	}
	if n, err := e.Recover(ctx); err != nil {
		e.running.Store(false)
		return err
	} else if n > 0 {
		e.log.Info("mail: messages interrupted by a stop were queued again", "count", n)
	}
	e.relay = e.cfg.Relay
	if e.relay == nil {
		c := NewCatcher(e.st, e.log)
		if err := c.Start("127.0.0.1:0"); err != nil {
			e.running.Store(false)
			return err
		}
		e.catcher = c
		e.relay = &Relay{Addr: c.Addr()}
	}
	if e.cfg.BounceListen != "" {
		l, err := e.ListenBounces(e.cfg.BounceListen, e.cfg.BounceAddresses)
		if err != nil {
			if e.catcher != nil {
				e.catcher.Close()
				e.catcher = nil
			}
			e.running.Store(false)
			return err
		}
		e.bounceLn = l
	}
	e.throttle = newThrottle(e.relay.RatePerSecond, e.relay.MinRatePerSecond, e.relay.PerHour, e.cfg.Concurrency, e.cfg.Now)
	e.gate = newDomainGate(e.cfg.DomainConcurrency, e.cfg.OtherDomainConcurrency, 4*e.cfg.Concurrency)
	e.jobs = make(chan *job, 2*e.cfg.Concurrency)
	e.ready = make(chan *job, e.cfg.Concurrency)
	e.results = make(chan outcome, 2*e.cfg.ResultBatch)
	e.started = time.Now()
	e.firstSent.Store(0)
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	e.cancel = cancel

	var renderers, senders sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		renderers.Add(1)
		go func() { defer renderers.Done(); e.renderer(runCtx) }()
	}
	for i := 0; i < e.cfg.Concurrency; i++ {
		senders.Add(1)
		go func() { defer senders.Done(); e.sender(runCtx, e.relay) }()
	}
	e.wg.Add(3)
	go func() {
		defer e.wg.Done()
		e.feed(runCtx)
		close(e.jobs)
		renderers.Wait()
		close(e.ready)
		senders.Wait()
		close(e.results)
	}()
	go func() { defer e.wg.Done(); e.commit() }()
	go func() { defer e.wg.Done(); e.tick(runCtx) }()
	if mb := e.cfg.BounceMailbox; mb != nil {
		e.wg.Add(1)
		go func() { defer e.wg.Done(); e.pollBounces(runCtx, *mb) }()
	}
	return nil
}

// Stop stops sending, records every outcome already known, puts claimed but
// unsent rows back to 'queued' and stops the catcher.
func (e *Engine) Stop(ctx context.Context) error {
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
	if e.bounceLn != nil {
		err = errors.Join(err, e.bounceLn.Close())
		e.bounceLn = nil
	}
	e.running.Store(false)
	return errors.Join(err, e.Err())
}

// Err returns the last outbox bookkeeping error, if any.
func (e *Engine) Err() error {
	e.errMu.Lock()
	defer e.errMu.Unlock()
	return e.lastErr
}

func (e *Engine) fail(err error) {
	e.errMu.Lock()
	e.lastErr = err
	e.errMu.Unlock()
	e.log.Error("mail outbox", "err", err)
}

// Drain waits until no message is queued or being sent (retries included).
func (e *Engine) Drain(ctx context.Context) error {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		more, err := e.pending(ctx)
		if err != nil || !more {
			return err
		}
		if err := e.Err(); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// FirstSentAfter is the time from Start to the first accepted message (0: none yet).
func (e *Engine) FirstSentAfter() time.Duration {
	n := e.firstSent.Load()
	if n == 0 {
		return 0
	}
	return time.Unix(0, n).Sub(e.started)
}

func (e *Engine) noteSent() {
	if e.firstSent.Load() == 0 {
		e.firstSent.CompareAndSwap(0, time.Now().UnixNano())
	}
}

// feed claims due rows for the renderers, which render them just ahead of
// the senders (one renderer per core), so only a few rendered messages per
// connection ever exist and a sender's connection never waits for a render.
func (e *Engine) feed(ctx context.Context) {
	for ctx.Err() == nil {
		n, wait := e.throttle.allowance(claimBatch)
		if n == 0 {
			e.sleep(ctx, min(wait, time.Second))
			continue
		}
		rows, err := e.claim(ctx, n)
		e.throttle.spend(len(rows))
		if err != nil {
			if ctx.Err() == nil {
				e.fail(fmt.Errorf("claim: %w", err))
				e.sleep(ctx, time.Second)
			}
			continue
		}
		if len(rows) == 0 {
			e.idle(ctx)
			continue
		}
		for i := range rows {
			if r := rows[i]; r.blocked != "" {
				e.results <- outcome{id: r.id, state: blockedState(r.blocked), attempts: r.attempts, reply: r.blocked}
				continue
			}
			select {
			case e.jobs <- &job{row: rows[i]}:
			case <-ctx.Done():
				return // the remaining rows stay 'sending'; Stop requeues them
			}
		}
	}
}

// idle waits for a wake-up, the next due retry, or at most a second.
func (e *Engine) idle(ctx context.Context) {
	wait := time.Second
	if at, ok, err := e.nextDue(ctx); err == nil && ok {
		wait = min(max(time.Until(at), time.Millisecond), time.Second)
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-e.wake:
	case <-t.C:
	}
}

func (e *Engine) sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// commit records outcomes as they arrive, several per transaction when
// they come fast, each within a few milliseconds.
func (e *Engine) commit() {
	ctx := context.Background()
	batch := make([]outcome, 0, e.cfg.ResultBatch)
	flush := func() {
		if len(batch) == 0 {
			return
		}
		if err := e.record(ctx, batch); err != nil {
			e.fail(fmt.Errorf("record outcomes: %w", err))
		}
		batch = batch[:0]
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		select {
		case o, ok := <-e.results:
			if !ok {
				flush()
				return
			}
			if len(batch) == 0 {
				timer.Reset(commitEvery)
			}
			batch = append(batch, o)
			if len(batch) >= e.cfg.ResultBatch {
				flush()
			}
		case <-timer.C:
			flush()
		}
	}
}

func (e *Engine) tick(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			e.throttle.tick()
		}
	}
}

// render builds one message: the campaign's templates with the recipient's
// fields and the legal footer, or the stored transactional body.
func (e *Engine) render(ctx context.Context, j *job) error {
	r := j.row
	env := envelope{ToName: r.name, ToAddr: r.address, Subject: r.subject, HTML: r.html, MessageID: r.messageID,
		Date: e.cfg.Now(), OutboxID: r.id, CampaignID: r.campaignID}
	id, err := e.identityCached(ctx)
	if err != nil {
		return err
	}
	env.FromName, env.FromAddr = id.Name, id.FromAddress
	if r.kind == Promotional {
		t, err := e.campaign(ctx, r.campaignID)
		if err != nil {
			return err
		}
		p, err := e.personalise(id, t, r.vars, Unsubscribe{Address: r.address, AlumnusID: r.alumnusID, CampaignID: r.campaignID}, r.id)
		if err != nil {
			return err
		}
		env.Subject, env.HTML, env.Text, env.UnsubscribeURL = p.Subject, p.HTML, p.Text, p.unsubscribeURL
		env.UnsubscribeMailto = e.cfg.UnsubscribeMailto
		if t.fromName != "" {
			env.FromName = t.fromName
		}
	} else if env.Attachments, err = e.attachments(ctx, r.id); err != nil {
		return err
	}
	if env.FromAddr == "" {
		env.FromAddr = "kizuna@" + e.cfg.Domain
	}
	j.from, j.raw = cmp.Or(e.cfg.ReturnPath, env.FromAddr), bufPool.Get().(*bytes.Buffer)
	if err := compose(j.raw, env); err != nil || e.dkim == nil {
		return err
	}
	j.raw, err = sign(j.raw, e.dkim)
	return err
}

// UnsubscribeURL is the one-click link for token: GET shows a confirmation,
// POST (RFC 8058) unsubscribes. The portal serves it.
func (e *Engine) UnsubscribeURL(token string) string {
	return e.cfg.BaseURL + "/unsubscribe?t=" + token
}

// identityCached reads the sender identity at most once a second.
func (e *Engine) identityCached(ctx context.Context) (Identity, error) {
	e.idMu.Lock()
	defer e.idMu.Unlock()
	if time.Since(e.idAt) < time.Second {
		return e.id, nil
	}
	id, err := e.Identity(ctx)
	if err != nil {
		return id, err
	}
	e.id, e.idAt = id, time.Now()
	return id, nil
}
