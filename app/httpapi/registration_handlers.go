package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/members"
)

// Open registration (public), HR's approval queue (alumni.write) and the
// members' optional password.

var errNoRegistration = fault.New(fault.Unavailable, "members.no_registration_service",
	"登録は利用できません", "registration is not available")

func (s *Server) registrations() (*members.Registrations, error) {
	if s.Registrations == nil {
		return nil, errNoRegistration
	}
	return s.Registrations, nil
}

func (s *Server) portalRegister(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.registrations()
	if err != nil {
		return err
	}
	var req members.RegistrationRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := reg.Submit(r.Context(), req, clientAddr(r)); err != nil {
		return err
	}
	// The same answer for anyone: nothing tells whether they are on the roster.
	writeJSON(w, http.StatusAccepted, map[string]any{"sent": true})
	return nil
}

func (s *Server) portalRegisterVerify(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.registrations()
	if err != nil {
		return err
	}
	var req portalLoginRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	out, err := reg.Verify(r.Context(), req.Email, req.Code, clientAddr(r))
	if err != nil {
		return err
	}
	body := map[string]any{"status": out.Status}
	if out.Secret != "" {
		me, err := s.startMemberSession(w, r, out.AlumnusID, out.Secret, "portal.register")
		if err != nil {
			return err
		}
		body["alumnus"] = me
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

func (s *Server) registrationQueue(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.registrations()
	if err != nil {
		return err
	}
	q, err := reg.Queue(r.Context())
	if err != nil {
		return err
	}
	// The candidates are roster entries: personal data shown to HR.
	s.Audit.Record(r.Context(), "portal.registrations.view", "registrations", strconv.Itoa(len(q)))
	writeJSON(w, http.StatusOK, map[string]any{"items": q})
	return nil
}

func (s *Server) approveRegistration(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.registrations()
	if err != nil {
		return err
	}
	var req members.Approval
	id, err := pathIDAndJSON(w, r, &req)
	if err != nil {
		return err
	}
	g, replaced, err := reg.Approve(r.Context(), id, req)
	if err != nil {
		return err
	}
	target := "alumnus:" + strconv.FormatInt(req.AlumnusID, 10)
	if replaced != "" {
		s.Audit.Record(r.Context(), "alumni.email_changed", target, "registration "+strconv.FormatInt(id, 10))
	}
	s.Audit.Record(r.Context(), "portal.registration.approve", target, "registration "+strconv.FormatInt(id, 10))
	writeJSON(w, http.StatusOK, g)
	return nil
}

func (s *Server) rejectRegistration(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.registrations()
	if err != nil {
		return err
	}
	var req reasonRequest
	id, err := pathIDAndJSON(w, r, &req)
	if err != nil {
		return err
	}
	g, err := reg.Reject(r.Context(), id, req.Reason)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "portal.registration.reject", "registration:"+strconv.FormatInt(id, 10), "")
	writeJSON(w, http.StatusOK, g)
	return nil
}

type passwordRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

func (s *Server) portalPasswordLogin(w http.ResponseWriter, r *http.Request) error {
	if s.Login == nil {
		return errNoPortalLogin
	}
	var req passwordRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	id, secret, err := s.Login.PasswordLogin(r.Context(), req.Email, req.Password, clientAddr(r))
	if err != nil {
		return err
	}
	me, err := s.startMemberSession(w, r, id, secret, "portal.login_password")
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"alumnus": me})
	return nil
}

func (s *Server) portalPassword(w http.ResponseWriter, r *http.Request) error {
	set, err := s.Login.HasPassword(r.Context(), actor.From(r.Context()).ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"set": set})
	return nil
}

func memberSecret(r *http.Request) string {
	if c, err := r.Cookie(MemberCookie); err == nil {
		return c.Value
	}
	return ""
}

func (s *Server) portalSetPassword(w http.ResponseWriter, r *http.Request) error {
	var req passwordRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	id := actor.From(r.Context()).ID
	if err := s.Login.SetPassword(r.Context(), id, req.Password, memberSecret(r)); err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "portal.password.set", "alumnus:"+strconv.FormatInt(id, 10), "")
	writeJSON(w, http.StatusOK, map[string]any{"set": true})
	return nil
}

func (s *Server) portalRemovePassword(w http.ResponseWriter, r *http.Request) error {
	id := actor.From(r.Context()).ID
	if err := s.Login.RemovePassword(r.Context(), id, memberSecret(r)); err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "portal.password.remove", "alumnus:"+strconv.FormatInt(id, 10), "")
	writeJSON(w, http.StatusOK, map[string]any{"set": false})
	return nil
}
