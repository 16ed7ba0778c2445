package sdk

import (
	"log/slog"
	"os"

	"github.com/hashicorp/go-plugin"
)

// Serve runs the plugin p until the host stops it. Call it as the only
// statement of main. p implements any of Activator, EventHandler,
// HTTPHandler, Scheduler and HealthChecker.
//
// main からこの関数だけを呼んでください。
func Serve(p any) {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: Handshake,
		Plugins:         PluginSet(p),
		GRPCServer:      plugin.DefaultGRPCServer,
	})
}

// Logger returns a logger for plugin code. Its lines go to the plugin's
// stderr, which the host copies into its own log and shows on the plugin's
// page in the console.
func Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
