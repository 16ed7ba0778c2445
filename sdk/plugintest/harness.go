package plugintest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
)

// Harness runs one plugin in process against a Host.
type Harness struct {
	t      testingT
	Plugin any
	Host   *Host
}

type testingT interface {
	Helper()
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Start activates p (when it is an sdk.Activator) with h and deactivates it
// when the test ends.
func Start(t testingT, p any, h *Host) *Harness {
	t.Helper()
	if a, ok := p.(sdk.Activator); ok {
		settings, err := h.Settings(context.Background())
		if err != nil {
			t.Fatalf("settings: %v", err)
		}
		if err := a.Activate(context.Background(), h, settings); err != nil {
			t.Fatalf("activate: %v", err)
		}
		t.Cleanup(func() { _ = a.Deactivate(context.Background()) })
	}
	return &Harness{t: t, Plugin: p, Host: h}
}

// Deliver hands events to the plugin as the host would: only those it
// subscribed to, as one batch. It returns the plugin's answer.
func (h *Harness) Deliver(events ...sdk.Event) error {
	eh, ok := h.Plugin.(sdk.EventHandler)
	if !ok {
		return fmt.Errorf("plugin does not implement sdk.EventHandler")
	}
	var batch []sdk.Event
	for _, e := range events {
		if sdk.Subscribed(eh.Subscriptions(), e.Type) {
			batch = append(batch, e)
		}
	}
	if len(batch) == 0 {
		return nil
	}
	return eh.HandleEvents(context.Background(), batch)
}

// Do sends an HTTP request to the plugin as caller; path is relative to
// /plugins/{id} (e.g. "/" or "/api/count").
func (h *Harness) Do(method, path string, body io.Reader, caller sdk.Caller) *http.Response {
	h.t.Helper()
	return h.DoRequest(httptest.NewRequest(method, path, body), caller)
}

// DoRequest sends r (with its headers, e.g. a form's Content-Type) to the
// plugin as caller.
func (h *Harness) DoRequest(r *http.Request, caller sdk.Caller) *http.Response {
	h.t.Helper()
	hh, ok := h.Plugin.(sdk.HTTPHandler)
	if !ok {
		h.t.Fatalf("plugin does not implement sdk.HTTPHandler")
	}
	r = r.WithContext(sdk.WithCaller(r.Context(), caller))
	rec := httptest.NewRecorder()
	hh.ServeHTTP(rec, r)
	return rec.Result()
}

// Banners asks the plugin for the portal banners of caller (an alumnus),
// as the host does when the portal loads.
func (h *Harness) Banners(caller sdk.Caller) ([]sdk.Banner, error) {
	b, ok := h.Plugin.(sdk.BannerProvider)
	if !ok {
		return nil, fmt.Errorf("plugin does not implement sdk.BannerProvider")
	}
	return b.Banners(context.Background(), caller)
}

// RunJob runs the plugin's job by name.
func (h *Harness) RunJob(name string) error {
	s, ok := h.Plugin.(sdk.Scheduler)
	if !ok {
		return fmt.Errorf("plugin does not implement sdk.Scheduler")
	}
	for _, j := range s.Jobs() {
		if j.Name == name {
			return j.Run(context.Background())
		}
	}
	return fmt.Errorf("no job %q", name)
}

// NewEvent builds an event with data marshalled to JSON.
func NewEvent(id int64, typ, subject string, data any) sdk.Event {
	b, _ := json.Marshal(data)
	return sdk.Event{ID: id, Type: typ, Subject: subject, At: time.Now().UTC(), Data: b}
}

// HR is a caller with the owner role, for Do.
var HR = sdk.Caller{Kind: "user", ID: 1, Name: "hr@example.jp", Role: "owner", Permissions: []string{"alumni.read"}}
