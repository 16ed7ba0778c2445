package plugintest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/sdk"
)

// AuditEntry is one Audit call the plugin made.
type AuditEntry struct{ Action, Subject, Detail string }

// Host is an in-memory sdk.Host. Fill its exported fields before Start;
// read them after to check what the plugin did.
type Host struct {
	ID       string
	Dir      string
	Granted  []string // permissions granted; nil grants every permission
	Alumni   map[int64]sdk.Alumnus
	Segs     []sdk.Segment
	Members  map[int64][]int64
	Config   any // settings, marshalled to JSON
	Now      func() time.Time
	mu       sync.Mutex
	mails    []sdk.Mail
	audits   []AuditEntry
	nav      []sdk.NavEntry
	kv       map[string]kvEntry
	kvSerial int64
}

type kvEntry struct {
	value   []byte
	version int64
	expires time.Time
}

// NewHost returns an empty Host for the plugin "com.example.test" with a
// temporary data folder.
func NewHost(t testing.TB) *Host {
	return &Host{ID: "com.example.test", Dir: t.TempDir(), Alumni: map[int64]sdk.Alumnus{},
		Members: map[int64][]int64{}, Now: time.Now, kv: map[string]kvEntry{}}
}

func (h *Host) check(perm string) error {
	if h.Granted == nil || slices.Contains(h.Granted, perm) {
		return nil
	}
	return fmt.Errorf("%w: %s", sdk.ErrPermission, perm)
}

// PluginID implements sdk.Host.
func (h *Host) PluginID() string { return h.ID }

// DataDir implements sdk.Host.
func (h *Host) DataDir() string { return h.Dir }

// KV implements sdk.Host.
func (h *Host) KV() sdk.KV { return kv{h} }

// Alumnus implements sdk.Host.
func (h *Host) Alumnus(_ context.Context, id int64) (sdk.Alumnus, error) {
	if err := h.check(sdk.PermAlumniRead); err != nil {
		return sdk.Alumnus{}, err
	}
	a, ok := h.Alumni[id]
	if !ok {
		return a, sdk.ErrNotFound
	}
	return a, nil
}

// SearchAlumni implements sdk.Host with a substring match on name and reading.
func (h *Host) SearchAlumni(_ context.Context, q string, offset, limit int) (sdk.AlumniPage, error) {
	if err := h.check(sdk.PermAlumniRead); err != nil {
		return sdk.AlumniPage{}, err
	}
	var all []sdk.Alumnus
	for _, a := range h.Alumni {
		if strings.Contains(a.Name, q) || strings.Contains(a.NameReading, q) {
			all = append(all, a)
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	page := sdk.AlumniPage{Total: len(all)}
	if offset < len(all) {
		page.Items = all[offset:min(len(all), offset+max(limit, 1))]
	}
	return page, nil
}

// Segments implements sdk.Host.
func (h *Host) Segments(context.Context) ([]sdk.Segment, error) {
	return h.Segs, h.check(sdk.PermSegmentsRead)
}

// SegmentMembers implements sdk.Host.
func (h *Host) SegmentMembers(_ context.Context, id int64) ([]int64, error) {
	return h.Members[id], h.check(sdk.PermSegmentsRead)
}

// SendMail implements sdk.Host; Mails lists what was sent.
func (h *Host) SendMail(_ context.Context, m sdk.Mail) (string, error) {
	perm := sdk.PermMailTransactional
	if m.Kind == sdk.MailPromotional {
		perm = sdk.PermMailPromotional
	}
	if err := h.check(perm); err != nil {
		return "", err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.mails = append(h.mails, m)
	return fmt.Sprintf("test-%d", len(h.mails)), nil
}

// Mails returns the messages the plugin sent.
func (h *Host) Mails() []sdk.Mail {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.mails)
}

// Settings implements sdk.Host.
func (h *Host) Settings(context.Context) (sdk.Settings, error) {
	if h.Config == nil {
		return sdk.Settings("{}"), nil
	}
	b, err := json.Marshal(h.Config)
	return sdk.Settings(b), err
}

// Audit implements sdk.Host; Audits lists what was written.
func (h *Host) Audit(_ context.Context, action, subject, detail string) error {
	if err := h.check(sdk.PermAuditWrite); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.audits = append(h.audits, AuditEntry{action, subject, detail})
	return nil
}

// Audits returns the audit entries the plugin wrote.
func (h *Host) Audits() []AuditEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.audits)
}

// SetNavigation implements sdk.Host.
func (h *Host) SetNavigation(_ context.Context, entries []sdk.NavEntry) error {
	if err := h.check(sdk.PermNav); err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.nav = slices.Clone(entries)
	return nil
}

// Navigation returns the plugin's current menu entries.
func (h *Host) Navigation() []sdk.NavEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.nav)
}
