package main

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sort"

	"github.com/kizuna-hr/kizuna/sdk"
)

// countsKey holds the counts and the last event counted, as one JSON value
// written with compare-and-set: a batch delivered twice is counted once.
const countsKey = "counts"

// Counts is what the plugin keeps.
type Counts struct {
	LastEventID int64            `json:"last_event_id"`
	ByType      map[string]int64 `json:"by_type"`
}

// Config is the plugin's settings (see plugin.json).
type Config struct {
	Greeting   string `json:"greeting"`
	ShowCaller bool   `json:"show_caller"`
}

// Hello is the plugin.
type Hello struct {
	host sdk.Host
	cfg  Config
	mux  *http.ServeMux
}

// New returns the plugin.
func New() *Hello {
	h := &Hello{cfg: Config{Greeting: "こんにちは", ShowCaller: true}}
	h.mux = http.NewServeMux()
	h.mux.HandleFunc("GET /{$}", h.page)
	h.mux.HandleFunc("GET /api/counts", h.apiCounts)
	return h
}

// Activate implements sdk.Activator.
func (h *Hello) Activate(ctx context.Context, host sdk.Host, settings sdk.Settings) error {
	h.host = host
	if err := settings.Decode(&h.cfg); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	sdk.Logger().Info("hello activated", "greeting", h.cfg.Greeting)
	return nil
}

// Deactivate implements sdk.Activator.
func (h *Hello) Deactivate(context.Context) error { return nil }

// Subscriptions implements sdk.EventHandler.
func (h *Hello) Subscriptions() []string { return []string{"alumnus.*"} }

// HandleEvents implements sdk.EventHandler.
func (h *Hello) HandleEvents(ctx context.Context, events []sdk.Event) error {
	for {
		c, version, err := h.load(ctx)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.ID > c.LastEventID {
				c.ByType[e.Type]++
				c.LastEventID = e.ID
			}
		}
		b, _ := json.Marshal(c)
		if _, ok, err := h.host.KV().CompareAndSet(ctx, countsKey, b, version, 0); err != nil || ok {
			return err
		}
	}
}

func (h *Hello) load(ctx context.Context) (Counts, int64, error) {
	c := Counts{ByType: map[string]int64{}}
	b, version, found, err := h.host.KV().Get(ctx, countsKey)
	if err != nil || !found {
		return c, 0, err
	}
	return c, version, json.Unmarshal(b, &c)
}

// ServeHTTP implements sdk.HTTPHandler.
func (h *Hello) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

func (h *Hello) apiCounts(w http.ResponseWriter, r *http.Request) {
	c, _, err := h.load(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(c)
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>ハロー / Hello</title>
<link rel="stylesheet" href="/plugins/_sdk/kizuna.css"></head>
<body class="kz-page"><h1 class="kz-title">{{.Greeting}}{{if .Caller}}、{{.Caller}} さん{{end}}</h1>
<p class="kz-muted">アルムナイのイベント数 / alumni events seen</p>
<table class="kz-table"><thead><tr><th>イベント / event</th><th>件数 / count</th></tr></thead><tbody>
{{range .Rows}}<tr><td>{{.Type}}</td><td>{{.N}}</td></tr>{{else}}<tr><td colspan="2">まだありません / none yet</td></tr>{{end}}
</tbody></table></body></html>`))

type row struct {
	Type string
	N    int64
}

func (h *Hello) page(w http.ResponseWriter, r *http.Request) {
	c, _, err := h.load(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	data := struct {
		Greeting, Caller string
		Rows             []row
	}{Greeting: h.cfg.Greeting}
	if caller, ok := sdk.CallerFrom(r.Context()); ok && h.cfg.ShowCaller {
		data.Caller = caller.Name
	}
	for t, n := range c.ByType {
		data.Rows = append(data.Rows, row{t, n})
	}
	sort.Slice(data.Rows, func(i, j int) bool { return data.Rows[i].Type < data.Rows[j].Type })
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = pageTmpl.Execute(w, data)
}
