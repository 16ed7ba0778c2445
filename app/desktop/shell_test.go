package desktop

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

type fakeDialogs struct {
	save, open   string
	confirm      bool
	err          error
	confirmAsked string
	saveDefault  string
}

func (f *fakeDialogs) SaveFile(title, def string, _ []fileFilter) (string, error) {
	f.saveDefault = def
	return f.save, f.err
}
func (f *fakeDialogs) OpenFile(string, []fileFilter) (string, error) { return f.open, f.err }
func (f *fakeDialogs) Confirm(title, msg, yes, no string) (bool, error) {
	f.confirmAsked = msg
	return f.confirm, nil
}

func testShell(t *testing.T, ui *fakeDialogs, backup, restore func(context.Context, string) error) *Shell {
	t.Helper()
	s := newShell(Options{Backup: backup, Restore: restore}.withDefaults())
	s.now = func() time.Time { return time.Date(2026, 11, 22, 9, 5, 7, 0, time.Local) }
	s.attach(context.Background(), ui)
	return s
}

func TestBackupFileName(t *testing.T) {
	got := BackupFileName(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if got != "kizuna-backup-20260102-030405.db" {
		t.Fatalf("got %q", got)
	}
}

func TestBackupWritesToChosenPath(t *testing.T) {
	ui := &fakeDialogs{save: "/tmp/x/kizuna-backup.db"}
	var gotPath string
	s := testShell(t, ui, func(_ context.Context, p string) error { gotPath = p; return nil }, nil)
	r := s.Backup()
	if !r.OK || r.Path != "/tmp/x/kizuna-backup.db" || gotPath != r.Path || !strings.Contains(r.Message, "保存しました") {
		t.Fatalf("result %+v, backup called with %q", r, gotPath)
	}
	if ui.saveDefault != "kizuna-backup-20261122-090507.db" {
		t.Fatalf("default name %q", ui.saveDefault)
	}
}

func TestBackupAddsExtension(t *testing.T) {
	ui := &fakeDialogs{save: "/tmp/x/mybackup"}
	s := testShell(t, ui, func(context.Context, string) error { return nil }, nil)
	if r := s.Backup(); r.Path != "/tmp/x/mybackup.db" {
		t.Fatalf("path %q", r.Path)
	}
}

func TestBackupCancelled(t *testing.T) {
	called := false
	s := testShell(t, &fakeDialogs{}, func(context.Context, string) error { called = true; return nil }, nil)
	if r := s.Backup(); r != (Result{}) || called {
		t.Fatalf("result %+v called %v", r, called)
	}
}

func TestBackupFailureUsesJapaneseMessage(t *testing.T) {
	ui := &fakeDialogs{save: "/tmp/b.db"}
	ferr := fault.New(fault.Internal, "store.backup", "書き込めません", "cannot write")
	s := testShell(t, ui, func(context.Context, string) error { return ferr }, nil)
	r := s.Backup()
	if r.OK || r.Message != "バックアップに失敗しました: 書き込めません" {
		t.Fatalf("result %+v", r)
	}
}

func TestDialogError(t *testing.T) {
	s := testShell(t, &fakeDialogs{err: errors.New("boom")}, func(context.Context, string) error { return nil }, nil)
	if r := s.Backup(); r.OK || !strings.Contains(r.Message, "boom") {
		t.Fatalf("result %+v", r)
	}
}

func TestRestoreConfirmed(t *testing.T) {
	ui := &fakeDialogs{open: "/tmp/100%.db", confirm: true}
	var gotPath string
	s := testShell(t, ui, nil, func(_ context.Context, p string) error { gotPath = p; return nil })
	r := s.Restore()
	if !r.OK || gotPath != "/tmp/100%.db" || !strings.Contains(r.Message, "復元しました") {
		t.Fatalf("result %+v", r)
	}
	if !strings.Contains(ui.confirmAsked, "/tmp/100%.db") || !strings.Contains(ui.confirmAsked, "復元しますか") {
		t.Fatalf("confirmation %q", ui.confirmAsked)
	}
}

func TestRestoreDeclined(t *testing.T) {
	called := false
	s := testShell(t, &fakeDialogs{open: "/tmp/a.db"}, nil, func(context.Context, string) error { called = true; return nil })
	r := s.Restore()
	if r.OK || r.Message != "" || called {
		t.Fatalf("result %+v called %v", r, called)
	}
}

func TestRestoreCancelledAtFileDialog(t *testing.T) {
	s := testShell(t, &fakeDialogs{confirm: true}, nil, func(context.Context, string) error { t.Fatal("called"); return nil })
	if r := s.Restore(); r != (Result{}) {
		t.Fatalf("result %+v", r)
	}
}

func TestRestoreFailure(t *testing.T) {
	s := testShell(t, &fakeDialogs{open: "/tmp/a.db", confirm: true}, nil, func(context.Context, string) error { return errors.New("not a kizuna database") })
	if r := s.Restore(); r.OK || !strings.HasPrefix(r.Message, "復元に失敗しました") {
		t.Fatalf("result %+v", r)
	}
}

func TestNotAttached(t *testing.T) {
	s := newShell(Options{Backup: func(context.Context, string) error { return nil }}.withDefaults())
	if r := s.Backup(); r.OK || r.Message == "" {
		t.Fatalf("result %+v", r)
	}
}

func TestBusy(t *testing.T) {
	s := testShell(t, &fakeDialogs{save: "/tmp/a.db"}, func(context.Context, string) error { return nil }, nil)
	s.busy.Lock()
	defer s.busy.Unlock()
	if r := s.Backup(); r.OK || !strings.Contains(r.Message, "実行中") {
		t.Fatalf("result %+v", r)
	}
}

func TestDisplayAvailable(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	cases := []struct {
		goos string
		env  map[string]string
		want bool
	}{
		{"linux", nil, false},
		{"linux", map[string]string{"DISPLAY": ":0"}, true},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, true},
		{"freebsd", nil, false},
		{"windows", nil, true},
		{"darwin", nil, true},
	}
	for _, c := range cases {
		if got := displayAvailable(c.goos, env(c.env)); got != c.want {
			t.Errorf("%s %v: got %v", c.goos, c.env, got)
		}
	}
}

func TestRunWithoutHandler(t *testing.T) {
	if err := Run(Options{}); err == nil || !strings.Contains(err.Error(), "Handler") {
		t.Fatalf("err %v", err)
	}
}

func TestRunWithoutDesktopTag(t *testing.T) {
	if Available {
		t.Skip("desktop build")
	}
	err := Run(Options{Handler: http.NotFoundHandler()})
	if !errors.Is(err, ErrNoDesktop) || !strings.Contains(err.Error(), "kizuna serve") {
		t.Fatalf("err %v", err)
	}
}

func TestFollowRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/console/?a=1&b=2", http.StatusFound)
	})
	mux.HandleFunc("/console/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>console</p>"))
	})
	mux.HandleFunc("/api/x", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusSeeOther)
	})
	h := followRedirects(mux)

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	body := rec.Body.String()
	if rec.Code != 200 || rec.Header().Get("Location") != "" || !strings.Contains(body, `url=/console/?a=1&amp;b=2`) || strings.Contains(body, "Found") {
		t.Fatalf("code %d headers %v body %q", rec.Code, rec.Header(), body)
	}
	if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("content type %q", rec.Header().Get("Content-Type"))
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/console/", nil))
	if rec.Code != 200 || rec.Body.String() != "<p>console</p>" {
		t.Fatalf("passthrough: %d %q", rec.Code, rec.Body.String())
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/x", nil))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("api redirect changed: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("POST", "/", nil))
	if rec.Code != http.StatusFound {
		t.Fatalf("POST redirect changed: %d", rec.Code)
	}
}

func TestInjectRuntime(t *testing.T) {
	page := `<!doctype html><html><head><meta charset="utf-8"><title>K</title></head><body><header>x</header></body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/plain":
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte("<head>"))
		case "/missing":
			http.NotFound(w, r)
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Length", strconv.Itoa(len(page)))
			w.Write([]byte(page))
		}
	})
	h := windowHandler(mux)
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec
	}

	rec := get("/console/data")
	want := `<head><script src="/wails/ipc.js"></script><script src="/wails/runtime.js"></script><meta charset="utf-8">`
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) || strings.Count(rec.Body.String(), "runtime.js") != 1 {
		t.Fatalf("deep link: %d %q", rec.Code, rec.Body.String())
	}
	if cl := rec.Header().Get("Content-Length"); cl != "" && cl != strconv.Itoa(rec.Body.Len()) {
		t.Fatalf("stale Content-Length %s", cl)
	}
	// Wails injects into these itself.
	for _, p := range []string{"/console/", "/index.html", "/api/x", "/assets/app.js"} {
		if strings.Contains(get(p).Body.String(), "/wails/") {
			t.Fatalf("%s: injected twice", p)
		}
	}
	if rec := get("/plain"); rec.Body.String() != "<head>" {
		t.Fatalf("plain text changed: %q", rec.Body.String())
	}
	if rec := get("/missing"); rec.Code != 404 || strings.Contains(rec.Body.String(), "/wails/") {
		t.Fatalf("404 changed: %d %q", rec.Code, rec.Body.String())
	}
}

func TestHeadContentStart(t *testing.T) {
	for page, want := range map[string]int{
		"<html><head><title>":             12,
		"<HTML><HEAD lang=ja><title>":     20,
		"<body><header>x</header></body>": -1,
		"<header></header><head>x":        23,
	} {
		if got := headContentStart([]byte(page)); got != want {
			t.Errorf("%q: got %d want %d", page, got, want)
		}
	}
}

func TestExport(t *testing.T) {
	ui := &fakeDialogs{save: "/tmp/x/alumni"}
	var gotFormat, gotPath string
	s := newShell(Options{Export: func(_ context.Context, f, p string) error { gotFormat, gotPath = f, p; return nil }}.withDefaults())
	s.now = func() time.Time { return time.Date(2026, 11, 22, 9, 5, 7, 0, time.Local) }
	s.attach(context.Background(), ui)

	r := s.Export("json")
	if !r.OK || r.Path != "/tmp/x/alumni.json" || gotFormat != "json" || gotPath != r.Path || !strings.Contains(r.Message, "書き出しました") {
		t.Fatalf("result %+v format %q path %q", r, gotFormat, gotPath)
	}
	if ui.saveDefault != "kizuna-alumni-20261122-090507.json" {
		t.Fatalf("default name %q", ui.saveDefault)
	}
	if r := s.Export("csv-sjis"); r.Path != "/tmp/x/alumni.csv" || gotFormat != "csv-sjis" || ui.saveDefault != "kizuna-alumni-20261122-090507.csv" {
		t.Fatalf("csv-sjis: %+v %q %q", r, gotFormat, ui.saveDefault)
	}
	if r := s.Export("xml"); r.OK || !strings.Contains(r.Message, "形式") {
		t.Fatalf("bad format: %+v", r)
	}
	ui.save = ""
	if r := s.Export("csv"); r != (Result{}) {
		t.Fatalf("cancel: %+v", r)
	}
	noExport := newShell(Options{}.withDefaults())
	noExport.attach(context.Background(), ui)
	if r := noExport.Export("csv"); r.OK || r.Message == "" {
		t.Fatalf("no export func: %+v", r)
	}
}
