package store_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/kizuna-hr/kizuna/app/store"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefusesFilesItMustNotTouch(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name    string
		prepare func(t *testing.T, dir string)
		want    error
	}{
		{"garbage file", func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, store.FileName), []byte("this is a spreadsheet, not a database, and must survive"))
		}, store.ErrNotDatabase},
		{"another program's database", func(t *testing.T, dir string) {
			db, _ := sql.Open("sqlite3", filepath.Join(dir, store.FileName))
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE invoices(id INTEGER)"); err != nil {
				t.Fatal(err)
			}
		}, store.ErrForeignDatabase},
		{"a newer Kizuna's database", func(t *testing.T, dir string) {
			st, err := store.Open(ctx, dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.W.Exec("INSERT INTO goose_db_version(version_id, is_applied) VALUES (999, 1)"); err != nil {
				t.Fatal(err)
			}
			st.Close()
		}, store.ErrNewerDatabase},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.prepare(t, dir)
			before, _ := os.ReadFile(filepath.Join(dir, store.FileName))
			_, err := store.Open(ctx, dir, nil)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			after, _ := os.ReadFile(filepath.Join(dir, store.FileName))
			if string(before) != string(after) {
				t.Error("the refused file was changed")
			}
		})
	}
}

func TestOpenReportsUnwritableDirectory(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere; use a path under a regular file instead.
		dir := filepath.Join(t.TempDir(), "file")
		writeFile(t, dir, []byte("x"))
		_, err := store.Open(context.Background(), filepath.Join(dir, "data"), nil)
		if !errors.Is(err, store.ErrNotWritable) {
			t.Fatalf("err = %v, want ErrNotWritable", err)
		}
		return
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	_, err := store.Open(context.Background(), dir, nil)
	if !errors.Is(err, store.ErrNotWritable) {
		t.Fatalf("err = %v, want ErrNotWritable", err)
	}
}

func TestSecondInstanceIsRefused(t *testing.T) {
	dir := t.TempDir()
	lock, err := store.LockInstance(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.LockInstance(dir); !errors.Is(err, store.ErrAlreadyRunning) {
		t.Fatalf("second lock: err = %v", err)
	}
	lock.Release()
	again, err := store.LockInstance(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.W.Exec("INSERT INTO companies(code, name) VALUES ('b', 'B社')")
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	st.W.Exec("INSERT INTO companies(code, name) VALUES ('c', 'C社')")
	count := func() int {
		var n int
		st.R.QueryRow("SELECT count(*) FROM companies").Scan(&n)
		return n
	}
	if count() != 3 {
		t.Fatalf("companies before restore = %d", count())
	}
	safety, err := st.Restore(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if count() != 2 {
		t.Errorf("companies after restore = %d, want 2", count())
	}
	if err := store.CheckFile(ctx, safety); err != nil {
		t.Errorf("safety copy unusable: %v", err)
	}
	// A restore from a bad file changes nothing.
	bad := filepath.Join(t.TempDir(), "bad.db")
	writeFile(t, bad, []byte("SQLite format 3\x00 but then garbage"))
	if _, err := st.Restore(ctx, bad); !errors.Is(err, store.ErrBackupInvalid) {
		t.Fatalf("restore of a bad file: err = %v", err)
	}
	if _, err := st.Restore(ctx, filepath.Join(t.TempDir(), "missing.db")); !errors.Is(err, store.ErrBackupInvalid) {
		t.Fatalf("restore of a missing file: err = %v", err)
	}
	if count() != 2 {
		t.Errorf("a refused restore changed the data: %d companies", count())
	}
}

// A data folder whose name has characters that mean something in an SQLite
// URI ('?', '#', '%') holds its database inside it, and two such folders
// never share one.
func TestDataFolderNamesWithURICharacters(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	for i, name := range []string{"人事?部", "人事?課", "a#b", "50%"} {
		dir := filepath.Join(root, name)
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(ctx, dir, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := st.W.ExecContext(ctx, "INSERT INTO companies(name, code) VALUES (?, ?)", name, name); err != nil {
			t.Fatalf("%s (#%d): %v", name, i, err)
		}
		st.Close()
		if _, err := os.Stat(filepath.Join(dir, store.FileName)); err != nil {
			t.Errorf("%s: the database is not in its folder: %v", name, err)
		}
		if err := store.CheckFile(ctx, filepath.Join(dir, store.FileName)); err != nil {
			t.Errorf("%s: CheckFile: %v", name, err)
		}
	}
}
