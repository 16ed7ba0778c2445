package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/store"
	"github.com/kizuna-hr/kizuna/sdk/bundle"
)

func TestPluginCommands(t *testing.T) {
	data := t.TempDir()
	path, err := bundle.Build(context.Background(), "../../sdk/examples/hello", bundle.Options{OutDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	notBundle := filepath.Join(t.TempDir(), "notes.tar.gz")
	os.WriteFile(notBundle, []byte("hello"), 0o600)
	steps := []struct {
		name   string
		args   []string
		want   int
		output string
	}{
		{"install needs a file", []string{"plugin", "install"}, ExitUsage, "FILE"},
		{"not a bundle", []string{"plugin", "install", notBundle}, ExitRejected, "読み取れません"},
		{"install", []string{"plugin", "install", path}, ExitOK, "jp.kizuna.hello 1.0.0 (disabled)"},
		{"unknown plugin", []string{"plugin", "enable", "jp.example.none"}, ExitFailure, "プラグインが見つかりません"},
		{"grant not requested", []string{"plugin", "enable", "jp.kizuna.hello", "--grant", "mail.promotional"}, ExitRejected, "mail.promotional"},
		{"enable", []string{"plugin", "enable", "jp.kizuna.hello", "--grant", "all"}, ExitOK, "alumni.read, nav"},
		{"list", []string{"plugin", "list"}, ExitOK, "jp.kizuna.hello  1.0.0    enabled"},
		{"disable", []string{"plugin", "disable", "jp.kizuna.hello"}, ExitOK, ""},
		{"reinstall keeps state", []string{"plugin", "install", path}, ExitOK, "(disabled)"},
		{"remove", []string{"plugin", "remove", "jp.kizuna.hello"}, ExitOK, ""},
		{"list empty", []string{"plugin", "list"}, ExitOK, "ID"},
	}
	for _, s := range steps {
		r := kizuna(t, "", append(s.args, "--data", data)...)
		if r.code != s.want || !strings.Contains(r.stdout+r.stderr, s.output) {
			t.Fatalf("%s: exit %d (want %d), output lacks %q\nstdout: %s\nstderr: %s", s.name, r.code, s.want, s.output, r.stdout, r.stderr)
		}
	}
	// While a Kizuna runs on the data folder, changes go through its console.
	lock, err := store.LockInstance(data)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	if r := kizuna(t, "", "plugin", "install", path, "--data", data); r.code != ExitInUse || !strings.Contains(r.stderr, "コンソール") {
		t.Errorf("install while running: exit %d %s", r.code, r.stderr)
	}
	if r := kizuna(t, "", "plugin", "list", "--data", data); r.code != ExitOK {
		t.Errorf("list while running: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "plugins", "jp.kizuna.hello")); !os.IsNotExist(err) {
		t.Errorf("plugin folder left after remove: %v", err)
	}
}
