package sdk

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"

	"github.com/hashicorp/go-plugin"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// server adapts the author's plugin value to the gRPC Plugin service. Every
// call into author code recovers from panics: a panicking handler fails that
// one call and the plugin keeps running.
type server struct {
	pb.UnimplementedPluginServer
	impl   any
	broker *plugin.GRPCBroker
	log    *slog.Logger

	mu   sync.Mutex
	jobs map[string]Job
	http *httpAdapter
}

func newServer(impl any, broker *plugin.GRPCBroker) *server {
	return &server{impl: impl, broker: broker, log: Logger(), jobs: map[string]Job{}}
}

// guard runs fn, turning a panic into a gRPC Internal error (and a log line
// with the stack on stderr, which the host shows on the plugin's page).
func (s *server) guard(what string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in plugin", "in", what, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = status.Errorf(codes.Internal, "plugin panicked in %s: %v", what, p)
		}
	}()
	if err := fn(); err != nil {
		if _, ok := status.FromError(err); ok {
			return err
		}
		return status.Error(codes.Unknown, err.Error())
	}
	return nil
}

// Activate dials the host API and activates the plugin.
func (s *server) Activate(ctx context.Context, req *pb.ActivateRequest) (*pb.ActivateResponse, error) {
	conn, err := s.broker.Dial(req.BrokerId)
	if err != nil {
		return nil, status.Errorf(codes.Unavailable, "dial host API: %v", err)
	}
	host := NewHost(pb.NewHostClient(conn), req.PluginId, req.DataDir)
	if a, ok := s.impl.(Activator); ok {
		if err := s.guard("Activate", func() error { return a.Activate(ctx, host, Settings(req.SettingsJson)) }); err != nil {
			return nil, err
		}
	}
	return s.capabilities(), nil
}

// capabilities says what the plugin implements.
func (s *server) capabilities() *pb.ActivateResponse {
	res := &pb.ActivateResponse{ContractMinor: ContractMinor}
	if e, ok := s.impl.(EventHandler); ok {
		res.Events = true
		res.Subscriptions = e.Subscriptions()
	}
	if h, ok := s.impl.(HTTPHandler); ok {
		res.Http = true
		s.http = &httpAdapter{h: h}
	}
	if sc, ok := s.impl.(Scheduler); ok {
		s.mu.Lock()
		for _, j := range sc.Jobs() {
			s.jobs[j.Name] = j
			res.Jobs = append(res.Jobs, &pb.Job{Name: j.Name, IntervalMs: j.Interval.Milliseconds()})
		}
		s.mu.Unlock()
	}
	_, res.Health = s.impl.(HealthChecker)
	_, res.Banners = s.impl.(BannerProvider)
	return res
}

func (s *server) Deactivate(ctx context.Context, _ *pb.Empty) (*pb.Empty, error) {
	if a, ok := s.impl.(Activator); ok {
		if err := s.guard("Deactivate", func() error { return a.Deactivate(ctx) }); err != nil {
			return nil, err
		}
	}
	return &pb.Empty{}, nil
}

func (s *server) HandleEvents(ctx context.Context, batch *pb.EventBatch) (*pb.Empty, error) {
	h, ok := s.impl.(EventHandler)
	if !ok {
		return nil, status.Error(codes.Unimplemented, "plugin does not handle events")
	}
	events := EventsFromProto(batch.Events)
	if err := s.guard("HandleEvents", func() error { return h.HandleEvents(ctx, events) }); err != nil {
		return nil, err
	}
	return &pb.Empty{}, nil
}

func (s *server) ServeHTTP(ctx context.Context, req *pb.HTTPRequest) (*pb.HTTPResponse, error) {
	if s.http == nil {
		return nil, status.Error(codes.Unimplemented, "plugin serves no HTTP")
	}
	return s.http.serve(ctx, req, s.log), nil
}

func (s *server) RunJob(ctx context.Context, req *pb.JobRequest) (*pb.Empty, error) {
	s.mu.Lock()
	j, ok := s.jobs[req.Name]
	s.mu.Unlock()
	if !ok {
		return nil, status.Errorf(codes.NotFound, "no job %q", req.Name)
	}
	if err := s.guard("job "+req.Name, func() error { return j.Run(ctx) }); err != nil {
		return nil, err
	}
	return &pb.Empty{}, nil
}

func (s *server) Health(ctx context.Context, _ *pb.Empty) (*pb.HealthResponse, error) {
	h, ok := s.impl.(HealthChecker)
	if !ok {
		return &pb.HealthResponse{Ok: true}, nil
	}
	if err := s.guard("CheckHealth", func() error { return h.CheckHealth(ctx) }); err != nil {
		return &pb.HealthResponse{Ok: false, Message: status.Convert(err).Message()}, nil
	}
	return &pb.HealthResponse{Ok: true}, nil
}
