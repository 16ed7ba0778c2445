package httpapi

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
)

func (s *Server) campaignRecipients(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	page := mail.RecipientPage{Items: []mail.RecipientRow{}}
	if page.Offset, page.Limit, err = paging(r); err != nil {
		return err
	}
	q := r.URL.Query()
	page.Total, err = s.Campaigns.Recipients(r.Context(), id, q.Get("q"), q.Get("state"), page.Offset, page.Limit,
		func(row mail.RecipientRow) error { page.Items = append(page.Items, row); return nil })
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, page)
	return nil
}

// recipientHeaders are the export's columns, in Japanese.
var recipientHeaders = []string{"ID", "卒業生ID", "氏名", "メールアドレス", "状態", "試行回数", "最後の応答", "送信日時"}

func (s *Server) exportRecipients(w http.ResponseWriter, r *http.Request) error {
	id, err := s.campaignID(r)
	if err != nil {
		return err
	}
	if _, err := s.Campaigns.Get(r.Context(), id); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "campaign.export_recipients", campaignSubject(id), ""); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="campaign-%d-recipients.csv"`, id))
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Write(recipientHeaders)
	q := r.URL.Query()
	_, err = s.Campaigns.Recipients(r.Context(), id, q.Get("q"), q.Get("state"), 0, 0, func(row mail.RecipientRow) error {
		sent := ""
		if row.SentAt != nil {
			sent = row.SentAt.Format(time.RFC3339)
		}
		return cw.Write([]string{strconv.FormatInt(row.ID, 10), strconv.FormatInt(row.AlumnusID, 10), row.Name, row.Address,
			string(row.State), strconv.Itoa(row.Attempts), row.LastReply, sent})
	})
	cw.Flush()
	if err != nil {
		s.Log.Error("recipient export", "campaign", id, "err", err) // headers are gone: log it
	}
	return nil
}

// click is the public redirect of a click-tracked link: it records the
// click and sends the reader on. A forged or broken link gets a short page.
func (s *Server) click(w http.ResponseWriter, r *http.Request) error {
	if s.Mail == nil {
		return errCampaignsOff
	}
	u, err := s.Mail.Click(r.Context(), r.URL.Query().Get("t"))
	if errors.Is(err, mail.ErrInvalidToken) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`<!doctype html><html lang="ja"><meta charset="utf-8"><title>リンクが無効です</title>` +
			`<p>このリンクは無効です。メールのリンクをもう一度お確かめください。</p><p lang="en">This link is invalid.</p></html>`))
		return nil
	}
	if err != nil {
		return err
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	http.Redirect(w, r, u, http.StatusFound)
	return nil
}
