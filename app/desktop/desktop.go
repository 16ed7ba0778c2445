// Package desktop is Kizuna's thin desktop shell: one native window (Wails v2)
// that shows the same http.Handler the network listener serves, plus the few
// things a browser page cannot do (native save/open dialogs for backup and
// restore), bound to the page as window.go.desktop.Shell.
//
// The Wails-importing code compiles only with the "desktop" build tag (and
// needs "production" as well to open a window, plus "webkit2_41" or
// "webkit2_40" on Linux so that POST bodies reach the handler). Without the
// tag, Run returns ErrNoDesktop and nothing GTK-related is compiled, so
// `go vet ./...` and `go test ./...` work on machines without GTK.
//
// The handler is adapted to the webview in two ways (see handler.go): HTTP
// redirects of page loads become pages that navigate themselves (the webview
// does not follow redirects of its custom-scheme requests), and HTML pages at
// deep links (/console/data) get the Wails runtime scripts that Wails itself
// adds only to paths ending in "/", so window.go survives a reload.
//
// Run must be called from the main goroutine (GTK on Linux and Cocoa on macOS
// want the UI on the thread that started them) and blocks until the window is
// closed or Options.Context is done. Serve the network listener from another
// goroutine.
package desktop

import (
	"context"
	"errors"
	"net/http"
	"os"
	"runtime"
	"time"
)

// ErrNoDesktop is returned by Run in a build without the desktop window.
var ErrNoDesktop = errors.New("this build has no desktop window; use `kizuna serve`")

// ErrNoDisplay is returned by Run when no graphical display is available.
var ErrNoDisplay = errors.New("no graphical display (DISPLAY / WAYLAND_DISPLAY is not set); use `kizuna serve`")

// Default window geometry.
const (
	DefaultWidth     = 1280
	DefaultHeight    = 800
	DefaultMinWidth  = 1024
	DefaultMinHeight = 700
	DefaultTitle     = "Kizuna"
)

// ProbeEnv names an environment variable for tests: when it holds a file
// path, the window writes what the page shows (path, title, visible text) to
// that file as JSON once the page has rendered and stopped changing.
const ProbeEnv = "KIZUNA_DESKTOP_PROBE"

// Options configures the window.
type Options struct {
	// Title of the window; DefaultTitle when empty.
	Title string
	// Handler serves every request of the window (the same handler the
	// network listener serves; the caller wraps it so that requests from the
	// window are the trusted local owner). Requests from the window carry
	// Host "wails".
	Handler http.Handler
	// Window size; zero values take the defaults above.
	Width, Height, MinWidth, MinHeight int
	// Backup writes a backup of the database to path (chosen by the user in
	// a native save dialog).
	Backup func(ctx context.Context, path string) error
	// Restore replaces the database's content with the backup at path
	// (chosen in a native open dialog and confirmed by the user).
	Restore func(ctx context.Context, path string) error
	// Export writes an export of the alumni in format ("csv", "csv-sjis" or
	// "json", as GET /api/alumni/export) to path, chosen in a native save
	// dialog. The webview cannot download the HTTP export, so the window's
	// page calls Shell.Export instead.
	Export func(ctx context.Context, format, path string) error
	// Context, when not nil, closes the window when it is done (for example
	// on SIGTERM through signal.NotifyContext).
	Context context.Context
	// Logf, when not nil, receives the shell's own log lines (window ready,
	// backup/restore outcome).
	Logf func(format string, args ...any)
}

func (o Options) withDefaults() Options {
	if o.Title == "" {
		o.Title = DefaultTitle
	}
	if o.Width <= 0 {
		o.Width = DefaultWidth
	}
	if o.Height <= 0 {
		o.Height = DefaultHeight
	}
	if o.MinWidth <= 0 {
		o.MinWidth = DefaultMinWidth
	}
	if o.MinHeight <= 0 {
		o.MinHeight = DefaultMinHeight
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	return o
}

func (o Options) check() error {
	if o.Handler == nil {
		return errors.New("desktop: Options.Handler is nil")
	}
	return nil
}

// DisplayAvailable reports whether a window can be shown: on Linux and the
// BSDs when DISPLAY or WAYLAND_DISPLAY is set; always on Windows and macOS.
func DisplayAvailable() bool {
	return displayAvailable(runtime.GOOS, os.Getenv)
}

func displayAvailable(goos string, getenv func(string) string) bool {
	switch goos {
	case "windows", "darwin":
		return true
	}
	return getenv("DISPLAY") != "" || getenv("WAYLAND_DISPLAY") != ""
}

// ExportFileName is the default file name offered for an export:
// kizuna-alumni-YYYYMMDD-HHMMSS.csv (.json for JSON) in local time.
func ExportFileName(t time.Time, format string) string {
	ext := ".csv"
	if format == "json" {
		ext = ".json"
	}
	return "kizuna-alumni-" + t.Format("20060102-150405") + ext
}

// BackupFileName is the default file name offered in the save dialog:
// kizuna-backup-YYYYMMDD-HHMMSS.db in local time.
func BackupFileName(t time.Time) string {
	return "kizuna-backup-" + t.Format("20060102-150405") + ".db"
}
