package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrAlreadyRunning means another Kizuna window or server uses the data directory.
var ErrAlreadyRunning = fault.New(fault.Conflict, "store.already_running", "Kizuna は既にこのデータフォルダで起動しています。先に起動中の Kizuna を終了してください", "Kizuna is already running on this data directory; close it first")

// InstanceLock is held by the one desktop window or server that owns a data
// directory. Command-line tools do not take it and may run beside it.
type InstanceLock struct {
	f *os.File
}

// LockInstance takes the data directory's instance lock or returns
// ErrAlreadyRunning naming the process that holds it.
func LockInstance(dir string) (*InstanceLock, error) {
	if err := ensureWritableDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, "kizuna.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWritable, err)
	}
	if err := lockFile(f); err != nil {
		holder, _ := os.ReadFile(path)
		f.Close()
		pid := strings.TrimSpace(string(holder))
		if pid != "" {
			return nil, ErrAlreadyRunning.Withf("プロセス %s", "process %s", pid)
		}
		return nil, ErrAlreadyRunning
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return &InstanceLock{f: f}, nil
}

// Release gives the lock up.
func (l *InstanceLock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	err := unlockFile(l.f)
	l.f.Close()
	l.f = nil
	return err
}
