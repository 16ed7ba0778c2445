package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrBackupInvalid means a file offered for restore failed its checks; the
// live database was not touched.
var ErrBackupInvalid = fault.New(fault.Invalid, "store.backup_invalid", "このファイルからは復元できません。現在のデータは変更していません", "the file cannot be restored; the current data is unchanged")

// Backup writes a consistent copy of the live database to dest using SQLite's
// online backup, while the application keeps running. The copy is written to
// a temporary file beside dest and renamed into place when complete.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
		return fmt.Errorf("backup folder: %w", err)
	}
	tmp := dest + ".partial"
	os.Remove(tmp)
	if err := copyDatabase(ctx, s.R, tmp, false); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dest)
}

// Restore replaces the live database's content with the backup at src. The
// file is checked first (a Kizuna database, not newer than this binary,
// passing SQLite's integrity check); nothing is replaced unless every check
// passes. A safety copy of the current data is written to the backups folder
// before the content is replaced. It returns that safety copy's path.
func (s *Store) Restore(ctx context.Context, src string) (string, error) {
	if _, err := os.Stat(src); err != nil {
		return "", fmt.Errorf("%w: %v", ErrBackupInvalid, err)
	}
	if err := CheckFile(ctx, src); err != nil {
		return "", fmt.Errorf("%w: %w", ErrBackupInvalid, err)
	}
	if err := integrityCheck(ctx, src); err != nil {
		return "", fmt.Errorf("%w: %w", ErrBackupInvalid, err)
	}
	safety := filepath.Join(s.Dir, "backups", "before-restore-"+time.Now().Format("20060102-150405.000")+".db")
	if err := s.Backup(ctx, safety); err != nil {
		return "", fmt.Errorf("safety backup before restore: %w", err)
	}
	if err := copyDatabase(ctx, s.W, src, true); err != nil {
		return safety, fmt.Errorf("restore: %w", err)
	}
	if err := s.initialise(ctx, true); err != nil {
		return safety, err
	}
	return safety, nil
}

func integrityCheck(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", FileURI(path)+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	var result string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&result); err != nil {
		return mapOpenError(err)
	}
	if result != "ok" {
		return fmt.Errorf("%w: integrity check: %s", ErrNotDatabase, result)
	}
	return nil
}

// copyDatabase copies between the live pool and the file at other. With
// intoLive false the live database is the source; with true it is the
// destination.
func copyDatabase(ctx context.Context, live *sql.DB, other string, intoLive bool) error {
	mode := "rwc"
	if intoLive {
		mode = "ro"
	}
	otherDB, err := sql.Open("sqlite3", FileURI(other)+"?mode="+mode)
	if err != nil {
		return err
	}
	defer otherDB.Close()
	liveConn, err := live.Conn(ctx)
	if err != nil {
		return err
	}
	defer liveConn.Close()
	otherConn, err := otherDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer otherConn.Close()
	return liveConn.Raw(func(l any) error {
		return otherConn.Raw(func(o any) error {
			src, dst := l.(*sqlite3.SQLiteConn), o.(*sqlite3.SQLiteConn)
			if intoLive {
				src, dst = dst, src
			}
			b, err := dst.Backup("main", src, "main")
			if err != nil {
				return err
			}
			for {
				done, err := b.Step(1024)
				if err != nil {
					b.Finish()
					return err
				}
				if done {
					break
				}
			}
			return b.Finish()
		})
	})
}
