package sdk

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Activator is implemented by plugins that set themselves up when started
// and clean up when stopped. Activate gets the Host API and the settings
// the admin saved; an error stops the plugin and is shown to the admin.
type Activator interface {
	Activate(ctx context.Context, host Host, settings Settings) error
	Deactivate(ctx context.Context) error
}

// EventHandler is implemented by plugins that follow domain events.
// Subscriptions lists event types ("alumnus.created"), prefixes
// ("alumnus.*") or "*". HandleEvents gets them in order, in batches, at least
// once: return an error to have the same batch delivered again, so make the
// handling idempotent (Event.ID is unique and increasing).
type EventHandler interface {
	Subscriptions() []string
	HandleEvents(ctx context.Context, events []Event) error
}

// HTTPHandler is implemented by plugins with pages or an API under
// /plugins/{id}/ (console and portal). The prefix is removed from the path;
// CallerFrom(r.Context()) says who is calling, as the host authenticated
// them. Cookies set by the plugin never reach the browser.
type HTTPHandler interface {
	ServeHTTP(w http.ResponseWriter, r *http.Request)
}

// Scheduler is implemented by plugins with periodic jobs. The host runs each
// job every Interval while the plugin is enabled, never two runs of the same
// job at once.
type Scheduler interface {
	Jobs() []Job
}

// Job is one periodic task.
type Job struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context) error
}

// HealthChecker is implemented by plugins that can say whether they work.
type HealthChecker interface {
	CheckHealth(ctx context.Context) error
}

// Event is one domain event from the host's durable event log.
type Event struct {
	ID      int64           `json:"id"`
	Type    string          `json:"type"`    // "alumnus.created", "alumnus.updated", "alumnus.deleted", …
	Subject string          `json:"subject"` // "alumnus:42"
	At      time.Time       `json:"at"`
	Data    json.RawMessage `json:"data"` // JSON object, depends on Type
}

// Decode unmarshals the event's data into v.
func (e Event) Decode(v any) error { return json.Unmarshal(e.Data, v) }

// Settings are the plugin's settings as the admin saved them (a JSON object
// following the manifest's settings schema).
type Settings json.RawMessage

// Decode unmarshals the settings into v (a struct with json tags).
func (s Settings) Decode(v any) error {
	if len(s) == 0 {
		return nil
	}
	return json.Unmarshal(s, v)
}
