package cli

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/japanese"

	"github.com/kizuna-hr/kizuna/app/store"
)

type result struct {
	code           int
	stdout, stderr string
}

func kizuna(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, fstest.MapFS{}, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func TestExitCodes(t *testing.T) {
	data := t.TempDir()
	good := filepath.Join(t.TempDir(), "good.csv")
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(good, []byte("氏名,フリガナ,メールアドレス\n山田 太郎,ヤマダ タロウ,taro@example.jp\n"), 0o600)
	os.WriteFile(bad, []byte("氏名,メールアドレス\n佐藤 花子,hanako@example.jp\n,nobody@example.jp\n"), 0o600)
	cases := []struct {
		name   string
		args   []string
		want   int
		output string
	}{
		{"version", []string{"version"}, ExitOK, "kizuna"},
		{"unknown argument", []string{"serve", "now"}, ExitUsage, "unknown argument"},
		{"unknown flag", []string{"export", "alumni", "--colour"}, ExitUsage, ""},
		{"missing file argument", []string{"import", "alumni"}, ExitUsage, "FILE"},
		{"unknown export format", []string{"export", "alumni", "--format", "pdf"}, ExitUsage, "csv-sjis"},
		{"invalid rows write nothing", []string{"import", "alumni", bad}, ExitRejected, "3行目"},
		{"good file", []string{"import", "alumni", good}, ExitOK, "追加 / created 1"},
		{"skip invalid", []string{"import", "alumni", "--skip-invalid", bad}, ExitOK, "追加 / created 1"},
		{"missing file", []string{"import", "alumni", filepath.Join(data, "nope.csv")}, ExitFailure, "cannot open"},
		{"user without email", []string{"user", "create"}, ExitUsage, "--email"},
		{"user with unknown role", []string{"user", "create", "--email", "a@example.jp", "--role", "king"}, ExitRejected, "unknown role"},
		{"restore from garbage", []string{"restore", good}, ExitRejected, "cannot be restored"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := kizuna(t, "", append(c.args, "--data", data)...)
			if r.code != c.want {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, c.want, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, c.output) {
				t.Errorf("output lacks %q:\n%s%s", c.output, r.stdout, r.stderr)
			}
		})
	}
	out := filepath.Join(t.TempDir(), "alumni.csv")
	if r := kizuna(t, "", "export", "alumni", "-o", out, "--data", data); r.code != 0 {
		t.Fatalf("export to a file: %+v", r)
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "\ufeff") || !strings.Contains(string(b), "山田 太郎") {
		t.Errorf("exported file: %.100q", b)
	}
	// The rejected import wrote nothing; the later ones wrote one each.
	r := kizuna(t, "", "export", "alumni", "--format", "json", "--data", data)
	if strings.Count(r.stdout, `"name"`) != 2 {
		t.Errorf("export after imports: %s", r.stdout)
	}
}

func TestTokenIsAloneOnTheLastLine(t *testing.T) {
	data := t.TempDir()
	r := kizuna(t, "", "token", "create", "--name", "nightly export", "--role", "hr_staff", "--data", data)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	token := lines[len(lines)-1]
	if r.code != 0 || !strings.HasPrefix(token, "kzn_") || strings.Contains(token, " ") {
		t.Fatalf("exit %d, last line %q", r.code, token)
	}
}

func TestUserPasswordFromStdin(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "short\n", "user", "create", "--email", "hr@example.jp", "--password-stdin", "--data", data); r.code != ExitRejected {
		t.Fatalf("short password accepted: %+v", r)
	}
	r := kizuna(t, "a long enough passphrase\n", "user", "create", "--email", "hr@example.jp", "--role", "owner", "--password-stdin", "--data", data)
	if r.code != 0 || strings.Contains(r.stdout, "passphrase") {
		t.Fatalf("%+v", r)
	}
	if r := kizuna(t, "", "user", "create", "--email", "hr@example.jp", "--data", data); r.code != ExitRejected || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("duplicate user: %+v", r)
	}
}

func TestSecondServerOnTheSameDataIsRefused(t *testing.T) {
	data := t.TempDir()
	lock, err := store.LockInstance(data)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	r := kizuna(t, "", "serve", "--addr", "127.0.0.1:0", "--data", data)
	if r.code != ExitInUse || !strings.Contains(r.stderr, "already running") {
		t.Fatalf("%+v", r)
	}
	// Command-line tools still work beside the running instance.
	csv, _ := japanese.ShiftJIS.NewEncoder().String("氏名,フリガナ\n髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ\n")
	file := filepath.Join(t.TempDir(), "sjis.csv")
	os.WriteFile(file, []byte(csv), 0o600)
	if r := kizuna(t, "", "import", "alumni", file, "--data", data); r.code != 0 {
		t.Fatalf("import beside a running instance: %+v", r)
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	r := kizuna(t, "", "serve", "--addr", ln.Addr().String(), "--data", t.TempDir())
	if r.code != ExitFailure || !strings.Contains(r.stderr, "ポートが既に使用されています") {
		t.Fatalf("%+v", r)
	}
}

func TestNoDisplayPointsToServe(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	r := kizuna(t, "", "--data", t.TempDir())
	if r.code == 0 || !strings.Contains(r.stderr, "kizuna serve") {
		t.Fatalf("%+v", r)
	}
}

func TestDemoSeedsOnce(t *testing.T) {
	data := t.TempDir()
	if r := kizuna(t, "", "demo", "--count", "50", "--data", data); r.code != 0 || !strings.Contains(r.stdout, "50") {
		t.Fatalf("%+v", r)
	}
	if r := kizuna(t, "", "demo", "--data", data); r.code != 0 || !strings.Contains(r.stdout, "nothing seeded") {
		t.Fatalf("second demo: %+v", r)
	}
}

// A backup holds the plugins folder; the CLI restores it only while no
// Kizuna runs (the running one would have its plugins' files replaced under
// them): then it points to the console.
func TestRestoreOfPluginFoldersNeedsTheDataToItself(t *testing.T) {
	data := t.TempDir()
	notes := filepath.Join(data, "plugins", "jp.example.surveys", "data", "notes.txt")
	os.MkdirAll(filepath.Dir(notes), 0o700)
	os.WriteFile(notes, []byte("v1"), 0o600)
	file := filepath.Join(t.TempDir(), "backup.db")
	if r := kizuna(t, "", "backup", file, "--data", data); r.code != 0 {
		t.Fatalf("backup: %+v", r)
	}
	os.WriteFile(notes, []byte("v2"), 0o600)

	lock, err := store.LockInstance(data)
	if err != nil {
		t.Fatal(err)
	}
	r := kizuna(t, "", "restore", file, "--data", data)
	lock.Release()
	if r.code != ExitInUse || !strings.Contains(r.stderr, "コンソール") {
		t.Fatalf("restore beside a running Kizuna: %+v", r)
	}
	if b, _ := os.ReadFile(notes); string(b) != "v2" {
		t.Fatalf("refused restore changed the plugin folder: %q", b)
	}
	if r := kizuna(t, "", "restore", file, "--data", data); r.code != 0 {
		t.Fatalf("restore: %+v", r)
	}
	if b, _ := os.ReadFile(notes); string(b) != "v1" {
		t.Errorf("plugin file after restore = %q, want v1", b)
	}
}
