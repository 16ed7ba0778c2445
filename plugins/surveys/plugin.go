package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
)

// Config is the plugin's settings.
type Config struct {
	PortalURL string `json:"portal_url"`
}

// Surveys is the plugin.
type Surveys struct {
	host  sdk.Host
	cfg   Config
	store *Store
	mux   *http.ServeMux
	now   func() time.Time
	mu    sync.Mutex // serialises sending
}

// New returns the plugin.
func New() *Surveys {
	p := &Surveys{cfg: Config{PortalURL: "http://localhost:8080"}, now: time.Now}
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", p.hr(p.list))
	m.HandleFunc("POST /surveys", p.hr(p.create))
	m.HandleFunc("GET /surveys/{id}/edit", p.hr(p.edit))
	m.HandleFunc("POST /surveys/{id}/edit", p.hr(p.save))
	m.HandleFunc("POST /surveys/{id}/send", p.hr(p.send))
	m.HandleFunc("GET /surveys/{id}/preview", p.hr(p.preview))
	m.HandleFunc("GET /static/{file}", p.asset)
	m.HandleFunc("GET /surveys/{id}/results", p.hr(p.results))
	m.HandleFunc("GET /surveys/{id}/export.csv", p.hr(p.exportCSV))
	m.HandleFunc("GET /surveys/{id}/chart/{q}", p.hr(p.chart))
	m.HandleFunc("GET /mine", p.alumnus(p.mine))
	m.HandleFunc("GET /s/{id}", p.alumnus(p.form))
	m.HandleFunc("POST /s/{id}", p.alumnus(p.answer))
	p.mux = m
	return p
}

// Activate implements sdk.Activator.
func (p *Surveys) Activate(ctx context.Context, host sdk.Host, settings sdk.Settings) error {
	p.host = host
	if err := settings.Decode(&p.cfg); err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	st, err := OpenStore(ctx, host.DataDir())
	if err != nil {
		return err
	}
	p.store = st
	return nil
}

// Deactivate implements sdk.Activator.
func (p *Surveys) Deactivate(context.Context) error {
	if p.store != nil {
		return p.store.Close()
	}
	return nil
}

// Jobs implements sdk.Scheduler: reminders to those who have not answered.
func (p *Surveys) Jobs() []sdk.Job {
	return []sdk.Job{{Name: "reminders", Interval: time.Hour, Run: p.remindDue}}
}

// ServeHTTP implements sdk.HTTPHandler.
func (p *Surveys) ServeHTTP(w http.ResponseWriter, r *http.Request) { p.mux.ServeHTTP(w, r) }

type handler func(w http.ResponseWriter, r *http.Request, c sdk.Caller, sv *Survey) error

// hr guards HR pages: any caller but an alumnus; the survey in {id} is loaded.
func (p *Surveys) hr(h handler) http.HandlerFunc {
	return p.guard(h, func(c sdk.Caller) bool { return c.Kind != "alumnus" })
}

// alumnus guards the answering pages.
func (p *Surveys) alumnus(h handler) http.HandlerFunc {
	return p.guard(h, func(c sdk.Caller) bool { return c.Kind == "alumnus" && c.ID > 0 })
}

func (p *Surveys) guard(h handler, allowed func(sdk.Caller) bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := sdk.CallerFrom(r.Context())
		if !ok || !allowed(c) {
			p.fail(w, http.StatusForbidden, "このページを開く権限がありません。", "You may not open this page.")
			return
		}
		var sv *Survey
		if idText := r.PathValue("id"); idText != "" {
			id, _ := strconv.ParseInt(idText, 10, 64)
			s, err := p.store.Get(r.Context(), id)
			if errors.Is(err, ErrNotFound) {
				p.fail(w, http.StatusNotFound, "アンケートが見つかりません。リンクをご確認ください。", "Survey not found. Please check the link.")
				return
			}
			if err != nil {
				p.internal(w, err)
				return
			}
			sv = s
		}
		if err := h(w, r, c, sv); err != nil {
			p.internal(w, err)
		}
	}
}

func (p *Surveys) internal(w http.ResponseWriter, err error) {
	sdk.Logger().Error("surveys", "err", err)
	p.fail(w, http.StatusInternalServerError, "エラーが発生しました。時間をおいて再度お試しください。", "Something went wrong. Please try again later.")
}

func (p *Surveys) fail(w http.ResponseWriter, status int, ja, en string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = pages.ExecuteTemplate(w, "message", map[string]any{"Error": true, "JA": ja, "EN": en})
}
