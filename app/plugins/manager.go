package plugins

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/events"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Auditor writes the audit log.
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
}

// AlumniReader is the part of the alumni service plugins read through.
type AlumniReader interface {
	Get(ctx context.Context, id int64) (*alumni.Detail, error)
	List(ctx context.Context, q alumni.Query) (alumni.ListResult, error)
}

// Segment is a saved segment as plugins see it.
type Segment struct {
	ID          int64
	Name        string
	Description string
}

// Segments lists segments and resolves one to alumnus ids (the mail
// engine's segments, wired when present).
type Segments interface {
	List(ctx context.Context) ([]Segment, error)
	Members(ctx context.Context, id int64) ([]int64, error)
}

// OutMail is a message a plugin asks the host to send.
type OutMail struct {
	PluginID    string
	Promotional bool // false: transactional
	AlumnusID   int64
	To          string
	Subject     string
	Text        string
	HTML        string
}

// Mailer queues a plugin's message in the host outbox (app/mail), returning
// its message id. Promotional mail goes only to alumni who consented.
type Mailer interface {
	SendPluginMail(ctx context.Context, m OutMail) (string, error)
}

// Deps are what the host offers plugins. Segments and Mailer may be nil:
// calls then fail with "not available".
type Deps struct {
	Store    *store.Store
	Events   *events.Log
	Audit    Auditor
	Alumni   AlumniReader
	Segments Segments
	Mailer   Mailer
	Log      *slog.Logger
}

// Options tune the host; zero values take the defaults.
type Options struct {
	Dir              string        // where plugins live; default <data>/plugins
	HostVersion      string        // compared with min_host_version when it is a semantic version ("v" prefix allowed)
	RequireSignature bool          // refuse unsigned bundles
	CallTimeout      time.Duration // one call into a plugin (HTTP, events, jobs); default 30 s
	StartTimeout     time.Duration // launch + handshake + activate; default 10 s
	MaxRestarts      int           // crashes within RestartWindow before the plugin is disabled; default 3
	RestartWindow    time.Duration // default 10 min
	Backoff          time.Duration // first restart delay, doubled per crash; default 500 ms
	BatchSize        int           // events per delivery; default 500
	HealthInterval   time.Duration // between health checks; 3 unanswered in a row restart the plugin; default 30 s
	BannerTimeout    time.Duration // one plugin's answer to "which portal banners?"; default 1 s
}

func (o *Options) defaults(st *store.Store) {
	if o.Dir == "" {
		o.Dir = filepath.Join(st.Dir, "plugins")
	}
	o.HostVersion = strings.TrimPrefix(o.HostVersion, "v") // git tags say v1.2.0
	setDefault(&o.CallTimeout, 30*time.Second)
	setDefault(&o.StartTimeout, 10*time.Second)
	setDefault(&o.RestartWindow, 10*time.Minute)
	setDefault(&o.Backoff, 500*time.Millisecond)
	setDefault(&o.MaxRestarts, 3)
	setDefault(&o.BatchSize, 500)
	setDefault(&o.HealthInterval, 30*time.Second)
	setDefault(&o.BannerTimeout, time.Second)
}

func setDefault[T comparable](p *T, v T) {
	var zero T
	if *p == zero {
		*p = v
	}
}

// Manager installs, runs and supervises plugins.
type Manager struct {
	Deps
	opts Options
	reg  registry

	log       *slog.Logger
	kvVersion atomic.Int64

	mu      sync.Mutex
	runners map[string]*runner
	logs    map[string]*ring
	started bool // Start was called: this process runs plugins (the CLI only edits the registry)
	closed  bool
}

// New returns a Manager; call Start to run the enabled plugins.
func New(d Deps, o Options) *Manager {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	o.defaults(d.Store)
	m := &Manager{Deps: d, opts: o, reg: registry{d.Store}, runners: map[string]*runner{}, logs: map[string]*ring{}}
	m.kvVersion.Store(time.Now().UnixNano())
	m.log = d.Log
	return m
}

func (m *Manager) root() string               { return m.opts.Dir }
func (m *Manager) pluginDir(id string) string { return filepath.Join(m.opts.Dir, id) }

// DataDir is a plugin's private folder.
func (m *Manager) DataDir(id string) string { return filepath.Join(m.pluginDir(id), "data") }

// Start launches every enabled plugin (in the background: a plugin that
// fails to start never delays the host).
func (m *Manager) Start(ctx context.Context) error {
	recs, err := m.reg.list(ctx)
	if err != nil {
		return err
	}
	m.mu.Lock()
	m.started = true
	m.mu.Unlock()
	m.pruneEvents(ctx, recs)
	for _, r := range recs {
		if r.State == StateEnabled {
			m.start(r)
		}
	}
	return nil
}

// Root is the plugins folder: one sub-folder per installed plugin.
func (m *Manager) Root() string { return m.root() }

// Suspend stops every running plugin (a restore replaces their folders);
// resume starts the enabled ones again from the registry as it is then.
// On a host that was never started (the CLI) both do nothing.
func (m *Manager) Suspend() (resume func(context.Context)) {
	m.mu.Lock()
	started := m.started && !m.closed
	m.mu.Unlock()
	m.stopAll()
	return func(ctx context.Context) {
		if !started {
			return
		}
		if err := m.Start(ctx); err != nil {
			m.log.Warn("plugins not restarted after a restore", "err", err)
		}
	}
}

// Close deactivates and stops every plugin.
func (m *Manager) Close() {
	m.mu.Lock()
	m.closed = true
	m.mu.Unlock()
	m.stopAll()
}

// stopAll stops every running plugin at once and waits for them.
func (m *Manager) stopAll() {
	m.mu.Lock()
	ids := make([]string, 0, len(m.runners))
	for id := range m.runners {
		ids = append(ids, id)
	}
	m.mu.Unlock()
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Go(func() { m.stop(id) })
	}
	wg.Wait()
}

// start runs the plugin under supervision (no-op when it runs already).
func (m *Manager) start(rec *Record) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.started || m.closed || m.runners[rec.ID] != nil {
		return
	}
	r := newRunner(m, rec, m.ringFor(rec.ID))
	m.runners[rec.ID] = r
	go r.loop()
}

// stop stops the plugin's process and waits for it.
func (m *Manager) stop(id string) {
	m.mu.Lock()
	r := m.runners[id]
	delete(m.runners, id)
	m.mu.Unlock()
	if r != nil {
		r.shutdown()
	}
}

func (m *Manager) runner(id string) *runner {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.runners[id]
}

// ringFor returns the plugin's log buffer (kept across restarts); the caller holds m.mu.
func (m *Manager) ringFor(id string) *ring {
	if m.logs[id] == nil {
		m.logs[id] = newRing(500)
	}
	return m.logs[id]
}

// Logs returns the plugin's recent log lines, oldest first.
func (m *Manager) Logs(id string) []LogLine {
	m.mu.Lock()
	r := m.ringFor(id)
	m.mu.Unlock()
	return r.lines()
}

// pruneEvents drops the events every installed plugin has acknowledged (a
// disabled plugin keeps its events: it gets them when enabled again). With no
// plugin installed, new plugins start at the log's end, so none are needed.
func (m *Manager) pruneEvents(ctx context.Context, recs []*Record) {
	upTo, err := m.Events.Last(ctx)
	if err != nil {
		return
	}
	for _, r := range recs {
		upTo = min(upTo, r.Cursor)
	}
	if n, err := m.Events.Prune(ctx, upTo); err != nil {
		m.log.Warn("events not pruned", "err", err)
	} else if n > 0 {
		m.log.Info("events pruned", "count", n)
	}
}
