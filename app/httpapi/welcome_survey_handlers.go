package httpapi

import (
	"net/http"
	"strconv"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/profiles"
)

// welcomeSurveyView is the console's welcome-survey tab: the current
// version, which answers may appear on profiles, and the answer counts.
type welcomeSurveyView struct {
	Survey        profiles.Survey                `json:"survey"`
	ProfileFields map[string]profiles.Visibility `json:"profile_fields"`
	Summary       profiles.SurveySummary         `json:"summary"`
}

func (s *Server) writeWelcomeSurvey(w http.ResponseWriter, r *http.Request, p *profiles.Service) error {
	var v welcomeSurveyView
	var err error
	if v.Survey, err = p.Survey(r.Context()); err != nil {
		return err
	}
	if v.ProfileFields, err = p.ProfileFieldPolicy(r.Context()); err != nil {
		return err
	}
	if v.Summary, err = p.SummarizeSurvey(r.Context()); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) getWelcomeSurvey(w http.ResponseWriter, r *http.Request) error {
	p, err := s.profilesOr()
	if err != nil {
		return err
	}
	return s.writeWelcomeSurvey(w, r, p)
}

func (s *Server) publishWelcomeSurvey(w http.ResponseWriter, r *http.Request) error {
	p, err := s.profilesOr()
	if err != nil {
		return err
	}
	var draft profiles.Survey
	if err := decodeJSON(w, r, &draft); err != nil {
		return err
	}
	sv, err := p.PublishSurvey(r.Context(), actor.From(r.Context()).Name, draft)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "survey.publish", "survey", "version "+strconv.Itoa(sv.Version))
	return s.writeWelcomeSurvey(w, r, p)
}

func (s *Server) putSurveyProfileFields(w http.ResponseWriter, r *http.Request) error {
	p, err := s.profilesOr()
	if err != nil {
		return err
	}
	var m map[string]profiles.Visibility
	if err := decodeJSON(w, r, &m); err != nil {
		return err
	}
	if _, err := p.SetProfileFieldPolicy(r.Context(), m); err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "survey.profile_fields", "survey", "")
	return s.writeWelcomeSurvey(w, r, p)
}
