package desktop

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const (
	titleDownload     = "保存先"
	msgDownloadDone   = "保存しました: "
	msgDownloadFailed = "保存できませんでした: "
	msgBadDownload    = "この画面からは保存できないファイルです。"
)

// Download saves what the window's own API answers to method and path
// (a GET, or a POST with a JSON body) into a file the user picks in a native
// save dialog, defaultName offered. The webview does not download
// attachments (CSV exports, PDF leaflets), so the page calls this instead of
// following the link. Only /api/ paths are served, as the local owner the
// window is; the dialog comes first, so cancelling it has no effect at all.
func (s *Shell) Download(method, path, body, defaultName string) Result {
	ctx, ui := s.state()
	if ctx == nil || ui == nil {
		return Result{Message: msgNotReady}
	}
	if s.handler == nil || (method != http.MethodGet && method != http.MethodPost) ||
		!strings.HasPrefix(path, "/api/") || strings.Contains(path, "..") || strings.Contains(path, "//") {
		return Result{Message: msgBadDownload}
	}
	if !s.busy.TryLock() {
		return Result{Message: msgBusy}
	}
	defer s.busy.Unlock()

	ext := filepath.Ext(defaultName)
	file, err := ui.SaveFile(titleDownload, filepath.Base(defaultName), []fileFilter{{strings.ToUpper(strings.TrimPrefix(ext, ".")) + " (*" + ext + ")", "*" + ext}, {"すべてのファイル", "*"}})
	if err != nil {
		return Result{Message: msgDialogFailed + err.Error()}
	}
	if file == "" {
		return Result{}
	}
	file = withExtension(file, ext)
	data, err := s.fetch(ctx, method, path, body)
	if err == nil {
		err = os.WriteFile(file, data, 0o600)
	}
	if err != nil {
		s.logf("desktop: download of %s %s to %s failed: %v", method, path, file, err)
		return Result{Path: file, Message: msgDownloadFailed + reason(err)}
	}
	s.logf("desktop: %s %s saved to %s", method, path, file)
	return Result{OK: true, Path: file, Message: msgDownloadDone + file}
}

// fetch serves one request with the window's handler in process; an error
// answer becomes an error with the API's Japanese message.
func (s *Shell) fetch(ctx context.Context, method, path, body string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, path, strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Host = "wails"
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	s.handler.ServeHTTP(rec, req)
	if rec.status >= 400 {
		var e struct {
			Error struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if json.Unmarshal(rec.body.Bytes(), &e) == nil && e.Error.Message != "" {
			return nil, downloadError(e.Error.Message)
		}
		return nil, downloadError(http.StatusText(rec.status))
	}
	return rec.body.Bytes(), nil
}

type downloadError string

func (e downloadError) Error() string { return string(e) }

// recorder keeps an in-process response.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
