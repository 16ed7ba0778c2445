package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/mail"
)

func campaignSubject(id int64) string { return fmt.Sprintf("campaign:%d", id) }

// campaignID reads the path's campaign id once the mailer is on.
func (s *Server) campaignID(r *http.Request) (int64, error) {
	if err := s.mailOn(); err != nil {
		return 0, err
	}
	return pathID(r)
}

func (s *Server) listCampaigns(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailOn(); err != nil {
		return err
	}
	list, err := s.Campaigns.List(r.Context(), r.URL.Query().Get("state"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) getCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	c, err := s.Campaigns.Get(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

func (s *Server) createCampaign(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailOn(); err != nil {
		return err
	}
	var in mail.CampaignInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.Campaigns.Create(r.Context(), in, actor.From(r.Context()).Name)
	if err != nil {
		return err
	}
	return s.auditCampaign(w, r, http.StatusCreated, "campaign.create", c)
}

// auditCampaign records action on c and answers c.
func (s *Server) auditCampaign(w http.ResponseWriter, r *http.Request, status int, action string, c mail.CampaignInfo) error {
	if err := s.Audit.Record(r.Context(), action, campaignSubject(c.ID), c.Name); err != nil {
		return err
	}
	writeJSON(w, status, c)
	return nil
}

func (s *Server) updateCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	var in mail.CampaignInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.Campaigns.Update(r.Context(), id, in)
	if err != nil {
		return err
	}
	return s.auditCampaign(w, r, http.StatusOK, "campaign.update", c)
}

func (s *Server) deleteCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	if err := s.Campaigns.Delete(r.Context(), id); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "campaign.delete", campaignSubject(id), ""); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) duplicateCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	c, err := s.Campaigns.Duplicate(r.Context(), id, actor.From(r.Context()).Name)
	if err != nil {
		return err
	}
	return s.auditCampaign(w, r, http.StatusCreated, "campaign.create", c)
}

// campaignFn is one lifecycle step of a campaign.
type campaignFn func(ctx context.Context, id int64) (mail.CampaignInfo, error)

// campaignAction serves start, pause, resume and cancel.
func (s *Server) campaignAction(action string, fn func(*mail.Campaigns) campaignFn) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := s.campaignID(r)
		if err != nil {
			return err
		}
		c, err := fn(s.Campaigns)(r.Context(), id)
		if err != nil {
			return err
		}
		return s.auditCampaign(w, r, http.StatusOK, "campaign."+action, c)
	}
}

func (s *Server) scheduleCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	var in struct {
		At time.Time `json:"at"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := s.Campaigns.Schedule(r.Context(), id, in.At)
	if err != nil {
		return err
	}
	return s.auditCampaign(w, r, http.StatusOK, "campaign.schedule", c)
}

func (s *Server) previewCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	var in struct {
		AlumnusID *int64 `json:"alumnus_id"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	p, err := s.Campaigns.ForCampaign(r.Context(), id, in.AlumnusID)
	if err != nil {
		return err
	}
	return s.writePreview(w, r, p)
}

func (s *Server) writePreview(w http.ResponseWriter, r *http.Request, in mail.PreviewInput) error {
	p, err := s.Campaigns.Preview(r.Context(), in)
	if err != nil {
		return err
	}
	if p.Recipient != nil {
		if err := s.Audit.Record(r.Context(), "campaign.preview", fmt.Sprintf("alumnus:%d", p.Recipient.AlumnusID), campaignSubject(in.CampaignID)); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, p)
	return nil
}

func (s *Server) previewDraft(w http.ResponseWriter, r *http.Request) error {
	if err := s.mailOn(); err != nil {
		return err
	}
	var in mail.PreviewInput
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	return s.writePreview(w, r, in)
}

func (s *Server) mergeFields(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]any{"items": mail.MergeFields})
	return nil
}

// testSendWait is how long a test send waits for the server's reply.
const testSendWait = 15 * time.Second

func (s *Server) testSendCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	var in struct {
		To string `json:"to"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.To == "" {
		in.To = actor.From(r.Context()).Name
	}
	res, err := s.Campaigns.TestSend(r.Context(), id, in.To, testSendWait)
	if err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "campaign.test_send", campaignSubject(id), "to="+in.To); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}
