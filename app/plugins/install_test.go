package plugins

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/sdk/bundle"
)

// withManifest returns the bundle with its plugin.json changed by edit.
func withManifest(t testing.TB, entries []entry, edit func(m map[string]any)) []byte {
	t.Helper()
	out := make([]entry, len(entries))
	copy(out, entries)
	for i, e := range out {
		if e.name == "plugin.json" {
			var m map[string]any
			json.Unmarshal(e.body, &m)
			edit(m)
			out[i].body, _ = json.Marshal(m)
		}
	}
	return makeBundle(t, out)
}

func TestBadBundlesAreRefusedWithAReason(t *testing.T) {
	h := newTestHost(t)
	good := readBundle(t, bundles["hello"])
	manifestOf := func(edit func(m map[string]any)) []byte { return withManifest(t, good, edit) }
	plus := func(extra ...entry) []byte { return makeBundle(t, append(append([]entry{}, good...), extra...)) }
	var corrupt []entry
	for _, e := range good {
		if strings.HasPrefix(e.name, "bin/") {
			e.body = append(bytes.Clone(e.body), 0)
		}
		corrupt = append(corrupt, e)
	}
	cases := []struct {
		name   string
		bundle []byte
		want   error
		says   string
	}{
		{"not a tar.gz", []byte("hello"), ErrBadBundle, "読み取れません"},
		{"no manifest", makeBundle(t, good[1:]), ErrNoManifest, "plugin.json"},
		{"missing id", manifestOf(func(m map[string]any) { delete(m, "id") }), ErrBadManifest, "id がありません"},
		{"bad id", manifestOf(func(m map[string]any) { m["id"] = "Hello World" }), ErrBadManifest, "逆ドメイン"},
		{"bad version", manifestOf(func(m map[string]any) { m["version"] = "1.0" }), ErrBadManifest, "セマンティック"},
		{"missing name", manifestOf(func(m map[string]any) { delete(m, "name") }), ErrBadManifest, "name"},
		{"unknown permission", manifestOf(func(m map[string]any) { m["permissions"] = []string{"db.open"} }), ErrBadManifest, "db.open"},
		{"other platform", manifestOf(func(m map[string]any) {
			ex := m["executables"].(map[string]any)
			for k, v := range ex {
				delete(ex, k)
				ex["plan9-mips"] = v
			}
		}), ErrWrongPlatform, "plan9-mips"},
		{"checksum mismatch", makeBundle(t, corrupt), ErrChecksum, "SHA-256"},
		{"newer host needed", manifestOf(func(m map[string]any) { m["min_host_version"] = "9.0.0" }), ErrHostTooOld, "9.0.0"},
		{"../ path", plus(entry{name: "../evil.sh", body: []byte("x")}), ErrUnsafePath, "../evil.sh"},
		{"absolute path", plus(entry{name: "/tmp/evil.sh", body: []byte("x")}), ErrUnsafePath, "/tmp/evil.sh"},
		{"symlink out", plus(entry{name: "out", link: "../../..", typ: tar.TypeSymlink}), ErrUnsafePath, "out"},
		{"symlink absolute", plus(entry{name: "etc", link: "/etc", typ: tar.TypeSymlink}), ErrUnsafePath, "/etc"},
		{"write through symlink", plus(entry{name: "d", link: ".", typ: tar.TypeSymlink}, entry{name: "d/x/../../y", body: []byte("x")}), ErrUnsafePath, ""},
		{"hard link", plus(entry{name: "h", link: "/etc/passwd", typ: tar.TypeLink}), ErrUnsafePath, "h"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := h.m.Install(hr(), bytes.NewReader(c.bundle))
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			fe, _ := fault.As(err)
			if !strings.Contains(fe.JA+fe.EN, c.says) || fe.EN == "" || fe.JA == "" {
				t.Errorf("message %q / %q does not say %q", fe.JA, fe.EN, c.says)
			}
		})
	}
	if list, _ := h.m.List(context.Background()); len(list) != 0 {
		t.Errorf("registry after refusals: %d plugins", len(list))
	}
	for _, p := range pluginDirEntries(h) {
		t.Errorf("left on disk: %s", p)
	}
}

func TestSignatures(t *testing.T) {
	h := newTestHost(t)
	h.m.opts.RequireSignature = true
	f, _ := os.Open(bundles["hello"])
	_, err := h.m.Install(hr(), f)
	f.Close()
	if !errors.Is(err, ErrUnsigned) {
		t.Fatalf("unsigned: %v", err)
	}
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	good := readBundle(t, bundles["hello"])
	sign := func(key ed25519.PrivateKey) []byte {
		sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, good[0].body))
		return makeBundle(t, append(append([]entry{}, good...), entry{name: bundle.SignatureFile, body: []byte(sig)}))
	}
	if _, err := h.m.Install(hr(), bytes.NewReader(sign(priv))); !errors.Is(err, ErrSignature) {
		t.Fatalf("untrusted key: %v", err)
	}
	if err := h.m.Trust(hr(), "partner", base64.StdEncoding.EncodeToString(pub)); err != nil {
		t.Fatal(err)
	}
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	if _, err := h.m.Install(hr(), bytes.NewReader(sign(other))); !errors.Is(err, ErrSignature) {
		t.Fatalf("other key: %v", err)
	}
	rec, err := h.m.Install(hr(), bytes.NewReader(sign(priv)))
	if err != nil || rec.SignedBy != "partner" {
		t.Fatalf("signed: %v %+v", err, rec)
	}
}

func TestEnableRefusesUnrequestedPermissionAndBadSettings(t *testing.T) {
	h := newTestHost(t)
	h.install(t, "hello")
	if err := h.m.Enable(hr(), helloID, []string{"mail.promotional"}); !errors.Is(err, ErrUnknownGrant) {
		t.Errorf("grant not requested: %v", err)
	}
	err := h.m.SaveSettings(hr(), helloID, map[string]any{"show_caller": "yes", "style": "pie"})
	fe, _ := fault.As(err)
	if !errors.Is(err, ErrBadSettings) || fe.Fields["show_caller"] == "" || fe.Fields["style"] == "" {
		t.Errorf("bad settings: %v %v", err, fe)
	}
}

func TestBinaryThatExitsAtOnceIsDisabledWithReason(t *testing.T) {
	h := newTestHost(t)
	good := readBundle(t, bundles["hello"])
	// Replace the executable with a program that exits at once (a shell
	// script), with a matching checksum.
	script := []byte("#!/bin/sh\nexit 1\n")
	var entries []entry
	for _, e := range good {
		if strings.HasPrefix(e.name, "bin/") {
			e.body = script
		}
		entries = append(entries, e)
	}
	b := withManifest(t, entries, func(m map[string]any) {
		for _, v := range m["executables"].(map[string]any) {
			v.(map[string]any)["sha256"] = sha256Hex(script)
		}
	})
	if _, err := h.m.Install(hr(), bytes.NewReader(b)); err != nil {
		t.Fatal(err)
	}
	if err := h.m.Enable(hr(), helloID, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "plugin disabled as failed", func() bool {
		s, _ := h.m.Get(context.Background(), helloID)
		return s.State == StateFailed
	})
	s, _ := h.m.Get(context.Background(), helloID)
	if !strings.Contains(s.Reason, "異常終了") || !strings.Contains(s.Reason, "crashes") {
		t.Errorf("reason = %q", s.Reason)
	}
}

func TestChecksumCheckedAgainAtLaunch(t *testing.T) {
	h := newTestHost(t)
	h.install(t, helloName)
	// Someone changes the installed binary behind the host's back.
	rec, _ := h.m.reg.get(context.Background(), helloID)
	for _, e := range rec.Manifest.Executables {
		path := h.m.pluginDir(helloID) + "/app/" + e.Path
		os.WriteFile(path, []byte("#!/bin/sh\nexit 0\n"), 0o755)
	}
	if err := h.m.Enable(hr(), helloID, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "refused at launch", func() bool {
		s, _ := h.m.Get(context.Background(), helloID)
		return s.State == StateFailed && strings.Contains(s.Reason, "SHA-256")
	})
}

const helloName = "hello"
