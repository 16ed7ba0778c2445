package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/invitations"
	"github.com/kizuna-hr/kizuna/app/members"
)

var errNoInvitations = fault.New(fault.Unavailable, "invitations.unavailable",
	"招待機能は利用できません", "invitations are not available")

// inviteLimits caps the public invitation page per client address (someone
// guessing links).
func inviteLimits() *ipLimiter { return &ipLimiter{every: 2 * time.Second, burst: 20} }

func (s *Server) invitationsReady(r *http.Request) error {
	if s.Invitations == nil {
		return errNoInvitations
	}
	// The public pages (with a token) are rate-limited per client address.
	if r.PathValue("token") != "" && !s.inviteRate.allow(clientAddr(r)) {
		return errMemberTooFast
	}
	return nil
}

// listInvitations: GET /api/invitations?status=&alumnus_id=
func (s *Server) listInvitations(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	id, _ := strconv.ParseInt(r.URL.Query().Get("alumnus_id"), 10, 64)
	items, err := s.Invitations.List(r.Context(), invitations.Status(r.URL.Query().Get("status")), id)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "invitations.list", "invitations", r.URL.RawQuery)
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}

// invitationLeavers: GET /api/invitations/leavers?from=&to=
func (s *Server) invitationLeavers(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	q := r.URL.Query()
	items, err := s.Invitations.Leavers(r.Context(), q.Get("from"), q.Get("to"))
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "invitations.leavers", "alumni", r.URL.RawQuery)
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}

// sendInvitations: POST /api/invitations issues and (with send) mails links.
func (s *Server) sendInvitations(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	var in invitations.Input
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	res, err := s.Invitations.Issue(r.Context(), in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": res})
	return nil
}

// invitationLeaflets: POST /api/invitations/leaflets answers one A4 PDF.
func (s *Server) invitationLeaflets(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	var in invitations.Input
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	_, pdf, err := s.Invitations.Leaflets(r.Context(), in)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", `attachment; filename="invitation-leaflets.pdf"`)
	h.Set("Cache-Control", "no-store")
	_, err = w.Write(pdf)
	return err
}

// revokeInvitation: DELETE /api/invitations/{id} (the alumnus's id).
func (s *Server) revokeInvitation(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.Invitations.Revoke(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// portalInvitation: GET /api/portal/invitations/{token} shows who invites.
func (s *Server) portalInvitation(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	p, err := s.Invitations.Lookup(r.Context(), r.PathValue("token"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

// portalAcceptInvitation: POST /api/portal/invitations/{token}/accept joins
// and opens a portal session (the cookie, as after a login).
func (s *Server) portalAcceptInvitation(w http.ResponseWriter, r *http.Request) error {
	if err := s.invitationsReady(r); err != nil {
		return err
	}
	if s.Members == nil {
		return errNoPortalLogin
	}
	_, secret, err := s.Invitations.Accept(r.Context(), r.PathValue("token"), clientAddr(r))
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: MemberCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil, MaxAge: int(members.SessionLifetime.Seconds()),
	})
	a, err := s.Members.Actor(r.Context(), secret)
	if err != nil {
		return err
	}
	s.Audit.Record(actor.With(r.Context(), a), "portal.login", "alumnus:"+strconv.FormatInt(a.ID, 10), "invitation")
	writeJSON(w, http.StatusOK, map[string]any{"alumnus": portalMe{ID: a.ID, Name: a.Name}})
	return nil
}
