package store

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestUpgradeTakesABackupFirst opens a database made by "an older Kizuna"
// (the current schema) with "a newer one" (one more migration): the old file is backed up before
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
	// The real migrations plus one more, whatever the current version is.
	current := SchemaVersion()
	next := fstest.MapFS{
		"99999_test.sql": {Data: []byte("-- +goose Up\nALTER TABLE companies ADD COLUMN motto TEXT NOT NULL DEFAULT '';\n-- +goose Down\nSELECT 1;\n")},
	}
	entries, _ := fs.ReadDir(old, ".")
	for _, e := range entries {
		data, _ := fs.ReadFile(old, e.Name())
		next[e.Name()] = &fstest.MapFile{Data: data}
	}
	schema = next
	st, err = Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.R.QueryRow("SELECT count(*) FROM companies WHERE motto = ''").Scan(&n); err != nil || n != 2 {
		t.Fatalf("after upgrade: %d companies, err %v", n, err)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", fmt.Sprintf("before-upgrade-v%d-*.db", current)))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if err := CheckFile(ctx, backups[0]); err != nil {
		t.Errorf("backup unusable: %v", err)
	}
	// The binary with the current schema refuses the upgraded file.
	schema = old
	if _, err := Open(ctx, dir, nil); err == nil {
		t.Error("an older binary opened a newer database")
	}
	os.Remove(backups[0])
}
