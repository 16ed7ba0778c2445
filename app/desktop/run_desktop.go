//go:build desktop

package desktop

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	goruntime "runtime"
	"strings"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	wr "github.com/wailsapp/wails/v2/pkg/runtime"
)

// Available reports whether this build contains the desktop window.
const Available = true

// Run opens the window and blocks until it is closed (or Options.Context is
// done). Call it from the main goroutine.
func Run(opts Options) error {
	if err := opts.check(); err != nil {
		return err
	}
	if !DisplayAvailable() {
		return ErrNoDisplay
	}
	opts = opts.withDefaults()
	shell := newShell(opts)
	probePath := os.Getenv(ProbeEnv)

	done := make(chan struct{})
	defer close(done)
	var readyOnce sync.Once

	return wails.Run(&options.App{
		Title:            opts.Title,
		Width:            opts.Width,
		Height:           opts.Height,
		MinWidth:         opts.MinWidth,
		MinHeight:        opts.MinHeight,
		BackgroundColour: &options.RGBA{R: 255, G: 255, B: 255, A: 255},
		AssetServer:      &assetserver.Options{Handler: windowHandler(opts.Handler)},
		Bind:             []any{shell},
		// Production builds hide the webview context menu; with this on, the
		// Wails runtime shows it only on text fields and selected text (copy
		// and paste for HR), not on the rest of the page.
		EnableDefaultContextMenu: true,
		LogLevel:                 logger.WARNING,
		LogLevelProduction:       logger.ERROR,
		OnStartup: func(ctx context.Context) {
			shell.attach(ctx, wailsDialogs{ctx: ctx})
			if opts.Context != nil {
				go func() {
					select {
					case <-opts.Context.Done():
						wr.Quit(ctx)
					case <-done:
					}
				}()
			}
			if probePath != "" {
				startProbe(ctx, probePath, done, opts.Logf)
			}
		},
		OnDomReady: func(ctx context.Context) {
			readyOnce.Do(func() { opts.Logf("desktop: window ready") })
		},
		Linux: &linux.Options{
			ProgramName: "kizuna",
			// Software rendering: a form-and-table app does not need the
			// GPU, and WebKitGTK's accelerated mode shows blank windows on
			// some drivers, VMs and remote displays.
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
		Windows: &windows.Options{},
		Mac:     &mac.Options{},
	})
}

// wailsDialogs shows the native dialogs through the Wails runtime.
type wailsDialogs struct{ ctx context.Context }

func wailsFilters(fs []fileFilter) []wr.FileFilter {
	out := make([]wr.FileFilter, len(fs))
	for i, f := range fs {
		out[i] = wr.FileFilter{DisplayName: f.Name, Pattern: f.Pattern}
	}
	return out
}

func (d wailsDialogs) SaveFile(title, defaultName string, filters []fileFilter) (string, error) {
	return wr.SaveFileDialog(d.ctx, wr.SaveDialogOptions{
		Title:                title,
		DefaultFilename:      defaultName,
		DefaultDirectory:     defaultDir(),
		Filters:              wailsFilters(filters),
		CanCreateDirectories: true,
	})
}

func (d wailsDialogs) OpenFile(title string, filters []fileFilter) (string, error) {
	return wr.OpenFileDialog(d.ctx, wr.OpenDialogOptions{
		Title:            title,
		DefaultDirectory: defaultDir(),
		Filters:          wailsFilters(filters),
	})
}

func (d wailsDialogs) Confirm(title, message, yesLabel, noLabel string) (bool, error) {
	if goruntime.GOOS == "linux" {
		// GTK treats the message as a printf format.
		message = strings.ReplaceAll(message, "%", "%%")
	}
	answer, err := wr.MessageDialog(d.ctx, wr.MessageDialogOptions{
		Type:          wr.QuestionDialog,
		Title:         title,
		Message:       message,
		Buttons:       []string{yesLabel, noLabel}, // used on macOS only
		DefaultButton: noLabel,
		CancelButton:  noLabel,
	})
	if err != nil {
		return false, err
	}
	// GTK and Windows answer "Yes"/"No"; macOS answers with the button label.
	return answer == "Yes" || answer == yesLabel, nil
}

// defaultDir is where the dialogs open: the user's Documents folder when it
// exists, else the home folder, else the dialog's own default.
func defaultDir() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	for _, d := range []string{filepath.Join(home, "Documents"), filepath.Join(home, "ドキュメント"), home} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

const probeEvent = "kizuna:desktop-probe"

// startProbe injects probeJS into whatever page the window shows, every
// second until the page reports (a page without the Wails runtime, such as
// a plain-text error, never fires OnDomReady, so injection cannot wait for
// it), and writes the report to path.
func startProbe(ctx context.Context, path string, done <-chan struct{}, logf func(string, ...any)) {
	reported := make(chan struct{})
	var once sync.Once
	wr.EventsOn(ctx, probeEvent, func(data ...any) {
		once.Do(func() {
			writeProbe(path, data, logf)
			close(reported)
		})
	})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-reported:
				return
			case <-t.C:
				wr.WindowExecJS(ctx, probeJS)
			}
		}
	}()
}

// probeJS waits until the page shows text that has stopped changing for a
// second (or 20 s have passed), then reports path, title and text through a
// Wails event, directly through the webview's message handler when the page
// has no Wails runtime.
const probeJS = `(function(){
  if (window.__kizunaProbe) return; window.__kizunaProbe = true;
  var last = null, same = 0, tries = 0;
  function send(json){
    if (window.runtime && window.runtime.EventsEmit) { window.runtime.EventsEmit('` + probeEvent + `', json); return; }
    var msg = 'EE' + JSON.stringify({name: '` + probeEvent + `', data: [json]});
    if (window.webkit && window.webkit.messageHandlers && window.webkit.messageHandlers.external) window.webkit.messageHandlers.external.postMessage(msg);
    else if (window.chrome && window.chrome.webview) window.chrome.webview.postMessage(msg);
  }
  function tick(){
    tries++;
    var text = (document.body && document.body.innerText || '').trim();
    if (text && text === last) { same++; } else { same = 0; last = text; }
    if ((text && same >= 4) || tries > 80) {
      send(JSON.stringify({path: location.pathname, title: document.title, text: text.slice(0, 4000),
        go: !!(window.go && window.go.desktop && window.go.desktop.Shell)}));
      return;
    }
    setTimeout(tick, 250);
  }
  tick();
})();`

func writeProbe(path string, data []any, logf func(string, ...any)) {
	if len(data) == 0 {
		return
	}
	s, ok := data[0].(string)
	if !ok {
		b, _ := json.Marshal(data[0])
		s = string(b)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
		logf("desktop: probe: %v", err)
		return
	}
	if err := os.Rename(tmp, path); err != nil {
		logf("desktop: probe: %v", err)
		return
	}
	logf("desktop: page rendered (probe report: %d bytes)", len(s))
}
