package sdk

import (
	"log/slog"
	"os"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

// MaxMessage bounds one gRPC message between host and plugin: an HTTP body
// of MaxBody plus its headers.
const MaxMessage = MaxBody + 1<<20

// Serve runs the plugin p until the host stops it. Call it as the only
// statement of main. p implements any of Activator, EventHandler,
// HTTPHandler, Scheduler, HealthChecker and BannerProvider.
//
// main からこの関数だけを呼んでください。
func Serve(p any) {
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: Handshake,
		Plugins:         PluginSet(p),
		GRPCServer: func(opts []grpc.ServerOption) *grpc.Server {
			return grpc.NewServer(append(opts, grpc.MaxRecvMsgSize(MaxMessage), grpc.MaxSendMsgSize(MaxMessage))...)
		},
	})
}

// Logger returns a logger for plugin code. Its lines go to the plugin's
// stderr, which the host copies into its own log and shows on the plugin's
// page in the console.
func Logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}
