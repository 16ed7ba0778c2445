package plugins

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/events"
	"github.com/kizuna-hr/kizuna/app/store"
	"github.com/kizuna-hr/kizuna/sdk/bundle"
)

// Bundles built once for every test (real binaries, real go build).
var bundles = map[string]string{}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kizuna-plugin-test-")
	if err != nil {
		panic(err)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		for name, src := range map[string]string{"hello": "../../sdk/examples/hello", "misbehave": "testdata/misbehave"} {
			path, err := bundle.Build(context.Background(), src, bundle.Options{OutDir: dir})
			if err != nil {
				fmt.Fprintln(os.Stderr, "build test plugin:", err)
				return 1
			}
			bundles[name] = path
		}
		return m.Run()
	}()
	os.Exit(code)
}

// testHost is a real host: SQLite store, events log, audit log, alumni service and plugin manager.
type testHost struct {
	st     *store.Store
	ev     *events.Log
	audit  *audit.Log
	alumni *alumni.Service
	m      *Manager
}

func newTestHost(t testing.TB) *testHost { return reopenTestHost(t, t.TempDir()) }

// reopenTestHost opens a host over the data directory dir.
func reopenTestHost(t testing.TB, dir string) *testHost {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.Open(ctx, dir, log)
	if err != nil {
		t.Fatal(err)
	}
	h := &testHost{st: st, ev: events.New(st), audit: audit.New(st)}
	comps := companies.NewRepo(st)
	repo := alumni.NewRepo(st)
	h.alumni = alumni.NewService(repo, alumni.NewDirectory(repo, comps.Names), h.audit, comps.Names)
	h.alumni.SetEvents(h.ev)
	h.m = New(Deps{Store: st, Events: h.ev, Audit: h.audit, Alumni: h.alumni, Log: log},
		Options{HostVersion: "1.0.0", Backoff: 20 * time.Millisecond, CallTimeout: 3 * time.Second, MaxRestarts: 3,
			HealthInterval: 50 * time.Millisecond})
	if err := h.m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		h.m.Close()
		st.Close()
	})
	return h
}

// hr is an owner acting in the console.
func hr() context.Context {
	return actor.With(context.Background(), actor.Actor{Kind: actor.User, ID: 1, Name: "hr@example.jp", Role: "owner"})
}

func (h *testHost) install(t testing.TB, name string) *Record {
	t.Helper()
	f, err := os.Open(bundles[name])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rec, err := h.m.Install(hr(), f)
	if err != nil {
		t.Fatalf("install %s: %v", name, err)
	}
	return rec
}

// waitFor polls cond until it holds or the test's patience ends.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (h *testHost) waitRunning(t testing.TB, id string) {
	t.Helper()
	waitFor(t, id+" running", func() bool {
		s, err := h.m.Get(context.Background(), id)
		return err == nil && s.Running
	})
}

// entry is one file of a hand-made bundle.
type entry struct {
	name, link string
	body       []byte
	typ        byte
}

// readBundle returns the entries of a built bundle.
func readBundle(t testing.TB, path string) []entry {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out []entry
	for {
		hd, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		out = append(out, entry{name: hd.Name, body: b, typ: hd.Typeflag, link: hd.Linkname})
	}
}

// makeBundle writes entries as a .tar.gz.
func makeBundle(t testing.TB, entries []entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		typ := e.typ
		if typ == 0 {
			typ = tar.TypeReg
		}
		if err := tw.WriteHeader(&tar.Header{Name: e.name, Linkname: e.link, Mode: 0o755, Size: int64(len(e.body)), Typeflag: typ}); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.body)
	}
	tw.Close()
	gz.Close()
	return buf.Bytes()
}

// pluginDirEntries lists what is installed on disk.
func pluginDirEntries(h *testHost) []string {
	var out []string
	filepath.WalkDir(h.m.opts.Dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != h.m.opts.Dir {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
