package sdk

import (
	"context"
	"time"
)

// Permissions a plugin may declare in plugin.json. The admin grants them when
// enabling the plugin; a call without the permission fails with
// ErrPermission.
const (
	PermAlumniRead        = "alumni.read"        // GetAlumnus, SearchAlumni, alumnus.* events
	PermSegmentsRead      = "segments.read"      // Segments, SegmentMembers
	PermMailTransactional = "mail.transactional" // SendMail with MailTransactional
	PermMailPromotional   = "mail.promotional"   // SendMail with MailPromotional
	PermAuditWrite        = "audit.write"        // Audit
	PermNav               = "nav"                // SetNavigation
)

// Host is the API the host offers a running plugin. Each call may fail with
// ErrPermission (not granted), ErrNotFound or ErrUnavailable.
type Host interface {
	// PluginID is the plugin's id from its manifest.
	PluginID() string
	// Alumnus returns one alumnus (without HR-only fields).
	Alumnus(ctx context.Context, id int64) (Alumnus, error)
	// SearchAlumni searches like the console's search box.
	SearchAlumni(ctx context.Context, query string, offset, limit int) (AlumniPage, error)
	// Segments lists HR's saved segments.
	Segments(ctx context.Context) ([]Segment, error)
	// SegmentMembers resolves a segment to alumnus ids.
	SegmentMembers(ctx context.Context, segmentID int64) ([]int64, error)
	// SendMail queues a message in the host outbox; it returns its id.
	SendMail(ctx context.Context, m Mail) (string, error)
	// KV is the plugin's own key-value store.
	KV() KV
	// Settings returns the current settings.
	Settings(ctx context.Context) (Settings, error)
	// Audit writes to the host's audit log as this plugin.
	Audit(ctx context.Context, action, subject, detail string) error
	// SetNavigation replaces the plugin's entries in the console and portal menus.
	SetNavigation(ctx context.Context, entries []NavEntry) error
	// DataDir is the plugin's private folder (kept on upgrade, included in backups).
	DataDir() string
}

// KV is a key-value store scoped to one plugin.
type KV interface {
	// Get returns the value and its version; found is false when absent or expired.
	Get(ctx context.Context, key string) (value []byte, version int64, found bool, err error)
	// Set writes the value; ttl 0 keeps it until deleted. It returns the new version.
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) (int64, error)
	// CompareAndSet writes only if the stored version is expected (0 = absent);
	// ok is false when another writer came first.
	CompareAndSet(ctx context.Context, key string, value []byte, expected int64, ttl time.Duration) (version int64, ok bool, err error)
	// Delete removes the key (no error when absent).
	Delete(ctx context.Context, key string) error
	// List returns up to limit keys with the prefix, after the key after ("" = from the start), in order.
	List(ctx context.Context, prefix, after string, limit int) ([]string, error)
}

// Alumnus is an alumnus as plugins see it.
type Alumnus struct {
	ID              int64    `json:"id"`
	CompanyID       int64    `json:"company_id"`
	CompanyName     string   `json:"company_name"`
	EmployeeNumber  string   `json:"employee_number"`
	Name            string   `json:"name"`
	NameReading     string   `json:"name_reading"`
	Email           string   `json:"email"`
	Department      string   `json:"department"`
	Position        string   `json:"position"`
	JoinDate        string   `json:"join_date"`
	LeaveDate       string   `json:"leave_date"`
	Industry        string   `json:"industry"`
	JobType         string   `json:"job_type"`
	CurrentEmployer string   `json:"current_employer"`
	Tags            []string `json:"tags"`
}

// AlumniPage is one page of a search.
type AlumniPage struct {
	Total int
	Items []Alumnus
}

// Segment is a saved filter over alumni.
type Segment struct {
	ID          int64
	Name        string
	Description string
}

// MailKind says under which rules a message is sent.
type MailKind int

// The kinds of mail.
const (
	// MailTransactional is a message the recipient asked for.
	MailTransactional MailKind = iota
	// MailPromotional is news or an invitation: sent only with consent, with an unsubscribe link.
	MailPromotional
)

// Mail is one message to send through the host outbox.
type Mail struct {
	Kind      MailKind
	AlumnusID int64  // the recipient, or
	To        string // a plain address (transactional only)
	Subject   string
	Text      string
	HTML      string
}

// NavEntry is a menu entry pointing at one of the plugin's pages.
type NavEntry struct {
	Area    string `json:"area"` // "console" or "portal"
	LabelJA string `json:"label_ja"`
	LabelEN string `json:"label_en"`
	Path    string `json:"path"` // under /plugins/{id}/
}
