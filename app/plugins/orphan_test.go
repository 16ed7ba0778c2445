package plugins

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestHostKilledTakesPluginsWithIt runs a real host process (this test
// binary in host mode), SIGKILLs it, and checks that its plugin is gone too.
func TestHostKilledTakesPluginsWithIt(t *testing.T) {
	h := newTestHost(t)
	h.install(t, helloName)
	if err := h.m.Enable(hr(), helloID, nil); err != nil {
		t.Fatal(err)
	}
	dir := h.st.Dir
	h.m.Close()
	h.st.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHostProcess$")
	cmd.Env = append(os.Environ(), "KIZUNA_TEST_HOST_DIR="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	pid := 0
	for sc.Scan() {
		if p, ok := strings.CutPrefix(sc.Text(), "PLUGIN_PID="); ok {
			pid, _ = strconv.Atoi(p)
			break
		}
	}
	if pid == 0 {
		cmd.Process.Kill()
		t.Fatal("host process did not report its plugin")
	}
	if err := syscall.Kill(pid, 0); err != nil {
		t.Fatalf("plugin %d not running: %v", pid, err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	waitFor(t, "plugin process gone after the host was killed", func() bool {
		// Gone, or a zombie no longer running (reaped by init).
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		return err != nil || strings.Contains(string(b), ") Z ")
	})
}

// TestHostProcess is the host side of TestHostKilledTakesPluginsWithIt.
func TestHostProcess(t *testing.T) {
	dir := os.Getenv("KIZUNA_TEST_HOST_DIR")
	if dir == "" {
		t.Skip("runs only as the child of TestHostKilledTakesPluginsWithIt")
	}
	h := reopenTestHost(t, dir)
	if err := h.m.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	h.waitRunning(t, helloID)
	r := h.m.runner(helloID)
	r.mu.Lock()
	fmt.Printf("PLUGIN_PID=%d\n", r.pid)
	r.mu.Unlock()
	select {} // until killed
}
