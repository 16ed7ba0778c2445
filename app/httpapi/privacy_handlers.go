package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/privacy"
)

// Purpose of use, promotional opt-in, data download and deletion requests
// (app/privacy): the member's side under /api/portal/privacy, HR's under
// /api/privacy.

var errNoPrivacy = fault.New(fault.Unavailable, "privacy.unavailable",
	"個人情報の機能は利用できません", "privacy features are not available")

// privacyCall runs fn with the privacy service.
func (s *Server) privacyCall(fn func(w http.ResponseWriter, r *http.Request, p *privacy.Service) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		if s.Privacy == nil {
			return errNoPrivacy
		}
		return fn(w, r, s.Privacy)
	}
}

func (s *Server) answerPrivacy(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	st, err := p.StatusOf(r.Context(), actor.From(r.Context()).ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, st)
	return nil
}

func (s *Server) portalAcceptPurpose(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	var req struct {
		Version     int  `json:"version"`
		Promotional bool `json:"promotional"`
	}
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := p.Accept(r.Context(), actor.From(r.Context()).ID, req.Version, req.Promotional); err != nil {
		return err
	}
	return s.answerPrivacy(w, r, p)
}

func (s *Server) portalPromotional(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	var req struct {
		OptIn bool `json:"opt_in"`
	}
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := p.SetPromotional(r.Context(), actor.From(r.Context()).ID, req.OptIn); err != nil {
		return err
	}
	return s.answerPrivacy(w, r, p)
}

func (s *Server) portalExport(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	me := actor.From(r.Context()).ID
	x, err := p.ExportOf(r.Context(), me)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", `attachment; filename="kizuna-my-data-`+strconv.FormatInt(me, 10)+`.json"`)
	writeJSON(w, http.StatusOK, x)
	return nil
}

func (s *Server) portalRequestDeletion(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	me := actor.From(r.Context()).ID
	if !s.memberPosts.allow("alumnus:" + strconv.FormatInt(me, 10)) {
		return errMemberTooFast
	}
	if _, err := p.RequestDeletion(r.Context(), me); err != nil {
		return err
	}
	return s.answerPrivacy(w, r, p)
}

func (s *Server) purposeHistory(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	list, err := p.History(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) publishPurpose(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	var req struct {
		TextJA string `json:"text_ja"`
		TextEN string `json:"text_en"`
	}
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	v, err := p.Publish(r.Context(), req.TextJA, req.TextEN)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, v)
	return nil
}

func (s *Server) listDeletions(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	list, err := p.Requests(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) completeDeletion(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := p.Complete(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) declineDeletion(w http.ResponseWriter, r *http.Request, p *privacy.Service) error {
	var req reasonRequest
	id, err := pathIDAndJSON(w, r, &req)
	if err != nil {
		return err
	}
	d, err := p.Decline(r.Context(), id, req.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}
