package httpapi

import (
	"io"
	"net/http"
	"strings"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/sdk"
	pb "github.com/kizuna-hr/kizuna/sdk/proto"
	"github.com/kizuna-hr/kizuna/sdk/ui"
)

// Request headers never passed to a plugin: the caller's credentials, and
// identity headers a client might forge (the plugin gets the trusted caller
// in the gRPC request instead) and hop-by-hop headers.
var strippedRequest = map[string]bool{"Cookie": true, "Authorization": true, "Connection": true, "Keep-Alive": true,
	"Proxy-Authorization": true, "Te": true, "Trailer": true, "Transfer-Encoding": true, "Upgrade": true}

// Response headers a plugin may not set: cookies on the host's origin, and
// the security headers the host decides.
var strippedResponse = map[string]bool{"Set-Cookie": true, "Set-Cookie2": true, "Content-Security-Policy": true,
	"X-Frame-Options": true, "Connection": true, "Transfer-Encoding": true, "Strict-Transport-Security": true}

// pluginCSP keeps a plugin page to its own origin; framing by the console only.
const pluginCSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'"

// pluginProxy serves /plugins/{id}/…: it authenticates the caller, removes
// their credentials and the prefix, and forwards the request to the plugin
// with the trusted caller: an HR user when HR credentials come with the
// request, else an alumnus with a portal session.
func (s *Server) pluginProxy(w http.ResponseWriter, r *http.Request) {
	a, err := s.authenticate(r)
	if err != nil {
		a, err = s.authenticateMember(r)
	}
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	if s.Plugins == nil {
		writeError(w, r, s.Log, errNotFound)
		return
	}
	id := r.PathValue("id")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, sdk.MaxBody))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	req := &pb.HTTPRequest{Method: r.Method, Path: "/" + strings.TrimPrefix(r.URL.Path, "/plugins/"+id+"/"),
		RawQuery: r.URL.RawQuery, Body: body, RemoteAddr: r.RemoteAddr, Host: r.Host, Caller: callerOf(a)}
	for name, values := range r.Header {
		if !strippedRequest[name] && !strings.HasPrefix(name, "X-Kizuna-") {
			req.Headers = append(req.Headers, &pb.Header{Name: name, Values: values})
		}
	}
	res, err := s.Plugins.ServeHTTP(actor.With(r.Context(), a), id, req)
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	h := w.Header()
	for _, hd := range res.Headers {
		name := http.CanonicalHeaderKey(hd.Name)
		if !strippedResponse[name] {
			h[name] = hd.Values
		}
	}
	h.Set("Content-Security-Policy", pluginCSP)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	status := int(res.Status)
	if status < 100 || status > 599 {
		status = http.StatusBadGateway
	}
	w.WriteHeader(status)
	w.Write(res.Body)
}

func callerOf(a actor.Actor) *pb.Caller {
	c := &pb.Caller{Kind: string(a.Kind), Id: a.ID, Name: a.Name, Role: a.Role}
	for _, p := range auth.Role(a.Role).Permissions() {
		c.Permissions = append(c.Permissions, string(p))
	}
	return c
}

// pluginCSS serves the SDK's stylesheet for plugin pages.
func pluginCSS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(ui.CSS)
}
