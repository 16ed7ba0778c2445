package mail

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"log/slog"
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

	lifeMu    sync.Mutex // serialises Start, Stop and a settings swap
	running   atomic.Bool
	viaRelay  atomic.Bool // running, with a relay rather than the catcher
	baseURL   atomic.Pointer[string]
	defURL    atomic.Pointer[string] // the listener's address, when no base URL is set
	mailbox   *Catcher               // reads what the catcher kept, running or not
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
		wake: make(chan struct{}, 1), mailbox: NewCatcher(st, log)}
	e.baseURL.Store(&cfg.BaseURL)
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
	env.FromName, env.FromAddr, env.ReplyTo = cmp.Or(r.fromName, id.Name), id.FromAddress, r.replyTo
	if r.kind == Promotional && r.campaignID == 0 {
		if err := e.footSingle(&env, id, r); err != nil {
			return err
		}
	} else if r.kind == Promotional {
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
	return e.BaseURL() + "/unsubscribe?t=" + token
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
