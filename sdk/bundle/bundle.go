// Package bundle builds plugin bundles: a .tar.gz with plugin.json at its
// root, the plugin's executables under bin/ (their SHA-256 written into the
// manifest) and, when the plugin is signed, plugin.sig (an ed25519
// signature of plugin.json, base64).
package bundle

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/kizuna-hr/kizuna/sdk/manifest"
)

// SignatureFile is the name of the signature inside a bundle.
const SignatureFile = "plugin.sig"

// Options say how to build a bundle.
type Options struct {
	Platforms  []string           // "linux-amd64", …; default: the running platform
	OutDir     string             // default "dist/plugins"
	SigningKey ed25519.PrivateKey // optional
}

// Build compiles the plugin in srcDir (a main package with plugin.json
// beside it) for each platform and writes OutDir/<id>-<version>.tar.gz.
// It returns the bundle's path.
func Build(ctx context.Context, srcDir string, o Options) (string, error) {
	raw, err := os.ReadFile(filepath.Join(srcDir, manifest.FileName))
	if err != nil {
		return "", err
	}
	m, err := manifest.Parse(raw)
	if err != nil {
		return "", err
	}
	if len(o.Platforms) == 0 {
		o.Platforms = []string{manifest.Platform()}
	}
	if o.OutDir == "" {
		o.OutDir = filepath.Join("dist", "plugins")
	}
	tmp, err := os.MkdirTemp("", "kizuna-bundle-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	files := map[string]string{}
	m.Executables = map[string]manifest.Executable{}
	for _, plat := range o.Platforms {
		goos, goarch, ok := strings.Cut(plat, "-")
		if !ok {
			return "", fmt.Errorf("platform %q: want os-arch, e.g. linux-amd64", plat)
		}
		name := "bin/" + lastPart(m.ID) + "-" + plat
		if goos == "windows" {
			name += ".exe"
		}
		out := filepath.Join(tmp, filepath.FromSlash(name))
		abs, _ := filepath.Abs(out)
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-s -w", "-o", abs, ".")
		cmd.Dir = srcDir
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		if b, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go build %s: %w\n%s", plat, err, b)
		}
		sum, err := FileSHA256(abs)
		if err != nil {
			return "", err
		}
		m.Executables[plat] = manifest.Executable{Path: name, SHA256: sum}
		files[name] = abs
	}
	if ps := m.Check(); len(ps) > 0 {
		return "", fmt.Errorf("plugin.json: %s", ps[0])
	}
	if err := os.MkdirAll(o.OutDir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(o.OutDir, m.ID+"-"+m.Version+".tar.gz")
	return path, Write(path, m, files, o.SigningKey)
}

func lastPart(id string) string { return id[strings.LastIndex(id, ".")+1:] }

// Write writes a bundle at path: the manifest, the files (bundle name →
// file on disk) and, with a key, the signature.
func Write(path string, m *manifest.Manifest, files map[string]string, key ed25519.PrivateKey) (err error) {
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	if err := addBytes(tw, manifest.FileName, mj, 0o644); err != nil {
		return err
	}
	if key != nil {
		sig := base64.StdEncoding.EncodeToString(ed25519.Sign(key, mj))
		if err := addBytes(tw, SignatureFile, []byte(sig), 0o644); err != nil {
			return err
		}
	}
	for name, src := range files {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := addBytes(tw, name, b, 0o755); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

func addBytes(tw *tar.Writer, name string, b []byte, mode int64) error {
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: mode, Size: int64(len(b)), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err := tw.Write(b)
	return err
}

// FileSHA256 returns the hex SHA-256 of a file.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
