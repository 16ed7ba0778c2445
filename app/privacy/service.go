package privacy

import (
	"context"
	"log/slog"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Auditor records access to personal data and HR's decisions.
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
}

// Ledger is the mailer's consent ledger (mail.Engine).
type Ledger interface {
	RecordConsent(ctx context.Context, c mail.Consent) (int64, error)
	RevokeConsent(ctx context.Context, addr, how string) error
	HasConsent(ctx context.Context, addr string) (bool, error)
}

// Mailer sends a transactional mail (mail.Engine does).
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
}

// Roster reads and erases alumni: Get from alumni.Repo, Delete from
// alumni.Service (the one deletion routine, which checks alumni.delete).
type Roster interface {
	Get(ctx context.Context, id int64) (*alumni.Alumnus, error)
	Delete(ctx context.Context, id int64) error
}

// Deps are what the service needs.
type Deps struct {
	Store  *store.Store
	Audit  Auditor
	Ledger Ledger
	Mail   Mailer
	Roster Roster
	Log    *slog.Logger
	Now    func() time.Time // nil: time.Now
}

// Service is the privacy capability.
type Service struct {
	Deps
}

// New returns the service.
func New(d Deps) *Service {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{Deps: d}
}

func (s *Service) now() string { return s.Now().UTC().Format(time.RFC3339Nano) }

func parseTime(v string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, v)
	return t
}

// AlumniRoster is the Roster over the alumni registry: records from the
// repository, deletion through the service (audited, alumnus.deleted event).
type AlumniRoster struct {
	Repo    *alumni.Repo
	Service *alumni.Service
}

// Get returns the alumnus.
func (r AlumniRoster) Get(ctx context.Context, id int64) (*alumni.Alumnus, error) {
	return r.Repo.Get(ctx, id)
}

// Delete erases the alumnus and every row that refers to them.
func (r AlumniRoster) Delete(ctx context.Context, id int64) error { return r.Service.Delete(ctx, id) }
