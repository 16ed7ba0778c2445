// Command misbehave is a test plugin that misbehaves on request: it panics,
// hangs or exits inside HTTP handlers, and calls host APIs it was not granted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
)

type plugin struct {
	host sdk.Host
	sick atomic.Bool
}

func (p *plugin) CheckHealth(context.Context) error {
	if p.sick.Load() {
		return errors.New("sick on purpose")
	}
	return nil
}

func (p *plugin) Activate(_ context.Context, h sdk.Host, _ sdk.Settings) error {
	p.host = h
	return nil
}

func (p *plugin) Deactivate(context.Context) error { return nil }

// Subscriptions: test events. HandleEvents refuses the first batch that
// holds a "test.fail" event, then records the ids it handled.
func (p *plugin) Subscriptions() []string { return []string{"test.*"} }

func (p *plugin) HandleEvents(ctx context.Context, events []sdk.Event) error {
	for _, e := range events {
		if e.Type == "test.fail" {
			if _, ok, err := p.host.KV().CompareAndSet(ctx, "failed-once", []byte("x"), 0, 0); err != nil || ok {
				return errors.New("refusing this batch once, on purpose")
			}
		}
	}
	for _, e := range events {
		if _, err := p.host.KV().Set(ctx, fmt.Sprintf("seen/%d", e.ID), []byte(e.Type), 0); err != nil {
			return err
		}
	}
	return nil
}

// Jobs: "tick" counts its runs in the key-value store.
func (p *plugin) Jobs() []sdk.Job {
	return []sdk.Job{{Name: "tick", Interval: time.Second, Run: func(ctx context.Context) error {
		_, err := p.host.KV().Set(ctx, "ticked", []byte("yes"), 0)
		return err
	}}}
}

func (p *plugin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/size":
		b, _ := io.ReadAll(r.Body)
		fmt.Fprint(w, len(b))
	case "/sick":
		p.sick.Store(true)
	case "/panic":
		panic("handler panicked on purpose")
	case "/hang":
		time.Sleep(time.Hour)
	case "/exit":
		os.Exit(3)
	case "/mail":
		_, err := p.host.SendMail(r.Context(), sdk.Mail{To: "a@example.jp", Subject: "x", Text: "x"})
		fmt.Fprint(w, err)
	case "/audit":
		fmt.Fprint(w, p.host.Audit(r.Context(), "hello", "test:1", "from plugin"))
	case "/headers":
		c, _ := sdk.CallerFrom(r.Context())
		http.SetCookie(w, &http.Cookie{Name: "kizuna_session", Value: "stolen"})
		fmt.Fprintf(w, "cookie=%q auth=%q caller=%s role=%s path=%s", r.Header.Get("Cookie"), r.Header.Get("Authorization"), c.Name, c.Role, r.URL.Path)
	default:
		fmt.Fprint(w, "ok")
	}
}

func main() { sdk.Serve(&plugin{}) }

// Banners: alumnus 1 gets one banner, alumnus 2 waits forever, alumnus 3
// makes it panic.
func (p *plugin) Banners(ctx context.Context, c sdk.Caller) ([]sdk.Banner, error) {
	switch c.ID {
	case 2:
		time.Sleep(time.Hour)
	case 3:
		panic("banners panicked on purpose")
	}
	return []sdk.Banner{{ID: "b1", TextJA: "アンケートにご協力ください", TextEN: "Please answer our survey", Path: "/s/1"}}, nil
}
