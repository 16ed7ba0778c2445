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

// pluginCSP keeps a plugin page in an opaque-origin sandbox (see
// plugin_frames.go) and to the host's resources; framing by the host only.
const pluginCSP = "sandbox allow-scripts allow-forms allow-downloads allow-popups allow-popups-to-escape-sandbox; " +
	"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; " +
	"frame-ancestors 'self'; base-uri 'none'; form-action 'self'"

// BaseHeader tells a plugin the path its pages have in the browser (the
// grant's /pf/{grant}/ or /plugins/{id}/), for absolute links.
const BaseHeader = "X-Kizuna-Base"

// pluginProxy serves /plugins/{id}/…. A page opened with a session is
// redirected under a frame grant (plugin_frames.go); other requests (bearer
// tokens, form posts from the console) go to the plugin as they are.
func (s *Server) pluginProxy(w http.ResponseWriter, r *http.Request) {
	a, again, err := s.pluginCaller(r)
	id := r.PathValue("id")
	rest := strings.TrimPrefix(r.URL.Path, "/plugins/"+id+"/")
	if err != nil {
		if !loginFirst(w, r, err, id, rest) {
			writeError(w, r, s.Log, err)
		}
		return
	}
	// The desktop window needs no grant: every request from it is the local
	// owner's, cookie or not, and the page is still sandboxed by its CSP.
	if again != nil && !isDesktop(r) && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		target := "/pf/" + s.frames.mint(id, again) + "/" + rest
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusSeeOther)
		return
	}
	s.forwardToPlugin(w, r, a, id, "/"+rest, "/plugins/"+id+"/")
}

// forwardToPlugin sends the request to the plugin as the trusted caller a,
// without the caller's credentials, at path (prefix removed); base is the
// prefix the browser sees.
func (s *Server) forwardToPlugin(w http.ResponseWriter, r *http.Request, a actor.Actor, id, path, base string) {
	if s.Plugins == nil {
		writeError(w, r, s.Log, errNotFound)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, sdk.MaxBody))
	if err != nil {
		writeError(w, r, s.Log, err)
		return
	}
	req := &pb.HTTPRequest{Method: r.Method, Path: path,
		RawQuery: r.URL.RawQuery, Body: body, RemoteAddr: r.RemoteAddr, Host: r.Host, Caller: callerOf(a)}
	for name, values := range r.Header {
		if !strippedRequest[name] && !strings.HasPrefix(name, "X-Kizuna-") {
			req.Headers = append(req.Headers, &pb.Header{Name: name, Values: values})
		}
	}
	req.Headers = append(req.Headers, &pb.Header{Name: BaseHeader, Values: []string{base}})
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
