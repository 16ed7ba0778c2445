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
	relay    *Relay
	timeouts *dialTimeouts // nil: the sender's
	c        *smtp.Client
	used     bool // a message went over it: RSET before the next one
}

func (k *conn) dial() error {
	to := senderTimeouts
	if k.timeouts != nil {
		to = *k.timeouts
	}
	c, err := dialRelay(context.Background(), k.relay, to)
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
func (k *conn) deliver(j *job) (string, stage, error) {
	if k.c != nil && k.used {
		if err := k.c.Reset(); err != nil {
			k.drop()
		}
	}
	if k.c == nil {
		if err := k.dial(); err != nil {
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
	o.reply = replyText(err)
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

// replyText is the server's reply as text ("550 5.1.1 No such user"), or
// the network error.
func replyText(err error) string {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return fmt.Sprintf("%d %d.%d.%d %s", se.Code, se.EnhancedCode[0], se.EnhancedCode[1], se.EnhancedCode[2], se.Message)
	}
	return "network: " + err.Error()
}

// backoff is base·2^(attempt-1), capped, with ±50% jitter.
func (e *Engine) backoff(attempt int) time.Duration {
	d := e.cfg.BackoffBase << min(attempt-1, 30)
	if d <= 0 || d > e.cfg.BackoffMax {
		d = e.cfg.BackoffMax
	}
	return d/2 + time.Duration(rand.Int64N(int64(d)))
}

// sender is one worker: it owns a connection and sends jobs until the
// channel closes.
func (e *Engine) sender(ctx context.Context, relay *Relay) {
	k := &conn{relay: relay}
	defer func() {
		if k.c != nil {
			k.c.Quit()
			k.drop()
		}
	}()
	for j := range e.jobs {
		if err := e.render(ctx, j); err != nil {
			// Templates are checked at enqueue; this is a bug or a
			// missing sender identity: the message fails with the reason.
			e.release(j)
			e.results <- outcome{id: j.id, state: Failed, attempts: j.attempts, reply: "render: " + err.Error()}
			continue
		}
		if err := e.throttle.wait(ctx); err != nil {
			// Stopping: the row stays 'sending' and Stop puts it back.
			e.release(j)
			continue
		}
		reply, st, err := k.deliver(j)
		var o outcome
		if err == nil {
			o = outcome{id: j.id, state: Sent, attempts: j.attempts + 1, reply: reply}
			e.throttle.sent.Add(1)
			e.noteSent()
		} else {
			o = e.judge(j, k, st, err)
		}
		e.release(j)
		e.results <- o
	}
}

func (e *Engine) release(j *job) {
	if j.raw != nil {
		j.raw.Reset()
		bufPool.Put(j.raw)
		j.raw = nil
	}
}
