package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/pressly/goose/v3"

	"github.com/kizuna-hr/kizuna/app/fault"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// schema is the set of migrations this binary applies; tests swap it.
var schema = func() fs.FS {
	sub, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		panic(err)
	}
	return sub
}()

// ApplicationID marks a SQLite file as Kizuna's (PRAGMA application_id, "KZNA").
const ApplicationID = 0x4B5A4E41

// FileName is the database file's name inside the data directory.
const FileName = "kizuna.db"

// ErrForeignDatabase means the file is a SQLite database of another program.
var ErrForeignDatabase = fault.New(fault.Invalid, "store.foreign_database", "このファイルは Kizuna のデータベースではありません（上書きしません）", "not a Kizuna database (it is left untouched)")

// ErrNotDatabase means the file is not a SQLite database at all (or is corrupt).
var ErrNotDatabase = fault.New(fault.Invalid, "store.not_database", "データベースファイルが壊れているか、データベースではありません（上書きしません）", "the database file is corrupt or not a database (it is left untouched)")

// ErrNewerDatabase means the file was written by a newer Kizuna.
var ErrNewerDatabase = fault.New(fault.Invalid, "store.newer_database", "このデータベースは新しいバージョンの Kizuna で作成されています。Kizuna を更新してください", "the database was written by a newer Kizuna; update Kizuna")

// ErrNotWritable means the data directory cannot be written.
var ErrNotWritable = fault.New(fault.Unavailable, "store.not_writable", "データフォルダに書き込めません", "the data directory is not writable")

// Store is an open Kizuna database. W is the single writer connection (every
// write and write transaction goes through it); R is a pool for reads.
type Store struct {
	W    *sql.DB
	R    *sql.DB
	Dir  string
	Path string
	log  *slog.Logger
}

// Open opens (creating if needed) the database in dir, checks that it is
// Kizuna's and not newer than this binary, backs it up and migrates it when a
// migration is pending.
func Open(ctx context.Context, dir string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.Default()
	}
	if err := ensureWritableDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	existed := fileExists(path)
	if existed {
		if err := CheckFile(ctx, path); err != nil {
			return nil, err
		}
	}
	w, err := sql.Open("sqlite3", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	r.SetMaxOpenConns(8)
	s := &Store{W: w, R: r, Dir: dir, Path: path, log: log}
	if err := s.initialise(ctx, existed); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func dsn(path string, writer bool) string {
	q := "?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_synchronous=NORMAL"
	if writer {
		// A 16 MB page cache: a large import (one transaction) spills to
		// the WAL less often than with SQLite's 2 MB default, while a
		// 100,000-recipient campaign's outbox pages do not keep ~100 MB
		// resident (64 MB bought about a tenth of import speed and put
		// the mail benchmark's peak at 160 MB). database/sql never uses a
		// connection from two goroutines at once, so SQLite's own per-call
		// mutex (taken for every bound value) is left out.
		q += "&_txlock=immediate&_cache_size=-16384&_mutex=no"
	}
	return FileURI(path) + q
}

// FileURI is path as an SQLite file: URI (query parameters may follow). '%', '?' and '#' in the path are
// percent-encoded: unencoded, a data folder named like "人事?" would end the
// path early and open another file.
func FileURI(path string) string {
	return "file:" + strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
}

func (s *Store) initialise(ctx context.Context, existed bool) error {
	if !existed {
		if _, err := s.W.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
			return mapOpenError(err)
		}
	}
	p, err := s.migrations()
	if err != nil {
		return err
	}
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return mapOpenError(err)
	}
	if current > target {
		return fmt.Errorf("%w (database schema %d, this Kizuna knows up to %d)", ErrNewerDatabase, current, target)
	}
	if current < target {
		if current > 0 {
			backup := filepath.Join(s.Dir, "backups", fmt.Sprintf("before-upgrade-v%d-%s.db", current, time.Now().Format("20060102-150405")))
			if err := s.Backup(ctx, backup); err != nil {
				return fmt.Errorf("backup before upgrade: %w", err)
			}
			s.log.Info("database backed up before upgrade", "file", backup)
		}
		if _, err := p.Up(ctx); err != nil {
			return fmt.Errorf("migrate database: %w", err)
		}
		s.log.Info("database schema migrated", "from", current, "to", target)
	}
	return nil
}

func (s *Store) migrations() (*goose.Provider, error) {
	p, err := goose.NewProvider(goose.DialectSQLite3, s.W, schema)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// SchemaVersion returns the schema version this binary migrates to.
func SchemaVersion() int64 {
	entries, _ := fs.ReadDir(schema, ".")
	var max int64
	for _, e := range entries {
		var v int64
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil && v > max {
			max = v
		}
	}
	return max
}

// Close closes both connection pools.
func (s *Store) Close() error {
	return errors.Join(s.R.Close(), s.W.Close())
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.R.PingContext(ctx)
}

// CheckFile opens path read-only and checks that it is a Kizuna database no
// newer than this binary. It never writes to the file.
func CheckFile(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", FileURI(path)+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var appID int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return mapOpenError(err)
	}
	if appID != ApplicationID {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
			return mapOpenError(err)
		}
		if n > 0 || appID != 0 {
			return ErrForeignDatabase
		}
		return nil // an empty database file: safe to initialise
	}
	var version sql.NullInt64
	err = db.QueryRowContext(ctx, "SELECT max(version_id) FROM goose_db_version WHERE is_applied").Scan(&version)
	if err != nil {
		return mapOpenError(err)
	}
	if version.Int64 > SchemaVersion() {
		return fmt.Errorf("%w (database schema %d, this Kizuna knows up to %d)", ErrNewerDatabase, version.Int64, SchemaVersion())
	}
	return nil
}

func mapOpenError(err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) && (se.Code == sqlite3.ErrNotADB || se.Code == sqlite3.ErrCorrupt) {
		return fmt.Errorf("%w: %v", ErrNotDatabase, err)
	}
	if errors.As(err, &se) && (se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrCantOpen || se.Code == sqlite3.ErrPerm) {
		return fmt.Errorf("%w: %v", ErrNotWritable, err)
	}
	return err
}

func ensureWritableDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotWritable, dir, err)
	}
	probe, err := os.CreateTemp(dir, ".write-test-*")
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrNotWritable, dir, err)
	}
	name := probe.Name()
	probe.Close()
	return os.Remove(name)
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0
}

// ReleaseIdle closes idle read connections, returning their page caches, so
// that an idle Kizuna stays small (call it after a large scan).
func (s *Store) ReleaseIdle() {
	s.R.SetMaxIdleConns(0)
	s.R.SetMaxIdleConns(2)
}
