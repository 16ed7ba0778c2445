package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/backup"
	"github.com/kizuna-hr/kizuna/app/companies"
	"github.com/kizuna-hr/kizuna/app/feed"
	"github.com/kizuna-hr/kizuna/app/invitations"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/meetups"
	"github.com/kizuna-hr/kizuna/app/members"
	"github.com/kizuna-hr/kizuna/app/notify"
	"github.com/kizuna-hr/kizuna/app/plugins"
	"github.com/kizuna-hr/kizuna/app/privacy"
	"github.com/kizuna-hr/kizuna/app/profiles"
	"github.com/kizuna-hr/kizuna/app/segments"
	"github.com/kizuna-hr/kizuna/app/store"
	"github.com/kizuna-hr/kizuna/sdk/ui"
)

// Deps are the capabilities the HTTP layer exposes.
type Deps struct {
	Store     *store.Store
	Alumni    *alumni.Service
	Auth      *auth.Service
	Audit     *audit.Log
	Companies *companies.Repo
	Data      DataPorter
	Backups   *backup.Service
	Mail      *mail.Engine      // outbox, settings, catcher, consent; nil disables the mail routes
	Plugins   *plugins.Manager  // nil: no plugin host (plugin routes answer 404)
	Members   *members.Sessions // alumni's portal sessions (nil: no portal logins)
	Login     *members.Login    // the portal's one-time-code login (nil: login routes answer 503)
	// PortalSettings holds the network name (nil: GET /api/portal/info answers defaults).
	PortalSettings *members.Settings
	Feed           *feed.Service     // the portal feed (nil: feed routes answer 503)
	Profiles       *profiles.Service // portal profiles, survey and member directory (nil: those routes answer 503)
	Assets         fs.FS             // the built single-page app (index.html, assets/)
	Log            *slog.Logger
	Version        string

	// Segments and Campaigns serve the campaign screens (nil: those routes answer 503).
	Segments  *segments.Service
	Campaigns *mail.Campaigns

	// Meetups and Notify serve events and alumni's notifications (nil: those routes answer 503).
	Meetups *meetups.Service
	Notify  *notify.Service

	// Invitations serve personal invitations (nil: those routes answer 503).
	Invitations *invitations.Service
	// Registrations runs open registration and HR's approval queue (nil: those routes answer 503).
	Registrations *members.Registrations
	// Privacy serves purpose of use, data download and deletion requests (nil: those routes answer 503).
	Privacy *privacy.Service
}

// Server is Kizuna's HTTP handler.
type Server struct {
	Deps
	mux  *http.ServeMux
	jobs *jobs
	csrf *http.CrossOriginProtection
	// unsubAll and unsubBad rate-limit the public unsubscribe page per
	// client address: every request, and those with an invalid link.
	unsubAll, unsubBad *ipLimiter
	frames             *frameGrants // plugin pages' grants (plugin_frames.go)
	// memberPosts rate-limits what one alumnus triggers (RSVPs, check-ins).
	memberPosts *ipLimiter
	photoRate   *ipLimiter // photo uploads per member
	inviteRate  *ipLimiter // the public invitation page per client
}

// New builds the handler.
func New(d Deps) *Server {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	s := &Server{Deps: d, mux: http.NewServeMux(), jobs: newJobs(), frames: newFrameGrants()}
	s.unsubAll, s.unsubBad = unsubscribeLimits()
	s.memberPosts = memberPostLimits()
	s.photoRate = photoLimits()
	s.inviteRate = inviteLimits()
	s.csrf = http.NewCrossOriginProtection()
	s.csrf.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, s.Log, errCrossOrigin)
	}))
	// Mail providers POST RFC 8058 one-click unsubscribes from their own
	// sites; the signed token authorises them.
	s.csrf.AddInsecureBypassPattern("POST /unsubscribe")
	// A plugin page posts from its opaque-origin sandbox (Origin: null); the
	// unguessable grant in its path authorises it.
	s.csrf.AddInsecureBypassPattern("/pf/")
	for _, rt := range s.routes() {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt))
	}
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("/plugins/{id}/", s.pluginProxy)
	s.mux.HandleFunc("/pf/{grant}/{rest...}", s.framedPlugin)
	s.mux.HandleFunc("GET "+ui.CSSPath, pluginCSS)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { writeError(w, r, s.Log, errNotFound) })
	s.mux.Handle("/", s.spa())
	return s
}

// ServeHTTP serves the network door: callers are authenticated per request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.outer(w, r)
}

type desktopKey struct{}

// DesktopHandler serves the desktop door: every request comes from the local
// owner at the window. It is only ever handed to the in-process window, never
// to a listener.
func (s *Server) DesktopHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), desktopKey{}, true)
		s.outer(w, r.WithContext(ctx))
	})
}

func isDesktop(r *http.Request) bool {
	v, _ := r.Context().Value(desktopKey{}).(bool)
	return v
}

// outer adds what every response needs: panic recovery, security headers,
// request logging and cross-site request forgery protection.
func (s *Server) outer(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			s.Log.Error("panic in handler", "path", r.URL.Path, "panic", p)
			writeError(w, r, s.Log, errInternal)
		}
	}()
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
	rec := &statusRecorder{ResponseWriter: w, status: 200}
	s.csrf.Handler(s.mux).ServeHTTP(rec, r)
	if r.URL.Path != "/healthz" {
		s.Log.Debug("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", time.Since(start).Milliseconds())
	}
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if err := s.Store.Ping(r.Context()); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// guard authenticates the caller and checks the route's permission before
// calling its handler, with the actor in the request context.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authenticate := s.authenticate
		if rt.Permission == member {
			authenticate = s.authenticateMember
		}
		a, err := authenticate(r)
		if err != nil && rt.Permission != public {
			writeError(w, r, s.Log, err)
			return
		}
		ctx := actor.With(r.Context(), a)
		if rt.Permission != public && rt.Permission != anyHRUser && rt.Permission != member {
			if err := auth.Authorize(ctx, rt.Permission); err != nil {
				writeError(w, r, s.Log, err)
				return
			}
		}
		if err := rt.Handler(w, r.WithContext(ctx)); err != nil {
			writeError(w, r, s.Log, err)
		}
	})
}

// SessionCookie is the console session cookie's name.
const SessionCookie = "kizuna_session"

func (s *Server) authenticate(r *http.Request) (actor.Actor, error) {
	if isDesktop(r) {
		return actor.Actor{Kind: actor.Desktop, Name: "desktop", Role: string(auth.Owner)}, nil
	}
	if h := r.Header.Get("Authorization"); len(h) > 7 && (h[:7] == "Bearer " || h[:7] == "bearer ") {
		return s.Auth.TokenActor(r.Context(), h[7:])
	}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		return s.Auth.SessionActor(r.Context(), c.Value)
	}
	return actor.Actor{}, auth.ErrNotLoggedIn
}

// MemberCookie is the portal session cookie's name (apart from the console's,
// so an HR user can try the portal as an alumnus in the same browser).
const MemberCookie = "kizuna_member"

// authenticateMember resolves the portal session cookie to an alumnus.
func (s *Server) authenticateMember(r *http.Request) (actor.Actor, error) {
	c, err := r.Cookie(MemberCookie)
	if err != nil || c.Value == "" || s.Members == nil {
		return actor.Actor{}, members.ErrNotLoggedIn
	}
	return s.Members.Actor(r.Context(), c.Value)
}

func (s *Server) canSeePrivate(ctx context.Context) bool {
	return auth.Authorize(ctx, auth.AlumniReadPrivate) == nil
}
