package store

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestUpgradeTakesABackupFirst opens a database made by "an older Kizuna"
// (schema 1) with "a newer one" (schema 2): the old file is backed up before
// the migration runs, and the data survives.
func TestUpgradeTakesABackupFirst(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	st.W.Exec("INSERT INTO companies(code, name) VALUES ('b', 'B社')")
	st.Close()

	old := schema
	defer func() { schema = old }()
	first, _ := fs.ReadFile(old, "00001_foundation.sql")
	schema = fstest.MapFS{
		"00001_foundation.sql": {Data: first},
		"00002_test.sql":       {Data: []byte("-- +goose Up\nALTER TABLE companies ADD COLUMN motto TEXT NOT NULL DEFAULT '';\n-- +goose Down\nSELECT 1;\n")},
	}
	st, err = Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.R.QueryRow("SELECT count(*) FROM companies WHERE motto = ''").Scan(&n); err != nil || n != 2 {
		t.Fatalf("after upgrade: %d companies, err %v", n, err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "before-upgrade-v1-*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if err := CheckFile(ctx, backups[0]); err != nil {
		t.Errorf("backup unusable: %v", err)
	}
	// The binary with schema 1 refuses the upgraded file.
	schema = old
	if _, err := Open(ctx, dir, nil); err == nil {
		t.Error("an older binary opened a newer database")
	}
	os.Remove(backups[0])
}
