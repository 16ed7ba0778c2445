package plugins

import (
	"os/exec"
	"syscall"
)

// dieWithHost makes the kernel kill the plugin when the host dies, even by
// SIGKILL (no orphans).
func dieWithHost(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
}
