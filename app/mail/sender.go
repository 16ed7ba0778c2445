package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/emersion/go-smtp"
)

// job is one rendered message on its way to a sender.
type job struct {
	row
	from string
	raw  *bytes.Buffer
}

// conn is one sender's reusable SMTP connection.
type conn struct {
	relay *Relay
	c     *smtp.Client
	used  bool // a message went over it: RSET before the next one
}

func (k *conn) dial(ctx context.Context) error {
	c, err := Dial(ctx, *k.relay)
	if err != nil {
		return err
	}
	k.c, k.used = c, false
	return nil
}

func (k *conn) drop() {
	if k.c != nil {
		k.c.Close()
		k.c = nil
	}
}

// stage names the SMTP step an error came from.
type stage int

const (
	stageConnect stage = iota
	stageMail
	stageRcpt
	stageData
)

// deliver sends one message over the connection, dialling when needed, and
// returns the server's final reply text.
func (k *conn) deliver(ctx context.Context, j *job) (string, stage, error) {
	if k.c != nil && k.used {
		if err := k.c.Reset(); err != nil {
			k.drop()
		}
	}
	if k.c == nil {
		if err := k.dial(ctx); err != nil {
			return "", stageConnect, err
		}
	}
	k.used = true
	if err := k.c.Mail(j.from, nil); err != nil {
		return "", stageMail, err
	}
	if err := k.c.Rcpt(j.address, nil); err != nil {
		return "", stageRcpt, err
	}
	w, err := k.c.Data()
	if err != nil {
		return "", stageData, err
	}
	if _, err := w.Write(j.raw.Bytes()); err != nil {
		return "", stageData, err
	}
	resp, err := w.CloseWithResponse()
	if err != nil {
		return "", stageData, err
	}
	return "250 " + resp.StatusText, stageData, nil
}

// judge turns a delivery error into the row's next state.
func (e *Engine) judge(j *job, k *conn, st stage, err error) outcome {
	o := outcome{id: j.id, attempts: j.attempts + 1}
	var se *smtp.SMTPError
	isSMTP := errors.As(err, &se)
	if isSMTP {
		o.reply = replyText(se)
	} else {
		o.reply = "network: " + err.Error()
	}
	switch {
	case isSMTP && se.Code/100 == 5 && (st == stageRcpt || st == stageData):
		// Hard failure for this recipient: never again.
		o.state, o.suppress = Failed, j.address
		if k.c != nil {
			if k.c.Reset() != nil {
				k.drop()
			} else {
				k.used = false
			}
		}
		return o
	case isSMTP && (se.Code == 421 || se.Code == 451 || se.EnhancedCode[0] == 4 && se.EnhancedCode[1] == 7):
		e.throttle.throttled()
	}
	// Temporary (4xx, relay refusing the sender, network): drop the
	// connection unless the server is still talking to us, then retry later.
	if !isSMTP || se.Code == 421 || st == stageConnect {
		k.drop()
	} else if k.c.Reset() != nil {
		k.drop()
	} else {
		k.used = false
	}
	now := e.cfg.Now()
	if now.Sub(time.UnixMilli(j.createdAt)) > e.cfg.MaxAge {
		o.state = Failed
		o.reply = fmt.Sprintf("gave up after %d attempts: %s", o.attempts, o.reply)
		return o
	}
	o.state, o.next = Queued, now.Add(e.backoff(o.attempts))
	return o
}

// backoff is base·2^(attempt-1), capped, with ±50% jitter.
func (e *Engine) backoff(attempt int) time.Duration {
	d := e.cfg.BackoffBase << min(attempt-1, 30)
	if d <= 0 || d > e.cfg.BackoffMax {
		d = e.cfg.BackoffMax
	}
	return d/2 + time.Duration(rand.Int64N(int64(d)))
}

// sender is one worker: it owns a connection and sends messages until the
// engine stops. It waits for the rate limiter before it takes a message, so
// it never sleeps on a message another sender could send.
func (e *Engine) sender(ctx context.Context, relay *Relay) {
	k := &conn{relay: relay}
	defer func() {
		if k.c != nil {
			k.c.Quit()
			k.drop()
		}
	}()
	var next *job // handed over by the domain gate, its slot taken
	for {
		if err := e.throttle.wait(ctx); err != nil {
			return // stopping: claimed rows stay 'sending'; Stop requeues them
		}
		j := next
		if j == nil {
			if j = e.take(ctx); j == nil {
				return
			}
		}
		var o outcome
		if reply, st, err := k.deliver(ctx, j); err == nil {
			o = outcome{id: j.id, state: Sent, attempts: j.attempts + 1, reply: reply}
			e.throttle.sent.Add(1)
			e.noteSent()
		} else {
			o = e.judge(j, k, st, err)
		}
		e.release(j)
		next = e.gate.done(j)
		e.results <- o
	}
}

// renderer renders claimed rows for the senders until the feeder stops.
func (e *Engine) renderer(ctx context.Context) {
	for j := range e.jobs {
		if err := e.render(ctx, j); err != nil {
			// Templates are checked at enqueue; this is a bug or a
			// missing sender identity: the message fails with the reason.
			e.release(j)
			e.results <- outcome{id: j.id, state: Failed, attempts: j.attempts, reply: "render: " + err.Error()}
			continue
		}
		select {
		case e.ready <- j:
		case <-ctx.Done():
			e.release(j) // the row stays 'sending'; Stop requeues it
		}
	}
}

// take returns the next message whose domain is below its cap, parking
// those that are not; nil when the engine stops.
func (e *Engine) take(ctx context.Context) *job {
	for {
		if e.gate.full() {
			j, err := e.gate.await(ctx)
			if err != nil {
				return nil
			}
			if j != nil {
				return j
			}
		}
		select {
		case j, ok := <-e.ready:
			if !ok {
				return nil
			}
			if e.gate.admit(j) {
				return j
			}
		case <-ctx.Done():
			return nil
		}
	}
}

func (e *Engine) release(j *job) {
	if j.raw != nil {
		j.raw.Reset()
		bufPool.Put(j.raw)
		j.raw = nil
	}
}
