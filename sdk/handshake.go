package sdk

import (
	"context"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// ProtocolVersion is the major version of the host–plugin contract. It never
// changes within version 1 of the SDK; compatible additions bump ContractMinor.
const ProtocolVersion = 1

// ContractMinor numbers the compatible additions to contract version 1 that
// this SDK knows. Each side tells the other its number at activation.
const ContractMinor = 1

// PluginName is the name under which the plugin is dispensed.
const PluginName = "kizuna"

// Handshake is the fixed magic cookie and protocol version host and plugin
// check before anything else: a program started by hand (not by Kizuna)
// prints a hint and exits.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  ProtocolVersion,
	MagicCookieKey:   "KIZUNA_PLUGIN",
	MagicCookieValue: "7f1c0e4a-kizuna-alumni-plugin-v1",
}

// GRPCPlugin joins the plugin implementation (plugin side) or the host's
// client (host side) to go-plugin. Plugin authors never use it directly.
type GRPCPlugin struct {
	plugin.NetRPCUnsupportedPlugin
	// Impl is the plugin value given to Serve (plugin side only).
	Impl any
}

// GRPCServer registers the plugin's gRPC server (plugin side).
func (p *GRPCPlugin) GRPCServer(broker *plugin.GRPCBroker, s *grpc.Server) error {
	pb.RegisterPluginServer(s, newServer(p.Impl, broker))
	return nil
}

// GRPCClient returns the host's handle on the plugin (host side).
func (p *GRPCPlugin) GRPCClient(_ context.Context, broker *plugin.GRPCBroker, c *grpc.ClientConn) (any, error) {
	return &Remote{PluginClient: pb.NewPluginClient(c), Broker: broker}, nil
}

// Remote is the host's handle on a running plugin: its gRPC client and the
// broker through which the host serves its API to the plugin.
type Remote struct {
	pb.PluginClient
	Broker *plugin.GRPCBroker
}

// PluginSet is the go-plugin plugin map, the same on both sides.
func PluginSet(impl any) plugin.PluginSet {
	return plugin.PluginSet{PluginName: &GRPCPlugin{Impl: impl}}
}
