package invitations

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Mailer sends a transactional mail (mail.Engine does).
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
}

// Admitter makes an alumnus a portal member (members.Login does).
type Admitter interface {
	Admit(ctx context.Context, alumnusID int64, how string) error
}

// SessionOpener opens a portal session (members.Sessions does).
type SessionOpener interface {
	Open(ctx context.Context, alumnusID int64, client string) (string, error)
}

// Auditor records who did what (audit.Log does).
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
}

// Deps are what the service works with.
type Deps struct {
	Store    *store.Store
	Mail     Mailer
	Admit    Admitter
	Sessions SessionOpener
	Audit    Auditor
	// BaseURL gives the portal's public address for the links.
	BaseURL func() string
	// NetworkName gives the portal's name for the mail, page and leaflet.
	NetworkName func(ctx context.Context) string
	// FontPath is the TrueType font of leaflets; "" looks for IPA Gothic.
	FontPath string
	Log      *slog.Logger
}

// Service issues, lists, revokes and accepts invitations.
type Service struct {
	d   Deps
	now func() time.Time
}

// New returns the invitation service.
func New(d Deps) *Service {
	if d.BaseURL == nil {
		d.BaseURL = func() string { return "" }
	}
	if d.NetworkName == nil {
		d.NetworkName = func(context.Context) string { return "" }
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{d: d, now: time.Now}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Link is the portal address of the invitation with token.
func (s *Service) Link(token string) string {
	return strings.TrimRight(s.d.BaseURL(), "/") + "/portal/invite/" + token
}

// networkName is the portal's name, or a neutral one.
func (s *Service) networkName(ctx context.Context) string {
	if n := strings.TrimSpace(s.d.NetworkName(ctx)); n != "" {
		return n
	}
	return "アルムナイネットワーク"
}
