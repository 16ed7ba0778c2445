//go:build unix

package alumni_test

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used, all threads (cgo
// included): on a shared machine it says more than wall time.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
