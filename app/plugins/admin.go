package plugins

import (
	"context"
	"slices"
	"strings"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/kizuna-hr/kizuna/sdk"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// Status is an installed plugin with what the host knows of it now.
type Status struct {
	*Record
	Running bool   `json:"running"`
	Process string `json:"process"` // "running", "starting", "restarting", "stopped"
	HTTP    bool   `json:"http"`    // serves pages under /plugins/{id}/
	Health  string `json:"health"`  // "" when healthy (or not running), else the plugin's or the host's reason
	// StartedAt is when the running process became ready: it changes at every
	// restart (new settings, a crash), so a page framing the plugin reloads.
	StartedAt *time.Time `json:"started_at,omitempty"`
}

func (m *Manager) status(rec *Record) Status {
	s := Status{Record: rec, Process: "stopped"}
	if r := m.runner(rec.ID); r != nil {
		r.mu.Lock()
		s.Process, s.Running = r.status, r.remote != nil
		s.HTTP = r.caps != nil && r.caps.Http
		s.Health = r.health
		if !r.startedAt.IsZero() {
			at := r.startedAt
			s.StartedAt = &at
		}
		r.mu.Unlock()
	}
	return s
}

// List returns every installed plugin.
func (m *Manager) List(ctx context.Context) ([]Status, error) {
	recs, err := m.reg.list(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Status, len(recs))
	for i, r := range recs {
		out[i] = m.status(r)
	}
	return out, nil
}

// Get returns one installed plugin.
func (m *Manager) Get(ctx context.Context, id string) (Status, error) {
	rec, err := m.reg.get(ctx, id)
	if err != nil {
		return Status{}, err
	}
	return m.status(rec), nil
}

// Enable grants the listed permissions (each must be one the plugin
// requests; nil grants none) and starts the plugin. Enabling an enabled
// plugin changes its grants and restarts it.
func (m *Manager) Enable(ctx context.Context, id string, grant []string) error {
	rec, err := m.reg.get(ctx, id)
	if err != nil {
		return err
	}
	for _, p := range grant {
		if !slices.Contains(rec.Manifest.Permissions, p) {
			return ErrUnknownGrant.Withf("%s", "%s", p)
		}
	}
	if grant == nil {
		grant = []string{}
	}
	m.stop(id)
	if err := m.reg.setState(ctx, id, StateEnabled, "", grant); err != nil {
		return err
	}
	if err := m.Audit.Record(ctx, "plugin.enable", "plugin:"+id, "granted="+strings.Join(grant, ",")); err != nil {
		return err
	}
	rec, err = m.reg.get(ctx, id)
	if err != nil {
		return err
	}
	m.start(rec)
	return nil
}

// Disable stops the plugin and keeps it installed.
func (m *Manager) Disable(ctx context.Context, id string) error {
	if _, err := m.reg.get(ctx, id); err != nil {
		return err
	}
	m.stop(id)
	if err := m.reg.setState(ctx, id, StateDisabled, "", nil); err != nil {
		return err
	}
	return m.Audit.Record(ctx, "plugin.disable", "plugin:"+id, "")
}

// markFailed disables a plugin that does not stay running, with the reason.
func (m *Manager) markFailed(r *runner, reason string) {
	id := r.rec.ID
	m.mu.Lock()
	if m.runners[id] == r {
		delete(m.runners, id)
	}
	m.mu.Unlock()
	ctx := context.Background()
	m.log.Error("plugin disabled after repeated failures", "plugin", id, "reason", reason)
	if err := m.reg.setState(ctx, id, StateFailed, reason, nil); err != nil {
		m.log.Error("plugin state not saved", "plugin", id, "err", err)
	}
	_ = m.Audit.Record(ctx, "plugin.failed", "plugin:"+id, reason)
}

// SaveSettings checks values against the plugin's settings schema, stores
// them and restarts a running plugin so it activates with them.
func (m *Manager) SaveSettings(ctx context.Context, id string, values map[string]any) error {
	rec, err := m.reg.get(ctx, id)
	if err != nil {
		return err
	}
	clean, fields := checkSettings(rec.Manifest.Settings, values)
	if len(fields) > 0 {
		return ErrBadSettings.WithFields(fields)
	}
	if err := m.reg.setJSON(ctx, id, "settings", clean); err != nil {
		return err
	}
	if err := m.Audit.Record(ctx, "plugin.settings", "plugin:"+id, ""); err != nil {
		return err
	}
	if rec.State == StateEnabled {
		m.stop(id)
		if rec, err = m.reg.get(ctx, id); err == nil {
			m.start(rec)
		}
	}
	return err
}

// ServeHTTP forwards one request to the plugin. Errors: ErrNotRunning,
// ErrTimeout (the plugin did not answer within the call timeout),
// ErrPluginFailed (it crashed or refused).
func (m *Manager) ServeHTTP(ctx context.Context, id string, req *pb.HTTPRequest) (*pb.HTTPResponse, error) {
	r := m.runner(id)
	if r == nil {
		return nil, ErrNotRunning.Withf("%s", "%s", id)
	}
	remote, caps := r.running()
	if remote == nil || !caps.Http {
		return nil, ErrNotRunning.Withf("%s", "%s", id)
	}
	ctx, cancel := context.WithTimeout(ctx, m.opts.CallTimeout)
	defer cancel()
	res, err := remote.ServeHTTP(ctx, req)
	if err != nil {
		if status.Code(err) == codes.DeadlineExceeded {
			r.out.note("HTTP request timed out", "path", req.Path)
			return nil, ErrTimeout.Withf("%s", "%s", id)
		}
		r.out.note("HTTP request failed", "path", req.Path, "err", err)
		return nil, ErrPluginFailed.Withf("%s", "%s", id).Wrap(err)
	}
	return res, nil
}

// NavItem is a menu entry of a running plugin, for the console and portal menus.
type NavItem struct {
	PluginID string `json:"plugin_id"`
	sdk.NavEntry
}

// Navigation lists the menu entries of enabled plugins: those set at run
// time, else those in the manifest.
func (m *Manager) Navigation(ctx context.Context, area string) ([]NavItem, error) {
	recs, err := m.reg.list(ctx)
	if err != nil {
		return nil, err
	}
	var out []NavItem
	for _, r := range recs {
		if r.State != StateEnabled {
			continue
		}
		entries := r.Nav
		if len(entries) == 0 {
			for _, n := range r.Manifest.Nav {
				entries = append(entries, sdk.NavEntry{Area: n.Area, LabelJA: n.Label.JA, LabelEN: n.Label.EN, Path: n.Path})
			}
		}
		for _, e := range entries {
			if e.Area == area {
				out = append(out, NavItem{PluginID: r.ID, NavEntry: e})
			}
		}
	}
	return out, nil
}
