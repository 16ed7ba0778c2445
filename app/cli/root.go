package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Version is set at build time (-ldflags "-X .../app/cli.Version=...").
var Version = "dev"

// Exit codes scripts can rely on.
const (
	ExitOK       = 0
	ExitFailure  = 1
	ExitUsage    = 2
	ExitRejected = 3
	ExitInUse    = 4
)

// usageError marks a command line that is wrong.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// env is what every command shares: the data directory, logger, streams and
// the built web UI.
type env struct {
	dataDir string
	addr    string // the portal listener beside the desktop window
	verbose bool
	assets  fs.FS
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	log     *slog.Logger
}

// Execute runs the kizuna command line and returns the process exit code.
func Execute(ctx context.Context, assets fs.FS) int {
	return run(ctx, os.Args[1:], assets, os.Stdin, os.Stdout, os.Stderr)
}

func run(ctx context.Context, args []string, assets fs.FS, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{assets: assets, stdin: stdin, stdout: stdout, stderr: stderr, addr: defaultAddr}
	root := newRoot(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	fmt.Fprintln(stderr, "エラー / error:", err)
	return exitCode(err)
}

func exitCode(err error) int {
	var u usageError
	switch {
	case errors.As(err, &u):
		return ExitUsage
	case errors.Is(err, store.ErrAlreadyRunning):
		return ExitInUse
	case fault.KindOf(err) == fault.Invalid || fault.KindOf(err) == fault.Conflict:
		return ExitRejected
	}
	return ExitFailure
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "kizuna",
		Short: "Kizuna（絆）— 企業アルムナイネットワーク / the alumni network for HR teams",
		Long: `Kizuna（絆）は人事部門がアルムナイ（退職者）とのつながりを保つためのアプリです。
引数なしで起動すると人事用のデスクトップ画面を開き、アルムナイ向けポータルを配信します。

Kizuna keeps a company's HR team connected with its alumni. With no arguments it
opens the HR desktop window and serves the alumni portal; "kizuna serve" runs
without a window (the HR console is then at /console in a browser).`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			level := slog.LevelInfo
			if e.verbose {
				level = slog.LevelDebug
			}
			e.log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runDesktop(cmd.Context(), e, e.addr) },
	}
	root.Flags().StringVar(&e.addr, "addr", defaultAddr, "ポータルの待ち受けアドレス / listen address of the alumni portal")
	root.PersistentFlags().StringVar(&e.dataDir, "data", defaultDataDir(), "データフォルダ / data directory (env KIZUNA_DATA)")
	root.PersistentFlags().BoolVarP(&e.verbose, "verbose", "v", false, "詳細なログ / verbose logging")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(serveCmd(e), importCmd(e), exportCmd(e), backupCmd(e), restoreCmd(e),
		userCmd(e), tokenCmd(e), demoCmd(e), versionCmd(e),
		benchCmd(e), pluginCmd(e))
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{fmt.Errorf("不明な引数です / unknown argument %q (see %s --help)", args[0], cmd.CommandPath())}
	}
	return nil
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s を指定してください / give %s (see %s --help)", what, what, cmd.CommandPath())}
		}
		return nil
	}
}

// holdData takes the data folder for a command that must not run beside a
// running Kizuna (which would have the same files in use); busy says why
// and what to do instead.
func (e *env) holdData(busy *fault.Error) (release func(), err error) {
	lock, err := store.LockInstance(e.dataDir)
	if errors.Is(err, store.ErrAlreadyRunning) {
		return nil, busy.Wrap(err)
	}
	if err != nil {
		return nil, err
	}
	return func() { lock.Release() }, nil
}

// withApp opens the data directory for a command and closes it afterwards.
func (e *env) withApp(ctx context.Context, fn func(a *app) error) error {
	a, err := openApp(ctx, e.dataDir, e.log)
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "バージョンを表示 / print the version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(e.stdout, "kizuna %s (database schema %d)\n", Version, store.SchemaVersion())
			return nil
		},
	}
}
