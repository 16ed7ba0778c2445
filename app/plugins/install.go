package plugins

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/sdk/bundle"
	"github.com/kizuna-hr/kizuna/sdk/manifest"
)

// Install checks the bundle read from r and installs it: a new plugin is
// installed disabled (the admin enables it and grants its permissions); a
// newer version of an installed plugin replaces the old one in place,
// keeping its state, grants, settings, data folder, key-value store and
// event cursor. Nothing on disk or in the registry changes when a check fails.
func (m *Manager) Install(ctx context.Context, r io.Reader) (*Record, error) {
	root := m.root()
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(root, ".staging-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(staging)
	if err := unpack(io.LimitReader(r, MaxBundleBytes), staging); err != nil {
		return nil, err
	}
	man, raw, signedBy, err := m.verify(ctx, staging)
	if err != nil {
		return nil, err
	}
	old, err := m.reg.get(ctx, man.ID)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	if old != nil && manifest.CompareVersions(man.Version, old.Version) < 0 {
		return nil, ErrDowngrade.Withf("%s → %s", "%s → %s", old.Version, man.Version)
	}

	// Stop the old version, swap the folders, record, start again.
	m.stop(man.ID)
	if err := m.swapIn(man.ID, staging); err != nil {
		return nil, err
	}
	cursor, err := m.Events.Last(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.reg.save(ctx, man, raw, signedBy, cursor); err != nil {
		return nil, err
	}
	m.log.Info("plugin installed", "id", man.ID, "version", man.Version, "upgrade", old != nil)
	if err := m.Audit.Record(ctx, "plugin.install", "plugin:"+man.ID, "version="+man.Version); err != nil {
		return nil, err
	}
	rec, err := m.reg.get(ctx, man.ID)
	if err == nil && rec.State == StateEnabled {
		m.start(rec)
	}
	return rec, err
}

// verify checks the unpacked bundle: manifest, platform, checksum, host
// version and signature.
func (m *Manager) verify(ctx context.Context, dir string) (*manifest.Manifest, []byte, string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, manifest.FileName))
	if err != nil {
		return nil, nil, "", ErrNoManifest
	}
	man, err := manifest.Parse(raw)
	if err != nil {
		return nil, nil, "", ErrBadManifest.Withf("%v", "%v", err)
	}
	if ps := man.Check(); len(ps) > 0 {
		fields := map[string]string{}
		var ja, en []string
		for _, p := range ps {
			fields[p.Field] = p.JA + " / " + p.EN
			ja, en = append(ja, p.Field+": "+p.JA), append(en, p.Field+": "+p.EN)
		}
		return nil, nil, "", detail(ErrBadManifest, strings.Join(ja, "、"), strings.Join(en, "; ")).WithFields(fields)
	}
	if _, err := executable(dir, man); err != nil {
		return nil, nil, "", err
	}
	if man.MinHostVersion != "" && manifest.ValidVersion(m.opts.HostVersion) &&
		manifest.CompareVersions(m.opts.HostVersion, man.MinHostVersion) < 0 {
		return nil, nil, "", ErrHostTooOld.Withf("%s 以上が必要、現在 %s", "needs %s, this is %s", man.MinHostVersion, m.opts.HostVersion)
	}
	signedBy, err := m.checkSignature(ctx, dir, raw)
	return man, raw, signedBy, err
}

// executable returns the path of the plugin's program for this platform
// after checking its SHA-256 against the manifest.
func executable(dir string, man *manifest.Manifest) (string, error) {
	e, ok := man.Executables[manifest.Platform()]
	if !ok {
		var have []string
		for p := range man.Executables {
			have = append(have, p)
		}
		slices.Sort(have)
		return "", ErrWrongPlatform.Withf("必要: %s、含まれるもの: %s", "need %s, bundle has %s", manifest.Platform(), strings.Join(have, ", "))
	}
	name, err := safeName(e.Path)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, filepath.FromSlash(name))
	if err := inside(dir, path); err != nil {
		return "", err
	}
	sum, err := bundle.FileSHA256(path)
	if err != nil {
		return "", ErrChecksum.Withf("%s がありません", "%s is missing", e.Path)
	}
	if sum != e.SHA256 {
		return "", ErrChecksum.Withf("%s", "%s", e.Path)
	}
	return path, nil
}

// checkSignature verifies plugin.sig against the trusted keys; it returns
// the name of the key that signed ("" when unsigned and allowed).
func (m *Manager) checkSignature(ctx context.Context, dir string, raw []byte) (string, error) {
	sig, err := os.ReadFile(filepath.Join(dir, bundle.SignatureFile))
	if errors.Is(err, os.ErrNotExist) {
		if m.opts.RequireSignature {
			return "", ErrUnsigned
		}
		return "", nil
	}
	if err != nil {
		return "", err
	}
	s, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(sig)))
	if err != nil {
		return "", ErrSignature.Wrap(err)
	}
	keys, err := m.TrustedKeys(ctx)
	if err != nil {
		return "", err
	}
	for _, k := range keys {
		if ed25519.Verify(k.key, raw, s) {
			return k.Name, nil
		}
	}
	return "", ErrSignature
}

// swapIn makes the staged bundle the plugin's app folder.
func (m *Manager) swapIn(id, staging string) error {
	dir := m.pluginDir(id)
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o700); err != nil {
		return err
	}
	app := filepath.Join(dir, "app")
	old := app + ".old"
	_ = os.RemoveAll(old)
	if err := os.Rename(app, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("plugin %s: %w", id, err)
	}
	if err := os.Rename(staging, app); err != nil {
		_ = os.Rename(old, app)
		return fmt.Errorf("plugin %s: %w", id, err)
	}
	return os.RemoveAll(old)
}

// Remove stops and uninstalls a plugin with its data folder and key-value store.
func (m *Manager) Remove(ctx context.Context, id string) error {
	if _, err := m.reg.get(ctx, id); err != nil {
		return err
	}
	m.stop(id)
	if err := m.reg.delete(ctx, id); err != nil {
		return err
	}
	if err := os.RemoveAll(m.pluginDir(id)); err != nil {
		return err
	}
	m.log.Info("plugin removed", "id", id)
	return m.Audit.Record(ctx, "plugin.remove", "plugin:"+id, "")
}

// TrustedKey is a public key the admin trusts to sign bundles.
type TrustedKey struct {
	Name      string `json:"name"`
	PublicKey string `json:"public_key"`
	key       ed25519.PublicKey
}

// Trust adds a signing key (ed25519 public key, base64).
func (m *Manager) Trust(ctx context.Context, name, publicKey string) error {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(publicKey))
	if err != nil || len(b) != ed25519.PublicKeySize || name == "" {
		return ErrBadKey
	}
	if _, err := m.Store.W.ExecContext(ctx, "INSERT INTO plugin_trusted_keys(name, public_key) VALUES (?,?)", name, strings.TrimSpace(publicKey)); err != nil {
		return fault.New(fault.Conflict, "plugin.key_exists", "同じ名前または同じ鍵が登録済みです", "a key with that name or value is already trusted").Wrap(err)
	}
	return m.Audit.Record(ctx, "plugin.trust_key", "plugin_key:"+name, "")
}

// TrustedKeys lists the trusted signing keys.
func (m *Manager) TrustedKeys(ctx context.Context) ([]TrustedKey, error) {
	rows, err := m.Store.R.QueryContext(ctx, "SELECT name, public_key FROM plugin_trusted_keys ORDER BY name")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TrustedKey
	for rows.Next() {
		var k TrustedKey
		if err := rows.Scan(&k.Name, &k.PublicKey); err != nil {
			return nil, err
		}
		k.key, _ = base64.StdEncoding.DecodeString(k.PublicKey)
		out = append(out, k)
	}
	return out, rows.Err()
}

// detail returns a copy of e with different details in each language.
func detail(e *fault.Error, ja, en string) *fault.Error {
	c := *e
	c.JA += "（" + ja + "）"
	c.EN += " (" + en + ")"
	return &c
}
