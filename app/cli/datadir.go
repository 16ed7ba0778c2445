package cli

import (
	"os"
	"path/filepath"
	"runtime"
)

// defaultDataDir is the OS's per-user application data folder for Kizuna:
// $XDG_DATA_HOME/kizuna (~/.local/share/kizuna) on Linux,
// %AppData%\Kizuna on Windows, ~/Library/Application Support/Kizuna on macOS.
func defaultDataDir() string {
	if d := os.Getenv("KIZUNA_DATA"); d != "" {
		return d
	}
	switch runtime.GOOS {
	case "windows", "darwin":
		if d, err := os.UserConfigDir(); err == nil {
			return filepath.Join(d, "Kizuna")
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "kizuna")
		}
		if h, err := os.UserHomeDir(); err == nil {
			return filepath.Join(h, ".local", "share", "kizuna")
		}
	}
	return "kizuna-data"
}
