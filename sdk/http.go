package sdk

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"

	pb "github.com/kizuna-hr/kizuna/sdk/proto"
)

// Caller is who sent an HTTP request to the plugin, as the host
// authenticated them. The browser's cookies and Authorization header never
// reach the plugin.
type Caller struct {
	Kind        string   // "user", "token", "desktop", "alumnus"
	ID          int64    // user, token or alumnus id
	Name        string   // email or token name
	Role        string   // "owner", "hr_admin", "hr_staff", "coordinator", "viewer", "alumnus"
	Permissions []string // the caller's host permissions, e.g. "alumni.read"
}

// Can reports whether the caller holds a host permission.
func (c Caller) Can(perm string) bool { return slices.Contains(c.Permissions, perm) }

type callerKey struct{}

// WithCaller returns ctx carrying c (the SDK does this for every request;
// tests use it to build requests).
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the request's caller; ok is false outside a request.
func CallerFrom(ctx context.Context) (c Caller, ok bool) {
	c, ok = ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// MaxBody bounds request and response bodies crossing the boundary.
const MaxBody = 16 << 20

type httpAdapter struct{ h HTTPHandler }

// serve runs the handler for one request; a panic answers 500 to this
// request only.
func (a *httpAdapter) serve(ctx context.Context, req *pb.HTTPRequest, log *slog.Logger) (res *pb.HTTPResponse) {
	rec := &recorder{header: http.Header{}}
	defer func() {
		if p := recover(); p != nil {
			log.Error("panic in plugin HTTP handler", "path", req.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			res = &pb.HTTPResponse{Status: http.StatusInternalServerError, Body: []byte("plugin error\n"),
				Headers: []*pb.Header{{Name: "Content-Type", Values: []string{"text/plain; charset=utf-8"}}}}
		}
	}()
	r, err := RequestFromProto(ctx, req)
	if err != nil {
		return &pb.HTTPResponse{Status: http.StatusBadRequest, Body: []byte(err.Error())}
	}
	a.h.ServeHTTP(rec, r)
	return rec.proto()
}

// RequestFromProto builds the *http.Request a plugin handler sees.
func RequestFromProto(ctx context.Context, req *pb.HTTPRequest) (*http.Request, error) {
	if req.Caller != nil {
		ctx = WithCaller(ctx, Caller{Kind: req.Caller.Kind, ID: req.Caller.Id, Name: req.Caller.Name,
			Role: req.Caller.Role, Permissions: req.Caller.Permissions})
	}
	target := req.Path
	if req.RawQuery != "" {
		target += "?" + req.RawQuery
	}
	r, err := http.NewRequestWithContext(ctx, req.Method, target, bytes.NewReader(req.Body))
	if err != nil {
		return nil, err
	}
	r.Host = req.Host
	r.RemoteAddr = req.RemoteAddr
	r.RequestURI = target
	for _, h := range req.Headers {
		r.Header[http.CanonicalHeaderKey(h.Name)] = h.Values
	}
	return r, nil
}

// HeadersToProto converts an http.Header.
func HeadersToProto(h http.Header) []*pb.Header {
	out := make([]*pb.Header, 0, len(h))
	for k, v := range h {
		out = append(out, &pb.Header{Name: k, Values: v})
	}
	return out
}

// recorder is the ResponseWriter a plugin handler writes to.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.body.Len()+len(b) > MaxBody {
		return 0, fmt.Errorf("response body over %d bytes", MaxBody)
	}
	return r.body.Write(b)
}

func (r *recorder) proto() *pb.HTTPResponse {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.header.Get("Content-Type") == "" && r.body.Len() > 0 {
		r.header.Set("Content-Type", http.DetectContentType(r.body.Bytes()))
	}
	return &pb.HTTPResponse{Status: int32(r.status), Headers: HeadersToProto(r.header), Body: r.body.Bytes()}
}

// BasePath is the path under which the browser sees the plugin's pages,
// ending in "/" — e.g. "/pf/…/" for a page framed in the console or the
// portal. Prefer relative links; use it for an absolute one.
func BasePath(r *http.Request) string {
	if b := r.Header.Get("X-Kizuna-Base"); b != "" {
		return b
	}
	return "/"
}
