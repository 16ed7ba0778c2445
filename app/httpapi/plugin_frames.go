package httpapi

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// A plugin's pages run in an opaque-origin sandbox (the host sends them with
// a CSP "sandbox" policy and the console frames them without
// allow-same-origin): their scripts can neither reach the console's page nor
// call the host's API with the user's cookies — the browser sends none from
// an opaque origin. So that the pages still know their user, opening
// /plugins/{id}/… with a session redirects to /pf/{grant}/…, a path that
// carries an unguessable grant for that one plugin. Relative links keep it.
// Each request under the grant authenticates again with the credentials it
// was minted from, so logging out ends it too.

// frameLifetime bounds a grant (as long as a console session lasts).
const frameLifetime = auth.SessionLifetime

// maxFrameGrants bounds the grants kept in memory; the oldest expire first.
const maxFrameGrants = 10_000

var errFrameExpired = fault.New(fault.Unauthorized, "plugin.frame_expired",
	"このプラグイン画面の有効期限が切れました。メニューから開き直してください",
	"this plugin page has expired; open it again from the menu")

// reauth authenticates again with the credentials a grant was minted from.
type reauth func(ctx context.Context) (actor.Actor, error)

type frameGrant struct {
	plugin  string
	auth    reauth
	expires time.Time
}

// frameGrants are the live grants, by the hash of their secret.
type frameGrants struct {
	mu sync.Mutex
	m  map[string]frameGrant
}

func newFrameGrants() *frameGrants { return &frameGrants{m: map[string]frameGrant{}} }

// mint returns a new grant's secret for plugin.
func (g *frameGrants) mint(plugin string, a reauth) string {
	secret := auth.NewSecret()
	now := time.Now()
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.m) >= maxFrameGrants {
		g.prune(now)
	}
	g.m[auth.HashSecret(secret)] = frameGrant{plugin: plugin, auth: a, expires: now.Add(frameLifetime)}
	return secret
}

// prune drops expired grants, and the oldest half if none had expired.
func (g *frameGrants) prune(now time.Time) {
	for k, v := range g.m {
		if now.After(v.expires) {
			delete(g.m, k)
		}
	}
	if len(g.m) < maxFrameGrants {
		return
	}
	cut := now.Add(frameLifetime / 2)
	for k, v := range g.m {
		if v.expires.Before(cut) {
			delete(g.m, k)
		}
	}
}

// get returns the live grant with secret.
func (g *frameGrants) get(secret string) (frameGrant, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	v, ok := g.m[auth.HashSecret(secret)]
	if !ok || time.Now().After(v.expires) {
		return frameGrant{}, false
	}
	return v, true
}

// pluginCaller authenticates a request to a plugin: an HR user (desktop,
// bearer token or console session), else an alumnus with a portal session.
// reauth is nil for bearer tokens (scripts, never framed).
func (s *Server) pluginCaller(r *http.Request) (actor.Actor, reauth, error) {
	if isDesktop(r) {
		a, err := s.authenticate(r)
		return a, func(context.Context) (actor.Actor, error) { return a, nil }, err
	}
	if h := r.Header.Get("Authorization"); h != "" {
		a, err := s.authenticate(r)
		return a, nil, err
	}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if a, err := s.Auth.SessionActor(r.Context(), c.Value); err == nil {
			return a, func(ctx context.Context) (actor.Actor, error) { return s.Auth.SessionActor(ctx, c.Value) }, nil
		}
	}
	if c, err := r.Cookie(MemberCookie); err == nil && c.Value != "" && s.Members != nil {
		a, err := s.Members.Actor(r.Context(), c.Value)
		return a, func(ctx context.Context) (actor.Actor, error) { return s.Members.Actor(ctx, c.Value) }, err
	}
	return actor.Actor{}, nil, auth.ErrNotLoggedIn
}

// framedPlugin serves /pf/{grant}/…: a plugin's page under its grant.
func (s *Server) framedPlugin(w http.ResponseWriter, r *http.Request) {
	secret := r.PathValue("grant")
	g, ok := s.frames.get(secret)
	if !ok {
		writeError(w, r, s.Log, errFrameExpired)
		return
	}
	a, err := g.auth(r.Context())
	if err != nil {
		writeError(w, r, s.Log, errFrameExpired.Wrap(err))
		return
	}
	s.forwardToPlugin(w, r, a, g.plugin, "/"+r.PathValue("rest"), "/pf/"+secret+"/")
}
