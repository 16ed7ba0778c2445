package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/desktop"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/httpapi"
	"github.com/kizuna-hr/kizuna/app/store"
)

const defaultAddr = "127.0.0.1:8080"

// errPortInUse reports a listener address another program holds.
var errPortInUse = fault.New(fault.Unavailable, "serve.port_in_use", "ポートが既に使用されています。--addr で別のポートを指定してください", "the port is already in use; choose another with --addr")

func serveCmd(e *env) *cobra.Command {
	addr := defaultAddr
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "画面なしでサーバーとして起動 / run headless: the portal and the HR console at /console",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return e.runInstance(ctx, func(a *app, srv *httpapi.Server) error {
				ln, err := listen(addr)
				if err != nil {
					return err
				}
				a.mail.SetDefaultBaseURL(listenerURL(ln.Addr()))
				fmt.Fprintf(e.stdout, "Kizuna を起動しました / Kizuna is running\n  HR コンソール / HR console: http://%s/console/\n  ポータル / portal:          http://%s/portal/\n", ln.Addr(), ln.Addr())
				return serveUntilDone(ctx, ln, srv, a)
			})
		},
	}
	cmd.Flags().StringVar(&addr, "addr", addr, "待ち受けるアドレス / listen address HOST:PORT")
	return cmd
}

// runInstance takes the data directory's instance lock, opens the app,
// builds the HTTP handler and runs fn.
func (e *env) runInstance(ctx context.Context, fn func(a *app, srv *httpapi.Server) error) error {
	lock, err := store.LockInstance(e.dataDir)
	if err != nil {
		return err
	}
	defer lock.Release()
	return e.withApp(ctx, func(a *app) error {
		a.alumniRepo.PruneChanges(ctx, 100_000)
		srv := a.handler(e)
		if err := a.mail.Start(ctx); err != nil {
			return fmt.Errorf("start the mail engine: %w", err)
		}
		defer func() {
			if err := a.mail.Stop(context.WithoutCancel(ctx)); err != nil {
				e.log.Warn("mail engine stop", "err", err)
			}
		}()
		// Campaigns: scheduled starts, finishing, pause on a run of SMTP errors.
		superCtx, stopSuper := context.WithCancel(ctx)
		superDone := make(chan struct{})
		defer func() { stopSuper(); <-superDone }()
		go func() { defer close(superDone); a.campaigns.Run(superCtx) }()
		// Events and notifications: reminders a day ahead, the weekly digest.
		jobsDone := make(chan struct{}, 2)
		defer func() { stopSuper(); <-jobsDone; <-jobsDone }()
		go func() { defer func() { jobsDone <- struct{}{} }(); a.meetups.Run(superCtx, 10*time.Minute) }()
		go func() { defer func() { jobsDone <- struct{}{} }(); a.notify.Run(superCtx, time.Hour) }()
		if err := a.plugins.Start(ctx); err != nil {
			e.log.Warn("plugins not started", "err", err)
		}
		warmCtx, stopWarm := context.WithCancel(ctx)
		warmed := make(chan struct{})
		defer func() { stopWarm(); <-warmed }() // never close the store under it
		go func() {
			defer close(warmed)
			start := time.Now()
			if err := a.alumni.Directory().Load(warmCtx); err != nil && warmCtx.Err() == nil {
				e.log.Warn("directory warm-up failed", "err", err)
			}
			// Loading reads every row and makes much short-lived garbage;
			// hand both back so that an idle Kizuna stays small.
			a.store.ReleaseIdle()
			debug.FreeOSMemory()
			e.log.Debug("directory loaded", "ms", time.Since(start).Milliseconds())
		}()
		return fn(a, srv)
	})
}

func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, errPortInUse.Withf("%s", "%s", addr).Wrap(err)
		}
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// serveUntilDone serves HTTP on ln until ctx is done, then shuts down gracefully.
func serveUntilDone(ctx context.Context, ln net.Listener, h http.Handler, a *app) error {
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	a.log.Info("shutting down")
	return hs.Shutdown(shutdownCtx)
}

// runDesktop opens the HR window and serves the portal on addr beside it.
func runDesktop(ctx context.Context, e *env, addr string) error {
	if !desktop.DisplayAvailable() {
		return fault.New(fault.Unavailable, "desktop.no_display",
			"画面（ディスプレイ）がありません。サーバーとして起動するには kizuna serve を使ってください",
			"no display available; run `kizuna serve` to start without a window")
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return e.runInstance(ctx, func(a *app, srv *httpapi.Server) error {
		ln, err := listen(addr)
		if err != nil {
			e.log.Warn("the alumni portal is not served; the desktop window works without it", "err", err)
		} else {
			a.mail.SetDefaultBaseURL(listenerURL(ln.Addr()))
			e.log.Info("alumni portal", "url", "http://"+ln.Addr().String()+"/portal/")
			go serveUntilDone(ctx, ln, srv, a)
		}
		return desktop.Run(desktop.Options{
			Title:   "Kizuna 絆",
			Handler: srv.DesktopHandler(),
			Context: ctx,
			Backup: func(ctx context.Context, path string) error {
				return a.backups.Backup(desktopActor(ctx), path)
			},
			Restore: func(ctx context.Context, path string) error {
				return a.backups.Restore(desktopActor(ctx), path, path)
			},
			Export: func(ctx context.Context, format, path string) error {
				return exportToFile(desktopActor(ctx), a, format, path)
			},
			Logf: func(format string, args ...any) { e.log.Info(fmt.Sprintf(format, args...)) },
		})
	})
}
