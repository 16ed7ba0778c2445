// Package backup owns backing up and restoring a Kizuna data directory as
// HR does it from the console, the desktop window or the CLI: every backup
// and restore is audited, a restore keeps the audit entries written since
// the backup was made (the audit log never goes backwards), and whatever the
// application holds in memory is refreshed afterwards.
package backup

import (
	"context"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/store"
)

// Auditor records backups and restores and carries audit entries across a restore.
type Auditor interface {
	Record(ctx context.Context, action, subject, detail string) error
	CarryForward(ctx context.Context, fromFile string) (int, error)
}

// Service backs up and restores.
type Service struct {
	st         *store.Store
	audit      Auditor
	onRestored func()
}

// New returns a Service; onRestored is called after a successful restore.
func New(st *store.Store, audit Auditor, onRestored func()) *Service {
	return &Service{st: st, audit: audit, onRestored: onRestored}
}

// Backup writes a consistent copy of the data to path.
func (s *Service) Backup(ctx context.Context, path string) error {
	if err := s.st.Backup(ctx, path); err != nil {
		return err
	}
	return s.audit.Record(ctx, "backup.create", "database", path)
}

// Restore replaces the data with the backup at path (checked first; the data
// before is kept in the backups folder).
func (s *Service) Restore(ctx context.Context, path, name string) error {
	safety, err := s.st.Restore(ctx, path)
	if err != nil {
		return err
	}
	if _, err := s.audit.CarryForward(ctx, safety); err != nil {
		return fmt.Errorf("restore: keep the audit log: %w", err)
	}
	if s.onRestored != nil {
		s.onRestored()
	}
	return s.audit.Record(ctx, "backup.restore", "database", fmt.Sprintf("from=%s previous_data=%s", name, safety))
}
