package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/members"
)

// The portal's login: a one-time code or link by mail, traded for the
// kizuna_member cookie. HR credentials play no part here.

var errNoPortalLogin = fault.New(fault.Unavailable, "members.no_login", "ポータルのログインは利用できません", "portal logins are not available")

type portalLoginRequest struct {
	Email string `json:"email"`
	Code  string `json:"code"`
	Token string `json:"token"`
	Next  string `json:"next"` // start: the portal page the mailed link leads to
}

func (s *Server) portalLoginStart(w http.ResponseWriter, r *http.Request) error {
	if s.Login == nil {
		return errNoPortalLogin
	}
	var req portalLoginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := s.Login.StartReturningTo(r.Context(), req.Email, req.Next, clientAddr(r)); err != nil {
		return err
	}
	// The same answer whether or not the address belongs to a member.
	writeJSON(w, http.StatusAccepted, map[string]any{"sent": true})
	return nil
}

func (s *Server) portalLoginVerify(w http.ResponseWriter, r *http.Request) error {
	if s.Login == nil {
		return errNoPortalLogin
	}
	var req portalLoginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	var (
		id     int64
		secret string
		err    error
	)
	if req.Token != "" {
		id, secret, err = s.Login.VerifyLink(r.Context(), req.Token, clientAddr(r))
	} else {
		id, secret, err = s.Login.Verify(r.Context(), req.Email, req.Code, clientAddr(r))
	}
	if err != nil {
		return err
	}
	me, err := s.startMemberSession(w, r, id, secret, "portal.login")
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"alumnus": me})
	return nil
}

// startMemberSession sets the kizuna_member cookie for a session just
// opened, audits it as action and returns the alumnus.
func (s *Server) startMemberSession(w http.ResponseWriter, r *http.Request, id int64, secret, action string) (portalMe, error) {
	http.SetCookie(w, &http.Cookie{
		Name: MemberCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil, MaxAge: int(members.SessionLifetime.Seconds()),
	})
	a, err := s.Members.Actor(r.Context(), secret)
	if err != nil {
		return portalMe{}, err
	}
	s.Audit.Record(actor.With(r.Context(), a), action, "alumnus:"+strconv.FormatInt(id, 10), clientAddr(r))
	return portalMe{ID: a.ID, Name: a.Name}, nil
}

type portalMe struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func (s *Server) portalMe(w http.ResponseWriter, r *http.Request) error {
	a := actor.From(r.Context())
	writeJSON(w, http.StatusOK, map[string]any{"alumnus": portalMe{ID: a.ID, Name: a.Name}})
	return nil
}

func clearMemberCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: MemberCookie, Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

func (s *Server) portalLogout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(MemberCookie); err == nil && s.Members != nil {
		if err := s.Members.Close(r.Context(), c.Value); err != nil {
			return err
		}
	}
	clearMemberCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) portalLogoutAll(w http.ResponseWriter, r *http.Request) error {
	a := actor.From(r.Context())
	if err := s.Members.CloseAll(r.Context(), a.ID); err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "portal.logout_all", "alumnus:"+strconv.FormatInt(a.ID, 10), "")
	clearMemberCookie(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// HR's side: whether an alumnus may log in to the portal.

func (s *Server) getPortalMembership(w http.ResponseWriter, r *http.Request) error {
	return s.membershipAction(w, r, "", func(id int64) error { return nil })
}

func (s *Server) admitPortalMember(w http.ResponseWriter, r *http.Request) error {
	return s.membershipAction(w, r, "portal.admit", func(id int64) error {
		_, err := s.Login.AdmitByHR(r.Context(), id)
		return err
	})
}

func (s *Server) revokePortalMember(w http.ResponseWriter, r *http.Request) error {
	return s.membershipAction(w, r, "portal.revoke", func(id int64) error { return s.Login.Revoke(r.Context(), id) })
}

// membershipAction runs change on the path's alumnus, audits it as action
// (none: a read) and answers the membership.
func (s *Server) membershipAction(w http.ResponseWriter, r *http.Request, action string, change func(id int64) error) error {
	if s.Login == nil {
		return errNoPortalLogin
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := change(id); err != nil {
		return err
	}
	m, err := s.Login.Membership(r.Context(), id)
	if err != nil {
		return err
	}
	if action != "" {
		s.Audit.Record(r.Context(), action, "alumnus:"+strconv.FormatInt(id, 10), "")
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

// The portal's settings: anyone may read them (the portal's header shows
// the network name to visitors); HR with portal.manage changes them.

func (s *Server) portalInfo(w http.ResponseWriter, r *http.Request) error {
	if s.PortalSettings == nil {
		writeJSON(w, http.StatusOK, members.PortalSettings{})
		return nil
	}
	p, err := s.PortalSettings.Get(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) putPortalSettings(w http.ResponseWriter, r *http.Request) error {
	if s.PortalSettings == nil {
		return errNoPortalLogin
	}
	var req members.PortalSettings
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	p, err := s.PortalSettings.Set(r.Context(), req)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "portal.settings", "portal", p.NetworkName)
	writeJSON(w, http.StatusOK, p)
	return nil
}
