//go:build !linux

package plugins

import "os/exec"

// dieWithHost: without Pdeathsig, plugins notice the host's death when their
// gRPC connection drops (go-plugin exits the plugin then).
func dieWithHost(cmd *exec.Cmd) {}
