package plugins

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Limits of a bundle.
const (
	MaxBundleBytes = 256 << 20 // unpacked total
	maxFiles       = 10_000
)

// unpack extracts the .tar.gz r into dir (which must exist and be empty),
// refusing absolute paths, ../ components, links (a symlink may only point
// inside the bundle), device files and oversize bundles.
func unpack(r io.Reader, dir string) error {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return ErrBadBundle.Wrap(err)
	}
	tr := tar.NewReader(gz)
	var total int64
	for n := 0; ; n++ {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return checkTree(dir)
		}
		if err != nil {
			return ErrBadBundle.Wrap(err)
		}
		if n >= maxFiles {
			return ErrBadBundle.Withf("ファイル数が %d を超えています", "more than %d files", maxFiles)
		}
		name, err := safeName(h.Name)
		if err != nil {
			return err
		}
		if name == "" {
			continue
		}
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := inside(dir, filepath.Dir(target)); err != nil {
			return err
		}
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			total += h.Size
			if total > MaxBundleBytes {
				return ErrBadBundle.Withf("展開後 %d MB を超えています", "over %d MB unpacked", MaxBundleBytes>>20)
			}
			if err := writeFile(target, tr, h.FileInfo().Mode().Perm()); err != nil {
				return err
			}
		case tar.TypeSymlink:
			if err := checkLink(name, h.Linkname); err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				return err
			}
			if err := os.Symlink(h.Linkname, target); err != nil {
				return err
			}
		default:
			return ErrUnsafePath.Withf("%s は通常のファイルではありません", "%s is not a regular file", name)
		}
	}
}

// safeName cleans a bundle path and refuses any that could leave the folder.
func safeName(name string) (string, error) {
	if strings.Contains(name, "\\") || path.IsAbs(name) || filepath.IsAbs(name) || filepath.VolumeName(name) != "" {
		return "", ErrUnsafePath.Withf("%s", "%s", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "", ErrUnsafePath.Withf("%s", "%s", name)
		}
	}
	clean := path.Clean(name)
	if clean == "." {
		return "", nil
	}
	return clean, nil
}

// checkLink allows a symlink only when it is relative and stays inside the bundle.
func checkLink(name, link string) error {
	if path.IsAbs(link) || filepath.IsAbs(link) || strings.Contains(link, "\\") {
		return ErrUnsafePath.Withf("%s → %s", "%s → %s", name, link)
	}
	resolved := path.Join(path.Dir(name), link)
	if resolved == ".." || strings.HasPrefix(resolved, "../") {
		return ErrUnsafePath.Withf("%s → %s", "%s → %s", name, link)
	}
	return nil
}

func writeFile(target string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	// O_EXCL: never write through a symlink an earlier entry planted.
	f, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, mode|0o600)
	if err != nil {
		return ErrUnsafePath.Wrap(fmt.Errorf("%s: %w", target, err))
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return ErrBadBundle.Wrap(err)
	}
	return f.Close()
}

// inside refuses p when, with symlinks resolved, it is not within root (a
// chain of links inside the bundle can point out of it).
func inside(root, p string) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	for q := p; ; q = filepath.Dir(q) {
		if _, err := os.Lstat(q); err == nil {
			real, err := filepath.EvalSymlinks(q)
			if err != nil {
				return ErrUnsafePath.Wrap(err)
			}
			if real != realRoot && !strings.HasPrefix(real, realRoot+string(filepath.Separator)) {
				return ErrUnsafePath.Withf("%s", "%s", p)
			}
			return nil
		}
		if q == root || q == filepath.Dir(q) {
			return nil
		}
	}
}

// checkTree resolves every symlink of the unpacked bundle and refuses those
// that lead outside it or nowhere.
func checkTree(root string) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Type()&os.ModeSymlink == 0 {
			return err
		}
		return inside(root, p)
	})
}
