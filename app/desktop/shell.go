package desktop

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Result is what Shell.Backup and Shell.Restore return to the page.
// A cancelled dialog gives OK false and an empty Message.
type Result struct {
	OK      bool   `json:"ok"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

// fileFilter is one entry of a file dialog's type list.
type fileFilter struct{ Name, Pattern string }

var (
	dbFilters   = []fileFilter{{"Kizuna バックアップ (*.db)", "*.db"}, {"すべてのファイル", "*"}}
	csvFilters  = []fileFilter{{"CSV (*.csv)", "*.csv"}, {"すべてのファイル", "*"}}
	jsonFilters = []fileFilter{{"JSON (*.json)", "*.json"}, {"すべてのファイル", "*"}}
)

// dialogs is the part of the native UI the shell uses; the Wails
// implementation lives in the desktop-tagged files, tests use a fake.
type dialogs interface {
	// SaveFile asks where to save; "" means cancelled.
	SaveFile(title, defaultName string, filters []fileFilter) (string, error)
	// OpenFile asks for a file to open; "" means cancelled.
	OpenFile(title string, filters []fileFilter) (string, error)
	// Confirm asks a yes/no question; true means yes.
	Confirm(title, message, yesLabel, noLabel string) (bool, error)
}

// Shell is bound to the page as window.go.desktop.Shell. Its exported
// methods are exactly what the page may call; keep it that way (every
// exported method becomes callable from JavaScript).
type Shell struct {
	backup  func(ctx context.Context, path string) error
	restore func(ctx context.Context, path string) error
	export  func(ctx context.Context, format, path string) error
	handler http.Handler // the window's own handler, for Download
	logf    func(format string, args ...any)
	now     func() time.Time

	mu   sync.Mutex
	ctx  context.Context
	ui   dialogs
	busy sync.Mutex
}

func newShell(o Options) *Shell {
	return &Shell{backup: o.Backup, restore: o.Restore, export: o.Export, handler: o.Handler, logf: o.Logf, now: time.Now}
}

// attach gives the shell the Wails context and dialogs (from OnStartup).
func (s *Shell) attach(ctx context.Context, ui dialogs) {
	s.mu.Lock()
	s.ctx, s.ui = ctx, ui
	s.mu.Unlock()
}

func (s *Shell) state() (context.Context, dialogs) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx, s.ui
}

// Japanese texts of the dialogs and results.
const (
	msgNotReady        = "ウィンドウの準備ができていません。しばらくしてからもう一度お試しください。"
	msgBusy            = "別のバックアップまたは復元を実行中です。完了してからもう一度お試しください。"
	msgNoBackup        = "この画面からはバックアップできません。"
	msgNoRestore       = "この画面からは復元できません。"
	msgNoExport        = "この画面からは書き出せません。"
	msgBadFormat       = "書き出し形式が正しくありません: "
	titleExport        = "書き出し先"
	msgExportDone      = "書き出しました: "
	msgExportFailed    = "書き出しに失敗しました: "
	msgDialogFailed    = "ファイルの選択画面を開けませんでした: "
	titleBackup        = "バックアップの保存先"
	titleRestore       = "復元するバックアップファイル"
	titleConfirm       = "バックアップから復元"
	labelRestore       = "復元する"
	labelCancel        = "キャンセル"
	msgBackupDone      = "バックアップを保存しました: "
	msgBackupFailed    = "バックアップに失敗しました: "
	msgRestoreDone     = "バックアップから復元しました: "
	msgRestoreFailed   = "復元に失敗しました: "
	msgConfirmTemplate = "現在のデータをすべて、次のバックアップの内容で置き換えます。\n\n%s\n\n" +
		"置き換える前の現在のデータは、安全のため自動でバックアップされます。復元しますか？"
)

// Backup asks where to save a backup (native save dialog, default name
// kizuna-backup-YYYYMMDD-HHMMSS.db) and writes it there.
func (s *Shell) Backup() Result {
	ctx, ui := s.state()
	if ctx == nil || ui == nil {
		return Result{Message: msgNotReady}
	}
	if s.backup == nil {
		return Result{Message: msgNoBackup}
	}
	if !s.busy.TryLock() {
		return Result{Message: msgBusy}
	}
	defer s.busy.Unlock()

	path, err := ui.SaveFile(titleBackup, BackupFileName(s.now()), dbFilters)
	if err != nil {
		return Result{Message: msgDialogFailed + err.Error()}
	}
	if path == "" {
		return Result{}
	}
	path = withExtension(path, ".db")
	if err := s.backup(ctx, path); err != nil {
		s.logf("desktop: backup to %s failed: %v", path, err)
		return Result{Path: path, Message: msgBackupFailed + reason(err)}
	}
	s.logf("desktop: backup written to %s", path)
	return Result{OK: true, Path: path, Message: msgBackupDone + path}
}

// Restore asks for a backup file (native open dialog), asks for
// confirmation (native dialog) and restores it.
func (s *Shell) Restore() Result {
	ctx, ui := s.state()
	if ctx == nil || ui == nil {
		return Result{Message: msgNotReady}
	}
	if s.restore == nil {
		return Result{Message: msgNoRestore}
	}
	if !s.busy.TryLock() {
		return Result{Message: msgBusy}
	}
	defer s.busy.Unlock()

	path, err := ui.OpenFile(titleRestore, dbFilters)
	if err != nil {
		return Result{Message: msgDialogFailed + err.Error()}
	}
	if path == "" {
		return Result{}
	}
	yes, err := ui.Confirm(titleConfirm, strings.Replace(msgConfirmTemplate, "%s", path, 1), labelRestore, labelCancel)
	if err != nil {
		return Result{Path: path, Message: msgDialogFailed + err.Error()}
	}
	if !yes {
		return Result{Path: path}
	}
	if err := s.restore(ctx, path); err != nil {
		s.logf("desktop: restore from %s failed: %v", path, err)
		return Result{Path: path, Message: msgRestoreFailed + reason(err)}
	}
	s.logf("desktop: restored from %s", path)
	return Result{OK: true, Path: path, Message: msgRestoreDone + path}
}

// ExportFormats are the formats Export accepts (as the HTTP export does).
var ExportFormats = []string{"csv", "csv-sjis", "json"}

// Export asks where to save an export of the alumni (native save dialog,
// default name kizuna-alumni-YYYYMMDD-HHMMSS.csv or .json) and writes it
// there in format: "csv" (UTF-8 with BOM, for Excel), "csv-sjis" or "json".
// The webview does not download attachments, so the page needs this instead
// of the /api/alumni/export link inside the window.
func (s *Shell) Export(format string) Result {
	ctx, ui := s.state()
	if ctx == nil || ui == nil {
		return Result{Message: msgNotReady}
	}
	if s.export == nil {
		return Result{Message: msgNoExport}
	}
	ext, filters := ".csv", csvFilters
	switch format {
	case "csv", "csv-sjis":
	case "json":
		ext, filters = ".json", jsonFilters
	default:
		return Result{Message: msgBadFormat + format}
	}
	if !s.busy.TryLock() {
		return Result{Message: msgBusy}
	}
	defer s.busy.Unlock()

	path, err := ui.SaveFile(titleExport, ExportFileName(s.now(), format), filters)
	if err != nil {
		return Result{Message: msgDialogFailed + err.Error()}
	}
	if path == "" {
		return Result{}
	}
	path = withExtension(path, ext)
	if err := s.export(ctx, format, path); err != nil {
		s.logf("desktop: export (%s) to %s failed: %v", format, path, err)
		return Result{Path: path, Message: msgExportFailed + reason(err)}
	}
	s.logf("desktop: export (%s) written to %s", format, path)
	return Result{OK: true, Path: path, Message: msgExportDone + path}
}

// withExtension adds ext when the chosen file name has no extension.
func withExtension(path, ext string) string {
	if strings.Contains(baseName(path), ".") {
		return path
	}
	return path + ext
}

// reason is the Japanese text of err when it carries one.
func reason(err error) string {
	if fe, ok := fault.As(err); ok && fe.JA != "" {
		return fe.JA
	}
	if errors.Is(err, context.Canceled) {
		return "中断されました"
	}
	return err.Error()
}

func baseName(path string) string {
	sep := "/"
	if runtime.GOOS == "windows" {
		path = strings.ReplaceAll(path, "\\", "/")
	}
	if i := strings.LastIndex(path, sep); i >= 0 {
		return path[i+1:]
	}
	return path
}
