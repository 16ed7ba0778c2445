package bench

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildKizuna builds the headless binary (no desktop tags needed to serve).
func buildKizuna(b *testing.B) string {
	b.Helper()
	_, here, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(here), "..", "..")
	bin := filepath.Join(b.TempDir(), "kizuna")
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func freeAddr(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

var vmRSS = regexp.MustCompile(`VmRSS:\s+(\d+) kB`)

func rssMB(pid int) float64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	m := vmRSS.FindSubmatch(status)
	if m == nil {
		return 0
	}
	kb, _ := strconv.Atoi(string(m[1]))
	return float64(kb) / 1024
}

// BenchmarkServerStart100k starts `kizuna serve` on a data directory with
// 100,000 alumni and measures the time to the first 200 on /healthz (p50)
// and the server's resident memory once it is idle (directory loaded).
func BenchmarkServerStart100k(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc for memory")
	}
	bin := buildKizuna(b)
	data := b.TempDir()
	if out, err := exec.Command(bin, "demo", "--count", "100000", "--data", data).CombinedOutput(); err != nil {
		b.Fatalf("demo: %v\n%s", err, out)
	}
	var starts []time.Duration
	var idle float64
	client := &http.Client{Timeout: time.Second}
	for b.Loop() {
		addr := freeAddr(b)
		cmd := exec.Command(bin, "serve", "-v", "--addr", addr, "--data", data)
		stderr, _ := cmd.StderrPipe()
		begin := time.Now()
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		for {
			resp, err := client.Get("http://" + addr + "/healthz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					break
				}
			}
			if time.Since(begin) > 10*time.Second {
				b.Fatal("server did not answer /healthz")
			}
			time.Sleep(time.Millisecond)
		}
		starts = append(starts, time.Since(begin))
		// Idle: wait for the directory warm-up to finish, then a moment more.
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "directory loaded") {
				break
			}
		}
		time.Sleep(500 * time.Millisecond)
		idle = max(idle, rssMB(cmd.Process.Pid))
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	b.ReportMetric(float64(starts[len(starts)/2].Microseconds())/1000, "start-ms")
	b.ReportMetric(idle, "idle-RSS-MB")
}
