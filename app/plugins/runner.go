package plugins

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	"github.com/kizuna-hr/kizuna/sdk"
	"github.com/kizuna-hr/kizuna/sdk/manifest"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// runner supervises one enabled plugin: it launches the process, activates
// it, pumps events and jobs, and restarts it with backoff after a crash;
// after too many crashes it disables the plugin with the reason.
type runner struct {
	m    *Manager
	rec  *Record
	out  *lineWriter
	ctx  context.Context
	stop context.CancelFunc
	done chan struct{}

	mu     sync.Mutex
	remote *sdk.Remote
	caps   *pb.ActivateResponse
	status string // "starting", "running", "restarting", "stopped"
	pid    int
	health string // "" when healthy, else why not
	// startedAt is when the current process became ready (zero when none is):
	// a page showing the plugin reloads when it changes.
	startedAt time.Time
}

func newRunner(m *Manager, rec *Record, r *ring) *runner {
	ctx, cancel := context.WithCancel(context.Background())
	return &runner{m: m, rec: rec, ctx: ctx, stop: cancel, done: make(chan struct{}), status: "starting",
		out: &lineWriter{id: rec.ID, ring: r, log: m.log}}
}

// shutdown deactivates and stops the plugin and waits until it is gone.
func (r *runner) shutdown() {
	r.stop()
	<-r.done
}

func (r *runner) setStatus(s string, remote *sdk.Remote, caps *pb.ActivateResponse) {
	r.mu.Lock()
	r.status, r.remote, r.caps = s, remote, caps
	r.startedAt = time.Time{}
	if remote != nil {
		r.startedAt = time.Now()
	}
	r.mu.Unlock()
}

// running returns the live plugin, nil while it is not running.
func (r *runner) running() (*sdk.Remote, *pb.ActivateResponse) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.remote, r.caps
}

func (r *runner) loop() {
	defer close(r.done)
	var crashes []time.Time
	for {
		err := r.runOnce()
		r.setStatus("restarting", nil, nil)
		if r.ctx.Err() != nil {
			r.setStatus("stopped", nil, nil)
			return
		}
		now := time.Now()
		crashes = append(crashes, now)
		for len(crashes) > 0 && now.Sub(crashes[0]) > r.m.opts.RestartWindow {
			crashes = crashes[1:]
		}
		r.out.note("plugin stopped unexpectedly", "err", err, "crashes", len(crashes))
		if len(crashes) > r.m.opts.MaxRestarts {
			reason := fmt.Sprintf("%d 回続けて異常終了したため停止しました / stopped after %d crashes: %v", len(crashes), len(crashes), err)
			r.m.markFailed(r, reason)
			r.setStatus("stopped", nil, nil)
			return
		}
		delay := min(r.m.opts.Backoff<<(len(crashes)-1), time.Minute)
		select {
		case <-time.After(delay):
		case <-r.ctx.Done():
			r.setStatus("stopped", nil, nil)
			return
		}
	}
}

// runOnce runs the plugin process until it exits (an error) or the runner
// is stopped (nil).
func (r *runner) runOnce() error {
	client, remote, caps, err := r.launch()
	if err != nil {
		if client != nil {
			client.Kill()
		}
		return err
	}
	defer client.Kill()
	work, cancel := context.WithCancel(r.ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	r.setStatus("running", remote, caps)
	if rc := client.ReattachConfig(); rc != nil {
		r.mu.Lock()
		r.pid = rc.Pid
		r.mu.Unlock()
	}
	r.out.note("plugin running", "version", r.rec.Version)
	if caps.Events && len(caps.Subscriptions) > 0 {
		wg.Go(func() { r.pump(work, remote, caps.Subscriptions) })
	}
	for _, j := range caps.Jobs {
		wg.Go(func() { r.schedule(work, remote, j) })
	}
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	ping := time.NewTicker(r.m.opts.HealthInterval)
	defer ping.Stop()
	missed := 0
	for {
		select {
		case <-ping.C:
			if missed = r.checkHealth(remote, missed); missed >= 3 {
				return errors.New("did not answer 3 health checks in a row")
			}
		case <-r.ctx.Done():
			cancel()
			wg.Wait()
			ctx, done := context.WithTimeout(context.Background(), 5*time.Second)
			_, _ = remote.Deactivate(ctx, &pb.Empty{})
			done()
			return nil
		case <-tick.C:
			if client.Exited() {
				return errors.New("process exited")
			}
		}
	}
}

// launch starts the process (checksum checked by go-plugin before it
// runs), serves the Host API on one broker connection and activates it.
func (r *runner) launch() (*plugin.Client, *sdk.Remote, *pb.ActivateResponse, error) {
	rec := r.rec
	appDir := filepath.Join(r.m.pluginDir(rec.ID), "app")
	e, ok := rec.Manifest.Executables[manifest.Platform()]
	if !ok {
		return nil, nil, nil, ErrWrongPlatform
	}
	path := filepath.Join(appDir, filepath.FromSlash(e.Path))
	if err := inside(appDir, path); err != nil {
		return nil, nil, nil, err
	}
	sum, err := hex.DecodeString(e.SHA256)
	if err != nil {
		return nil, nil, nil, ErrChecksum
	}
	dataDir := r.m.DataDir(rec.ID)
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, nil, nil, err
	}
	cmd := exec.Command(path)
	cmd.Dir = dataDir
	cmd.Env = []string{"HOME=" + dataDir, "TMPDIR=" + os.TempDir(), "LANG=C.UTF-8"}
	dieWithHost(cmd)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  sdk.Handshake,
		Plugins:          sdk.PluginSet(nil),
		Cmd:              cmd,
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		SecureConfig:     &plugin.SecureConfig{Checksum: sum, Hash: sha256.New()},
		StartTimeout:     r.m.opts.StartTimeout,
		Stderr:           r.out,
		SyncStderr:       r.out, // what the plugin writes to os.Stderr after Serve started
		SyncStdout:       r.out,
		SkipHostEnv:      true,
		GRPCDialOptions: []grpc.DialOption{grpc.WithDefaultCallOptions(
			grpc.MaxCallRecvMsgSize(sdk.MaxMessage), grpc.MaxCallSendMsgSize(sdk.MaxMessage))},
		Logger: hclog.New(&hclog.LoggerOptions{Name: rec.ID, Level: hclog.Warn, Output: r.out}),
	})
	var rpc plugin.ClientProtocol
	err = spawn(func() error {
		var err error
		rpc, err = client.Client()
		return err
	})
	if err != nil {
		if errors.Is(err, plugin.ErrChecksumsDoNotMatch) {
			return client, nil, nil, ErrChecksum.Withf("%s", "%s", e.Path)
		}
		return client, nil, nil, ErrStart.Wrap(err)
	}
	raw, err := rpc.Dispense(sdk.PluginName)
	if err != nil {
		return client, nil, nil, ErrStart.Wrap(err)
	}
	remote := raw.(*sdk.Remote)
	api := newHostAPI(r.m, rec, r.out)
	brokerID := remote.Broker.NextId()
	go remote.Broker.AcceptAndServe(brokerID, func(opts []grpc.ServerOption) *grpc.Server {
		s := grpc.NewServer(append(opts, grpc.MaxRecvMsgSize(sdk.MaxMessage), grpc.MaxSendMsgSize(sdk.MaxMessage))...)
		pb.RegisterHostServer(s, api)
		return s
	})
	ctx, cancel := context.WithTimeout(r.ctx, r.m.opts.StartTimeout)
	defer cancel()
	caps, err := remote.Activate(ctx, &pb.ActivateRequest{BrokerId: brokerID, PluginId: rec.ID, HostVersion: r.m.opts.HostVersion,
		ContractMinor: sdk.ContractMinor, SettingsJson: rec.Settings, DataDir: dataDir, Granted: rec.Granted})
	if err != nil {
		return client, nil, nil, ErrStart.Wrap(err)
	}
	caps.Subscriptions = api.permittedSubscriptions(caps.Subscriptions)
	return client, remote, caps, nil
}

// spawner starts every plugin process from one OS thread that never exits:
// Linux sends Pdeathsig when the thread that forked a child ends, not only
// when the host process does.
var spawner = sync.OnceValue(func() chan func() {
	ch := make(chan func())
	go func() {
		runtime.LockOSThread()
		for f := range ch {
			f()
		}
	}()
	return ch
})

func spawn(f func() error) error {
	errc := make(chan error, 1)
	spawner() <- func() { errc <- f() }
	return <-errc
}

// schedule runs one job every interval while the plugin runs.
func (r *runner) schedule(ctx context.Context, remote *sdk.Remote, j *pb.Job) {
	every := max(time.Duration(j.IntervalMs)*time.Millisecond, time.Second)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			cctx, cancel := context.WithTimeout(ctx, r.m.opts.CallTimeout)
			if _, err := remote.RunJob(cctx, &pb.JobRequest{Name: j.Name}); err != nil && ctx.Err() == nil {
				r.out.note("job failed", "job", j.Name, "err", err)
			}
			cancel()
		}
	}
}

// checkHealth asks the plugin how it is; it returns the number of checks in
// a row it did not answer (a plugin that answers "not ok" is running but
// unhealthy: that is shown, not restarted).
func (r *runner) checkHealth(remote *sdk.Remote, missed int) int {
	ctx, cancel := context.WithTimeout(r.ctx, 5*time.Second)
	defer cancel()
	res, err := remote.Health(ctx, &pb.Empty{})
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case err != nil:
		r.health = "no answer: " + err.Error()
		return missed + 1
	case !res.Ok:
		r.health = res.Message
	default:
		r.health = ""
	}
	return 0
}
