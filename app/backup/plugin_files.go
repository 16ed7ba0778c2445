package backup

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the driver the store registers too

	"github.com/kizuna-hr/kizuna/app/store"
)

// PluginHost is the plugin host as backups see it.
type PluginHost interface {
	// Root is the plugins folder (one sub-folder per plugin).
	Root() string
	// Suspend stops every running plugin; resume starts the enabled ones
	// again as the (restored) registry says.
	Suspend() (resume func(context.Context))
}

// filesTable holds the plugin folders inside a backup file. It exists only
// in backups: a restore drops it from the live database.
const filesTable = "kizuna_backup_files"

var sqliteMagic = []byte("SQLite format 3\x00")

// skipFile reports files that a snapshot already covers (SQLite's journal
// and WAL files: VACUUM INTO reads through them).
func skipFile(name string) bool {
	return strings.HasSuffix(name, "-wal") || strings.HasSuffix(name, "-shm") || strings.HasSuffix(name, "-journal")
}

// packFolders copies every regular file under root into the backup file at
// path. It returns the number of files packed. Symbolic links are not
// followed (a plugin folder holds none that the installer accepted).
func packFolders(ctx context.Context, path, root string) (int, error) {
	db, err := sql.Open("sqlite3", store.FileURI(path)+"?_busy_timeout=5000")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+filesTable+
		" (path TEXT PRIMARY KEY, mode INTEGER NOT NULL, content BLOB NOT NULL)"); err != nil {
		return 0, err
	}
	n := 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipDir // no plugins folder yet
			}
			return err
		}
		if !d.Type().IsRegular() || skipFile(d.Name()) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		content, err := readConsistent(ctx, p)
		if err != nil {
			return fmt.Errorf("back up %s: %w", p, err)
		}
		rel, _ := filepath.Rel(root, p)
		_, err = tx.ExecContext(ctx, "INSERT OR REPLACE INTO "+filesTable+"(path, mode, content) VALUES (?,?,?)",
			filepath.ToSlash(rel), int64(info.Mode().Perm()), content)
		n++
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// readConsistent returns a file's content; a SQLite database is read as a
// snapshot taken with VACUUM INTO, consistent even while its owner writes.
func readConsistent(ctx context.Context, path string) ([]byte, error) {
	head := make([]byte, len(sqliteMagic))
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	_, err = f.Read(head)
	f.Close()
	if err != nil || !bytes.Equal(head, sqliteMagic) {
		return os.ReadFile(path)
	}
	tmp, err := os.CreateTemp("", "kizuna-snapshot-*.db")
	if err != nil {
		return nil, err
	}
	snap := tmp.Name()
	tmp.Close() // VACUUM INTO writes into an empty file
	defer os.Remove(snap)
	db, err := sql.Open("sqlite3", store.FileURI(path)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		return nil, err
	}
	return os.ReadFile(snap)
}

// HoldsPlugins reports whether the backup at path holds plugin folders (a
// restore then replaces them, which only the running Kizuna itself may do).
func HoldsPlugins(ctx context.Context, path string) (bool, error) {
	db, err := sql.Open("sqlite3", store.FileURI(path)+"?mode=ro")
	if err != nil {
		return false, err
	}
	defer db.Close()
	return hasFiles(ctx, db)
}

func hasFiles(ctx context.Context, db *sql.DB) (bool, error) {
	var name string
	err := db.QueryRowContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", filesTable).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// unpackFolders writes the plugin files kept in the backup at path into
// dest (which must not exist). has is false for a backup without plugin
// files (one made before backups held them). A path that would leave dest
// makes the backup invalid.
func unpackFolders(ctx context.Context, path, dest string) (has bool, n int, err error) {
	db, err := sql.Open("sqlite3", store.FileURI(path)+"?mode=ro")
	if err != nil {
		return false, 0, err
	}
	defer db.Close()
	if has, err = hasFiles(ctx, db); !has || err != nil {
		return has, 0, err
	}
	rows, err := db.QueryContext(ctx, "SELECT path, mode, content FROM "+filesTable+" ORDER BY path")
	if err != nil {
		return true, 0, err
	}
	defer rows.Close()
	if err := os.MkdirAll(dest, 0o700); err != nil {
		return true, 0, err
	}
	for rows.Next() {
		var rel string
		var mode int64
		var content []byte
		if err := rows.Scan(&rel, &mode, &content); err != nil {
			return true, n, err
		}
		local := filepath.FromSlash(rel)
		if !filepath.IsLocal(local) {
			return true, n, fmt.Errorf("%w: plugin file %q leaves the plugins folder", store.ErrBackupInvalid, rel)
		}
		p := filepath.Join(dest, local)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return true, n, err
		}
		if err := os.WriteFile(p, content, os.FileMode(mode)&0o755); err != nil {
			return true, n, err
		}
		n++
	}
	return true, n, rows.Err()
}
