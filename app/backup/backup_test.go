package backup

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/store"
)

// folders is a plugins folder as the host keeps it, with a count of the
// times the plugins were stopped and started again around a restore.
type folders struct {
	root              string
	suspends, resumes int
}

func (f *folders) Root() string { return f.root }
func (f *folders) Suspend() func(context.Context) {
	f.suspends++
	return func(context.Context) { f.resumes++ }
}

func write(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// pluginDB opens a plugin's own SQLite database in WAL mode, as a plugin would.
func pluginDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o700)
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec("CREATE TABLE IF NOT EXISTS answers(v TEXT)"); err != nil {
		t.Fatal(err)
	}
	return db
}

func count(t *testing.T, db *sql.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM answers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func newService(t *testing.T) (*Service, *store.Store, *folders) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &folders{root: filepath.Join(dir, "plugins")}
	s := New(st, audit.New(st), nil)
	s.SetPlugins(f)
	return s, st, f
}

// A backup holds the plugin folders (program and data, a live SQLite
// database included); a restore brings them back as they were and drops
// what was added since, after stopping the plugins.
func TestBackupHoldsPluginFolders(t *testing.T) {
	ctx := context.Background()
	s, st, f := newService(t)
	program := filepath.Join(f.root, "jp.example.surveys", "surveys")
	write(t, program, "#!/bin/sh\necho v1\n", 0o755)
	write(t, filepath.Join(f.root, "jp.example.surveys", "data", "notes.txt"), "年次サーベイ", 0o600)
	dbPath := filepath.Join(f.root, "jp.example.surveys", "data", "surveys.db")
	db := pluginDB(t, dbPath)
	for range 3 {
		db.Exec("INSERT INTO answers VALUES ('とても良い')") // in the WAL, not yet checkpointed
	}
	backupPath := filepath.Join(t.TempDir(), "kizuna-backup.db")
	if err := s.Backup(ctx, backupPath); err != nil {
		t.Fatal(err)
	}

	// Changes after the backup.
	db.Exec("INSERT INTO answers VALUES ('普通')")
	db.Close()
	write(t, filepath.Join(f.root, "jp.example.surveys", "data", "notes.txt"), "changed", 0o600)
	write(t, filepath.Join(f.root, "jp.example.billing", "billing"), "another plugin", 0o755)
	st.W.Exec("INSERT INTO companies(code, name) VALUES ('NEW', '新会社')")

	if err := s.Restore(ctx, backupPath, "kizuna-backup.db"); err != nil {
		t.Fatal(err)
	}
	if f.suspends != 1 || f.resumes != 1 {
		t.Errorf("plugins suspended %d, resumed %d times; want 1 and 1", f.suspends, f.resumes)
	}
	if got := count(t, pluginDB(t, dbPath)); got != 3 {
		t.Errorf("plugin database has %d answers after restore, want the 3 of the backup", got)
	}
	if b, _ := os.ReadFile(filepath.Join(f.root, "jp.example.surveys", "data", "notes.txt")); string(b) != "年次サーベイ" {
		t.Errorf("notes.txt = %q", b)
	}
	if info, err := os.Stat(program); err != nil || info.Mode().Perm()&0o100 == 0 {
		t.Errorf("program not restored executable: %v %v", info, err)
	}
	if _, err := os.Stat(filepath.Join(f.root, "jp.example.billing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a plugin folder added after the backup is still there: %v", err)
	}
	var n int
	st.R.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = ?", filesTable).Scan(&n)
	if n != 0 {
		t.Error("the backup's file table was left in the live database")
	}
	st.R.QueryRow("SELECT count(*) FROM companies WHERE code = 'NEW'").Scan(&n)
	if n != 0 {
		t.Error("database not restored")
	}

	// The safety copy taken before the restore holds what was replaced.
	safeties, _ := filepath.Glob(filepath.Join(st.Dir, "backups", "before-restore-*.db"))
	if len(safeties) != 1 {
		t.Fatalf("safety copies: %v", safeties)
	}
	if err := s.Restore(ctx, safeties[0], "safety"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(f.root, "jp.example.billing", "billing")); string(b) != "another plugin" {
		t.Errorf("restoring the safety copy did not bring back the later plugin: %q", b)
	}
}

// Bad backups change nothing: a plugin file whose path leaves the plugins
// folder, and a file that is no backup at all.
func TestRestoreRefusesBadPluginFiles(t *testing.T) {
	ctx := context.Background()
	s, _, f := newService(t)
	write(t, filepath.Join(f.root, "jp.example.surveys", "data", "notes.txt"), "keep me", 0o600)
	good := filepath.Join(t.TempDir(), "good.db")
	if err := s.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	escaping := filepath.Join(t.TempDir(), "escaping.db")
	data, _ := os.ReadFile(good)
	os.WriteFile(escaping, data, 0o600)
	db, _ := sql.Open("sqlite3", escaping)
	if _, err := db.Exec("INSERT INTO " + filesTable + "(path, mode, content) VALUES ('../../outside', 420, x'00')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	notABackup := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notABackup, []byte("これはバックアップではありません"), 0o600)

	for _, path := range []string{escaping, notABackup} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			err := s.Restore(ctx, path, filepath.Base(path))
			if !errors.Is(err, store.ErrBackupInvalid) {
				t.Fatalf("err = %v, want ErrBackupInvalid", err)
			}
			if b, _ := os.ReadFile(filepath.Join(f.root, "jp.example.surveys", "data", "notes.txt")); string(b) != "keep me" {
				t.Errorf("plugin folder touched: %q", b)
			}
			if f.suspends != 0 {
				t.Error("plugins were stopped for a refused backup")
			}
		})
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(filepath.Dir(f.root)), "outside")); err == nil {
		t.Error("a file was written outside the plugins folder")
	}
}

// A backup made before backups held plugin folders restores the database
// and leaves the plugin folders as they are.
func TestRestoreOfDatabaseOnlyBackupKeepsFolders(t *testing.T) {
	ctx := context.Background()
	s, st, f := newService(t)
	old := filepath.Join(t.TempDir(), "old.db")
	if err := st.Backup(ctx, old); err != nil { // the database alone, as older versions wrote it
		t.Fatal(err)
	}
	write(t, filepath.Join(f.root, "jp.example.surveys", "surveys"), "program", 0o755)
	if err := s.Restore(ctx, old, "old.db"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(f.root, "jp.example.surveys", "surveys")); err != nil {
		t.Errorf("plugin folder lost: %v", err)
	}
	if f.suspends != 0 {
		t.Error("plugins stopped for a database-only restore")
	}
}
