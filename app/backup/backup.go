package backup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

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
	plugins    PluginHost // nil: the backup holds the database only
}

// SetPlugins makes backups hold the plugin folders too.
func (s *Service) SetPlugins(h PluginHost) { s.plugins = h }

// New returns a Service; onRestored is called after a successful restore.
func New(st *store.Store, audit Auditor, onRestored func()) *Service {
	return &Service{st: st, audit: audit, onRestored: onRestored}
}

// Backup writes a consistent copy of the data to path.
func (s *Service) Backup(ctx context.Context, path string) error {
	tmp := path + ".partial"
	if err := s.backup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return s.audit.Record(ctx, "backup.create", "database", path)
}

// backup writes the database and the plugin folders to path.
func (s *Service) backup(ctx context.Context, path string) error {
	if err := s.st.Backup(ctx, path); err != nil {
		return err
	}
	if s.plugins == nil {
		return nil
	}
	if _, err := packFolders(ctx, path, s.plugins.Root()); err != nil {
		return fmt.Errorf("back up the plugin folders: %w", err)
	}
	return nil
}

// Restore replaces the data with the backup at path (checked first; the data
// before is kept in the backups folder).
func (s *Service) Restore(ctx context.Context, path, name string) error {
	if s.plugins == nil {
		return s.restore(ctx, path, name, nil)
	}
	// Unpack and check the plugin files before anything is replaced.
	root := s.plugins.Root()
	incoming := root + ".restoring"
	os.RemoveAll(incoming)
	defer os.RemoveAll(incoming)
	has, _, err := unpackFolders(ctx, path, incoming)
	if err != nil {
		if errors.Is(err, store.ErrBackupInvalid) {
			return err
		}
		return fmt.Errorf("%w: %w", store.ErrBackupInvalid, err)
	}
	if !has { // a backup from before backups held plugins: keep the folders
		return s.restore(ctx, path, name, nil)
	}
	resume := s.plugins.Suspend()
	defer resume(ctx)
	return s.restore(ctx, path, name, func(safety string) error {
		if _, err := packFolders(ctx, safety, root); err != nil {
			return fmt.Errorf("keep the plugin folders before the restore: %w", err)
		}
		old := root + ".before-restore"
		os.RemoveAll(old)
		if err := os.Rename(root, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := os.Rename(incoming, root); err != nil {
			os.Rename(old, root)
			return err
		}
		return os.RemoveAll(old)
	})
}

// restore replaces the database; swapPlugins (when not nil) then replaces
// the plugin folders, given the safety copy of the data before.
func (s *Service) restore(ctx context.Context, path, name string, swapPlugins func(safety string) error) error {
	safety, err := s.st.Restore(ctx, path)
	if err != nil {
		return err
	}
	if _, err := s.st.W.ExecContext(ctx, "DROP TABLE IF EXISTS "+filesTable); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if swapPlugins != nil {
		if err := swapPlugins(safety); err != nil {
			return fmt.Errorf("restore the plugin folders (the data before is in %s): %w", safety, err)
		}
	}
	if _, err := s.audit.CarryForward(ctx, safety); err != nil {
		return fmt.Errorf("restore: keep the audit log: %w", err)
	}
	if s.onRestored != nil {
		s.onRestored()
	}
	return s.audit.Record(ctx, "backup.restore", "database", fmt.Sprintf("from=%s previous_data=%s", name, safety))
}
